"""Key players: the people and organisations a story is about, one entry per real actor.

The product in modules, by stage:
- `entities` and `mentions`: the per-article step (names, cues, roles, quotes, citations), pure
  and cacheable;
- `names`: normalised name forms (titles, initials, suffixes, accents and case folded away);
- `cluster` and `resolve`: cross-document entity resolution, blocked so it scales;
- `filters`: what is never a player (places, outlets, generic words, events);
- `roles` and `outlets`: titles held by people and organisations, and the outlets cited;
- `combine`: typing, ranking, roles and the index the other extractors ask.
"""
from __future__ import annotations

from .combine import Cast, Index, combine_players
from .mentions import ArticleMentions, article_mentions

__all__ = ["ArticleMentions", "Cast", "Index", "article_mentions", "combine_players"]
