"""Load and validate `corpus/articles/*.md`: YAML front matter, then the article text as published.

Every problem in every file is collected before anything fails, each as `path:line: message`.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import furniture
from .blocks import read_blocks
from .errors import BriefingError, Problem, did_you_mean
from .model import Article, PartialDate, Paragraph
from .slugs import RESERVED as RESERVED_NAMES
from .slugs import make_slug

FIELDS = ("id", "title", "outlet", "url", "published", "author", "language", "inferred", "note")
REQUIRED = ("title",)
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
MAX_FILE_BYTES = 1_000_000  # a long-read is ~100 KB; spaCy takes ~27 s a MB (SECURITY.md)
MAX_FRONT_MATTER_BYTES = 64_000
MAX_ARTICLES = 50_000
# spaCy needs memory in proportion to one block's length (measured: ~450 MB peak for a
# 100,000-character paragraph with en_core_web_sm, and it refuses 1,000,000); real paragraphs
# are a few thousand characters, so a longer block is a page pasted as one line.
MAX_PARAGRAPH_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    articles: tuple[Article, ...]
    warnings: tuple[Problem, ...]


# What a file with these bytes gave before (path, sha256 -> article and its warnings), from the
# cache: such a file is not parsed again.
Known = Callable[[str, str], tuple[Article, tuple[Problem, ...]] | None]


def load(project: Path, known: Known | None = None) -> Corpus:
    """Read every article under `project/corpus/articles`, or raise BriefingError with all problems."""
    folder = project / "corpus" / "articles"
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if not folder.is_dir():
        raise BriefingError([Problem(relative(folder, project), None, "no such folder",
                                     "put one article per file here, as NAME.md")])
    paths, others = listing(folder)
    for other in others:
        warnings.append(Problem(relative(other, project), None, "ignored: articles are .md files"))
    if not paths:
        raise BriefingError([Problem(relative(folder, project), None, "no articles (*.md) found",
                                     "add one with `briefing add URL|FILE`")])
    if len(paths) > MAX_ARTICLES:
        raise BriefingError([Problem(relative(folder, project), None,
                                     f"{len(paths)} files is more than the {MAX_ARTICLES} one build takes")])
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for path in paths:
        rel = relative(path, project)
        article = read_article(path, rel, problems, warnings, known)
        if article is None:
            continue
        if article.id in seen:
            problems.append(Problem(rel, 1, f"id: '{article.id}' is already used by {seen[article.id]}",
                                    "give each article its own file name or `id`"))
            continue
        seen[article.id] = rel
        articles.append(article)
    if not articles and not problems:
        raise BriefingError([Problem(relative(folder, project), None, "no article has any text",
                                     "every file under corpus/articles/ was empty or skipped")])
    if problems:
        raise BriefingError(problems)
    articles.sort(key=lambda a: a.id)
    return Corpus(project, tuple(articles), tuple(sorted(warnings)))


def listing(folder: Path) -> tuple[list[Path], list[Path]]:
    """The article files of a folder, and the other files in it, which are ignored."""
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith("."))
    # A README beside the articles (as `briefing new` writes) is documentation, not an article.
    others = sorted(p for p in folder.iterdir() if p.suffix != ".md" and not p.name.startswith(".")
                    and not p.name.upper().startswith("README"))
    return paths, others


def fingerprint(project: Path) -> str | None:
    """A hash of the corpus folder's listing and every article file's bytes, or None when some
    entry is not a plain readable file (then only a full load can say what is wrong)."""
    folder = project / "corpus" / "articles"
    digest = hashlib.sha256()
    try:
        paths, others = listing(folder)
        for path in paths:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
                return None
            digest.update(f"{path.name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\0".encode())
    except OSError:
        return None
    digest.update("\0".join(p.name for p in others).encode())
    return digest.hexdigest()


def read_article(path: Path, rel: str, problems: list[Problem],
                 warnings: list[Problem], known: Known | None = None) -> Article | None:
    """Parse one article file; append its problems and return None if it has any."""
    before = len(problems)
    try:
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(rel, None, "not a regular file"))
            return None
        with path.open("rb") as stream:
            # Read at most one byte past the limit: the file may grow after a stat().
            raw = stream.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), path.stat().st_size)
        if size > MAX_FILE_BYTES:
            problems.append(Problem(rel, None, f"{size:,} bytes is more than the {MAX_FILE_BYTES:,} an article may have",
                                    "split it, or keep only the article text"))
            return None
    except OSError as exc:
        problems.append(Problem(rel, None, f"cannot read: {exc.strerror}"))
        return None
    digest = hashlib.sha256(raw).hexdigest()
    if known is not None and (seen := known(rel, digest)) is not None:
        warnings.extend(seen[1])
        return seen[0]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(Problem(rel, 1, "UTF-16 text, not UTF-8", "save the file as UTF-8"))
        return None
    if b"\x00" in raw:
        problems.append(Problem(rel, _line_of(raw, raw.index(b"\x00")), "a binary file, not text"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, _line_of(raw, exc.start),
                                f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                                "save the file as UTF-8"))
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(rel, 1, "expected front matter: a '---' line, YAML fields, then '---'",
                                "start the file with ---, title: ..., ---"))
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        problems.append(Problem(rel, 1, "front matter is not closed by a '---' line"))
        return None
    front = "\n".join(lines[1:end])
    if len(front.encode()) > MAX_FRONT_MATTER_BYTES:
        problems.append(Problem(rel, 2, f"front matter is larger than {MAX_FRONT_MATTER_BYTES:,} bytes"))
        return None
    meta, key_lines = _parse_front_matter(front, rel, problems)
    if meta is None:
        return None
    body_start = end + 2  # 1-based line number of the first body line
    fields = _check_fields(meta, key_lines, rel, problems, warnings)
    article_id = fields.get("id") or file_id(path.stem)
    if fields.get("id") and not ID_PATTERN.fullmatch(article_id):
        problems.append(Problem(rel, key_lines.get("id", 1), f"id: '{article_id}' must be lower-case letters, digits and hyphens",
                                f"use id: {make_slug(article_id)}"))
    elif fields.get("id") and article_id in RESERVED_NAMES:
        problems.append(Problem(rel, key_lines.get("id", 1), f"id: '{article_id}' is a reserved file name on Windows",
                                f"use id: {article_id}-article"))
    paragraphs = split_blocks(lines[end + 1:], body_start)
    for paragraph in paragraphs:
        if len(paragraph.text) > MAX_PARAGRAPH_CHARS:
            problems.append(Problem(rel, paragraph.line,
                                    f"a block of {len(paragraph.text):,} characters is longer than the "
                                    f"{MAX_PARAGRAPH_CHARS:,} a paragraph may have",
                                    "separate its paragraphs with blank lines"))
    if len(problems) > before:
        return None
    if not any(p.kind != "heading" and not p.furniture for p in paragraphs):
        # Nothing is lost by leaving it out: a saved page that came away empty, or all furniture.
        what = "no text after its front matter" if not paragraphs else "no text of its own (only headings or page furniture)"
        warnings.append(Problem(rel, body_start if body_start <= len(lines) else end + 1,
                                f"skipped: the article has {what}"))
        return None
    return Article(
        id=article_id,
        path=rel,
        title=fields["title"],
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=fields.get("published"),
        author=fields.get("author"),
        language=fields.get("language") or "en",
        inferred=tuple(sorted(fields.get("inferred", {}).items())),
        paragraphs=tuple(paragraphs),
        body_line=body_start,
        sha256=digest,
    )


class SafeNoAliasLoader(yaml.SafeLoader):
    """Safe loading that refuses aliases (a few lines must not expand into gigabytes) and reads
    dates as text, so that `2026-02-30` gets our message rather than YAML's."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "YAML aliases (*name) are not allowed here",
                                       event.start_mark)
        return super().compose_node(parent, index)


def _parse_front_matter(front: str, rel: str, problems: list[Problem]
                        ) -> tuple[dict[str, Any] | None, dict[str, int]]:
    """Return the mapping and the 1-based file line of each top-level key."""
    try:
        node = yaml.compose(front, Loader=SafeNoAliasLoader)
        meta = yaml.load(front, Loader=SafeNoAliasLoader) if node is not None else {}
    except yaml.MarkedYAMLError as exc:
        # Point at where the broken construct starts (an unclosed quote, say), not where YAML gave up.
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 2 if mark else 2
        message = " ".join(part for part in (exc.problem, exc.context) if part)
        problems.append(Problem(rel, line, f"front matter: {message}"))
        return None, {}
    except RecursionError:
        problems.append(Problem(rel, 2, "front matter: nested too deeply to be article fields"))
        return None, {}
    except (yaml.YAMLError, ValueError) as exc:
        problems.append(Problem(rel, 2, f"front matter: {str(exc).splitlines()[0]}"))
        return None, {}
    if not isinstance(meta, dict):
        problems.append(Problem(rel, 2, "front matter: expected 'key: value' lines"))
        return None, {}
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    return meta, key_lines


def _check_fields(meta: dict[Any, Any], key_lines: dict[str, int], rel: str,
                  problems: list[Problem], warnings: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def line(key: str) -> int:
        return key_lines.get(key, 2)

    for key in meta:
        if str(key) not in FIELDS:
            warnings.append(Problem(rel, line(str(key)), f"unknown field '{key}' is ignored",
                                    did_you_mean(str(key), FIELDS)))
    for key in REQUIRED:
        if meta.get(key) is None or (isinstance(meta[key], str) and not meta[key].strip()):
            problems.append(Problem(rel, line(key) if key in meta else 1, f"{key}: required",
                                    f"add a line '{key}: ...' to the front matter"))
    for key in ("id", "title", "outlet", "author", "language", "note", "url"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, list) and key == "author" and all(isinstance(v, str) for v in value):
            value = ", ".join(v.strip() for v in value)
        if not isinstance(value, str):
            problems.append(Problem(rel, line(key), f"{key}: expected text, got {_show(value)}"))
            continue
        value = " ".join(value.split())
        if value:
            out[key] = value
    url = out.get("url")
    if url and not re.fullmatch(r"https?://[^\s<>\"']+", url):
        problems.append(Problem(rel, line("url"), f"url: expected an http(s) address, got {_show(url)}"))
        out.pop("url")
    language = out.get("language")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        problems.append(Problem(rel, line("language"), f"language: expected a language code such as 'en', got {_show(language)}"))
    if "published" in meta and meta["published"] is not None:
        try:
            out["published"] = parse_published(meta["published"])
        except ValueError as exc:
            problems.append(Problem(rel, line("published"), f"published: {exc}"))
    inferred = meta.get("inferred")
    if inferred is not None:
        if not isinstance(inferred, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in inferred.items()):
            problems.append(Problem(rel, line("inferred"),
                                    "inferred: expected 'field: why it was inferred' lines"))
        else:
            unknown = [k for k in inferred if k not in FIELDS]
            for k in unknown:
                problems.append(Problem(rel, line("inferred"), f"inferred: '{k}' is not a field",
                                        did_you_mean(k, FIELDS)))
            out["inferred"] = {k: " ".join(v.split()) for k, v in inferred.items() if k in FIELDS}
    return out


def parse_published(value: Any) -> PartialDate:
    """Accept YAML's readings of `2026`, `2026-03` and `2026-03-06`; raise ValueError with the reason."""
    import datetime as dt

    if isinstance(value, dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise ValueError(f"expected an ISO date such as 2026-03-06, got {_show(value)}")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"expected an ISO date such as 2026-03-06, got {_show(text)}")
    try:
        return PartialDate.parse(text)
    except ValueError:
        raise ValueError(f"{text} is not a calendar date") from None


def file_id(stem: str) -> str:
    """The article id a file name gives: lower case, hyphens, accents folded
    ("VESTLAND_TIDENDE_birds_and_blame" -> "vestland-tidende-birds-and-blame"). A name with no
    letter or digit to keep gets one from its hash, so that two such files keep apart."""
    if ID_PATTERN.fullmatch(stem) and stem not in RESERVED_NAMES:
        return stem
    slug = make_slug(stem)
    if slug == "article" and stem.lower() != "article":
        slug = f"article-{hashlib.sha256(stem.encode('utf-8')).hexdigest()[:8]}"
    return slug


def split_blocks(lines: list[str], first_line: int) -> list[Paragraph]:
    """The body's blocks (generator/blocks.py) as paragraphs, page furniture marked
    (generator/furniture.py); `first_line` is the file line of the body's first line."""
    blocks = furniture.split_edges(read_blocks("\n".join(lines)))
    kinds = furniture.classify(blocks)
    return [Paragraph(i, b.kind, b.text, first_line + b.line, (), b.table, kind)
            for i, (b, kind) in enumerate(zip(blocks, kinds), start=1)]


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


def relative(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return path.as_posix()


def iter_sentences(article: Article) -> Iterator[tuple[Paragraph, int, str]]:
    """Yield (paragraph, sentence index, sentence text) over the article's split sentences."""
    for paragraph in article.paragraphs:
        for sentence in paragraph.sentences:
            yield paragraph, sentence.index, sentence.text
