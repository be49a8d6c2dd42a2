"""No text from any corpus in generator/: the rules must be general, so no comment, docstring,
string or data-file line may repeat a run of words from the sample corpus's articles or from the
development stories' articles (the publishers' texts). Examples in comments are invented."""
from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import EVAL, ROOT

PACKAGE = ROOT / "generator"
SAMPLE = ROOT / "corpus" / "articles"
DEV = EVAL / "dev"
# Six words: a run that long shared with an article is copied text, while a shorter run is often
# ordinary English ("the head of the army"). Lower the figure only with the allow-list below.
RUN = 6
# Runs allowed, each with why: not a story's text but words every site or every newsroom uses.
ALLOWED: frozenset[tuple[str, ...]] = frozenset(tuple(run.split()) for run in (
    # page furniture the furniture filter matches by its wording (data/furniture.yml): a site's
    # boilerplate around any article, not the story's prose
    "these are some of the popular", "are some of the popular topics",
    "required but will not be displayed",
    # a public agency's full name in the general list of names and their short forms
    # (data/synonyms.yml), as any text about it writes it
    "centers for disease control and prevention", "for disease control and prevention cdc",
))
WORD = re.compile(r"[a-z0-9]+")
TEXT_TOKENS = {tokenize.COMMENT, tokenize.STRING}


def words(text: str) -> list[str]:
    """Lower-cased words, punctuation stripped (apostrophes dropped: "children's" is one word)."""
    return WORD.findall(text.lower().replace("'", "").replace("\u2019", ""))


def runs(text: str) -> Iterator[tuple[str, ...]]:
    found = words(text)
    for i in range(len(found) - RUN + 1):
        yield tuple(found[i:i + RUN])


def article_runs(folders: list[Path]) -> set[tuple[str, ...]]:
    return {run for folder in folders for path in sorted(folder.glob("*.md"))
            for run in runs(path.read_text(encoding="utf-8"))}


def python_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each comment block (consecutive comment lines joined), docstring and string
    literal of a module."""
    block: list[str] = []
    block_line = last = 0
    for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.COMMENT:
            if block and tok.start[0] != last + 1:
                yield block_line, " ".join(block)
                block = []
            if not block:
                block_line = tok.start[0]
            block.append(tok.string.lstrip("#"))
            last = tok.start[0]
        elif tok.type in TEXT_TOKENS:
            yield tok.start[0], tok.string
    if block:
        yield block_line, " ".join(block)


def data_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of each line of a data file, and of each block of comment lines joined."""
    block: list[str] = []
    block_line = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield number, line
        if line.lstrip().startswith("#"):
            block_line = block_line if block else number
            block.append(line.lstrip().lstrip("#"))
        elif block:
            yield block_line, " ".join(block)
            block = []
    if block:
        yield block_line, " ".join(block)


def generator_texts() -> Iterator[tuple[str, int, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, text in python_texts(path):
            yield path.relative_to(ROOT).as_posix(), line, text
    for path in sorted((PACKAGE / "data").glob("*.yml")):
        for line, text in data_texts(path):
            yield path.relative_to(ROOT).as_posix(), line, text


def shared(folders: list[Path]) -> list[str]:
    seen = article_runs(folders)
    return sorted({f"{where}:{line}: {' '.join(run)}" for where, line, text in generator_texts()
                   for run in runs(text) if run in seen and run not in ALLOWED})


def test_no_text_from_the_sample_corpus() -> None:
    assert sorted(SAMPLE.glob("*.md")), f"no articles in {SAMPLE}"
    assert shared([SAMPLE]) == []


def test_no_text_from_the_development_stories() -> None:
    folders = sorted(path for path in DEV.glob("*/articles") if path.is_dir())
    if not folders:
        pytest.skip(f"no development stories at {DEV}")
    assert shared(folders) == []


def test_the_guard_finds_a_copied_run(tmp_path: Path) -> None:
    """The check itself: a comment repeating six words of an article is caught, five are not."""
    module = tmp_path / "m.py"
    module.write_text('# as "the quick brown fox jumps over" said\nX = "lazy dog by the river bank"\n')
    texts = [text for _, text in python_texts(module)]
    article = {run for run in runs("The quick brown fox jumps over the lazy dog by the river.")}
    assert [run for text in texts for run in runs(text) if run in article] == \
        [("the", "quick", "brown", "fox", "jumps", "over")]
