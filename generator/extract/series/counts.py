"""Counts in one sentence: a figure, what it counts, where, and the day it holds for.

"At least 150 people have died in Northland", "the death toll rose to 150", "officials counted
1,200 oiled birds": each gives a `Count` whose `measure` is the counted thing normalised
("deaths", "oiled birds"), so that the same measure told in other words lines up across
articles. Plain, picklable data: the per-article result is cached.
"""
from __future__ import annotations

import re
from functools import cache
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ...model import DateValue, PartialDate, SourceRef
from .. import dates
from ...wordlists import comparison_words, series_words

NUMBER = re.compile(r"(?<![\w.,$€£])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    r"(?:\s*(?P<scale>million|billion|thousand|hundred)\b)?", re.IGNORECASE)
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
# Entities whose numbers are not counts of things: years, times, percentages, ranks, amounts.
# (Units of a QUANTITY entity are told apart by the `not_counted` nouns: "900 barrels a day" is
# a count the coverage updates, "8 ft" is not.)
NOT_COUNTS = {"DATE", "TIME", "PERCENT", "ORDINAL"}
CURRENCY = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|usd|eur|gbp)\b", re.IGNORECASE)
YEAR = re.compile(r"^(?:1[89]|20|21)\d\d$")
# Dependencies that open another clause: a place or a rate named there is not this count's.
CLAUSES = {"ccomp", "advcl", "relcl", "parataxis", "xcomp", "csubj", "acl"}
# A day the sentence names is the day its count holds for only when it is close to publication
# ("said on Friday", "by Saturday"); an older day dates the event counted ("in the 12 May
# quake"), not the count. A week covers "on Monday" in a Sunday paper. Re-read the dev series
# (bench/dev_eval.py --keep) after changing it or HISTORY_DAYS.
REPORTING_DAYS = 7
# A sentence dated more than a year before its article tells history ("the 1961 flood
# drowned 43"): its count is not a point of the story's series.
HISTORY_DAYS = 365


@dataclass(frozen=True, slots=True)
class Count:
    """A count stated in a sentence."""

    source: SourceRef
    text: str  # the figure as written, with its qualifier: "at least 150"
    low: float  # the numbers stated: a range "between 40 and 50" is 40 and 50
    high: float
    measure: str  # normalised: "deaths", "confirmed cases", "barrels a day"
    label: str  # the counted words as written: "people have died", "confirmed cases"
    place: str  # the place the count is for, as written ("" when none is named), or "worldwide"
    date: DateValue | None  # the day it holds for: a reporting day named, else publication
    history: bool = False  # the sentence dates it long before the article: not a current count

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2


@cache  # asked for every number of every sentence: built once
def _measure_map() -> dict[str, str]:
    return {w: name for name, ws in series_words().measures.items() for w in ws}


@cache
def _deny_verbs() -> frozenset[str]:
    return comparison_words().deny_verbs | comparison_words().dismiss_verbs


def numbers_in(text: str) -> list[float]:
    """The numbers written in a figure's words: digits with a scale, or number words."""
    out = [float(m.group("num").replace(",", "")) * SCALES.get((m.group("scale") or "").lower(), 1.0)
           for m in NUMBER.finditer(text)]
    if out:
        return out
    words = text.lower().replace("-", " ").split()
    vals: list[float] = []
    for i, w in enumerate(words):
        if w in WORD_NUMBERS and w not in SCALES:
            scale = SCALES.get(words[i + 1], 1.0) if i + 1 < len(words) else 1.0
            vals.append(WORD_NUMBERS[w] * scale)
    return vals


def _phrase(num: Token) -> list[Token]:
    """The figure's words: the number with its scale, range and qualifier ("more than 1.5 million")."""
    keep = {"compound", "quantmod", "cc", "conj", "amod", "advmod", "nummod"}
    out = [num]
    stack = [num]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in keep and (child.like_num or child.pos_ in {"ADP", "ADV", "ADJ", "CCONJ", "DET",
                                                                        "NUM", "SYM"}):
                out.append(child)
                stack.append(child)
    out.sort(key=lambda t: t.i)
    first = out[0].i
    # contiguous from the first word up to the number's scale
    run = [t for t in out if t.i - first == out.index(t)]
    return run if num in run else out


def _written(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc[tokens[0].i: tokens[-1].i + 1].text


def _is_count(num: Token, phrase: list[Token], sent: Span) -> bool:
    if any(t.ent_type_ in NOT_COUNTS for t in phrase):
        return False
    if YEAR.match(num.text):
        return False
    doc = num.doc
    if phrase[-1].i + 1 < sent.end and doc[phrase[-1].i + 1].text in {"-", "–"}:
        return False  # "a 30-bed clinic", "a 4.6-magnitude tremor": a measure, not a count
    around = doc[max(phrase[0].i - 1, sent.start): min(phrase[-1].i + 2, sent.end)].text
    return not CURRENCY.search(around) and "%" not in around and "per cent" not in around.lower()


def _is_increment(noun: Token) -> bool:
    inc = series_words().increments
    return any(c.dep_ in {"amod", "advmod", "det"} and c.lower_ in inc for c in noun.children)


def _predicate(noun: Token) -> tuple[str, str] | None:
    """What happened to the people counted: the measure and its words ("people have died")."""
    mmap = _measure_map()
    for child in noun.children:  # "people killed", "injured people", "people dead"
        if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in mmap:
            return mmap[child.lemma_.lower()], _span_text(noun, child)
    verb = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and verb.pos_ in {"VERB", "AUX"}:
        if verb.lemma_.lower() in mmap:
            return mmap[verb.lemma_.lower()], _span_text(noun, verb)
        for c in verb.children:  # "were left homeless", "are missing", "were dead"
            if c.dep_ in {"acomp", "oprd", "attr"} and c.lemma_.lower() in mmap:
                return mmap[c.lemma_.lower()], _span_text(noun, c)
    return None


def _span_text(a: Token, b: Token) -> str:
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    if hi - lo > 4:
        return f"{a.text} … {b.text}" if a.i < b.i else f"{b.text} … {a.text}"
    return a.doc[lo: hi + 1].text


def _noun_measure(noun: Token) -> tuple[str, str] | None:
    """The measure a counted noun names: a listed one ("deaths"), else the noun with the words
    that define it ("confirmed cases", "oiled birds")."""
    mmap = _measure_map()
    lemma = noun.lemma_.lower()
    if lemma in mmap:  # with what sets it apart: "suspected deaths" and "confirmed deaths" differ
        quals = [c for c in noun.children if c.dep_ == "amod" and c.i < noun.i and c.pos_ in {"ADJ", "VERB"}
                 and c.lower_ not in series_words().increments and c.lemma_.lower() not in mmap]
        return " ".join([*(c.lower_ for c in quals), mmap[lemma]]), noun.doc[(quals or [noun])[0].i: noun.i + 1].text
    if not lemma.isalpha() or lemma in series_words().not_counted or noun.lower_ in series_words().not_counted:
        return None
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.i < noun.i
            and c.pos_ in {"ADJ", "VERB", "NOUN"} and not c.ent_type_ and c.is_alpha
            and c.lower_ not in series_words().increments]
    key = " ".join([*(c.lower_ for c in mods), noun.lower_])  # as written: "cases", not "case"
    label = noun.doc[mods[0].i: noun.i + 1].text if mods else noun.text
    return key, label


def _holder_measure(holder: Token, sent: Span) -> tuple[str, str] | None:
    """The measure a "toll", "number" or "total" holds: its compound ("death toll"), its
    "of" noun ("number of cases")."""
    mmap = _measure_map()
    for c in holder.children:
        if c.dep_ in {"compound", "amod"} and c.lemma_.lower() in mmap:
            return mmap[c.lemma_.lower()], f"{c.text} {holder.text}"
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "NOUN":
                found = _predicate(obj) if obj.lemma_.lower() in series_words().person_nouns else _noun_measure(obj)
                if found:
                    return found
    return None


def _anchor(num: Token) -> tuple[Token, str, str] | None:
    """The token the count hangs on (for its place and rate), its measure and label."""
    mmap = _measure_map()
    persons = series_words().person_nouns
    holders = series_words().holder_nouns
    head = num.head
    if num.dep_ == "nummod" and head.pos_ == "NOUN":
        if _is_increment(head) or head.lemma_.lower() in holders:
            return None
        found = _predicate(head) if head.lemma_.lower() in persons else _noun_measure(head)
        return (head, *found) if found else None
    if num.dep_ in {"dobj", "nsubj", "nsubjpass"} and head.lemma_.lower() in mmap:
        return head, mmap[head.lemma_.lower()], head.text  # "infected more than 7,400"
    # "the death toll rose to 150", "a toll of 150", "bringing the total to 318"
    verb = head.head if num.dep_ == "pobj" and head.lower_ in {"to", "at", "of"} else head
    holder = None
    if verb.lemma_.lower() in holders and num.dep_ == "pobj":
        holder = verb
    elif verb.lemma_.lower() in series_words().holder_verbs:
        if any(c.dep_ == "aux" and c.lower_ in {"could", "might", "would", "may", "will"} for c in verb.children):
            return None  # "the toll could rise to 200": a forecast, not a count
        holder = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}
                       and c.lemma_.lower() in holders), None)
    if holder is None:
        return None
    found = _holder_measure(holder, num.sent)
    return (holder, *found) if found else (holder, "", holder.text)  # "" : borrowed below


def _clause(anchor: Token) -> list[Token]:
    """The anchor's clause: its subtree without the clauses below it."""
    out = [anchor]
    stack = [anchor]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            if c.dep_ not in CLAUSES and c.dep_ != "conj":
                out.append(c)
                stack.append(c)
    return out


def _governor(tok: Token) -> Token:
    """The verb a noun phrase hangs on, or the noun itself when it has none."""
    cur = tok
    for _ in range(4):
        if cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return tok


def _place(anchor: Token, num: Token) -> str:
    """The place the count is for: a country, region or city in its clause, else "worldwide"."""
    clause = _clause(_governor(anchor))
    ids = {t.i for t in clause}
    places = [(e.root.i, e.text) for e in num.sent.ents if e.label_ in {"GPE", "LOC"} and e.root.i in ids]
    # a proper noun after "in" that the tagger left unlabelled or took for an organisation is a
    # place too ("in Northland")
    places += [(t.i, t.text) for t in clause if t.dep_ == "pobj" and t.head.lower_ == "in"
               and t.pos_ == "PROPN" and t.ent_type_ in {"", "ORG"}]
    if places:
        return re.sub(r"^the\s+", "", min(places, key=lambda p: (abs(p[0] - num.i), p[0]))[1], flags=re.I)
    if any(t.lower_ in series_words().everywhere for t in clause):
        return "worldwide"
    return ""


def _rate(anchor: Token) -> str:
    """" a day" when the count is per unit of time ("barrels a day", "die each year")."""
    units = series_words().rate_units
    adverbs: dict[str, str] = series_words().rate_adverbs
    for t in _clause(_governor(anchor)):
        if t.lower_ in adverbs:
            return f" a {adverbs[t.lower_]}"
        if t.lemma_.lower() in units and (
                any(c.dep_ == "det" and c.lower_ in {"a", "an", "per", "each", "every"} for c in t.children)
                or t.head.lower_ == "per"):
            return f" a {t.lemma_.lower()}"
    return ""


def when(sent: Span, published: PartialDate | None, anchor: Token | None = None
         ) -> tuple[DateValue | None, bool]:
    """The day a count holds for and whether the sentence tells history (see REPORTING_DAYS).
    A day dates the count only when it hangs on the count's clause or on the verb reporting it
    ("said on Friday"), not on another clause ("ministers meet on Thursday")."""
    if published is None:
        return None, False
    pub = published.last_day()
    mentions = [m for m in dates.find_dates(sent.text, published) if m.value is not None]
    history = any((pub - m.value.last_day()).days > HISTORY_DAYS for m in mentions)  # type: ignore[union-attr]
    verbs = _reporting_verbs(anchor) if anchor is not None else None
    for m in mentions:
        v = m.value
        assert v is not None
        if v.precision == "day" and 0 <= (pub - v.last_day()).days <= REPORTING_DAYS and (
                verbs is None or _verb_of(sent, m.start) in verbs):
            return v, history
    return DateValue(published, how="inferred", expression="published"), history


def _reporting_verbs(anchor: Token) -> set[int]:
    """The count's verb and the verbs it is reported under ("officials said ... had died")."""
    cur = _governor(anchor)
    out = {cur.i}
    for _ in range(3):
        if cur.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or cur.head.i == cur.i:
            break
        cur = cur.head
        out.add(cur.i)
    return out


def _verb_of(sent: Span, char: int) -> int:
    """The verb a phrase starting at `char` of the sentence hangs on (-1 when none)."""
    tok = next((t for t in sent if t.idx - sent.start_char >= char), None)
    for _ in range(6):
        if tok is None:
            return -1
        if tok.pos_ in {"VERB", "AUX"}:
            return tok.i
        if tok.head.i == tok.i:
            return -1
        tok = tok.head
    return -1


def _disputed(anchor: Token) -> bool:
    """Whether the count is only asked about or denied ("denied reports that she had infected
    20 people"): not a figure anyone stands by."""
    deny = _deny_verbs()
    cur = anchor
    for _ in range(8):
        if cur.lemma_.lower() in deny:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def counts_in(ref: SourceRef, sent: Span, published: PartialDate | None) -> list[Count]:
    """The counts stated in one sentence; none in a question."""
    if sent.text.rstrip(" \"'”’)").endswith("?"):
        return []
    found: list[tuple[Token, Token, str, str, list[Token]]] = []
    seen: set[int] = set()
    for num in sent:
        if not (num.like_num or num.pos_ == "NUM") or num.i in seen:
            continue
        if num.head.like_num and num.head.i != num.i and num.dep_ in {"compound", "conj", "nummod", "quantmod"}:
            continue  # part of a larger figure ("1.5" of "1.5 million", "50" of "40 and 50")
        phrase = _phrase(num)
        seen.update(t.i for t in phrase)
        if not _is_count(num, phrase, sent):
            continue
        hit = _anchor(num)
        if hit is not None and not _disputed(hit[0]):
            found.append((num, hit[0], hit[1], hit[2], phrase))
    if not found:
        return []
    named = [m for _n, _a, m, _l, _p in found if m]
    out: list[Count] = []
    for num, anchor, measure, label, phrase in found:
        day, history = when(sent, published, anchor)
        if not measure:
            if not named:
                continue  # "the total rose to 40": a total of what?
            measure = named[0]
        values = numbers_in(_written([t for t in phrase if t.like_num or t.pos_ == "NUM"] or [num]))
        if not values or min(values) < 2:
            continue  # "one" is too often not a count ("one of the ...")
        measure += _rate(anchor)
        out.append(Count(ref, _written(phrase), min(values), max(values), measure, label,
                         _place(anchor, num), day, history))
    return out
