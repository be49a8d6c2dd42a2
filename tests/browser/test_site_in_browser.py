"""The built briefing in headless Chromium: search, citations, privacy, layout, hostile text."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Watched

PAGES = {
    "overview": "",
    "players": "players/",
    "player": "players/elena-ruiz/",
    "timeline": "timeline/",
    "comparison": "comparison/",
    "questions": "questions/",
    "relationships": "relationships/",
    "sources": "sources/",
    "source": "sources/gazette-2026-03-02/",
}


def _open(w: Watched, url: str) -> None:
    w.page.goto(url, wait_until="load")
    w.page.wait_for_load_state("networkidle")


def _wait_for_diagram(page: Any) -> None:
    """Material swaps the `pre.mermaid` source for a `div.mermaid` holding the SVG (closed shadow)."""
    diagram = page.locator("div.mermaid").first
    diagram.wait_for(state="visible", timeout=15_000)
    box = diagram.bounding_box()
    assert box is not None and box["height"] > 40


def test_search_by_alias_finds_the_player_page(watched: Watched, base_url: str) -> None:
    page = watched.page
    _open(watched, base_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").click()
    page.keyboard.type("STA", delay=40)  # key events: fill() does not wake Material's search
    result = page.locator(".md-search-result__list a[href*='players/state-transport-agency/']")
    result.first.wait_for(state="visible", timeout=15_000)
    result.first.click()
    page.wait_for_load_state("load")
    assert "/players/state-transport-agency/" in page.url
    assert page.locator("h1").inner_text().startswith("State Transport Agency")


def test_search_works_on_a_lean_source_page(watched: Watched, base_url: str) -> None:
    """Source pages get their search form and palette from one shared script."""
    page = watched.page
    _open(watched, base_url + PAGES["source"])
    assert page.locator(".md-sidebar--primary").count() == 0  # lean: no navigation
    page.locator(".md-search__input").click()
    page.keyboard.type("Okafor", delay=40)
    result = page.locator(".md-search-result__list a[href*='players/tom-okafor/']")
    result.first.wait_for(state="visible", timeout=15_000)
    assert watched.errors == []


def test_a_lean_source_page_has_the_whole_header(watched: Watched, base_url: str) -> None:
    """The header comes from the shared script; the page's own title is filled in from <title>."""
    page = watched.page
    _open(watched, base_url + PAGES["source"])
    title = page.locator("h1").inner_text()
    topics = page.locator(".md-header__topic .md-ellipsis")
    assert topics.nth(0).inner_text() == page.locator(".md-logo").get_attribute("aria-label")
    assert topics.nth(1).text_content() == title
    assert page.title().startswith(title + " - ")
    assert page.locator("a.md-skip[href='#top']").count() == 1
    page.locator(".md-logo").click()
    page.wait_for_load_state("load")
    assert page.url.rstrip("/") == base_url.rstrip("/")
    assert watched.errors == []


def test_an_address_naming_an_uncited_sentence_lands_on_its_paragraph(watched: Watched,
                                                                       base_url: str) -> None:
    from generator.render import cited_sentences
    from tests.render_fixtures import sample_briefing

    b = sample_briefing()
    article = next(a for a in b.articles if a.id == PAGES["source"].split("/")[1])
    cited = cited_sentences(b)[article.id]
    p, s = next((p.index, s.index) for p in article.paragraphs for s in p.sentences
                if (p.index, s.index) not in cited)
    page = watched.page
    _open(watched, base_url + PAGES["source"] + f"#p{p}-s{s}")
    page.wait_for_function(f"() => location.hash === '#p{p}'", timeout=5_000)
    assert page.evaluate(f"() => document.getElementById('p{p}').matches(':target')")
    assert watched.errors == []


def test_a_saved_dark_palette_applies_on_a_lean_source_page(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(base_url, wait_until="networkidle")
        # what Material stores when a reader picks the dark palette with the toggle
        page.evaluate("""() => __md_set("__palette", {index: 1, color: {media: "(prefers-color-scheme: dark)",
                                scheme: "slate", primary: "blue-grey", accent: "deep-orange"}})""")
        page.goto(base_url + PAGES["source"], wait_until="networkidle")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    finally:
        context.close()


def test_citation_lands_on_and_highlights_its_sentence(watched: Watched, base_url: str,
                                                       artifacts: Path) -> None:
    page = watched.page
    _open(watched, base_url + PAGES["player"])
    link = page.locator("#role ~ ul a[href*='sources/gazette-2026-03-02/#p1-s2']").first
    assert "Mayor Elena Ruiz said" in (link.get_attribute("title") or "")
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/sources/gazette-2026-03-02/#p1-s2")
    sentence = page.locator("#p1-s2")
    sentence.wait_for(state="visible")
    assert "missed three deadlines" in sentence.inner_text()
    box = sentence.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]  # scrolled into view
    # not hidden under the fixed header
    header = page.locator(".md-header").bounding_box()
    assert header is not None and box["y"] >= header["y"] + header["height"] - 1
    colour = sentence.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    paragraph = page.locator("#p1").evaluate("e => getComputedStyle(e).backgroundColor")
    assert paragraph not in ("rgba(0, 0, 0, 0)", "transparent")
    other = page.locator("#p1-s1").evaluate("e => getComputedStyle(e).backgroundColor")
    assert other == "rgba(0, 0, 0, 0)"
    page.screenshot(path=str(artifacts / "citation-landing.png"))


def test_no_console_errors_and_no_request_leaves_localhost(watched: Watched, base_url: str) -> None:
    for path in PAGES.values():
        _open(watched, base_url + path)
    # Mermaid drew the relationship graph from the shipped copy
    _open(watched, base_url + PAGES["relationships"])
    _wait_for_diagram(watched.page)
    outside = [u for u in watched.requests if not u.startswith(base_url) and not u.startswith("data:")]
    assert outside == []
    assert watched.errors == []


def test_hostile_article_text_stays_inert(watched: Watched, base_url: str) -> None:
    page = watched.page
    for path in ("sources/hostile-note/", "timeline/", "players/x-script/", ""):
        _open(watched, base_url + path)
        assert page.evaluate("() => window.__pwned === undefined")
        assert page.locator("a[href^='javascript:']").count() == 0
    _open(watched, base_url + "sources/hostile-note/")
    assert "<script>window.__pwned = 1</script>" in page.locator("#p1").inner_text()
    assert "{{ config.site_name }}" in page.locator("#p1").inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_pages_fit_the_screen(browser: Any, base_url: str, artifacts: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        wide = []
        for name, path in PAGES.items():
            page.goto(base_url + path, wait_until="networkidle")
            if name == "relationships":
                _wait_for_diagram(page)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                wide.append(f"{name}: {overflow}px")
            page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
        assert wide == []
    finally:
        context.close()


def test_dark_scheme_and_print_render(browser: Any, base_url: str, artifacts: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(base_url + PAGES["timeline"], wait_until="networkidle")
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
        page.screenshot(path=str(artifacts / "timeline-dark.png"), full_page=True)
        page.emulate_media(media="print")
        assert page.locator(".md-sidebar--primary").first.is_hidden()
        page.screenshot(path=str(artifacts / "timeline-print.png"), full_page=True)
    finally:
        context.close()
