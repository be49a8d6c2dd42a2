"""The days that mattered: each day's support across the corpus, and the sentence that tells it.

As in date-wise timeline summarisation (Tran et al. 2013; Ghalandari and Ifrim 2020), a day
matters as much as the corpus reports something happening on it: the support of a day is the
set of distinct articles that do (a sentence dating something to it, "on Tuesday", "yesterday",
"March 4", or an event the clustering dated to it). Each day becomes one timeline entry, cited
by every article that reports it (one sentence each), summarised by the sentence closest to the
centroid of that day's sentences: the one that shares most with what the other articles say.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...model import DateValue, Event, PartialDate, SourceRef
from .. import dates
from ..index import PlayerIndex, players_in
from .sentences import vocabulary

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
    later: bool | None = None  # `forecast`, when the per-article step has read it already

    @property
    def forecast(self) -> bool:
        """The sentence also names a day after publication ("Tomorrow, WHO is deploying ..."):
        a poor line to say what happened."""
        if self.later is not None:
            return self.later
        return self.published is not None and dates.names_a_later_day(self.text or self.ref.quote, self.published)


def day_events(candidates: Iterable[DayCandidate], index: PlayerIndex) -> list[Event]:
    """One entry per day the corpus reports something on: its sources are every article that
    does (the sentence of each nearest the day's centroid), its summary the most central of
    those sentences. Ids are given later, with the other events."""
    by_day: dict[dt.date, list[DayCandidate]] = {}
    seen: set[tuple[dt.date, SourceRef]] = set()
    for c in sorted(candidates, key=lambda c: (c.day, c.ref, not c.event)):
        if (c.day, c.ref) not in seen:  # a sentence both a day mention and an event's: once
            seen.add((c.day, c.ref))
            by_day.setdefault(c.day, []).append(c)
    spread = _article_frequency(by_day.values())
    out: list[Event] = []
    for day in sorted(by_day):
        cands = by_day[day]
        weights = _centroid(cands, spread)
        # Each sentence ranked once (reading it for forecasts is a regular-expression pass),
        # and only where there is a choice: a day's single sentence is its own summary.
        forecasts = frozenset(c.ref for c in cands if c.forecast) if len(cands) > 1 else frozenset()
        norm = math.sqrt(sum(v * v for v in weights.values()))
        ranks = {c.ref: _rank(c, weights, norm, forecasts) for c in cands}
        chosen = _one_per_article(cands, ranks)
        if len(chosen) < 2 and not _news(chosen[0]):
            continue  # one article naming a day in passing, or looking back to it
        lead = max(chosen, key=lambda c: ranks[c.ref])
        how = min((c.how for c in chosen), key=lambda h: _HOW_RANK.get(h, 3))
        date = DateValue(PartialDate.from_date(day), None, how,  # type: ignore[arg-type]
                         lead.expression)
        refs = tuple(sorted(c.ref for c in chosen))
        out.append(Event(id="", date=date, summary=lead.text or lead.ref.quote.strip(), sources=refs,
                         players=players_in(index, refs)))
    return out


def _article_frequency(days: Iterable[list[DayCandidate]]) -> Counter[str]:
    """In how many articles each word occurs among the dated sentences: how much a word is the
    story's (a name every article uses) rather than one page's aside."""
    per_article: dict[str, set[str]] = {}
    for cands in days:
        for c in cands:
            per_article.setdefault(c.ref.article, set()).update(c.words)
    return Counter(w for words in per_article.values() for w in words)


def _centroid(cands: Sequence[DayCandidate], spread: Counter[str]) -> dict[str, float]:
    """The day's centroid: each word weighted by how many of the day's articles use it, times
    how many articles of the corpus do (the story's words weigh more than one page's aside, as
    the centroid methods of timeline summarisation weigh by collection frequency). Plain counts
    rather than their logarithm: on the dev stories the log let an aside on a busy day (another
    country's news on the day of the story's climax) outweigh the story's own sentence."""
    day_articles: dict[str, set[str]] = {}
    for c in cands:
        for w in c.words:
            if w not in _said():
                day_articles.setdefault(w, set()).add(c.ref.article)
    return {w: len(arts) * spread[w] for w, arts in day_articles.items()}


@lru_cache(maxsize=1)
def _said() -> frozenset[str]:
    """Words that tell how or when something was reported, not what happened: verbs of saying
    and thinking (events.yml's not_events) and the names of days and months."""
    names = {n.lower() for n in (*calendar.day_name, *calendar.month_name) if n}
    return vocabulary().not_events | frozenset(names | {"today", "yesterday", "tonight", "tomorrow"})


def _closeness(c: DayCandidate, weights: dict[str, float], weights_norm: float) -> float:
    """Cosine of the sentence's word set with the day's centroid (whose norm is given)."""
    words = set(c.words)
    norm = weights_norm * math.sqrt(len(words))
    return sum(weights.get(w, 0.0) for w in words) / norm if norm else 0.0


def _rank(c: DayCandidate, weights: dict[str, float], weights_norm: float,
          forecasts: frozenset[SourceRef]) -> tuple[object, ...]:
    """Higher is better: a whole sentence of readable length, reporting an event, dating it
    itself (not through the publication date), most central; the earliest sentence on a tie."""
    readable = bool(c.text) and len(c.text.split()) <= SUMMARY_MAX_WORDS
    return (readable, c.ref not in forecasts, c.event, c.how != "inferred",
            round(_closeness(c, weights, weights_norm), 6), _Reversed(c.ref))


class _Reversed:
    """Orders SourceRefs backwards, so that the earliest wins a `max`."""

    __slots__ = ("ref",)

    def __init__(self, ref: SourceRef) -> None:
        self.ref = ref

    def __lt__(self, other: _Reversed) -> bool:
        return other.ref < self.ref

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.ref == self.ref


def _one_per_article(cands: Sequence[DayCandidate], ranks: dict[SourceRef, tuple[object, ...]]
                     ) -> list[DayCandidate]:
    """Each article's sentence for the day: the best ranked (`_rank`), an event first."""
    best: dict[str, DayCandidate] = {}
    for c in cands:
        held = best.get(c.ref.article)
        if held is None or ranks[c.ref] > ranks[held.ref]:
            best[c.ref.article] = c
    return [best[a] for a in sorted(best)]


def _news(c: DayCandidate) -> bool:
    """Something the article reports as its news: a whole sentence dating it within NEWS_DAYS
    before publication. A statement is news too ("the minister said yesterday that ..."): the
    day a source spoke is a day of the story, as date-wise timeline summarisation counts it."""
    return bool(c.text) and c.published is not None and 0 <= (c.published - c.day).days <= NEWS_DAYS


__all__ = ["DayCandidate", "day_events"]
