"""site.py and the scaffold: strict MkDocs builds of rendered pages, and `briefing new`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import BriefingError, UsageError
from generator.scaffold import mkdocs_yml, new_project
from generator.site import LUNR_DIR, build_site, lunr_files
from tests.render_fixtures import build_fixture_site, write_project, sample_briefing

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("site") / "project")


def test_strict_build_makes_every_page(site: Path) -> None:
    for page in ("index.html", "players/index.html", "players/elena-ruiz/index.html", "timeline/index.html",
                 "comparison/index.html", "questions/index.html", "relationships/index.html",
                 "sources/index.html", "sources/gazette-2026-03-02/index.html", "search/search_index.json"):
        assert (site / page).is_file(), page


def test_citations_point_at_anchors_that_exist(site: Path) -> None:
    player = (site / "players/elena-ruiz/index.html").read_text(encoding="utf-8")
    source = (site / "sources/gazette-2026-03-02/index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/gazette-2026-03-02/#p1-s2"' in player
    assert 'id="p1-s2"' in source


def test_the_site_asks_no_other_host(site: Path) -> None:
    """No script, style, font or image comes from elsewhere (links to original articles may)."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            assert not re.search(r"(?:src|href)=\"(?:https?:)?//", tag), (page, tag)
    for sheet in site.rglob("*.css"):
        assert not re.search(r"url\((?:['\"])?(?:https?:)?//", sheet.read_text(encoding="utf-8")), sheet
    assert "fonts.googleapis" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_site_ships_no_source_maps_or_unused_search_languages(site: Path) -> None:
    assert not list(site.rglob("*.map"))
    assert not (site / LUNR_DIR).exists()  # English is built into the search worker
    assert list((site / "assets/javascripts/workers").glob("search.*.min.js"))


def test_a_site_searching_other_languages_keeps_what_its_worker_loads(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", sample_briefing(hostile=False))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "lang: en" in text
    config.write_text(text.replace("lang: en", "lang: [en, de, ja]"), encoding="utf-8")
    build_site(root, root / "docs", root / "site")
    kept = {p.relative_to(root / "site" / LUNR_DIR).as_posix()
            for p in (root / "site" / LUNR_DIR).rglob("*") if p.is_file()}
    assert kept == {"min/lunr.de.min.js", "min/lunr.ja.min.js", "tinyseg.js", "min/lunr.multi.min.js",
                    "min/lunr.stemmer.support.min.js"}


def test_the_search_worker_loads_languages_as_lunr_files_expects() -> None:
    """lunr_files() mirrors how Material's search worker picks its scripts; if a new Material
    names them otherwise, this fails rather than a site's search in another language."""
    import material

    worker = next((Path(material.__file__).parent / "templates/assets/javascripts/workers")
                  .glob("search.*.min.js")).read_text(encoding="utf-8")
    for name in ("/tinyseg.js", "/wordcut.js", "/min/lunr.${", ".min.js", "/min/lunr.multi.min.js",
                 "/min/lunr.stemmer.support.min.js", 'case"ja"', 'case"th"', 'case"hi"', '!=="en"'):
        assert name in worker, name
    assert lunr_files(["en"]) == set()
    assert lunr_files(["th"]) == {"wordcut.js", "min/lunr.th.min.js", "min/lunr.stemmer.support.min.js"}


def test_search_index_has_player_aliases(site: Path) -> None:
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Mayor Elena Ruiz" in index and "STA" in index


def test_a_broken_anchor_fails_the_strict_build(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", sample_briefing(hostile=False))
    page = root / "docs" / "questions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[gone](sources/wire-2026-03.md#p99-s1)\n",
                    encoding="utf-8")
    with pytest.raises(BriefingError) as err:
        build_site(root, root / "docs", root / "site")
    assert any(p.path == "docs/questions.md" and "#p99-s1" in p.message for p in err.value.problems)


def test_a_missing_mkdocs_yml_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(BriefingError, match="mkdocs.yml: missing"):
        build_site(tmp_path, tmp_path / "docs", tmp_path / "site")


def test_the_site_builds_into_any_folder(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", sample_briefing(hostile=False))
    build_site(root, root / "docs", tmp_path / "elsewhere" / "out")
    assert (tmp_path / "elsewhere/out/index.html").is_file()
    assert not (root / "site").exists()


def test_new_project_builds_at_once(tmp_path: Path) -> None:
    target = tmp_path / "story"
    written = new_project(target, 'A "quoted": title')
    assert target / "mkdocs.yml" in written
    assert (target / "corpus/articles/README.txt").is_file()
    assert not list((target / "corpus/articles").glob("*.md"))
    assert 'site_name: "A \\"quoted\\": title"' in (target / "mkdocs.yml").read_text(encoding="utf-8")
    build_site(target, target / "docs", target / "site")
    assert "The corpus has no articles yet" in (target / "site/index.html").read_text(encoding="utf-8")


def test_new_project_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not an empty folder"):
        new_project(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_repository_mkdocs_yml_is_the_scaffold_one() -> None:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    title = re.search(r"^site_name: (.*)$", text, re.M)
    description = re.search(r"^site_description: (.*)$", text, re.M)
    assert title and description
    import json

    assert text == mkdocs_yml(json.loads(title.group(1)), json.loads(description.group(1)))


def test_a_title_cannot_close_the_head_title(site: Path) -> None:
    """Material prints the title through striptags, which decodes references: none may hold `<`."""
    page = (site / "sources/hostile-note/index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "‹/title›‹script›" in title


def test_the_build_puts_the_front_end_files_into_the_site_not_docs(site: Path) -> None:
    docs = site.parent / "docs"
    assert not (docs / "assets").exists()
    assert len((site / "assets/vendor/mermaid/mermaid.min.js").read_bytes()) > 1_000_000
    assert (site / "assets/vendor/fonts/fonts.css").is_file()
    assert (site / "assets/briefing/briefing.css").is_file()
    # an offline shim is added only to a site read from disk (bundle.py)
    assert not (site / "assets/vendor/iframe-worker").exists()


def test_a_stale_copy_in_docs_gives_way_to_the_generators(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", sample_briefing(hostile=False))
    stale = root / "docs" / "assets" / "briefing" / "briefing.css"
    stale.parent.mkdir(parents=True)
    stale.write_text("/* an old copy */", encoding="utf-8")
    build_site(root, root / "docs", root / "site")
    assert (root / "site/assets/briefing/briefing.css").read_text(encoding="utf-8") != "/* an old copy */"


def test_serve_gets_the_front_end_files_through_its_hook(tmp_path: Path) -> None:
    """`mkdocs serve` reloads the settings on every rebuild; the hook script comes with them."""
    from mkdocs.commands.build import build

    from generator.site import SERVE_HOOK, load

    root = write_project(tmp_path / "project", sample_briefing(hostile=False))
    build(load(root, root / "docs", root / "served", strict=False, hooks=[str(SERVE_HOOK)]))
    assert (root / "served/assets/vendor/mermaid/mermaid.min.js").is_file()
    assert (root / "served/assets/vendor/fonts/fonts.css").is_file()
