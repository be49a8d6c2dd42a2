"""Per-sentence facts that articles can report differently: figures, statuses, quoted words.

Everything here is plain, picklable data (no spaCy objects), so the per-article result can be
cached. Word lists come from `generator/data/comparison.yml`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from spacy.tokens import Span, Token

from ...model import SourceRef
from ...nlp import ParsedArticle
from ...wordlists import comparison_words as words

QUOTE = re.compile(r"[\"“”]([^\"“”]{1,120}?)[\"“”]")
MONEY = re.compile(
    r"(?P<cur>US\$|\$|€|£|USD ?|EUR ?|GBP ?)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>trillion|billion|million|thousand|tn|bn|mn|[bmk])\b)?", re.IGNORECASE)
MONEY_WORDS = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<scale>trillion|billion|million|thousand)?"
    r"\s+(?P<cur>dollars|euros|pounds)\b", re.IGNORECASE)
COUNT = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
                   r"(?:\s*(?P<scale>trillion|billion|million|thousand)\b)?", re.IGNORECASE)
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)
SCALES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "b": 1e9, "million": 1e6,
          "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3}
CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
              "euros": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT"}


@dataclass(frozen=True, slots=True)
class Figure:
    """A money amount, percentage or count, what it is about, and the range it allows."""

    source: SourceRef
    text: str  # as written, with its qualifier: "roughly $183 billion"
    low: float
    high: float
    unit: str  # "USD", "%", or the counted noun
    concept: str  # "valuation", "contract", or the noun it modifies
    order: int  # position in the article, for "the first figure mentioned"
    holders: tuple[str, ...] = ()  # names of whose figure it is: its possessor or subject
    # the sentence's dates ("on Monday", "in 2009") and places, normalised: figures for
    # different days or places are different facts, never two versions of one
    when: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    said_by: str = ""  # who gives the figure, as written: "The Atlantic", "officials"


@dataclass(frozen=True, slots=True)
class StatusMention:
    """A status-conferring predicate ("designated X a 'risk'") and how far it went."""

    source: SourceRef
    verb: str  # lemma; "" for a negated action ("no final ruling has yet been made")
    key: str  # normalised status term: "supply chain risk"
    label: str  # the status term as written
    mode: str  # "done", "denied", "not taken", or a key of `not_done` ("threatened", ...)
    phrase: str  # "formally designated", "threatened to designate"
    order: int


@dataclass(frozen=True, slots=True)
class Attributed:
    """Quoted words someone was said to use about someone ("called him a 'liar'")."""

    source: SourceRef
    words: tuple[str, ...]  # the quoted words, normalised, in order
    phrase: str  # from the verb to the last quote: "called Roe a “liar” with a “big ego”"
    order: int
    shown: tuple[str, ...] = ()  # the quoted words as written, same order as `words`


def sentences(parsed: ParsedArticle) -> Iterator[tuple[SourceRef, Span]]:
    """Every sentence of the article's text blocks with its SourceRef, in reading order."""
    for para, doc in parsed.paragraph_docs():
        for sent in doc.sents:
            if sent.text.strip():
                yield parsed.ref_for(para.index, sent), sent


def normalise(text: str) -> str:
    """Lower case, quotes and dashes removed, leading article dropped: a grouping key."""
    s = text.lower().replace("’", "'")
    s = re.sub(r"[\"“”'`]", "", s)
    s = re.sub(r"[-‐‑–—/]", " ", s)
    s = re.sub(r"[^\w\s$%.]", "", s)
    s = re.sub(r"\s+", " ", s).strip(" .")
    return re.sub(r"^(?:a|an|the)\s+", "", s)


def quotes_in(text: str) -> list[tuple[int, int, str]]:
    """Quoted phrases in a sentence: (start, end, words without the marks)."""
    return [(m.start(), m.end(), m.group(1).strip()) for m in QUOTE.finditer(text) if m.group(1).strip()]


def names_in(span: Span | list[Token], head: Token | None = None) -> tuple[str, ...]:
    """Candidate names in a stretch of text: entities and runs of proper nouns, as written;
    those holding `head` (the phrase's head word) first, so "Agency adviser Jo Bloggs" is Bloggs."""
    tokens = list(span)
    if not tokens:
        return ()
    doc = tokens[0].doc
    ids = {t.i for t in tokens}
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and any(t.i in ids for t in ent):
            out.append(ent.text)
    run: list[Token] = []
    for tok in sorted(tokens, key=lambda t: t.i) + [None]:  # type: ignore[list-item]  # sentinel
        if tok is not None and tok.pos_ == "PROPN" and (not run or tok.i == run[-1].i + 1):
            run.append(tok)
            continue
        if run:
            out.append(doc[run[0].i: run[-1].i + 1].text)
            out.extend(t.text for t in run if len(run) > 1)
        run = [tok] if tok is not None and tok.pos_ == "PROPN" else []
    seen: dict[str, None] = {}
    for name in out:
        seen.setdefault(name.strip(" ,.\"“”'’"), None)
    names = [n for n in seen if n]
    if head is not None:
        names.sort(key=lambda n: head.text not in n.split())  # stable: keeps reading order otherwise
    return tuple(names)


# --- figures -----------------------------------------------------------------------------------

def _amount(num: str, scale: str | None) -> float:
    value = float(num.replace(",", ""))
    return value * SCALES.get((scale or "").lower(), 1.0)


def _bounds(value: float, before: str) -> tuple[float, float, str]:
    """The range a qualifier before a figure allows, and the qualifier as written."""
    w = words()
    tail = before.lower().rstrip()
    ranges = ((w.figure_lower, value, float("inf")), (w.figure_about, value * 0.85, value * 1.15),
              (w.figure_upper, 0.0, value))
    for qualifiers, low, high in ranges:
        for q in sorted(qualifiers, key=len, reverse=True):
            if tail.endswith(" " + q) or tail == q:
                return low, high, before.rstrip()[-len(q):] + " "
    return value * 0.98, value * 1.02, ""


def _concept(tok: Token, after: int = 0) -> str | None:
    """What a figure is about: a listed concept just after it ("$5 million Acme deal") or up
    its heads, else the noun it modifies."""
    concepts = words().figure_concepts
    lookup = {w: c for c, ws in concepts.items() for w in ws}
    doc = tok.doc
    for nxt in doc[after: min(after + 3, len(doc))] if after else []:
        if nxt.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"}:
            break
        if nxt.pos_ == "NOUN" and nxt.lemma_.lower() in lookup:
            return lookup[nxt.lemma_.lower()]
    cur, fallback = tok, None
    for _ in range(5):
        for cand in (cur.lemma_.lower(), cur.text.lower()):
            if cand in lookup:
                return lookup[cand]
        if fallback is None and cur.pos_ == "NOUN" and cur.i != tok.i:
            fallback = cur.lemma_.lower()
        if cur.head.i == cur.i:
            break
        cur = cur.head
    generic = set(words().generic_nouns)
    return fallback if fallback and fallback.isalpha() and fallback not in generic else None


def _holders(tok: Token, sent: Span) -> tuple[str, ...]:
    """Names the figure belongs to: a possessor or subject up its heads, then the sentence's."""
    near: list[str] = []
    speech = set(words().claim_verbs)
    cur = tok
    for _ in range(6):
        for child in cur.children:
            if child.dep_ == "nsubj" and cur.lemma_.lower() in speech:
                continue  # "the WHO said 72 people died": the WHO is the source, not the subject
            if child.dep_ == "poss" and child.pos_ == "PRON":
                near.append(child.lower_)  # "its $60 billion valuation": resolved in the corpus step
            elif child.dep_ in {"poss", "nsubj", "nsubjpass"}:
                near.extend(names_in(list(child.subtree), child))
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tuple(n for n in dict.fromkeys(near) if len(n) > 1)


POSSESSIVES = {"its", "their", "his", "her"}


def _token_at(sent: Span, char: int) -> Token | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + max(len(tok.text), 1):
            return tok
    return None


def _context(sent: Span) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The dates and the places a sentence names, normalised, sorted."""
    when = sorted({re.sub(r"^(?:on|in|the|last|this)\s+", "", e.text.lower()) for e in sent.ents
                   if e.label_ in {"DATE", "TIME"}})
    places = sorted({normalise(e.text) for e in sent.ents if e.label_ in {"GPE", "LOC", "FAC"}})
    return tuple(when), tuple(places)


def figures_in(ref: SourceRef, sent: Span, order: int) -> list[Figure]:
    """Money amounts, percentages and counts stated in one sentence."""
    out = _figures_in(ref, sent, order)
    if not out:
        return out
    from .contradictions import source_of  # it builds on this module's patterns

    when, places = _context(sent)
    base = sent.start_char
    out2 = []
    for f in out:
        at = f.source.quote.find(f.text.split()[-1]) if f.text else -1
        tok = next((t for t in sent if t.idx - base >= at), None) if at >= 0 else None
        out2.append(Figure(f.source, f.text, f.low, f.high, f.unit, f.concept, f.order, f.holders, when,
                           places, source_of(tok) if tok is not None else ""))
    return out2


def _figures_in(ref: SourceRef, sent: Span, order: int) -> list[Figure]:
    text, base = sent.text, sent.start_char
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for pattern, unit_of in ((MONEY, None), (MONEY_WORDS, None), (PERCENT, "%")):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            value = _amount(m.group("num"), m.groupdict().get("scale"))
            tok = _token_at(sent, base + m.start("num"))
            last = _token_at(sent, base + m.end() - 1)
            concept = _concept(tok, last.i + 1 if last is not None else 0) if tok is not None else None
            if concept is None or (unit_of == "%" and concept not in words().figure_concepts):
                continue  # a bare percentage (a share price move, a poll) is too often a different moment
            low, high, qual = _bounds(value, text[: m.start()])
            unit = unit_of or CURRENCIES.get(m.group("cur").strip().lower(), m.group("cur").strip())
            taken.append((m.start(), m.end()))
            out.append(Figure(ref, qual + m.group(0).strip(), low, high, unit, concept, order,
                              _holders(tok, sent) if tok is not None else ()))
    for noun in sent:
        # Counts: a number modifying a noun ("1,200 jobs", "1.2 million bottles"); years are not.
        num = next((c for c in noun.children if c.dep_ == "nummod"), None)
        if noun.pos_ != "NOUN" or num is None or noun.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT"}:
            continue
        start, end = num.left_edge.idx - base, num.idx + len(num.text) - base
        count = COUNT.search(text, start, end)
        if count is None or any(s <= start < e or s < end <= e for s, e in taken):
            continue
        concept = _concept(noun) or noun.lemma_.lower()
        if concept in set(words().generic_nouns) or not concept.isalpha():
            continue
        value = _amount(count.group("num"), count.group("scale"))
        low, high, qual = _bounds(value, text[: count.start()])
        out.append(Figure(ref, qual + text[count.start(): noun.idx + len(noun.text) - base], low, high,
                          noun.lemma_.lower(), concept, order, _holders(noun, sent)))
    return out


# --- statuses ----------------------------------------------------------------------------------

def _hypothetical(tok: Token) -> bool:
    """Whether a clause is only conditional or imagined ("could blacklist", "being branded")."""
    aux = set(words().hypothetical_aux)
    permit = set(words().permit_verbs)
    cur = tok
    for _ in range(4):
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in aux for c in cur.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in cur.children):
            return True
        if cur.dep_ in {"csubj", "csubjpass"}:
            return True
        if cur.dep_ in {"xcomp", "ccomp"} and cur.head.lemma_.lower() in permit:
            return True  # "a law that allows police to arrest people": a power, not an act
        if cur.dep_ not in {"xcomp", "conj", "ccomp"} or cur.head.i == cur.i:
            break
        cur = cur.head
    return False


def _mode(tok: Token) -> tuple[str, Token | None]:
    """How far a status predicate went, and the head that says so ("threatened")."""
    if any(c.dep_ == "neg" for c in tok.children):
        return "denied", None
    modes = words().not_done
    cur = tok
    for _ in range(3):
        if cur.dep_ not in {"xcomp", "acl", "ccomp", "pcomp", "advcl"} or cur.head.i == cur.i:
            break
        cur = cur.head
        for mode, lemmas in modes.items():
            if cur.lemma_.lower() in lemmas:
                return mode, cur
    return "done", None


def _status_term(tok: Token, sent: Span) -> tuple[str, str]:
    """The status conferred: a quoted term after the verb, else its complement or object."""
    rel = tok.idx - sent.start_char
    for start, _end, words_ in quotes_in(sent.text):
        if 0 <= start - rel <= 120 and len(words_.split()) <= 6:
            return normalise(words_), words_.strip(" .,")
    for child in tok.children:
        target = None
        if child.dep_ == "oprd":
            target = child
        elif child.dep_ == "prep" and child.lower_ == "as":
            target = next((g for g in child.children if g.dep_ == "pobj"), None)
        if target is not None:
            parts = [t for t in target.subtree if t.dep_ in {"compound", "amod", "nmod"} or t.i == target.i]
            label = " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
            return normalise(label), label
    noun = words().status_verbs.get(tok.lemma_.lower(), tok.lemma_.lower())
    obj = next((c for c in tok.children
                if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}), None)
    if obj is None and tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
        obj = tok.head  # "the budget cut approved in February": the cut was approved
    if obj is not None and obj.lemma_.lower() not in set(words().generic_nouns):
        # "arrested 450 people" and "threatened to arrest people" are not one status: a generic
        # object names no single thing two articles could report differently
        return normalise(f"{noun} {obj.lemma_}"), f"{noun} of the {obj.text}"
    return "", ""  # approved what? Nothing to compare across articles


def statuses_in(ref: SourceRef, sent: Span, order: int) -> list[StatusMention]:
    """Status predicates in one sentence, with how far each went."""
    verbs = words().status_verbs
    out: list[StatusMention] = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs or _hypothetical(tok):
            continue
        mode, head = _mode(tok)
        key, label = _status_term(tok, sent)
        if not key:
            continue
        adv = [c for c in tok.children if c.dep_ == "advmod" and c.lower_.endswith("ly") and c.i < tok.i]
        start = head if head is not None else (adv[0] if adv else tok)
        phrase = sent.doc[start.i: tok.i + 1].text
        out.append(StatusMention(ref, tok.lemma_.lower(), key, label, mode, phrase, order))
    match = re.search(words().negated_action, sent.text, re.IGNORECASE)
    if match:
        out.append(StatusMention(ref, "", "", "", "not taken", match.group(0), order))
    return out


def attach_negated(mentions: list[StatusMention], window: int = 6) -> list[StatusMention]:
    """Give each negated action the status term discussed just before it, or drop it."""
    out: list[StatusMention] = []
    for m in mentions:
        if m.verb:
            out.append(m)
            continue
        before = [p for p in out if p.verb and 0 <= m.order - p.order <= window]
        if before:
            last = before[-1]
            out.append(StatusMention(m.source, "", last.key, last.label, m.mode, m.phrase, m.order))
    return out


# --- quoted words ------------------------------------------------------------------------------

def attributed_in(ref: SourceRef, sent: Span, order: int) -> list[Attributed]:
    """Short quoted words used to characterise someone, with the verb that introduces them."""
    verbs = set(words().characterise_verbs)
    quotes = [(s, e, w) for s, e, w in quotes_in(sent.text) if len(w.split()) <= 6]
    if not quotes:
        return []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in verbs:
            continue
        rel = tok.idx - sent.start_char
        after = [(s, e, w) for s, e, w in quotes if s > rel]
        if not after:
            continue
        end = after[-1][1]
        phrase = sent.text[rel:end]
        if len(phrase.split()) > 30:
            continue
        return [Attributed(ref, tuple(normalise(w) for _s, _e, w in after), phrase, order,
                           tuple(w.strip(" .,;:") for _s, _e, w in after))]
    return []
