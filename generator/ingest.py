"""`briefing add`: one article from a web page, a saved HTML page, or a text or Markdown file
into `corpus/articles/SLUG.md`, refusing duplicates and never overwriting a file.

HTML goes through trafilatura (main text, title, date, outlet, author, canonical URL); the text
is kept verbatim, one paragraph per line. Options given on the command line win over what the
page says. Every file written is checked with the corpus loader before it appears.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from . import corpus
from .blocks import HEADING_MAX_WORDS, clean
from .errors import BriefingError, Problem, UsageError
from .ids import unique_id
from .slugs import MAX_SLUG, RESERVED, make_slug

Fetch = Callable[[str], "str | bytes | None"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
MAX_SOURCE_BYTES = 10_000_000  # a saved news page with inline assets is rarely over 3 MB
# Near-duplicate text: 5-word shingles of the normalised text. Syndicated copies differ by a
# byline, an editor's note or a trimmed closing paragraph and share >= 0.85 of their shingles
# (Jaccard); two outlets' own reports of one event share < 0.15 even when they quote the same
# statement. 0.8 sits between, with margin both ways. A copy trimmed to part of the original
# is caught by containment: >= 0.9 of the shorter text's shingles are in the longer one, when
# the shorter has at least MIN_SHINGLES (a three-line brief is too short to judge).
# Re-run tests/test_ingest.py after changing these.
SHINGLE_WORDS = 5
JACCARD_DUPLICATE = 0.8
CONTAINMENT_DUPLICATE = 0.9
MIN_SHINGLES = 40
# Query parameters that track a click rather than name a page.
TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|dclid|mc_cid|mc_eid|ref|ref_src|cmpid|smid|"
                             r"s_cid|ocid|mkt_tok|igshid|yclid|_ga|at_medium|at_campaign)$", re.I)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a source yields before the options are applied."""

    text: str  # paragraphs, one per line
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    inferred: tuple[tuple[str, str], ...] = ()
    note: str | None = None


def default_fetch(url: str) -> str | None:
    """Download a page with trafilatura (which honours its own size and time limits)."""
    import trafilatura

    return trafilatura.fetch_url(url)


def add_article(project_root: Path, source: str, *, title: str | None = None, outlet: str | None = None,
                url: str | None = None, published: str | None = None, author: str | None = None,
                slug: str | None = None, language: str | None = None,
                fetch: Fetch | None = None) -> Path:
    """Ingest one article into `project_root/corpus/articles` and return the file written."""
    folder = Path(project_root) / "corpus" / "articles"
    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder; is {project_root} a briefing (see `briefing new`)?")
    given = _check_options(title=title, outlet=outlet, url=url, published=published, author=author,
                           slug=slug, language=language)
    extracted = read_source(source, fetch or default_fetch)
    fields = _merge(extracted, given, source)
    text = extracted.text
    if not any(block.kind != "heading" for block in corpus.split_blocks(text.split("\n"), 1)):
        raise BriefingError([Problem(_show_source(source), None, "no article text found (only headings "
                                     "or short lines)", "copy the article text into a .txt file and add "
                                     "that with --title")])
    existing = _existing_articles(folder, Path(project_root))
    duplicate = find_duplicate(fields.get("url"), text, existing)
    if duplicate:
        raise BriefingError([Problem(_show_source(source), None, duplicate,
                                     "if it is a different article after all, write its file under "
                                     "corpus/articles/ by hand")])
    taken = {a.stem for a in existing} | {a.id for a in existing}
    if slug:
        name = slug
        if name in taken or (folder / f"{name}.md").exists():
            raise BriefingError([Problem(f"corpus/articles/{name}.md", None,
                                         "already exists; briefing add never overwrites an article",
                                         "choose another --slug")])
    else:
        name = unique_slug(make_slug(fields["title"]), taken, folder)
    content = render_file(fields, text)
    return _write_new(folder, name, content, Path(project_root))


# --- reading sources -------------------------------------------------------------------------

def read_source(source: str, fetch: Fetch) -> Extracted:
    """Dispatch on the source: an http(s) URL, an HTML file, or a text/Markdown file."""
    if re.match(r"^https?://", source, re.I):
        if not re.fullmatch(r"https?://[^\s<>\"']+", source):
            raise UsageError(f"not a web address: {source!r}")
        try:
            html = fetch(source)
        except OSError as exc:
            raise BriefingError([Problem(source, None, f"cannot download: {exc}")]) from None
        if not html:
            raise BriefingError([Problem(source, None, "cannot download the page (no answer, an error "
                                         "status, or not HTML)",
                                         "save the page from a browser and run `briefing add FILE.html`")])
        if isinstance(html, bytes):
            html = _decode_html(html)
        return extract_html(html, source, page_url=source)
    if re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I):
        raise UsageError(f"{source}: only http and https addresses can be fetched")
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such file (give a saved .html page, a .txt or .md file, "
                         "or an http(s) address)")
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES + TEXT_SUFFIXES:
        raise UsageError(f"{source}: unknown kind of file '{suffix or path.name}'; "
                         f"expected one of {', '.join(HTML_SUFFIXES + TEXT_SUFFIXES)}")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise BriefingError([Problem(source, None, f"{size:,} bytes is more than the "
                                     f"{MAX_SOURCE_BYTES:,} a source may have")])
    raw = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        return extract_html(_decode_html(raw), source, page_url=None)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise BriefingError([Problem(source, None, f"not UTF-8 text (offset {exc.start})",
                                     "save the file as UTF-8")]) from None
    return extract_text(text, source, markdown=suffix in (".md", ".markdown"))


def _decode_html(raw: bytes) -> str:
    """Decode as the page declares (trafilatura's own detection), falling back to UTF-8."""
    from trafilatura.utils import decode_file

    return str(decode_file(raw))


def extract_html(html: str, source: str, *, page_url: str | None) -> Extracted:
    """Main text and metadata of a news page, with trafilatura."""
    import trafilatura
    from trafilatura.xml import xmltotxt

    # max_date far ahead: the publication date must not depend on today's date, and a page
    # dated ahead of the machine's clock is still the page's own claim.
    doc = trafilatura.bare_extraction(
        html, url=page_url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=True, deduplicate=False, include_formatting=True,
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "max_date": "2999-12-31"})
    if doc is None:
        raise BriefingError([Problem(_show_source(source), None, "no article text found in the page",
                                     "copy the article text into a .txt file and add that with --title")])
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    # The text as Markdown, from the same extraction, so that the page's subheadings stay headings
    # (`## ...`) rather than short lines the corpus reader would have to guess about.
    body = getattr(doc, "body", None)
    marked = xmltotxt(body, include_formatting=True) if body is not None else None
    text = normalise_paragraphs(str(marked or data.get("text") or "").split("\n"))
    if not text.strip():
        raise BriefingError([Problem(_show_source(source), None, "no article text found in the page",
                                     "copy the article text into a .txt file and add that with --title")])
    inferred: list[tuple[str, str]] = []
    title = _text(data.get("title"))
    if title and text.split("\n", 1)[0].lstrip("#").strip().casefold() == title.casefold():
        text = text.split("\n", 1)[1] if "\n" in text else text  # the headline, repeated as text
    outlet = _text(data.get("sitename"))
    url = _text(data.get("url"))
    if url and not re.fullmatch(r"https?://[^\s<>\"']+", url):
        url = None
    if url is None and page_url:
        url = page_url
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if host and (outlet is None or outlet.lower().removeprefix("www.") == host):
        # trafilatura falls back to the host name itself; say so rather than present it as a name
        outlet = host
        inferred.append(("outlet", "the page names no outlet; this is its web address's host name"))
    published = _text(data.get("date"))
    if published and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published):
        published = None
    note = (f"added with `briefing add` from {page_url}" if page_url
            else f"added with `briefing add` from the saved page {Path(source).name}")
    return Extracted(text=text, title=title, outlet=outlet, url=url, published=published,
                     author=_text(data.get("author")),
                     language=_language(data.get("language")) or _html_language(html),
                     inferred=tuple(inferred), note=note)


def extract_text(text: str, source: str, *, markdown: bool) -> Extracted:
    """A plain text or Markdown file: optional front matter, an optional title line, the text."""
    meta: dict[str, Any] = {}
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            try:
                loaded = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError as exc:
                raise BriefingError([Problem(_show_source(source), 2,
                                             f"front matter: {str(exc).splitlines()[0]}")]) from None
            if isinstance(loaded, dict):
                meta = {str(k): v for k, v in loaded.items()}
                lines = lines[end + 1:]
    title = _text(meta.get("title")) if isinstance(meta.get("title"), str) else None
    inferred: list[tuple[str, str]] = []
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        head = lines[first].strip()
        heading = re.fullmatch(r"#\s+(.+?)\s*#*", head) if markdown else None
        if heading and title is None:
            title = heading.group(1).strip()
            lines = lines[first + 1:]
        elif (title is None and not markdown and len(head.split()) <= HEADING_MAX_WORDS
              and head[-1] not in ".!?:;,\"'”’…" and len(lines) > first + 1
              and not lines[first + 1].strip()):
            # A short first line set off by a blank line is the headline of a saved text.
            title = head
            lines = lines[first + 1:]
    body = normalise_paragraphs(_join_wrapped(lines))
    fields: dict[str, Any] = {}
    for key in ("outlet", "url", "author", "language"):
        if isinstance(meta.get(key), str):
            fields[key] = _text(meta[key])
    published = meta.get("published")
    if published is not None:
        try:
            fields["published"] = corpus.parse_published(published).iso()
        except ValueError as exc:
            raise BriefingError([Problem(_show_source(source), None, f"published: {exc}")]) from None
    if isinstance(meta.get("inferred"), dict):
        inferred += [(str(k), str(v)) for k, v in meta["inferred"].items() if k in corpus.FIELDS]
    return Extracted(text=body, title=title, inferred=tuple(inferred),
                     note=f"added with `briefing add` from the file {Path(source).name}", **fields)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Undo hard wrapping: when blank lines separate paragraphs, the lines inside one join up.

    A file without blank lines already has one paragraph per line. List items, headings and
    table rows always stay lines of their own.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if len(blocks) <= 1:
        return blocks[0] if blocks else []
    out: list[str] = []
    for block in blocks:
        current: list[str] = []
        for line in block:
            if re.match(r"^(?:[-*+•]|\d{1,3}[.)])\s|^#{1,6}\s|^\|", line):
                if current:
                    out.append(" ".join(current))
                    current = []
                out.append(line)
            else:
                current.append(line)
        if current:
            out.append(" ".join(current))
    return out


def normalise_paragraphs(lines: Iterable[str]) -> str:
    """One paragraph per line, each as the corpus reads a paragraph (`blocks.clean`: Unicode
    normalised, control and format characters but the joiners dropped); empty lines dropped."""
    return "\n".join(line for line in map(clean, lines) if line)


# --- options and metadata -------------------------------------------------------------------

def _check_options(**options: str | None) -> dict[str, str]:
    """Validate the command-line metadata; raise UsageError naming the bad option."""
    given: dict[str, str] = {}
    for key, value in options.items():
        if value is None:
            continue
        if not isinstance(value, str):
            raise UsageError(f"--{key}: expected text, got {value!r}")
        value = " ".join(value.split())
        if not value:
            raise UsageError(f"--{key}: empty")
        given[key] = value
    if "url" in given and not re.fullmatch(r"https?://[^\s<>\"']+", given["url"]):
        raise UsageError(f"--url: expected an http(s) address, got {given['url']!r}")
    if "published" in given:
        try:
            given["published"] = corpus.parse_published(given["published"]).iso()
        except ValueError as exc:
            raise UsageError(f"--published: {exc}") from None
    if "language" in given and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", given["language"]):
        raise UsageError(f"--language: expected a language code such as 'en', got {given['language']!r}")
    if "slug" in given:
        problem = slug_problem(given["slug"])
        if problem:
            suggestion = make_slug(given["slug"])
            raise UsageError(f"--slug: {problem}; try --slug {suggestion}")
    return given


def _merge(extracted: Extracted, given: dict[str, str], source: str) -> dict[str, Any]:
    """The front matter: options first, then what the source says; `inferred` for what was guessed."""
    fields: dict[str, Any] = {}
    inferred = dict(extracted.inferred)
    for key in ("title", "outlet", "url", "published", "author", "language"):
        value = given.get(key) or getattr(extracted, key)
        if key in given:
            inferred.pop(key, None)  # the person adding the article stated it
        if value:
            fields[key] = value
    if "title" not in fields:
        raise UsageError(f"{source}: no title found; pass --title \"...\"")
    fields.setdefault("language", "en")
    if extracted.language is None and "language" not in given:
        inferred.setdefault("language", "the source does not say; briefing assumes English")
    if inferred:
        fields["inferred"] = dict(sorted(inferred.items()))
    if extracted.note:
        fields["note"] = extracted.note
    return fields


def render_file(fields: dict[str, Any], text: str) -> str:
    """Front matter in the corpus's field order, then the text."""
    order = [k for k in corpus.FIELDS if k in fields and k != "id"]
    front = yaml.safe_dump({k: fields[k] for k in order}, sort_keys=False, allow_unicode=True,
                           width=10_000, default_flow_style=False)
    return f"---\n{front}---\n{text.rstrip()}\n"


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _language(value: Any) -> str | None:
    text = _text(value)
    if text:
        text = text.lower().replace("_", "-")
        if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", text):
            return text.split("-")[0]
    return None


def _html_language(html: str) -> str | None:
    """The primary language the page declares on its <html> element."""
    match = re.search(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z_-]+)", html[:5000], re.I)
    return _language(match.group(1)) if match else None


def _show_source(source: str) -> str:
    return source if len(source) <= 200 else source[:197] + "..."


# --- slugs -----------------------------------------------------------------------------------

def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name an article file, or None."""
    if len(slug) > MAX_SLUG:
        return f"longer than {MAX_SLUG} characters"
    if not corpus.ID_PATTERN.fullmatch(slug):
        return "use lower-case letters, digits and hyphens, starting with a letter or digit"
    if slug in RESERVED:
        return f"'{slug}' is a reserved file name on Windows"
    return None


def unique_slug(base: str, taken: set[str], folder: Path) -> str:
    """`base`, or `base-2`, `base-3`... when another article already has it."""
    return unique_id(base, _Taken(taken, folder), MAX_SLUG)


@dataclass(frozen=True, slots=True)
class _Taken:
    """Ids of the corpus and names of the folder's files (asked of the file system, which may
    not tell case apart)."""

    ids: set[str]
    folder: Path

    def __contains__(self, slug: object) -> bool:
        return slug in self.ids or (self.folder / f"{slug}.md").exists()


# --- duplicates ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Existing:
    rel: str
    stem: str
    id: str
    outlet: str | None
    url: str | None
    text: str


def _existing_articles(folder: Path, root: Path) -> list[_Existing]:
    """Every readable article already in the corpus (broken files are the loader's to report)."""
    out = []
    for path in sorted(folder.glob("*.md")):
        if path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        article = corpus.read_article(path, rel, [], [])
        if article is None:
            continue
        out.append(_Existing(rel, path.stem, article.id, article.outlet, article.url,
                             "\n".join(p.text for p in article.paragraphs)))
    return out


def canonical_url(url: str) -> str:
    """The address with what does not change the page removed: scheme, `www.`, default port,
    fragment, trailing slash, tracking parameters, parameter order."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = re.sub(r"/+$", "", parts.path) or ""
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k)))
    return urlunsplit(("", netloc, path, query, ""))


def shingles(text: str) -> set[str]:
    """Overlapping SHINGLE_WORDS-word sequences of the text, case, accents and punctuation aside."""
    text = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", text)
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two shingle sets."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def find_duplicate(url: str | None, text: str, existing: Iterable[_Existing]) -> str | None:
    """A message naming the article this one duplicates, and why; None when it is new."""
    key = canonical_url(url) if url else None
    mine = shingles(text)
    for other in existing:
        if key and other.url and canonical_url(other.url) == key:
            return f"already in the corpus as {other.rel}: the same canonical URL ({other.url})"
    for other in existing:
        theirs = shingles(other.text)
        jaccard, containment = similarity(mine, theirs)
        short = min(len(mine), len(theirs))
        if jaccard >= JACCARD_DUPLICATE or (containment >= CONTAINMENT_DUPLICATE and short >= MIN_SHINGLES):
            by = f" from {other.outlet}" if other.outlet else ""
            return (f"already in the corpus as {other.rel}: near-identical text{by} "
                    f"({jaccard:.0%} of {SHINGLE_WORDS}-word sequences shared, "
                    f"{containment:.0%} of the shorter text; duplicates from "
                    f"{JACCARD_DUPLICATE:.0%} or {CONTAINMENT_DUPLICATE:.0%})")
    return None


# --- writing ---------------------------------------------------------------------------------

def _write_new(folder: Path, name: str, content: str, root: Path) -> Path:
    """Write `folder/name.md` through a temporary file, check it loads, never replace a file."""
    target = folder / f"{name}.md"
    rel = target.relative_to(root).as_posix()
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        _check_loads(content, name, rel)
        try:
            # A hard link fails if the name exists: no window in which a file could be replaced.
            os.link(tmp, target)
        except FileExistsError:
            raise BriefingError([Problem(rel, None, "already exists; briefing add never overwrites an article",
                                         "run it again to pick another name, or pass --slug")]) from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise BriefingError([Problem(rel, None, "already exists; briefing add never overwrites "
                                             "an article")]) from None
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _check_loads(content: str, name: str, rel: str) -> None:
    """Read the file as the corpus loader will (under its final name); raise its problems."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="briefing-add-") as scratch:
        probe = Path(scratch) / f"{name}.md"
        probe.write_text(content, encoding="utf-8", newline="\n")
        if corpus.read_article(probe, rel, problems, []) is None:
            raise BriefingError(problems or [Problem(rel, None, "the file written does not load")])
