"""Direct quotes and who said them.

A quoted passage counts as a player's words only when a speech verb ties it to a speaker:
"'...,' Roe said", "she said: '...'", "Roe called the plan a 'disaster'", or a quote block
followed by an attribution line ("Jane Roe, Mayor, Springfield (via ...)"). Scare quotes
("a so-called 'risk'") are not quotes of anyone. A pronoun speaker is kept as the pronoun and
resolved by the corpus step, which knows who is a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..nlp import text_of
from .lexicon import Lexicon

QUOTE_PATTERN = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"")
PRONOUNS = ("he", "she", "they", "it", "we")
MIN_REPORTED_WORDS = 4  # '"a risk"' inside a reported clause is a label; four words are a quote
MAX_HOPS = 4  # from the quote up to its speech verb; more hops reach unrelated clauses


@dataclass(frozen=True, slots=True)
class QuoteFound:
    """A quote with its speaker: a name span in the paragraph, or a pronoun, or a name written out."""

    text: str
    start: int  # character offsets of the quoted text in the paragraph
    end: int
    speaker: Span | None
    pronoun: str  # "he", "she", ... when the speaker is a pronoun; else ""
    whole_block: bool = False  # the paragraph is the quote


def quotes_in(doc: Doc, names: list[Span], lexicon: Lexicon) -> list[QuoteFound]:
    """Attributed quotes of one paragraph."""
    out: list[QuoteFound] = []
    for match in QUOTE_PATTERN.finditer(text_of(doc)):
        group = 1 if match.group(1) is not None else 2
        text = match.group(group).strip().rstrip(",").rstrip()
        start, end = match.start(group), match.end(group)
        if not text or not any(c.isalpha() for c in text):
            continue
        verb = _speech_verb(doc, match.start(), match.end(), lexicon)
        if verb is None:
            continue
        speaker, pronoun = _speaker(verb, names)
        if speaker is None and not pronoun:
            continue
        out.append(QuoteFound(text, start, end, speaker, pronoun))
    return out


def block_quote(text: str) -> str | None:
    """The quoted text when a whole paragraph is one quotation, else None."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in "\u201c\"" and stripped[-1] in "\u201d\"" and \
            stripped.count("\u201c") <= 1 and stripped.count("\"") in (0, 2):
        return stripped[1:-1].strip()
    return None


def attribution(doc: Doc, names: list[Span]) -> Span | None:
    """The speaker of an attribution line after a quote block: "Jane Roe, Mayor, Springfield"."""
    if len(doc) > 25 or not names or names[0].start > 1 or doc.text.rstrip().endswith((".", "?", "!")) \
            and any(t.pos_ in ("VERB",) and t.dep_ == "ROOT" for t in doc):
        return None
    first = names[0]
    after = doc[first.end].text if first.end < len(doc) else ""
    return first if after in (",", "(", "\u2014", "-", "") else None


def _speech_verb(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Token | None:
    """The speech verb the quote hangs on: an ancestor of the quote, or the verb right after or before."""
    inside = [t for t in doc if start <= t.idx < end and not t.is_punct]
    if not inside:
        return None
    roots = [t for t in inside if not (start <= t.head.idx < end) or t.head == t]
    for root in roots:
        tok = root
        for _ in range(MAX_HOPS):
            if tok.head == tok:
                break
            tok = tok.head
            if _is_speech(tok, lexicon):
                return tok
            if tok.pos_ in ("VERB", "AUX"):
                # 'Roe argued there is "..."': a clause reported by a speech verb, if the quote is
                # more than a phrase; any other verb governing the quote makes it a scare quote
                head = tok.head
                if tok.dep_ == "ccomp" and _is_speech(head, lexicon) and len(inside) >= MIN_REPORTED_WORDS:
                    return head
                break
    # '"...," Roe said' or '"..." said Roe': a speech verb within a few tokens after the quote
    after = [t for t in doc if t.idx >= end][:5]
    for tok in after:
        if tok.text in (".", "?", "!") or tok.text in ("\u201c", "\""):
            break
        if _is_speech(tok, lexicon) and not _has_object(tok, end):
            return tok
    # 'she said: "..."' or 'Roe said, "..."': the verb right before the opening mark
    before = [t for t in doc if t.idx < start - 1][-3:]
    for tok in reversed(before):
        if _is_speech(tok, lexicon):
            return tok
        if tok.text not in (",", ":", "\u201c", "\"") and not tok.is_space:
            break
    return None


def _has_object(verb: Token, end: int) -> bool:
    """True when the verb says something else after the quote: '"...," Roe said that ...'."""
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.idx > verb.idx and c.idx >= end for c in verb.children)


def _is_speech(tok: Token, lexicon: Lexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lexicon.speech_verbs


def _speaker(verb: Token, names: list[Span]) -> tuple[Span | None, str]:
    """The subject of the speech verb (or of the clause it belongs to), as a name or a pronoun."""
    tok = verb
    for _ in range(3):
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in PRONOUNS:
                return None, subject.lower_
            # the name holding the subject's head word: "Acme adviser Jane Roe" is Jane Roe
            for name in names:
                if name.start <= subject.i < name.end:
                    return name, ""
            for name in reversed(names):
                if subject.left_edge.i <= name.start and name.end <= subject.right_edge.i + 1:
                    return name, ""
            return None, ""
        if tok.head == tok:
            break
        tok = tok.head
    return None, ""


__all__ = ["QuoteFound", "quotes_in", "block_quote", "attribution", "PRONOUNS"]
