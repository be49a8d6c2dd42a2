"""`briefing diff`: what changed between two `briefing.json` files, and the What's new page.

Both read only the published shape (`generator/export.py`), so an old file from an earlier
release compares with a new one. Items are matched by id first, then by their text, so an
entry whose id changed is not reported as removed and added. Output is deterministic: every
list is sorted by an explicit key.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .escaping import md, one_line

Item = dict[str, Any]
T = TypeVar("T")
_Two = tuple[tuple[T, ...], tuple[T, ...]]  # a kind's changes: added, removed...
_Three = tuple[tuple[T, ...], tuple[T, ...], tuple[T, ...]]
MAX_ITEMS = 60  # per list in the Markdown: a pull-request comment has to stay readable
MAX_TEXT = 240  # characters of a quote or summary shown before it is cut with "…"


@dataclass(frozen=True, slots=True)
class ArticleChange:
    id: str
    title: str
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class PlayerChange:
    name: str
    kind: str | None = None
    role: str | None = None  # the role shown now
    old_role: str | None = None  # the role shown before (role changes only)
    new_roles: tuple[str, ...] = ()  # role texts the articles now give that they did not before


@dataclass(frozen=True, slots=True)
class EventChange:
    summary: str
    date: str | None
    old_date: str | None = None  # re-dated events only


@dataclass(frozen=True, slots=True)
class DisagreementChange:
    topic: str
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class QuestionChange:
    text: str
    answer: str | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that differs, by kind; each tuple sorted for output."""

    articles_added: tuple[ArticleChange, ...] = ()
    articles_revised: tuple[ArticleChange, ...] = ()  # same id, different text
    articles_removed: tuple[ArticleChange, ...] = ()
    players_added: tuple[PlayerChange, ...] = ()
    players_changed: tuple[PlayerChange, ...] = ()  # role shown changed, or new roles given
    players_removed: tuple[PlayerChange, ...] = ()
    events_added: tuple[EventChange, ...] = ()
    events_redated: tuple[EventChange, ...] = ()
    events_removed: tuple[EventChange, ...] = ()
    disagreements_opened: tuple[DisagreementChange, ...] = ()
    disagreements_settled: tuple[DisagreementChange, ...] = ()  # marked settled, or no longer listed
    questions_opened: tuple[QuestionChange, ...] = ()
    questions_answered: tuple[QuestionChange, ...] = ()
    questions_dropped: tuple[QuestionChange, ...] = ()
    old_as_of: str | None = field(default=None, compare=False)
    new_as_of: str | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in _LISTS)


_LISTS = ("articles_added", "articles_revised", "articles_removed", "players_added", "players_changed",
          "players_removed", "events_added", "events_redated", "events_removed", "disagreements_opened",
          "disagreements_settled", "questions_opened", "questions_answered", "questions_dropped")


def diff_briefings(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """Compare two briefing.json objects (as loaded with json.load)."""
    articles = _diff_articles(_items(old, "articles"), _items(new, "articles"))
    # the key players only: one named once more or less is no news (format 1 had no `listed`)
    players = _diff_players([p for p in _items(old, "players") if p.get("listed", True) is not False],
                            [p for p in _items(new, "players") if p.get("listed", True) is not False])
    events = _diff_events(_items(old, "events"), _items(new, "events"))
    disagreements = _diff_disagreements(_items(old, "disagreements"), _items(new, "disagreements"))
    questions = _diff_questions(_items(old, "questions"), _items(new, "questions"))
    return Changes(*articles, *players, *events, *disagreements, *questions,
                   old_as_of=_str(old.get("as_of")), new_as_of=_str(new.get("as_of")))


# --- matching --------------------------------------------------------------------------------

def _items(data: dict[str, Any], key: str) -> list[Item]:
    value = data.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _norm(text: Any) -> str:
    return " ".join(re.findall(r"\w+", str(text or "").casefold()))


def _match(old: list[Item], new: list[Item], keys: Iterable[Callable[[Item], Any]]
           ) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pair old and new items on the first key that both have (id, then text...).

    Returns (pairs, only in old, only in new), each in input order.
    """
    pairs: list[tuple[Item, Item]] = []
    left, right = list(old), list(new)
    for key in keys:
        index: dict[Any, int] = {}
        for i, item in enumerate(right):
            for k in _keys(key(item)):
                index.setdefault(k, i)
        used: set[int] = set()
        still: list[Item] = []
        for item in left:
            hit = next((index[k] for k in _keys(key(item)) if k in index and index[k] not in used), None)
            if hit is None:
                still.append(item)
            else:
                used.add(hit)
                pairs.append((item, right[hit]))
        left = still
        right = [item for i, item in enumerate(right) if i not in used]
    return pairs, left, right


def _keys(value: Any) -> list[Any]:
    """A key function may give one key or several (a set of source sentences)."""
    if value is None or value == "" or value == frozenset():
        return []
    if isinstance(value, frozenset):
        return sorted(value)
    return [value]


def _id(item: Item) -> Any:
    return _str(item.get("id"))


def _source_keys(item: Item) -> frozenset[tuple[str, int, int]]:
    out = set()
    for s in item.get("sources") or []:
        if isinstance(s, dict) and isinstance(s.get("article"), str):
            out.add((s["article"], int(s.get("paragraph") or 0), int(s.get("sentence") or 0)))
    return frozenset(out)


# --- per kind --------------------------------------------------------------------------------

def _article(a: Item) -> ArticleChange:
    return ArticleChange(str(a.get("id") or ""), str(a.get("title") or ""), _str(a.get("outlet")),
                         _str(a.get("published")))


def _article_order(a: ArticleChange) -> tuple[str, str]:
    return (a.published or "", a.id)


def _diff_articles(old: list[Item], new: list[Item]) -> _Three[ArticleChange]:
    pairs, gone, added = _match(old, new, [_id])
    revised = [b for a, b in pairs if a.get("sha256") != b.get("sha256")]
    return (tuple(sorted(map(_article, added), key=_article_order)),
            tuple(sorted(map(_article, revised), key=_article_order)),
            tuple(sorted(map(_article, gone), key=_article_order)))


def _role_texts(p: Item) -> list[str]:
    out = []
    for r in p.get("roles") or []:
        text = r.get("text") if isinstance(r, dict) else None
        if isinstance(text, str) and text not in out:
            out.append(text)
    return out


def _player(p: Item) -> PlayerChange:
    return PlayerChange(str(p.get("name") or p.get("id") or ""), _str(p.get("kind")), _str(p.get("role")))


def _diff_players(old: list[Item], new: list[Item]) -> _Three[PlayerChange]:
    pairs, gone, added = _match(old, new, [_id, lambda p: _norm(p.get("name"))])
    changed = []
    for a, b in pairs:
        old_role, new_role = _str(a.get("role")), _str(b.get("role"))
        known = {_norm(t) for t in _role_texts(a)} | {_norm(old_role)}
        fresh = tuple(t for t in _role_texts(b) if _norm(t) not in known and t != new_role)
        if _norm(old_role) != _norm(new_role) or fresh:
            changed.append(PlayerChange(str(b.get("name") or ""), _str(b.get("kind")), new_role,
                                        old_role, fresh))
    return (tuple(sorted(map(_player, added), key=lambda p: p.name.casefold())),
            tuple(sorted(changed, key=lambda p: p.name.casefold())),
            tuple(sorted(map(_player, gone), key=lambda p: p.name.casefold())))


def _event(e: Item, old_date: str | None = None) -> EventChange:
    return EventChange(str(e.get("summary") or ""), _str(e.get("date")), old_date)


def _event_order(e: EventChange) -> tuple[int, str, str]:
    return (0 if e.date else 1, e.date or "", e.summary.casefold())


def _diff_events(old: list[Item], new: list[Item]) -> _Three[EventChange]:
    pairs, gone, added = _match(old, new, [_id, lambda e: _norm(e.get("summary")), _source_keys])
    redated = [_event(b, _str(a.get("date")) or "undated") for a, b in pairs
               if _str(a.get("date")) != _str(b.get("date"))]
    return (tuple(sorted(map(_event, added), key=_event_order)),
            tuple(sorted(redated, key=_event_order)),
            tuple(sorted(map(_event, gone), key=_event_order)))


def _disagreement(d: Item) -> DisagreementChange:
    claims = tuple(str(c.get("value")) for c in d.get("claims") or [] if isinstance(c, dict))
    return DisagreementChange(str(d.get("topic") or ""), claims)


def _diff_disagreements(old: list[Item], new: list[Item]) -> _Two[DisagreementChange]:
    old_open = [d for d in old if not d.get("settled")]
    new_open = [d for d in new if not d.get("settled")]
    pairs, closed, opened = _match(old_open, new_open, [_id, lambda d: _norm(d.get("topic"))])
    order: Callable[[DisagreementChange], str] = lambda d: d.topic.casefold()  # noqa: E731
    return (tuple(sorted(map(_disagreement, opened), key=order)),
            tuple(sorted(map(_disagreement, closed), key=order)))


def _answer(q: Item) -> str | None:
    answer = q.get("answer")
    return _str(answer.get("text")) if isinstance(answer, dict) else None


def _diff_questions(old: list[Item], new: list[Item]) -> _Three[QuestionChange]:
    pairs, gone, added = _match(old, new, [_id, lambda q: _norm(q.get("text"))])
    opened = [QuestionChange(str(q.get("text") or ""), _answer(q)) for q in added]
    answered = [QuestionChange(str(b.get("text") or ""), _answer(b)) for a, b in pairs
                if _answer(b) and not _answer(a)]
    dropped = [QuestionChange(str(q.get("text") or "")) for q in gone if not _answer(q)]
    order: Callable[[QuestionChange], str] = lambda q: q.text.casefold()  # noqa: E731
    return (tuple(sorted(opened, key=order)), tuple(sorted(answered, key=order)),
            tuple(sorted(dropped, key=order)))


# --- Markdown --------------------------------------------------------------------------------

def escape(text: str | None) -> str:
    """Text from articles made inert in Markdown (escaping.md: no links, emphasis, HTML or
    @-mentions, in the site's Markdown and GitHub's alike), shortened to MAX_TEXT."""
    line = one_line(text or "")
    if len(line) > MAX_TEXT:
        line = line[: MAX_TEXT - 1].rstrip() + "…"
    return str(md(line))


def summary_line(changes: Changes) -> str:
    """One sentence counting the changes, or "No changes."."""
    parts = []
    for name, one, many in (("articles_added", "new article", "new articles"),
                            ("players_added", "new player", "new players"),
                            ("players_changed", "changed role", "changed roles"),
                            ("events_added", "new event", "new events"),
                            ("events_redated", "re-dated event", "re-dated events"),
                            ("disagreements_opened", "new disagreement", "new disagreements"),
                            ("disagreements_settled", "settled disagreement", "settled disagreements"),
                            ("questions_opened", "new question", "new questions"),
                            ("questions_answered", "answered question", "answered questions")):
        n = len(getattr(changes, name))
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    if not parts:
        return "No changes." if changes.empty else "No new items; see the details below."
    return (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]) + "."


def changes_markdown(changes: Changes, *, heading_level: int = 2,
                     link: Callable[[str], str] | None = None) -> str:
    """The changes as Markdown: a summary line, then one section per kind that changed.

    `link(article_id)` may give a relative address for an article's source page (the site
    links them; a pull-request comment does not).
    """
    if changes.empty:
        return "No changes.\n"
    h = "#" * max(1, min(6, heading_level))
    out = [summary_line(changes), ""]

    def section(title: str, rows: list[str]) -> None:
        if not rows:
            return
        out.extend([f"{h} {title}", ""])
        shown = rows[:MAX_ITEMS]
        out.extend(shown)
        if len(rows) > len(shown):
            out.append(f"- … and {len(rows) - len(shown)} more")
        out.append("")

    def article(a: ArticleChange) -> str:
        title = f"[{escape(a.title)}]({link(a.id)})" if link else f"**{escape(a.title)}**"
        about = ", ".join(escape(x) for x in (a.outlet, a.published) if x)
        return f"{title}" + (f" ({about})" if about else "") + f" `{a.id}`"

    section("Articles", [f"- New: {article(a)}" for a in changes.articles_added]
            + [f"- Revised: {article(a)}" for a in changes.articles_revised]
            + [f"- Removed: {article(a)}" for a in changes.articles_removed])

    def player(p: PlayerChange) -> str:
        kind = f" ({p.kind})" if p.kind else ""
        role = f": {escape(p.role)}" if p.role else ""
        return f"**{escape(p.name)}**{kind}{role}"

    rows = [f"- New: {player(p)}" for p in changes.players_added]
    for p in changes.players_changed:
        if (p.old_role or "") != (p.role or ""):
            rows.append(f"- Role: **{escape(p.name)}**: {escape(p.old_role) or '(none)'} → "
                        f"{escape(p.role) or '(none)'}")
        for role in p.new_roles:
            rows.append(f"- New role given: **{escape(p.name)}**: {escape(role)}")
    rows += [f"- No longer listed: {player(p)}" for p in changes.players_removed]
    section("Players", rows)

    def when(date: str | None) -> str:
        return date or "undated"

    section("Timeline", [f"- New: {when(e.date)}: {escape(e.summary)}" for e in changes.events_added]
            + [f"- Re-dated: {when(e.old_date)} → {when(e.date)}: {escape(e.summary)}"
               for e in changes.events_redated]
            + [f"- No longer listed: {when(e.date)}: {escape(e.summary)}" for e in changes.events_removed])

    def claims(d: DisagreementChange) -> str:
        values = " / ".join(escape(c) for c in d.claims)
        return f"**{escape(d.topic)}**" + (f": {values}" if values else "")

    section("Disagreements", [f"- Opened: {claims(d)}" for d in changes.disagreements_opened]
            + [f"- Settled or no longer disputed: {claims(d)}" for d in changes.disagreements_settled])
    section("Open questions", [f"- Opened: {escape(q.text)}" for q in changes.questions_opened]
            + [f"- Answered: {escape(q.text)} Answer: {escape(q.answer)}" for q in changes.questions_answered]
            + [f"- No longer listed: {escape(q.text)}" for q in changes.questions_dropped])
    return "\n".join(out).rstrip("\n") + "\n"


FIRST_VERSION_ARTICLES = 25  # articles a first version's What's new lists, newest first


def whats_new_page(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """docs/whats-new.md: the changes since the previously published version, or, for the first
    version, what the briefing holds."""
    def link(article_id: str) -> str:
        return f"sources/{article_id}.md"

    out = ["<!-- Generated by briefing from briefing.json and the previously published one. "
           "Do not edit: changes are overwritten. -->", "", "# What's new", ""]
    as_of = _str(new.get("as_of"))
    if old is None:
        out.append("This is the first published version of the briefing"
                   + (f", as of {as_of}." if as_of else "."))
        out.append("")
        counts = [(len(_items(new, "articles")), "article", "articles"),
                  (len(_items(new, "players")), "player", "players"),
                  (len(_items(new, "events")), "timeline event", "timeline events"),
                  (len([d for d in _items(new, "disagreements") if not d.get("settled")]),
                   "disagreement", "disagreements"),
                  (len(_items(new, "questions")), "open question", "open questions")]
        out.append("It holds " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts[:-1])
                   + f" and {counts[-1][0]} {counts[-1][1] if counts[-1][0] == 1 else counts[-1][2]}.")
        articles = sorted(map(_article, _items(new, "articles")), key=_article_order)
        if articles:
            # The newest ones: every article is listed on the Sources page, and a page that
            # repeated that list would grow with the corpus (and into the search index).
            shown = articles[-FIRST_VERSION_ARTICLES:]
            out.extend(["", "## Latest articles" if len(shown) < len(articles) else "## Articles", ""])
            for a in shown:
                about = ", ".join(escape(x) for x in (a.outlet, a.published) if x)
                out.append(f"- [{escape(a.title)}]({link(a.id)})" + (f" ({about})" if about else ""))
            if len(shown) < len(articles):
                out.extend(["", f"All {len(articles)} articles are listed under [Sources](sources/index.md)."])
        return "\n".join(out) + "\n"
    changes = diff_briefings(old, new)
    before = _str(old.get("as_of"))
    out.append("Compared with the previously published version"
               + (f" (as of {before})" if before else "") + (f"; this version is as of {as_of}." if as_of else "."))
    out.append("")
    out.append(changes_markdown(changes, heading_level=2, link=link).rstrip("\n"))
    return "\n".join(out) + "\n"
