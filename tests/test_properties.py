"""Property-based tests: whatever the corpus holds, the loader, date resolution and rendering
either succeed or report `path:line: message`, never a traceback."""
from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import corpus
from generator.errors import BriefingError
from generator.extract.dates import find_dates, find_relative, resolve, shift
from generator.extract.timeline.corpus import MERGE_WORDS, _most_similar_first, _Words
from generator.model import (Article, Briefing, DateValue, Event, Paragraph, PartialDate, Player, Quote, Role,
                             Sentence, SourceRef, Story)
from generator.render import render_pages

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROBLEM = re.compile(r"^corpus/articles/a\.md(:\d+)?: \S")
PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>",
            "[x](javascript:alert(1))", "{{ config }}", "{% raw %}", "--8<-- \"x\"", "!!! note", "<!--",
            "| a | b |", "\u202e", "&amp;", "`", "*", "_", "#", "\\", "---", "...", "&a", "*a", "!!binary",
            ": ", "- ", "? ", "{", "[", "\t", "\r", "\x00", "\ufeff", "\u2028", "title:", "published:",
            "2026-02-30", "9" * 30, "é", "👨\u200d👩"]
text_like = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=20)), max_size=12).map("".join)
FIELDS = ["id", "title", "outlet", "url", "published", "author", "language", "inferred", "note", "x"]
scalar = st.one_of(text_like, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                   st.sampled_from(["2026", "2026-03", "2026-03-06", "0001-01-01", "9999-12-31", "https://a.example/x"]))


def yaml_value(value: object) -> str:
    if isinstance(value, str):
        return '"' + "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" for ch in value) + '"'
    return str(value)


def load_one(scratch: Path, content: bytes) -> None:
    """Load a corpus holding one file; any outcome but a clean Corpus or BriefingError fails."""
    (scratch / "corpus" / "articles" / "a.md").write_bytes(content)
    try:
        corpus.load(scratch)
    except BriefingError as exc:
        assert exc.problems
        for problem in exc.problems:
            first = str(problem).split("\n")[0]
            assert PROBLEM.match(first), first


@pytest.fixture(scope="module")
def scratch() -> Path:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus" / "articles").mkdir(parents=True)
        yield root


@FAST
@given(content=st.binary(max_size=400))
def test_loader_on_arbitrary_bytes(scratch: Path, content: bytes) -> None:
    load_one(scratch, content)


@FAST
@given(head=st.binary(max_size=200), body=text_like)
def test_loader_on_front_matter_shaped_bytes(scratch: Path, head: bytes, body: str) -> None:
    load_one(scratch, b"---\n" + head + b"\n---\n" + body.encode("utf-8", "surrogatepass"))


@FAST
@given(fields=st.dictionaries(st.sampled_from(FIELDS), scalar, max_size=6), body=text_like,
       raw=st.lists(text_like, max_size=3))
def test_loader_on_yaml_fields(scratch: Path, fields: dict[str, object], body: str, raw: list[str]) -> None:
    lines = [f"{key}: {yaml_value(value)}" for key, value in fields.items()] + raw
    text = "---\n" + "\n".join(lines) + "\n---\n" + body + "\nThe council met on Tuesday, officials said.\n"
    load_one(scratch, text.encode("utf-8", "surrogatepass"))


# --- Date resolution -----------------------------------------------------------------------

DATE_WORDS = ["last", "next", "this", "on", "in", "since", "early", "late", "mid", "the end of", "Friday",
              "Monday", "March", "Feb.", "Sept", "winter", "spring", "yesterday", "tomorrow", "today", "week",
              "weeks", "month", "year", "years", "days", "hours", "ago", "later", "after", "before", "within",
              "a few", "several", "two", "3", "31", "29", "0", "2026", "1899", "2199", "2026-02-29", "of", ","]
anchors = st.one_of(st.none(), st.builds(PartialDate.from_date, st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
                    st.builds(PartialDate, st.integers(1900, 2100), st.integers(1, 12)),
                    st.builds(PartialDate, st.integers(1900, 2100)))
phrases = st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=6).map(" ".join)


def sane(value: DateValue, anchor: PartialDate | None) -> None:
    assert value.first_day() <= value.last_day()
    if anchor is not None and value.how == "resolved":
        # Relative words reach at most a dozen units back or forward in these phrases.
        assert abs((value.first_day() - anchor.first_day()).days) <= 13 * 366 + 366
        assert abs((value.last_day() - anchor.last_day()).days) <= 13 * 366 + 366


@FAST
@given(text=st.one_of(phrases, text_like), anchor=anchors, future=st.booleans())
def test_dates_never_raise_and_stay_near_the_anchor(text: str, anchor: PartialDate | None, future: bool) -> None:

    value = resolve(text, anchor, future)
    assert value is None or isinstance(value, DateValue)
    if value is not None:
        sane(value, anchor)
    for mention in find_dates(text, anchor, future):
        if mention.value is not None:
            sane(mention.value, anchor)
    find_relative(text)


@pytest.mark.parametrize(("text", "anchor"), [
    ("99999999 days ago", PartialDate(2026, 3, 6)),
    ("9999 years ago", PartialDate(2026, 3, 6)),
    ("tomorrow", PartialDate(9999, 12, 31)),
    ("last year", PartialDate(1, 1, 1)),
])
def test_dates_with_huge_counts_or_extreme_anchors_do_not_raise(text: str, anchor: PartialDate) -> None:

    resolve(text, anchor)


def test_relative_lag_with_a_huge_count_can_be_shifted() -> None:

    (mention,) = find_relative("9999999999999999999999 days after the vote")
    shift(DateValue(PartialDate(2026, 3, 6)), mention.lag, mention.direction)


# --- Rendering -----------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    texts = [draw(text_like.filter(lambda t: t.strip())) for _ in range(4)]
    sentence = texts[0].strip() or "x"
    para = Paragraph(1, "text", sentence, 4, (Sentence(1, sentence, 0, len(sentence)),))
    published = draw(st.one_of(st.none(), anchors))
    article = Article("a", "corpus/articles/a.md", texts[1], draw(st.one_of(st.none(), text_like)),
                      draw(st.one_of(st.none(), st.just("https://a.example/x)[y](javascript:alert(1))"))),
                      published, draw(st.one_of(st.none(), text_like)), "en", (), (para,), 4, "0" * 64)
    ref = SourceRef("a", 1, 1, sentence)
    pid = draw(slugs)
    player = Player(pid, texts[2], draw(st.sampled_from(["person", "organization"])), (texts[3],),
                    (Role(texts[3], ref),), (), (Quote(texts[0], pid, ref),), ("a",), 1, 1.0, (ref,))
    date = DateValue(published, None, "stated", texts[3]) if published else None
    event = Event(draw(slugs), date, texts[0], (ref,), (pid,))
    return Briefing(Story(texts[1], texts[2]), published, (article,), (player,), (event,))


LIVE = re.compile(r"<\s*(script|img|svg|iframe|object)\b|href\s*=\s*[\"']?\s*javascript:",
                  re.I)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(briefing=briefings())
def test_render_never_raises_and_emits_no_live_markup(briefing: Briefing) -> None:

    pages = render_pages(briefing)
    for rel, text in pages.items():
        if isinstance(text, str) and rel.endswith(".md"):
            found = LIVE.search(text)
            assert found is None, (rel, text[max(0, found.start() - 60): found.end() + 60])


def _mentions() -> st.SearchStrategy[list[Any]]:

    letters = st.frozensets(st.sampled_from("abcdefgh"), max_size=6)
    return st.lists(st.builds(_Words, st.sampled_from(["deal", "ban"]), letters,
                              st.frozensets(st.sampled_from("pq"), max_size=2)), max_size=30)


@FAST
@given(_mentions())
def test_similar_event_mentions_are_every_pair_over_the_threshold_most_similar_first(ms: list[Any]) -> None:
    """The timeline's inverted-index pass finds what comparing every pair would, in the order
    its clustering relies on: most similar first, then by position."""

    expected = sorted((-len(a.words & b.words) / len(a.words | b.words), i, j)
                      for j, b in enumerate(ms) for i, a in enumerate(ms[:j])
                      if a.family == b.family and a.words & b.words
                      and not (a.actors and b.actors and a.actors.isdisjoint(b.actors))
                      and len(a.words & b.words) / len(a.words | b.words) >= MERGE_WORDS)
    assert list(_most_similar_first(ms)) == [(i, j) for _, i, j in expected]
