"""Extraction: a per-article step (cacheable, parallel) and a corpus step that combines them.

`facts_for()` is a pure function of one parsed article: it returns plain, picklable data and
is what the cache stores. `combine()` turns every article's facts into the briefing's content.
Neither reads files, the clock, or global state, and neither knows anything about one story:
story-specific knowledge comes in through `Settings` (corpus/briefing.yml).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Settings
from ..forked import Forked
from ..model import Article, Briefing, PartialDate
from ..nlp import ParsedArticle
from . import comparison, players, questions, series, timeline
from .lexicon import Lexicon, load_lexicon

# From this many articles the timeline is combined in a forked process while the comparisons
# and questions are made here (they need only the players). At 1,594 real articles that saved
# about 2 s of the timeline's 2.4 (bench/README.md); forking and sending the events back cost
# tens of milliseconds, which a timeline of a few hundred articles (tenths of a second) still
# repays, while small corpora (the tests', a new briefing's) stay in one process. Chosen, not
# swept: re-run bench/run.py --real (add s) at the sizes in question before changing it.
FORK_FROM = 200
# Up to this many articles the questions are combined in another forked process while the
# players are made (they need nothing of the players), and the pages rendered in one (build.py):
# at 1,599 real articles, 1.6 s and 2.5 s taken off adding one article. A child touches most of
# what it reads, so ends up copying it; at 10,000 articles, where the build comes within 320 MB
# of the 2 GB the bench allows (bench/README.md), they stay in this process. Set between the two
# sizes the bench measures, not swept: re-run bench/run.py (peak MB at 10,000; add s on --real).
FORK_UP_TO = 5_000


def forks_beside(count: int) -> bool:
    """Whether a step over `count` articles that the others need nothing of (the questions, the
    pages) runs in a forked process beside them: from FORK_FROM up to FORK_UP_TO."""
    return FORK_FROM <= count <= FORK_UP_TO


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extraction keeps from one article."""

    article: Article  # with its sentences
    players: players.ArticleMentions
    timeline: timeline.ArticleEvents
    comparison: comparison.ArticleClaims
    questions: questions.ArticleQuestions
    series: series.ArticleCounts


def facts_for(parsed: ParsedArticle, lexicon: Lexicon) -> ArticleFacts:
    """Run every per-article extractor over one parsed article."""
    return ArticleFacts(
        article=parsed.article,
        players=players.article_mentions(parsed, lexicon),
        timeline=timeline.article_events(parsed),
        comparison=comparison.article_claims(parsed),
        questions=questions.article_questions(parsed),
        series=series.article_counts(parsed),
    )


def combine(facts: Sequence[ArticleFacts], settings: Settings, lexicon: Lexicon) -> Briefing:
    """Combine per-article facts into the briefing, in a fixed order: players first, since the
    timeline and comparisons refer to them; the series before the comparison, whose figures that
    are a series' updates are not disagreements. The questions need none of them."""
    facts = sorted(facts, key=lambda f: f.article.id)
    articles = tuple(f.article for f in facts)
    asking = Forked(questions.combine_questions, [f.questions for f in facts], articles,
                    fork=forks_beside(len(facts)))
    cast = players.combine_players([f.players for f in facts], articles, lexicon, settings.corrections)
    dating = Forked(timeline.combine_events, [f.timeline for f in facts], articles, cast.index,
                    fork=len(facts) >= FORK_FROM)
    counted = series.combine_series([f.series for f in facts])
    compared = comparison.combine_claims([f.comparison for f in facts], articles, cast.index,
                                         updates=series.updates(counted))
    asked = asking.result()
    events = dating.result()
    return Briefing(
        story=timeline.story_for(settings.story, events, articles, [f.timeline.topics for f in facts]),
        as_of=as_of(articles),
        articles=articles,
        players=cast.players,
        events=events,
        issues=compared.issues,
        positions=compared.positions,
        disagreements=compared.disagreements,
        agreements=compared.agreements,
        tables=compared.tables,
        questions=asked,
        outlets_cited=cast.outlets,
        relations=compared.relations,
        series=counted,
        notes=cast.notes,
    )


def extract(parsed: Sequence[ParsedArticle], settings: Settings) -> Briefing:
    """Extract a briefing from parsed articles (no cache)."""
    lexicon = load_lexicon(settings.corrections)
    return combine([facts_for(p, lexicon) for p in parsed], settings, lexicon)


def as_of(articles: Sequence[Article]) -> PartialDate | None:
    """The newest publication date, at its precision: the briefing's "as of", never the clock."""
    dates = [a.published for a in articles if a.published is not None]
    return max(dates, key=lambda d: (d.last_day(), d.first_day())) if dates else None


__all__ = ["ArticleFacts", "facts_for", "combine", "extract", "as_of"]
