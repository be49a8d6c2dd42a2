"""Disagreements: the same fact reported differently, found four ways, strongest first.

1. Explicit contradictions: one sentence sets two versions against each other ("600 positions,
   not the 900 the union has claimed"; "the ministry denied reports that ..."), with who holds
   each (contradictions.py).
2. Statuses: the same status reported as done by one article and as only threatened, considered
   or denied by another published at the same time or later. Threatened first and done later is
   the story moving on, not a dispute.
3. Figures: one of the listed measures (figure_concepts in comparison.yml) of the same player,
   for the same dates and places named in the sentence, from articles published on the same day
   (or in the same month, when that is all that is known), with values that do not overlap.
   A figure from a later day is the next point of a series (a rising toll), never a rival; a
   figure that is a point of a series (extract/series/) with no other figure on its day is left
   out too, so that an update reported by two articles of one day is not set against the last.
4. Quoted words attributed to the same people in different forms ("called him a 'liar'").
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...model import PartialDate, SourceRef
from ..index import PlayerIndex
from ..union_find import UnionFind
from .claims import POSSESSIVES, Attributed, Figure, StatusMention, words
from .contradictions import Contradiction

if TYPE_CHECKING:  # the per-article claims, defined in the package
    from . import ArticleClaims

Version = tuple[str, list[SourceRef], str]  # value, sources, who gives it ("" if unnamed)
Group = tuple[str, str, list[Version]]  # kind, topic, versions

# Ties are broken by kind: an explicit contradiction is the surest, then a status in dispute,
# then figures, then who said what. Chosen by reading the dev stories' top items one by one
# (bench/judgements/); re-run bench/list_items.py after changing them.
KIND_WEIGHT = {"contradiction": 4, "status": 3, "figure": 2, "words": 1}


def explicit_groups(claims: Sequence[ArticleClaims]) -> list[Group]:
    """The same contradiction reported by one or more articles, merged on its key."""
    merged: dict[str, list[Contradiction]] = {}
    for c in claims:
        for x in c.contradictions:
            merged.setdefault(x.key, []).append(x)
    out: list[Group] = []
    for _key, xs in sorted(merged.items()):
        xs.sort(key=lambda x: x.source)
        first = xs[0]
        refs = sorted({x.source for x in xs})
        if first.kind == "denial":
            topic = f"whether {first.topic}"
            versions: list[Version] = [(first.rival, refs, first.rival_by or "reports"),
                                       (first.stated, refs, first.stated_by)]
        else:
            topic = first.topic
            versions = [(first.stated, refs, first.stated_by), (first.rival, refs, first.rival_by)]
        out.append(("contradiction", topic, versions))
    return out


def _same_time(a: PartialDate, b: PartialDate) -> bool:
    """Whether two publication dates overlap (the same day, or a day within a month given)."""
    return a.first_day() <= b.last_day() and b.first_day() <= a.last_day()


def figure_groups(claims: Sequence[ArticleClaims], index: PlayerIndex,
                  published: dict[str, PartialDate | None],
                  updates: frozenset[tuple[SourceRef, float, float]] = frozenset()) -> list[Group]:
    """Figures of one listed measure, one player, one moment and place, that differ; none that
    is a point of a series (`updates`: sentence and numbers), which is an update, not a rival."""
    listed = set(words().figure_concepts)
    in_series: dict[SourceRef, list[tuple[float, float]]] = {}
    for ref, low, high in updates:
        in_series.setdefault(ref, []).append((low, high))
    by_key: dict[tuple[str, str, str], list[tuple[Figure, frozenset[str]]]] = {}
    for c in claims:
        when = published.get(c.article)
        if when is None:
            continue  # undated: a series cannot be told from a dispute
        for f in c.figures:
            if f.concept not in listed:
                continue  # "18 miles" and "90 miles" are distances to different places
            if any(f.low <= high and low <= f.high for low, high in in_series.get(f.source, ())):
                continue
            owners = frozenset(p for p in (index.resolve(n) for n in f.holders) if p)
            if not owners and f.holders and f.holders[0] in POSSESSIVES:
                # "For Acme, ... its $60 billion valuation": the first player the sentence names
                named = index.in_sentence(f.source)
                owners = frozenset(named[:1])
            if owners:
                by_key.setdefault((f.concept, f.unit, when.iso()), []).append((f, owners))
    out: list[Group] = []
    for (concept, _unit, _day), items in sorted(by_key.items()):
        for figs, counts in _clusters(items):
            if len({f.source.article for f in figs}) < 2:
                continue
            owner = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            groups = _value_groups(figs)
            if groups:
                said = {f.source: f.said_by for f in figs}
                out.append(("figure", f"{concept} of {index.name(owner)}",
                            [(v, r, _most_said([said.get(x, "") for x in r])) for v, r in groups]))
    return out


def _fits(a: tuple[str, ...], b: set[str]) -> bool:
    """Dates (or places) that can be the same: either names none, or they share one."""
    return not a or not b or bool(set(a) & b)


def _most_said(names: list[str]) -> str:
    """Who gives a version: the source most of its sentences name ("" if none does)."""
    named = Counter(n for n in names if n)
    return sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if named else ""


def _clusters(items: list[tuple[Figure, frozenset[str]]]) -> list[tuple[list[Figure], Counter[str]]]:
    """Figures grouped by party: two belong together when they share a player, and neither
    names a date or a place the other does not ("deaths in Mexico" and "deaths in Spain")."""
    groups: list[tuple[list[Figure], Counter[str]]] = []
    for f, owners in sorted(items, key=lambda fo: fo[0].source):
        hits = [g for g in groups if owners & set(g[1])
                and _fits(f.when, {w for x in g[0] for w in x.when})
                and _fits(f.places, {p for x in g[0] for p in x.places})]
        merged_figs, merged_owners = [f], Counter(owners)
        for g in hits:
            merged_figs += g[0]
            merged_owners += g[1]
            groups.remove(g)
        groups.append((merged_figs, merged_owners))
    return groups


def _value_groups(figs: list[Figure]) -> list[tuple[str, list[SourceRef]]]:
    """Figures about one thing, grouped by overlapping ranges into the versions reported."""
    clusters: list[list[Figure]] = []
    for f in sorted(figs, key=lambda f: (f.low, f.high, f.source)):
        if clusters and f.low <= max(g.high for g in clusters[-1]):
            clusters[-1].append(f)
        else:
            clusters.append([f])
    arts = [{f.source.article for f in cl} for cl in clusters]
    # Keep a version only if some article reports it alone: an article giving two figures
    # (a total and a part) does not disagree with itself.
    kept = [cl for cl, a in zip(clusters, arts) if len(clusters) == 1
            or any(a - other for other in arts if other is not a)]
    if len({f.source.article for cl in kept for f in cl}) < 2:
        return []
    return [(Counter(f.text for f in cl).most_common(1)[0][0], sorted({f.source for f in cl})) for cl in kept]


def status_groups(claims: Sequence[ArticleClaims], published: dict[str, PartialDate | None]) -> list[Group]:
    """The same status reported as done by some articles and as not done by others at the same
    time or later."""
    by_key: dict[str, list[StatusMention]] = {}
    for c in claims:
        if published.get(c.article) is None:
            continue  # undated: cannot tell "threatened, then done" from a dispute
        for m in c.statuses:
            if m.key:
                by_key.setdefault(m.key, []).append(m)
    nouns = words().status_verbs
    out: list[Group] = []
    for _key, mentions in sorted(by_key.items()):
        if len({m.source.article for m in mentions}) < 2:
            continue
        done = [m for m in mentions if m.mode == "done"]
        done_articles = {m.source.article for m in done}
        not_done = [m for m in mentions if m.source.article not in done_articles]
        if done:
            first_done = min(published[m.source.article].first_day() for m in done)  # type: ignore[union-attr]
            # A threat reported before the act is the story moving on; only an account that the
            # act has not happened, given when (or after) another says it has, disputes it.
            not_done = [m for m in not_done if published[m.source.article].last_day() >= first_done]  # type: ignore[union-attr]
        verb = Counter(m.verb for m in mentions if m.verb).most_common(1)[0][0]
        label = Counter(m.label for m in mentions if m.label).most_common(1)[0][0]
        noun = nouns.get(verb, verb)
        topic = label if label.startswith(noun) else f"{noun} as “{label}”"
        groups: list[Version] = [("; ".join(dict.fromkeys(m.phrase for m in ms)), sorted({m.source for m in ms}), "")
                                 for ms in (done, not_done) if ms]
        if len(groups) == 1 and len({r.article for r in groups[0][1]}) < 2:
            continue
        out.append(("status", topic, groups))
    return out


def word_groups(claims: Sequence[ArticleClaims], index: PlayerIndex) -> list[Group]:
    """The same quoted words reported with different companions or content."""
    records = [a for c in claims for a in c.attributed]
    joined: UnionFind[int] = UnionFind()
    # Only records sharing a word are compared (through an index of words), which joins the same
    # records as trying every pair, without the square of the corpus.
    by_word: dict[str, list[int]] = {}
    for i, a in enumerate(records):
        for w in set(a.words):
            by_word.setdefault(w, []).append(i)
    for i, a in enumerate(records):
        for j in sorted({j for w in set(a.words) for j in by_word[w] if j < i}):
            if joined.find(i) != joined.find(j) and _same_people(a.source, records[j].source, index):
                joined.union(i, j)
    clusters: dict[int, list[Attributed]] = {}
    for i, a in enumerate(records):
        clusters.setdefault(joined.find(i), []).append(a)
    out: list[Group] = []
    for members in clusters.values():
        if len({m.source.article for m in members}) < 2:
            continue
        shared = set.intersection(*(set(m.words) for m in members))
        common = Counter(w for m in members for w in m.words).most_common(1)[0][0]
        versions: dict[frozenset[str], list[Attributed]] = {}
        for m in members:
            versions.setdefault(frozenset(m.words), []).append(m)
        people = sorted(set.intersection(*(set(index.in_sentence(m.source)) for m in members)))
        who = f" ({', '.join(index.name(p) for p in people)})" if people else ""
        written = {w: s for m in members for w, s in zip(m.words, m.shown)}
        said = " / ".join(written.get(w, w) for w in sorted(shared)) or written.get(common, common)
        topic = f"words attributed: “{said}”{who}"
        groups: list[Version] = [(ms[0].phrase, sorted({m.source for m in ms}), "")
                                 for _k, ms in sorted(versions.items(), key=lambda kv: sorted(kv[0]))]
        out.append(("words", topic, groups))
    return sorted(out, key=lambda g: g[1])


def _same_people(a: SourceRef, b: SourceRef, index: PlayerIndex) -> bool:
    """Whether two sentences can be about the same exchange: they share a player, or name none."""
    pa, pb = set(index.in_sentence(a)), set(index.in_sentence(b))
    return not pa or not pb or bool(pa & pb)
