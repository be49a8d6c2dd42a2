"""The per-article step of the players stage: every name, role, quote, stance and cited outlet of
one article, as plain picklable records (the cache stores them; no spaCy objects).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ...model import SourceRef
from ...nlp import ParsedArticle, text_of
from .. import quotes
from . import forces, outlets, roles
from .entities import SUBJECT_DEPS, Evidence, evidence, is_subject, midsentence_words, name_spans
from ..lexicon import Lexicon

LEAD_PARAGRAPHS = 2  # the first text paragraphs: who a story is about is named early
ITEM_LABEL_TOKENS = 5
LOWERCASE_WORDS = 3  # names up to three words are checked for lower-case use ("swine flu")  # "Core Dispute: ..." list items start with a label this short


@dataclass(frozen=True, slots=True)
class Mention:
    name: str  # the name in full: "Jane Roe" for "Jane" in "Jane and John Roe"
    surface: str  # as written
    label: str  # spaCy's entity label, "" for a capitalised name it missed
    ref: SourceRef
    order: int  # position in the article, for "the nearest person before"
    subject: bool
    lead: bool
    evidence: tuple[Evidence, ...]
    in_title: bool = False  # inside a title ("Secretary of Labor"): counts only if named elsewhere too
    initial: bool = False  # opens its sentence, so capitalisation says nothing


@dataclass(frozen=True, slots=True)
class RoleMention:
    name: str
    title: str
    org: str
    text: str
    ref: SourceRef
    describes: bool = False  # what the text calls an organisation ("the oil company"), not a title


@dataclass(frozen=True, slots=True)
class QuoteMention:
    speaker: str  # a name, or "" when `pronoun` stands for the speaker
    pronoun: str
    text: str
    ref: SourceRef
    order: int


@dataclass(frozen=True, slots=True)
class StanceMention:
    name: str  # or "" with a pronoun
    pronoun: str
    ref: SourceRef
    order: int


@dataclass(frozen=True, slots=True)
class Citation:
    name: str
    strong: bool
    ref: SourceRef


@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """What the players stage keeps from one article."""

    article: str
    outlet: str | None  # the article's own outlet, from its front matter
    mentions: tuple[Mention, ...] = ()
    roles: tuple[RoleMention, ...] = ()
    quotes: tuple[QuoteMention, ...] = ()
    stances: tuple[StanceMention, ...] = ()
    citations: tuple[Citation, ...] = ()
    acronyms: tuple[tuple[str, str], ...] = ()  # (long form, acronym) defined in the text
    # how often each name's words are written in lower case ("health" for "Health"): a name the
    # text mostly writes as an ordinary word is a word, not a player (see filters.py)
    lowercase: tuple[tuple[str, int], ...] = ()


def article_mentions(parsed: ParsedArticle, lexicon: Lexicon) -> ArticleMentions:
    """Collect the names and what the article says about them."""
    found = _Collector(parsed, lexicon)
    found.known = midsentence_words([d for p, d in parsed.paragraph_docs() if p.kind != "heading"])
    text_seen = 0
    blocks: list[tuple[int, Doc, list[Span]]] = []
    for para, doc in parsed.paragraph_docs():
        if para.kind == "heading":
            continue
        lead = para.kind == "text" and text_seen < LEAD_PARAGRAPHS
        text_seen += para.kind == "text"
        names = found.paragraph(para.index, doc, lead)
        blocks.append((para.index, doc, names))
    found.block_quotes(blocks)
    lowercase = lowercase_uses({m.name for m in found.mentions}, [text_of(d) for _, d, _ in blocks])
    for para in parsed.article.paragraphs:
        if para.table is not None:
            found.table(para.index)
    return ArticleMentions(
        article=parsed.article.id,
        outlet=parsed.article.outlet,
        mentions=tuple(found.mentions),
        roles=tuple(found.roles),
        quotes=tuple(found.quotes),
        stances=tuple(found.stances),
        citations=tuple(found.citations),
        acronyms=tuple(sorted(set(found.acronyms) | set(short_forms(found.mentions, lexicon)))),
        lowercase=lowercase,
    )


def lowercase_uses(names: set[str], texts: list[str]) -> tuple[tuple[str, int], ...]:
    """(name, times its lower-case form occurs as words in `texts`), for names used so.

    One pass over the words: every run of up to LOWERCASE_WORDS lower-case words is counted, so
    the cost does not grow with the number of names."""
    wanted = {n.lower() for n in names if n.lower() != n and len(n.split()) <= LOWERCASE_WORDS}
    runs: Counter[str] = Counter()
    firsts = {w.split()[0] for w in wanted}
    for text in texts:
        words = re.findall(r"[\w'-]+", text)  # a capitalised word never equals a lower-case name
        for i in range(len(words)):
            if words[i] not in firsts:
                continue
            for n in range(1, LOWERCASE_WORDS + 1):
                if i + n > len(words):
                    break
                run = " ".join(words[i:i + n])
                if run in wanted:
                    runs[run] += 1
    out = [(name, runs[name.lower()]) for name in sorted(names) if runs.get(name.lower())]
    return tuple(out)


class _Collector:
    """Accumulates one article's records paragraph by paragraph."""

    def __init__(self, parsed: ParsedArticle, lexicon: Lexicon) -> None:
        self.parsed = parsed
        self.lexicon = lexicon
        self.mentions: list[Mention] = []
        self.roles: list[RoleMention] = []
        self.quotes: list[QuoteMention] = []
        self.stances: list[StanceMention] = []
        self.citations: list[Citation] = []
        self.acronyms: list[tuple[str, str]] = []
        self.known: frozenset[str] = frozenset()

    def order(self, paragraph: int, char: int) -> int:
        return paragraph * 1_000_000 + char

    def paragraph(self, index: int, doc: Doc, lead: bool) -> list[Span]:
        lex = self.lexicon
        skip = _item_label_end(doc) if self.parsed.article.paragraph(index).kind == "item" else 0
        names = name_spans(doc, lex, skip, self.known)
        armed = forces.force_spans(doc, names, lex)
        if armed:  # "Ruritanian troops" replaces the names inside it ("Ruritanian", "Ruritania Army")
            names = sorted([n for n in names if not any(n.start < f.end and f.start < n.end for f, _ in armed)]
                           + [f for f, _ in armed], key=lambda s: s.start)
        found_roles = roles.roles_in(doc, names, lex)
        titled = {n.start for n in names if _inside_role(n, found_roles, lex)}
        full = _expand_first_names(doc, names, lex)
        full.update((f.start, name) for f, name in armed)
        force_cue = {f.start: (Evidence("organization", 2.0, f.text),) for f, _ in armed}
        ref = self.parsed.ref_for
        for span in names:
            self.mentions.append(Mention(
                name=full.get(span.start, span.text), surface=span.text, label=span.label_,
                ref=ref(index, span), order=self.order(index, span.start_char),
                subject=is_subject(span), lead=lead, evidence=evidence(span, lex) + force_cue.get(span.start, ()),
                in_title=span.start in titled, initial=bool(span[0].is_sent_start)))
        for role in found_roles:
            if any(n.start == role.name.start for n in names):
                self.roles.append(RoleMention(full.get(role.name.start, role.name.text), role.title,
                                              role.org, role.text, ref(index, role.name)))
        for span in names:  # "Acme, the oil company,": an organisation's description
            described = roles.org_description(doc, span, lex)
            if described is not None and span.label_ != "PERSON":
                self.roles.append(RoleMention(full.get(span.start, span.text), described, "", described,
                                              ref(index, span), describes=True))
        self.acronyms.extend(_acronyms(doc, names))
        for span, strong in outlets.citations(doc, names, lex):
            self.citations.append(Citation(span.text, strong, ref(index, span)))
        for quote in quotes.quotes_in(doc, names, lex):
            self._quote(index, doc, quote, full)
        self._stances(index, doc, names, full)
        return names

    def _quote(self, index: int, doc: Doc, quote: quotes.QuoteFound, full: dict[int, str]) -> None:
        para = self.parsed.article.paragraph(index)
        sentence = next((s for s in para.sentences if s.start <= quote.start and quote.end <= s.end), None)
        source = self.parsed.ref(index, sentence.index if sentence else 0)
        speaker = full.get(quote.speaker.start, quote.speaker.text) if quote.speaker is not None else ""
        self.quotes.append(QuoteMention(speaker, quote.pronoun, quote.text, source,
                                        self.order(index, quote.start)))

    def _stances(self, index: int, doc: Doc, names: list[Span], full: dict[int, str]) -> None:
        verbs = self.lexicon.stance_verbs
        seen: set[int] = set()
        for tok in doc:
            if tok.dep_ not in SUBJECT_DEPS or tok.head.lemma_.lower() not in verbs and not any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in verbs for c in tok.head.children):
                continue
            ref = self.parsed.ref_for(index, doc[tok.i:tok.i + 1])
            if ref.sentence in seen:
                continue
            name = next((n for n in names if n.start <= tok.i < n.end), None)
            if name is not None:
                seen.add(ref.sentence)
                self.stances.append(StanceMention(full.get(name.start, name.text), "", ref,
                                                  self.order(index, tok.idx)))
            elif tok.lower_ in quotes.PRONOUNS:
                seen.add(ref.sentence)
                self.stances.append(StanceMention("", tok.lower_, ref, self.order(index, tok.idx)))

    def block_quotes(self, blocks: list[tuple[int, Doc, list[Span]]]) -> None:
        """A paragraph that is one quotation, said by the person on the next line or named before it."""
        for k, (index, doc, _names) in enumerate(blocks):
            text = quotes.block_quote(text_of(doc))
            if text is None or any(q.ref.paragraph == index for q in self.quotes):
                continue
            source = self.parsed.ref(index, 0 if len(self.parsed.article.paragraph(index).sentences) > 1 else 1)
            speaker = None
            if k + 1 < len(blocks) and blocks[k + 1][0] == index + 1:
                speaker = quotes.attribution(blocks[k + 1][1], blocks[k + 1][2])
            if speaker is not None:
                self.quotes.append(QuoteMention(speaker.text, "", text, source, self.order(index, 0)))
                continue
            j = k - 1  # a list of quoted items after "..., calling it:" all hang on that line
            while j >= 0 and quotes.block_quote(text_of(blocks[j][1])) is not None:
                j -= 1
            if j >= 0 and text_of(blocks[j][1]).rstrip().endswith(":"):
                prev_index, prev_doc, prev_names = blocks[j]
                subject = next((t for t in prev_doc if t.dep_ in SUBJECT_DEPS), None)
                if subject is None:
                    continue
                name = next((n for n in prev_names if n.start <= subject.i < n.end), None)
                if name is not None:
                    self.quotes.append(QuoteMention(name.text, "", text, source, self.order(index, 0)))
                elif subject.lower_ in quotes.PRONOUNS:
                    self.quotes.append(QuoteMention("", subject.lower_, text, source, self.order(index, 0)))

    def table(self, index: int) -> None:
        """Names in a table column headed by an organisation or person noun ("Company", "Name")."""
        table = self.parsed.article.paragraph(index).table
        assert table is not None
        ref = self.parsed.ref(index, 0)
        for col, head in enumerate(table.header):
            word = head.strip().lower().rstrip("s")
            kind = "organization" if word in self.lexicon.org_nouns else \
                "person" if word in ("name", "person", "official", "who", "people") else None
            if kind is None:
                continue
            for row in table.rows:
                cell = row[col].strip().strip("*_ ") if col < len(row) else ""
                words = cell.split()
                if not words or len(words) > 5 or not all(w[0].isupper() for w in words if w[0].isalpha()):
                    continue
                self.mentions.append(Mention(cell, cell, "", ref, self.order(index, 0), False, False,
                                             (Evidence(kind, 2.0, f"table column '{head}'"),)))


def _item_label_end(doc: Doc) -> int:
    """Token after the colon of a short list-item label ("Core Dispute: ..."), else 0."""
    for tok in doc[:ITEM_LABEL_TOKENS + 1]:
        if tok.text == ":":
            return tok.i + 1
    return 0


def _inside_role(name: Span, found: list[roles.RoleText], lexicon: Lexicon) -> bool:
    """Names inside a title are not mentions ("Secretary of Defense"), except the organisation of
    "Acme CEO" or "Acme official", which names a player."""
    for role in found:
        a, b = role.tokens
        if role.name.start == name.start or not (a <= name.start and name.end <= b):
            continue
        head = role.title.split()[0].lower() if role.title else ""
        title = role.title.lower()
        if role.org == name.text and (title in lexicon.org_head_titles or title in lexicon.org_titles
                                      or head in lexicon.org_titles):
            return False
        return True
    return False


def _expand_first_names(doc: Doc, names: list[Span], lexicon: Lexicon) -> dict[int, str]:
    """"Jane and John Roe": Jane is Jane Roe. Maps a span's start to its full name."""
    out: dict[int, str] = {}
    for k in range(len(names) - 1):
        first, second = names[k], names[k + 1]
        between = [t.lower_ for t in doc[first.end:second.start]]
        titled = first.start > 0 and (doc[first.start - 1].lower_ in lexicon.titles
                                      or doc[first.start - 1].lower_ in lexicon.honorifics)
        if len(first) == 1 and len(second) >= 2 and between in (["and"], ["&"]) and not titled \
                and second.label_ == "PERSON" and first.label_ in ("PERSON", ""):
            out[first.start] = f"{first.text} {second[-1].text}"  # not "Speaker Roe and Jane Doe"
    return out


def _acronyms(doc: Doc, names: list[Span]) -> list[tuple[str, str]]:
    """"the Department of Labor (DOL)": an acronym defined in brackets after a name."""
    out: list[tuple[str, str]] = []
    for name in names:
        i = name.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            short = doc[i + 1].text
            if _abbreviates(short, name.text):
                out.append((name.text, short))
    return out


def short_forms(mentions: list[Mention], lexicon: Lexicon) -> list[tuple[str, str]]:
    """"Acme Chemical Company ... Acme said": a company named without its designator.

    The long name must end in a legal designator ("Company", "Inc.") and the short one, the
    long name's first words, must stand alone in the same article; industry words between them
    ("Chemical") may be dropped too. Names without a designator ("Acme Research") never shorten,
    so two related organisations ("Acme", "Acme Research") stay apart.
    """
    names = {m.name for m in mentions if not m.in_title and m.label not in ("PERSON", "GPE", "LOC")}
    out: list[tuple[str, str]] = []
    for long in sorted(names):
        words = long.split()
        if len(words) < 2 or words[-1].lower() not in lexicon.designators:
            continue
        for k in range(max(1, len(words) - 2), len(words)):  # drop the designator and one word at most
            short = " ".join(words[:k])
            if short in names and all(w[:1].isupper() for w in words[k:]):
                out.append((long, short))
    return out


def _abbreviates(short: str, long: str) -> bool:
    """True when the capitals of `short` are the initials of `long`'s capitalised words."""
    capitals = "".join(c for c in short if c.isupper())
    if len(capitals) < 2 or len(short) > 10 or not short.isalpha():
        return False
    initials = "".join(w[0] for w in long.replace("-", " ").split() if w[0].isupper())
    every = "".join(w[0].upper() for w in long.replace("-", " ").split())
    return capitals in (initials, every) or (capitals[0] == initials[:1] and _subsequence(capitals, every))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


__all__ = ["ArticleMentions", "Mention", "RoleMention", "QuoteMention", "StanceMention", "Citation",
           "article_mentions"]
