"""What the page templates print, computed here: dates as text, citation labels and links, the
article blocks as HTML, the relation graph. Templates stay free of logic beyond loops.

Citations are reference-style links, `[Outlet, Mar 2026][article#p2-s1]`, one a line, with the
definitions (address and quoted sentence, the link's tooltip) gathered at the page's end
(`Views.definitions`): a page's source reads as prose, and a sentence cited twice on a page is
defined once.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from .escaping import anchor_id, html_text, link_title, md, mermaid_label
from .furniture import label as furniture_label
from .model import Article, Briefing, DateValue, Event, Paragraph, PartialDate, SourceRef, Table
from .site import NO_SEARCH

TITLE_WORDS = 3  # words of a title that name an article without an outlet in a citation
# At most this many words of a title tell apart articles that would share a label; past them
# the article's id does, so that a label stays short enough to read beside a sentence (ten
# words of a headline are about 60 characters; titles that agree for ten words are the same
# story's versions, which the id tells apart better). tests/test_readable_pages.py checks it.
LABEL_WORDS = 10
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
# Sources of one item shown with their label and the quote as a tooltip; the others follow as
# numbered links straight to their sentences, so that an event reported by hundreds of articles
# costs tens of bytes per further source rather than hundreds.
FULL_CITES = 5
# Numbered links one list shows at most; an item reported by thousands of articles would
# otherwise carry thousands (a megabyte on the most named player's page). The rest are counted
# and left to briefing.json, which lists every source.
MORE_LINKS = 45
# Where one citation, link or item of a list ends a line in a page's source.
BREAK = "\n"


# --- links --------------------------------------------------------------------------------

def page_link(path: str, root: str, anchor: str = "") -> str:
    """A link from a page `root` levels deep (`""` or `"../"`) to `path` under docs/."""
    target = root + _quoted_path(path)
    return f"{target}#{_quoted(anchor)}" if anchor else target


@lru_cache(maxsize=1 << 16)  # a large briefing links the same pages and anchors many times
def _quoted_path(path: str) -> str:
    return "/".join(quote(part) for part in path.split("/"))


_quoted = lru_cache(maxsize=1 << 16)(quote)


# --- dates --------------------------------------------------------------------------------

def date_text(d: PartialDate, short: bool = False) -> str:
    """`27 February 2026`, `February 2026` or `2026` (months abbreviated when short)."""
    if d.month is None:
        return str(d.year)
    month = MONTHS[d.month - 1][:3] if short else MONTHS[d.month - 1]
    return f"{d.day} {month} {d.year}" if d.day else f"{month} {d.year}"


def date_value_text(v: DateValue, short: bool = False) -> str:
    """A date at its precision; an interval as `February – March 2026`."""
    if v.end is None:
        return date_text(v.start, short)
    s, e = v.start, v.end
    if s.year == e.year and s.month and e.month and not s.day and not e.day:
        return f"{date_text(PartialDate(s.year, s.month), short).rsplit(' ', 1)[0]} – {date_text(e, short)}"
    if s.year == e.year and s.month == e.month and s.day and e.day:
        return f"{s.day} – {date_text(e, short)}"
    return f"{date_text(s, short)} – {date_text(e, short)}"


def how_text(v: DateValue) -> str:
    """Say how a date was obtained, with the expression it came from."""
    expr = " ".join(v.expression.split())
    if v.how == "resolved":
        return f"resolved from “{expr}”" if expr else "resolved against the publication date"
    if v.how == "inferred":
        return f"inferred from “{expr}”" if expr else "inferred"
    return f"stated as “{expr}”" if expr else "stated"


def published_text(a: Article) -> str:
    return date_text(a.published) if a.published else "date unknown"


# --- citation labels ----------------------------------------------------------------------

def source_labels(articles: Sequence[Article]) -> dict[str, str]:
    """A label for each article, different for different articles: `Outlet, 6 Mar 2026`, or
    without an outlet the title's first words. Articles that would share a label show more of
    their titles until they differ, and their ids when even the titles are the same; the same
    corpus gives the same labels, and an article's label changes only when another comes to
    share it."""
    words = {a.id: a.title.split() for a in articles}
    shown = {a.id: 0 if a.outlet else TITLE_WORDS for a in articles}

    def label(a: Article, with_id: bool = False) -> str:
        title = words[a.id][:shown[a.id]]
        more = "…" if len(words[a.id]) > shown[a.id] else ""
        head = " ".join(title) + more
        name = f"{a.outlet}, “{head}”" if a.outlet and title else (a.outlet or head or a.id)
        if with_id:
            name += f" ({a.id})"
        return f"{name}, {date_text(a.published, short=True)}" if a.published else name

    while True:
        groups: dict[str, list[Article]] = defaultdict(list)
        for a in articles:
            groups[label(a)].append(a)
        clashing = {a.id for group in groups.values() if len(group) > 1 for a in group}
        grown = [a for a in articles
                 if a.id in clashing and shown[a.id] < min(len(words[a.id]), LABEL_WORDS)]
        if not grown:
            break
        for a in grown:
            shown[a.id] += 1
    return {a.id: label(a, a.id in clashing) for a in articles}


# --- view objects -------------------------------------------------------------------------

@dataclass(frozen=True)
class Cite:
    """A citation: its label and the reference it links through (defined at the page's end)."""

    label: str
    ref: str

    def link(self) -> str:
        return f"[{md(self.label)}][{self.ref}]"

    def __html__(self) -> Markup:
        return Markup(f"<span {NO_SEARCH}>{self.link()}</span>")


@dataclass(frozen=True)
class DateGroup:
    key: str
    anchor: str
    label: str
    precision: str
    events: tuple[Event, ...]


class Views:
    """Look-ups and link builders shared by every template; `start_page` before each page, and
    `definitions` for its end."""

    def __init__(self, b: Briefing) -> None:
        self.b = b
        self.articles = {a.id: a for a in b.articles}
        self.players = {p.id: p for p in b.players}
        self.labels = source_labels(b.articles)
        self.issues: dict[str, str] = {}
        for i in b.issues:
            self.issues.setdefault(i.id, i.name)
        self.event_page: dict[str, str] = {}  # event id -> timeline page, when it is split
        # this page's references: id -> (sort key, address, quote)
        self._refs: dict[str, tuple[tuple[str, int, int, int], str, str]] = {}
        self._quoted: dict[tuple[str, str, str], str] = {}  # (article, anchor, quote) -> id
        self._variants: dict[tuple[str, str], int] = {}  # quotes seen of one sentence

    def start_page(self) -> None:
        self._refs = {}
        self._quoted = {}
        self._variants = {}

    def definitions(self) -> str:
        """The reference definitions of the citations on this page, in the order of the articles'
        ids and sentences, each with its sentence on the next line as the link's title."""
        lines = []
        for ref_id, (_, href, title) in sorted(self._refs.items(), key=lambda item: item[1][0]):
            lines.append(f"[{ref_id}]: {href}\n    \"{link_title(title)}\"")
        return "\n".join(lines)

    def source_label(self, article_id: str) -> str:
        """`Outlet, 6 Mar 2026`, unique among the briefing's articles (see source_labels)."""
        return self.labels.get(article_id, article_id)

    def _reference(self, ref: SourceRef, root: str) -> str:
        """The id of the reference to `ref`'s sentence on this page, defined once per sentence:
        `article#p2-s1` (Python-Markdown takes any text but brackets; ids are lower case)."""
        key = (ref.article, ref.anchor, ref.quote)
        if key not in self._quoted:
            base = f"{ref.article}#{ref.anchor}"
            same = self._variants.get(key[:2], 0)  # another quote of the same sentence: rare
            self._variants[key[:2]] = same + 1
            ref_id = base if not same else f"{base}-{same + 1}"
            self._quoted[key] = ref_id
            self._refs[ref_id] = ((ref.article, ref.paragraph, ref.sentence, same),
                                  self.sentence_href(ref, root), ref.quote)
        return self._quoted[key]

    def cite(self, ref: SourceRef, root: str, label: str | None = None) -> Cite:
        return Cite(label or self.source_label(ref.article), self._reference(ref, root))

    def cites(self, refs: Iterable[SourceRef], root: str) -> Markup:
        """Citations, one per source sentence and one a line, in a stable order: the first
        `FULL_CITES` named and quoted, the next MORE_LINKS as numbered links to their sentences,
        the rest counted."""
        seen: list[SourceRef] = sorted(set(refs), key=lambda r: (r.article, r.paragraph, r.sentence, r.quote))
        links = []
        for i, r in enumerate(seen[:FULL_CITES]):
            # a second sentence of the same article is named by its paragraph only
            again = i > 0 and seen[i - 1].article == r.article
            links.append(self.cite(r, root, f"¶{r.paragraph}" if again else None).link())
        text = ("," + BREAK).join(links)
        rest = seen[FULL_CITES:]
        if rest:
            text += f" and {len(rest):,} more:" + BREAK + self.numbered(
                rest, lambda r: self.sentence_href(r, root), FULL_CITES + 1, root)
        return Markup(f"<span {NO_SEARCH}>{text}</span>")

    @staticmethod
    def by_text(items: Iterable[Any]) -> list[tuple[str, list[SourceRef]]]:
        """Quotes, stances or roles with the same words as one entry with all their sources, in
        the order of their first appearance: the same quote reported by many articles is shown
        once, not once per article."""
        groups: dict[str, tuple[str, list[SourceRef]]] = {}
        for item in items:
            key = " ".join(str(item.text).split())
            groups.setdefault(key, (item.text, []))[1].append(item.source)
        return list(groups.values())

    def sentence_href(self, ref: SourceRef, root: str) -> str:
        return page_link(f"sources/{ref.article}.md", root, ref.anchor)

    @staticmethod
    def numbered(targets: Sequence[Any], href: Callable[[Any], str], start: int, root: str) -> str:
        """Short links numbered from `start`, one a line: `[5](…)`; past MORE_LINKS of them, how
        many more briefing.json lists."""
        text = BREAK.join(f"[{start + i}]({href(t)})" for i, t in enumerate(targets[:MORE_LINKS]))
        if len(targets) > MORE_LINKS:
            text += (f" and {len(targets) - MORE_LINKS:,} others, listed in"
                     f"{BREAK}[briefing.json]({page_link('briefing.json', root)})")
        return text

    def more_mentions(self, refs: Sequence[SourceRef], root: str, start: int) -> Markup:
        """Further mentions as numbered links to their sentences."""
        return Markup(self.numbered(refs, lambda r: self.sentence_href(r, root), start, root))

    def more_articles(self, article_ids: Sequence[str], root: str, start: int) -> Markup:
        """Further articles as numbered links to their pages."""
        return Markup(self.numbered(article_ids, lambda a: page_link(f"sources/{a}.md", root), start, root))

    def event_href(self, e: Event, root: str) -> Markup:
        """Where an event is shown: the timeline, or the page of its period when it is split."""
        return Markup(page_link(self.event_page.get(e.id, "timeline.md"), root, anchor_id(e.id)))

    def more_events(self, events: Sequence[Event], root: str) -> Markup:
        """Further events as links to the timeline, labelled with their short dates, one a line."""
        return Markup((" ·" + BREAK).join(
            f"[{md(date_value_text(e.date, short=True)) if e.date else 'undated'}]"
            f"({self.event_href(e, root)})" for e in events))

    def player_link(self, player_id: str, root: str) -> Markup:
        p = self.players.get(player_id)
        if p is None:
            return md(player_id)
        if not p.listed:  # named too rarely for a page: the players page lists it under "Also named"
            return md(p.name)
        return Markup(f"[{md(p.name)}]({page_link(f'players/{p.id}.md', root)})")

    def issue_name(self, issue_id: str) -> str:
        return self.issues.get(issue_id, issue_id)

    def article_link(self, article_id: str, root: str) -> Markup:
        a = self.articles.get(article_id)
        title = a.title if a else article_id
        return Markup(f"[{md(title)}]({page_link(f'sources/{article_id}.md', root)})")


def group_by_date(events: Sequence[Event]) -> list[DateGroup]:
    """Group dated events by their date as given (same start, end and precision)."""
    groups: dict[str, list[Event]] = {}
    for e in sorted(events, key=event_key):
        assert e.date is not None
        groups.setdefault(e.date.iso(), []).append(e)
    out = []
    for key, items in groups.items():
        d = items[0].date
        assert d is not None
        out.append(DateGroup(key, "d-" + key.replace("/", "--"), date_value_text(d), d.precision,
                             tuple(items)))
    return out


def event_key(e: Event) -> tuple[Any, ...]:
    if e.date is None:
        return (1, "", "", e.id)
    first, last = e.date.sort_key()
    return (0, first.isoformat(), last.isoformat(), e.id)


# --- article text as HTML -----------------------------------------------------------------

def paragraph_html(p: Paragraph, cited: Container[tuple[int, int]]) -> str:
    """One article block as raw HTML, text escaped: `pN` on the block, and `pN-sM` on each of its
    sentences that is `cited` (as (N, M)). Only those: ids on every sentence of ten thousand
    articles add megabytes to the site, and the source pages send an address naming another
    sentence to its paragraph (templates/theme/briefing-lean.html)."""
    pid = f"p{p.index}"
    if p.kind == "table" and p.table is not None:
        return table_html(p.table, pid)
    text = " ".join(p.text.split("\n"))
    # Each sentence starts a line of the page's source, in place of the space before it (the
    # same to a browser), so that a reviewer reads an article's page a sentence a line.
    breaks = {s.start - 1 for s in p.sentences if 0 < s.start <= len(text) and text[s.start - 1] == " "}

    def plain(start: int, end: int) -> str:
        chars = list(text[start:end])
        for at in breaks:
            if start <= at < end:
                chars[at - start] = "\n"
        return html_text("".join(chars))

    parts: list[str] = []
    pos = 0
    for s in sorted(p.sentences, key=lambda s: s.start):
        if (p.index, s.index) not in cited:
            continue
        if s.start < pos or s.end > len(text) or s.end <= s.start:
            continue  # offsets that do not fit the text: show it plain rather than garbled
        parts.append(plain(pos, s.start))
        # a bare span with an id: CSS finds sentences as `.briefing-source span[id]`
        parts.append(f'<span id="{pid}-s{s.index}">{html_text(text[s.start:s.end])}</span>')
        pos = s.end
    parts.append(plain(pos, len(text)))
    body = "".join(parts)
    if p.furniture:
        # Kept as published, but set apart: not the article's reporting, and cited by nothing.
        what = furniture_label(p.furniture)
        return (f'<p class="briefing-furniture" id="{pid}" data-search-exclude="" title="Page furniture, '
                f'not the article\'s reporting: {html_text(what)}"><span class="briefing-furniture-kind">'
                f'{html_text(what)}</span> {body}</p>')
    if p.kind == "heading":
        return f'<p class="briefing-heading" id="{pid}"><strong>{body}</strong></p>'
    if p.kind == "item":
        return f'<p class="briefing-item" id="{pid}">{body}</p>'
    return f'<p id="{pid}">{body}</p>'


def table_html(t: Table, pid: str) -> str:
    """A table from an article as raw HTML, every cell escaped; its caption is the block before."""
    rows = ["<table>"]
    rows.append("<thead><tr>" + "".join(f"<th>{html_text(c)}</th>" for c in t.header) + "</tr></thead>")
    rows.append("<tbody>")
    for row in t.rows:
        rows.append("<tr>" + "".join(f"<td>{html_text(c)}</td>" for c in row) + "</tr>")
    rows.append("</tbody></table>")
    return f'<div class="briefing-table" id="{pid}">' + "\n".join(rows) + "</div>"  # a row a line


def article_table(t: Table) -> Markup:
    """A table from an article for a page of the briefing: raw HTML, every cell escaped and on a
    line of its own, so that no line of the page's source grows with the table's width."""
    width = max(len(t.header), 1)
    lines = ["<table>", "<thead>", "<tr>"]
    lines += [f"<th>{html_text(' '.join(c.split()))}</th>" for c in (list(t.header) + [""] * width)[:width]]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for row in t.rows:
        cells = (list(row) + [""] * width)[:width]
        lines += ["<tr>", *(f"<td>{html_text(' '.join(c.split()))}</td>" for c in cells), "</tr>"]
    lines += ["</tbody>", "</table>"]
    return Markup("\n".join(lines))


# --- the relation graph -------------------------------------------------------------------

def relation_graph(b: Briefing) -> str:
    """A Mermaid flowchart of the relations, nodes numbered in order of the players list."""
    rank = ranks(b)
    ids = sorted({r.subject for r in b.relations} | {r.object for r in b.relations},
                 key=lambda pid: (rank.get(pid, len(b.players)), pid))
    node = {pid: f"n{i + 1}" for i, pid in enumerate(ids)}
    names = {p.id: p.name for p in b.players}
    lines = ["graph LR"]
    for pid in ids:
        lines.append(f"  {node[pid]}[{mermaid_label(names.get(pid, pid))}]")
    for r in sorted(b.relations, key=lambda r: (rank.get(r.subject, len(b.players)), r.subject, r.verb,
                                                r.object)):
        lines.append(f"  {node[r.subject]} -->|{mermaid_label(r.verb)}| {node[r.object]}")
    return "\n".join(lines)


def ranks(b: Briefing) -> dict[str, int]:
    """Each player's place in the players list (ranked by importance); look up unknown ids as last."""
    out: dict[str, int] = {}
    for i, p in enumerate(b.players):
        out.setdefault(p.id, i)
    return out
