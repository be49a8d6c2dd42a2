"""Rendering a large corpus: citations and lists that stay compact, a timeline split into pages
by period, and what the search index keeps. Hand-made briefings of an invented story."""
from __future__ import annotations

import dataclasses
import json
import re
import tempfile
from pathlib import Path

import pytest

from generator import render, views
from generator.model import DateValue, Event, PartialDate, Quote, SourceRef
from generator.render import FULL_ENTRIES, render_pages
from generator.render_timeline import timeline_periods
from generator.site import _lean_search
from generator.views import FULL_CITES, MORE_LINKS, Views
from tests.render_fixtures import build_fixture_site, sample_briefing

LINK = re.compile(r"\]\(([^) ]+)\)|\]\[([^\]]+)\]")


def link_targets(v: Views, text: str) -> list[str]:
    """Where the links in `text` lead: inline links, and references through their definitions."""
    defined = dict(re.findall(r"^\[([^\]]+)\]: (\S+)$", v.definitions(), re.MULTILINE))
    return [inline or defined[ref] for inline, ref in LINK.findall(text)]


def many_refs(n: int) -> list[SourceRef]:
    """n distinct sentences, spread over the fixture's articles' ids (pages need not exist)."""
    return [SourceRef(f"wire-{i // 3:04d}", i % 3 + 1, 1, f"Sentence {i} of the wire.") for i in range(n)]


def test_few_sources_are_all_named_and_quoted() -> None:
    v = Views(sample_briefing(hostile=False))
    text = str(v.cites(many_refs(FULL_CITES), ""))
    assert v.definitions().count('"Sentence ') == FULL_CITES  # every one with its quote as a tooltip
    assert "more:" not in text


def test_many_sources_show_a_few_in_full_and_the_rest_as_numbered_links() -> None:
    v = Views(sample_briefing(hostile=False))
    refs = many_refs(FULL_CITES + MORE_LINKS)
    text = str(v.cites(refs, "../"))
    targets = link_targets(v, text)
    expected = sorted(f"../sources/{r.article}.md#{r.anchor}" for r in refs)
    assert sorted(targets) == expected  # every source sentence linked, once
    assert v.definitions().count('"Sentence ') == FULL_CITES  # quoted: the first few only
    assert f"and {MORE_LINKS} more:\n[{FULL_CITES + 1}](" in text and f"[{FULL_CITES + MORE_LINKS}](" in text
    assert max(len(line) for line in text.split("\n")) < 100  # one citation a line
    rest = text.split(" more:", 1)[1]
    assert len(rest) / MORE_LINKS < 45  # tens of bytes per further source
    assert "briefing.json" not in text
    assert text.startswith("<span data-search-exclude>")  # kept out of the search index


def test_thousands_of_sources_link_a_few_dozen_and_count_the_rest() -> None:
    v = Views(sample_briefing(hostile=False))
    refs = many_refs(3000)
    text = str(v.cites(refs, "../"))
    targets = link_targets(v, text)
    shown = sorted(refs, key=lambda r: (r.article, r.paragraph, r.sentence))[:FULL_CITES + MORE_LINKS]
    assert targets == [f"../sources/{r.article}.md#{r.anchor}" for r in shown] + ["../briefing.json"]
    assert f"and {3000 - FULL_CITES:,} more:\n" in text
    assert text.endswith(f" and {3000 - FULL_CITES - MORE_LINKS:,} others, listed in\n"
                         "[briefing.json](../briefing.json)</span>")


def test_a_player_in_many_articles_lists_a_few_in_full_and_links_them_all() -> None:
    b = sample_briefing(hostile=False)
    ruiz = b.players[0]
    ids = tuple(f"extra-{i:03d}" for i in range(40))
    mentions = tuple(many_refs(30))
    big = dataclasses.replace(ruiz, articles=ids, sources=mentions)
    text = render_pages(dataclasses.replace(b, players=(big, *b.players[1:])))["players/elena-ruiz.md"]
    articles = text.split("## Articles", 1)[1]
    assert articles.count("\n- ") == FULL_ENTRIES
    assert all(f"(../sources/{i}.md)" in articles for i in ids)
    assert f"{40 - FULL_ENTRIES} more:\n[{FULL_ENTRIES + 1}](../sources/{ids[FULL_ENTRIES]}.md)" in articles
    mentioned = text.split("## Mentions", 1)[1].split("## Articles", 1)[0]
    assert mentioned.count("\n- “") == FULL_ENTRIES
    # the first ones through references defined at the page's end, the rest inline
    assert all(f"[{r.article}#{r.anchor}]" in mentioned or f"(../sources/{r.article}.md#{r.anchor})" in mentioned
               for r in mentions)


def test_a_player_past_the_link_cap_builds_strictly_and_points_to_briefing_json(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "MORE_LINKS", 3)  # the fixture's articles hold a few dozen sentences
    b = sample_briefing(hostile=False)
    ruiz = b.players[0]
    # every sentence of the fixture's articles, so that each link resolves in a strict build
    refs = tuple(SourceRef(a.id, p.index, s.index, s.text) for a in b.articles for p in a.paragraphs
                 for s in p.sentences)
    assert len(refs) > FULL_ENTRIES + 3
    big = dataclasses.replace(ruiz, sources=refs)
    site = build_fixture_site(tmp_path / "project", dataclasses.replace(b, players=(big, *b.players[1:])))
    docs = (tmp_path / "project" / "docs" / "players" / "elena-ruiz.md").read_text(encoding="utf-8")
    assert f"[{FULL_ENTRIES + 3}](" in docs and f"[{FULL_ENTRIES + 4}](" not in docs
    assert f"and {len(refs) - FULL_ENTRIES - 3} others, listed in\n[briefing.json](../briefing.json)" in docs
    html = (site / "players" / "elena-ruiz" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'href="([^"]*briefing\.json)"', html)
    assert link is not None
    assert ((site / "players" / "elena-ruiz") / link.group(1)).resolve() == (site / "briefing.json").resolve()


def test_the_same_quote_from_many_articles_is_shown_once_with_every_source() -> None:
    b = sample_briefing(hostile=False)
    ruiz = b.players[0]
    said = "We will not pay for a bridge we cannot use,"
    refs = many_refs(8)
    quotes = tuple(Quote(said, ruiz.id, r) for r in refs) + (Quote("Another thing entirely.", ruiz.id, refs[0]),)
    text = render_pages(dataclasses.replace(b, players=(dataclasses.replace(ruiz, quotes=quotes),
                                                        *b.players[1:])))["players/elena-ruiz.md"]
    section = text.split("## Quotes", 1)[1].split("\n## ", 1)[0]
    assert section.count("bridge we cannot use") == 1 and "Another thing entirely" in section
    assert all(f"[{r.article}#{r.anchor}]" in section or f"sources/{r.article}.md#{r.anchor})" in section
               for r in refs)


def dated_events(n: int, year: int = 2025, month: int | None = None) -> list[Event]:
    return [Event(f"ev-{year}-{month or 0}-{i:03d}",
                  DateValue(PartialDate(year, month, (i % 27) + 1 if month else None), how="stated",
                            expression="on a day"),
                  f"Event number {i} of {year}.", (SourceRef("wire-2026-03", 1, 1, "x"),), ("port-alder",))
            for i in range(n)]


def test_timeline_periods_split_by_year_and_a_large_year_by_month() -> None:
    months = views.MONTHS
    assert timeline_periods(dated_events(5), 10, months) == []  # one page holds them
    events = dated_events(4, 2024, 6) + dated_events(6, 2025, 1) + dated_events(7, 2025, 2) + dated_events(2, 2025)
    periods = timeline_periods(events, 10, months)
    assert [p.key for p in periods] == ["2024", "2025", "2025-01", "2025-02"]
    assert [len(p.events) for p in periods] == [4, 2, 6, 7]
    assert periods[1].label == "2025, month not given" and periods[3].label == "February 2025"
    assert sorted(e.id for p in periods for e in p.events) == sorted(e.id for e in events)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture story with its timeline split (a page per period from 3 events on) and built
    strictly: MkDocs checks that every link and anchor resolves."""
    mp = pytest.MonkeyPatch()
    mp.setattr(render, "TIMELINE_PAGE_EVENTS", 2)
    try:
        return build_fixture_site(tmp_path_factory.mktemp("split") / "project", sample_briefing(hostile=False))
    finally:
        mp.undo()


def test_a_split_timeline_has_an_index_and_a_page_per_period(split_site: Path) -> None:
    docs = split_site.parent / "docs"
    pages = sorted(p.name for p in (docs / "timeline").glob("*.md"))
    assert pages == ["2023.md", "2025.md", "2026-02.md", "2026-03.md"]
    index = (docs / "timeline.md").read_text(encoding="utf-8")
    assert all(f"(timeline/{p})" in index for p in pages)
    assert "Background (undated)" in index and 'id="supplier-unpaid"' in index
    march = (docs / "timeline" / "2026-03.md").read_text(encoding="utf-8")
    assert 'id="sta-review"' in march and 'id="payments-halted"' not in march
    assert "[← February 2026](../timeline/2026-02.md)" in march
    # links elsewhere go to the page that holds the event
    player = (docs / "players" / "elena-ruiz.md").read_text(encoding="utf-8")
    assert "(../timeline/2026-02.md#payments-halted)" in player
    overview = (docs / "index.md").read_text(encoding="utf-8")
    assert "(timeline/2026-03.md#owes-claim)" in overview
    html = (split_site / "timeline" / "2026-02" / "index.html").read_text(encoding="utf-8")
    assert 'id="payments-halted"' in html


def test_a_small_timeline_stays_one_page() -> None:
    pages = render_pages(sample_briefing(hostile=False))
    assert not any(p.startswith("timeline/") for p in pages)
    assert 'id="payments-halted"' in pages["timeline.md"]
    assert "(../timeline.md#payments-halted)" in pages["players/elena-ruiz.md"]


def doc(location: str, text: str = "") -> dict[str, str]:
    return {"location": location, "title": location, "text": text}


def test_lean_search_adds_optional_entries_in_order_while_they_fit() -> None:
    docs = [doc(""), doc("players/"), doc("players/a/"), doc("players/a/#role", "mayor"),
            doc("players/a/#quotes", "q" * 300), doc("players/a/#mentions", "m" * 50),
            doc("sources/s1/"), doc("sources/s2/"), doc("sources/#cited", "c")]
    sections = {"sources/": ("+",), "players/": ("", "role", "+quotes")}

    def kept(budget: int | None) -> list[str]:
        plugin = _lean_search(sections, budget)
        site = Path(tempfile.mkdtemp())
        (site / "search").mkdir()
        (site / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}))
        plugin.on_post_build(config=type("C", (), {"site_dir": str(site)})())
        return [d["location"] for d in json.loads((site / "search" / "search_index.json").read_text())["docs"]]

    core = ["", "players/", "players/a/", "players/a/#role", "sources/#cited"]
    assert kept(None) == ["", "players/", "players/a/", "players/a/#role", "players/a/#quotes",
                          "sources/s1/", "sources/s2/", "sources/#cited"]
    assert kept(10) == core  # nothing optional fits; the folder's index page stays whole
    small = sum(len(json.dumps(d, separators=(",", ":"))) + 1 for d in docs if d["location"] in core)
    # room for the source titles (the first group) but not the quotes after them
    assert kept(small + 140) == ["", "players/", "players/a/", "players/a/#role", "sources/s1/",
                                 "sources/s2/", "sources/#cited"]
