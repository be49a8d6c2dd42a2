"""An editor's curated corrections from corpus/briefing.yml, applied to the finished players
inside the players' corpus step (extract/players/combine.py), before other products refer to them.

Each correction names a player by its name or any alias, matched as extraction matches names
(`names.fold`: case, curly quotes, a leading "the", dots and a possessive aside). An edited player
records the edit in `Player.edited`; every edit, and every correction that matched nobody, is
returned as a note for the record.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TypeVar

from .config import Corrections
from .ids import unique_id
from .names import fold
from .slugs import slug
from .model import Player, Role

T = TypeVar("T")
Ids = dict[str, str | None]  # old player id -> new id, None when hidden


def apply_corrections(players: Sequence[Player], corrections: Corrections
                      ) -> tuple[list[Player], list[str], Ids]:
    """Merge, rename, re-role, re-type and hide players; return them, notes, and the id changes."""
    out = list(players)
    notes: list[str] = []
    ids: Ids = {p.id: p.id for p in players}
    for canonical, names in corrections.aliases:
        out = _merge(out, canonical, names, notes, ids)
    for k, p, _, new in _named(out, corrections.rename, "rename", notes):
        note = f"renamed from '{p.name}' to '{new}'"
        aliases = tuple(sorted({*p.aliases, p.name} - {new}, key=lambda s: (s.lower(), s)))
        new_id = unique_id(slug(new), {q.id for q in out if q is not p})
        out[k] = replace(p, id=new_id, name=new, aliases=aliases, edited=p.edited + (note,),
                         quotes=tuple(replace(q, speaker=new_id) for q in p.quotes))
        _retarget(ids, p.id, new_id)
        notes.append(f"{new}: {note}")
    for k, p, name, role in _named(out, corrections.roles, "roles", notes):
        source = next((r.source for r in p.roles if r.text.lower() == role.lower()), None) or \
            (p.roles[0].source if p.roles else p.sources[0] if p.sources else None)
        if source is None:
            notes.append(f"roles: '{name}' has no source to attach the role to")
            continue
        rest = tuple(r for r in p.roles if r.text.lower() != role.lower())
        note = f"role set to '{role}'"
        out[k] = replace(p, roles=(Role(role, source), *rest), edited=p.edited + (note,))
        notes.append(f"{p.name}: {note}")
    for k, p, _, kind in _named(out, corrections.kinds, "kinds", notes):
        note = f"kind set to {kind}"
        out[k] = replace(p, kind=kind, edited=p.edited + (note,),  # type: ignore[arg-type]  # validated by config
                         roles=p.roles if kind == "person" else ())
        notes.append(f"{p.name}: {note}")
    for k, p, _, _ in _named(out, [(name, None) for name in corrections.hide], "hide", notes):
        notes.append(f"{p.name}: hidden")
        _retarget(ids, p.id, None)
        del out[k]
    out.sort(key=lambda p: (-p.score, p.name))
    return out, notes, ids


def _named(players: list[Player], corrections: Sequence[tuple[str, T]], what: str,
           notes: list[str]) -> Iterator[tuple[int, Player, str, T]]:
    """Each player a correction names: its place in `players` (looked up as the caller edits
    the list), the player, the name used and the correction's value. A name that matches
    nobody is noted instead."""
    for name, value in corrections:
        k = _find(players, name)
        if k is None:
            notes.append(f"{what}: no player is called '{name}'")
            continue
        yield k, players[k], name, value


def _merge(players: list[Player], canonical: str, names: tuple[str, ...], notes: list[str], ids: Ids) -> list[Player]:
    found = sorted({k for n in (canonical, *names) if (k := _find(players, n)) is not None})
    if len(found) < 2:
        return players
    group = [players[k] for k in found]
    target = next((p for p in group if fold(p.name) == fold(canonical)), None) or \
        max(group, key=lambda p: (p.score, p.name))
    others = [p for p in group if p is not target]
    new_id = target.id if fold(target.name) == fold(canonical) else unique_id(
        slug(canonical), {p.id for p in players if p not in group})
    all_names = {n for p in group for n in (p.name, *p.aliases)} | set(names)
    note = "merged " + ", ".join(f"'{p.name}'" for p in others)
    roles = _unique_roles([r for p in group for r in p.roles])
    merged = replace(
        target, id=new_id, name=canonical,
        aliases=tuple(sorted({n for n in all_names if fold(n) != fold(canonical)}, key=lambda s: (s.lower(), s))),
        roles=roles,
        stances=tuple(sorted({s for p in group for s in p.stances}, key=lambda s: s.source)),
        quotes=tuple(sorted({replace(q, speaker=new_id) for p in group for q in p.quotes},
                            key=lambda q: (q.source, q.text))),
        articles=tuple(sorted({a for p in group for a in p.articles})),
        mentions=sum(p.mentions for p in group),
        score=max(p.score for p in group),
        sources=tuple(sorted({s for p in group for s in p.sources}))[:5],
        edited=target.edited + (note,))
    for p in group:
        _retarget(ids, p.id, new_id)
    notes.append(f"{canonical}: {note}")
    return [merged if k == found[0] else p for k, p in enumerate(players) if k not in found[1:]]


def _unique_roles(roles: list[Role]) -> tuple[Role, ...]:
    seen: set[str] = set()
    out = []
    for r in roles:
        if r.text.lower() not in seen:
            seen.add(r.text.lower())
            out.append(r)
    return tuple(out)


def _find(players: Sequence[Player], name: str) -> int | None:
    key = fold(name)
    for k, p in enumerate(players):
        if fold(p.name) == key:
            return k
    for k, p in enumerate(players):
        if any(fold(a) == key for a in p.aliases):
            return k
    return None


def _retarget(ids: Ids, old: str, new: str | None) -> None:
    for k, v in ids.items():
        if v == old:
            ids[k] = new


__all__ = ["apply_corrections"]
