"""What the other extractors may ask of the players stage."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..model import SourceRef


class PlayerIndex(Protocol):
    def resolve(self, name: str) -> str | None:
        """The id of the player known by this surface form (any alias), or None."""

    def in_sentence(self, ref: SourceRef) -> tuple[str, ...]:
        """Ids of the players mentioned in that sentence, in order of first mention."""

    def name(self, player_id: str) -> str:
        """The canonical name of a player."""


def players_in(index: PlayerIndex, refs: Iterable[SourceRef]) -> tuple[str, ...]:
    """Ids of the players mentioned in these sentences, each once, in order of first mention."""
    return tuple(dict.fromkeys(p for ref in refs for p in index.in_sentence(ref)))
