"""Who negotiates with, opposes, criticises, partners with or competes with whom.

Per sentence: a verb (or a noun such as "talks with") from `relation_verbs`/`relation_nouns`
linking a name on its subject side to a name on its object side. The corpus step resolves the
names to player ids through the players index and merges the same link across sentences.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...model import Relation, SourceRef
from .claims import names_in, words
from ..index import PlayerIndex

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "pobj", "dative", "attr", "oprd"}
OBJECT_PREPS = {"with", "against", "on", "to", "between", "about", "over", "from", "at"}


@dataclass(frozen=True, slots=True)
class Link:
    """Two sides of a linking verb, as the names written on each side."""

    source: SourceRef
    verb: str  # the relation label: "negotiates with"
    subject: tuple[str, ...]
    object: tuple[str, ...]


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, borrowed from the governing verb for "moved to X", "X and Y"."""
    cur = tok
    for _ in range(3):
        subj = next((c for c in cur.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            return subj
        if cur.dep_ not in {"xcomp", "conj", "advcl", "ccomp"} or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _objects(tok: Token) -> list[Token]:
    """Direct objects and objects of the prepositions that follow a verb or noun."""
    out = [c for c in tok.children if c.dep_ in {"dobj", "dative", "oprd"}]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS):
        out.extend(g for g in prep.children if g.dep_ == "pobj")
    return out


def _subtree(tok: Token, stop: Token | None = None) -> list[Token]:
    """A token's subtree without the part under `stop` (so a subject does not swallow the verb)."""
    skip = {t.i for t in stop.subtree} if stop is not None else set()
    return [t for t in tok.subtree if t.i not in skip]


def links_in(ref: SourceRef, sent: Span) -> list[Link]:
    """Relation candidates in one sentence."""
    verbs = words().relation_verbs
    nouns = words().relation_nouns
    out: list[Link] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in verbs:
            subj = _subject(tok)
            if subj is None:
                continue
            sides = [_subtree(o) for o in _objects(tok)]
            label = verbs[lemma]
            if subj.dep_ == "nsubjpass":  # "X was criticised by Y": the agent is the subject
                agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
                if not agent:
                    continue
                sides = [_subtree(subj)]
                subj = agent[0]
        elif tok.pos_ == "NOUN" and lemma in nouns:
            governor = tok.head if tok.dep_ in {"dobj", "nsubj", "pobj"} else None
            subj = _subject(governor) if governor is not None and governor.pos_ in {"VERB", "AUX"} else None
            preps = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}
                     for g in c.children if g.dep_ == "pobj"]
            if subj is None or not preps:
                continue
            sides = [_subtree(p) for p in preps]
            label = nouns[lemma]
        else:
            continue
        left = names_in(_subtree(subj), subj)
        right = tuple(n for side in sides for n in names_in(side, _head(side)))
        if left and right:
            out.append(Link(ref, label, left, right))
    return out


def _head(tokens: list[Token]) -> Token | None:
    """The token of a subtree whose head lies outside it."""
    ids = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), None)


def _resolve(index: PlayerIndex, names: tuple[str, ...]) -> str | None:
    for name in names:
        pid = index.resolve(name)
        if pid:
            return pid
    return None


def combine_links(links: Sequence[Link], index: PlayerIndex) -> tuple[Relation, ...]:
    """Resolve both sides to players and merge the same link; most supported first."""
    merged: dict[tuple[str, str, str], list[SourceRef]] = {}
    for link in links:
        subj, obj = _resolve(index, link.subject), _resolve(index, link.object)
        if not subj or not obj or subj == obj:
            continue
        refs = merged.setdefault((subj, link.verb, obj), [])
        if link.source not in refs:
            refs.append(link.source)
    rows = [Relation(s, v, o, tuple(sorted(refs))) for (s, v, o), refs in merged.items()]
    return tuple(sorted(rows, key=lambda r: (-len({x.article for x in r.sources}), -len(r.sources),
                                             r.subject, r.verb, r.object)))
