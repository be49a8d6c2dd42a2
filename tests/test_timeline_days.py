"""The days that mattered: temporal expressions read per sentence, days chosen by support, and
the overview's latest developments, on small invented stories (a ferry strike, a dam repair)."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import dates, timeline
from generator.extract.timeline.overview import generated_title, story_for
from generator.model import DateValue, Event, PartialDate, SourceRef, Story
from generator.nlp import parse
from generator.render_timeline import latest_developments, where_it_stands
from generator.scaffold import DEFAULT_TITLE

from .test_timeline import FakeIndex, make_article


def days_of(nlp, body: str, published: str = "2025-05-14") -> list[str]:
    """The days one article's sentences say something happened on."""
    (one,) = parse([make_article("x1", body, published)], nlp)
    return [d.day for d in timeline.article_events(one).days]


def timeline_of(nlp, *bodies: tuple[str, str]):
    articles = [make_article(f"t{i}", body, published) for i, (body, published) in enumerate(bodies)]
    parsed = parse(articles, nlp)
    per_article = [timeline.article_events(p) for p in parsed]
    return timeline.combine_events(per_article, tuple(p.article for p in parsed), FakeIndex())


# ---------------------------------------------------------------- expressions read (2025-05-14 is a Wednesday)


@pytest.mark.parametrize("sentence, day", [
    ("The ferry crews walked out on Monday.", "2025-05-12"),
    ("The ferry crews walked out yesterday.", "2025-05-13"),
    ("The ferry crews walked out today.", "2025-05-14"),
    ("The ferry crews walked out last night.", "2025-05-13"),
    ("The ferry crews walked out last Wednesday.", "2025-05-07"),
    ("The ferry crews walked out on May 9.", "2025-05-09"),
    ("The ferry crews walked out on 9 May.", "2025-05-09"),
    ("The ferry crews walked out on December 30.", "2024-12-30"),  # no year: the one before publication
    ("The ferry crews walked out on Friday, May 9, 2025.", "2025-05-09"),
])
def test_each_kind_of_day_expression_is_resolved_against_publication(blank_nlp, sentence, day) -> None:
    assert days_of(blank_nlp, sentence) == [day]


def test_a_wire_dateline_is_when_the_story_was_filed_not_an_event(blank_nlp) -> None:
    body = "OSLOVIK, May 14 (Harbour Wire) - The ferry crews walked out on Monday."
    assert days_of(blank_nlp, body) == ["2025-05-12"]


def test_vaguer_expressions_give_no_day(blank_nlp) -> None:
    # "last week" and "this month" are a week and a month: dated events, never a day's entry.
    assert days_of(blank_nlp, "The ferry crews walked out last week.") == []
    assert days_of(blank_nlp, "The ferry crews walked out earlier this month.") == []


@pytest.mark.parametrize("sentence", [
    "Talks will resume on Monday.",  # future
    "The strike vote is scheduled for Friday.",  # a plan, passive
    "The union plans to vote on Friday.",  # a plan, with "to"
    "The crews could walk out on Friday.",  # modal
    "The ferry company's chief expects the sailings to restart on Monday.",
])
def test_forecasts_and_plans_are_not_days_that_happened(nlp, sentence) -> None:
    assert days_of(nlp, sentence, "2025-05-10") == []


def test_a_future_day_is_never_an_event(nlp) -> None:
    events = timeline_of(nlp, ("The harbour board will meet on Monday to approve a new timetable.\n", "2025-05-10"))
    assert not [e for e in events if e.date is not None and e.date.first_day() > dt.date(2025, 5, 10)]


@pytest.mark.parametrize("sentence", [
    'Staff watched the film "Friday Night Ferries" at the depot.',  # a weekday in a quoted name
    "Black Friday sales at the harbour shop fell.",  # a named day
    "Friday's deadline for a deal passed quietly.",  # a possessive names a thing
    "Page last updated at 08:14 GMT, Tuesday, 13 May 2025",  # the page's time stamp
])
def test_where_no_day_may_be_read(blank_nlp, sentence) -> None:
    assert days_of(blank_nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "The survivors of the 9 May fire met the minister.",  # a yearless date naming an event
    "Afghanistan today looks much as it did in 1992.",  # a state in the present, not an event
    "The harbour today has 2011 berths for small boats.",  # a year that is an amount
])
def test_where_the_parse_says_no_day_may_be_read(nlp, sentence) -> None:
    assert days_of(nlp, sentence) == []


def test_a_time_stamp_run_into_a_sentence_keeps_the_sentence_dates(blank_nlp) -> None:
    body = "Wednesday 14 May 2025 00.02 BST The ferry crews walked out yesterday."
    assert days_of(blank_nlp, body) == ["2025-05-13"]


def test_timestamps_and_furniture_are_stripped_from_summaries() -> None:
    assert dates.is_timestamp("Page last updated at 08:14 GMT, Tuesday, 8 November 2011")
    assert dates.is_timestamp("May 14, 2025: 5:11 PM ET HALDEN -- ferry crews")
    assert not dates.is_timestamp("The quake struck at 16:53 local time on Tuesday.")
    assert dates.without_furniture("Jane Roe | 09:37 UK time, Monday, 12 May 2025 The crews left.") == \
        "The crews left."
    assert dates.without_furniture("OSLOVIK (Harbour Wire) - The crews left.") == "The crews left."
    assert dates.without_furniture("OSLOVIK | Wed May 14, 2025 3:31 pm BST OSLOVIK (Harbour Wire) - The crews left.") \
        == "The crews left."  # a dateline after the page's stamp
    assert dates.without_furniture("Crews - most of them - left.") == "Crews - most of them - left."


# ---------------------------------------------------------------- days chosen by support


STRIKE_1 = """Ferry crews at Oslovik walked out on Monday over unpaid overtime.

The harbour board met the union on Sunday.
"""
STRIKE_2 = """Oslovik ferry crews walked out on Monday, stranding hundreds of passengers.

On May 10, 1940, the old pier was destroyed in a storm.
"""
STRIKE_3 = """The Oslovik ferry strike that began on Monday has ended, the union said.

Sailings will restart on Friday.
"""


@pytest.fixture(scope="module")
def strike(nlp):
    return timeline_of(nlp, (STRIKE_1, "2025-05-13"), (STRIKE_2, "2025-05-13"), (STRIKE_3, "2025-05-14"))


def by_day(events, day: str) -> Event:
    (hit,) = [e for e in events if e.date is not None and e.date.iso() == day]
    return hit


def test_one_entry_per_day_cited_by_every_article_reporting_it(strike) -> None:
    monday = by_day(strike, "2025-05-12")
    assert sorted({ref.article for ref in monday.sources}) == ["t0", "t1", "t2"]
    assert len(monday.sources) == 3  # one sentence per article


def test_the_day_with_more_support_outranks_the_single_mention(strike) -> None:
    monday, sunday = by_day(strike, "2025-05-12"), by_day(strike, "2025-05-11")
    assert len({r.article for r in monday.sources}) > len({r.article for r in sunday.sources})


def test_history_before_the_coverage_and_forecasts_are_not_days_of_the_story(strike) -> None:
    days = {e.date.iso() for e in strike if e.date is not None}
    assert "1940-05-10" not in days
    assert "2025-05-16" not in days  # "Sailings will restart on Friday"


def test_a_day_summary_is_a_whole_sentence_from_its_sources(strike) -> None:
    for e in strike:
        if e.date is not None and e.date.precision == "day":
            assert e.summary[0].isupper() and e.summary[-1] in ".!\"”'’)", e.summary
            assert any(e.summary in ref.quote for ref in e.sources)


def test_the_summary_is_the_sentence_nearest_the_day_centroid(strike) -> None:
    # Two of three articles say the crews walked out; the third that the strike began.
    assert "walked out" in by_day(strike, "2025-05-12").summary


# ---------------------------------------------------------------- the overview


def event(day: str | None, summary: str, articles: int, month: bool = False) -> Event:
    date = None
    if day is not None:
        start = PartialDate.parse(day[:7]) if month else PartialDate.parse(day)
        date = DateValue(start, None, "stated", day)
    refs = tuple(SourceRef(f"a{i}", 1, 1, summary) for i in range(articles))
    return Event(id=f"{day}-{summary[:5]}", date=date, summary=summary, sources=refs)


def test_latest_developments_are_the_latest_well_supported_days() -> None:
    events = [event("2025-05-01", "Crews walked out.", 3), event("2025-05-02", "Talks began.", 2),
              event("2025-05-03", "Talks failed.", 2), event("2025-05-04", "The board met.", 2),
              event("2025-05-05", "A ferry sailed.", 2), event("2025-05-06", "A rumour spread.", 1),
              event("2025-06-01", "Sailings will restart.", 4, month=True), event(None, "Background.", 5)]
    latest = latest_developments(events)
    assert [e.summary for e in latest] == ["A ferry sailed.", "The board met.", "Talks failed.",
                                           "Talks began.", "Crews walked out."]
    assert where_it_stands(events)[0].summary == "A ferry sailed."


def test_without_enough_well_supported_days_the_latest_days_are_shown_never_a_month() -> None:
    events = [event("2025-05-01", "Crews walked out.", 1), event("2025-05-02", "Talks began.", 1),
              event("2026-01-01", "Next year.", 3, month=True)]
    assert [e.summary for e in latest_developments(events)] == ["Talks began.", "Crews walked out."]


def test_the_placeholder_title_and_scope_are_generated_and_marked() -> None:
    articles = [make_article("s1", "The ferry strike closed the harbour on Monday.", "2025-05-13"),
                make_article("s2", "A long ferry strike ended on Tuesday.", "2025-05-14")]
    topics = [[("ferry strike", 1), ("harbour", 1)], [("ferry strike", 2), ("long ferry strike", 2)]]
    placeholder = Story(DEFAULT_TITLE, "Describe the story in a paragraph: who is involved.")
    story = story_for(placeholder, [event("2025-05-12", "The ferry strike closed the harbour.", 2)],
                      articles, topics)
    assert story.generated
    assert story.title == "Ferry strike, May 2025"
    assert "2 articles" in story.scope and "12 May 2025" in story.scope
    written = Story("The Oslovik ferry strike", "Crews against the harbour board.")
    assert story_for(written, [], articles, topics) == written


def test_no_title_is_made_from_a_phrase_only_one_article_uses() -> None:
    assert generated_title([[("ferry strike", 1)], [("harbour board", 2)]], []) == ""


def test_a_teaser_copied_onto_every_page_does_not_name_the_story() -> None:
    teaser = [("celebrity wedding", 99)]  # the same sentence on three pages
    topics = [teaser + [("ferry strike", 1)], teaser + [("ferry strike", 2)], teaser + [("ferry strike", 3)]]
    assert generated_title(topics, []) == "Ferry strike"


def test_a_story_dated_only_by_month_still_shows_its_latest_development_never_a_forecast() -> None:
    events = [event("2025-03-01", "Talks resumed.", 3, month=True), event("2025-01-01", "A deal.", 2, month=True),
              event("2026-01-01", "Sailings will restart.", 4, month=True)]
    latest = latest_developments(events, as_of=PartialDate(2025, 3))
    assert [e.summary for e in latest] == ["Talks resumed.", "A deal."]
    assert where_it_stands(events, PartialDate(2025, 3))[0].summary == "Talks resumed."
