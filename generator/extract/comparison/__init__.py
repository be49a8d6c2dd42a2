"""Comparison: positions on disputed issues, disagreements and agreements between sources,
tables found in articles, and the relations between players.

`article_claims()` keeps, per article, the facts that can be compared (figures, statuses,
quoted words, stances, links, tables) as plain data; `combine_claims()` lines them up across
articles. A disagreement needs two articles reporting the same thing differently; the same
article changing its account (a timeline) is not one.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from sys import intern  # words repeat: one string per word in each cache entry and worker batch

from spacy.tokens import Span, Token

from ...model import (Agreement, Article, ArticleTable, Claim, Disagreement, Issue, Position, Relation,
                     SourceRef, Table)
from ...nlp import ParsedArticle
from .claims import (Attributed, Figure, StatusMention, attach_negated, attributed_in, figures_in,
                     names_in, sentences, statuses_in, words)
from ..index import PlayerIndex
from .relations import Link, combine_links, links_in

MAX_ISSUES = 8  # a short list a reader takes in at a glance
MAX_POSITION_WORDS = 45  # longer clauses fall back to the whole sentence
OTHER = "other-positions"  # the issue of stances no other party speaks to
# Ties between disagreements of the same support: a status in dispute reads as the most
# consequential, then figures, then who said what. Chosen on news coverage in general.
KIND_WEIGHT = {"status": 3, "figure": 2, "words": 1}


@dataclass(frozen=True, slots=True)
class Stance:
    """A party stating a stance: the subject's names, the clause, and what it is about."""

    source: SourceRef
    verb: str
    subject: tuple[str, ...]
    text: str
    terms: tuple[tuple[str, str], ...]  # (noun lemma, the phrase it heads as written), in order


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
    tables = tuple((parsed.ref(p.index, 0), p.table) for p in parsed.article.paragraphs
                   if p.kind == "table" and p.table is not None)
    return ArticleClaims(parsed.article.id, tuple(figures), tuple(attach_negated(statuses)),
                         tuple(attributed), tuple(stances), tuple(links), tables,
                         tuple(sorted(nouns.items())), count)


def stances_in(ref: SourceRef, sent: Span) -> list[Stance]:
    """Stance verbs with a named subject, with the clause and the nouns it is about."""
    verbs = set(words()["stance_verbs"])
    generic = set(words()["generic_nouns"])
    out: list[Stance] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in verbs:
            continue  # "refused to accept": the governing stance already holds this clause
        subj = _own_subject(tok)
        if subj is None:
            continue
        names = names_in(list(subj.subtree), subj)
        if not names:
            continue
        clause = _clause(tok, subj)
        text = sent.doc[clause[0].i: clause[-1].i + 1].text.strip(" ,;:—-")
        if not 4 <= len(text.split()) <= MAX_POSITION_WORDS:
            text = sent.text.strip()
        subj_ids = {t.i for t in subj.subtree}
        terms: list[tuple[str, str]] = []
        for t in clause:
            if (t.i in subj_ids or t.pos_ != "NOUN" or t.dep_ == "compound" or t.lemma_.lower() in generic
                    or len(t.lemma_) < 3):
                continue
            mods = [c for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i
                    and c.pos_ in {"NOUN", "ADJ", "PROPN"}]
            phrase = sent.doc[mods[0].i if mods else t.i: t.i + 1].text
            terms.append((t.lemma_.lower(), phrase))
        out.append(Stance(ref, tok.lemma_.lower(), names, text, tuple(terms)))
    return out


def _own_subject(tok: Token) -> Token | None:
    """The verb's subject, or its governor's for "moved to reject": never across clauses."""
    cur = tok
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            return subj
        if cur.dep_ != "xcomp" or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _clause(tok: Token, subj: Token) -> list[Token]:
    """The stance clause: subject and verb with their complements, without attached clauses
    that have a subject of their own ("..., while the agency insists ...")."""
    drop: set[int] = set()
    for child in tok.children:
        if child.dep_ in {"advcl", "conj", "parataxis", "cc"} and (
                child.dep_ == "cc" or any(g.dep_ in {"nsubj", "nsubjpass"} for g in child.children)):
            drop |= {t.i for t in child.subtree}
        if child.dep_ == "punct" and child.i > tok.i and child.text in {",", ";", "—"}:
            drop.add(child.i)
    keep = [t for t in tok.subtree if t.i not in drop]
    if subj.head.i != tok.i:  # a borrowed subject ("X moved to reject"): start from it
        keep = list(subj.subtree) + [t for t in keep if t.i > subj.i]
    keep.sort(key=lambda t: t.i)
    # Cut at the first gap, so the clause stays contiguous and verbatim.
    start = next(i for i, t in enumerate(keep) if t.i >= min(subj.left_edge.i, tok.i))
    run = [keep[start]]
    for t in keep[start + 1:]:
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    return run


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "item"


def _unique_ids(items: list[str]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for item in items:
        seen[item] += 1
        out.append(item if seen[item] == 1 else f"{item}-{seen[item]}")
    return out


# --- combining ---------------------------------------------------------------------------------

def combine_claims(claims: Sequence[ArticleClaims], articles: tuple[Article, ...],
                   index: PlayerIndex) -> Compared:
    """Line up every article's claims: disagreements, agreements, positions, tables, relations."""
    claims = sorted(claims, key=lambda c: c.article)
    found: list[tuple[tuple[int, int, str], str, tuple[Claim, ...]]] = []
    agreed: list[tuple[str, str, tuple[SourceRef, ...]]] = []
    for kind, topic, groups in (_figure_groups(claims, index) + _status_groups(claims)
                                + _word_groups(claims, index)):
        support = len({r.article for _v, refs in groups for r in refs})
        if len(groups) >= 2:
            sort_key = (-support, -KIND_WEIGHT[kind], topic)
            found.append((sort_key, topic, tuple(Claim(v, tuple(sorted(refs))) for v, refs in groups)))
        elif support >= 2:
            agreed.append((topic, groups[0][0], tuple(sorted(groups[0][1]))))
    found.sort(key=lambda f: f[0])
    ids = _unique_ids([slug(t) for _k, t, _c in found])
    disagreements = tuple(Disagreement(i, t, c) for i, (_k, t, c) in zip(ids, found))
    agreed.sort(key=lambda a: (-len({r.article for r in a[2]}), a[0]))
    agreements = tuple(Agreement(i, t, v, s) for i, (t, v, s)
                       in zip(_unique_ids([slug(a[0]) for a in agreed]), agreed))
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


Group = tuple[str, str, list[tuple[str, list[SourceRef]]]]  # kind, topic, [(value, sources)]


def _owners(figure: Figure, index: PlayerIndex) -> frozenset[str]:
    """Whom a figure is about: its possessor or subject if players, else the sentence's players."""
    near = {pid for pid in (index.resolve(n) for n in figure.holders) if pid}
    return frozenset(near or index.in_sentence(figure.source))


def _figure_clusters(figs: list[Figure], index: PlayerIndex) -> list[tuple[list[Figure], Counter[str]]]:
    """Figures of one concept grouped by party: two belong together when they share a player;
    a figure naming no player joins the group only when there is a single one."""
    groups: list[tuple[list[Figure], Counter[str]]] = []
    loose: list[Figure] = []
    for f in sorted(figs, key=lambda f: f.source):
        owners = _owners(f, index)
        if not owners:
            loose.append(f)
            continue
        hits = [g for g in groups if owners & set(g[1])]
        merged_figs, merged_owners = [f], Counter(owners)
        for g in hits:
            merged_figs += g[0]
            merged_owners += g[1]
            groups.remove(g)
        groups.append((merged_figs, merged_owners))
    if len(groups) == 1:
        groups[0][0].extend(loose)
    elif not groups and loose:
        groups.append((loose, Counter()))
    return groups


def _figure_groups(claims: Sequence[ArticleClaims], index: PlayerIndex) -> list[Group]:
    """Figures about the same thing of the same party, clustered by overlapping ranges."""
    by_key: dict[tuple[str, str], list[Figure]] = {}
    for c in claims:
        for f in c.figures:
            by_key.setdefault((f.concept, f.unit), []).append(f)
    out: list[Group] = []
    for (concept, _unit), all_figs in sorted(by_key.items()):
        for figs, owners in _figure_clusters(all_figs, index):
            if len({f.source.article for f in figs}) < 2:
                continue
            owner = sorted(owners.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if owners else ""
            topic = f"{concept} of {index.name(owner)}" if owner else concept
            groups = _value_groups(figs)
            if groups:
                out.append(("figure", topic, groups))
    return out


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


def _status_groups(claims: Sequence[ArticleClaims]) -> list[Group]:
    """The same status reported as done by some articles and only threatened by others."""
    by_key: dict[str, list[StatusMention]] = {}
    for c in claims:
        for m in c.statuses:
            if m.key:
                by_key.setdefault(m.key, []).append(m)
    nouns: dict[str, str] = words()["status_verbs"]
    out: list[Group] = []
    for key, mentions in sorted(by_key.items()):
        done_articles = {m.source.article for m in mentions if m.mode == "done"}
        done = [m for m in mentions if m.mode == "done"]
        not_done = [m for m in mentions if m.source.article not in done_articles]
        if len({m.source.article for m in mentions}) < 2:
            continue
        verb = Counter(m.verb for m in mentions if m.verb).most_common(1)[0][0]
        label = Counter(m.label for m in mentions if m.label).most_common(1)[0][0]
        noun = nouns.get(verb, verb)
        topic = label if label.startswith(noun) else f"{noun} as “{label}”"
        groups = [("; ".join(dict.fromkeys(m.phrase for m in ms)), sorted({m.source for m in ms}))
                  for ms in (done, not_done) if ms]
        out.append(("status", topic, groups))
    return out


def _word_groups(claims: Sequence[ArticleClaims], index: PlayerIndex) -> list[Group]:
    """The same quoted words reported with different companions or content."""
    records = [a for c in claims for a in c.attributed]
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only records sharing a word are compared (through an index of words), which joins the same
    # records as trying every pair, without the square of the corpus.
    by_word: dict[str, list[int]] = {}
    for i, a in enumerate(records):
        for w in set(a.words):
            by_word.setdefault(w, []).append(i)
    for i, a in enumerate(records):
        for j in sorted({j for w in set(a.words) for j in by_word[w] if j < i}):
            if find(i) != find(j) and _same_people(a.source, records[j].source, index):
                parent[find(i)] = find(j)
    clusters: dict[int, list[Attributed]] = {}
    for i, a in enumerate(records):
        clusters.setdefault(find(i), []).append(a)
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
        groups = [(ms[0].phrase, sorted({m.source for m in ms}))
                  for _k, ms in sorted(versions.items(), key=lambda kv: sorted(kv[0]))]
        out.append(("words", topic, groups))
    return sorted(out, key=lambda g: g[1])


def _same_people(a: SourceRef, b: SourceRef, index: PlayerIndex) -> bool:
    """Whether two sentences can be about the same exchange: they share a player, or name none."""
    pa, pb = set(index.in_sentence(a)), set(index.in_sentence(b))
    return not pa or not pb or bool(pa & pb)


# --- positions ---------------------------------------------------------------------------------

def combine_stances(stances: Sequence[Stance], index: PlayerIndex, share: dict[str, float] | None = None
                    ) -> tuple[tuple[Issue, ...], tuple[Position, ...]]:
    """Group stances into issues named by the nouns several parties, or several articles, take a
    stance on; `share` (noun -> share of all sentences holding it) ranks down the story's
    background words ("model" in a story about AI models)."""
    share = share or {}
    resolved: list[tuple[str, Stance]] = []
    for s in stances:
        party = next((p for p in (index.resolve(n) for n in s.subject) if p), None)
        if party:
            resolved.append((party, s))
    parties: dict[str, set[str]] = {}
    arts: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    phrases: dict[str, Counter[str]] = {}
    for party, s in resolved:
        for lemma, phrase in s.terms:
            parties.setdefault(lemma, set()).add(party)
            arts.setdefault(lemma, set()).add(s.source.article)
            counts[lemma] += 1
            phrases.setdefault(lemma, Counter())[phrase.lower()] += 1

    def weight(t: str) -> float:
        # Stances on it, discounted by how much of all the coverage mentions it: 1 - share.
        return (len(parties[t]) + counts[t]) * (1.0 - min(share.get(t, 0.0) * 2, 0.9))

    # An issue is disputed when two parties take a stance on it, or it recurs across articles.
    ranked = sorted((t for t in parties if counts[t] >= 2 and (len(parties[t]) >= 2 or len(arts[t]) >= 2)),
                    key=lambda t: (-weight(t), t))[:MAX_ISSUES]
    rank = {t: i for i, t in enumerate(ranked)}
    rank[OTHER] = len(rank)
    merged: dict[tuple[str, str, str], list[SourceRef]] = {}
    for party, s in resolved:
        terms = [t for t, _p in s.terms if t in rank]
        # A stance on nothing another party speaks to is still a stance: kept apart, last.
        issue = min(terms, key=lambda t: rank[t]) if terms else OTHER
        refs = merged.setdefault((issue, party, s.text), [])
        if s.source not in refs:
            refs.append(s.source)
    used = sorted({k[0] for k in merged}, key=lambda t: rank[t])
    issues = tuple(Issue(slug(t), _issue_name(phrases[t]) if t != OTHER else "Other stated positions")
                   for t in used)
    positions = tuple(Position(p, slug(t), text, tuple(sorted(refs)))
                      for (t, p, text), refs in sorted(merged.items(), key=lambda kv: (rank[kv[0][0]],
                                                                                      kv[0][1], kv[0][2])))
    return issues, positions


def _issue_name(phrases: Counter[str]) -> str:
    """The phrase most often used for an issue, longer forms first on ties."""
    best = sorted(phrases.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    return best[:1].upper() + best[1:]
