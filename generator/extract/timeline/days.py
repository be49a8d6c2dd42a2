"""The days that mattered: each day's support across the corpus, and the sentence that tells it.

As in date-wise timeline summarisation (Tran et al. 2013; Ghalandari and Ifrim 2020), a day
matters as much as the corpus reports something happening on it: the support of a day is the
set of distinct articles that do (a sentence dating something to it, "on Tuesday", "yesterday",
"March 4", or an event the clustering dated to it). Each day becomes one timeline entry, cited
by every article that reports it (one sentence each), summarised by the sentence closest to the
centroid of that day's sentences: the one that shares most with what the other articles say.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...model import DateValue, Event, PartialDate, SourceRef
from ..index import PlayerIndex

# A summary longer than this many words is passed over for a shorter sentence of the same day
# when there is one: a timeline line should be read at a glance. 45 words keeps most news
# sentences (about 25 words on average in the dev stories) and drops run-on captions and lists.
SUMMARY_MAX_WORDS = 45
_HOW_RANK = {"stated": 0, "resolved": 1, "inferred": 2}
# A day one article alone reports is its news when it is at most this many days before the
# article's publication (the span a weekday name reaches, "on Tuesday"); further back it is the
# article looking back ("On May 10, 1940, ..."), history rather than the story's days, and is
# not an entry of its own. Chosen as a week on the dev stories; re-run bench/dev_eval.py
# (date-F1) and tests/test_timeline.py after changing it.
NEWS_DAYS = 7


@dataclass(frozen=True, slots=True)
class DayCandidate:
    """One article's sentence saying something happened on a day."""

    day: dt.date
    ref: SourceRef
    words: tuple[str, ...]
    event: bool  # the sentence reports an event (not only a date in passing)
    text: str  # a whole sentence to show, "" when it is not one
    how: str
    expression: str
    published: dt.date | None = None  # the last day the article may have been published


def day_events(candidates: Iterable[DayCandidate], index: PlayerIndex) -> list[Event]:
    """One entry per day the corpus reports something on: its sources are every article that
    does (the sentence of each that says most plainly what happened), its summary the most
    central of those sentences. Ids are given later, with the other events."""
    by_day: dict[dt.date, dict[str, DayCandidate]] = {}
    for c in sorted(candidates, key=_plainest):
        by_day.setdefault(c.day, {}).setdefault(c.ref.article, c)
    out: list[Event] = []
    for day in sorted(by_day):
        chosen = [by_day[day][a] for a in sorted(by_day[day])]
        if len(chosen) < 2 and not _news(chosen[0]):
            continue  # one article naming a day in passing, or looking back to it
        lead = representative(chosen)
        how = min((c.how for c in chosen), key=lambda h: _HOW_RANK.get(h, 3))
        date = DateValue(PartialDate.from_date(day), None, how,  # type: ignore[arg-type]
                         lead.expression)
        refs = tuple(sorted(c.ref for c in chosen))
        players: list[str] = []
        for ref in refs:
            for player in index.in_sentence(ref):
                if player not in players:
                    players.append(player)
        out.append(Event(id="", date=date, summary=lead.text or lead.ref.quote.strip(), sources=refs,
                         players=tuple(players)))
    return out


def _news(c: DayCandidate) -> bool:
    """An event the article reports as its news: dated within NEWS_DAYS before publication."""
    return c.event and c.published is not None and 0 <= (c.published - c.day).days <= NEWS_DAYS


def _plainest(c: DayCandidate) -> tuple[object, ...]:
    """Which of an article's sentences about a day cites it: an event, a whole sentence, the
    most direct date, the earliest in the article."""
    return (c.day, c.ref.article, not c.event, not c.text, _HOW_RANK.get(c.how, 3), c.ref)


def representative(chosen: Sequence[DayCandidate]) -> DayCandidate:
    """The sentence nearest the centroid of the day's sentences (cosine over content words,
    each word weighted by how many of the day's sentences use it), preferring whole sentences
    of a readable length that report an event."""
    counts = Counter(w for c in chosen for w in set(c.words))

    def closeness(c: DayCandidate) -> float:
        words = set(c.words)
        if not words:
            return 0.0
        # Cosine of the sentence's word set with the centroid of all the day's word sets.
        dot = sum(counts[w] for w in words)
        norm = math.sqrt(sum(n * n for n in counts.values())) * math.sqrt(len(words))
        return dot / norm if norm else 0.0

    def key(c: DayCandidate) -> tuple[object, ...]:
        readable = bool(c.text) and len(c.text.split()) <= SUMMARY_MAX_WORDS
        return (not readable, not c.event, -round(closeness(c), 6), c.ref)

    return min(chosen, key=key)


__all__ = ["DayCandidate", "day_events", "representative"]
