"""Positions: what named parties state they want, refuse or argue, grouped by the issue they
speak to. Issues are named by the nouns several parties take a stance on; a party without a
stated position on an issue has no entry (no "not stated" cells).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...ids import unique_ids
from ...model import Issue, Position, SourceRef
from ...slugs import ID_LIMIT, slug
from ...wordlists import stance_verbs
from ..index import PlayerIndex
from .claims import names_in, words

MAX_ISSUES = 8  # a short list a reader takes in at a glance
MAX_POSITION_WORDS = 45  # longer clauses fall back to the whole sentence


@dataclass(frozen=True, slots=True)
class Stance:
    """A party stating a stance: the subject's names, the clause, and what it is about."""

    source: SourceRef
    verb: str
    subject: tuple[str, ...]
    text: str
    terms: tuple[tuple[str, str], ...]  # (noun lemma, the phrase it heads as written), in order



def stances_in(ref: SourceRef, sent: Span) -> list[Stance]:
    """Stance verbs with a named subject, with the clause and the nouns it is about."""
    verbs = set(stance_verbs().position)
    generic = set(words().generic_nouns)
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
        aimed = _objects(tok)
        terms: list[tuple[str, str]] = []
        for t in clause:
            if t.i not in aimed:
                continue  # what the stance is on: its object, not the time, place or addressee
            if (t.i in subj_ids or t.pos_ != "NOUN" or t.dep_ == "compound" or t.lemma_.lower() in generic
                    or len(t.lemma_) < 3 or t.ent_type_ in {"DATE", "TIME"}):
                continue
            mods = [c for c in t.children if c.dep_ in {"compound", "amod"} and c.i < t.i
                    and c.pos_ in {"NOUN", "ADJ", "PROPN"}]
            phrase = sent.doc[mods[0].i if mods else t.i: t.i + 1].text
            # keyed with its compounds: a "bailout plan" and an "anti-foreclosure plan" are two issues
            kind = [c.lemma_.lower() for c in t.children if c.dep_ == "compound" and c.i < t.i]
            terms.append((" ".join(kind + [t.lemma_.lower()]), phrase))
        out.append(Stance(ref, tok.lemma_.lower(), names, text, tuple(terms)))
    return out


OBJECT_PREPS = {"against", "for", "on", "over", "about", "to", "with"}
ADDRESSEE_VERBS = {"urge", "ask", "call"}  # "urged the government to X": the issue is in X


def _objects(tok: Token, depth: int = 0) -> set[int]:
    """Token ids of the nouns a stance is on: the verb's objects, objects of its prepositions
    ("argued against cutting aid"), and of the clause it governs ("refused to join the talks"),
    with the nouns they are coordinated with."""
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ in {"dobj", "attr", "oprd"} and not (tok.lemma_.lower() in ADDRESSEE_VERBS
                                                       and any(g.dep_ == "xcomp" for g in tok.children)):
            out.add(c.i)
        elif c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
            for g in c.children:
                if g.dep_ == "pobj":
                    out.add(g.i)
                elif g.dep_ == "pcomp" and depth < 2:
                    out |= _objects(g, depth + 1)
        elif c.dep_ in {"xcomp", "ccomp"} and depth < 2:
            out |= _objects(c, depth + 1)
    for i in list(out):
        out |= {g.i for g in tok.doc[i].conjuncts}
    # and the nouns the objects govern: "the removal of these restrictions", "limits on weapons"
    for i in list(out):
        out |= {t.i for t in tok.doc[i].subtree if t.pos_ == "NOUN" and t.dep_ in {"pobj", "conj", "dobj"}}
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

    # An issue is one that two parties state a position on: one party alone is no comparison.
    # Two articles too: one article's aside is not what the coverage disputes.
    ranked = sorted((t for t in parties if len(parties[t]) >= 2 and len(arts[t]) >= 2),
                    key=lambda t: (-weight(t), t))[:MAX_ISSUES]
    rank = {t: i for i, t in enumerate(ranked)}
    merged: dict[tuple[str, str, str], list[SourceRef]] = {}
    for party, s in resolved:
        terms = [t for t, _p in s.terms if t in rank]
        if not terms:
            continue  # a stance on nothing another party speaks to: no column to put it in
        refs = merged.setdefault((min(terms, key=lambda t: rank[t]), party, s.text), [])
        if s.source not in refs:
            refs.append(s.source)
    # Each stance went to its first-ranked issue: keep only issues still held by two parties,
    # so no column (and no party row) of the table is empty.
    held: dict[str, set[str]] = {}
    for issue, party, _text in merged:
        held.setdefault(issue, set()).add(party)
    kept = {t for t, ps in held.items() if len(ps) >= 2}
    merged = {k: v for k, v in merged.items() if k[0] in kept}
    used = sorted(kept, key=lambda t: rank[t])
    ids = dict(zip(used, unique_ids([issue_id(t) for t in used])))  # topics alike in 60 characters
    issues = tuple(Issue(ids[t], _issue_name(phrases[t])) for t in used)
    positions = tuple(Position(p, ids[t], text, tuple(sorted(refs)))
                      for (t, p, text), refs in sorted(merged.items(), key=lambda kv: (rank[kv[0][0]],
                                                                                      kv[0][1], kv[0][2])))
    return issues, positions


def _issue_name(phrases: Counter[str]) -> str:
    """The phrase most often used for an issue, longer forms first on ties."""
    best = sorted(phrases.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    return best[:1].upper() + best[1:]


def issue_id(text: str) -> str:
    """An issue's or disagreement's id: the topic's slug, short enough for an anchor."""
    return slug(text, ID_LIMIT, "item")
