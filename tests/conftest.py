"""Shared fixtures: throwaway projects, fixture corpora, and one spaCy pipeline per session."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPORA = FIXTURES / "corpora"

# ../shared/eval beside the checkout, or where BRIEFING_EVAL points (a worktree elsewhere)
EVAL = Path(os.environ.get("BRIEFING_EVAL") or ROOT.parent / "shared" / "eval")

SETTINGS = "title: A test story\nscope: Coverage used by the test suite.\n"


@pytest.fixture(scope="session")
def nlp():
    """The real English pipeline, loaded once."""
    from generator.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def blank_nlp():
    """spaCy's English tokenizer and rule-based sentence splitter, no statistical model: for
    tests of what is read from the words and sentences alone (dates, days, tables, list items)."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def make_project(root: Path, articles: dict[str, str | bytes] | None = None,
                 settings: str = SETTINGS) -> Path:
    """A minimal briefing project in `root` with the given article files."""
    (root / "corpus" / "articles").mkdir(parents=True, exist_ok=True)
    if (ROOT / "mkdocs.yml").is_file():
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "corpus" / "briefing.yml").write_text(settings, encoding="utf-8")
    for name, content in (articles or {}).items():
        path = root / "corpus" / "articles" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def project_factory(tmp_path: Path) -> Callable[..., Path]:
    def factory(articles: dict[str, str | bytes] | None = None, settings: str = SETTINGS,
                name: str = "story") -> Path:
        return make_project(tmp_path / name, articles, settings)

    return factory


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of this repository's own briefing (corpus and mkdocs.yml), to build in isolation."""
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    return root


def corpus_cases() -> list[str]:
    return sorted(p.name for p in CORPORA.iterdir() if p.is_dir())


def project_from_case(case: str, root: Path) -> Path:
    """Turn tests/fixtures/corpora/CASE (article files + expected.txt) into a project."""
    source = CORPORA / case
    files = {p.name: p.read_bytes() for p in source.iterdir() if p.name != "expected.txt"}
    return make_project(root, files)  # type: ignore[arg-type]  # bytes are accepted


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's briefing built once per test session (pages, briefing.json and site)
    in a temporary copy; tests read it and must not change it."""
    from generator.build import build
    from generator.config import Project

    root = tmp_path_factory.mktemp("built") / "sample"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    build(Project(root), use_cache=False)
    return root


def score_briefing(gold: Path, briefing: dict) -> dict[str, float]:
    """Score a briefing.json's data with ../shared/eval/score.py; skip when it is not beside us."""
    import importlib.util

    import yaml

    if not (EVAL / "score.py").is_file():
        pytest.skip(f"{EVAL} is not beside the checkout")
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec and spec.loader
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score.score(yaml.safe_load(gold.read_text(encoding="utf-8")), briefing)
