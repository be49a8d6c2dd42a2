"""Explicit contradictions: one sentence setting two versions of a fact against each other.

"The plan would eliminate 600 positions, not the 900 the union has claimed" and "The ministry
denied reports that the plant had closed" are the strongest evidence of a disagreement there
is: the article itself says that two accounts differ, and who holds each. Found per sentence,
from the dependency parse and the word lists in `generator/data/comparison.yml`; plain,
picklable data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...model import SourceRef
from .claims import MONEY, PERCENT, SCALES, normalise, words

# A connector just before the rival figure that rejects it or sets it against the first:
# "..., not the 900", "..., well above the 12,000", "..., rather than 5%". It must follow a
# comma or dash (a clause of its own), so "more than 900 jobs" as a qualifier never matches.
CONTRAST = re.compile(
    r"(?:[,;(—–]|\s(?:and|but))\s*(?:and\s+|but\s+)?(?P<conn>not|rather than|instead of|as opposed to|contrary to|"
    r"(?:well |far |much |significantly |sharply )?(?:above|below|higher than|lower than|more than|fewer than|"
    r"less than|short of)|compared (?:with|to))\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:figure|estimate|total|number|count|tally|forecast) of\s+)?(?:some\s+|about\s+|around\s+)?$",
    re.IGNORECASE)
# Connectors that reject the rival figure outright; the others ("above", "as opposed to",
# "compared with") only compare, so the rival counts only when the sentence says who gives it
# (a population "of 90 million, as opposed to 12 million in the neighbouring state" is two things).
REJECTING = {"not", "contrary to"}
MAX_GAP_WORDS = 18  # the first figure and the connector sit in one clause: "600 positions, not"
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two versions of one fact that a sentence sets against each other, and who holds each."""

    source: SourceRef
    kind: str  # "figure" or "denial"
    topic: str  # what the versions are about, as written: "positions", or the denied clause
    stated: str  # the version the sentence stands by: "600 positions", "denied"
    stated_by: str  # who states it, as written; "" when the article itself does
    rival: str  # the version it rejects: "900", "the plant had been closed"
    rival_by: str  # who holds the rival version, as written; "" when unnamed ("reports")
    key: str  # for merging the same contradiction reported by several articles


def contradictions_in(ref: SourceRef, sent: Span) -> list[Contradiction]:
    """Figure contradictions and denials stated in one sentence."""
    return _figures(ref, sent) + _denials(ref, sent)


# --- figures -----------------------------------------------------------------------------------

def _value(tok: Token) -> float | None:
    match = NUMBER.fullmatch(tok.text)
    if match is None:
        return None
    value = float(tok.text.replace(",", ""))
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in SCALES and nxt.lower_.isalpha() and len(nxt.text) > 1:
        value *= SCALES[nxt.lower_]
    return value


def _kind(tok: Token, sent: Span) -> str:
    """Money, a percentage or a count, from the characters around the number."""
    text, base = sent.text, sent.start_char
    start, end = tok.idx - base, tok.idx - base + len(tok.text)
    if any(m.start() <= start < m.end() for m in MONEY.finditer(text)):
        return "money"
    if any(m.start() <= start < m.end() for m in PERCENT.finditer(text[start:end + 12])) or \
            any(m.start() == 0 for m in PERCENT.finditer(text[start:])):
        return "percent"
    return "count"


def _phrase(tok: Token) -> str:
    """The figure as written: qualifier, currency, number, scale and the noun it counts."""
    doc = tok.doc
    start = tok.i
    while start > 0 and (doc[start - 1].dep_ in {"advmod", "quantmod", "nmod"} and doc[start - 1].head.i == tok.i
                         or doc[start - 1].text in {"$", "€", "£", "US$"}):
        start -= 1
    end = tok.i
    if tok.dep_ == "nummod" and 0 < tok.head.i - tok.i <= 3:
        end = tok.head.i  # "600 positions", "1.2 million bottles"
    elif end + 1 < len(doc) and doc[end + 1].lower_ in {*SCALES, "%", "percent", "per"}:
        end += 1
        if doc[end].lower_ == "per" and end + 1 < len(doc):
            end += 1
    return doc[start: end + 1].text


def _noun(tok: Token) -> Token | None:
    """The noun a figure counts: its head for "600 positions", itself for "the 900"."""
    if tok.dep_ == "nummod" and tok.head.pos_ == "NOUN":
        return tok.head
    return None


def _attached(tok: Token, verbs: set[str]) -> str:
    """Who a figure's own clause attributes it to: "the 900 the union has claimed", "the $8
    million reported by the Ledger"."""
    anchors = [tok, tok.head] if tok.dep_ in {"nummod", "pobj"} or tok.head.text in {"$", "€", "£"} else [tok]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ in {"relcl", "acl", "advcl"} and child.lemma_.lower() in verbs:
                for c in child.children:
                    if c.dep_ == "agent":
                        c = next((g for g in c.children if g.dep_ == "pobj"), c)
                    elif c.dep_ != "nsubj":
                        continue
                    if c.pos_ not in {"PRON", "ADP"}:
                        return _text(c)
    return ""


def _holder(tok: Token, verbs: set[str]) -> str:
    """Who states a figure: its own clause's attribution, else the speaker of a reporting verb
    above it."""
    own = _attached(tok, verbs)
    if own:
        return own
    cur = tok
    for _ in range(6):
        if cur.lemma_.lower() in verbs and cur.pos_ == "VERB":
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return _text(subj)
        if cur.head.i == cur.i:
            break
        cur = cur.head
    for t in tok.sent:  # "according to The Atlantic, ..."
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            obj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ != "PRON":
                return _text(obj)
    return ""


def source_of(tok: Token) -> str:
    """Who gives the figure at `tok`, as written ("" when the article itself does)."""
    return _holder(tok, set(words().claim_verbs))


def _text(tok: Token) -> str:
    span = tok.doc[tok.left_edge.i: tok.right_edge.i + 1]
    return span.text.strip(" ,") if len(span) <= 8 else tok.text


def _figures(ref: SourceRef, sent: Span) -> list[Contradiction]:
    verbs = set(words().claim_verbs)
    numbers = [t for t in sent if t.ent_type_ not in {"DATE", "TIME"} and _value(t) is not None]
    out: list[Contradiction] = []
    base = sent.start_char
    for j, rival in enumerate(numbers):
        before = sent.text[: rival.idx - base]
        if rival.i > sent.start and sent.doc[rival.i - 1].text in {"$", "€", "£", "US$"}:
            before = sent.text[: sent.doc[rival.i - 1].idx - base]
        match = CONTRAST.search(before)
        if match is None or j == 0:
            continue
        first = numbers[j - 1]
        gap = sent.text[first.idx - base + len(first.text): match.start() + 1]
        if len(gap.split()) > MAX_GAP_WORDS or _kind(first, sent) != _kind(rival, sent):
            continue
        low, high = _value(first), _value(rival)
        if low is None or high is None or low == high:
            continue
        rival_by = _attached(rival, verbs)
        conn = match.group("conn").lower()
        if conn not in REJECTING and not rival_by:
            continue  # "above the 12,000" is a comparison; only an attributed figure is a rival account
        noun = _noun(first)
        if noun is not None and not noun.text.isalpha():
            noun = None  # "%" is a unit, not what is counted
        topic = noun.text.lower() if noun is not None else {"money": "amount", "percent": "percentage"}.get(
            _kind(first, sent), "number")
        stated = _phrase(first)
        out.append(Contradiction(ref, "figure", topic, stated, _holder(first, verbs), _phrase(rival),
                                 rival_by, f"figure|{noun.lemma_.lower() if noun is not None else topic}|"
                                           f"{low:g}|{high:g}"))
    return out


# --- denials -----------------------------------------------------------------------------------

def _denials(ref: SourceRef, sent: Span) -> list[Contradiction]:
    """"X denied (reports) that ...": the denied account against the denial."""
    w = words()
    deny_bare, deny_report, report_nouns = set(w.deny_verbs), set(w.dismiss_verbs), set(w.report_nouns)
    hypothetical = set(w.hypothetical_aux)
    out: list[Contradiction] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in deny_bare | deny_report:
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in hypothetical) for c in tok.children):
            continue  # "did not deny", "could deny": no denial
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None and tok.dep_ in {"conj", "xcomp"}:
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON":
            continue  # who denies must be named
        clause, rival_by = None, ""
        for child in tok.children:
            if child.dep_ == "ccomp" and lemma in deny_bare and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                clause = child
            if child.dep_ == "dobj" and child.lemma_.lower() in report_nouns:
                held = next((g for g in child.children if g.dep_ in {"acl", "ccomp", "relcl"}
                             and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
                if held is not None:
                    clause = held
                    by = next((g for g in child.children if g.dep_ == "prep" and g.lower_ == "by"), None)
                    poss = next((g for g in child.children if g.dep_ == "poss"), None)
                    agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else poss
                    rival_by = _text(agent) if agent is not None and agent.pos_ != "PRON" else ""
        if clause is None:
            continue
        tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.head.i == clause.i)]
        text = sent.doc[tokens[0].i: tokens[-1].i + 1].text.strip(" ,.;:") if tokens else ""
        if not 3 <= len(text.split()) <= 30:
            continue
        denier = _text(subj)
        content = sorted({t.lemma_.lower() for t in tokens if t.pos_ in {"NOUN", "PROPN", "VERB", "NUM"}
                          and not t.is_stop})
        out.append(Contradiction(ref, "denial", text, tok.text, denier, text, rival_by,
                                 f"denial|{normalise(denier)}|{' '.join(content)}"))
    return out
