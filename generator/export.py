"""`briefing.json`: the whole briefing for machines, in a stable, documented shape.

The fields that `../shared/eval/score.py` reads (players[].name/aliases/kind/role,
events[].date/summary/sources[{article, quote}], disagreements[].topic/claims[].value/sources,
questions[].text/sources) are part of the contract; the rest is ours and versioned by
`format`. `players[]` holds every player, ranked: the key players (`listed`, each with a page)
first, then those named too rarely for a page of their own (`listed: false`).

A source is {article, paragraph, sentence, quote}: sentence 0 stands for the whole paragraph
(a table). On the site it is the anchor p<paragraph>-s<sentence> (p<paragraph> for sentence 0)
on the article's source page, docs/sources/<article>.md. Format 1 also wrote that anchor into
every source; format 2 leaves it out, as it made about 6 % of a large briefing's file.
"""
from __future__ import annotations

import json
from typing import Any

from . import __version__
from .model import (Agreement, Article, ArticleTable, Briefing, CitedOutlet, Claim, DateValue, Disagreement,
                    Event, Issue, Player, Position, Question, Relation, Series, SourceRef, Statement)

FORMAT = 2


def to_json(briefing: Briefing) -> str:
    return json_text(to_data(briefing))


def json_text(data: dict[str, Any]) -> str:
    """`to_data`'s result serialised deterministically: sorted keys, one top-level field or list
    item per line (a diff then shows which items changed, without the indentation that made a
    large briefing's file a fifth larger), one trailing newline.

    <, > and & are written as \\u escapes, so the file stays inert even if inlined in a page."""
    lines = ["{"]
    for n, key in enumerate(sorted(data)):
        value, comma = data[key], "," if n < len(data) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"{_compact(key)}: [")
            lines.extend(_compact(item) + ("," if m < len(value) - 1 else "") for m, item in enumerate(value))
            lines.append("]" + comma)
        else:
            lines.append(f"{_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    text = "\n".join(lines)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_data(b: Briefing) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "generator": f"briefing {__version__}",
        "story": {"title": b.story.title, "scope": b.story.scope,
                  **({"generated": True} if b.story.generated else {})},
        "as_of": b.as_of.iso() if b.as_of else None,
        "articles": [article(a) for a in b.articles],
        "players": [player(p) for p in b.players],
        "events": [event(e) for e in b.events],
        "issues": [issue(i) for i in b.issues],
        "positions": [position(p) for p in b.positions],
        "disagreements": [disagreement(d) for d in b.disagreements],
        "agreements": [agreement(a) for a in b.agreements],
        "tables": [table(t) for t in b.tables],
        "questions": [question(q) for q in b.questions],
        "outlets_cited": [outlet(o) for o in b.outlets_cited],
        "relations": [relation(r) for r in b.relations],
        "series": [series(s) for s in b.series],
        "notes": list(b.notes),
    }


def source(ref: SourceRef) -> dict[str, Any]:
    return {"article": ref.article, "paragraph": ref.paragraph, "sentence": ref.sentence,
            "quote": ref.quote}


def sources(refs: tuple[SourceRef, ...]) -> list[dict[str, Any]]:
    return [source(r) for r in refs]


def statement(s: Statement) -> dict[str, Any]:
    return {"text": s.text, "source": source(s.source)}


def date(d: DateValue | None) -> str | None:
    return d.iso() if d else None


def article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "path": a.path, "title": a.title, "outlet": a.outlet, "url": a.url,
        "published": a.published.iso() if a.published else None, "author": a.author,
        "language": a.language, "inferred": dict(a.inferred),
        "paragraphs": len(a.paragraphs), "sha256": a.sha256,
    }


def player(p: Player) -> dict[str, Any]:
    return {
        "id": p.id, "name": p.name, "kind": p.kind, "aliases": list(p.aliases), "role": p.role,
        "roles": [{"text": r.text, "source": source(r.source)} for r in p.roles],
        "stances": [statement(s) for s in p.stances],
        "quotes": [{"text": q.text, "source": source(q.source)} for q in p.quotes],
        "articles": list(p.articles), "mentions": p.mentions, "score": round(p.score, 6),
        "sources": sources(p.sources), "edited": list(p.edited), "listed": p.listed,
    }


def event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "date": date(e.date),
        "date_precision": e.date.precision if e.date else None,
        "date_how": e.date.how if e.date else None,
        "date_expression": e.date.expression if e.date else None,
        "summary": e.summary, "sources": sources(e.sources), "players": list(e.players),
    }


def issue(i: Issue) -> dict[str, Any]:
    return {"id": i.id, "name": i.name}


def position(p: Position) -> dict[str, Any]:
    return {"party": p.party, "issue": p.issue, "text": p.text, "sources": sources(p.sources)}


def disagreement(d: Disagreement) -> dict[str, Any]:
    return {"id": d.id, "topic": d.topic, "settled": d.settled,
            "claims": [claim(c) for c in d.claims]}


def claim(c: Claim) -> dict[str, Any]:
    out = {"value": c.value, "sources": sources(c.sources)}
    if c.by:  # who gives the version, when the article names them; absent otherwise
        out["by"] = c.by
    return out


def agreement(a: Agreement) -> dict[str, Any]:
    return {"id": a.id, "topic": a.topic, "value": a.value, "sources": sources(a.sources)}


def table(t: ArticleTable) -> dict[str, Any]:
    return {"id": t.id, "caption": t.table.caption, "header": list(t.table.header),
            "rows": [list(r) for r in t.table.rows], "source": source(t.source)}


def question(q: Question) -> dict[str, Any]:
    return {"id": q.id, "text": q.text, "kind": q.kind, "sources": sources(q.sources),
            "answer": statement(q.answer) if q.answer else None}


def outlet(o: CitedOutlet) -> dict[str, Any]:
    return {"name": o.name, "sources": sources(o.sources)}


def relation(r: Relation) -> dict[str, Any]:
    return {"subject": r.subject, "verb": r.verb, "object": r.object, "sources": sources(r.sources)}


def series(s: Series) -> dict[str, Any]:
    """A count over time: its points oldest first, each with its date as `events[].date` gives one."""
    return {"id": s.id, "measure": s.measure, "place": s.place,
            "points": [{"date": p.date.iso(), "date_precision": p.date.precision, "date_how": p.date.how,
                        "value": p.value, "low": p.low, "high": p.high, "sources": sources(p.sources)}
                       for p in s.points]}
