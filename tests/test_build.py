"""The whole pipeline on this repository's corpus: outputs, determinism, staleness, caching."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import build as build_mod
from generator.cli import main
from generator.config import Project

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_writes_pages_json_and_site(built_sample: Path) -> None:
    docs, site = built_sample / "docs", built_sample / "site"
    for page in ("index.md", "players/index.md", "timeline.md", "comparison.md", "questions.md",
                 "sources/index.md", "whats-new.md", "briefing.json"):
        assert (docs / page).is_file(), page
    assert (site / "index.html").is_file()
    assert json.loads((site / "briefing.json").read_text()) == json.loads((docs / "briefing.json").read_text())
    data = json.loads((docs / "briefing.json").read_text())
    assert {a["id"] for a in data["articles"]} == {p.stem for p in (built_sample / "corpus/articles").glob("*.md")}
    assert data["players"] and data["events"] and data["questions"]


def test_every_cited_sentence_is_verbatim_in_its_article(built_sample: Path) -> None:
    data = json.loads((built_sample / "docs" / "briefing.json").read_text())
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (built_sample / "corpus/articles").glob("*.md")}
    cited = [s for e in data["events"] for s in e["sources"]]
    cited += [s for q in data["questions"] for s in q["sources"]]
    cited += [c for d in data["disagreements"] for claim in d["claims"] for c in claim["sources"]]
    cited += [q["source"] for p in data["players"] for q in p["quotes"]]
    assert cited
    for source in cited:
        if source["sentence"]:
            assert source["quote"] in texts[source["article"]], source
    for player in data["players"]:
        for quote in player["quotes"]:
            assert quote["text"] in quote["source"]["quote"], quote


def test_two_builds_are_byte_identical(built_sample: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    shutil.copytree(built_sample, again, ignore=shutil.ignore_patterns("docs", "site", ".briefing-cache"))
    build_mod.build(Project(again), site=False, use_cache=False)
    assert tree(again / "docs") == tree(built_sample / "docs")


def test_check_passes_when_fresh_and_fails_when_stale(built_sample: Path, tmp_path: Path, capsys) -> None:
    project = tmp_path / "p"
    shutil.copytree(built_sample, project, ignore=shutil.ignore_patterns("site", ".briefing-cache"))
    assert main(["check", "-q", "--project", str(project)]) == 0
    article = sorted((project / "corpus/articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nA new closing line was added to this article.\n",
                       encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "-q", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"docs/sources/{article.stem}.md: stale: differs from what the corpus generates" in err
    assert "hint: run `briefing generate` and commit docs/" in err


def test_cache_reuses_unchanged_articles(sample_project: Path) -> None:
    lines: list[str] = []
    build_mod.build(Project(sample_project), lines.append, site=False)
    first = (sample_project / "docs" / "briefing.json").read_bytes()
    lines.clear()
    build_mod.build(Project(sample_project), lines.append, site=False)
    assert any("5 from cache; parsing 0" in line for line in lines), lines
    assert (sample_project / "docs" / "briefing.json").read_bytes() == first


def test_committed_pages_are_fresh() -> None:
    """The docs/ committed in this repository match the corpus (what `briefing check` enforces)."""
    root = Path(__file__).resolve().parent.parent
    assert build_mod.check(Project(root)) == []
