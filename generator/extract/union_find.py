"""Disjoint sets, for every step that joins things into groups (names, events, quoted words)."""
from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Ordered)


class UnionFind(Generic[K]):
    """Groups of keys; a key never joined is a group of its own. Of two joined groups the
    smaller root stays the root, so groups and their roots do not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def find(self, x: K) -> K:
        parent = self.parent
        while (up := parent.get(x, x)) != x:
            parent[x] = parent.get(up, up)  # path halving: later finds take half the steps
            x = parent[x]
        return x

    def union(self, a: K, b: K) -> K:
        """Join the groups of `a` and `b`; the root of the joined group."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = (ra, rb) if ra < rb else (rb, ra)
        self.parent[hi] = lo
        return lo


__all__ = ["UnionFind"]
