"""Figures over time: a count the coverage updates day after day (a death toll, cases
confirmed, barrels a day) as a small dated series with its sources.

`article_counts()` keeps, per article, the counts its sentences state (counts.py);
`combine_series()` groups them by measure and place across the corpus and keeps a group as a
series when its figures move with the date they hold for: several dates, more than one
article, and a run of values that never fall from one date to the next and ends higher than it
starts (a running total: a toll, a count of cases). A figure that belongs to a series is an
update, not a rival version: `updates()` names the sentences the comparison step no longer sets
against each other, keeping only figures for the same day that differ.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...ids import unique_ids
from ...model import Series, SeriesPoint, SourceRef
from ...slugs import ID_LIMIT, slug
from ...nlp import ParsedArticle
from ..comparison.claims import normalise, sentences
from .counts import Count, counts_in

# A group of counts (one measure, one place) is a series when its longest rising run (figures
# on later days never lower) spans at least MIN_DATES days, comes from at least MIN_ARTICLES
# articles, ends higher than it starts, and holds at least MIN_SHARE of the group's points: a
# group of unrelated figures sharing a noun ("two deaths" in one aside, "640 deaths" in a
# history) has a run as long as any random order gives, a small share of its points. Chosen on
# the dev stories (bench/dev_eval.py --keep DIR, reading each story's `series`): two days let
# any two figures with one noun pass for a series; three keep the tolls and case counts updated
# over a week; a share of a half drops the groups that mix the story's count with others.
MIN_DATES = 3
MIN_ARTICLES = 2
MIN_SHARE = 0.5
# One update follows another within about two months, at most doubling a day and at most thirty
# times over: the dev stories' case counts grew eightfold in a week, while figures of different
# things that share a noun ("14 deaths" in one attack, "12,000" in a war, "1.5 million" in a
# history) jump by a hundredfold or lie months apart. Re-read the dev series after changing them.
MAX_GAP_DAYS = 62
MAX_DAILY_GROWTH = 2.0
MAX_STEP = 30.0
# Two figures of one day are one point when their numbers are this close (rounding: "about 150"
# and "149" are one report). Re-read the dev series (bench/dev_eval.py --keep) after changing it.
SAME_VALUE = 0.02


@dataclass(frozen=True, slots=True)
class ArticleCounts:
    """The counts one article states."""

    article: str
    counts: tuple[Count, ...] = ()


def article_counts(parsed: ParsedArticle) -> ArticleCounts:
    """Collect the counts of one article, each dated by the day it holds for."""
    published = parsed.article.published
    found: list[Count] = []
    for ref, sent in sentences(parsed):
        found += counts_in(ref, sent, published)
    return ArticleCounts(parsed.article.id, tuple(found))


def combine_series(counts: Sequence[ArticleCounts]) -> tuple[Series, ...]:
    """The series of the corpus, most reported first."""
    found: list[tuple[tuple[int, int, str], Series]] = []
    for (measure, _place), items in _groups(counts):
        points = _points(items)
        run = _rising_run(points)
        days = {p.date.first_day() for p in run}
        if (len(days) < MIN_DATES or len({r.article for p in run for r in p.sources}) < MIN_ARTICLES
                or run[-1].low <= run[0].low or len(run) < MIN_SHARE * len(points)):
            continue
        # the run, and the rival figures other articles give on its days (two outlets, one day:
        # still a disagreement); a second figure of the same article counts something else
        runs = {(p.date.first_day(), r.article) for p in run for r in p.sources}
        kept = [p for p in points if p in run or p.date.first_day() in days
                and not {(p.date.first_day(), r.article) for r in p.sources} & runs]
        articles = {r.article for p in kept for r in p.sources}
        place = sorted(Counter(c.place for c in items if c.place).items(), key=lambda kv: (-kv[1], kv[0]))
        name = place[0][0] if place else ""
        found.append(((-len(articles), -len(kept), f"{measure} {name}"), Series("", measure, name, tuple(kept))))
    found.sort(key=lambda f: f[0])
    ids = unique_ids([f"series-{slug(s.topic, ID_LIMIT, 'series')}" for _k, s in found])  # apart from the events' anchors
    return tuple(Series(i, s.measure, s.place, s.points) for i, (_k, s) in zip(ids, found))


def _groups(counts: Sequence[ArticleCounts]) -> list[tuple[tuple[str, str], list[Count]]]:
    """Dated, current counts by measure and place. Counts that name no place join the one place
    their measure is ever given for ("150 deaths" where every placed count of deaths is for
    one country); with several places they stay apart, as their own group."""
    groups: dict[tuple[str, str], list[Count]] = {}
    for a in sorted(counts, key=lambda a: a.article):
        for c in a.counts:
            if c.date is not None and not c.history:
                groups.setdefault((c.measure, normalise(c.place)), []).append(c)
    places: dict[str, list[str]] = {}
    for measure, place in groups:
        if place:
            places.setdefault(measure, []).append(place)
    for measure, where in places.items():
        if len(where) == 1 and (measure, "") in groups:
            groups[(measure, where[0])] += groups.pop((measure, ""))
    return sorted(groups.items())


def updates(series: Sequence[Series]) -> frozenset[tuple[SourceRef, float, float]]:
    """The figures (sentence and numbers) that are a point of a series with no rival on its day:
    updates, never versions of a disagreement."""
    out: set[tuple[SourceRef, float, float]] = set()
    for s in series:
        per_day = Counter(p.date.iso() for p in s.points)
        for p in s.points:
            if per_day[p.date.iso()] == 1:
                out.update((r, p.low, p.high) for r in p.sources)
    return frozenset(out)


def _points(items: list[Count]) -> list[SeriesPoint]:
    """One point per day and figure: counts of one day whose numbers agree are one point."""
    by_day: dict[str, list[Count]] = {}
    for c in items:
        assert c.date is not None
        by_day.setdefault(c.date.iso(), []).append(c)
    out: list[SeriesPoint] = []
    for _day, cs in sorted(by_day.items(), key=lambda kv: (kv[1][0].date.sort_key(), kv[0])):  # type: ignore[union-attr]
        clusters: list[list[Count]] = []
        for c in sorted(cs, key=lambda c: (c.low, c.high, c.source)):
            if clusters and c.low <= max(x.high for x in clusters[-1]) * (1 + SAME_VALUE):
                clusters[-1].append(c)
            else:
                clusters.append([c])
        for cl in clusters:
            text = sorted(Counter(c.text for c in cl).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            date = cl[0].date
            assert date is not None
            out.append(SeriesPoint(date, text, min(c.low for c in cl), max(c.high for c in cl),
                                   tuple(sorted({c.source for c in cl}))))
    return out


def _follows(a: SeriesPoint, b: SeriesPoint) -> bool:
    """Whether `b` can be the next update of `a`: a later day, within MAX_GAP_DAYS, a figure no
    lower and no more than MAX_STEP times higher, grown at most MAX_DAILY_GROWTH a day."""
    days = (b.date.first_day() - a.date.last_day()).days
    if not 0 < days <= MAX_GAP_DAYS or not a.low <= b.low:
        return False
    return b.low <= a.low * min(MAX_STEP, MAX_DAILY_GROWTH ** days)


def _rising_run(points: Sequence[SeriesPoint]) -> list[SeriesPoint]:
    """The longest run of points where each follows the one before (the first such run in date
    order when several are as long)."""
    best: list[list[SeriesPoint]] = []
    for i, p in enumerate(points):
        fits = [best[j] for j in range(i) if _follows(points[j], p)]
        before = max(fits, key=len, default=[])
        best.append([*before, p])
    return max(best, key=len, default=[])


__all__ = ["ArticleCounts", "Count", "article_counts", "combine_series", "updates"]
