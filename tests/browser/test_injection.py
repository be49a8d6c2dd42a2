"""The hostile corpus in a real browser: its source page, a player page and a search run
without any injected code running (no dialog, no `window.__pwned`, no console error)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import serve
from ..test_hardening import hostile_site  # noqa: F401  # a fixture, used by name

# Fire the events injected handlers would wait for, on every element, without navigating.
PROVOKE = """() => { for (const e of document.querySelectorAll('*')) {
  for (const type of ['mouseover', 'mouseenter', 'focus', 'error', 'load']) {
    e.dispatchEvent(new Event(type, {bubbles: false})); } } }"""

# conftest.py marks these `browser`, skips them without Debian's chromium, and gives `browser`.


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:  # noqa: F811  # the imported fixture
    with serve(hostile_site / "site") as url:
        yield url.rstrip("/")


def visit(browser: object, url: str, search: str | None = None) -> dict[str, list[str]]:
    """Open `url` (and type `search` into the search box); return what fired."""
    page = browser.new_page()  # type: ignore[attr-defined]
    seen: dict[str, list[str]] = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    origin = "/".join(url.split("/")[:3])
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:")) else seen["requests"].append(r.url))
    page.goto(url, wait_until="load")
    if search:
        page.keyboard.press("/")  # Material's shortcut for the search box
        page.keyboard.type(search)
        page.wait_for_timeout(1500)
    page.evaluate(PROVOKE)
    page.wait_for_timeout(200)
    seen["pwned"] = [str(page.evaluate("() => window.__pwned === undefined ? '' : String(window.__pwned)"))]
    page.close()
    seen["pwned"] = [v for v in seen["pwned"] if v]
    return seen


def pages(hostile_site: Path) -> list[str]:  # noqa: F811
    site = hostile_site / "site"
    source = "sources/hostile-one/"
    players = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "players").glob("*/index.html"))
    return [source, *players[:2]]


def test_hostile_pages_run_nothing(browser: object, served: str, hostile_site: Path) -> None:  # noqa: F811
    results = {rel: visit(browser, f"{served}/{rel}") for rel in pages(hostile_site)}
    fired = {rel: {k: v for k, v in seen.items() if v} for rel, seen in results.items()}
    assert {rel: got for rel, got in fired.items() if got} == {}


def test_search_results_run_nothing(browser: object, served: str) -> None:
    seen = visit(browser, f"{served}/", search="pwned")
    assert {k: v for k, v in seen.items() if v} == {}
