"""Generated pages a reviewer can read in a pull request's diff: short lines, and article text
as it reads (a handful of character references at most), on the sample corpus and on a
development story. The escaping that makes this safe is tested in test_render.py and
test_hardening.py; here, that it stays out of the way."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import markdown
import pytest

from generator import build as build_mod
from generator.config import Project
from generator.escaping import md, md_lines
from generator.model import Article, PartialDate
from generator.views import source_labels
from tests.render_fixtures import article

from .conftest import EVAL

MAX_LINE = 400
MAX_REFERENCES = 5  # per page: a `"` in a tooltip of the timeline's chart, an `<` before a letter
REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
STORY = "h1n1-2009"  # a development story from many outlets: its first DEV_ARTICLES files, for
DEV_ARTICLES = 20  # time (long lines come from long sentences and titles, not from many articles)
EXTENSIONS = ["toc", "attr_list", "md_in_html", "tables", "admonition", "pymdownx.superfences"]


def reviewed(files: dict[str, str | bytes]) -> dict[str, str]:
    """The pages a reviewer reads: docs/*.md and docs/players/*.md."""
    return {path: text for path, text in files.items() if isinstance(text, str)
            and re.fullmatch(r"(players/)?[^/]+\.md", path)}


def visible(html: str) -> str:
    """The text a reader sees: tags dropped, references decoded, whitespace as single spaces."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def problems(files: dict[str, str | bytes]) -> list[str]:
    found = []
    pages = reviewed(files)
    assert "index.md" in pages and any(p.startswith("players/") for p in pages)
    for path, text in sorted(pages.items()):
        for number, line in enumerate(text.split("\n"), 1):
            if len(line) > MAX_LINE:
                found.append(f"{path}:{number}: {len(line)} characters: {line[:80]}…")
        refs = REFERENCE.findall(text)
        if len(refs) > MAX_REFERENCES:
            found.append(f"{path}: {len(refs)} character references: {sorted(set(refs))[:8]}")
    return found


def generated(corpus: Path, root: Path, limit: int | None = None) -> dict[str, str | bytes]:
    from generator.scaffold import new_project

    new_project(root)
    for path in sorted(corpus.glob("*.md"))[:limit]:
        shutil.copy(path, root / "corpus" / "articles" / path.name)
    return build_mod.generate(Project(root), use_cache=False).files


def test_the_sample_briefing_reads_as_text(built_sample: Path) -> None:
    docs = built_sample / "docs"
    files: dict[str, str | bytes] = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
                                     for p in docs.rglob("*.md")}
    assert problems(files) == []


@pytest.mark.slow
def test_a_development_story_reads_as_text(tmp_path: Path) -> None:
    corpus = EVAL / "dev" / STORY / "articles"
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is not beside the checkout")
    assert problems(generated(corpus, tmp_path / "dev", DEV_ARTICLES)) == []


# --- the pieces -----------------------------------------------------------------------------

def test_prose_is_broken_into_short_lines_that_start_nothing() -> None:
    text = ("The council said - after a vote of 7 to 2 - that 2026. was the year; # of votes "
            "* many + more > fewer = " + "word " * 40)
    lines = str(md_lines(text, width=30)).split("\n")
    assert len(lines) > 5 and all(len(line) <= 30 for line in lines)
    html = markdown.markdown("- " + str(md_lines(text, width=30)), extensions=EXTENSIONS)
    assert html.count("<li>") == 1 and "<h1" not in html and "<blockquote" not in html
    assert visible(html) == " ".join(text.split())


@pytest.mark.parametrize("text", [
    "a *b* _c_ `d` [e](f) <g> &amp; h | i {: #j } ~~k~~ @l \\m",
    "# heading", "1. list", "- list", "> quote", "=== rule", "!!! note", "??? note", "~~~ fence",
    "C#", "<!-- comment -->", "snake_case and under_score_", "it's \"quoted\": $5, 10% + 2 = 4",
])
def test_escaped_text_renders_as_itself(text: str) -> None:
    for template in ("{}", "- {}", "> {}", "| h |\n| --- |\n| {} |", "# {}", "[{}](x.md)",
                     '<div markdown>\n{}\n</div>'):
        html = markdown.markdown(template.format(md(text)), extensions=EXTENSIONS)
        shown = visible(html)
        assert shown.removeprefix("h " if template.startswith("|") else "") == text, (template, html)


def test_no_two_articles_share_a_citation_label() -> None:
    def a(aid: str, title: str, outlet: str | None) -> Article:
        return article(aid, title, outlet, PartialDate(2026, 3), [("text", "A sentence.")])

    arts = [a("one", "Mayor halts payments to the builder", None),
            a("two", "Mayor halts payments to the port", None),
            a("three", "Harbour news", "The Wire"), a("four", "Harbour views", "The Wire"),
            a("five", "Same title", "The Post"), a("six", "Same title", "The Post"),
            a("seven", "Bridge opens", "The Gazette")]
    labels = source_labels(arts)
    assert len(set(labels.values())) == len(arts)
    assert labels["seven"] == "The Gazette, Mar 2026"  # no clash: as before
    assert labels["one"] == "Mayor halts payments to the builder, Mar 2026"
    assert labels["three"] == "The Wire, “Harbour news”, Mar 2026"
    assert labels["five"] == "The Post, “Same title” (five), Mar 2026"
    assert source_labels(list(reversed(arts))) == labels  # the order of the files does not matter


def test_a_source_page_reads_a_sentence_a_line() -> None:
    from generator.render import cited_sentences, render_pages
    from tests.render_fixtures import sample_briefing

    b = sample_briefing(hostile=False)
    a = next(a for a in b.articles if any(len(p.sentences) > 2 for p in a.paragraphs))
    page = render_pages(b)[f"sources/{a.id}.md"]
    html = markdown.markdown(page, extensions=EXTENSIONS)
    for p in a.paragraphs:
        if p.kind != "text":
            continue
        block = html.split(f'id="p{p.index}">', 1)[1].split("</p>", 1)[0]
        assert visible(block) == " ".join(p.text.split())  # the same text to a reader
        assert block.count("\n") == len(p.sentences) - 1  # a line for each sentence
    assert cited_sentences(b)[a.id]  # and the cited ones keep their anchors (test_render.py)
