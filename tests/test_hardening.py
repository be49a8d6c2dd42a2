"""Untrusted corpora: hostile text renders inert, paths stay inside their folders, and odd or
huge input gets a clear error or a bounded run (see SECURITY.md for what is promised)."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import time
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import corpus, output
from generator.build import Reporter, build
from generator.bundle import make_bundle
from generator.cli import main
from generator.config import Project
from generator.errors import BriefingError, Problem, UsageError
from generator.ingest import add_article
from generator.scaffold import new_project

from .conftest import FIXTURES, make_project

HOSTILE = FIXTURES / "hostile"
SECRET = "SNIPPET-LEAK-7f3a9c"  # in hostile/secret.txt; `--8<-- "secret.txt"` must not include it
EVALUATED = "1337"  # what `{{ 7*191 }}` reads if any template evaluates article text
MARKER = re.compile(r"__pwned|alert\(", re.I)
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster",
             "background", "codebase", "cite"}
BANNED_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "math"}
# Known and reported: the `url` field's `)[x](javascript:...)` breaks out of the Original link
# (see test_source_url_cannot_smuggle_a_markdown_link); filtered here so that the page-wide
# checks still catch everything else.
KNOWN = "javascript:window.__pwned=4"
LINE = re.compile(r"^corpus/articles/[^:\n]+(:\d+)?: \S")


@contextlib.contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fail the test instead of hanging: SIGALRM after `seconds`."""
    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def with_mkdocs_yml(project: Path) -> Path:
    """Give a test project the repository's mkdocs.yml, or the one `briefing new` writes."""
    if not (project / "mkdocs.yml").is_file():

        scratch = project.parent / f".scaffold-{project.name}"
        new_project(scratch, title="A test story")
        shutil.copy(scratch / "mkdocs.yml", project / "mkdocs.yml")
        shutil.rmtree(scratch)
    return project


def problems_of(project: Path) -> list[str]:
    with within(20), pytest.raises(BriefingError) as info:
        corpus.load(project)
    lines = [str(p) for p in info.value.problems]
    for line in lines:
        assert LINE.match(line) or line.startswith("corpus/articles:"), line
        assert not any(ord(ch) < 0x20 and ch != "\n" for ch in line), repr(line)
    return lines


ARTICLE = "---\ntitle: A fine for the utility\n---\nThe council fined the utility on Tuesday, officials said.\n"


# --- Injection -----------------------------------------------------------------------------

class Scan(HTMLParser):
    """Collect what could run in a browser, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag in BANNED_TAGS:
            self.live.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.live.append("<meta http-equiv=refresh>")
        if tag == "img" and (values.get("src") in ("x", "") or "tracker.example" in values.get("src", "")):
            self.live.append(f"<img src={values.get('src')!r}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.live.append(f"<{tag} {name}={value!r}>")
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRS and compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "inset" in compact:
                self.live.append(f"<{tag} style={value!r}>")
        if tag == "script" and MARKER.search(values.get("src", "")):
            self.live.append(f"<script src={values['src']!r}>")
        if tag in ("script", "style"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script" and MARKER.search(data):
            self.live.append(f"<script>{data[:60]}")
        elif self._in and self._in[-1] == "style" and "display:none" in data.replace(" ", ""):
            self.live.append(f"<style>{data[:60]}")
        elif not self._in:
            self.text.append(data)


def scan(html: str) -> Scan:
    parser = Scan()
    parser.feed(html)
    parser.close()
    return parser


def hostile_project(root: Path) -> Path:
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted((HOSTILE / "injection").glob("*.md"))}
    project = make_project(root, files)  # type: ignore[arg-type]
    shutil.copy(HOSTILE / "secret.txt", project / "secret.txt")
    return with_mkdocs_yml(project)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus built once (pages, briefing.json, site), from inside the project so
    that a relative snippet path would find secret.txt."""

    project = hostile_project(tmp_path_factory.mktemp("hostile") / "story")
    cwd = Path.cwd()
    os.chdir(project)
    try:
        build(Project(project), use_cache=False)
    except BriefingError as exc:
        pytest.fail(f"the hostile corpus is valid input and must build:\n{exc}")
    finally:
        os.chdir(cwd)
    return project


def test_loader_refuses_script_urls_with_a_clear_line(project_factory) -> None:
    project = project_factory({"a.md": "---\ntitle: T\nurl: javascript:alert(1)\n---\nText here, said X.\n",
                               "b.md": "---\ntitle: T\nurl: \"https://x.example/\\\"onmouseover=alert(1)\"\n"
                                       "---\nText here, said X.\n"})
    lines = problems_of(project)
    assert lines == ["corpus/articles/a.md:3: url: expected an http(s) address, got 'javascript:alert(1)'",
                     "corpus/articles/b.md:3: url: expected an http(s) address, got "
                     "'https://x.example/\"onmouseover=alert(1)'"]


def test_hostile_corpus_loads() -> None:
    with within(10):
        loaded = corpus.load(hostile_project(Path(os.environ.get("TMPDIR", "/tmp")) / f"hl-{os.getpid()}"))
    assert [a.id for a in loaded.articles] == ["hostile-one", "hostile-two"]
    assert "<script>" in loaded.articles[0].title  # kept as published; rendering makes it inert


def test_no_live_markup_in_any_site_page(hostile_site: Path) -> None:
    pages = sorted((hostile_site / "site").rglob("*.html"))
    assert pages
    live = {p.relative_to(hostile_site).as_posix(): [f for f in scan(p.read_text(encoding="utf-8")).live
                                                     if KNOWN not in f] for p in pages}
    assert {page: found for page, found in live.items() if found} == {}


def test_source_url_cannot_smuggle_a_markdown_link(hostile_site: Path) -> None:
    found = [f for p in sorted((hostile_site / "site").rglob("*.html"))
             for f in scan(p.read_text(encoding="utf-8")).live if KNOWN in f]
    assert found == []


def test_no_template_evaluation_or_file_inclusion(hostile_site: Path) -> None:
    leaked = []
    for folder in ("docs", "site"):
        for path in sorted((hostile_site / folder).rglob("*")):
            if path.suffix in (".html", ".md", ".json", ".xml", ".txt") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                if SECRET in text or re.search(rf"\b{EVALUATED}\b", text):
                    leaked.append(path.relative_to(hostile_site).as_posix())
    assert leaked == []


def test_source_page_shows_hostile_text_verbatim(hostile_site: Path) -> None:
    (page,) = [p for p in (hostile_site / "site" / "sources").rglob("*.html") if "hostile-one" in p.as_posix()]
    text = " ".join(" ".join(scan(page.read_text(encoding="utf-8")).text).split())
    for typed in ("<script>window.__pwned=5;alert(5)</script>", "{{ config }}", "{% raw %}", "{{ 7*191 }}",
                  '--8<-- "secret.txt"', '!!! danger "Injected admonition', "[the report](javascript:window.__pwned=7)",
                  "everything after this must still be visible", "[ref]: javascript:window.__pwned=14",
                  '{: onclick="window.__pwned=12" }'):
        assert typed in text, typed


def test_briefing_json_keeps_hostile_text_as_data(hostile_site: Path) -> None:
    raw = (hostile_site / "docs" / "briefing.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    strings: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            strings.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                walk(key)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    title = corpus.load(hostile_site).articles[0].title
    assert title in strings  # the title verbatim, as data
    assert SECRET not in raw and not re.search(rf"\b{EVALUATED}\b", raw)
    assert (hostile_site / "site" / "briefing.json").read_bytes() == raw.encode("utf-8")


def test_bundle_pages_are_inert(hostile_site: Path, tmp_path: Path) -> None:

    path = make_bundle(Project(hostile_site), Reporter(quiet=True), output=tmp_path)
    live = {}
    with zipfile.ZipFile(path) as bundle:
        for info in bundle.infolist():
            assert not info.filename.startswith("/") and ".." not in info.filename.split("/"), info.filename
            if info.filename.endswith(".html"):
                found = [f for f in scan(bundle.read(info).decode("utf-8")).live if KNOWN not in f]
                if found:
                    live[info.filename] = found
    assert live == {}


# --- Paths ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("con.md", "con-article"), ("LPT1.md", "lpt1-article"), ("Ünïcode.md", "unicode"),
    ("a\u202eb.md", "ab"), ("a\x1b[31mb.md", "a-31mb"), ("x" * 200 + ".md", "x" * 80),
    ("中文.md", "article-" + hashlib.sha256("中文".encode()).hexdigest()[:8]),
])
def test_odd_file_names_get_safe_ids(project_factory, name: str, expected: str) -> None:
    """A file saved under any name loads; its id (the source page's file name) is path-safe."""
    (article,) = corpus.load(project_factory({name: ARTICLE})).articles
    assert article.id == expected
    assert corpus.ID_PATTERN.fullmatch(article.id) and article.id not in corpus.RESERVED_NAMES


@pytest.mark.parametrize("value", ["../../etc/passwd", "/etc/passwd", "a/b", "nul", "..", "x\u0000y"])
def test_ids_from_front_matter_cannot_name_a_path(project_factory, value: str) -> None:
    text = ARTICLE.replace("title:", f"id: {json.dumps(value)}\ntitle:")
    lines = problems_of(project_factory({"a.md": text}))
    assert lines and lines[0].startswith("corpus/articles/a.md:2: id: ")


def test_symlinks_fifos_and_folders_are_not_read(project_factory, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(ARTICLE, encoding="utf-8")
    project = project_factory({"good.md": ARTICLE})
    articles = project / "corpus" / "articles"
    (articles / "link.md").symlink_to(outside)
    (articles / "folder.md").mkdir()
    os.mkfifo(articles / "fifo.md")
    assert problems_of(project) == ["corpus/articles/fifo.md: not a regular file",
                                    "corpus/articles/folder.md: not a regular file",
                                    "corpus/articles/link.md: not a regular file"]


def test_hidden_files_are_skipped(project_factory) -> None:
    loaded = corpus.load(project_factory({"a.md": ARTICLE, ".b.md": "not an article", "..md": "x"}))
    assert [a.id for a in loaded.articles] == ["a"]


@pytest.mark.parametrize("rel", ["../x", "/abs", "a/../../x", "a\\b", "a\x00b", "a\nb", "x" * 256, "a//b", "./a"])
def test_output_refuses_paths_outside_its_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(output.UnsafePath):
        output.replace_tree(tmp_path / "docs", {rel: "x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_tampered_manifest_cannot_reach_outside(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    outside = tmp_path / "keep.txt"
    outside.write_text("keep", encoding="utf-8")
    output.replace_tree(docs, {"index.md": "one"})
    (docs / output.MANIFEST).write_text("index.md\n../keep.txt\n/etc/passwd\n", encoding="utf-8")
    assert output.owned(docs) == {"index.md"}
    assert set(output.read_tree(docs)) == {"index.md"}
    output.replace_tree(docs, {"index.md": "two"})
    assert outside.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "keep.txt"]


def test_foreign_symlinks_in_docs_are_carried_as_links(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    output.replace_tree(docs, {"index.md": "one"})
    secret = tmp_path / "secret"
    secret.write_text("s", encoding="utf-8")
    (docs / "link.md").symlink_to(secret)
    output.replace_tree(docs, {"index.md": "two"})
    assert (docs / "link.md").is_symlink() and os.readlink(docs / "link.md") == str(secret)


def test_a_build_writes_only_inside_docs_site_and_cache(tmp_path: Path) -> None:

    project = hostile_project(tmp_path / "story")
    before = set(tmp_path.rglob("*"))
    build(Project(project), use_cache=True)
    allowed = (project / "docs", project / "site", project / ".briefing-cache")
    new = sorted(p.relative_to(tmp_path).as_posix() for p in set(tmp_path.rglob("*")) - before
                 if not any(p == a or a in p.parents for a in allowed))
    assert new == []


@pytest.mark.parametrize("slug", ["../../evil", "/tmp/evil", "con", "a/b", "..", "é\u202e", "x" * 300, ".hidden"])
def test_briefing_add_slug_cannot_escape_the_corpus(project_factory, tmp_path: Path, slug: str) -> None:

    project = project_factory()
    source = tmp_path / "article.txt"
    source.write_text("The council fined the utility on Tuesday, officials said.\n", encoding="utf-8")
    before = set(tmp_path.rglob("*"))
    try:
        path = add_article(project, str(source), title="A fine", outlet=None, url=None, published=None,
                           author=None, slug=slug)
    except (BriefingError, UsageError):
        path = None
    created = set(tmp_path.rglob("*")) - before
    articles = (project / "corpus" / "articles").resolve()
    assert all(p.resolve().parent == articles for p in created if p.is_file()), created
    if path is not None:
        assert path.resolve().parent == articles
        assert corpus.ID_PATTERN.fullmatch(path.stem) and path.stem not in corpus.RESERVED_NAMES


@pytest.mark.parametrize("title", ["../../etc/passwd", "<script>alert(1)</script>", "con", "\u202e\u0000 ...", "/"])
def test_briefing_add_title_slugs_are_safe_and_front_matter_round_trips(project_factory, tmp_path: Path,
                                                                         title: str) -> None:

    project = project_factory()
    source = tmp_path / "article.txt"
    source.write_text("The council fined the utility on Tuesday, officials said.\n", encoding="utf-8")
    try:
        path = add_article(project, str(source), title=title, outlet='"quoted": yes', url=None, published=None,
                           author="A\nB", slug=None)
    except (BriefingError, UsageError):
        return
    assert path.resolve().parent == (project / "corpus" / "articles").resolve()
    loaded = corpus.load(project)  # what add wrote must load back, the hostile fields intact
    (article,) = loaded.articles
    assert article.outlet == '"quoted": yes'


# --- Limits --------------------------------------------------------------------------------

def body_of(size: int) -> str:
    sentence = "The council fined the utility after the reservoir failed an inspection, officials said. "
    paragraph = sentence * 20
    return "\n\n".join([paragraph] * (size // (len(paragraph) + 2) + 1))


def test_just_over_the_size_limit_is_refused_quickly(project_factory) -> None:
    text = "---\ntitle: Big\n---\n" + body_of(corpus.MAX_FILE_BYTES)
    lines = problems_of(project_factory({"big.md": text}))
    assert lines[0].startswith("corpus/articles/big.md: ") and f"more than the {corpus.MAX_FILE_BYTES:,}" in lines[0]


def test_just_under_the_size_limit_loads_quickly(project_factory) -> None:
    head = "---\ntitle: Big\n---\n"
    text = head + body_of(corpus.MAX_FILE_BYTES)[: corpus.MAX_FILE_BYTES - len(head) - 1].rstrip() + "\n"
    project = project_factory({"big.md": text})
    start = time.monotonic()
    with within(20):
        loaded = corpus.load(project)
    assert len(loaded.articles[0].paragraphs) > 500
    assert time.monotonic() - start < 10


def test_a_paragraph_too_long_for_the_parser_is_refused(project_factory) -> None:
    text = "---\ntitle: One line\n---\nIntro, said X.\n" + "word " * (corpus.MAX_PARAGRAPH_CHARS // 5 + 10) + "\n"
    lines = problems_of(project_factory({"a.md": text}))
    assert lines[0].startswith("corpus/articles/a.md:5: a block of 100,04") and "separate its paragraphs" in lines[0]


def test_thousands_of_tiny_files_load_in_bounded_time(tmp_path: Path) -> None:
    project = make_project(tmp_path / "many")
    folder = project / "corpus" / "articles"
    for i in range(3000):
        (folder / f"a{i:05d}.md").write_text(f"---\ntitle: T{i}\n---\nText number {i}, said X.\n", encoding="utf-8")
    start = time.monotonic()
    with within(30):
        loaded = corpus.load(project)
    assert len(loaded.articles) == 3000
    assert time.monotonic() - start < 15


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "corpus/articles/a.md:3: a binary file, not text"),
    ("---\ntitle: Caf\u00e9\n---\nText, said X.\n".encode("latin-1"),
     "corpus/articles/a.md:2: not UTF-8 text (byte 0xe9 at offset 14)"),
    ("\ufeff---\ntitle: T\n---\nText, said X.\n".encode("utf-16"), "corpus/articles/a.md:1: UTF-16 text, not UTF-8"),
    (b"", "corpus/articles/a.md:1: expected front matter: a '---' line, YAML fields, then '---'"),
    (b"---\ntitle: T\nnote: " + b"[" * 10000 + b"]" * 10000 + b"\n---\nText, said X.\n",
     "corpus/articles/a.md:2: front matter: nested too deeply to be article fields"),
    (b"---\ntitle: T\nnote: " + b"{a: " * 5000 + b"1" + b"}" * 5000 + b"\n---\nText, said X.\n",
     "corpus/articles/a.md:2: front matter: nested too deeply to be article fields"),
    (b"---\ntitle: T\nnote: " + b"x" * 70000 + b"\n---\nText, said X.\n",
     "corpus/articles/a.md:2: front matter is larger than 64,000 bytes"),
    (b"---\ntitle: T\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nText, said X.\n",
     "corpus/articles/a.md:4: front matter: YAML aliases (*name) are not allowed here"),
    (b"---\ntitle: !!python/object/apply:os.system ['true']\n---\nText, said X.\n",
     "corpus/articles/a.md:2: front matter: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'"),
    (b"---\ntitle: T\npublished: " + b"9" * 5000 + b"\n---\nText, said X.\n", "corpus/articles/a.md:2: front matter: "),
    (b"---\ntitle: T\nurl: \"\\e]0;owned\\a\"\n---\nText, said X.\n",
     "corpus/articles/a.md:3: url: expected an http(s) address, got '\\x1b]0;owned\\x07'"),
])
def test_bad_bytes_and_yaml_give_one_clear_line(project_factory, content: bytes, expected: str) -> None:
    lines = problems_of(project_factory({"a.md": content}))
    assert lines[0].startswith(expected), lines


def test_empty_corpus_and_missing_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "empty")
    assert problems_of(project) == ["corpus/articles: no articles (*.md) found\n  hint: add one with "
                                    "`briefing add URL|FILE`"]
    shutil.rmtree(project / "corpus" / "articles")
    assert problems_of(project)[0].startswith("corpus/articles: no such folder")


def test_problem_lines_escape_terminal_controls() -> None:
    line = str(Problem("corpus/articles/a\x1b[2J.md", 3, "got '\u202edoc.exe\x07'", "x\ry"))
    assert line == "corpus/articles/a\\x1b[2J.md:3: got '\\u202edoc.exe\\x07'\n  hint: x\\ry"


@pytest.mark.parametrize("case", ["deep", "binary", "laughs"])
def test_cli_reports_bad_input_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   case: str) -> None:

    content = {"deep": b"---\ntitle: T\nnote: " + b"[" * 10000 + b"\n---\nText, said X.\n",
               "binary": b"\x00\x01\x02", "laughs": b"---\na: &a x\ntitle: *a\n---\nText, said X.\n"}[case]
    project = with_mkdocs_yml(make_project(tmp_path / "p", {"good.md": ARTICLE, "bad.md": content}))
    with within(60):
        code = main(["generate", "--project", str(project), "-q"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[0].startswith("corpus/articles/bad.md:")
    assert not (project / "docs" / "briefing.json").exists()


def test_article_text_with_absurd_date_counts_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:

    text = ("---\ntitle: Old news\npublished: 2026-03-06\n---\n"
            "The council said the pipe was laid 99999999 days ago, officials said.\n\n"
            "The vote came 9999999999999999999999 days after the flood, said Ivo Brandt.\n")
    project = with_mkdocs_yml(make_project(tmp_path / "p", {"old.md": text}))
    with within(60):
        code = main(["generate", "--project", str(project), "-q", "--no-cache"])
    assert code == 0, capsys.readouterr().err[-300:]
