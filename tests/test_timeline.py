"""Timeline: events per article and across articles, on an invented food-recall story."""
from __future__ import annotations

import pickle
import re

import pytest

from generator.corpus import split_blocks
from generator.extract import timeline
from generator.model import Article, DateValue, PartialDate, SourceRef
from generator.nlp import ParsedArticle, parse

PLAYERS = {"brightline": "Brightline Foods", "olsen": "Maria Olsen", "harvest": "Harvest Co"}


class FakeIndex:
    """The players index, faked: fixed names matched in the sentence text."""

    def resolve(self, name: str) -> str | None:
        return next((pid for pid, full in sorted(PLAYERS.items()) if name == full), None)

    def in_sentence(self, ref: SourceRef) -> tuple[str, ...]:
        hits = sorted((ref.quote.find(full), pid) for pid, full in PLAYERS.items() if full in ref.quote)
        return tuple(pid for _pos, pid in hits)

    def name(self, player_id: str) -> str:
        return PLAYERS[player_id]


def make_article(article_id: str, body: str, published: str | None) -> Article:
    return Article(
        id=article_id, path=f"corpus/articles/{article_id}.md", title=article_id, outlet=None, url=None,
        published=PartialDate.parse(published) if published else None, author=None, language="en",
        inferred=(), paragraphs=tuple(split_blocks(body.splitlines(), 1)), body_line=1, sha256=article_id)


A1 = """Brightline Foods has recalled 40,000 jars of peanut butter after a fire at its Dayton plant.

The company announced the recall on Tuesday, March 5.

Within hours of the recall, Brightline Foods chief executive Tom Reyes resigned.

State inspectors ordered the Dayton plant closed last week.

Analysts think the recall is a warning for the whole industry.

Brightline Foods was founded in 1998 by Maria Olsen.
"""

A2 = """Brightline Foods recalled 40,000 jars of peanut butter on March 5, the company said.

Workers at the Dayton plant walked out last Friday over safety concerns.

The union rejected Friday's deadline for a return to work.
"""

A3 = """Harvest Co recalled frozen spinach in January after a salmonella scare.
"""


@pytest.fixture(scope="module")
def parsed(nlp) -> list[ParsedArticle]:
    articles = [make_article("a1", A1, "2024-03-08"), make_article("a2", A2, "2024-03"),
                make_article("a3", A3, "2024-03-09")]
    return parse(articles, nlp)


@pytest.fixture(scope="module")
def events(parsed):
    per_article = [timeline.article_events(p) for p in parsed]
    return timeline.combine_events(per_article, tuple(p.article for p in parsed), FakeIndex())


def find(events, pattern: str):
    hits = [e for e in events if re.search(pattern, e.summary)]
    assert len(hits) == 1, [e.summary for e in events]
    return hits[0]


def test_article_events_are_plain_picklable_data(parsed) -> None:
    result = timeline.article_events(parsed[0])
    assert pickle.loads(pickle.dumps(result)) == result
    assert result.article == "a1" and result.mentions


def test_same_event_in_two_articles_is_one_entry(events) -> None:
    recall = find(events, r"recall.*peanut|peanut.*recall|announced the recall")
    assert {s.article for s in recall.sources} == {"a1", "a2"}
    assert recall.date is not None and recall.date.iso() == "2024-03-05"
    assert "brightline" in recall.players


def test_two_recalls_by_different_companies_stay_apart(events) -> None:
    spinach = find(events, r"spinach")
    assert [s.article for s in spinach.sources] == ["a3"]
    assert spinach.date is not None and spinach.date.iso() == "2024-01"


def test_stated_and_resolved_dates(events) -> None:
    founded = find(events, r"founded")
    assert founded.date == DateValue(PartialDate(1998), None, "stated", "in 1998")
    closed = find(events, r"ordered")
    assert closed.date is not None and closed.date.iso() == "2024-02-26/2024-03-03"
    assert closed.date.how == "resolved"
    # Published some day in March 2024: "last Friday" is between 23 February and 29 March.
    walkout = find(events, r"walked out")
    assert walkout.date is not None and walkout.date.iso() == "2024-02-23/2024-03-29"


def test_event_dated_by_another_event_of_the_same_article(events) -> None:
    resigned = find(events, r"resigned")
    assert resigned.date is not None and resigned.date.how == "inferred"
    assert resigned.date.iso() == "2024-03-05/2024-03-06"


def test_opinion_is_not_an_event(events) -> None:
    assert not any("Analysts think" in e.summary for e in events)


def test_possessive_weekday_does_not_date_an_event(events) -> None:
    assert not any(e.date and "Friday's" in e.date.expression for e in events)


def test_order_and_ids(events) -> None:
    dated = [e for e in events if e.date is not None]
    assert events[:len(dated)] == tuple(dated)  # dated first, then undated background
    keys = [e.date.sort_key() for e in dated]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    assert dated[0].summary.startswith("Brightline Foods was founded")
    assert len({e.id for e in events}) == len(events)
    assert all(re.fullmatch(r"[a-z0-9-]+", e.id) for e in events)


def test_summaries_are_taken_from_the_source(events) -> None:
    for event in events:
        quotes = " ".join(s.quote for s in event.sources)
        words = re.findall(r"\w+", event.summary.lower())
        assert all(w in quotes.lower() for w in words), event.summary


def test_deterministic(parsed) -> None:
    first = [timeline.article_events(p) for p in parsed]
    again = [timeline.article_events(p) for p in reversed(parsed)]
    articles = tuple(p.article for p in parsed)
    assert timeline.combine_events(first, articles, FakeIndex()) == \
        timeline.combine_events(again, articles, FakeIndex())


def test_undated_news_in_the_lead_takes_the_publication_date(nlp) -> None:
    (one,) = parse([make_article("b1", "The Riverside union has called a strike vote.\n", "2024-03")], nlp)
    events = timeline.combine_events([timeline.article_events(one)], (one.article,), FakeIndex())
    (vote,) = events
    assert vote.date == DateValue(PartialDate(2024, 3), None, "inferred", "publication date")


def test_undated_past_event_is_background_not_guessed(nlp) -> None:
    text = "Intro line about the dairy sector.\n\nMore context on prices.\n\nYet more context.\n\n" \
           "Greenvale Dairy fired its head of safety.\n"
    (one,) = parse([make_article("b2", text, "2024-03")], nlp)
    events = timeline.combine_events([timeline.article_events(one)], (one.article,), FakeIndex())
    fired = find(events, r"fired")
    assert fired.date is None


WIRE = """OSLOVIK, May 14 (Harbour Wire) - The ferry company cancelled all sailings on Tuesday after a fuel leak.

"We stopped the boats on Monday night," said harbour master Ines Vold.

Ines Vold has worked at the harbour for twenty years.

Inspectors found a cracked, rusty pipe under the main pier on Wednesday, according to the port's own incident log, which was released to reporters.
"""


@pytest.fixture(scope="module")
def wire_events(nlp):
    parsed_ = parse([make_article("w1", WIRE, "2025-05-14")], nlp)
    return timeline.article_events(parsed_[0]).mentions


def test_dateline_neither_dates_nor_opens_the_summary(wire_events) -> None:
    first = next(m for m in wire_events if "cancelled" in m.summary)
    assert first.date is not None and first.date.iso() == "2025-05-13"
    assert first.summary.startswith("The ferry company cancelled")


def test_quoted_speech_and_lasting_states_are_not_events(wire_events) -> None:
    summaries = [m.summary for m in wire_events]
    assert not any("stopped the boats" in s for s in summaries), summaries
    assert not any("has worked" in s for s in summaries), summaries


def test_summary_is_not_cut_between_adjectives(wire_events) -> None:
    pipe = next(m for m in wire_events if m.summary.startswith("Inspectors found"))
    assert "cracked, rusty pipe" in pipe.summary
