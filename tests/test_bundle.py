"""`briefing bundle`: the offline zip's contents, reproducibility, size, and its building blocks."""
from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from generator import bundle
from generator.cli import main
from generator.config import Project
from generator.errors import BriefingError
from generator.frontend import shim_files
from generator.model import Article, Briefing, Event, PartialDate, Player, Quote, SourceRef, Story
from generator.site import Offline, build_site

ROOT = Path(__file__).resolve().parent.parent
SHIM = "assets/vendor/iframe-worker/iframe-worker.js"
MAX_RATIO = 1.5  # the limit: bundle against the plain site


def briefing(title: str = "Harbour bridge: a quarrel", as_of: PartialDate | None = PartialDate(2026, 3, 5),
             ids: tuple[str, ...] = ()) -> Briefing:
    articles = tuple(Article(i, f"corpus/articles/{i}.md", i, None, None, None, None, "en", (), (), 1, "0")
                     for i in ids)
    return Briefing(Story(title, ""), as_of, articles)


# --- names, times, zips ---------------------------------------------------------------------

@pytest.mark.parametrize(("title", "as_of", "expected"), [
    ("Harbour bridge: a quarrel over payments", PartialDate(2026, 3, 5), "harbour-bridge-2026-03-05"),
    ("Café Zürich closes", PartialDate(2025, 11), "cafe-zurich-closes-2025-11"),
    (": only a subtitle", PartialDate(2024), "only-a-subtitle-2024"),
    ("«»", None, "briefing-undated"),
    ("word " * 30, PartialDate(2026, 1, 2), ("word-" * 12)[:-1] + "-2026-01-02"),
])
def test_bundle_name(title: str, as_of: PartialDate | None, expected: str) -> None:
    assert bundle.bundle_name(briefing(title, as_of)) == expected


def test_zip_time_prefers_source_date_epoch_then_as_of() -> None:
    b = briefing(as_of=PartialDate(2026, 3))
    assert bundle.zip_time(b, None) == (2026, 3, 1, 0, 0, 0)
    assert bundle.zip_time(b, "1772668800") == (2026, 3, 5, 0, 0, 0)
    assert bundle.zip_time(briefing(as_of=None), None) == (1980, 1, 1, 0, 0, 0)
    assert bundle.zip_time(b, "0") == (1980, 1, 1, 0, 0, 0)  # zip cannot go before 1980
    with pytest.raises(BriefingError, match="SOURCE_DATE_EPOCH"):
        bundle.zip_time(b, "yesterday")


def test_zip_bytes_depend_only_on_content_and_time() -> None:
    when = (2026, 3, 5, 0, 0, 0)
    one = bundle.zip_bytes({"b/x.html": b"<p>x</p>", "a.txt": b"a" * 500}, when)
    two = bundle.zip_bytes({"a.txt": b"a" * 500, "b/x.html": b"<p>x</p>"}, when)
    assert one == two
    assert one != bundle.zip_bytes({"a.txt": b"a" * 500, "b/x.html": b"<p>x</p>"}, (2026, 3, 6, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        infos = z.infolist()
        assert [i.filename for i in infos] == ["a.txt", "b/x.html"]
        assert {(i.date_time, i.external_attr >> 16, i.compress_type) for i in infos} == {
            (when, 0o100644, zipfile.ZIP_DEFLATED)}
        assert z.read("a.txt") == b"a" * 500


def test_write_atomic_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "b.zip"
    bundle.write_atomic(target, b"one")
    bundle.write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["b.zip"]


def test_cited_articles_follows_every_source_and_skips_the_uncited() -> None:
    listed = briefing(ids=("a", "b", "c"))  # c is listed, never cited
    quote = Quote("q", "p", SourceRef("b", 1, 1, "Q."))
    cited = replace(listed, players=(Player("p", "P", "person", (), (), (), (quote,), ("b",), 1, 1.0),),
                    events=(Event("e", None, "A.", (SourceRef("a", 1, 1, "A."),)),))
    assert bundle.cited_articles(cited) == [
        "corpus/articles/a.md", "corpus/articles/b.md"]


def test_remote_assets_finds_fetches_but_not_links(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "x.html").write_text(
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link rel="stylesheet" href="//cdn.example/a.css"><script src="https://unpkg.com/s"></script>'
        '<script src="../local.js"></script><img src="data:image/png;base64,AA">'
        '<a href="https://example.org/article">the original</a>', encoding="utf-8")
    (tmp_path / "s.css").write_text("a{background:url(https://cdn.example/i.png)} b{src:url(./f.woff2)}",
                                    encoding="utf-8")
    assert bundle.remote_assets(tmp_path) == [
        ("p/x.html", "//cdn.example/a.css"), ("p/x.html", "https://fonts.gstatic.com"),
        ("p/x.html", "https://unpkg.com/s"), ("s.css", "https://cdn.example/i.png")]


def test_missing_assets_finds_addresses_that_name_no_file(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "m.js").write_text("", encoding="utf-8")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "x.html").write_text(
        '<script src="../assets/m.js?v=1"></script><script src="assets/m.js"></script>'
        '<script src="../../assets/m.js"></script><script src="https://unpkg.com/s"></script>'
        '<img src="data:image/png;base64,AA"><script>inline()</script>', encoding="utf-8")
    (tmp_path / "top.html").write_text('<script src="../assets/m.js"></script>', encoding="utf-8")
    assert bundle.missing_assets(tmp_path) == [
        ("p/x.html", "../../assets/m.js"), ("p/x.html", "assets/m.js"), ("top.html", "../assets/m.js")]


# --- the offline build on a hand-made site -----------------------------------------------------

MINI_YML = """site_name: Port Alder bridge
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
"""


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A four-page site built for reading from disk."""
    root = tmp_path_factory.mktemp("mini")
    (root / "mkdocs.yml").write_text(MINI_YML, encoding="utf-8")
    pages = {
        "index.md": "# Port Alder bridge\n\nSee [Elena Ruiz](players/elena-ruiz.md).\n",
        "players/elena-ruiz.md": "# Elena Ruiz\n\n## Also known as { #aliases }\n\nMayor Ruiz\n",
        "sources/index.md": "# Sources\n\n## The Alder Gazette { #gazette }\n\n[Payments halted](gazette.md)\n",
        "sources/gazette.md": "# Payments halted\n\nThe Alder Gazette, 2 March.\n\n## Text { #text }\n\n"
                              "Port Alder stopped payments to Meridian Build on Friday. { #p1 }\n",
    }
    for rel, text in pages.items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    build_site(root, root / "docs", root / "site", offline=Offline(SHIM, ("sources/",)), assets=shim_files())
    return root / "site"


def test_offline_site_loads_the_shim_from_disk_not_unpkg(mini_site: Path) -> None:
    page = (mini_site / "players" / "elena-ruiz.html").read_text(encoding="utf-8")
    assert '<script src="../assets/vendor/iframe-worker/iframe-worker.js"></script>' in page
    assert "unpkg" not in page
    assert (mini_site / SHIM).is_file()
    assert bundle.remote_assets(mini_site) == []
    assert not (mini_site / "sitemap.xml").exists() and not (mini_site / "sitemap.xml.gz").exists()


def test_offline_site_inlines_a_lean_search_index(mini_site: Path) -> None:
    text = (mini_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert (mini_site / "search" / "search_index.js").read_text(encoding="utf-8") == f"var __index = {text}"
    locations = [d["location"] for d in json.loads(text)["docs"]]
    assert "players/elena-ruiz.html#aliases" in locations  # aliases stay searchable
    assert "sources/index.html#gazette" in locations  # the sources index keeps its sections
    assert "sources/gazette.html" in locations  # a source page is found by its title...
    assert "sources/gazette.html#text" not in locations  # ...but its text is not indexed
    assert "Meridian" not in text


def test_offline_build_refuses_a_shim_the_plugin_would_not_recognise() -> None:
    with pytest.raises(ValueError, match="iframe-worker"):
        Offline("assets/vendor/shim.js")  # the offline plugin would add unpkg's copy as well


def test_the_plain_build_is_unchanged(tmp_path: Path, mini_site: Path) -> None:
    root = mini_site.parent
    build_site(root, root / "docs", tmp_path / "plain")
    locations = [d["location"] for d in json.loads((tmp_path / "plain/search/search_index.json").read_text())["docs"]]
    assert "sources/gazette/#text" in locations
    assert not (tmp_path / "plain" / "search" / "search_index.js").exists()
    assert "iframe-worker" not in (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")


# --- the bundle of this repository's briefing ---------------------------------------------------

def sample_copy(request: pytest.FixtureRequest, root: Path) -> Path:
    """This repository's briefing, built (docs/ and site/), copied into `root` to work on."""
    shutil.copytree(request.getfixturevalue("built_sample"), root)
    return root


@pytest.fixture(scope="module")
def bundled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """(project, zip, progress lines) for the sample briefing bundled once into dist/."""
    root = sample_copy(request, tmp_path_factory.mktemp("bundle") / "sample")
    lines: list[str] = []
    path = bundle.make_bundle(Project(root), lines.append)
    return root, path, lines


def unzipped_size(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(i.file_size for i in z.infolist())


@pytest.mark.slow
def test_bundle_holds_the_offline_site_json_and_cited_articles(bundled: tuple[Path, Path, list[str]]) -> None:
    root, path, _ = bundled
    data = json.loads((root / "docs" / "briefing.json").read_text(encoding="utf-8"))
    name = bundle.bundle_name(briefing(data["story"]["title"], PartialDate.parse(data["as_of"])))
    assert path == root / "dist" / f"{name}.zip"
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert all(n.startswith(f"{name}/") for n in names)
        for rel in ("index.html", "players/index.html", "timeline.html", "sources/index.html",
                    "search/search_index.js", SHIM, "briefing.json", "README.txt"):
            assert f"{name}/{rel}" in names, rel
        assert json.loads(z.read(f"{name}/briefing.json")) == data
        cited = {s["article"] for e in data["events"] for s in e["sources"]}
        assert cited
        for aid in cited:
            assert z.read(f"{name}/corpus/articles/{aid}.md") == (root / "corpus/articles" / f"{aid}.md").read_bytes()
        index = z.read(f"{name}/index.html").decode("utf-8")
        assert 'src="assets/vendor/iframe-worker/iframe-worker.js"' in index and "unpkg" not in index
        assert not any(n.endswith(("sitemap.xml", "sitemap.xml.gz")) for n in names)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


@pytest.mark.slow
def test_bundle_pages_fetch_only_files_it_holds(bundled: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    _, path, lines = bundled
    with zipfile.ZipFile(path) as z:
        z.extractall(tmp_path)
    site = tmp_path / path.stem
    assert bundle.remote_assets(site) == []
    assert bundle.missing_assets(site) == []
    assert not [line for line in lines if line.startswith("warning:")]


@pytest.mark.slow
def test_bundle_is_reproducible(bundled: tuple[Path, Path, list[str]], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    root, path, _ = bundled
    assert main(["bundle", "--project", str(root), "--output", str(tmp_path), "-q"]) == 0
    again = tmp_path / path.name
    assert capsys.readouterr().out.strip().endswith(path.name)
    assert again.read_bytes() == path.read_bytes()


@pytest.mark.slow
def test_bundle_size_is_reported_and_within_limit(bundled: tuple[Path, Path, list[str]]) -> None:
    root, path, lines = bundled
    plain = bundle.folder_size(root / "site")
    assert unzipped_size(path) <= MAX_RATIO * plain
    assert path.stat().st_size <= plain  # compressed, it is smaller than the plain site
    report = lines[-1]
    assert report.startswith(f"wrote {path.name}: ") and "plain site/" in report and "unpacked" in report


@pytest.mark.slow
def test_bundle_uses_the_corpus_not_stale_docs(bundled: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    root, path, _ = bundled
    project = tmp_path / "stale"
    shutil.copytree(root, project, ignore=shutil.ignore_patterns("dist", "site"))
    player = next((project / "docs" / "players").glob("*.md"))
    player.write_text(player.read_text(encoding="utf-8") + "\nSTALE-EDIT\n", encoding="utf-8")
    (project / "docs" / "notes.md").write_text("# Editor's notes\n\nHAND-WRITTEN\n", encoding="utf-8")
    (project / "docs" / "whats-new.md").write_text("# What's new\n\nKEPT-WHATS-NEW\n", encoding="utf-8")
    made = bundle.make_bundle(Project(project), lambda line: None)
    with zipfile.ZipFile(made) as z:
        prefix = made.stem
        html = {n: z.read(n) for n in z.namelist() if n.endswith(".html")}
        assert not any(b"STALE-EDIT" in page for page in html.values())
        assert b"HAND-WRITTEN" in z.read(f"{prefix}/notes.html")  # hand-written pages are kept
        # the What's new page of docs/ is kept while docs/ holds the same briefing.json
        assert b"KEPT-WHATS-NEW" in z.read(f"{prefix}/whats-new.html")
