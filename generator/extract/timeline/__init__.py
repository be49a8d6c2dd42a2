"""The timeline product: what happened on which day, chosen by how much of the corpus reports it.

- `sentences.py`: the per-article step, `article_events()` (event and day mentions per sentence);
- `corpus.py`: the corpus step, `combine_events()` (dates, merges and orders events);
- `days.py`: the days that mattered, by support, each with its representative sentence;
- `overview.py`: where the story stands and its latest developments, for the overview page.
"""
from __future__ import annotations

from .corpus import combine_events
from .overview import latest_developments, most_reported, story_for, where_it_stands
from .sentences import ArticleEvents, EventMention, Relative, article_events, vocabulary

__all__ = ["ArticleEvents", "EventMention", "Relative", "article_events", "combine_events", "vocabulary",
           "latest_developments", "most_reported", "story_for", "where_it_stands"]
