"""Key players: the people and organisations a story is about, merged across articles, typed by
the whole corpus's evidence, ranked by importance, with their roles, stances and quotes.

`article_mentions()` (in `mentions.py`) is the cacheable per-article step; `combine_players()`
turns every article's mentions into the cast. Cited news outlets are sources, never players.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ...config import Corrections
from ...corrections import apply_corrections
from ...slugs import slug
from ...ids import unique_ids
from ...model import Article, CitedOutlet, Player, Quote, Role, SourceRef, Statement
from .cluster import Clusters, cluster
from ..lexicon import Lexicon, fold, outlet_key
from .entities import SPELLING_CUE
from .mentions import ArticleMentions, Mention, RoleMention, article_mentions
from .filters import is_event, is_media, is_people_of_place, is_place, is_word, own_outlet_form
from .names import name_form
from .outlets import is_outlet

MAX_SOURCES = 5  # mention refs kept on a player entry
MAX_STANCES = 8
MAX_ROLE_WORDS = 12  # longer phrases ran on into a clause (as roles.MAX_ROLE_TOKENS); re-run tests/test_players.py
MIN_EVIDENCE = 1.0  # total person/organisation votes a name needs to be listed
# A player named once in the whole corpus is not one a reader needs (the dev references list
# players named at least twice); re-run bench/dev_eval.py (recall, p@N) after changing it.
MIN_MENTIONS = 1
# Page furniture repeated across articles ("Ship X towed to port #CNN"): a sentence of at least
# MIN_REPEATED_CHARS found in REPEATED_IN articles counts in its first article only. Short
# sentences ("Roe declined.") recur by chance. Chosen on the dev stories' promos; re-run
# bench/dev_eval.py (p@N) after changing them.
REPEATED_IN = 3
# Two cues that a name is a journalist's (2.0 each) make a reporter, not a player: one can be an
# interviewee's "told CNN's"; re-run bench/dev_eval.py (p@N, core recall) after changing it.
JOURNALIST_VOTES = 4.0
JOURNALIST_SHARE = 0.5  # or a journalist's cue for half the person votes: a reporter named rarely
MIN_REPEATED_CHARS = 40
SUBJECT_WEIGHT = 1.0  # see _score
VOICED = 1.0  # per article quoting the player or giving its stance; see _score
# Key players, listed with a page each (`_listing`): named in LISTED_ARTICLES articles, or in
# LISTED_SHARE of the corpus's articles where that is more, or among the first LISTED_TOP.
# LISTED_TOP is the size of a journalist's cast list (the dev references name 21 to 30);
# two articles is the least support that is not one writer's aside. On the dev stories
# (bench/dev_eval.py, 50 articles each) this lists 44 to 131 of 263 to 597 players and keeps
# every core reference player; re-run it (and --set full) after changing these.
LISTED_TOP = 30
LISTED_ARTICLES = 2
LISTED_SHARE = 0.01


@dataclass(frozen=True)
class Index:
    """Answers the other extractors' questions about players (see `index.PlayerIndex`)."""

    ids: dict[str, str] = field(default_factory=dict)  # folded name -> player id
    sentences: dict[tuple[str, int, int], tuple[str, ...]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    # Every name and alias of a player by its first word (or first character, for one that
    # starts with none), longest first: once a name is known to be a player, each occurrence
    # counts, including the ones the NER missed in that sentence. Looked up word by word, not
    # as one alternation of every name tried at every character (that took most of the corpus
    # step).
    by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, name: str) -> str | None:
        return self.ids.get(fold(name))

    def in_sentence(self, ref: SourceRef) -> tuple[str, ...]:
        found = list(self.sentences.get((ref.article, ref.paragraph, ref.sentence), ()))
        for name in _names_in(ref.quote, self.by_first):
            pid = self.ids.get(fold(name))
            if pid and pid not in found:
                found.append(pid)
        return tuple(found)

    def name(self, player_id: str) -> str:
        return self.names[player_id]


@dataclass(frozen=True)
class Cast:
    players: tuple[Player, ...]
    outlets: tuple[CitedOutlet, ...]
    index: Index
    notes: tuple[str, ...] = ()


def combine_players(mentions: Sequence[ArticleMentions], articles: tuple[Article, ...], lexicon: Lexicon,
                    corrections: Corrections) -> Cast:
    """Merge, type, rank and describe the players of the whole corpus."""
    mentions = sorted(mentions, key=lambda a: a.article)
    outlet_keys, cited = _outlets(mentions, lexicon)
    usage = _Usage(mentions)
    words = frozenset(k for k in usage.written if is_word([k], usage.written, usage.lowercase, usage.capitalised,
                                                          lexicon.actor_nouns))
    clusters = cluster(mentions, lexicon, outlet_keys, words)
    assigned: dict[str, list[Mention]] = defaultdict(list)
    repeated = _repeated(mentions)
    # each mention's cluster, found once: resolving the players' names later asks again for most
    # of them (a second pass over the corpus's mentions took a tenth of the corpus step)
    clustered: dict[tuple[str, str, int], str | None] = {}
    for a in mentions:
        for m in a.mentions:
            if repeated.get(m.ref.quote, a.article) != a.article:
                continue  # a sentence printed in many articles (a promo, a ticker) counts once
            # an outlet's name is in no cluster (cluster() leaves `outlet_keys` out)
            c = clusters.of(m, a.mentions) if fold(m.name) not in outlet_keys else None
            clustered[a.article, m.name, m.order] = c
            if c is not None and c in clusters.kind:
                assigned[c].append(m)
    listed = {c: ms for c, ms in assigned.items() if _listable(c, ms, clusters, lexicon, usage)}
    drafts = [_draft(c, ms, clusters, lexicon) for c, ms in sorted(listed.items())]
    drafts.sort(key=lambda d: (-d.score, d.name))
    ids = _ids([d.name for d in drafts])
    by_cluster = {d.cluster: pid for d, pid in zip(drafts, ids)}
    resolver = _Resolver(clusters, by_cluster, mentions, listed, clustered)
    said = _Said(resolver, mentions)
    for d, pid in zip(drafts, ids):  # one who speaks in many articles acts in the story
        d.score += VOICED * said.voiced(pid)
    ranked = sorted(zip(drafts, ids), key=lambda dp: (-dp[0].score, dp[0].name))
    players = [_player(d, pid, resolver, said, lexicon, clusters.dominant) for d, pid in ranked]
    players, notes, renamed = apply_corrections(players, corrections)
    players = _listing(players, len(mentions))
    index = _index(players, resolver, mentions, renamed)
    return Cast(tuple(players), cited, index, tuple(notes))


@dataclass
class _Draft:
    cluster: str
    name: str
    kind: str
    mentions: list[Mention]
    score: float


def _outlets(mentions: Sequence[ArticleMentions], lexicon: Lexicon) -> tuple[set[str], tuple[CitedOutlet, ...]]:
    """Folded names that are news outlets, and the outlets the articles cite."""
    own = frozenset(outlet_key(a.outlet) for a in mentions if a.outlet)
    person_like = {fold(m.name) for a in mentions for m in a.mentions if m.label == "PERSON"}
    keys: set[str] = {fold(name) for name in own}
    refs: dict[str, list[SourceRef]] = defaultdict(list)
    for a in mentions:
        for c in a.citations:
            strong_only = lexicon.outlet(c.name) is None and not lexicon.looks_like_media(c.name)
            if is_outlet(c.name, c.strong, lexicon, own) and not (strong_only and fold(c.name) in person_like):
                keys.add(fold(c.name))
                refs[lexicon.outlet(c.name) or c.name].append(c.ref)
    for name in sorted({m.name for a in mentions for m in a.mentions}):  # each name once, not each mention
        if outlet_key(name) in own or is_media(name, lexicon) or own_outlet_form(name, own):
            keys.add(fold(name))
    # a name cited as a source ("..., Harbour Bulletin reported") wherever it is named, and never
    # called a person, is an outlet even without a cue that only outlets take. Chosen on the dev
    # stories (a share below all of its mentions took organisations that issue reports); re-run
    # bench/dev_eval.py (media, recall) after changing it.
    cited_times: Counter[str] = Counter(fold(c.name) for a in mentions for c in a.citations)
    named_times: Counter[str] = Counter(fold(m.name) for a in mentions for m in a.mentions)
    for key, n in sorted(cited_times.items()):
        if n >= named_times[key] and key not in person_like:
            keys.add(key)
    for a in mentions:  # "the Harbour News Agency (HNA)": the acronym is the outlet too
        for long, short in a.acronyms:
            if fold(long) in keys:
                keys.add(fold(short))
    cited = tuple(CitedOutlet(name, tuple(sorted(set(rs))))
                  for name, rs in sorted(refs.items(), key=lambda kv: (-len(set(kv[1])), kv[0])))
    return keys, cited


class _Usage:
    """How the corpus writes each name key: its usual spelling, how often in lower case, and
    how often capitalised where capitals mean a name (not opening a sentence)."""

    def __init__(self, mentions: Sequence[ArticleMentions]) -> None:
        self.lowercase: Counter[str] = Counter()
        self.capitalised: Counter[str] = Counter()
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for a in mentions:
            for name, n in a.lowercase:
                self.lowercase[fold(name)] += n
            for m in a.mentions:
                key = fold(m.name)
                spellings[key][m.name] += 1
                if not m.initial and not m.name.isupper():
                    self.capitalised[key] += 1
        self.written = {k: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, c in spellings.items()}


def _repeated(mentions: Sequence[ArticleMentions]) -> dict[str, str]:
    """Sentences found word for word in REPEATED_IN articles or more, each with the first article."""
    where: dict[str, set[str]] = defaultdict(set)
    for a in mentions:
        for m in a.mentions:
            if len(m.ref.quote) >= MIN_REPEATED_CHARS:
                where[m.ref.quote].add(a.article)
    return {q: min(arts) for q, arts in where.items() if len(arts) >= REPEATED_IN}


def _listable(c: str, ms: list[Mention], clusters: Clusters, lexicon: Lexicon, usage: _Usage) -> bool:
    """Enough evidence, and not a word, a place or a name that is never a player."""
    v = clusters.votes.get(c, {})
    if v.get("person", 0.0) + v.get("organization", 0.0) < MIN_EVIDENCE or len(ms) < MIN_MENTIONS:
        return False
    if v.get("media", 0.0) > 0 and v["media"] >= min(JOURNALIST_VOTES, JOURNALIST_SHARE * v.get("person", 0.0)):
        return False  # a reporter of the story ("CNN's Jane Roe", "correspondent Jane Roe")
    members = clusters.members[c]
    if is_word(members, usage.written, usage.lowercase, usage.capitalised, lexicon.actor_nouns):
        return False
    if all(len(k.split()) >= 2 and usage.written.get(k, k).isupper() for k in members):
        return False  # only ever in capitals: a headline or a dateline ("PORT CITY (Wire) -"), not prose
    if not any(e.cue != SPELLING_CUE for m in ms for e in m.evidence):
        return False  # capitals alone, no label nor cue: an acronym that is a word ("an ID card")
    if is_place(members, v, len(ms)) or is_event(members, lexicon) or is_people_of_place(members):
        return False
    return not all(k in lexicon.not_names for k in clusters.members[c])


def _draft(c: str, ms: list[Mention], clusters: Clusters, lexicon: Lexicon) -> _Draft:
    kind = clusters.kind[c]
    return _Draft(c, _canonical(c, ms, kind, lexicon), kind, sorted(ms, key=_mention_key), _score(ms))


def _mention_key(m: Mention) -> tuple[str, int, int, int]:
    return (m.ref.article, m.ref.paragraph, m.ref.sentence, m.order)


def _score(ms: list[Mention]) -> float:
    """Importance: articles naming the player count most, then mentions, subject position, leads.
    Chosen so that a player named in every article outranks one named often in one article.
    Acting (the subject of a sentence) weighs as much as being named again, and each article
    where the player speaks or takes a stance adds VOICED (combine_players): a name dropped in
    passing ("a film by Jane Roe") is not an actor of the story. The weights were compared on
    the dev stories (bench/dev_eval.py, p@N) over 0.5-1.5 for subjects and 0-2 for VOICED;
    re-run it after changing them."""
    articles = len({m.ref.article for m in ms})
    subjects = sum(m.subject for m in ms)
    leads = len({m.ref.article for m in ms if m.lead})
    return 2.0 * articles + math.log2(1 + len(ms)) + SUBJECT_WEIGHT * math.log2(1 + subjects) + 0.5 * leads


def _canonical(c: str, ms: list[Mention], kind: str, lexicon: Lexicon) -> str:
    """The name shown: the synonym list's, else the most used full form."""
    for m in ms:
        known = lexicon.canonical(m.name)
        if known:
            return known
    forms = Counter(_tidy(m.name) for m in ms)
    if kind == "person":  # the fullest name, written without a title or a letter lost to encoding
        def fullness(f: str) -> tuple[int, bool]:
            words = name_form(f, lexicon).words
            clean = not re.search(r"(^|\s)[A-Za-z](\s|$)", f) and len(words) == len(
                [w for w in f.split() if not re.fullmatch(r"(?:[A-Z]\.)+|Jr\.?|Sr\.?", w)])
            return len(words), clean
        best = max(fullness(f) for f in forms)
        forms = Counter({f: n for f, n in forms.items() if fullness(f) == best})
    else:  # prefer a spelled-out name to an acronym defined for it, and to its short form
        spelled = Counter({f: n for f, n in forms.items() if not f.isupper() or len(f) > 6})
        forms = spelled or forms
        whole = Counter({f: n for f, n in forms.items()
                         if not any(g.startswith(f + " ") or g.endswith(" " + f) for g in forms)})
        forms = whole or forms
    return max(forms.items(), key=lambda fn: (fn[1], len(fn[0]), fn[0]))[0]


@lru_cache(maxsize=65536)  # the same few names, tens of thousands of times in a large corpus
def _tidy(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'")
    text = re.sub(r"^[Tt]he\s+", "", text.strip())
    return " ".join(text.split())


def _ids(names: list[str]) -> list[str]:
    return unique_ids([slug(name) or "player" for name in names])


class _Resolver:
    """Player ids for names and pronouns, article by article."""

    def __init__(self, clusters: Clusters, ids: dict[str, str], mentions: Sequence[ArticleMentions],
                 listed: dict[str, list[Mention]], clustered: dict[tuple[str, str, int], str | None]) -> None:
        """`clustered`: the clusters of names already found, by (article, name, order). It becomes
        the memo of their ids, in place: a second dict of every mention in the corpus would hold
        tens of megabytes more at 10,000 articles."""
        self.clusters = clusters
        self.ids = ids
        self.by_article = {a.article: a for a in mentions}
        self.org_ids = {i for c, i in ids.items() if clusters.kind.get(c) == "organization"}
        for key, c in clustered.items():  # values only, which a dict allows while it is iterated
            clustered[key] = ids.get(c) if c is not None else None
        self.memo = clustered
        self.people: dict[str, list[tuple[int, str]]] = defaultdict(list)  # article -> (order, id)
        for c, ms in listed.items():
            if clusters.kind[c] == "person" and c in ids:
                for m in ms:
                    self.people[m.ref.article].append((m.order, ids[c]))
        for v in self.people.values():
            v.sort()

    def name(self, article: str, name: str, order: int) -> str | None:
        if (article, name, order) not in self.memo:
            self.memo[article, name, order] = self._name(article, name, order)
        return self.memo[article, name, order]

    def _name(self, article: str, name: str, order: int) -> str | None:
        a = self.by_article[article]
        probe = Mention(name, name, "", SourceRef(article, 0, 0, ""), order, False, False, ())
        c = self.clusters.of(probe, a.mentions)
        return self.ids.get(c) if c is not None else None

    def pronoun(self, article: str, pronoun: str, order: int) -> str | None:
        """he/she: the nearest person named before; other pronouns are not resolved."""
        if pronoun not in ("he", "she"):
            return None
        before = [pid for o, pid in self.people.get(article, []) if o < order]
        return before[-1] if before else None


class _Said:
    """Who said each quote, took each stance and holds each role, resolved once for the corpus
    (asking for every player in turn would resolve every quote once per player)."""

    def __init__(self, resolver: _Resolver, mentions: Sequence[ArticleMentions]) -> None:
        self.quotes: dict[str, list[Quote]] = defaultdict(list)
        self.stances: dict[str, list[Statement]] = defaultdict(list)
        self.roles: dict[str, list[tuple[ArticleMentions, RoleMention, int]]] = defaultdict(list)
        for a in mentions:
            for q in a.quotes:
                who = resolver.name(a.article, q.speaker, q.order) if q.speaker else \
                    resolver.pronoun(a.article, q.pronoun, q.order)
                if who is not None:
                    self.quotes[who].append(Quote(q.text, who, q.ref))
            for s in a.stances:
                who = resolver.name(a.article, s.name, s.order) if s.name else \
                    resolver.pronoun(a.article, s.pronoun, s.order)
                if who is not None:
                    self.stances[who].append(Statement(s.ref.quote, s.ref))
            orders = {(m.ref, m.name): m.order for m in reversed(a.mentions)}  # the first wins
            for r in a.roles:
                order = orders.get((r.ref, r.name), 0)
                who = resolver.name(a.article, r.name, order)
                if who is not None:
                    self.roles[who].append((a, r, order))

    def voiced(self, pid: str) -> int:
        """Articles in which the player is quoted or states a position."""
        return len({q.source.article for q in self.quotes.get(pid, ())} |
                   {s.source.article for s in self.stances.get(pid, ())})


def _player(d: _Draft, pid: str, resolver: _Resolver, said: _Said, lexicon: Lexicon,
            dominant: dict[str, str]) -> Player:
    surfaces = {_tidy(m.surface) for m in d.mentions} | {_tidy(m.name) for m in d.mentions}
    # a surname shared in the family is the alias of its dominant holder only
    aliases = tuple(sorted((s for s in surfaces if s != d.name and fold(s)
                            and dominant.get(fold(s), d.cluster) == d.cluster), key=lambda s: (s.lower(), s)))
    roles: tuple[Role, ...] = ()
    if d.kind == "person":
        roles = _roles([h for h in said.roles.get(pid, []) if not h[1].describes], resolver, lexicon)
    else:  # an organisation's description as the text gives it: "the oil company"
        roles = _roles([h for h in said.roles.get(pid, []) if h[1].describes], resolver, lexicon)
    quotes = list(said.quotes.get(pid, []))
    stances = list(said.stances.get(pid, []))
    quotes = sorted(set(quotes), key=lambda q: (q.source, q.text))
    stances = sorted(set(stances), key=lambda s: s.source)[:MAX_STANCES]
    sources = tuple(sorted({m.ref for m in d.mentions}, key=lambda r: (r.article, r.paragraph, r.sentence)))
    return Player(
        id=pid, name=d.name, kind=d.kind,  # type: ignore[arg-type]  # checked by cluster._decide
        aliases=aliases, roles=roles, stances=tuple(stances), quotes=tuple(quotes),
        articles=tuple(sorted({m.ref.article for m in d.mentions})), mentions=len(d.mentions),
        score=d.score, sources=_spread(sources))


def _listing(players: list[Player], articles: int) -> list[Player]:
    """Mark the key players (listed, a page each) and put them first, each part in rank order.

    A key player is one the coverage returns to: named in LISTED_ARTICLES articles or more (and
    in LISTED_SHARE of them, so that a larger corpus asks more), or among the first LISTED_TOP
    by rank, so that a small corpus lists all its players. The others stay in briefing.json and
    on the players page, searchable, without a page each."""
    need = max(LISTED_ARTICLES, math.ceil(LISTED_SHARE * articles))
    flags = [rank < LISTED_TOP or len(p.articles) >= need for rank, p in enumerate(players)]
    out = [p for p, f in zip(players, flags) if f]
    out += [replace(p, listed=False) for p, f in zip(players, flags) if not f]
    return out


def _spread(refs: tuple[SourceRef, ...]) -> tuple[SourceRef, ...]:
    """A few mentions, one per article first."""
    first: dict[str, SourceRef] = {}
    for r in refs:
        first.setdefault(r.article, r)
    picked = list(first.values())[:MAX_SOURCES]
    picked += [r for r in refs if r not in picked][: MAX_SOURCES - len(picked)]
    return tuple(sorted(picked))


def _roles(held: Sequence[tuple[ArticleMentions, RoleMention, int]], resolver: _Resolver,
           lexicon: Lexicon) -> tuple[Role, ...]:
    """Roles as written, grouped by their words; most supported first, each with its first source."""
    groups: dict[frozenset[str], list[tuple[str, SourceRef]]] = defaultdict(list)
    for a, r, order in held:
        text = _role_text(r.title, r.org, r.text, a.article, order, resolver, lexicon)
        if text is None:
            continue
        if _names_another(text, lexicon):
            text = text.rsplit(" and ", 1)[1]  # "Secretary Jane Roe and Council Director": the last is theirs
        if not _run_on(text):  # a phrase that ran on into a list or clause is no role
            groups[_role_words(text)].append((text, r.ref))
    # rank by the support of the title at a group's head, so that "Prime Minister", "British
    # prime minister" and "the prime minister" add up against a one-off phrase
    heads: dict[str, set[str]] = defaultdict(set)
    head_of = {k: _head_title(k, lexicon) for k in groups}
    for k, g in groups.items():
        heads[head_of[k]].update(ref.article for _, ref in g)
    ranked = sorted(groups.items(), key=lambda kg: (
        -len(heads[head_of[kg[0]]]) if head_of[kg[0]] else 0,
        -len({ref.article for _, ref in kg[1]}), -len(kg[1]), min(ref for _, ref in kg[1])))
    out = []
    for _words, group in ranked:
        texts = Counter(t for t, _ in group)
        text = max(texts.items(), key=lambda tn: (tn[0][:1].isupper(), tn[1], tn[0]))[0]
        out.append(Role(text, min(ref for t, ref in group if t == text)))
    return tuple(out)


def _names_another(text: str, lexicon: Lexicon) -> bool:
    """True for a role phrase that lists someone else's title and name before " and " and a title
    ("Treasury Secretary Jane Roe and Council Director"), not for "co-founder and research lead"."""
    if " and " not in text:
        return False
    before, after = text.rsplit(" and ", 1)
    words = [w for w in before.replace("-", " ").split() if w[:1].isupper()]
    titles = [w for w in words if w.lower() in lexicon.titles]
    return bool(_head_title(_role_words(after), lexicon)) and bool(titles) and len(words) - len(titles) >= 2


def _head_title(words: frozenset[str], lexicon: Lexicon) -> str:
    """The longest title of the lexicon all of whose words are in a role ("prime minister")."""
    found = [t for t in lexicon.titles | lexicon.ranks if set(t.split()) <= words]
    return max(found, key=lambda t: (len(t.split()), t)) if found else ""


def _run_on(text: str) -> bool:
    """A phrase that ran into a list or a clause ("Queen and the Duke of ...") is a poor role."""
    words = text.split()
    return not words or len(words) > MAX_ROLE_WORDS or " and the " in f" {text.lower()} " or \
        words[-1].lower() in ("and", "or", "of", "the")


def _role_text(title: str, org: str, text: str, article: str, order: int, resolver: _Resolver,
               lexicon: Lexicon) -> str | None:
    """"Acme CEO" and "CEO, Acme" read "CEO of Acme" when Acme is an organisation player; "Jane
    Roe of Acme" (no title) reads "Acme" then, and is no role otherwise ("of Springfield")."""
    if not org:
        return title
    org_id = resolver.name(article, org, order)
    is_org = org_id is not None and org_id in resolver.org_ids
    if not title:
        return _tidy(org) if is_org else None
    if is_org and title.lower() in lexicon.org_head_titles:
        return f"{title} of {org}"
    if text.lower().startswith(title.lower()) and org in text:  # "CEO, Acme"
        return f"{title}, {org}"
    return text


def _role_words(text: str) -> frozenset[str]:
    words = re.sub(r"[^\w\s]", " ", text.lower().replace("'s", " ").replace("\u2019s", " ")).split()
    return frozenset(w for w in words if w not in ("of", "the", "for", "and", "a", "an", "s"))


def _index(players: list[Player], resolver: _Resolver, mentions: Sequence[ArticleMentions],
           renamed: dict[str, str | None]) -> Index:
    ids: dict[str, str] = {}
    for p in players:
        for name in (p.name, *p.aliases):
            ids.setdefault(fold(name), p.id)
    known = {p.id for p in players}
    sentences: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for a in mentions:
        for m in sorted(a.mentions, key=lambda m: m.order):
            pid = resolver.name(a.article, m.name, m.order)
            pid = renamed.get(pid) if pid else None
            where = (m.ref.article, m.ref.paragraph, m.ref.sentence)
            if pid in known and pid not in sentences[where]:
                sentences[where].append(pid)
    forms = sorted({n for p in players for n in (p.name, *p.aliases) if len(n) > 2},
                   key=lambda n: (-len(n), n))
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in forms:  # longest first
        by_first[_first_token(form)].append(form)
    return Index(ids, {k: tuple(v) for k, v in sorted(sentences.items())}, {p.id: p.name for p in players},
                 {c: tuple(fs) for c, fs in by_first.items()})


_WORD = re.compile(r"\w")
_TOKEN = re.compile(r"\w+|\W")


def _first_token(text: str) -> str:
    match = _TOKEN.match(text)
    return match.group(0) if match else ""


def _names_in(text: str, by_first: dict[str, tuple[str, ...]]) -> list[str]:
    """The players' names in `text`, in order: at each place not inside a word, the
    longest name that starts there and is not followed by a word character; the search goes on
    after it. A name that matches at a place starts with the word (or the character) found
    there, since the name, like the text, ends its first word where a non-word character or
    its end follows."""
    out: list[str] = []
    end = 0
    for token in _TOKEN.finditer(text):
        i = token.start()
        forms = by_first.get(token.group(0))
        if i < end or not forms or (i and _WORD.match(text, i - 1)):
            continue
        hit = next((f for f in forms if text.startswith(f, i)
                    and not (i + len(f) < len(text) and _WORD.match(text, i + len(f)))), None)
        if hit is not None:
            out.append(hit)
            end = i + len(hit)
    return out


__all__ = ["ArticleMentions", "Cast", "Index", "article_mentions", "combine_players"]
