"""Text from articles made inert in Markdown and HTML: the one escaper of the project.

`md()` serves both the site's pages (Python-Markdown with the extensions in mkdocs.yml) and the
pull-request comment (GitHub's Markdown, through diff.py): it escapes only what either would
read as markup, with a backslash where both honour one (`\\*`), as a character reference where
one of them would keep the backslash (`&lt;`), so that a page's source reads like its text.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

# Escaped wherever they stand: code spans, emphasis, links and images, table cells, attribute
# lists (`{: onclick=...}`) and the escape character itself.
_ALWAYS = re.compile(r"([\\`*\[\]|{])")
# `_` is emphasis only at a word's edge: `snake_case` stays as it is in both dialects.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# `<` opens a tag, a comment or an autolink only before a letter, `/`, `!` or `?`.
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
# `&` is read as a character reference only when one follows.
_REFERENCE = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
# An @-mention pings someone on GitHub.
_MENTION = re.compile(r"(?<![\w@])@(?=\w)")
# What starts a block when it opens a line: a heading, quote, list, rule, setext underline,
# admonition (`!!!`), details (`???`) or fence (`~~~`); a number with `.` or `)` starts a list.
_LINE_START = re.compile(r"^(?:([#>+\-!])|(=)|(\?\?\?)|(\d+)([.)]))")
# Python-Markdown drops a heading's closing hashes even without a space before them ("C#").
_TRAILING_HASH = re.compile(r"#$")
# Where prose is broken across lines (see md_lines): a line a side-by-side diff shows whole,
# with room for a list marker or a citation after it. Any width keeps the page the same (a line
# break in prose is a space); tests/test_readable_pages.py holds every line under 400.
WIDTH = 100


def _start(m: re.Match[str]) -> str:
    if m.group(1):
        return "\\" + m.group(1)
    if m.group(2):
        return "&#61;"  # no backslash escape for `=` in Python-Markdown
    if m.group(3):
        return "&#63;??"
    return m.group(4) + "\\" + m.group(5)


# Every pattern above needs one of these characters, or a block marker opening the line; most
# lines of an article have none, and are returned as they are after one search.
_MAY_NEED = re.compile(r"[&\\`*\[\]|{_<@~#]|^[>+\-!=?\d]")


def _escape_line(line: str, tildes: bool) -> str:
    return _escape_all(line, tildes) if _MAY_NEED.search(line) else line


def _escape_all(line: str, tildes: bool) -> str:
    out = _REFERENCE.sub("&amp;", line)  # first: the references below are meant
    out = _ALWAYS.sub(r"\\\1", out)
    out = _UNDERSCORE.sub(r"\\_", out)
    out = _TAG.sub("&lt;", out)
    out = _MENTION.sub("&#64;", out)
    if tildes:  # two tildes can strike text through on GitHub; one cannot
        out = out.replace("~", "&#126;")
    out = _LINE_START.sub(_start, out, count=1)
    return _TRAILING_HASH.sub(r"\\#", out)


def one_line(text: object) -> str:
    """The text with every run of whitespace, newlines included, as one space."""
    return " ".join(str(text).split())


def md(text: object) -> Markup:
    """Article text for Markdown, on one line, with only what Markdown would misread escaped."""
    line = one_line(text)
    return Markup(_escape_line(line, line.count("~") > 1))


def md_lines(text: object, width: int = WIDTH) -> Markup:
    """Like md(), broken at spaces into lines of about `width` characters, each safe at the start
    of a line: for prose in paragraphs, list items and quotes, never in a table cell or heading."""
    words = one_line(text).split(" ")
    tildes = sum(w.count("~") for w in words) > 1
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return Markup("\n".join(_escape_line(line, tildes) for line in lines if line))


def attr(text: object) -> Markup:
    """Text for a double-quoted HTML attribute or a raw HTML block: `&`, `<`, `>` and `"` escaped."""
    line = one_line(text)
    return Markup(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                  .replace('"', "&quot;"))


def html_text(text: str) -> str:
    """Text for an element's content: <, > and & escaped; quotes need it only in attributes, and
    an article's text has thousands of them."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link_title(text: object, limit: int = 300) -> str:
    """A link's title in a reference definition (`[id]: url "title"`): the text on one line,
    shortened, with a `&` that would start a character reference and a `<` that would open a
    tag escaped (the attribute is inert either way; the page's source then holds no tag-like
    text). Python-Markdown reads the title up to the last `"` of its line, so quotes inside
    need nothing."""
    line = one_line(text)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return _TAG.sub("&lt;", _REFERENCE.sub("&amp;", line))


_MERMAID_SAFE = re.compile(r"[\w ,.'/-]", re.UNICODE)


def mermaid_label(text: str) -> str:
    """Quote a Mermaid label: anything but letters, digits and plain punctuation as `#N;`."""
    line = one_line(text)
    return '"' + "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in line) + '"'


def anchor_id(text: str) -> Markup:
    """An id safe in HTML, in URLs and in attr_list braces: letters, digits, `-` and `_`."""
    return Markup(re.sub(r"[^A-Za-z0-9_-]", "-", str(text)) or "-")


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s) with a host; None otherwise (no javascript: links)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()
