"""Where the story stands: its latest well-supported developments, and, when the editor has not
written them, a title and a scope built from the coverage (marked as generated).

"Where it stands" and "Latest developments" come from the latest days the corpus reports well
(see `days.py`): never a forecast, an event dated only to a month or a year, or a day only one
passing mention supports when better-supported days exist.
"""
from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence

from ...model import Article, Event, PartialDate, Story
from ...render_timeline import latest_developments, most_reported, support, where_it_stands
from ...scaffold import DEFAULT_TITLE

# The scope `briefing new` writes (generator/scaffold/files/briefing.yml.tmpl) begins so.
DEFAULT_SCOPE = "Describe the story in a paragraph"
# Which days the overview shows (latest, most reported) is chosen in render_timeline, which
# the site's renderer imports without the extractors (and spaCy).
def untitled(story: Story) -> bool:
    return not story.title.strip() or story.title.strip() == DEFAULT_TITLE


def unscoped(story: Story) -> bool:
    return not story.scope.strip() or story.scope.strip().startswith(DEFAULT_SCOPE)


def story_for(story: Story, events: Sequence[Event], articles: Sequence[Article],
              topics: Sequence[Sequence[tuple[str, int]]]) -> Story:
    """The editor's story, or, where the editor left `briefing new`'s placeholder, a title and a
    scope built from the coverage, marked as generated. `topics` are each article's noun phrases."""
    if not articles or not (untitled(story) or unscoped(story)):
        return story
    title = story.title
    if untitled(story):
        title = generated_title(topics, articles) or story.title
    scope = generated_scope(events, articles) if unscoped(story) else story.scope
    return Story(title, scope, generated=True)


def generated_title(topics: Sequence[Sequence[tuple[str, int]]], articles: Sequence[Article]) -> str:
    """The noun phrase the most distinct news sentences use, across at least two articles (its
    most frequent spelling), with the coverage's span: "Bird flu, April - June 2031". A phrase
    counts each sentence once, so a teaser copied onto every page of a site counts once. "" when
    no phrase is shared."""
    contexts: dict[str, set[int]] = {}
    articles_with: Counter[str] = Counter()
    spellings: Counter[str] = Counter()
    for phrases in topics:
        keys: dict[str, str] = {}
        for phrase, context in phrases:
            contexts.setdefault(phrase.lower(), set()).add(context)
            keys.setdefault(phrase.lower(), phrase)
            spellings[phrase] += 1
        articles_with.update(keys.keys())
    shared = [(len(contexts[k]), k) for k, n in articles_with.items() if n >= 2]
    if not shared:
        return ""
    _, key = min(shared, key=lambda nk: (-nk[0], -len(nk[1].split()), nk[1]))
    spelling = max((s for s in spellings if s.lower() == key), key=lambda s: (spellings[s], s))
    phrase = spelling[:1].upper() + spelling[1:]
    span = coverage_span(articles)
    return f"{phrase}, {span}" if span else phrase


def generated_scope(events: Sequence[Event], articles: Sequence[Article]) -> str:
    """One plain paragraph: how much coverage, from whom, over what span, and its most reported
    days (the overview cites them beneath)."""
    outlets = sorted({a.outlet for a in articles if a.outlet})
    n = len(articles)
    text = f"Built from the coverage ({n} {'article' if n == 1 else 'articles'}"
    if outlets:
        shown = ", ".join(outlets[:4]) + (f" and {len(outlets) - 4} more" if len(outlets) > 4 else "")
        text += f" by {shown}"
    span = coverage_span(articles)
    text += f", {span})." if span else ")."
    top = most_reported(events)
    if top:
        days = [_day_text(e.date.start) for e in top]  # type: ignore[union-attr]
        text += " The most reported days: " + (", ".join(days[:-1]) + " and " + days[-1] if len(days) > 1
                                               else days[0]) + "."
    return text


def coverage_span(articles: Sequence[Article]) -> str:
    """The months the coverage was published in: "January - February 2011", "March 2026"."""
    dates = [a.published for a in articles if a.published is not None]
    if not dates:
        return ""
    first = min(d.first_day() for d in dates)
    last = max(d.last_day() for d in dates)
    a = f"{calendar.month_name[first.month]} {first.year}"
    b = f"{calendar.month_name[last.month]} {last.year}"
    if a == b:
        return a
    if first.year == last.year:
        return f"{calendar.month_name[first.month]} - {b}"
    return f"{a} - {b}"


def _day_text(d: PartialDate) -> str:
    return f"{d.day} {calendar.month_name[d.month or 1]} {d.year}" if d.day else str(d)


__all__ = ["latest_developments", "where_it_stands", "most_reported", "story_for", "support",
           "generated_title", "generated_scope", "coverage_span"]
