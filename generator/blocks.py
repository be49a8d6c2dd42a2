"""An article's body as blocks: paragraphs, headings, list items and tables.

The body is CommonMark, read with markdown-it-py (plus GitHub tables): lines wrapped inside a
paragraph join, blank lines separate paragraphs, `#` starts a heading, `-`/`1.` a list item.
Two readings that CommonMark alone would get wrong for saved news text:

- A plain text file with one paragraph per line and no blank lines between them: recognised
  by its lines ending sentences (`_one_per_line`), it reads one paragraph per line. In a wrapped
  file, each line break is a soft wrap or a paragraph break by the lines on either side of it
  (`_wraps`): a short line standing alone is a label, a caption or a heading.
- A heading is a `#` line. A line without `#` is a heading only when it is a block of its own
  that reads as a title (see `_reads_as_heading`); a guess never swallows prose.

Markdown that does not occur in saved articles and would turn text into something else is off:
indented code (saved pages indent prose), fenced code, raw HTML, and setext headings (a prose
paragraph followed by a `---` rule would become a heading).
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import ParagraphKind, Table

# Characters that end a sentence or a clause a paragraph may end on (closing quotes after them).
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$|[\"'”’]$")
# A wrapped paragraph's lines fill an editor's or a mailer's width (72-100 characters is usual):
# a line longer than _WRAP_WIDTH was written whole, and one shorter than _WRAP_MIN that does not
# run on in lower case stands on its own. Chosen on wrapped news text at widths 60 to 100.
_WRAP_WIDTH = 150
_WRAP_MIN = 50
_RUN_ON_MIN = 30  # a wrapped line continued in lower case; "Comments (3)" above a comment is not
# A text ending in one of these has not ended its sentence: "the U.S." / "officials said", "7:40 p.m.".
ABBREVIATION = re.compile(r"\b(?:[A-Za-z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|No|Gen|Col|Sgt|Lt|Capt|Sen|Rep|Gov|"
                           r"Inc|Co|Corp|Ltd|Jr|Sr|vs|etc|approx|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.$")
# Words a title leaves in lower case; any other word of a heading starts with a capital.
_MINOR_WORDS = frozenset(
    "a an and as at but by de for from in into nor of on or per the to upon via vs with".split())
# A title is short; 12 words keeps sentences out (chosen on news layouts: "Key Takeaways",
# "What This Means Going Forward").
HEADING_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Block:
    kind: ParagraphKind
    text: str
    line: int  # 0-based line of the body where the block starts
    table: Table | None = None


def _parser() -> MarkdownIt:
    return (MarkdownIt("commonmark", {"html": False})
            .enable("table")
            .disable(["code", "fence", "html_block", "html_inline", "lheading"]))


_MD = _parser()


def read_blocks(body: str) -> list[Block]:
    """The blocks of an article body, in order, each with the body line it starts on."""
    lines = body.split("\n")
    tokens = _MD.parse(body)
    return _read(lines, 0, _one_per_line(tokens), tokens)


def _one_per_line(tokens: list[Token]) -> bool:
    """Whether the file is written one paragraph per line rather than wrapped: most of its line
    breaks inside CommonMark paragraphs follow a finished sentence. Wrapped text breaks where
    the width runs out, after a full stop about one line in ten; a file of one paragraph per
    line ends nearly every line with one. Half is the line between."""
    breaks = ended = 0
    for tok in tokens:
        if tok.type == "inline" and tok.children:
            shown = [clean(one) for one in _lines(tok.children)]
            breaks += len(shown) - 1
            ended += sum(bool(_ENDS_SENTENCE.search(one)) for one in shown[:-1])
    return breaks > 0 and ended * 2 >= breaks


def _read(lines: list[str], offset: int, one_per_line: bool, tokens: list[Token] | None = None) -> list[Block]:
    """The blocks of `lines` (body lines from `offset`), from their tokens when already parsed."""
    if tokens is None:
        tokens = _MD.parse("\n".join(lines))
    out: list[Block] = []
    i = 0
    in_item = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        elif tok.type == "heading_open":
            text = clean(plain(tokens[i + 1].children or []))
            if text:
                out.append(Block("heading", text, offset + _start(tok)))
        elif tok.type == "paragraph_open":
            kind: ParagraphKind = "item" if in_item else "text"
            out.extend(_paragraph(tokens[i + 1], lines, kind, _start(tok), offset, one_per_line))
        elif tok.type == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            table, rest = _table(tokens[i:end + 1], lines, _caption(out), offset)
            out.append(table)
            if rest is not None:
                # GitHub tables run on to the next blank line; in a file without blank lines the
                # lines after the last `|` row are paragraphs, read again from there.
                stop = (tok.map or (0, 0))[1]
                out.extend(_read(lines[rest:stop], offset + rest, one_per_line))
            i = end
        i += 1
    return out


def _start(tok: Token) -> int:
    return tok.map[0] if tok.map else 0


def _paragraph(inline: Token, lines: list[str], kind: ParagraphKind, start: int,
               offset: int, one_per_line: bool) -> Iterator[Block]:
    rendered = [clean(one) for one in _lines(inline.children or [])]
    source = lines[start:start + len(rendered)]
    runs: list[list[int]] = [[0]]
    for i in range(1, len(rendered)):
        if not one_per_line and _wraps(rendered[i - 1], source[i - 1] if i - 1 < len(source) else "",
                                       rendered[i]):
            runs[-1].append(i)
        else:
            runs.append([i])
    for n, run in enumerate(runs):
        text = " ".join(rendered[i] for i in run if rendered[i])
        if not text:
            continue
        # In a list item only the first run is the item; lines standing apart after it are paragraphs.
        this: ParagraphKind = kind if n == 0 or kind != "item" else "text"
        yield Block(_heading_or(this, text, alone=len(run) == 1), text, offset + start + run[0])


def _wraps(line: str, raw: str, following: str) -> bool:
    """Whether a line break inside a CommonMark paragraph is a soft wrap (the lines join) or,
    as in a plain text file with one paragraph per line, a paragraph break.

    A line that ends a sentence (not an abbreviation such as "U.S.") stands on its own; so does
    a short one (a label, a caption, a heading) unless the next line runs on in lower case: wrapped text
    fills its lines to the editor's width (60-100 characters; 50 leaves headroom), and a line
    longer than any such width was written whole. Breaking where a sentence ends never cuts
    one, so the rule errs that way."""
    if not line or not following:
        return False
    ends = bool(_ENDS_SENTENCE.search(line)) and not ABBREVIATION.search(line)
    if ends or len(raw.strip()) > _WRAP_WIDTH:
        return False
    width = len(raw.strip())
    return width >= _WRAP_MIN or (following[0].islower() and width >= _RUN_ON_MIN)


def _heading_or(kind: ParagraphKind, text: str, alone: bool) -> ParagraphKind:
    return "heading" if alone and kind == "text" and _reads_as_heading(text) else kind


def _reads_as_heading(text: str) -> bool:
    """A line of its own that reads as a title: short, in title case, without a sentence's
    punctuation. "Key Takeaways" and "What This Means Going Forward" are; a sentence that lost
    its full stop ("Police said the road was closed") is not, since prose is not in title case."""
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or _ENDS_SENTENCE.search(text) or "," in text:
        return False
    letters = [w for w in (w.strip("\"'“”‘’()[]-–—&.") for w in words) if w and w[0].isalpha()]
    if not letters:
        return False
    return all(w[0].isupper() or w.lower() in _MINOR_WORDS for w in letters) and letters[0][0].isupper()


def _caption(blocks: list[Block]) -> str:
    """A table's caption: the block just before it when that is a heading or ends with a colon."""
    if blocks and (blocks[-1].kind == "heading" or blocks[-1].text.endswith(":")):
        return blocks[-1].text
    return ""


def _table(tokens: list[Token], lines: list[str], caption: str, offset: int) -> tuple[Block, int | None]:
    """The table, and the line where its `|` rows stop early (None when they run to its end)."""
    rows: list[list[str]] = []
    rest = None
    for tok in tokens:
        if tok.type == "tr_open":
            if tok.map and not lines[tok.map[0]].lstrip().startswith("|") and rows:
                rest = tok.map[0]
                break
            rows.append([])
        elif tok.type == "inline" and rows:
            rows[-1].append(clean(plain(tok.children or [])))
    header, body_rows = (rows[0] if rows else []), rows[1:]
    start, end = tokens[0].map or (0, 0)
    end = rest if rest is not None else end
    width = len(header)
    body = tuple(tuple((r + [""] * width)[:width]) for r in body_rows)
    raw = "\n".join(line.strip() for line in lines[start:end])
    return Block("table", raw, offset + start, Table(caption, tuple(header), body)), rest


def _lines(children: list[Token]) -> list[str]:
    """The text of an inline run, split where the source breaks the line."""
    out = [""]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            out.append("")
        else:
            out[-1] += _piece(child)
    return out


def plain(children: list[Token]) -> str:
    """The text an inline run reads as: emphasis, links and code marks dropped, words kept."""
    return " ".join(_lines(children))


def _piece(child: Token) -> str:
    if child.type in ("text", "code_inline"):
        return child.content
    if child.type == "image":
        return plain(child.children or [])  # its alt text
    return ""


def clean(text: str) -> str:
    """Normalise Unicode and drop control characters; the words stay as published."""
    text = unicodedata.normalize("NFC", text)
    # Joiners stay: emoji sequences and several scripts need them. Bidi overrides and other
    # format characters go, so that no text can display in an order other than it reads.
    if not text.isprintable():  # printable text has no control or format character: most lines
        text = "".join(ch for ch in text if ch in "\t\u200c\u200d" or unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())
