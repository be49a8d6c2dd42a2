"""The day-counting baseline for Date-F1: how many articles mention each day.

    .venv/bin/python bench/day_baseline.py [--dev ../shared/eval/dev] [--set articles|full]

For each article, weekday names ("on Tuesday": the latest Tuesday on or before publication)
and month-day dates ("March 4", "4 March", with or without a year: without one, the year that
puts the day on or before publication) are resolved against its publication date; a day's
support is the number of distinct articles mentioning it. The L best-supported days (L = the
number of reference days; ties: earlier first) are scored as a timeline of one event per day by
the same scorer as bench/dev_eval.py (../shared/eval/score.py). Nothing from generator/: this is
the bar the timeline must clear, so it stays as plain as the research baseline it copies.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH_DAY = re.compile(rf"\b(?:(?P<m1>{_MON})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
                       rf"\s+(?:of\s+)?(?P<m2>{_MON})\b)(?:,?\s+(?P<y>(?:19|20)\d\d))?", re.I)
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)


def article(path: Path) -> tuple[str, dt.date | None, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    pub = meta.get("published")
    day = dt.date.fromisoformat(str(pub)) if pub and len(str(pub)) == 10 else None
    return path.stem, day, body


def days_in(body: str, pub: dt.date) -> set[dt.date]:
    out: set[dt.date] = set()
    for m in WEEKDAY.finditer(body):
        out.add(pub - dt.timedelta(days=(pub.weekday() - WEEKDAYS[m.group(1).lower()]) % 7))
    for m in MONTH_DAY.finditer(body):
        month = MONTHS[(m.group("m1") or m.group("m2")).lower()]
        day = int(m.group("d1") or m.group("d2"))
        years = [int(m.group("y"))] if m.group("y") else [pub.year, pub.year - 1]
        for year in years:
            try:
                when = dt.date(year, month, day)
            except ValueError:
                break
            if m.group("y") or when <= pub:
                out.add(when)
                break
    return out


def baseline_events(folder: Path) -> list[dict]:
    support: dict[dt.date, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.md")):
        name, pub, body = article(path)
        if pub is not None:
            for day in days_in(body, pub):
                support[day].add(name)
    return [{"date": d.isoformat(), "summary": "", "sources": [{"article": a, "quote": ""} for a in sorted(s)]}
            for d, s in sorted(support.items())]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev"))
    ap.add_argument("--set", default="articles", choices=("articles", "full"))
    args = ap.parse_args()
    dev = Path(args.dev)
    sys.path.insert(0, str(dev.resolve().parent))
    from score import score_dates  # ../shared/eval/score.py

    scores = []
    for gold_path in sorted(dev.glob("*.gold.yaml")):
        story = gold_path.name[: -len(".gold.yaml")]
        if not (dev / story / args.set).is_dir():
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        m = score_dates(gold, baseline_events(dev / story / args.set))
        if m:
            scores.append(m["dates.top_l.f1"])
            print(f"| {story} | day-count baseline | {m['dates.top_l.f1']:.2f} |")
    if scores:
        print(f"| mean | day-count baseline | {sum(scores) / len(scores):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
