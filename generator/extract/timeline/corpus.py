"""The timeline's corpus step: date every event mention, merge the mentions of one event across
articles, and choose the days that mattered (see `days.py`).

`combine_events()` resolves dates given relative to other events ("within hours of the
breakdown"), clusters mentions into events, and then replaces the day-precision events by one
entry per day, chosen and cited by that day's support across the corpus.
"""
from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import chain
from typing import Any

import numpy

from ...ids import unique_ids
from ...model import Article, DateValue, Event, PartialDate, SourceRef
from ...slugs import slug
from .. import dates
from ..union_find import UnionFind
from ..index import PlayerIndex, players_in
from .days import NEWS_DAYS, DayCandidate, day_events
from .sentences import BACKGROUND_SCORE, EARLIER_EVENT, LEAD_SENTENCES, ArticleEvents, EventMention, first_person

# Two mentions are one event when they share the event family, do not contradict each other's
# dates, and share at least this share of content words (Jaccard) or a named participant
# besides the most frequent ones. Chosen on the development corpus: 0.12 merges paraphrases
# ("talks collapsed" / "negotiations broke down") but not two different deals.
MERGE_WORDS = 0.12



def combine_events(events: Sequence[ArticleEvents], articles: tuple[Article, ...],
                   index: PlayerIndex) -> tuple[Event, ...]:
    """Date, merge and order the event mentions of every article: one entry per day the corpus
    reports something happening on (see `days.py`), then the events dated only to a month, a
    year or an interval, then undated background."""
    dated_mentions: list[tuple[EventMention, DateValue | None]] = []
    candidates: list[DayCandidate] = []
    for article_events_ in sorted(events, key=lambda e: e.article):
        for mention in article_events_.mentions:
            dated_mentions.append((mention, _mention_date(mention, article_events_)))
        pub = article_events_.published.last_day() if article_events_.published else None
        candidates.extend(_news_of_the_day(article_events_))
        candidates.extend(DayCandidate(dt.date.fromisoformat(d.day), d.ref, d.words, d.event, d.text,
                                       d.how, d.expression, pub, d.later) for d in article_events_.days)
    clusters = _cluster(dated_mentions)
    out: list[Event] = []
    published = {e.article: e.published for e in events}
    start = coverage_start(events)
    for cluster in clusters:
        event = _event(cluster, published, index)
        if event is None:
            continue
        if event.date is not None and event.date.precision == "day":
            if start is not None and event.date.first_day() < start:
                continue  # the story's history, not one of its days (see coverage_start)
            # The event's day gains every article reporting the event: dating it, or undated but
            # published within NEWS_DAYS after it (its news). An article published before the day,
            # or long after it without dating it, tells something else the clustering merged.
            day = event.date.first_day()
            candidates.extend(DayCandidate(day, m.ref, m.words, True, _quote_text(m.ref.quote),
                                           event.date.how, event.date.expression, pub)
                              for m, d in _per_article(cluster)
                              if (pub := _last_day(published.get(m.ref.article))) is None
                              or d is not None and day <= pub
                              or 0 <= (pub - day).days <= NEWS_DAYS)
        else:
            out.append(event)
    out.extend(day_events((c for c in candidates if start is None or c.day >= start), index))
    return _with_ids(out)


def _news_of_the_day(article: ArticleEvents) -> list[DayCandidate]:
    """The publication-day burst: an article published on a day, whose lead reports an event it
    gives no other date, reports something that happened on that day (or so close to it that the
    day is the best one the text allows)."""
    pub = article.published
    if pub is None or pub.precision != "day":
        return []
    day = pub.first_day()
    if any(d.order <= LEAD_SENTENCES for d in article.days):
        return []  # the lead dates its news itself ("yesterday"): that day, not the publication's
    # A simple past after the lead has turned to an earlier time ("Twenty years ago, ... The
    # result was ...") goes on telling that time; a present perfect still reaches the day.
    back = min((order for order, end in article.lead_times if (day - end).days > NEWS_DAYS), default=None)
    lead = [m for m in article.mentions if m.lead and (m.recent or m.past) and m.date is None and m.relative is None
            and not (m.past and back is not None and back < m.order)]
    return [DayCandidate(day, m.ref, m.words, True, text, "inferred", "publication date", day)
            for m in lead if (text := _quote_text(m.ref.quote))  # not a fragment nor a writer's aside
            and not _looks_back(m.ref.quote, pub)]


def _looks_back(sentence: str, pub: PartialDate) -> bool:
    """The sentence names a time ending more than NEWS_DAYS before publication ("On October 9
    2012 the ministry opened ..."): it recalls the past rather than telling the day's news. A
    time within the window ("who took office a few days ago") does not count."""
    day = pub.first_day()
    return any(m.value is not None and (day - m.value.last_day()).days > NEWS_DAYS
               for m in dates.find_dates(sentence, pub))


def coverage_start(events: Sequence[ArticleEvents]) -> dt.date | None:
    """The first day of the story's coverage: NEWS_DAYS before its earliest article. A day before
    it is the story's history, which an article recalls ("On May 10, 1940, ..."), not one of the
    story's days: the timeline keeps to the coverage's span, as timeline summarisation keeps to
    the collection's (Tran et al. 2013). Its sentences stay cited on the source pages."""
    days = [e.published.first_day() for e in events if e.published is not None]
    return min(days) - dt.timedelta(days=NEWS_DAYS) if days else None


def _last_day(day: PartialDate | None) -> dt.date | None:
    return day.last_day() if day is not None else None


def _quote_text(quote: str) -> str:
    """A sentence as a summary: without a wire dateline; "" when it does not read as a whole
    sentence (a capital at its start, a full stop or the like at its end)."""
    text = " ".join(dates.without_furniture(quote).split())
    if not text or not (text[0].isupper() or text[0] in "\"“'‘") or text[-1] not in ".!\"”'’)" \
            or first_person(text):
        return ""
    return text


def _mention_date(mention: EventMention, article: ArticleEvents) -> DateValue | None:
    """The mention's date: its own, else through the event it is relative to."""
    if mention.date is not None:
        return mention.date
    rel = mention.relative
    if rel is None:
        return None
    cap = article.published
    if rel.date is not None:
        return dates.shift(rel.date, rel.lag, "after", cap)
    if rel.lag[1] >= dates.FOLLOWING_MAX_DAYS and (rel.family == "" or cap is None):
        return None  # "after X" alone: no upper bound, and X is the article's news
    if rel.family == "":
        if cap is None:
            return None
        news = DateValue(cap, None, "inferred", "publication date")
        return dates.shift(news, rel.lag, rel.direction, None)
    if rel.family == EARLIER_EVENT:
        # The event the article dated last before this sentence ("On May 2 a ferry ran aground.
        # A week after the accident, ..."); none: no date can be given.
        earlier = [d for _, d, o in article.dated if o < mention.order]
        return dates.shift(earlier[-1], rel.lag, rel.direction, cap) if earlier else None
    # The date the same article gives that event family: the nearest before this sentence,
    # else the first after it.
    known = [(o, d) for f, d, o in article.dated if f == rel.family]
    before = [d for o, d in known if o <= mention.order]
    target = before[-1] if before else known[0][1] if known else None
    if target is not None:
        return dates.shift(target, rel.lag, rel.direction, cap)
    if rel.lag[1] >= dates.FOLLOWING_MAX_DAYS:
        return None
    return DateValue(cap, None, "inferred", "publication date") if cap else None


@dataclass(frozen=True, slots=True)
class _Words:
    """A mention's family, words and named actors as sets, computed once per mention."""

    family: str
    words: frozenset[str]
    actors: frozenset[str]

    @classmethod
    def of(cls, m: EventMention) -> _Words:
        return cls(m.family, frozenset(m.words), frozenset(m.actors))


def _similar_pairs(mentions: Sequence[_Words]) -> tuple[array[float], array[int], array[int]]:
    """Similarity, i and j (three arrays) for the pairs i < j of one family whose word sets reach
    MERGE_WORDS (Jaccard) and whose named actors do not differ ("X won a contract" is not "Y won
    a contract").

    An inverted index of words: for each mention, the words it shares with every earlier one are
    counted in one pass over the earlier mentions holding any of its words, so pairs sharing no
    word are never looked at, and no pair is looked at twice. Near-copies of a story make the
    pairs many (millions at ten thousand articles): they are kept in flat arrays, not objects."""
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    sizes = [len(m.words) for m in mentions]
    sims, left, right = array("d"), array("i"), array("i")
    for j, m in enumerate(mentions):
        lists = [postings[m.family, w] for w in m.words]
        n = sizes[j]
        for i, shared in Counter(chain.from_iterable(lists)).items():
            sim = shared / (sizes[i] + n - shared)
            if sim >= MERGE_WORDS and not (m.actors and mentions[i].actors
                                           and m.actors.isdisjoint(mentions[i].actors)):
                sims.append(sim)
                left.append(i)
                right.append(j)
        for ids in lists:
            ids.append(j)
    return sims, left, right


def _most_similar_first(mentions: Sequence[_Words]) -> Iterator[tuple[int, int]]:
    """The similar pairs (i, j), most similar first, then by i and j."""
    sims, left, right = _similar_pairs(mentions)
    if not sims:
        return
    order = numpy.lexsort((numpy.frombuffer(right, dtype=numpy.intc),
                           numpy.frombuffer(left, dtype=numpy.intc),
                           -numpy.frombuffer(sims, dtype=numpy.float64)))
    for start in range(0, len(order), 1 << 16):  # in slices: a list of millions of ints is large
        for k in order[start:start + (1 << 16)].tolist():
            yield left[k], right[k]


def _cluster(mentions: list[tuple[EventMention, DateValue | None]]
             ) -> list[list[tuple[EventMention, DateValue | None]]]:
    """Group mentions of one event: same family, overlapping words, compatible dates.

    The most similar pairs are joined first, and two groups are joined only when every date
    in one overlaps every date in the other, so a chain cannot pull distinct events together.
    """
    groups: UnionFind[int] = UnionFind()
    # Every date of a group overlaps every date of another exactly when the latest start of
    # each is no later than the earliest end of the other; a group keeps those two bounds.
    spans: list[tuple[Any, Any] | None] = [
        (d.first_day(), d.last_day()) if d is not None else None for _, d in mentions]

    # Identical mentions with the same dates (a wire story that many outlets run) are one event
    # by any measure: they join at once, and only one of them enters the pairwise comparison,
    # which would otherwise grow with the square of the copies.
    words = [_Words.of(m) for m, _ in mentions]
    first: dict[tuple[_Words, Any], int] = {}
    for k, w in enumerate(words):
        groups.union(k, first.setdefault((w, spans[k]), k))
    distinct = sorted(set(first.values()))
    for a, b in _most_similar_first([words[i] for i in distinct]):
        gi, gj = groups.find(distinct[a]), groups.find(distinct[b])
        if gi == gj:
            continue
        si, sj = spans[gi], spans[gj]
        if si is None or sj is None or (si[0] <= sj[1] and sj[0] <= si[1]):
            lo = groups.union(gi, gj)
            spans[lo] = si or sj if si is None or sj is None else (max(si[0], sj[0]), min(si[1], sj[1]))
    clusters: dict[int, list[tuple[EventMention, DateValue | None]]] = {}
    for k, item in enumerate(mentions):
        clusters.setdefault(groups.find(k), []).append(item)
    return [clusters[k] for k in sorted(clusters)]


_HOW_RANK = {"stated": 0, "resolved": 1, "inferred": 2}


def _event(cluster: list[tuple[EventMention, DateValue | None]], published: dict[str, PartialDate | None],
           index: PlayerIndex) -> Event | None:
    """One timeline entry from a cluster, or None when it is neither dated nor notable."""
    cluster = _per_article(cluster)
    dated: list[tuple[EventMention, DateValue]] = [(m, d) for m, d in cluster if d is not None]
    date: DateValue | None = None
    if dated:
        # The most direct date (stated, then resolved, then inferred), then the most precise.
        _, date = min(dated, key=lambda md: (_HOW_RANK[md[1].how], md[1].last_day() - md[1].first_day(),
                                             md[0].ref))
    articles = {m.ref.article for m, _ in cluster}
    if date is None:
        # Just happened, in the article's news: dated by the publication date, at its precision.
        recent = [m for m, _ in cluster if m.recent and m.lead]
        recent = [m for m in recent if published.get(m.ref.article) is not None]
        if recent:
            first = min(recent, key=lambda m: m.ref)
            day = published[first.ref.article]
            assert day is not None
            date = DateValue(day, None, "inferred", "publication date")
    if date is None and not any(m.salient and (len(articles) > 1 or m.score >= BACKGROUND_SCORE)
                                for m, _ in cluster):
        return None
    lead = min(cluster, key=lambda md: (md[1] is None, not md[0].salient, md[0].ref))[0]
    refs = tuple(sorted({m.ref for m, _ in cluster}))
    return Event(id="", date=date, summary=lead.summary, sources=refs, players=players_in(index, refs))


def _per_article(cluster: list[tuple[EventMention, DateValue | None]]
                 ) -> list[tuple[EventMention, DateValue | None]]:
    """One mention per article: the dated one that states this event most plainly.

    An event's sources are the articles reporting it; a second sentence of the same article
    adds no support, and a sentence that also tells other events (a summary line) is a
    weaker citation than one about this event alone.
    """
    best: dict[str, tuple[EventMention, DateValue | None]] = {}
    for mention, date in sorted(cluster, key=lambda md: (md[1] is None, md[0].others, len(md[0].ref.quote),
                                                        md[0].ref)):
        best.setdefault(mention.ref.article, (mention, date))
    return [best[a] for a in sorted(best)]


def _with_ids(events: list[Event]) -> tuple[Event, ...]:
    """Order events (dated first, chronologically) and give each a unique, stable slug."""
    dated = sorted((e for e in events if e.date is not None), key=_chronological)
    undated = sorted((e for e in events if e.date is None), key=lambda e: (-len(e.sources), e.sources[0]))
    ordered = [*dated, *undated]
    return tuple(replace(e, id=i) for e, i in zip(ordered, unique_ids([_slug(e) for e in ordered])))


def _chronological(event: Event) -> tuple[tuple[dt.date, dt.date], SourceRef]:
    assert event.date is not None
    return event.date.sort_key(), event.sources[0]


def _slug(event: Event) -> str:
    words = [w for w in slug(event.summary).split("-") if len(w) > 2][:5]
    head = event.date.iso().replace("/", "-") if event.date else "background"
    return "-".join([head, *words])


__all__ = ["ArticleEvents", "EventMention", "combine_events"]
