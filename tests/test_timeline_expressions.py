"""Temporal expressions read at the precision the text gives, and the days an article's own news
adds to the timeline (its statements, its publication day), with the cases where none may be read."""
from __future__ import annotations

import pytest

from generator.extract import dates
from generator.model import PartialDate

from .test_timeline_days import days_of, timeline_of

ANCHOR = PartialDate(2025, 5, 14)  # a Wednesday


def iso(text: str, anchor: PartialDate | None = ANCHOR) -> list[tuple[str, str | None]]:
    return [(m.text, m.value.iso() if m.value else None) for m in dates.find_dates(text, anchor)]


# ---------------------------------------------------------------- ranges, at their stated precision


@pytest.mark.parametrize("text, expected", [
    ("The fair ran from May 3 to 5.", [("May 3 to 5", "2025-05-03/2025-05-05")]),
    ("Between April 10 and 14, inspectors visited the yard.", [("Between April 10 and 14", "2025-04-10/2025-04-14")]),
    ("The regatta, 3-5 May 2024, drew crowds.", [("3-5 May 2024", "2024-05-03/2024-05-05")]),
    ("Sailings stopped from March to April.", [("from March to April", "2025-03/2025-04")]),
    ("The survey ran between November and February 2025.", [("between November and February 2025", "2024-11/2025-02")]),
])
def test_a_range_is_read_as_the_interval_it_states(text, expected) -> None:
    assert iso(text) == expected


def test_a_range_across_the_year_boundary_ends_in_the_next_year() -> None:
    assert iso("The yard closed from Dec. 28 to Jan. 3.", PartialDate(2025, 1, 20)) == \
        [("Dec. 28 to Jan. 3", "2024-12-28/2025-01-03")]


def test_two_days_joined_by_and_are_not_a_range() -> None:
    # "on May 3 and 5" names two days; only "between" makes "and" a range.
    assert iso("The crews met on May 3 and 5.")[0] == ("May 3", "2025-05-03")
    assert iso("Prices rose in March and May.")[0] == ("in March", "2025-03")


def test_a_dash_before_a_count_is_no_range() -> None:
    assert iso("On May 13 - 5 people were hurt.") == [("May 13", "2025-05-13")]
    assert iso("On May 3 — 15 crew members walked out.") == [("May 3", "2025-05-03")]


def test_a_range_of_days_gives_no_single_day(nlp) -> None:
    assert days_of(nlp, "The ferry crews walked out from May 5 to 7.") == []


# ---------------------------------------------------------------- counts and spans


def test_a_compound_number_is_read_whole() -> None:
    assert iso("Seventy-five years ago the pier burned.") == [("Seventy-five years ago", "1950")]
    assert iso("Five years ago the pier burned.") == [("Five years ago", "2020")]


def test_the_past_year_runs_up_to_publication_not_the_last_calendar_year() -> None:
    assert iso("Fares have doubled over the past year.") == [("past year", "2024-05-14/2025-05-14")]
    assert iso("Fares doubled last year.") == [("last year", "2024")]


# ---------------------------------------------------------------- a month and day without a year


def test_a_yearless_day_in_a_narrative_takes_the_narrative_year(nlp) -> None:
    body = ("On June 2 2019 the harbour board received the engineers' report.\n\n"
            "On June 11, the board voted to close the pier.")
    assert days_of(nlp, body) == ["2019-06-02", "2019-06-11"]


def test_the_same_day_stated_earlier_keeps_its_year(nlp) -> None:
    body = ("The harbour board received the report on 9 April 2019.\n\n"
            "Ferries kept sailing through the summer.\n\nFares rose.\n\nCrews complained.\n\n"
            "Nobody at the board read the report it received on 9 April.")
    assert days_of(nlp, body)[-1] == "2019-04-09"


def test_a_yearless_day_without_a_narrative_is_the_one_before_publication(nlp) -> None:
    assert days_of(nlp, "The ferry crews walked out on May 9.") == ["2025-05-09"]
    assert days_of(nlp, "The ferry crews walked out on December 30.") == ["2024-12-30"]


# ---------------------------------------------------------------- where no day may be read


@pytest.mark.parametrize("sentence", [
    "The crowd expected today will fill the harbour square.",  # a plan, in a reduced clause
    "Ferries at night were a thing unthinkable today.",  # a state qualifying an adjective
    "Write to the desk at desk@example.org by Tuesday.",  # a contact line
    "This page appeared on p10 of the weekend section at 08.42 GMT on Saturday 10 May 2025.",  # a print stamp
    "The mayor read out a sketch on the Today show.",  # a programme's title
])
def test_no_day_from_plans_states_or_page_furniture(nlp, sentence) -> None:
    assert days_of(nlp, sentence) == []


def test_an_occasion_dated_with_a_is_a_day_but_a_named_date_is_not(nlp) -> None:
    assert days_of(nlp, "In a May 9 speech, the mayor blamed the ferry company.") == ["2025-05-09"]
    assert days_of(nlp, "The survivors of the 9 May fire met the minister.") == []


# ---------------------------------------------------------------- an article's own news


def test_a_statement_dated_yesterday_is_a_day_of_the_story(nlp) -> None:
    events = timeline_of(nlp, ("The harbour master said yesterday that the pier was unsafe.\n", "2025-05-14"))
    assert [e.date.iso() for e in events if e.date is not None] == ["2025-05-13"]


def test_a_first_person_aside_is_no_day_of_the_story(nlp) -> None:
    events = timeline_of(nlp, ("I talked to a ferry captain yesterday about the pier.\n", "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.precision == "day"]


def test_an_undated_news_lead_is_the_news_of_its_publication_day(nlp) -> None:
    events = timeline_of(nlp, ("Oslovik ferry crews have walked out over unpaid overtime.\n", "2025-05-14"))
    (entry,) = [e for e in events if e.date is not None and e.date.precision == "day"]
    assert entry.date.iso() == "2025-05-14" and entry.summary.startswith("Oslovik ferry crews have walked out")


def test_a_lead_that_dates_its_news_does_not_add_the_publication_day(nlp) -> None:
    events = timeline_of(nlp, ("Oslovik ferry crews walked out yesterday over unpaid overtime.\n", "2025-05-14"))
    assert [e.date.iso() for e in events if e.date is not None and e.date.precision == "day"] == ["2025-05-13"]


def test_a_forecast_lead_adds_no_day(nlp) -> None:
    events = timeline_of(nlp, ("Oslovik ferry crews will walk out over unpaid overtime.\n", "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.precision == "day"]


def test_a_when_clause_dates_its_main_clause_so_the_lead_is_not_the_publication_days_news(nlp) -> None:
    body = "When the harbour ministers met in Oslovik last month, they agreed a new ferry levy.\n"
    events = timeline_of(nlp, (body, "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.precision == "day"]
    assert [e.date.iso() for e in events if e.date is not None] == ["2025-04"]


# ---------------------------------------------------------------- dated by another event


@pytest.mark.parametrize("second, expected", [
    ("A week after the accident, the harbour master resigned.", "2025-05-09"),
    ("Within hours of the grounding, the harbour master resigned.", "2025-05-02/2025-05-03"),
])
def test_a_day_counted_from_an_event_the_article_dated(nlp, second, expected) -> None:
    body = f"A ferry ran aground off Oslovik on May 2.\n\n{second}\n"
    events = timeline_of(nlp, (body, "2025-05-14"))
    assert [e.date.iso() for e in events if e.date is not None and "resigned" in e.summary] == [expected]


def test_an_event_counted_from_an_undated_one_is_not_put_on_the_publication_day(nlp) -> None:
    events = timeline_of(nlp, ("A week after the accident, the harbour master resigned.\n", "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.iso() == "2025-05-14"]


def test_a_month_with_the_year_in_words_takes_that_year() -> None:
    anchor = PartialDate(2025, 1, 24)
    assert iso("From May or June this year, the yard will hire.", anchor) == \
        [("From May or June this year", "2025-05/2025-06")]
    assert iso("The yard opened in June last year.", anchor) == [("in June last year", "2024-06")]
    assert iso("The yard opened in June.", anchor) == [("in June", "2024-06")]  # no year said: the past one


def test_a_lead_recalling_the_past_is_not_its_publication_days_news(nlp) -> None:
    body = "On October 9 2012 a newspaper in Oslovik published an upbeat story on the ferry vote.\n"
    events = timeline_of(nlp, (body, "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.iso() == "2025-05-14"]


@pytest.mark.parametrize("lead", [
    "Twenty years ago, in the midst of another crisis, the harbour board of Oslovik set up a ferry fund.\n\n"
    "The result of that effort was the Oslovik Ferry Trust, which cleaned up the harbour debts in four years.\n",
    "When the harbour ministers met in Oslovik last month, they agreed a new ferry levy.\n\n"
    "It was promptly collected by the ferry companies and quelled the worst of the protests.\n",
])
def test_a_past_told_after_the_lead_turns_back_is_not_the_publication_days_news(nlp, lead) -> None:
    events = timeline_of(nlp, (lead, "2025-05-14"))
    assert not [e for e in events if e.date is not None and e.date.iso() == "2025-05-14"]


def test_a_present_perfect_after_a_look_back_is_still_the_days_news(nlp) -> None:
    body = ("Twenty years ago, the harbour board of Oslovik set up a ferry fund.\n\n"
            "The ferry crews of Oslovik have walked out over unpaid overtime.\n")
    events = timeline_of(nlp, (body, "2025-05-14"))
    assert [e.summary for e in events if e.date is not None and e.date.iso() == "2025-05-14"] == \
        ["The ferry crews of Oslovik have walked out over unpaid overtime."]


# ---------------------------------------------------------------- summaries are clauses


def test_an_event_told_in_a_relative_clause_is_summarised_as_a_clause(nlp) -> None:
    from generator.extract.timeline import article_events
    from generator.nlp import parse

    from .test_timeline import make_article

    body = "The harbour council, which closed the old pier in 2019, met again.\n"
    (one,) = parse([make_article("x1", body, "2025-05-14")], nlp)
    summaries = [m.summary for m in article_events(one).mentions]
    assert "The harbour council closed the old pier in 2019" in summaries


def test_an_article_published_before_a_day_never_supports_it(nlp) -> None:
    later = ("Oslovik ferry crews walked out on Tuesday over unpaid overtime.\n", "2025-05-14")
    earlier = ("Oslovik ferry crews walked out over unpaid overtime.\n", "2025-05-01")
    events = timeline_of(nlp, later, earlier)
    (tuesday,) = [e for e in events if e.date is not None and e.date.iso() == "2025-05-13"]
    assert {ref.article for ref in tuesday.sources} == {"t0"}
