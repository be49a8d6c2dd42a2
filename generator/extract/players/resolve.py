"""Cross-document entity resolution: which of the corpus's names are one actor.

Each rule proposes links between name groups from one kind of evidence, compared only within
blocks (names sharing a surname's sound, or a first word's first letters), so the work grows
with the corpus, not with its square:

- people: the same surname (or a spelling of it: edit distance with rapidfuzz, sound with
  jellyfish's metaphone, guarded by how often each form occurs) and compatible given names
  (the same, a nickname of it from the `nicknames` data, a transliteration, an initial);
  two given names that differ ("Jane Roe", "John Roe") keep two people apart;
- organisations: the same words in another order, a spelling variant, and a leading part the
  corpus uses alone ("Acme" for "Acme Brothers") when only one long name starts with it.

Names that share a sentence are never merged: a text that writes both means two things.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz

from .names import LINK_WORDS, NameForm

# Surname spellings: the same metaphone key and at least this rapidfuzz ratio ("moussavi" /
# "mousavi" 93; "hamadi" / "hamedy", the same key, at 67 is below it), or a higher ratio alone when one spelling is rare
# ("bair" / "baird" 89). Chosen on the dev stories' variants against their distinct
# same-surname-block pairs; re-run bench/dev_eval.py (split, p@N) and tests/test_resolve.py.
SOUND_RATIO = 70.0
SPELLING_RATIO = 85.0
# The rarer of two spellings merges on spelling alone only when the other is this many times
# as frequent: a typo is rare next to the name it misspells, two real names need not be.
RARE_SHARE = 3
MIN_SURNAME = 4  # shorter surnames ("Roe", "Rowe") differ by one letter too easily
# Given names written differently ("ahmad" / "ahmed", "aleksandr" / "alexander"): same sound and
# at least this ratio. Same provenance as SOUND_RATIO.
GIVEN_RATIO = 75.0
# Organisation names that are one spelling apart ("Medecins"/"Medicins", "Stearns"/"Sterns").
ORG_RATIO = 90.0
# A one-word name joins the long name it opens only when used less than this many times as
# often: "Acme" named 6 times beside "Acme Research" once is the parent company; "Acme" 16 times
# beside "Acme Brothers" 15 times is its short form. Re-run bench/dev_eval.py (split) and
# tests/test_resolve.py after changing it.
SHORT_FORM_SHARE = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name group as resolution sees it: its root, kind, forms and how often it occurs."""

    root: str
    kind: str | None
    forms: tuple[NameForm, ...]
    count: int


Union = Callable[[str, str], None]
Apart = Callable[[str, str], bool]  # True when two groups share a sentence


def link_people(people: list[Candidate], union: Union, apart: Apart) -> None:
    """Merge people whose full names are one person written two ways."""
    blocks: dict[tuple[str, str], list[tuple[NameForm, Candidate]]] = defaultdict(list)
    for c in people:
        for f in c.forms:
            if len(f.words) < 2:
                continue
            sur = _bare_surname(f.surname)
            blocks["sound", _sound(sur)].append((f, c))
            blocks["spell", f.given[:1] + sur[:1]].append((f, c))
    for _key, members in sorted(blocks.items()):
        if len(members) > 200:  # a block this size is a common initial, not a name: skip
            continue
        for i, (fa, ca) in enumerate(members):
            for fb, cb in members[i + 1:]:
                if ca.root != cb.root and same_person(fa, fb, ca.count, cb.count) and not apart(ca.root, cb.root):
                    union(ca.root, cb.root)


def same_person(a: NameForm, b: NameForm, count_a: int = 1, count_b: int = 1) -> bool:
    """Two full names of one person: compatible given names and one surname spelled two ways."""
    rare = min(count_a, count_b) * RARE_SHARE <= max(count_a, count_b)
    return compatible_given(a.given, b.given, rare) and same_surname(a.surname, b.surname, count_a, count_b)


def same_surname(a: str, b: str, count_a: int = 1, count_b: int = 1) -> bool:
    a, b = _bare_surname(a), _bare_surname(b)
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_SURNAME:
        return False
    ratio = fuzz.ratio(a, b)
    if _sound(a) == _sound(b) and ratio >= SOUND_RATIO:
        return True
    rare = min(count_a, count_b) * RARE_SHARE <= max(count_a, count_b)
    return rare and ratio >= SPELLING_RATIO


def compatible_given(a: str, b: str, rare: bool = False) -> bool:
    """Given names of one person: equal, a nickname, a transliteration, or an initial; a rare
    form next to a frequent one ("Amid" beside "Ahmed") needs only to sound the same."""
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if nickname_of(a, b):
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 1:
        return True  # "jos" for "jose": a letter lost
    return _sound(a) == _sound(b) and (rare or fuzz.ratio(a, b) >= GIVEN_RATIO)


@lru_cache(maxsize=1 << 14)
def nickname_of(a: str, b: str) -> bool:
    """True when one name is a nickname of the other, or both of one name (the `nicknames` data)."""
    names = _namer()
    ca, cb = names.canonicals_of(a) | {a}, names.canonicals_of(b) | {b}
    return bool(ca & cb)


@lru_cache(maxsize=1)
def _namer():  # type: ignore[no-untyped-def]  # the package has no type hints
    from nicknames import NickNamer
    return NickNamer()


def link_orgs(orgs: list[Candidate], union: Union, apart: Apart) -> None:
    """Merge organisations written with the same words in another order, or one letter apart."""
    by_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    by_start: dict[str, list[tuple[NameForm, Candidate]]] = defaultdict(list)
    for c in orgs:
        for f in c.forms:
            content = f.content
            if len(content) >= 2:
                by_words[tuple(sorted(content))].append(c)
            if content:
                by_start[content[0][:3]].append((f, c))
    for _words, cs in sorted(by_words.items()):
        for c in cs[1:]:
            if c.root != cs[0].root and not apart(cs[0].root, c.root):
                union(cs[0].root, c.root)
    for _start, members in sorted(by_start.items()):
        if len(members) > 200:
            continue
        for i, (fa, ca) in enumerate(members):
            for fb, cb in members[i + 1:]:
                if ca.root != cb.root and same_org_spelling(fa, fb) and not apart(ca.root, cb.root):
                    union(ca.root, cb.root)


def same_org_spelling(a: NameForm, b: NameForm) -> bool:
    """The same organisation's name with a letter or two different, word for word; a one-word
    name must also sound the same ("al-Qaida", "al-Qaeda")."""
    wa, wb = a.content, b.content
    if len(wa) != len(wb) or not wa:
        return False
    if len(wa) == 1:
        x, y = wa[0], wb[0]
        return x != y and min(len(x), len(y)) >= 5 and _sound(x) == _sound(y) and fuzz.ratio(x, y) >= SOUND_RATIO
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(differ) == 1 and min(len(differ[0][0]), len(differ[0][1])) >= 5 \
        and fuzz.ratio(" ".join(wa), " ".join(wb)) >= ORG_RATIO


def link_short_forms(orgs: list[Candidate], singles: Iterable[Candidate], union: Union,
                     generic: frozenset[str] = frozenset(), designators: frozenset[str] = frozenset()) -> None:
    """"Acme" alone for "Acme Brothers": a one-word name, used no more often than the long one,
    that opens exactly one organisation's name; or closes exactly one ("Brotherhood"), unless it is a generic word for organisations
    ("Council", "Department": `generic`)."""
    opens: dict[str, set[str]] = defaultdict(set)
    closes: dict[str, set[str]] = defaultdict(set)
    size = {c.root: c.count for c in orgs}
    # "Acme AG", "Acme International": the same company whatever the counts
    legal = {c.root for c in orgs for f in c.forms if len(f.words) >= 2 and all(w in designators for w in f.words[1:])}
    for c in orgs:
        for f in c.forms:
            if len(f.words) >= 2 and f.words[0] not in LINK_WORDS:
                opens[f.words[0]].add(c.root)
            if len(f.content) >= 2:
                closes[f.content[-1]].add(c.root)
    for s in singles:
        words = [f.words[0] for f in s.forms if len(f.words) == 1]
        roots = {r for w in words for r in opens.get(w, ())} - {s.root}
        if not roots:
            roots = {r for w in words if w not in generic for r in closes.get(w, ())} - {s.root}
        if len(roots) == 1 and (SHORT_FORM_SHARE * size[(root := roots.pop())] > s.count or root in legal):
            union(s.root, root)  # a short form is rarer than the name it shortens: "Acme" for a
            # rarely named "Acme Research" is the parent company, not the research arm


def _bare_surname(word: str) -> str:
    """"al-hamid" and "hamid" are one surname; so are "el-hamid" and "elhamid"."""
    for article in ("al-", "el-", "ad-", "as-", "an-", "ash-", "ar-"):
        if word.startswith(article) and len(word) - len(article) >= 4:
            return word[len(article):].replace("-", "")
    return word.replace("-", "")


bare_surname = _bare_surname  # for cluster's "al-Hamid" / "Hamid"


@lru_cache(maxsize=1 << 15)
def _sound(word: str) -> str:
    return jellyfish.metaphone(word) if word.isascii() and word.replace("-", "").isalpha() else word


__all__ = ["Candidate", "bare_surname", "link_people", "link_orgs", "link_short_forms", "same_person",
           "same_surname", "compatible_given", "nickname_of", "same_org_spelling"]
