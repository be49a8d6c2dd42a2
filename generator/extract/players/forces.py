"""A country's armed forces as one player: "Ruritanian troops", "the Ruritania army", "RU forces".

Articles name a country's forces with whatever noun comes to hand (troops, soldiers, army,
forces), mostly in lower case, so no entity covers them. A country, or its people's adjective,
right before a force noun (`force_nouns` in people.yml) is a mention of one organisation,
"<country as written> military", the written phrase kept as its surface form (an alias). The
country must stand right before the noun: "Ruritania-led forces" are someone else's troops, and
"Ruritanian security forces" may be police.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, fold
from .filters import is_country_adjective

FORCE_NAME = "military"  # the one noun every country's player is named with


def force_spans(doc: Doc, names: list[Span], lexicon: Lexicon) -> list[tuple[Span, str]]:
    """(phrase, player name) for each "<country> <force noun>" in the paragraph, in order."""
    out: list[tuple[Span, str]] = []
    for country in _countries(doc, lexicon):
        width = _force_noun(doc, country.end, lexicon)
        if not width:
            continue
        end = country.end + width
        # a longer name holding the phrase stays whole: "Ruritania Army Corps of Engineers"
        if any(n.start <= country.end < n.end and n.end > end for n in names):
            continue
        if out and out[-1][0].end > country.start:
            continue
        out.append((Span(doc, country.start, end, label="ORG"), f"{country.text} {FORCE_NAME}"))
    return out


def _countries(doc: Doc, lexicon: Lexicon) -> list[Span]:
    """Spans naming a country: the model's places, its peoples that the gazetteer or the list of
    country prefixes confirms, and country prefixes the model did not label at all ("US")."""
    out: list[Span] = []
    taken: set[int] = set()
    for ent in doc.ents:  # an organisation alone ("UN troops") is not a country
        taken.update(range(ent.start, ent.end))
        start = ent.start + (doc[ent.start].lower_ == "the")
        span = doc[start:ent.end]
        if len(span) and (ent.label_ == "GPE" or ent.label_ == "NORP" and _country_word(span.text, lexicon)):
            out.append(span)
        elif end_of_prefix := _leading_prefix(doc, start, ent.end, lexicon):
            out.append(doc[start:end_of_prefix])  # the model's "Ruritania Army": a country, then its army
    for tok in doc:  # written as a name: "gave us troops" is a pronoun, not the US
        if (tok.i not in taken and tok.text[:1].isupper() and tok.pos_ != "PRON"
                and fold(tok.text) in lexicon.country_prefixes):
            out.append(doc[tok.i:tok.i + 1])
    return sorted(out, key=lambda s: s.start)


def _leading_prefix(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a country prefix opening a longer entity ends ("U.S." in "U.S. Army"), else 0."""
    for width in (2, 1):
        if start + width < end and fold(doc[start:start + width].text) in lexicon.country_prefixes:
            return start + width
    return 0


def _country_word(text: str, lexicon: Lexicon) -> bool:
    """A people's adjective of a country ("Ruritanian"), not of a faith or a party."""
    return fold(text) in lexicon.country_prefixes or is_country_adjective(text)


def _force_noun(doc: Doc, i: int, lexicon: Lexicon) -> int:
    """The number of tokens of the force noun starting at token i, 0 when there is none."""
    for noun in lexicon.force_nouns:
        words = noun.split()
        if i + len(words) <= len(doc) and [t.lower_ for t in doc[i:i + len(words)]] == words:
            return len(words)
    return 0


__all__ = ["force_spans", "FORCE_NAME"]
