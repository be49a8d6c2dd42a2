"""Names in one paragraph: spaCy's entities, cleaned, plus capitalised names it missed, and the
cues around each name that tell a person from an organisation.

The small English model labels unfamiliar names erratically, so a label is one vote among
several; the corpus step adds the votes of every mention of a name before deciding its kind.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...nlp import text_of
from ..lexicon import Lexicon, fold

# spaCy labels kept as names; the rest (dates, money, ...) never name a player.
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "LAW", "WORK_OF_ART", "EVENT")
QUOTE_CHARS = "\"'\u201c\u201d\u2018\u2019`"
POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
# Words that count a plural noun ("many Ruritanians"); numbers count too (`_counted`).
QUANTIFIERS = frozenset(("many", "few", "several", "some", "most", "millions", "thousands", "hundreds",
                         "dozens", "tens", "fellow", "other", "more", "fewer"))
SPELLING_CUE = "spelling"  # capitals or camel case alone: a weak organisation vote
BYLINE_ENDS = ("|", ",", "and", ".", "\n", "-", "\u2013", "\u2014")  # "By Jane Roe | May 2", "By Jane Roe, Staff"
CONNECTORS = ("of", "for", "and", "&", "de", "von", "van", "del", "da", "la")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
LABEL_CUE = "labelled "  # the cue of a vote that is the model's entity label, not the text's words
# Lower-case particles inside a person's name ("Ali al-Roe", "Jan de Vries")
NAME_PARTICLES = ("al", "el", "bin", "ibn", "abu", "de", "da", "di", "van", "von", "del", "la", "le")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One cue about what a name is: "person", "organization", "place", "product" or "law"."""

    kind: str
    weight: float
    cue: str


def is_capitalised(token: Token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0].isalpha() and any(c.isupper() for c in text[1:])))


def attached_hyphen(doc: Doc, i: int) -> bool:
    """True when token i is a hyphen written without spaces ("co-founder", "Acme-Orbit")."""
    tok = doc[i]
    return tok.text in ("-", "\u2010", "\u2011") and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_


def name_spans(doc: Doc, lexicon: Lexicon, skip_until: int = 0, known: frozenset[str] = frozenset()
               ) -> list[Span]:
    """Cleaned names of a paragraph, in order: entities first, then capitalised runs it missed.

    `known` holds words the article capitalises mid-sentence: such a word opening a sentence is
    still a name ("Roe fired back.").
    """
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent.start >= skip_until:
            spans.extend(_clean(doc, ent.start, ent.end, ent.label_, lexicon))
    taken = {i for s in spans for i in range(s.start, s.end)}
    for ent in doc.ents:  # tokens of entities dropped as non-names stay out of the runs
        if ent.label_ not in NAME_LABELS:
            taken.update(range(ent.start, ent.end))
    spans.extend(_runs(doc, taken, lexicon, skip_until, known))
    spans = [t for s in spans if (t := _trim(s, lexicon)) is not None and _is_name(t, lexicon)]
    return sorted(spans, key=lambda s: s.start)


def _clean(doc: Doc, start: int, end: int, label: str, lexicon: Lexicon) -> list[Span]:
    """Trim determiners, quotes and possessives; split "A - B" and "Known-Other" compounds."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].text in QUOTE_CHARS
                           or (doc[start].is_punct and doc[start].text not in ("(",))):
        start += 1
    while start + 1 < end and doc[start].is_alpha and doc[start].is_lower and doc[start].lower_ not in CONNECTORS \
            and is_capitalised(doc[start + 1]):
        start += 1  # "state Department of Health": a describing word, not part of the name
    start = _after_title(doc, start, end, label, lexicon)
    if end + 1 < len(doc) and doc[end].lower_ in POSSESSIVE and _possessive_name(doc, end, end + 2, lexicon):
        end += 2  # the model stopped short of "'s Hospital"
    elif end < len(doc) and end - 1 > start and doc[end - 1].lower_ in POSSESSIVE \
            and _possessive_name(doc, end - 1, end + 1, lexicon):
        end += 1  # or took the "'s" but not "Hospital"
    rest: list[Span] = []
    for i in range(start, end):  # cut at a quote mark, a bracket or a possessive inside the entity
        if doc[i].lower_ in POSSESSIVE and i > start and not _possessive_name(doc, i, end, lexicon):
            if i + 1 < end and is_capitalised(doc[i + 1]):  # "Acme's Widget": the widget too
                rest = _clean(doc, i + 1, end, label, lexicon)
            end = i
            break
        if doc[i].text in QUOTE_CHARS or doc[i].text in ("(", ")", "[", ":", ";", ","):
            end = i
            break
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    if end <= start:
        return []
    for i in range(start + 1, end - 1):  # "Outlet - Name": a dash with spaces separates two names
        if doc[i].text in ("-", "\u2013", "\u2014") and not attached_hyphen(doc, i):
            return _clean(doc, start, i, label, lexicon) + _clean(doc, i + 1, end, label, lexicon)
    for i in range(start + 1, end - 1):  # "Acme-Globex": two capitalised names joined by a hyphen
        if attached_hyphen(doc, i) and is_capitalised(doc[i - 1]) and is_capitalised(doc[i + 1]) \
                and _seen_alone(doc, doc[start:i].text):
            return _clean(doc, start, i, label, lexicon) + _clean(doc, i + 1, end, label, lexicon)
    return [Span(doc, start, end, label=label), *rest]


def _after_title(doc: Doc, start: int, end: int, label: str, lexicon: Lexicon) -> int:
    """Where the name starts after a leading title the model took in ("Mayor Jane Roe")."""
    for width in (3, 2, 1):
        words = " ".join(t.lower_ for t in doc[start:start + width])
        rest = doc[start + width:end]
        if width < end - start and (lexicon.is_title(words) or words in lexicon.ranks and label == "PERSON") \
                and all(is_capitalised(t) or t.lower_ in NAME_PARTICLES or t.lower_ in POSSESSIVE
                                               or attached_hyphen(doc, t.i) for t in rest) \
                and (label == "PERSON" or len(rest) >= 2 and all(t.pos_ == "PROPN" for t in rest)
                     and rest[-1].lower_ not in lexicon.org_words):
            return start + width
    return start


def _possessive_name(doc: Doc, i: int, end: int, lexicon: Lexicon) -> bool:
    """A possessive inside an institution's name ("St. Jude's Hospital"), not an owner and thing."""
    return i + 2 == end and is_capitalised(doc[i + 1]) and doc[i + 1].lower_ in lexicon.institution_words


def midsentence_words(docs: list[Doc]) -> frozenset[str]:
    """Capitalised words used inside sentences: names, not just a sentence's first word.

    One pass over each paragraph's tokens, the text tested first (most words are lower case):
    the tokens of every paragraph are read here, so each costs once."""
    out: set[str] = set()
    for doc in docs:
        before = ""
        for t in doc:
            text = t.text
            if before and before not in (":", "\u201c", "\"", "-", "\u2014") and text[:1].isalpha() \
                    and (text[0].isupper() or any(c.isupper() for c in text[1:])) \
                    and text not in out and t.is_alpha and not t.is_sent_start:
                out.add(text)
            before = text
    return frozenset(out)


def _seen_alone(doc: Doc, text: str) -> bool:
    """True when `text` also appears in the paragraph outside a hyphenated compound."""
    n = len(text)
    whole = text_of(doc)
    at = whole.find(text)
    while at >= 0:
        after = whole[at + n: at + n + 1]
        before = whole[at - 1: at] if at else ""
        if after != "-" and before != "-":
            return True
        at = whole.find(text, at + 1)
    return _camel(text)


def _camel(text: str) -> bool:
    return any(a.islower() and b.isupper() for a, b in zip(text, text[1:]))


def _runs(doc: Doc, taken: set[int], lexicon: Lexicon, skip_until: int, known: frozenset[str]) -> list[Span]:
    """Capitalised token runs the model did not label, split at titles ("Defense Secretary")."""
    out: list[Span] = []
    i = skip_until
    while i < len(doc):
        if i in taken or not _run_token(doc, i, lexicon):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken:
            if _run_token(doc, j, lexicon):
                j += 1
            elif doc[j].lower_ in CONNECTORS and j + 1 < len(doc) and j + 1 not in taken \
                    and _run_token(doc, j + 1, lexicon) and doc[j].lower_ != "and":
                j += 1
            else:
                break
        first = doc[i]
        # A lone capitalised word opening a sentence is usually just a sentence's first word.
        if not (first.is_sent_start and j - i == 1 and first.pos_ != "PROPN" and not _camel(first.text)
                and not first.text.isupper() and first.text not in known):
            out.append(Span(doc, i, j, label=""))
        i = j
    return out


def _run_token(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    tok = doc[i]
    return (is_capitalised(tok) and tok.is_alpha or tok.text in ("U.S.", "U.K.", "E.U.")) \
        and tok.lower_ not in lexicon.titles and tok.lower_ not in lexicon.honorifics \
        and tok.pos_ not in ("PRON", "DET", "AUX", "VERB", "ADV", "SCONJ", "CCONJ")


def _trim(span: Span, lexicon: Lexicon) -> Span | None:
    """Drop furniture words at either end ("BST Jane Roe", "Fri Jun") and a sentence-opening
    adverb the run took in ("Sadly Jane")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("of", "and", "for", "&")
                           or fold(doc[start].text) in lexicon.not_names
                           and fold(doc[start].text) not in lexicon.country_prefixes  # "US Army"
                           or doc[start].is_sent_start and doc[start].pos_ in ("ADV", "INTJ")
                           and (not span.label_ or end - start >= 3  # "Later Jane Roe"
                                or doc[start].lower_.endswith("ly") and len(doc[start]) > 4)  # "Sadly Jane"
                           or doc[start].pos_ == "INTJ" and start + 1 < end):  # "Hey Jack"
        start += 1
    while end > start and (fold(doc[end - 1].text) in lexicon.not_names and doc[end - 1].is_title
                           or doc[end - 1].lower_ in ("and", "or", "of", "for", "&", "the")):
        end -= 1  # "... Fri Jun", "Acme Relief and": an acronym closing a name stays ("Constitutional AI")
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_) if end > start else None


def _is_name(span: Span, lexicon: Lexicon) -> bool:
    key = fold(span.text)
    if not key or key in lexicon.not_names or not any(is_capitalised(t) for t in span):
        return False
    if any(c in span.text for c in "/@#\\") or any(t.like_url or t.like_email or t.like_num for t in span):
        return False  # an address, a handle or a number, not a name
    if len(span) >= 2 and len(span[-1].text.rstrip(".")) == 1:
        return False  # "Roe J.": a reference list's author, or a name cut short
    if all(t.lower_ in lexicon.titles for t in span if t.is_alpha):
        return False
    return len(span) <= 8


# A cue in the words around a name ("Jane Roe, 44,", "the agency Acme") counts as two of the
# model's labels: the small model labels a name erratically from one sentence to the next, the
# words the text uses do not. Chosen on the dev stories' kind accuracy; re-run bench/dev_eval.py
# (the kind column) after changing it.
CUE_WEIGHT = 2.0


def evidence(span: Span, lexicon: Lexicon) -> tuple[Evidence, ...]:
    """Cues in the words around a name: what comes before, after, and what it owns."""
    doc = span.doc
    out: list[Evidence] = []
    label_votes = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                   "NORP": "place", "PRODUCT": "product", "WORK_OF_ART": "product", "LAW": "law",
                   "EVENT": "law"}
    if span.label_ in label_votes:
        # the small model calls many one-word names of products and firms PERSON: half a vote
        weight = 0.5 if span.label_ == "PERSON" and len(span) == 1 else 1.0
        out.append(Evidence(label_votes[span.label_], weight, f"{LABEL_CUE}{span.label_}"))
    last = span[-1].lower_
    if len(span) >= 2 and last in lexicon.thing_words:
        # the model's ORG label stands against the word: "World Grain Programme" runs things
        out.append(Evidence("law", 1.0 if span.label_ == "ORG" else CUE_WEIGHT, f"a {last}"))
    elif len(span) >= 2 and last in lexicon.org_words:
        out.append(Evidence("organization", CUE_WEIGHT, f"a name ending in {span[-1].text}"))
    root = span.root
    if root.dep_ in ("nsubjpass", "dobj") and root.head.lemma_.lower() in lexicon.founding_verbs \
            and root.head.pos_ == "VERB":
        out.append(Evidence("organization", CUE_WEIGHT, f"{root.head.text} (founded)"))
    after = [t for t in doc[span.end: span.end + 3]]
    if after and after[0].lower_ in POSSESSIVE:
        owned = _possessed(after[0])
        if owned is not None:
            if owned.lower_ in lexicon.org_possessions or owned.lemma_.lower() in lexicon.org_possessions:
                out.append(Evidence("organization", 1.5, f"'s {owned.lower_}"))
            if owned.lower_ in lexicon.person_possessions:
                out.append(Evidence("person", 1.5, f"'s {owned.lower_}"))
    elif after:
        one = after[0].lower_
        two = " ".join(t.lower_ for t in after[:2])
        if (two in lexicon.org_titles or one in lexicon.org_titles) and after[0].pos_ != "VERB":
            out.append(Evidence("organization", CUE_WEIGHT, f"{span.text} {after[0].text}"))
        elif one in lexicon.product_nouns and not span.text.isupper():
            out.append(Evidence("product", CUE_WEIGHT, f"{span.text} {after[0].text}"))
        elif after[0].text == "," and len(after) > 1:
            aged = len(after) > 2 and is_age(after[1]) and after[2].text == ","
            if aged:  # "Jane Roe, 56,": only a person has an age written so
                out.append(Evidence("person", CUE_WEIGHT, f"{span.text}, {after[1].text},"))
            noun = _apposition_noun(doc, span.end + (3 if aged else 1))
            if noun in lexicon.org_nouns:
                out.append(Evidence("organization", CUE_WEIGHT, f", the {noun}"))
            elif noun in lexicon.titles:
                out.append(Evidence("person", CUE_WEIGHT, f", the {noun}"))
    if span.start > 0:
        before = doc[span.start - 1]
        word = before.lower_
        if word in POSSESSIVE and span.start >= 2 and is_capitalised(doc[span.start - 2]) \
                and lexicon.outlet(doc[span.start - 2].text) is not None:
            # "CNN's Jane Roe": the outlet's journalist, a source rather than a player
            out.append(Evidence("media", CUE_WEIGHT, f"{doc[span.start - 2].text}'s {span.text}"))
        elif word in POSSESSIVE and span.start >= 2 and is_capitalised(doc[span.start - 2]):
            out.append(Evidence("product", 1.5, f"{doc[span.start - 2].text}'s {span.text}"))
        elif word in lexicon.journalist_titles:
            out.append(Evidence("media", CUE_WEIGHT, f"{before.text} {span.text}"))
        elif word == "by" and before.is_sent_start and span.label_ == "PERSON" and (
                span.end == len(doc) or doc[span.end].text in BYLINE_ENDS):
            out.append(Evidence("media", CUE_WEIGHT, f"By {span.text} (a byline)"))  # the article's writer
        elif word in lexicon.honorifics:
            out.append(Evidence("person", 3.0, before.text))
        elif _title_before(doc, span.start, lexicon):
            out.append(Evidence("person", CUE_WEIGHT, f"{before.text} {span.text}"))
        elif word == "of" and span.start >= 2 and doc[span.start - 2].lower_ in lexicon.titles:
            out.append(Evidence("organization", CUE_WEIGHT, f"{doc[span.start - 2].text} of {span.text}"))
        elif word in lexicon.product_nouns and before.pos_ == "NOUN":
            out.append(Evidence("product", CUE_WEIGHT, f"{before.text} {span.text}"))
        elif word == "," and span.start >= 2 and doc[span.start - 2].lower_ in lexicon.titles and \
                (span.end == len(doc) or doc[span.end].text in (",", ".")):
            out.append(Evidence("person", CUE_WEIGHT, f"{doc[span.start - 2].text}, {span.text}"))
        elif word in lexicon.org_nouns and before.pos_ == "NOUN":
            out.append(Evidence("organization", CUE_WEIGHT, f"{before.text} {span.text}"))
    if _counted(span):
        out.append(Evidence("group", CUE_WEIGHT, f"{doc[span.start - 1].text} {span.text}"))
    place = _modified_noun(span)
    if place is not None and place.lemma_.lower() in lexicon.place_nouns:
        out.append(Evidence("place", CUE_WEIGHT, f"{span.text} {place.text}"))
    if len(span) == 1 and (_camel(span.text) or (span.text.isupper() and len(span.text) >= 2)):
        out.append(Evidence("organization", 0.5, SPELLING_CUE))
    return tuple(out)


def _counted(span: Span) -> bool:
    """"Two Ruritanians", "millions of Ruritanians", "many of the Ruritanians": a plural name
    counted like a common noun names a group of people, not one actor. Not "two Acme plants",
    where the name describes the noun after it."""
    doc = span.doc
    if not span.text.endswith("s") or span.start == 0:
        return False
    if span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN"):
        return False
    i = span.start
    if doc[i - 1].lower_ == "the" and i >= 2:
        i -= 1
    if doc[i - 1].lower_ == "of" and i >= 2:
        i -= 1  # "millions of", "many of the"
    before = doc[i - 1]
    return before.like_num and before.lower_ not in ("one", "1") or before.lower_ in QUANTIFIERS


def _modified_noun(span: Span) -> Token | None:
    """The common noun after a name or a list of names: "Elm, Oak and Ash neighbourhoods" -> neighbourhoods.

    Read from the words, not the parse, which often attaches such a noun to one name only."""
    doc = span.doc
    i = span.end
    while i < len(doc) and i - span.end < 12 and (
            doc[i].pos_ == "PROPN" or doc[i].text == "," or doc[i].lower_ in ("and", "or")):
        i += 1
    if i < len(doc) and doc[i].pos_ == "NOUN" and doc[i - 1].pos_ == "PROPN":
        return doc[i]
    return None


def _possessed(mark: Token) -> Token | None:
    """The noun a possessive marks as owned: "Acme's new models" -> models."""
    owner = mark.head
    owned = owner.head if owner.dep_ == "poss" else None
    if owned is not None and owned.pos_ in ("NOUN", "PROPN"):
        return owned
    nxt = mark.nbor(1) if mark.i + 1 < len(mark.doc) else None
    while nxt is not None and nxt.pos_ == "ADJ" and nxt.i + 1 < len(mark.doc):
        nxt = nxt.nbor(1)
    return nxt if nxt is not None and nxt.pos_ == "NOUN" else None


def _apposition_noun(doc: Doc, i: int) -> str | None:
    """The head noun of ", the AI company," or ", a spokesperson for"."""
    j = i
    if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    else:
        return None
    for k in range(j, min(j + 5, len(doc))):
        tok = doc[k]
        if attached_hyphen(doc, k) or k > j and attached_hyphen(doc, k - 1):
            continue  # "a chess club-mate": the noun is the whole compound
        # "who"/"which" open a relative clause: the noun before it is the apposition's head
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "ADP") or tok.tag_ in ("WP", "WDT"):
            return _compound(doc, k - 1).lower() if k > j else None
    return None


def _compound(doc: Doc, i: int) -> str:
    """The word ending at token i with its hyphenated parts: "team-mate", not "mate"."""
    start = i
    while start >= 2 and attached_hyphen(doc, start - 1):
        start -= 2
    return doc[start:i + 1].text


def is_age(tok: Token) -> bool:
    """A person's age as written after the name ("Jane Roe, 56,"): a whole number a life can reach."""
    return tok.text.isdigit() and 0 < int(tok.text) < 120


def _title_before(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """True when a title stands right before position `start` ("Secretary Jane Roe")."""
    prev = doc[start - 1]
    if prev.lower_ in lexicon.titles:
        return prev.lower_ not in lexicon.org_nouns or prev.lower_ in ("president", "chief")
    if start >= 2 and f"{doc[start - 2].lower_} {prev.lower_}" in lexicon.titles:
        return True
    if start >= 3 and attached_hyphen(doc, start - 2):  # "co-founder Jane Roe"
        return f"{doc[start - 3].lower_}-{prev.lower_}" in lexicon.titles
    return False


def is_subject(span: Span) -> bool:
    return any(t.dep_ in SUBJECT_DEPS for t in span) or span.root.head.dep_ in SUBJECT_DEPS \
        and span.root.dep_ in ("compound", "poss")


__all__ = ["Evidence", "NAME_LABELS", "name_spans", "evidence", "is_subject", "is_capitalised",
           "attached_hyphen", "midsentence_words", "is_age", "POSSESSIVE", "CONNECTORS", "QUOTE_CHARS",
           "LABEL_CUE"]
