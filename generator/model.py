"""The typed, frozen model every stage passes along.

Stages take model objects and return model objects. Every fact keeps where it came from
(`SourceRef`: article, paragraph, sentence and the verbatim sentence), so a page can cite it
and an error can point at it. Collections are tuples, sorted by an explicit key by the stage
that builds them, so that output is deterministic.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["person", "organization"]
DateHow = Literal["stated", "resolved", "inferred"]
ParagraphKind = Literal["text", "heading", "item", "table"]


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} out of range for {self.year}-{self.month:02d}")

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    @classmethod
    def from_date(cls, day: dt.date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError otherwise."""
        parts = text.split("-")
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or any(
            len(p) != 2 for p in parts[1:]
        ) or not all(p.isascii() and p.isdigit() for p in parts):
            raise ValueError(f"not an ISO date: {text!r}")
        nums = [int(p) for p in parts]
        return cls(*nums)  # type: ignore[arg-type]  # 1 to 3 ints, checked above

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class DateValue:
    """When something happened: one partial date, or an interval when that is all that is known.

    `how` says how the date was obtained: "stated" (written in the sentence), "resolved" (a
    relative expression such as "last Friday" resolved against the publication date), or
    "inferred" (taken from the article's publication date or a related event).
    """

    start: PartialDate
    end: PartialDate | None = None
    how: DateHow = "stated"
    expression: str = ""

    def iso(self) -> str:
        return f"{self.start.iso()}/{self.end.iso()}" if self.end else self.start.iso()

    def first_day(self) -> dt.date:
        return self.start.first_day()

    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day()

    @property
    def precision(self) -> Literal["year", "month", "day", "interval"]:
        return "interval" if self.end else self.start.precision

    def sort_key(self) -> tuple[dt.date, dt.date]:
        return (self.first_day(), self.last_day())


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a paragraph; `start`/`end` are character offsets in the paragraph."""

    index: int  # 1-based within its paragraph
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table as it appears in an article: a caption (the line before it, if any), header, rows."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of the article body: a paragraph, a heading line, a list item or a table."""

    index: int  # 1-based; the anchor on the source page is `p{index}`
    kind: ParagraphKind
    text: str
    line: int  # 1-based line in the article file where the block starts
    sentences: tuple[Sentence, ...] = ()
    table: Table | None = None
    # The kind of page furniture this block is (generator/furniture.py), "" for the article's own
    # text: furniture is shown on the source page, set apart, and feeds no extractor.
    furniture: str = ""

    @property
    def anchor(self) -> str:
        return f"p{self.index}"


@dataclass(frozen=True, slots=True)
class Article:
    id: str  # the file name without `.md`; also the source page's name
    path: str  # relative to the project, with forward slashes, for messages
    title: str
    outlet: str | None
    url: str | None
    published: PartialDate | None
    author: str | None
    language: str
    # field name -> why the value was inferred rather than given by the source
    inferred: tuple[tuple[str, str], ...]
    paragraphs: tuple[Paragraph, ...]
    body_line: int  # 1-based line of the first body line
    sha256: str  # of the file's bytes: the cache key for per-article results

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def paragraph(self, index: int) -> Paragraph:
        return self.paragraphs[index - 1]


@dataclass(frozen=True, slots=True, order=True)
class SourceRef:
    """Where a fact rests: an article's paragraph and sentence, and that sentence verbatim."""

    article: str
    paragraph: int
    sentence: int  # 1-based within the paragraph; 0 for a whole block (a table)
    quote: str

    @property
    def anchor(self) -> str:
        return f"p{self.paragraph}" if self.sentence == 0 else f"p{self.paragraph}-s{self.sentence}"


@dataclass(frozen=True, slots=True)
class Role:
    text: str  # as the article gives it: "CEO of Acme", "Defense Secretary"
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Quote:
    text: str  # verbatim, without the quotation marks
    speaker: str  # player id
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Statement:
    """A sentence that states a party's stance or an open point, kept verbatim via `source`."""

    text: str
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Player:
    id: str  # slug; the player page's name
    name: str
    kind: Kind
    aliases: tuple[str, ...]  # every other form seen in the articles, sorted
    roles: tuple[Role, ...]  # most supported first; differing roles are all kept
    stances: tuple[Statement, ...]
    quotes: tuple[Quote, ...]
    articles: tuple[str, ...]  # article ids that mention the player, sorted
    mentions: int
    score: float  # importance across the corpus; players are listed by it
    sources: tuple[SourceRef, ...] = ()  # a few mentions, for provenance of the entry itself
    edited: tuple[str, ...] = ()  # notes of curated corrections applied
    # a key player, with a page of its own; the others are named on the players page and in
    # briefing.json, searchable, without a page each (players.combine.LISTED_*)
    listed: bool = True

    @property
    def role(self) -> str | None:
        return self.roles[0].text if self.roles else None


@dataclass(frozen=True, slots=True)
class Event:
    id: str  # stable slug, the anchor on the timeline page
    date: DateValue | None  # None: undated background
    summary: str  # one line saying what happened, taken from the source sentence
    sources: tuple[SourceRef, ...]  # every article reporting it
    players: tuple[str, ...] = ()  # player ids involved


@dataclass(frozen=True, slots=True)
class Claim:
    value: str
    sources: tuple[SourceRef, ...]
    by: str = ""  # who gives this version, as the article names them ("the union"); "" if the article


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A fact reported differently by the sources; each version with its sources."""

    id: str
    topic: str
    claims: tuple[Claim, ...]  # two or more distinct values
    settled: bool = False


@dataclass(frozen=True, slots=True)
class Agreement:
    """A fact several sources report alike: "reported by 4 of 5 sources"."""

    id: str
    topic: str
    value: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Position:
    party: str  # player id
    issue: str  # issue id
    text: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Issue:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ArticleTable:
    id: str
    table: Table
    source: SourceRef  # sentence 0: the whole block


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    kind: Literal["asked", "whether", "hedged", "watch", "disagreement"]
    sources: tuple[SourceRef, ...]
    answer: Statement | None = None  # how later coverage answered it, if it did


@dataclass(frozen=True, slots=True)
class CitedOutlet:
    """A news outlet an article cites as its own source ("according to the Financial Times")."""

    name: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    """Who negotiates with, opposes, criticises or reports on whom, from one or more sentences."""

    subject: str  # player id
    verb: str  # "negotiates with", "opposes", "criticises", "partners with", "competes with"
    object: str  # player id
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One dated figure of a series, with every sentence that gives it."""

    date: DateValue  # the day it holds for: a reporting day the sentence names, else publication
    value: str  # as written, the form most of its sources use: "at least 150"
    low: float  # the numbers stated (a range "between 40 and 50" is 40 and 50)
    high: float
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """A count the coverage updates over time (a death toll, cases confirmed): its figures by date."""

    id: str
    measure: str  # what is counted, normalised: "deaths", "confirmed cases", "barrels a day"
    place: str  # where it is counted, as the articles name it; "" when they name no place
    points: tuple[SeriesPoint, ...]  # oldest first; two on one day when the sources differ

    @property
    def topic(self) -> str:
        return f"{self.measure} in {self.place}" if self.place and self.place != "worldwide" else (
            f"{self.measure} {self.place}".strip())


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    scope: str
    generated: bool = False  # title or scope built from the coverage, the editor's left unwritten


@dataclass(frozen=True, slots=True)
class Briefing:
    story: Story
    as_of: PartialDate | None  # the newest article's date; never the wall clock
    articles: tuple[Article, ...]
    players: tuple[Player, ...] = ()
    events: tuple[Event, ...] = ()  # dated, in order, then undated background
    issues: tuple[Issue, ...] = ()
    positions: tuple[Position, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    tables: tuple[ArticleTable, ...] = ()
    questions: tuple[Question, ...] = ()
    outlets_cited: tuple[CitedOutlet, ...] = ()
    relations: tuple[Relation, ...] = ()
    notes: tuple[str, ...] = field(default=())  # corrections applied, for the record
    series: tuple[Series, ...] = ()  # counts updated over time, most reported first

    @property
    def listed_players(self) -> tuple[Player, ...]:
        """The key players, each with a page; `players` holds them first, then the others."""
        return tuple(p for p in self.players if p.listed)

    @property
    def named_players(self) -> tuple[Player, ...]:
        """Players named too rarely for a page of their own, kept searchable."""
        return tuple(p for p in self.players if not p.listed)

    @property
    def dated_events(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.date is not None)

    @property
    def background(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.date is None)

    def player(self, player_id: str) -> Player | None:
        return next((p for p in self.players if p.id == player_id), None)

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)
