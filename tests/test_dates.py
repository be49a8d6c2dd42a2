"""Date expressions resolved against day-, month- and year-precise publication dates."""
from __future__ import annotations

import pytest

from generator.extract import dates
from generator.model import DateValue, PartialDate

DAY = PartialDate(2024, 3, 8)  # a Friday, in a leap year
MONTH = PartialDate(2026, 3)
YEAR = PartialDate(2026)


def iso(expression: str, anchor: PartialDate | None, future: bool = False) -> str | None:
    value = dates.resolve(expression, anchor, future)
    return value.iso() if value else None


@pytest.mark.parametrize("expression, expected, how", [
    ("March 6, 2026", "2026-03-06", "stated"),
    ("6 March 2025", "2025-03-06", "stated"),
    ("in 2021", "2021", "stated"),
    ("early 2025", "2025-01/2025-04", "stated"),
    ("late 2019", "2019-09/2019-12", "stated"),
    ("June 2023", "2023-06", "stated"),
    ("2023-11-02", "2023-11-02", "stated"),
])
def test_explicit_dates_need_no_anchor(expression: str, expected: str, how: str) -> None:
    value = dates.resolve(expression, None)
    assert value is not None and value.iso() == expected and value.how == how


@pytest.mark.parametrize("expression, expected", [
    ("yesterday", "2024-03-07"),
    ("today", "2024-03-08"),
    ("last Friday", "2024-03-01"),  # published on a Friday: a week earlier, not the same day
    ("on Friday", "2024-03-08"),
    ("Tuesday", "2024-03-05"),
    ("last Thursday", "2024-03-07"),
    ("last week", "2024-02-26/2024-03-03"),
    ("this week", "2024-03-04/2024-03-10"),
    ("last month", "2024-02"),
    ("this month", "2024-03"),
    ("last year", "2023"),
    ("earlier this year", "2024-01-01/2024-03-07"),
    ("two days ago", "2024-03-06"),
    ("in February", "2024-02"),
    ("late February", "2024-02-21/2024-02-29"),  # leap year: February has 29 days
    ("6 March", "2024-03-06"),
    ("Tuesday, March 5", "2024-03-05"),
    ("in December", "2023-12"),  # a past month after the anchor's is last year's
    ("last weekend", "2024-03-02/2024-03-03"),
])
def test_relative_to_a_day(expression: str, expected: str) -> None:
    value = dates.resolve(expression, DAY)
    assert value is not None and value.iso() == expected
    assert value.how in ("resolved", "stated") and value.expression == expression


def test_future_tense_looks_forward() -> None:
    assert iso("on Friday", PartialDate(2024, 3, 6), future=True) == "2024-03-08"
    assert iso("in December", DAY, future=True) == "2024-12"
    assert iso("next Friday", DAY) == "2024-03-15"


def test_month_anchor_gives_the_interval_of_every_possible_day() -> None:
    # Published some day in March 2026: the Friday before 1 March (Sunday) is 27 February,
    # the Friday before 31 March (Tuesday) is 27 March.
    assert iso("last Friday", MONTH) == "2026-02-27/2026-03-27"
    assert iso("yesterday", MONTH) == "2026-02-28/2026-03-30"
    assert iso("last week", MONTH) == "2026-02-16/2026-03-29"
    assert iso("last month", MONTH) == "2026-02"
    assert iso("last year", MONTH) == "2025"
    assert iso("in February", MONTH) == "2026-02"


def test_year_anchor_keeps_what_is_known() -> None:
    assert iso("last year", YEAR) == "2025"
    assert iso("this month", YEAR) == "2026"
    assert iso("last Friday", YEAR) == "2025-12-26/2026-12-25"
    assert iso("late February", YEAR) == "2026-02-21/2026-02-28"


def test_month_end_and_leap_day() -> None:
    assert iso("yesterday", PartialDate(2024, 3, 1)) == "2024-02-29"
    assert iso("yesterday", PartialDate(2025, 3, 1)) == "2025-02-28"
    assert iso("last month", PartialDate(2025, 1, 15)) == "2024-12"
    assert iso("February 29", PartialDate(2024, 6, 1)) == "2024-02-29"
    assert iso("February 29", PartialDate(2026, 6, 1)) is None  # no leap year within reach
    assert dates.resolve("February 30, 2024", None) is None


@pytest.mark.parametrize("text", [
    "The plan is measured in 2021 dollars.",
    "The kingdom's Vision 2030 programme expands.",
    "Officials rejected Friday's deadline.",
    "Shoppers queued on Black Friday.",
    "The firm may raise prices.",
    "Protesters joined the march.",
])
def test_not_dates(text: str) -> None:
    assert [m for m in dates.find_dates(text, DAY) if m.value is not None] == []


def test_vague_expressions_do_not_resolve() -> None:
    assert dates.resolve("recently", DAY) is None
    assert dates.resolve("last Friday", None) is None  # relative, and nothing to resolve against


def test_find_dates_in_a_sentence() -> None:
    found = dates.find_dates("The union walked out last Friday and talks resumed on 2 March.", DAY)
    assert [(m.text, m.value.iso() if m.value else None) for m in found] == [
        ("last Friday", "2024-03-01"), ("2 March", "2024-03-02")]
    # In the past tense a day after publication is last year's; in the future tense, this year's.
    assert iso("12 March", DAY) == "2023-03-12"
    assert iso("12 March", DAY, future=True) == "2024-03-12"


def test_relative_phrases() -> None:
    (rel,) = dates.find_relative("The plant reopened just days after the fire.")
    assert rel.direction == "after" and rel.lag == (1, 5) and rel.target == "the fire."
    (rel,) = dates.find_relative("Within hours of the vote, the mayor resigned.")
    assert rel.direction == "after" and rel.lag == (0, 1)
    (rel,) = dates.find_relative("Two weeks before the recall, inspectors warned the firm.")
    assert rel.direction == "before" and rel.lag == (14, 14)


def test_shift_and_cap() -> None:
    fire = DateValue(PartialDate(2024, 3, 1))
    later = dates.shift(fire, (1, 5), "after", cap=PartialDate(2024, 3, 4))
    assert later.iso() == "2024-03-02/2024-03-04" and later.how == "inferred"
    before = dates.shift(fire, (14, 14), "before")
    assert before.iso() == "2024-02-16"


def test_whole_months_collapse_to_month_precision() -> None:
    import datetime as dt

    value = dates.to_value(dt.date(2026, 2, 1), dt.date(2026, 3, 31), "resolved", "x")
    assert value.iso() == "2026-02/2026-03"
    assert dates.to_value(dt.date(2026, 1, 1), dt.date(2026, 12, 31), "resolved", "x").iso() == "2026"


def test_wire_dateline_is_not_an_event_date() -> None:
    found = dates.find_dates("OSLOVIK, May 14 (Harbour Wire) - The ferry company cancelled sailings on Tuesday.",
                             PartialDate(2025, 5, 14))
    assert [(m.text, m.value.iso() if m.value else None) for m in found] == [("on Tuesday", "2025-05-13")]
    assert dates.dateline_end("The ferry sailed on May 14 - late, as usual.") == 0


@pytest.mark.parametrize("anchor, expected", [
    (PartialDate(2025, 6, 17), "2025-03"),  # "Until March, staff tested...": looking back
    (PartialDate(2025, 1, 20), "2025-03"),  # "until March" written in January: just ahead
])
def test_until_a_month_takes_the_nearest_one(anchor: PartialDate, expected: str) -> None:
    assert iso("until March", anchor) == expected
    assert iso("until March", PartialDate(2025, 6, 17), future=True) == "2026-03"
