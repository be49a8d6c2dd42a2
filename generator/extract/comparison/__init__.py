"""Comparison: positions on disputed issues, disagreements and agreements between sources,
tables found in articles, and the relations between players.

`article_claims()` keeps, per article, the facts that can be compared (figures, statuses,
explicit contradictions, quoted words, stances, links, tables) as plain data;
`combine_claims()` lines them up across articles. How a disagreement is found is told in
disagreements.py: precision first, since one wrong disagreement costs the reader's trust in all.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from sys import intern  # words repeat: one string per word in each cache entry and worker batch

from ...model import (Agreement, Article, ArticleTable, Claim, Disagreement, Issue, Position, Relation,
                      SourceRef, Table)
from ...ids import unique_ids
from ...nlp import ParsedArticle
from ..index import PlayerIndex
from .claims import (Attributed, Figure, StatusMention, attach_negated, attributed_in, figures_in,
                     sentences, statuses_in)
from .contradictions import Contradiction, contradictions_in
from .disagreements import KIND_WEIGHT, explicit_groups, figure_groups, status_groups, word_groups
from .positions import Stance, combine_stances, issue_id, stances_in
from .relations import Link, combine_links, links_in


@dataclass(frozen=True)
class ArticleClaims:
    """What one article says that can be compared with other articles."""

    article: str
    figures: tuple[Figure, ...] = ()
    statuses: tuple[StatusMention, ...] = ()
    attributed: tuple[Attributed, ...] = ()
    stances: tuple[Stance, ...] = ()
    links: tuple[Link, ...] = ()
    tables: tuple[tuple[SourceRef, Table], ...] = ()
    nouns: tuple[tuple[str, int], ...] = ()  # noun lemma -> sentences holding it, sorted
    sentences: int = 0
    contradictions: tuple[Contradiction, ...] = ()


@dataclass(frozen=True)
class Compared:
    issues: tuple[Issue, ...]
    positions: tuple[Position, ...]
    disagreements: tuple[Disagreement, ...]  # most important first
    agreements: tuple[Agreement, ...]
    tables: tuple[ArticleTable, ...]
    relations: tuple[Relation, ...]


def article_claims(parsed: ParsedArticle) -> ArticleClaims:
    """Collect the comparable facts of one article."""
    figures: list[Figure] = []
    statuses: list[StatusMention] = []
    attributed: list[Attributed] = []
    stances: list[Stance] = []
    links: list[Link] = []
    contradictions: list[Contradiction] = []
    nouns: Counter[str] = Counter()
    count = 0
    for order, (ref, sent) in enumerate(sentences(parsed)):
        count += 1
        nouns.update({intern(t.lemma_.lower()) for t in sent if t.pos_ == "NOUN"})
        figures += figures_in(ref, sent, order)
        statuses += statuses_in(ref, sent, order)
        attributed += attributed_in(ref, sent, order)
        stances += stances_in(ref, sent)
        links += links_in(ref, sent)
        contradictions += contradictions_in(ref, sent)
    tables = tuple((parsed.ref(p.index, 0), p.table) for p in parsed.article.paragraphs
                   if p.kind == "table" and p.table is not None)
    return ArticleClaims(parsed.article.id, tuple(figures), tuple(attach_negated(statuses)),
                         tuple(attributed), tuple(stances), tuple(links), tables,
                         tuple(sorted(nouns.items())), count, tuple(contradictions))


def combine_claims(claims: Sequence[ArticleClaims], articles: tuple[Article, ...],
                   index: PlayerIndex,
                   updates: frozenset[tuple[SourceRef, float, float]] = frozenset()) -> Compared:
    """Line up every article's claims: disagreements, agreements, positions, tables, relations.
    The figures of `updates` (sentence, numbers) are points of a series (extract/series/): updates of a
    count, not versions of a fact."""
    claims = sorted(claims, key=lambda c: c.article)
    published = {a.id: a.published for a in articles}
    found: list[tuple[tuple[int, int, str], str, tuple[Claim, ...]]] = []
    agreed: list[tuple[str, str, tuple[SourceRef, ...]]] = []
    for kind, topic, groups in (explicit_groups(claims) + status_groups(claims, published)
                                + figure_groups(claims, index, published, updates) + word_groups(claims, index)):
        support = len({r.article for _v, refs, _by in groups for r in refs})
        if len(groups) >= 2:
            sort_key = (-KIND_WEIGHT[kind], -support, topic)
            found.append((sort_key, topic, tuple(Claim(v, tuple(sorted(refs)), by) for v, refs, by in groups)))
        elif support >= 2:
            agreed.append((topic, groups[0][0], tuple(sorted(groups[0][1]))))
    found.sort(key=lambda f: f[0])
    ids = unique_ids([issue_id(t) for _k, t, _c in found])
    disagreements = tuple(Disagreement(i, t, c) for i, (_k, t, c) in zip(ids, found))
    agreed.sort(key=lambda a: (-len({r.article for r in a[2]}), a[0]))
    agreements = tuple(Agreement(i, t, v, s) for i, (t, v, s)
                       in zip(unique_ids([issue_id(a[0]) for a in agreed]), agreed))
    tables = tuple(ArticleTable(f"{ref.article}-{ref.anchor}", table, ref)
                   for c in claims for ref, table in c.tables)
    background: Counter[str] = Counter()
    for c in claims:
        background.update(dict(c.nouns))
    total = sum(c.sentences for c in claims)
    share = {noun: n / total for noun, n in background.items()} if total else {}
    issues, positions = combine_stances([s for c in claims for s in c.stances], index, share)
    relations = combine_links([link for c in claims for link in c.links], index)
    return Compared(issues, positions, disagreements, agreements, tables, relations)
