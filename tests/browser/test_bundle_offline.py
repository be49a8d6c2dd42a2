"""The offline bundle opened straight from disk in headless Chromium with the network cut off:
search by alias, a citation followed to its sentence, not one request leaving the machine."""
from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from generator.bundle import SHIM_PATH, make_bundle
from generator.config import Project
from tests.test_bundle import sample_copy

TOP_PAGES = ("index.html", "players/index.html", "timeline.html", "comparison.html", "questions.html",
             "relationships.html", "whats-new.html", "sources/index.html")


@pytest.fixture(scope="module")
def unpacked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing's bundle, unzipped into a temporary folder: its top folder."""
    root = sample_copy(request, tmp_path_factory.mktemp("offline") / "sample")
    path = make_bundle(Project(root), lambda line: None)
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(path) as z:
        z.extractall(target)
    return target / path.stem


@dataclass
class Offline:
    """A page whose context cannot reach any network; what it tried and what went wrong."""

    page: Any
    left: list[str] = field(default_factory=list)  # requests that were not file://
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def offline(browser: Any) -> Iterator[Offline]:
    context = browser.new_context(offline=True, viewport={"width": 1280, "height": 900})
    watched = Offline(context.new_page())

    def cut(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            watched.left.append(route.request.url)
            route.abort()

    context.route("**/*", cut)
    context.on("request", lambda r: None if r.url.startswith("file://") else watched.left.append(r.url))
    watched.page.on("console", lambda m: watched.errors.append(f"console: {m.text}") if m.type == "error" else None)
    watched.page.on("pageerror", lambda e: watched.errors.append(f"pageerror: {e}"))
    try:
        yield watched
    finally:
        context.close()


def alias_to_search(data: dict[str, Any]) -> tuple[str, str]:
    """(player id, alias): an alias sharing no word with the player's name, so only the alias
    can make the player's page a result."""
    def words(text: str) -> set[str]:
        return set(re.findall(r"\w+", text.lower()))

    candidates = [(len(alias), p["id"], alias) for p in data["players"] for alias in p["aliases"]
                  if len(alias) >= 3 and not words(alias) & words(p["name"])]
    assert candidates, "the sample briefing has no player with a distinct alias"
    _, pid, alias = max(candidates)
    return pid, alias


def open_page(o: Offline, path: Path) -> None:
    o.page.goto(path.as_uri(), wait_until="load")
    o.page.wait_for_load_state("networkidle")


def test_search_an_alias_and_follow_a_citation_from_disk(offline: Offline, unpacked: Path) -> None:
    page = offline.page
    pid, alias = alias_to_search(json.loads((unpacked / "briefing.json").read_text(encoding="utf-8")))
    open_page(offline, unpacked / "index.html")
    page.locator(".md-search__input").click()
    page.keyboard.type(alias, delay=40)  # key events: fill() does not wake Material's search
    result = page.locator(f".md-search-result__list a[href*='players/{pid}.html']").first
    result.wait_for(state="visible", timeout=15_000)
    result.click()
    page.wait_for_load_state("load")
    assert page.url.split("?")[0] == (unpacked / "players" / f"{pid}.html").as_uri()

    cite = page.locator("article a[href*='sources/'][href*='#p']").first
    href = cite.get_attribute("href") or ""
    fragment = href.split("#", 1)[1]
    cite.click()
    page.wait_for_load_state("load")
    assert page.url.startswith((unpacked / "sources").as_uri())
    assert page.evaluate("location.hash") == f"#{fragment}"
    target = page.locator(f"[id='{fragment}']")
    target.wait_for(state="visible")
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
    assert offline.left == []
    assert offline.errors == []


@pytest.mark.parametrize("rel", TOP_PAGES)
def test_every_top_page_stays_on_disk(offline: Offline, unpacked: Path, rel: str) -> None:
    if not (unpacked / rel).is_file():
        pytest.skip(f"{rel} is not part of this briefing")
    open_page(offline, unpacked / rel)
    offline.page.wait_for_timeout(300)  # let diagrams and the search index load
    assert offline.left == []
    assert offline.errors == []


def test_without_the_shipped_shim_there_is_no_search(offline: Offline, unpacked: Path, tmp_path: Path) -> None:
    """The control: the shim is what makes search work from disk, so the test above can fail."""
    crippled = tmp_path / unpacked.name
    shutil.copytree(unpacked, crippled)
    (crippled / SHIM_PATH).unlink()
    open_page(offline, crippled / "index.html")
    offline.page.wait_for_timeout(1000)
    assert not offline.page.locator(".md-search__input").is_visible()
