"""Which names are one player across the corpus, and what kind of player each is.

Names merge by: the synonym lists and the editor's aliases; acronyms defined in the text
("Department of Labor (DOL)"); a country prefix ("U.S. Department of Labor"); a surname or first
name alone standing for the one full name that has it; and spelling variants of a surname
(Kowalczyk, Kowalcyk, Kovalchik) that never appear in the same sentence. A surname shared by two
people ("Jane and John Roe") is left ambiguous and resolved mention by mention.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..lexicon import Lexicon, fold
from ..union_find import UnionFind
from .entities import LABEL_CUE
from .forces import FORCE_NAME
from .mentions import ArticleMentions, Mention
from .names import NameForm, name_form
from .resolve import Candidate, bare_surname, link_orgs, link_people, link_short_forms

# A surname variant merges at this similarity of the folded spellings; "gadafi"/"kadafi" is 0.83,
# "roe"/"rowe" is too short to be tried at all (MIN_FUZZY_LENGTH). Re-run tests/test_players.py.
FUZZY_RATIO = 0.8
MIN_FUZZY_LENGTH = 5
KINDS = ("person", "organization")
# A lone "Army" joins the most named country's military only when that one is named at least this
# many times as often as the next country's: 2 chosen on the dev stories (one country's forces
# dominate a story about it). Re-run bench/dev_eval.py (split, p@N) and tests/test_forces.py.
FORCE_SHARE = 2
_NOWHERE: frozenset[tuple[str, int, int]] = frozenset()


@dataclass
class Clusters:
    """The result: each name key's cluster, clusters' kinds, and surnames shared by several people."""

    root: dict[str, str]  # name key -> cluster id (a key)
    members: dict[str, list[str]]
    kind: dict[str, str]  # cluster id -> person | organization (players only)
    votes: dict[str, dict[str, float]]
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # key -> candidate cluster ids
    dominant: dict[str, str] = field(default_factory=dict)  # ambiguous key -> the cluster it names most
    given: frozenset[str] = frozenset()  # ambiguous keys that are a given name alone
    _memo: dict[int, tuple[Sequence[Mention], dict[str | None, _Orders]]] = field(
        default_factory=dict, repr=False, compare=False)

    def of(self, mention: Mention, article: Sequence[Mention]) -> str | None:
        """The cluster of one mention; a shared surname goes to the person its article names most,
        a shared given name to the one its article names (else it stays a name of its own)."""
        key = fold(mention.name)
        if key not in self.ambiguous:
            return self.root.get(key)
        candidates = self.ambiguous[key]
        orders = self._plain_roots(article)
        if key in self.given and not any(orders.get(c) for c in candidates):
            return self.root.get(key)
        return max(candidates, key=lambda c: (len(orders.get(c, ())), _last_before(orders.get(c), mention.order),
                                              len(self.members[c]), c))

    def _plain_roots(self, article: Sequence[Mention]) -> dict[str | None, _Orders]:
        """For each cluster, the orders of an article's unambiguous mentions of it, in the
        article's order; folded and grouped once per article, since every ambiguous mention of a
        long article would otherwise go through all of them again (it took most of the corpus
        step on real coverage)."""
        memo = self._memo.get(id(article))
        if memo is None or memo[0] is not article:
            grouped: dict[str | None, list[int]] = defaultdict(list)
            for m in article:
                k = fold(m.name)
                if k not in self.ambiguous:
                    grouped[self.root.get(k)].append(m.order)
            memo = (article, {c: _Orders(o, all(a <= b for a, b in zip(o, o[1:]))) for c, o in grouped.items()})
            self._memo[id(article)] = memo  # the article is kept, so its id cannot be reused
        return memo[1]


@dataclass(frozen=True, slots=True)
class _Orders:
    """The orders of one cluster's mentions in an article, in the article's sequence."""

    orders: list[int]
    ascending: bool  # as mentions almost always are (a table's come after the text's)

    def __len__(self) -> int:
        return len(self.orders)


def _last_before(found: _Orders | None, order: int) -> int:
    """The last of the orders (in their sequence) that is below `order`, else -1."""
    if found is None:
        return -1
    if found.ascending:
        i = bisect.bisect_left(found.orders, order)
        return found.orders[i - 1] if i else -1
    return next((o for o in reversed(found.orders) if o < order), -1)


def cluster(mentions: Sequence[ArticleMentions], lexicon: Lexicon, excluded: set[str],
            common_words: frozenset[str] = frozenset()) -> Clusters:
    """Group the corpus's names into players; `excluded` keys (outlets) are left out, and
    `common_words` (keys the corpus mostly writes as ordinary words: "People") never stand for a
    longer name."""
    every = [m for a in mentions for m in a.mentions if fold(m.name) and fold(m.name) not in excluded]
    # a name seen only inside titles, or only as an unlabelled sentence opener, is not a player
    standalone = {fold(m.name) for m in every if not m.in_title and (m.label or not m.initial)}
    every = [m for m in every if fold(m.name) in standalone]
    keys = sorted({fold(m.name) for m in every})
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    labels: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # the model's share
    count: Counter[str] = Counter()
    sentences: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for m in every:
        key = fold(m.name)
        count[key] += 1
        sentences[key].add((m.ref.article, m.ref.paragraph, m.ref.sentence))
        for ev in m.evidence:
            votes[key][ev.kind] += ev.weight
            if ev.cue.startswith(LABEL_CUE):
                labels[key][ev.kind] += ev.weight
    uf: UnionFind[str] = UnionFind()
    for key in keys:
        uf.find(key)
        canonical = lexicon.canonical(key)
        if canonical:
            uf.union(key, fold(canonical))
    for a in mentions:
        for long, short in a.acronyms:
            if fold(long) in count and fold(short) not in excluded:
                uf.union(fold(long), fold(short))
    for key in keys:
        for prefix in lexicon.country_prefixes:
            rest = key[len(prefix) + 1:]
            # a one-word rest ("Army") may be another country's: only a longer name joins
            if key.startswith(prefix + " ") and len(rest.split()) >= 2 and (rest in count or lexicon.canonical(rest)):
                uf.union(key, rest)
                break
        else:  # a nationality the corpus calls a place before a known name: "Ruritanian Grain Board"
            first, _, rest = key.partition(" ")
            if len(rest.split()) >= 2 and rest in count and _decide(votes.get(first, {})) == "place" \
                    and _decide(votes.get(rest, {})) == "organization":
                uf.union(key, rest)

    _bare_forces(uf, keys, count, lexicon)

    def prelim(key: str) -> str | None:
        v = votes.get(key, {})
        return _decide(v)

    written = _written_forms(every)
    person_form = {k: name_form(written[k], lexicon) for k in keys}
    org_form = {k: name_form(written[k], lexicon, person=False) for k in keys}
    _resolve(uf, keys, votes, count, sentences, person_form, org_form, written, lexicon, common_words)
    # again: organisations merged since have one root now, and people cannot be abbreviated
    group_kind = {r: _decide(_sum(votes.get(k, {}) for k in ms)) for r, ms in _groups(uf, keys).items()}
    _merge_initials(uf, every, keys, group_kind)
    _merge_articles(uf, keys, sentences)
    groups = _groups(uf, keys)
    group_votes = {r: _sum(votes.get(k, {}) for k in ms) for r, ms in groups.items()}
    persons = sorted(r for r, ms in groups.items() if _decide(group_votes[r]) == "person"
                     and any(len(person_form[k].words) >= 2 for k in ms))
    full_names = {r: [person_form[k] for k in groups[r] if len(person_form[k].words) >= 2] for r in persons}
    # word -> the persons whose full names end (start) with it, in the order of `persons`
    last_of: dict[str, list[str]] = defaultdict(list)
    first_of: dict[str, list[str]] = defaultdict(list)
    for r in persons:
        for word in sorted({f.surname for f in full_names[r]}):
            last_of[word].append(r)
        for word in sorted({f.given for f in full_names[r]}):
            first_of[word].append(r)
    ambiguous: dict[str, list[str]] = {}
    given: set[str] = set()
    for key in keys:
        words = person_form[key].words
        if len(words) != 1 or len(groups[uf.find(key)]) > 1 or prelim(key) == "place" or key in common_words:
            continue
        by_last = last_of.get(words[0], [])
        by_first = first_of.get(words[0], [])
        if len(by_last) == 1:
            uf.union(key, by_last[0])
        elif len(by_last) > 1:
            ambiguous[key] = by_last
        elif len(by_first) == 1 and len(key.split()) == 1:
            uf.union(key, by_first[0])
        elif len(by_first) > 1 and len(key.split()) == 1:
            ambiguous[key] = by_first  # "Jane" after "Jane Roe" in one article, "Jane Poe" in another
            given.add(key)
    _merge_variants(uf, keys, votes, sentences, ambiguous)
    groups = _groups(uf, keys)
    root = {k: uf.find(k) for k in keys}
    group_votes = {r: _weighed(ms, votes, labels, person_form) for r, ms in groups.items()}
    # a shared surname's candidates may have merged since: point at their final roots
    ambiguous = {k: sorted({uf.find(c) for c in cs}) for k, cs in ambiguous.items()}
    ambiguous = {k: cs for k, cs in ambiguous.items() if len(cs) > 1}
    kinds = {r: k for r, v in group_votes.items() if (k := _decide(v)) in KINDS}
    # a bare surname shared by several people is an alias of the one named most (the others
    # are family members or namesakes, and keep their full names only)
    dominant = {k: max(cs, key=lambda c: (sum(count[m] for m in groups[c]), c)) for k, cs in ambiguous.items()}
    return Clusters(root, groups, kinds, group_votes, ambiguous, dominant, frozenset(given))


def _weighed(members: list[str], votes: dict[str, dict[str, float]], labels: dict[str, dict[str, float]],
             person_form: dict[str, NameForm]) -> dict[str, float]:
    """A player's votes, with the model's label on a name written as one word counted only as
    far as the rest of the corpus agrees (the small model labels a lone word erratically):
    - a surname or given name that joined a full name the corpus calls a person does not vote
      organisation or place by its label ("Roe said" labelled ORG, beside "Jane Roe");
    - a lone word never given a full name does not vote person by its label when the text's
      own cues call it an organisation and none a person ("the agency Acme", "Acme said")."""
    total = dict(_sum(votes.get(k, {}) for k in members))
    lone = [k for k in members if len(k.split()) == 1]
    if not lone:
        return total
    if any(len(person_form[k].words) >= 2 and _decide(votes.get(k, {})) == "person" for k in members):
        drop = {kind for k in lone for kind in labels.get(k, {}) if kind != "person"}
    else:
        cues = _sum({kind: w - labels.get(k, {}).get(kind, 0.0) for kind, w in votes.get(k, {}).items()}
                    for k in members)
        drop = {"person"} if cues.get("organization", 0.0) > 0 and cues.get("person", 0.0) <= 0 else set()
    for k in lone:
        for kind in drop:
            total[kind] = max(0.0, total.get(kind, 0.0) - labels.get(k, {}).get(kind, 0.0))
    return total


def _merge_articles(uf: UnionFind, keys: list[str], sentences: dict[str, set[tuple[str, int, int]]]) -> None:
    """"al-Hamid" and "Hamid", each written alone, are one name with and without its article,
    unless a sentence writes both."""
    known = set(keys)
    for key in keys:
        rest = key.partition("-")[2]
        if " " in key or not rest or bare_surname(key) != rest.replace("-", ""):
            continue
        if rest in known and not sentences[key] & sentences[rest]:
            uf.union(key, rest)


def _bare_forces(uf: UnionFind[str], keys: list[str], count: Counter[str], lexicon: Lexicon) -> None:
    """"The Army said": a force word standing alone as a name joins the country's military
    (players/forces.py) that the corpus names far most often, the story's own forces."""
    armies: Counter[str] = Counter()
    for key in keys:
        if key.endswith(f" {FORCE_NAME}"):
            armies[uf.find(key)] += count[key]
    ranked = sorted(armies.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or len(ranked) > 1 and ranked[0][1] < FORCE_SHARE * ranked[1][1]:
        return  # two countries' forces named about as often: "the Army" may be either
    for key in keys:
        if key in lexicon.force_nouns and key in lexicon.actor_nouns:
            uf.union(key, ranked[0][0])


def _written_forms(every: Sequence[Mention]) -> dict[str, str]:
    """Each key's most used spelling as written (initials and titles show only there)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for m in every:
        seen[fold(m.name)][m.name] += 1
    return {k: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, c in seen.items()}


def _resolve(uf: UnionFind, keys: list[str], votes: dict[str, dict[str, float]], count: Counter[str],
             sentences: dict[str, set[tuple[str, int, int]]], person_form: dict[str, NameForm],
             org_form: dict[str, NameForm], written: dict[str, str], lexicon: Lexicon,
             words: frozenset[str] = frozenset()) -> None:
    """Run the resolution rules (`resolve.py`) over the groups formed so far."""
    groups = _groups(uf, keys)
    group_votes = {r: _sum(votes.get(k, {}) for k in ms) for r, ms in groups.items()}
    kind = {r: _decide(v) for r, v in group_votes.items()}
    size = {r: sum(count[k] for k in ms) for r, ms in groups.items()}
    where = {r: set().union(*(sentences[k] for k in ms)) for r, ms in groups.items()}

    def apart(a: str, b: str) -> bool:
        return not where.get(a, _NOWHERE).isdisjoint(where.get(b, _NOWHERE))

    people = [Candidate(r, "person", tuple(person_form[k] for k in ms), size[r])
              for r, ms in groups.items() if kind[r] == "person"]
    link_people(people, uf.union, apart)
    orgs = [Candidate(r, "organization", tuple(org_form[k] for k in ms), size[r])
            for r, ms in groups.items() if kind[r] == "organization"]
    link_orgs(orgs, uf.union, apart)
    singles = [Candidate(r, kind[r], (org_form[ms[0]],), size[r]) for r, ms in groups.items()
               if len(ms) == 1 and len(ms[0].split()) == 1 and kind[r] in KINDS
               and ms[0] not in lexicon.not_names and ms[0] not in words and not written[ms[0]].isupper()]
    link_short_forms(orgs, singles, uf.union, lexicon.org_nouns | lexicon.org_words | lexicon.titles
                     | lexicon.designators | lexicon.institution_words,
                     frozenset(w.strip(".") for w in lexicon.designators))


def _merge_initials(uf: UnionFind, every: Sequence[Mention], keys: list[str],
                    kind_of: dict[str, str | None] | None = None) -> None:
    """An acronym never defined in the text ("MTA", "MoD") joins the one multi-word name it
    abbreviates; with `kind_of`, only a name that is not a person or a place can be that one."""
    forms = sorted({m.name for m in every})
    initials: dict[str, set[str]] = defaultdict(set)
    for form in forms:
        parts = form.replace("-", " ").split()
        words = [w for w in parts if w[:1].isupper()]
        if len(words) >= 2:
            initials["".join(w[0] for w in words)].add(fold(form))
            initials["".join(w[0].upper() for w in parts)].add(fold(form))  # "Ministry of Defence": MOD
    for form in forms:
        mixed = form[:1].isupper() and sum(c.isupper() for c in form) >= 2 and len(form) <= 4  # "MoD", "DoH"
        if (form.isupper() or mixed) and form.isalpha() and 2 <= len(form) <= 6:
            found = {uf.find(k) for k in initials.get(form.upper(), ())}
            if kind_of is not None:
                found = {r for r in found if kind_of.get(r) == "organization"}
            if len(found) == 1:
                uf.union(fold(form), found.pop())


def _merge_variants(uf: UnionFind, keys: list[str], votes: dict[str, dict[str, float]],
                    sentences: dict[str, set[tuple[str, int, int]]], ambiguous: dict[str, list[str]]) -> None:
    """Merge spelling variants of a person's name that never share a sentence."""
    people = [k for k in keys if _decide(votes.get(k, {})) == "person" and k not in ambiguous]
    # Only two full names with the same first name can merge (see below), so compare within
    # those groups: the same unions as comparing every pair, without the square of the cast.
    by_first: dict[str, list[str]] = defaultdict(list)
    for k in people:
        if len(k.split()) >= 2:
            by_first[k.split()[0]].append(k)
    for group in by_first.values():
        _merge_group(uf, group, sentences)


def _merge_group(uf: UnionFind, people: list[str], sentences: dict[str, set[tuple[str, int, int]]]) -> None:
    """Within full names sharing a first name, merge those whose surnames are spellings of one
    another (equal skeletons, or SequenceMatcher ratio >= FUZZY_RATIO) and never share a sentence.
    Each name's surname skeleton is made once, a name whose surname is too short is never paired,
    and the ratio is bounded by the lengths before it is computed: the same unions as trying
    every pair in full, for a fraction of the work on a large cast."""
    shaped = []
    for key in people:
        words = key.split()
        skeleton = _skeleton(words[-1])
        if len(words) >= 2 and len(skeleton) >= MIN_FUZZY_LENGTH - 1 and len(words[-1]) >= MIN_FUZZY_LENGTH:
            shaped.append((key, skeleton))
    for i, (a, la) in enumerate(shaped):
        for b, lb in shaped[i + 1:]:
            if la != lb:
                # ratio = 2 * matches / (la + lb) <= 2 * min / sum: too far apart in length, no match
                if 2 * min(len(la), len(lb)) < FUZZY_RATIO * (len(la) + len(lb)):
                    continue
                matcher = difflib.SequenceMatcher(None, la, lb)
                # quick_ratio (shared letters, in any order) bounds ratio from above, cheaply
                if matcher.quick_ratio() < FUZZY_RATIO or matcher.ratio() < FUZZY_RATIO:
                    continue
            if uf.find(a) == uf.find(b) or not sentences[a].isdisjoint(sentences[b]):
                continue
            uf.union(a, b)


def _skeleton(word: str) -> str:
    """A spelling-insensitive form: no doubled letters, silent h after a consonant, q/k/c as k."""
    w = _NOT_LETTER.sub("", word.lower())
    w = _SILENT_H.sub(r"\1", w)
    w = _HARD_C.sub("k", w)
    return _DOUBLED.sub(r"\1", w)


_NOT_LETTER = re.compile(r"[^a-z]")
_SILENT_H = re.compile(r"([bcdfgjklmnpqrstvwxz])h")
_HARD_C = re.compile(r"[qc]")
_DOUBLED = re.compile(r"(.)\1+")


def _groups(uf: UnionFind, keys: Iterable[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        out[uf.find(k)].append(k)
    return {r: sorted(ms) for r, ms in sorted(out.items())}


def _sum(many: Iterable[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for v in many:
        for k, w in v.items():
            out[k] += w
    return dict(out)


def _decide(votes: dict[str, float]) -> str | None:
    """person or organization when those votes outweigh place/product/law ones; else the winner."""
    person, org = votes.get("person", 0.0), votes.get("organization", 0.0)
    other = {k: w for k, w in votes.items() if k not in KINDS}
    best_other = max(other.items(), key=lambda kw: (kw[1], kw[0]), default=("", 0.0))
    if person + org <= 0 or best_other[1] > person + org:
        return best_other[0] or None
    return "person" if person > org else "organization"


__all__ = ["Clusters", "cluster"]
