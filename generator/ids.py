"""Unique ids: `base`, then `base-2`, `base-3`... for the second and later holders of a name.

One rule for every id the site uses as a page name or an anchor (players, events, issues,
questions, article files), so an id never collides with another and is stable for the same input.
"""
from __future__ import annotations

from collections.abc import Container, Iterable


def unique_id(base: str, taken: Container[str], max_length: int | None = None, first: int = 2) -> str:
    """`base` when not taken, else `base-N` with the smallest N from `first` that is free; with
    `max_length`, `base` is cut (at no trailing hyphen) so that the numbered id fits."""
    n = first
    candidate = base
    while candidate in taken:
        suffix = f"-{n}"
        head = base if max_length is None else base[: max_length - len(suffix)].rstrip("-")
        candidate, n = head + suffix, n + 1
    return candidate


def unique_ids(bases: Iterable[str]) -> list[str]:
    """Each base made unique against the ids before it, in order."""
    taken: set[str] = set()
    tried: dict[str, int] = {}  # base -> the last N given it: a name held by thousands stays linear
    out: list[str] = []
    for base in bases:
        made = unique_id(base, taken, first=tried.get(base, 1) + 1)
        if made != base:
            tried[base] = int(made.rsplit("-", 1)[1])
        taken.add(made)
        out.append(made)
    return out


__all__ = ["unique_id", "unique_ids"]
