"""Date expressions in news text, resolved against the publication date (never the clock).

`find_dates(text, anchor)` finds the date expressions of a sentence and resolves each one;
`resolve(expression, anchor)` resolves a single expression (a spaCy DATE entity, say);
`find_relative(text)` finds phrases that date an event by another one ("days after the
collapse", "within hours of the breakdown", "following the vote").

How an anchor that is only month- or year-precise is handled: a relative rule maps the day of
publication `d` to a range of days ("last Friday": the latest Friday before `d`). When only the
month (or year) of publication is known, the rule is applied to every day of that month (or
year) and the result is the smallest interval holding all the answers. Published some day in
March 2026, "last Friday" is at the earliest 2026-02-27 (published Sunday 1 March) and at the
latest 2026-03-27 (published Tuesday 31 March), so it resolves to 2026-02-27/2026-03-27.
An interval made of whole months or years is written at that precision ("2026-02").

Conventions, chosen to match common newsroom usage:
- a bare weekday ("on Friday") is the latest such day on or before publication (past tense),
  or the first on or after it (future tense);
- "last Friday" is the latest Friday strictly before publication (a week earlier when the
  article appears on a Friday); "this Friday" is the Friday of the publication week; "next
  Friday" the Friday of the following week;
- weeks run Monday to Sunday; "early/mid/late" split a month at days 10 and 20 and a year
  into thirds (January-April, May-August, September-December);
- a month or day without a year takes the year that puts it on or before publication (past)
  or on or after it (future).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..model import DateHow, DateValue, PartialDate

DayRange = tuple[dt.date, dt.date]

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
           "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
# Vague counts ("a few days", "several weeks", bare "days"), as a range of units.
VAGUE_COUNTS = {"few": (2, 5), "a few": (2, 5), "several": (3, 9), "some": (2, 9), "": (2, 9),
                "just": (1, 5), "only": (1, 5), "mere": (1, 5)}
SEASONS = {"winter": (12, 2), "spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}

_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART = r"(?P<part>early|mid|late|the (?:start|beginning|middle|end) of)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
# Not after a hyphen: "seventy-five years ago" is not "five years ago".
_NUM = (r"(?<![-‐])(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" + _TENS
        + r"|(?:a )?few|several|some|just|only|mere)")
_UNIT = r"(?P<unit>hour|day|week|month|year)s?"
# Words after a year that make it a measure or a name, not a date ("2021 dollars").
_NOT_AFTER_YEAR = r"(?!\s*(?:dollars|prices|levels|terms|euros|pounds|model|edition|census)\b)(?![-–]\d)"
# A possessive ("Friday's deadline") names something else, not when the clause happened.
_NOT_POSSESSIVE = r"(?!['’]s\b)"
# Words before a weekday that make it a name ("Black Friday", "Good Friday").
NAMED_DAY_WORDS = ("Black", "Good", "Cyber", "Super", "Ash", "Easter", "Holy", "Maundy", "Palm")
# "the Tuesday" tells a story's own sequence ("I got the letter on the Tuesday"), not a day
# counted from publication.
_NOT_NAMED_DAY = "".join(f"(?<!{w} )" for w in (*NAMED_DAY_WORDS, "the", "The"))


def named_day(text: str, start: int) -> bool:
    """True when the date expression at `start` is a named day ("Black Friday")."""
    before = text[:start].rstrip().rsplit(None, 1)
    if text[start:].lower().startswith("the ") and WEEKDAYS.get(text[start + 4:].split(" ")[0].lower().strip(",.")) \
            is not None:
        return True  # "the Tuesday" (a spaCy entity may start with the article)
    return bool(before) and before[-1] in (*NAMED_DAY_WORDS, "the", "The")

# A range of days ("March 3 to 5", "Sept. 15 - 19, 2031", "between 3 and 5 March", "Dec. 28 to Jan.
# 3"): read as the interval it states, not as its first day. "and" joins a range only after
# "between" ("on March 3 and 5" is two days).
_MON2 = r"(?P<mon2>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_RANGE_TO = r"(?:\s*[-–]\s*|—|\s+(?:to|through|until|till)\s+|(?(btw)\s+and\s+|(?!)))"
RANGES = frozenset({"month_day_range", "day_month_range", "month_range"})

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((name, re.compile(rx)) for name, rx in (
    ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_day_range", r"(?:(?P<btw>(?i:\bbetween)\s+))?\b" + _MON + r"\s+" + _DAY + _RANGE_TO
     + r"(?:" + _MON2 + r"\s+)?" + _DAY2 + r"\b(?:,?\s+" + _YEAR + r"\b)?" + _NOT_POSSESSIVE),
    ("day_month_range", r"(?:(?P<btw>(?i:\bbetween)\s+))?\b" + _DAY + _RANGE_TO + _DAY2 + r"\s+(?:of\s+)?"
     + _MON + r"(?:,?\s+" + _YEAR + r")?\b" + _NOT_POSSESSIVE),
    ("month_range", r"(?:(?P<btw>(?i:\bbetween)\s+)|(?i:\bfrom\s+)|\b)" + _MON
     + r"(?:\s+(?:to|through|until)\s+|\s*[-–]\s*|(?(btw)\s+and\s+|(?!)))" + _MON2
     + r"\b(?!\.?\s*\d{1,2}\b)(?:,?\s+" + _YEAR + r"\b)?" + _NOT_POSSESSIVE),
    ("month_day", r"\b(?:" + _WD + r",?\s+)?" + _MON + r"\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r"\b)?"
     + _NOT_POSSESSIVE),
    ("day_month", r"\b(?:" + _WD + r",?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON
     + r"(?:,?\s+" + _YEAR + r")?\b" + _NOT_POSSESSIVE),
    ("part_month", r"(?i:\b" + _PART + r")[-\s]+" + _MON + r"(?:,?\s+" + _YEAR + r")?\b" + _NOT_POSSESSIVE),
    ("part_year", r"(?i:\b" + _PART + r")[-\s]+" + _YEAR + r"\b" + _NOT_AFTER_YEAR + _NOT_POSSESSIVE),
    ("season", r"(?i:\b(?:(?P<rel>last|this|next)\s+|(?:in|during|over)\s+(?:the\s+)?)"
     r"(?P<season>winter|spring|summer|fall|autumn))\b(?:\s+(?:of\s+)?" + _YEAR + r"\b)?"),
    # "in March this year", "last April" is rel_month: the year said in words decides
    ("month_rel_year", r"(?i:\b(?:(?:in|from|since|during|until|by|of|early|late|mid)\s+)?)" + _MON
     + r"(?:\s+or\s+" + _MON2 + r")?(?i:\s+(?P<rel>this|last|next)\s+year)\b"),
    ("month_year", r"\b" + _MON + r",?\s+(?:of\s+)?" + _YEAR + r"\b" + _NOT_AFTER_YEAR),
    ("rel_month", r"(?i:\b(?P<rel>last|this|next|in|since|during|until|by|from|early|late|mid|of)\s+)"
     + _MON + r"\b(?!\.?[-\s]+\d)" + _NOT_POSSESSIVE),
    ("year", r"(?i:\b(?P<prep>in|since|during|until|by|from|of|before|after|through|throughout)\s+)"
     + _YEAR + r"\b" + _NOT_AFTER_YEAR + _NOT_POSSESSIVE),
    ("day_word", r"(?i:\b(?P<word>yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)))\b"
     + _NOT_POSSESSIVE),
    ("weekday", r"(?i:\b(?:(?P<rel>last|this|next|on|past|earlier on|late on|early on)\s+)?)" + _NOT_NAMED_DAY
     + _WD + r"(?:\s+(?i:morning|afternoon|evening|night))?\b" + _NOT_POSSESSIVE),
    ("weekend", r"(?i:\b(?:last|this|over the|past)\s+weekend)\b"),
    ("earlier_later", r"(?i:\b(?P<which>earlier|later)\s+this\s+(?P<unit>week|month|year))\b"),
    ("this_unit", r"(?i:\b(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year))\b" + _NOT_POSSESSIVE),
    ("ago", r"(?i:\b(?:" + _NUM + r"\s+)?" + _UNIT + r"\s+ago)\b"),
    ("recently", r"(?i:\b(?:recently|lately|in recent (?:days|weeks)))\b"),
))


# A wire dateline opening an article ("HALDEN, March 4 (Reuters) - "): where and when the story
# was filed, not when anything it reports happened.
DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.]{1,20})?(?:,\s+" + _MON + r"\s+[0-3]?\d"
                      r"(?:,?\s+\d{4})?\s*(?:\([^)\n]{1,60}\)\s*)?|\s*\([^)\n]{1,60}\)\s*)[-–—]+\s*")


# A page's time stamp ("Page last updated at 08:14 GMT", "June 9, 2033: 4:26 PM ET",
# "Posted by X, on April 14, 2032 10:38 AM"): when the page was written, not when anything
# happened. A verb of updating near a clock time, or a year followed at once by a clock time;
# a clock time alone is not one ("the quake struck at 16:53 local time").
TIMESTAMP = re.compile(r"(?i:\b(?:updated|published|posted)\b[^.]{0,40}?\b\d{1,2}[:.]\d\d\b"
                       r"(?:\s*(?:GMT|UTC|BST|CET|[ECMP][SD]?T)\b)?(?:,?\s*(?:on\s+)?[A-Z][a-z]+day\b)?"
                       r"(?:,?\s*\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|,?\s*[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})?"
                       r"|\|\s*\d{1,2}:\d\d\b[^|.]{0,40}?\b(?:19|20)\d\d\b"
                       # "filed ... at 08.42 GMT on Tuesday 14 March 2034": a clock time and
                       # its zone, then the full date
                       r"|\b\d{1,2}[:.]\d\d\s*(?:GMT|UTC|BST|CET|[ECMP][SD]?T)\s+(?:on\s+)?(?:[A-Z][a-z]+day,?\s+)?"
                       r"(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}"
                       r"|\b(?:(?:[A-Z][a-z]+day,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+)?"
                       r"(?:19|20)\d\d\s*[;:,|]?\s*(?:at\s+)?\d{1,2}(?::\d\d\b|\.\d\d\s*"
                       r"(?:GMT|UTC|BST|CET|[ECMP][SD]T)\b))")


def is_timestamp(text: str) -> bool:
    """True when the text carries a page's time stamp (see TIMESTAMP)."""
    return TIMESTAMP.search(text) is not None


def without_furniture(text: str) -> str:
    """The text after a wire dateline and after a page's time stamp run into it by the page's
    layout ("Mayor promises ... Sunday 6 March 2031 01.36 GMT The harbour reopened ...")."""
    stamps = timestamps(text)
    start = max(dateline_end(text), stamps[-1][1] if stamps else 0)
    rest = text[start:]
    zone = re.match(r"\s*(?:[ap]\.?m\.?\s*)?(?:GMT|UTC|BST|CET|[ECMP][SD]?T)?\b", rest, re.I)
    rest = rest[zone.end():].strip() if zone else rest.strip()
    # "OSLOVIK | Wed May 14, 2025 3:31 pm BST OSLOVIK (Harbour Wire) - ...": the dateline after the stamp
    return rest[dateline_end(rest):].strip() if start else rest


def timestamps(text: str) -> list[tuple[int, int]]:
    """Where the text's time stamps are, as (start, end) offsets."""
    return [m.span() for m in TIMESTAMP.finditer(text)]


def dateline_end(text: str) -> int:
    """The offset where the text after a wire dateline begins; 0 when there is none."""
    m = DATELINE.match(text)
    return m.end() if m else 0


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a text, with its resolution (None: vague or not resolvable)."""

    start: int
    end: int
    text: str
    value: DateValue | None


@dataclass(frozen=True, slots=True)
class RelativeMention:
    """A phrase dating one event by another: "days after the collapse" -> lag of 1 to 9 days.

    `direction` is "after" when the dated clause happened after the referenced one. `target`
    is the text following the phrase (the referenced event), `lag` the range of days between.
    """

    start: int
    end: int
    text: str
    direction: Literal["after", "before"]
    lag: tuple[int, int]
    target: str


Told = tuple[PartialDate | None, dict[tuple[int, int], int]]


def find_dates(text: str, anchor: PartialDate | None, future: bool = False,
               told: Told | None = None) -> tuple[DateMention, ...]:
    """Find the date expressions in `text`, longest first where they overlap, in text order.

    `told` is what the text has stated before, with years: the date it has just stated ("On
    June 2 2031 ..."; None if none), and the year of each month and day it stated. A month and
    day without a year takes the year the text gave the same day before ("June 2 2031" ...
    "on June 2"), else the year nearest the date just stated ("On June 11, ..."), when that
    differs from publication's (see `_month_day`)."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    skip = dateline_end(text)
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text, skip):
            # "On March 13 - 5 people died": no range; the day alone is read. Without an anchor a
            # leap year stands in, only to test that the range is one (its end after its start).
            if name in RANGES and _resolve_match(name, m, anchor or PartialDate(2000), future) is None:
                continue
            found.append((m.start(), m.end(), name, m))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[DateMention] = []
    taken_until = -1
    for start, end, name, m in found:
        if start < taken_until:
            continue
        taken_until = end
        out.append(DateMention(start, end, m.group(0), _resolve_match(name, m, anchor, future, told)))
    return tuple(out)


def names_a_later_day(text: str, day: dt.date) -> bool:
    """Whether the text names a time starting after `day` ("Tomorrow, the board meets ..."),
    read from `day`: a forecast in a sentence published that day."""
    return any(m.value is not None and m.value.first_day() > day
               for m in find_dates(text, PartialDate.from_date(day)))


def resolve(expression: str, anchor: PartialDate | None, future: bool = False,
            told: Told | None = None) -> DateValue | None:
    """Resolve one whole date expression; None when it is vague, relative to an event, or not a date."""
    text = expression.strip()
    for name, pattern in PATTERNS:
        m = pattern.fullmatch(text)
        if m:
            return _resolve_match(name, m, anchor, future, told)
    # A spaCy entity may carry a leading preposition the patterns do not ("on Friday" is one).
    for mention in find_dates(text, anchor, future, told):
        if mention.value is not None and len(mention.text) >= len(text) - 4:
            return mention.value
    return None


_LAG_RX = re.compile(
    r"(?i:\b(?:(?P<qual>just|only|mere|barely|some)\s+)?(?:(?P<num>\d+|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|a few|few|several|a couple of)\s+)?(?P<unit>hour|day|week|month|year)s?\s+"
    r"(?P<dir>after|before|later|earlier)\b|\bwithin\s+(?:(?:a|an|one|two|a few|few|several)\s+)?"
    r"(?P<wunit>hour|day|week|month)s?\s+(?:of|after)\b|\b(?P<soon>shortly|soon|immediately|right|just|hours|days)"
    r"\s+(?P<sdir>after|before)\b|\b(?P<plain>following|after|in the wake of|in the aftermath of|amid)\b)")
_UNIT_DAYS = {"hour": (0, 1), "day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366)}
MAX_COUNT = 1000
FOLLOWING_MAX_DAYS = 9999  # "following X", "after X": only a lower bound; callers cap it


def find_relative(text: str) -> tuple[RelativeMention, ...]:
    """Find phrases that place a clause relative to another event ("just days after the vote")."""
    out: list[RelativeMention] = []
    for m in _LAG_RX.finditer(text):
        target = text[m.end():].strip(" ,")
        direction: Literal["after", "before"] = "after"
        if m.group("unit"):
            unit = m.group("unit").lower()
            lo, hi = _UNIT_DAYS[unit]
            count = _count(m.group("num"), m.group("qual"))
            lag = (lo * count[0], hi * count[1])
            if unit == "hour":
                lag = (0, max(1, (count[1] + 23) // 24))
            word = m.group("dir").lower()
            direction = "after" if word in ("after", "later") else "before"
            if word in ("later", "earlier"):
                target = ""  # "two days later": relative to the previous sentence, not a phrase
        elif m.group("wunit"):
            lo, hi = _UNIT_DAYS[m.group("wunit").lower()]
            lag = (0, hi)
        elif m.group("soon"):
            lag = (0, 1) if m.group("soon").lower() == "hours" else (0, 7)
            direction = "after" if m.group("sdir").lower() == "after" else "before"
        else:
            lag = (0, FOLLOWING_MAX_DAYS)
        out.append(RelativeMention(m.start(), m.end(), m.group(0), direction, lag, target))
    return tuple(out)


def shift(value: DateValue, lag: tuple[int, int], direction: Literal["after", "before"],
          cap: PartialDate | None = None, expression: str = "") -> DateValue:
    """The date of something that happened `lag` days after (or before) `value`, as "inferred".

    `cap` bounds the result by the publication date: nothing reported happened after it.
    """
    if direction == "after":
        first = _add_days(value.first_day(), lag[0])
        last = _add_days(value.last_day(), lag[1])
    else:
        first = _add_days(value.first_day(), -lag[1])
        last = _add_days(value.last_day(), -lag[0])
    if cap is not None and direction == "after":
        last = min(last, cap.last_day())
        first = min(first, last)
    return to_value(first, last, "inferred", expression or value.expression)


def to_value(first: dt.date, last: dt.date, how: DateHow, expression: str) -> DateValue:
    """The DateValue of a range of days, at the coarsest precision that states it exactly."""
    start, end = _partial(first, last)
    return DateValue(start, end if end != start else None, how, expression)


def _partial(first: dt.date, last: dt.date) -> tuple[PartialDate, PartialDate]:
    whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if whole_months and first.month == 1 and last.month == 12:
        return PartialDate(first.year), PartialDate(last.year)
    if whole_months:
        return PartialDate(first.year, first.month), PartialDate(last.year, last.month)
    return PartialDate.from_date(first), PartialDate.from_date(last)


def _add_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _count(num: str | None, qual: str | None = None) -> tuple[int, int]:
    """The range of a count word: "two" -> (2, 2), "a few" -> (2, 5), none -> (2, 9)."""
    if num is None:
        return VAGUE_COUNTS.get(qual.lower(), VAGUE_COUNTS[""]) if qual else VAGUE_COUNTS[""]
    word = num.lower()
    if word.isdigit():
        # Beyond this a count is no lag a timeline can place ("9999999 days after").
        count = min(int(word), MAX_COUNT)
        return count, count
    if word in NUMBERS:
        return NUMBERS[word], NUMBERS[word]
    tens, _, unit = word.replace("-", " ").partition(" ")
    if tens in TENS:  # "seventy-five"
        count = TENS[tens] + NUMBERS.get(unit.strip(), 0)
        return count, count
    if word == "a couple of":
        return 2, 3
    return VAGUE_COUNTS.get(word, VAGUE_COUNTS[""])


def _over_anchor(anchor: PartialDate, rule: Callable[[dt.date], DayRange], how: DateHow,
                 expression: str) -> DateValue:
    """Apply a rule to every day the anchor may be, and keep the interval covering every answer."""
    day, last = anchor.first_day(), anchor.last_day()
    lo, hi = rule(day)
    while day < last:
        day += dt.timedelta(days=1)
        a, b = rule(day)
        lo, hi = min(lo, a), max(hi, b)
    return to_value(lo, hi, how, expression)


def _month_range(year: int, month: int) -> DayRange:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


# A range of days spans two months at most ("28 February to 3 April"); a longer span is written
# as months, and reading one as days would date it at a precision the text does not give.
# Re-run tests/test_timeline_expressions.py and bench/dev_eval.py (date-F1) after changing it.
MAX_RANGE_DAYS = 62


def _nearest_year(make: Callable[[int], DayRange], anchor: PartialDate, future: bool,
                  years: list[int] | None = None) -> int:
    """The year that puts a yearless date on or before the anchor (or on or after it, future)."""
    years = years or [anchor.year - 1, anchor.year, anchor.year + 1]
    if future:
        after = [y for y in years if make(y)[1] >= anchor.first_day()]
        return min(after) if after else max(years)
    before = [y for y in years if make(y)[0] <= anchor.last_day()]
    return max(before) if before else min(years)


def _part_range(part: str, first: dt.date, last: dt.date, unit: Literal["month", "year"]) -> DayRange:
    """The early / mid / late part of a month (days 1-10, 11-20, 21-end) or year (thirds)."""
    word = part.lower()
    if unit == "month":
        cuts = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}
        key = ("early" if word in ("early", "the start of", "the beginning of") else
               "late" if word in ("late", "the end of") else "mid")
        a, b = cuts[key]
        return first.replace(day=a), first.replace(day=b)
    key = ("early" if word in ("early", "the start of", "the beginning of") else
           "late" if word in ("late", "the end of") else "mid")
    months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[key]
    return _month_range(first.year, months[0])[0], _month_range(first.year, months[1])[1]


def _resolve_match(name: str, m: re.Match[str], anchor: PartialDate | None, future: bool,
                   told: Told | None = None) -> DateValue | None:
    """Resolve one pattern match; see the module docstring for the conventions."""
    expr = m.group(0)
    g = m.groupdict()
    try:
        if name == "iso":
            return DateValue(PartialDate(int(g["year"]), int(g["month"]), int(g["day"])), None, "stated", expr)
        if name in ("month_day_range", "day_month_range"):
            return _day_range(g, anchor, future, expr)
        if name in ("month_day", "day_month"):
            return _month_day(MONTHS[g["mon"]], int(g["day"]), g.get("year"), g.get("wd"), anchor, future, expr,
                              told)
        if name == "month_range":
            return _month_span(g, anchor, future, expr)
        if name == "month_rel_year":
            if anchor is None:
                return None
            year = anchor.year + {"this": 0, "last": -1, "next": 1}[str(g["rel"]).lower()]
            end_month = MONTHS[str(g["mon2"])] if g.get("mon2") else MONTHS[g["mon"]]
            first, last = _month_range(year, MONTHS[g["mon"]]), _month_range(year, end_month)
            return to_value(first[0], max(first[1], last[1]), "resolved", expr)
        if name == "month_year":
            return DateValue(PartialDate(int(g["year"]), MONTHS[g["mon"]]), None, "stated", expr)
        if name == "part_month":
            return _part_month(g, anchor, future, expr)
        if name == "part_year":
            year = int(g["year"])
            a, b = _part_range(g["part"], dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
            return to_value(a, b, "stated", expr)
        if name == "year":
            return DateValue(PartialDate(int(g["year"])), None, "stated", expr)
        if name == "rel_month":
            return _rel_month(g["rel"].lower(), MONTHS[g["mon"]], anchor, future, expr)
        if name == "season":
            return _season(g, anchor, future, expr)
    except (ValueError, OverflowError):  # "February 30", "year 0": not a date
        return None
    if anchor is None:
        return None
    rule = _relative_rule(name, g, future)
    try:
        return _over_anchor(anchor, rule, "resolved", expr) if rule else None
    except (ValueError, OverflowError):  # "99999999 days ago", or an anchor near year 1 or 9999
        return None


def _month_day(month: int, day: int, year: str | None, weekday: str | None, anchor: PartialDate | None,
               future: bool, expr: str, told: Told | None = None) -> DateValue | None:
    if year:
        return DateValue(PartialDate(int(year), month, day), None, "stated", expr)
    recent, days = told if told is not None else (None, {})
    if (month, day) in days:  # the same day the text stated with its year
        return DateValue(PartialDate(days[month, day], month, day), None, "resolved", expr)
    if recent is not None and (anchor is None or recent.year != anchor.year):
        # A narrative of another year ("On June 2 2031 ... On June 11, ..."): the year that puts
        # the day nearest the date just stated.
        valid = [y for y in (recent.year - 1, recent.year, recent.year + 1)
                 if 1 <= day <= calendar.monthrange(y, month)[1]]
        if valid:
            near = min(valid, key=lambda y: abs((dt.date(y, month, day) - recent.first_day()).days))
            return DateValue(PartialDate(near, month, day), None, "resolved", expr)
    if anchor is None:
        return None
    years = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1)
             if 1 <= day <= calendar.monthrange(y, month)[1]]
    if not years:
        return None
    wd = WEEKDAYS.get((weekday or "").lower())
    if wd is not None:
        # "Tuesday, March 3": the one year near the anchor where March 3 is a Tuesday decides.
        matching = [y for y in years if dt.date(y, month, day).weekday() == wd]
        if len(matching) == 1:
            return DateValue(PartialDate(matching[0], month, day), None, "resolved", expr)
    chosen = _nearest_year(lambda y: (dt.date(y, month, day),) * 2, anchor, future, years)
    return DateValue(PartialDate(chosen, month, day), None, "resolved", expr)


def _range_years(g: dict[str, str | None], month: int, end_month: int, anchor: PartialDate | None,
                 future: bool, probe: Callable[[int], DayRange]) -> tuple[int, int, str] | None:
    """The years of a range's start and end, and how they are known. A year written after the
    range belongs to its end ("Dec. 28 to Jan. 3, 2031"); else the start takes the year nearest
    the anchor (`probe` gives its days in a year), and a range that wraps ends in the next."""
    wraps = end_month < month
    if g.get("year"):
        end_year = int(str(g["year"]))
        return (end_year - 1 if wraps else end_year), end_year, "stated"
    if anchor is None:
        return None
    year = _nearest_year(probe, anchor, future)
    return year, (year + 1 if wraps else year), "resolved"


def _day_range(g: dict[str, str | None], anchor: PartialDate | None, future: bool, expr: str) -> DateValue | None:
    """A range of days, "March 3 to 5" or "Dec. 28 to Jan. 3", as the interval it states; None
    when its end is not after its start."""
    month = MONTHS[str(g["mon"])]
    end_month = MONTHS[str(g["mon2"])] if g.get("mon2") else month
    day, end_day = int(str(g["day"])), int(str(g["day2"]))
    years = _range_years(g, month, end_month, anchor, future, lambda y: (dt.date(y, month, min(day, 28)),) * 2)
    if years is None:
        return None
    year, end_year, how = years
    first, last = dt.date(year, month, day), dt.date(end_year, end_month, end_day)
    if last <= first or (last - first).days > MAX_RANGE_DAYS:
        return None  # "March 30 to 5" or a span of months: not a range of days this reads
    return to_value(first, last, how, expr)  # type: ignore[arg-type]


def _month_span(g: dict[str, str | None], anchor: PartialDate | None, future: bool, expr: str) -> DateValue | None:
    """"from March to May", "between November and February 2031": the months it spans."""
    month, end_month = MONTHS[str(g["mon"])], MONTHS[str(g["mon2"])]
    years = _range_years(g, month, end_month, anchor, future, lambda y: _month_range(y, month))
    if years is None:
        return None
    year, end_year, how = years
    if (year, month) == (end_year, end_month):
        return None
    return to_value(_month_range(year, month)[0], _month_range(end_year, end_month)[1], how, expr)  # type: ignore[arg-type]


def _part_month(g: dict[str, str | None], anchor: PartialDate | None, future: bool, expr: str) -> DateValue | None:
    month = MONTHS[str(g["mon"])]
    part = str(g["part"])
    if g.get("year"):
        first, last = _month_range(int(str(g["year"])), month)
        a, b = _part_range(part, first, last, "month")
        return to_value(a, b, "stated", expr)
    if anchor is None:
        return None
    year = _nearest_year(lambda y: _month_range(y, month), anchor, future)
    first, last = _month_range(year, month)
    a, b = _part_range(part, first, last, "month")
    return to_value(a, b, "resolved", expr)


def _rel_month(rel: str, month: int, anchor: PartialDate | None, future: bool, expr: str) -> DateValue | None:
    if anchor is None:
        return None
    if rel in ("early", "late", "mid"):
        year = _nearest_year(lambda y: _month_range(y, month), anchor, future)
        first, last = _month_range(year, month)
        a, b = _part_range(rel, first, last, "month")
        return to_value(a, b, "resolved", expr)
    if rel == "this":
        year = anchor.year
    elif rel == "last":
        # The latest such month strictly before the anchor's month (or year).
        year = anchor.year - 1 if anchor.month is None or month >= anchor.month else anchor.year
    elif rel == "next":
        year = anchor.year + 1 if anchor.month is None or month <= anchor.month else anchor.year
    elif rel in ("until", "by") and not future and (anchor_month := anchor.month) is not None:
        # "until March" may look back ("Until March, staff tested...") or ahead; without a
        # future tense, take the occurrence nearest the anchor's month.
        year = min((anchor.year - 1, anchor.year, anchor.year + 1),
                   key=lambda y: (abs((y - anchor.year) * 12 + month - anchor_month), -y))
    else:
        year = _nearest_year(lambda y: _month_range(y, month), anchor, future)
    return DateValue(PartialDate(year, month), None, "resolved", expr)


def _season(g: dict[str, str | None], anchor: PartialDate | None, future: bool, expr: str) -> DateValue | None:
    first_month, last_month = SEASONS[str(g["season"]).lower()]

    def make(y: int) -> DayRange:
        # A winter belongs to the year it ends in: winter 2026 is December 2025 to February 2026.
        start_year = y - 1 if first_month > last_month else y
        return _month_range(start_year, first_month)[0], _month_range(y, last_month)[1]

    if g.get("year"):
        a, b = make(int(str(g["year"])))
        return to_value(a, b, "stated", expr)
    if anchor is None:
        return None
    rel = (g.get("rel") or "").lower()
    years = range(anchor.year - 2, anchor.year + 3)
    if rel == "last":
        year = max(y for y in years if make(y)[1] < anchor.first_day())
    elif rel == "next":
        year = min(y for y in years if make(y)[0] > anchor.last_day())
    else:
        year = _nearest_year(make, anchor, future)
    a, b = make(year)
    return to_value(a, b, "resolved", expr)


def _one_day(rule: Callable[[dt.date], dt.date]) -> Callable[[dt.date], DayRange]:
    return lambda d: (rule(d), rule(d))


def _week(d: dt.date, offset: int) -> DayRange:
    monday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(weeks=offset)
    return monday, monday + dt.timedelta(days=6)


def _month_of(d: dt.date, offset: int) -> DayRange:
    index = d.year * 12 + d.month - 1 + offset
    return _month_range(index // 12, index % 12 + 1)


def _year_of(d: dt.date, offset: int) -> DayRange:
    return dt.date(d.year + offset, 1, 1), dt.date(d.year + offset, 12, 31)


def _relative_rule(name: str, g: dict[str, str | None], future: bool) -> Callable[[dt.date], DayRange] | None:
    """The rule mapping a publication day to the days an anchor-relative expression means."""
    one = dt.timedelta(days=1)
    if name == "day_word":
        word = str(g["word"]).lower()
        delta = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return lambda d: (d + delta * one, d + delta * one)
    if name == "weekday":
        wd = WEEKDAYS[str(g["wd"]).lower()]
        rel = (g.get("rel") or "").lower()
        if rel in ("last", "past"):
            return _one_day(lambda d: d - ((d.weekday() - wd - 1) % 7 + 1) * one)
        if rel == "this":
            return _one_day(lambda d: _week(d, 0)[0] + wd * one)
        if rel == "next":
            return _one_day(lambda d: _week(d, 1)[0] + wd * one)
        if future:
            return _one_day(lambda d: d + ((wd - d.weekday()) % 7) * one)
        return _one_day(lambda d: d - ((d.weekday() - wd) % 7) * one)
    if name == "weekend":
        # The latest Saturday before publication, and the Sunday after it.
        return lambda d: (d - ((d.weekday() - 5 - 1) % 7 + 1) * one,
                          d - ((d.weekday() - 5 - 1) % 7 + 1) * one + one)
    unit = str(g.get("unit") or "").lower()
    span = {"week": _week, "month": _month_of, "year": _year_of}.get(unit)
    if name == "this_unit" and span is not None and str(g["rel"]).lower() == "past":
        # "over the past year": the twelve months up to publication, not the last calendar year.
        back = {"week": 7, "month": 31, "year": 365}[unit]
        return lambda d: (d - back * one, d)
    if name == "this_unit" and span is not None:
        offset = {"last": -1, "this": 0, "next": 1}[str(g["rel"]).lower()]
        return lambda d: span(d, offset)
    if name == "earlier_later" and span is not None:
        if str(g["which"]).lower() == "earlier":
            return lambda d: (span(d, 0)[0], max(span(d, 0)[0], d - one))
        return lambda d: (min(span(d, 0)[1], d + one), span(d, 0)[1])
    if name == "ago":
        lo, hi = _count(g.get("num"))
        if unit == "hour":
            return lambda d: (d - one, d)
        if unit == "day":
            return lambda d: (d - hi * one, d - lo * one)
        if unit == "week":
            # "two weeks ago": that week, give or take a few days.
            return lambda d: (d - (7 * hi + 3) * one, d - (7 * lo - 3) * one)
        if unit == "month":
            return lambda d: (_month_of(d, -hi)[0], _month_of(d, -lo)[1])
        if unit == "year":
            return lambda d: (_year_of(d, -hi)[0], _year_of(d, -lo)[1])
    return None  # "recently": no date can be given


__all__ = ["Told", "named_day", "is_timestamp", "timestamps", "without_furniture", "DateMention", "RelativeMention", "find_dates", "find_relative", "resolve", "shift", "to_value"]
