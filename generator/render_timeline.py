"""The timeline at a glance: each dated event as a bar on a shared time axis, drawn with CSS.

A day is a dot, a month or a year a band as wide as it is, an interval a band from its start to
its end, so a month-level date never looks like a day. Computed here as plain numbers; the
template writes them as inline percentages, so the chart needs no script and prints.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import DateValue, Event, PartialDate

# How far back from the newest event the axis reaches before older events are folded to its
# left edge: a story with one event in 2019 and the rest in 2026 would otherwise squeeze the
# whole story into a sliver. 400 days keeps a year-long story whole.
WINDOW_DAYS = 400
MAX_LABELS = 7  # tick labels on the axis; more overlap at phone width
SUMMARY_CHARS = 110
_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Bar:
    event_id: str
    date: str
    summary: str
    left: str  # percentages, formatted, so that output is byte-stable
    width: str
    shape: str  # day, month, year, interval
    how: str
    earlier: bool  # before the axis: drawn at its left edge


@dataclass(frozen=True)
class Tick:
    left: str
    label: str


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    start: str
    end: str
    earlier: int


def timeline_chart(events: Sequence[Event], label: Callable[[DateValue, bool], str]) -> Chart | None:
    """Lay out the dated events on one axis; None when there are none."""
    dated = sorted((e for e in events if e.date is not None),
                   key=lambda e: (*e.date.sort_key(), e.id))  # type: ignore[union-attr]
    if not dated:
        return None
    last = max(e.date.last_day() for e in dated)  # type: ignore[union-attr]
    horizon = last - dt.timedelta(days=WINDOW_DAYS)
    inside = [e.date.first_day() for e in dated if e.date.first_day() >= horizon]  # type: ignore[union-attr]
    first = min(inside) if inside else min(e.date.first_day() for e in dated)  # type: ignore[union-attr]
    first = first.replace(day=1)
    total = (last - first).days + 1
    bars = []
    for e in dated:
        d = e.date
        assert d is not None
        start, end = d.first_day(), d.last_day()
        earlier = start < first
        if earlier:
            start = first
        end = max(end, start)
        left = (start - first).days / total * 100
        width = ((end - start).days + 1) / total * 100
        summary = " ".join(e.summary.split())
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1].rstrip() + "…"
        bars.append(Bar(e.id, label(d, True), summary, f"{left:.2f}", f"{min(width, 100 - left):.2f}",
                        d.precision, d.how, earlier))
    return Chart(tuple(bars), _ticks(first, last, total), f"{first.isoformat()}", f"{last.isoformat()}",
                 sum(b.earlier for b in bars))


def _ticks(first: dt.date, last: dt.date, total: int) -> tuple[Tick, ...]:
    """Month starts on an axis shorter than about two years, year starts on a longer one."""
    marks: list[dt.date] = []
    if total <= 800:
        day = first.replace(day=1)
        while day <= last:
            marks.append(day)
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        # month names spelled here, not by strftime, whose output depends on the locale
        names = [_ABBR[m.month - 1] if m.month != 1 and i else f"{_ABBR[m.month - 1]} {m.year}"
                 for i, m in enumerate(marks)]
    else:
        marks = [dt.date(y, 1, 1) for y in range(first.year + 1, last.year + 1)]
        marks.insert(0, first)
        names = [str(m.year) for m in marks]
    step = max(1, -(-len(marks) // MAX_LABELS))
    return tuple(Tick(f"{(m - first).days / total * 100:.2f}", names[i] if i % step == 0 else "")
                 for i, m in enumerate(marks))


# --- pages by period ----------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """One page of a split timeline: a year, a month, or a year's events without a month."""

    key: str  # "2026", "2026-03"
    label: str  # "2026", "March 2026", "2026, month not given"
    events: tuple[Event, ...]

    @property
    def path(self) -> str:
        return f"timeline/{self.key}.md"


def timeline_periods(events: Sequence[Event], limit: int, months: Sequence[str]) -> list[Period]:
    """The pages of a timeline of more than `limit` dated events, oldest first: one per year, and
    one per month for a year of more than `limit` (its events dated to the year only keep a year
    page); an empty list when one page holds them all. `months` are the months' names."""
    dated = sorted((e for e in events if e.date is not None),
                   key=lambda e: (*e.date.sort_key(), e.id))  # type: ignore[union-attr]
    if len(dated) <= limit:
        return []
    years: dict[int, list[Event]] = {}
    for e in dated:
        years.setdefault(e.date.start.year, []).append(e)  # type: ignore[union-attr]
    out: list[Period] = []
    for year, items in years.items():
        if len(items) <= limit:
            out.append(Period(str(year), str(year), tuple(items)))
            continue
        by_month: dict[int, list[Event]] = {}
        for e in items:
            by_month.setdefault(e.date.start.month or 0, []).append(e)  # type: ignore[union-attr]
        for month in sorted(by_month):
            if month == 0:
                out.append(Period(str(year), f"{year}, month not given", tuple(by_month[0])))
            else:
                out.append(Period(f"{year}-{month:02d}", f"{months[month - 1]} {year}",
                                  tuple(by_month[month])))
    return out


# --- the overview: where the story stands -------------------------------------------------

# A day is well supported when at least this many articles report it; when fewer than
# LATEST days reach it, the latest days of any support are shown. Two: a second article is the
# first sign that a day mattered beyond one report. Re-run bench/dev_eval.py --keep and read the
# overview after changing it.
WELL_SUPPORTED = 2
LATEST = 5
MOST_REPORTED = 3  # developments cited in a generated scope
# A dated span longer than this (about two months) says too little to be a latest development.
COARSEST_DAYS = 62


def support(event: Event) -> int:
    """The number of distinct articles reporting the event."""
    return len({ref.article for ref in event.sources})


def latest_developments(events: Sequence[Event], n: int = LATEST, as_of: PartialDate | None = None
                        ) -> list[Event]:
    """The `n` latest developments, newest first: among the well-supported days when there are
    `n` of them; else those and the days the text itself dates (not only by a publication
    date); else every day; and only when the coverage gives no day, events dated to a month or a
    span of at most COARSEST_DAYS. Never a bare year, nor anything after `as_of`."""
    def fits(e: Event) -> bool:
        d = e.date
        return d is not None and (as_of is None or d.first_day() <= as_of.last_day()) and (
            d.precision in ("day", "month") or d.precision == "interval"
            and (d.last_day() - d.first_day()).days < COARSEST_DAYS)

    dated = [e for e in events if fits(e)]
    days = [e for e in dated if e.date.precision == "day"]  # type: ignore[union-attr]
    strong = [e for e in days if support(e) >= WELL_SUPPORTED]
    dated_in_text = [e for e in days if support(e) >= WELL_SUPPORTED or e.date.how != "inferred"]  # type: ignore[union-attr]
    pool = next((p for p in (strong, dated_in_text) if len(p) >= n), days or dated)
    return sorted(pool, key=lambda e: (e.date.last_day(), e.date.first_day(), support(e), e.id),  # type: ignore[union-attr]
                  reverse=True)[:n]


def where_it_stands(events: Sequence[Event], as_of: PartialDate | None = None) -> list[Event]:
    """The latest development: the first of the latest developments."""
    return latest_developments(events, LATEST, as_of)[:1]


def most_reported(events: Sequence[Event], n: int = MOST_REPORTED) -> list[Event]:
    """The `n` day-precision events the most articles report, in date order."""
    days = [e for e in events if e.date is not None and e.date.precision == "day"]
    top = sorted(days, key=lambda e: (-support(e), e.date.first_day(), e.id))[:n]  # type: ignore[union-attr]
    return sorted(top, key=lambda e: (e.date.first_day(), e.id))  # type: ignore[union-attr]
