"""The timeline's per-sentence step: the event mentions and the day mentions of one article.

`article_events()` keeps at most one event per sentence: the clause whose verb reports
something that happened (past, perfect or progressive tense, an actor as subject, not a verb of
saying or thinking), with the date the sentence gives it. It also keeps every day the article
says something happened on (`DayMention`): the days the corpus step weighs to choose the days
that mattered. A pure function of the parsed article: picklable, cacheable.
"""
from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from sys import intern  # words repeat: one string per word in each cache entry and worker batch
from typing import Literal

from spacy.tokens import Span, Token

from ...model import DateValue, PartialDate, SourceRef
from ...nlp import ParsedArticle, text_of
from ...wordlists import data_file
from .. import dates

# Sentences in the first LEAD_SENTENCES of an article's text report its news (the inverted
# pyramid); a present-perfect event there is taken to have happened at publication.
LEAD_SENTENCES = 3
# A month and day without a year takes the year of a date stated with its year at most this many
# sentences before ("On June 2 2031 ... On June 11, ..."): a narrative's own year, not the one
# nearest publication. Three sentences: a paragraph of news prose; re-run bench/dev_eval.py.
NARRATIVE_SENTENCES = 3
# A summary longer than this many words is cut at the first comma after its verb.
SUMMARY_WORDS = 22
MIN_SCORE = 3  # candidate clauses scoring less are not events (see `_score`)
# An undated event reported by one article is kept as background only at this score: a known
# event family with a named actor in a past-tense main clause (3 + 2 + 1 + 1).
BACKGROUND_SCORE = 7

RELATIVE_PREPS = {"after", "following", "since", "before", "until", "by", "within", "amid", "from"}
MODALS = {"could", "would", "may", "might", "should", "must", "can", "shall"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "once"}
PRONOUN_SUBJECTS = {"this", "that", "these", "those", "what", "anything", "something", "nothing"}
CLAUSE_DEPS = {"ROOT", "conj", "advcl", "ccomp", "relcl", "xcomp", "pcomp"}


# The family of a Relative whose referenced event has no known family ("the accident"): the
# event the article last dated before this sentence.
EARLIER_EVENT = "*"


@dataclass(frozen=True, slots=True)
class Relative:
    """An event dated by another: "`lag` days `direction` the event of `family`"."""

    direction: Literal["after", "before"]
    lag: tuple[int, int]
    family: str  # the referenced event's family; "" for the article's own news, EARLIER_EVENT (see there)
    date: DateValue | None = None  # the referenced event's date when the sentence gives it


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence reporting an event."""

    ref: SourceRef
    order: int  # the sentence's position in the article's text
    summary: str
    family: str  # event family of the key verb or nominalisation, else the verb's lemma
    salient: bool  # the family is a known event family
    names: tuple[str, ...]  # lower-cased proper-noun words, sorted
    words: tuple[str, ...]  # content lemmas, sorted
    date: DateValue | None  # as the sentence gives it
    relative: Relative | None
    recent: bool  # present perfect or progressive: it has just happened
    lead: bool
    score: int  # how clearly the sentence reports an event (see `_score`)
    actors: tuple[str, ...] = ()  # lower-cased proper-noun words of the subject, sorted
    others: int = 0  # words of other event families in the sentence: how mixed it is
    past: bool = False  # simple past: it happened (not a state in the present, not a plan)


@dataclass(frozen=True, slots=True)
class DayMention:
    """A sentence saying something happened on one day ("on Tuesday", "yesterday", "March 4").

    Not a forecast: a day after publication, or one a future or modal verb governs ("talks will
    resume on Monday"), is not kept. The corpus step counts the articles behind each day."""

    day: str  # ISO day
    ref: SourceRef
    order: int  # the sentence's position in the article's text
    words: tuple[str, ...]  # content lemmas, sorted: what the sentence is about
    event: bool  # the sentence also reports an event (an EventMention)
    text: str  # the sentence without a wire dateline or page furniture, "" when it is no sentence
    how: str = "resolved"  # "stated" or "resolved", as the date's DateValue
    expression: str = ""  # the date as the text gives it
    # the sentence also names a day after publication (read here, in the per-article step, so
    # that the corpus step of a large corpus does not read every sentence again)
    later: bool = False


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """Every event mention of one article, the dates it gives to event families, and its days."""

    article: str
    published: PartialDate | None
    mentions: tuple[EventMention, ...]
    dated: tuple[tuple[str, DateValue, int], ...]  # (family, date, sentence order), nominals included
    days: tuple[DayMention, ...] = ()
    topics: tuple[tuple[str, int], ...] = ()  # noun phrases that could name the story, with their sentence's checksum
    # (sentence order, last day) of each time the lead's sentences name: a lead that turns to the
    # past ("Twenty years ago, ...") tells what follows it in that past, not the day's news
    lead_times: tuple[tuple[int, dt.date], ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    families: dict[str, str]  # word or "verb particle" -> family
    light_verbs: frozenset[str]
    catenatives: frozenset[str]
    not_events: frozenset[str]
    plans: frozenset[str] = frozenset()
    generic: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load the event vocabulary (package data) once."""
    data = data_file("events.yml")
    families = {word: family for family, words in sorted(data["families"].items()) for word in words}
    return Vocabulary(families, frozenset(data["light_verbs"]), frozenset(data["catenatives"]),
                      frozenset(data["not_events"]), frozenset(data.get("plans", ())),
                      frozenset(data.get("generic_nouns", ())))


# ---------------------------------------------------------------- per article


def article_events(parsed: ParsedArticle) -> ArticleEvents:
    """Find the event mentions of one article and the dates it gives."""
    article = parsed.article
    mentions: list[EventMention] = []
    dated: list[tuple[str, DateValue, int]] = []
    days: list[DayMention] = []
    order = 0
    topics: set[tuple[str, int]] = set()
    told: tuple[int, PartialDate] | None = None  # the last date stated with its year, and where
    stated_days: dict[tuple[int, int], int] = {}  # (month, day) -> the year the text gave it
    lead_times: list[tuple[int, dt.date]] = []
    for para, doc in parsed.paragraph_docs():
        if para.kind == "heading":
            continue
        stamps = dates.timestamps(text_of(doc))  # over the paragraph: a stamp may straddle sentences
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            order += 1
            if _contact_line(sent.text):
                continue  # "Write to the desk at desk@example.org": the page's, not news
            ref = parsed.ref_for(para.index, sent)
            recent = told[1] if told is not None and order - told[0] <= NARRATIVE_SENTENCES else None
            mention, nominals, spans = _sentence_event(sent, ref, order, article.published, stamps,
                                                       (recent, stated_days))
            if order <= LEAD_SENTENCES:
                lead_times.extend((order, m.value.last_day()) for m, _ in spans if m.value is not None)
            stated = [m.value.start for m, _ in spans if m.value is not None and m.value.how == "stated"
                      and m.value.precision in ("day", "month")]
            if stated:
                told = (order, stated[-1])
            stated_days.update(((d.month, d.day), d.year) for d in stated if d.day is not None and d.month)
            dated.extend((family, value, order) for family, value in nominals)
            if mention is not None:
                mentions.append(mention)
                if mention.date is not None:
                    dated.append((mention.family, mention.date, order))
            found = _day_mentions(sent, ref, order, spans, article.published, mention is not None)
            days.extend(found)
            if mention is not None or found:
                # What the news sentences are about, each phrase with its sentence's checksum: a
                # teaser repeated on every page of a site is one sentence, however many pages.
                context = zlib.crc32(sent.text.encode("utf-8"))
                topics.update((phrase, context) for phrase in _topics(sent))
    return ArticleEvents(article.id, article.published, tuple(mentions), tuple(dated), tuple(days),
                         tuple(sorted(topics)), tuple(lead_times))


# A noun phrase that may name a story: two to four words ("bird flu", "the debt crisis"),
# headed by a common noun and qualified by an adjective or a name; time words and bare counts
# say when, not what. Lengths chosen on the dev stories' phrases.
TOPIC_WORDS = (2, 4)
TIME_NOUNS = frozenset({"year", "month", "week", "day", "time", "hour", "minute", "decade", "today",
                        "yesterday", "night", "morning", "evening", "weekend", "percent", "cent"})


def _topics(sent: Span) -> set[str]:
    """Noun phrases of a sentence that could name the story, without their determiners."""
    out: set[str] = set()
    try:
        chunks = list(sent.noun_chunks)
    except ValueError:  # a pipeline without a parser
        return out
    for chunk in chunks:
        words = [t for t in chunk if t.dep_ not in ("det", "poss", "predet", "nummod", "case") and t.is_alpha]
        root = chunk.root
        if not TOPIC_WORDS[0] <= len(words) <= TOPIC_WORDS[1] or root.pos_ != "NOUN" \
                or root.lemma_.lower() in TIME_NOUNS or root.lemma_.lower() in vocabulary().generic \
                or words[-1] != root \
                or not any(t.pos_ in ("ADJ", "PROPN") or t.dep_ == "compound" for t in words[:-1]) \
                or any(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERSON") for t in words):
            continue
        out.add(intern(" ".join(t.text for t in words)))
    return out


def _sentence_event(sent: Span, ref: SourceRef, order: int, published: PartialDate | None,
                    stamps: Sequence[tuple[int, int]] = (), told: dates.Told | None = None
                    ) -> tuple[EventMention | None, list[tuple[str, DateValue]], list[_Span]]:
    """The main event of a sentence, if any, the dated event nouns it mentions, and its dates."""
    vocab = vocabulary()
    # A page's time stamp ("Thursday 3 August 2034 06.15 GMT") dates the page, not what the
    # sentence reports: its date is dropped, the sentence's other dates are kept.
    base = sent.start_char
    stamps = [(a - base, b - base) for a, b in stamps]
    found = [m for m in dates.find_dates(sent.text, published, told=told) if not _within(m.start, m.end, stamps)]
    spans = [(m, _span_tokens(sent, m.start, m.end)) for m in found]
    spans += [(m, t) for m, t in _entity_dates(sent, published, [m for m, _ in spans], told)
              if not _within(m.start, m.end, stamps)]
    nominals: list[tuple[str, DateValue]] = []
    for mention, tokens in spans:
        noun = _event_noun_above(tokens, vocab) if mention.value and tokens else None
        if noun is not None and mention.value is not None:
            nominals.append((noun, mention.value))
    best: tuple[int, Token, str] | None = None  # score, verb, tense
    for token in sent:
        if token.pos_ != "VERB" or token.dep_ not in CLAUSE_DEPS:
            continue
        tense = _tense(token)
        if tense is None or _negated(token) or _conditional(token, sent) or _quoted(token, sent) \
                or (tense == "perfect" and _lasting(token)):
            continue
        family = _family(token, vocab)
        if token.lemma_.lower() in vocab.not_events and family not in _known_families(vocab):
            continue
        subject = _subject(token)
        if subject is None or subject.lower_ in PRONOUN_SUBJECTS:
            continue
        score = _score(token, subject, tense, family, vocab, spans, ref, order)
        if score >= MIN_SCORE and (best is None or score > best[0]):
            best = (score, token, tense)
    if best is None:
        return None, nominals, spans
    score, verb, tense = best
    future = tense == "future"
    own: DateValue | None = None
    relative: Relative | None = None
    for mention, tokens in spans:
        value = dates.resolve(mention.text, published, future, told) if future else mention.value
        if value is None or not tokens or _names_an_event(mention, tokens) or _in_a_name(tokens, sent) \
                or (not future and _planned(tokens)):
            continue  # "a parade was due to be held on Sunday": a plan, not its date
        how = _attachment(tokens, verb)
        if how == "own" and own is None:
            own = value
        elif how == "after" and relative is None:
            relative = Relative("after", (0, dates.FOLLOWING_MAX_DAYS), _event_noun_above(tokens, vocab) or "",
                                value)
    if own is None and relative is None:
        relative = _relative_phrase(sent, verb, vocab)
    if tense == "future" and own is None:
        return None, nominals, spans  # an undated plan is not a timeline entry
    family = _family(verb, vocab)
    event = EventMention(
        ref=ref, order=order, summary=_summary(verb), family=family,
        salient=family in _known_families(vocab),
        names=tuple(sorted({intern(t.lower_) for t in sent if t.pos_ == "PROPN" and t.is_alpha})),
        words=_content_words(sent),
        date=own, relative=relative, recent=tense in ("perfect", "progressive"),
        lead=order <= LEAD_SENTENCES, score=score, past=tense == "past",
        actors=tuple(sorted({intern(t.lower_) for t in subject.subtree if t.pos_ == "PROPN" and t.is_alpha}))
        if (subject := _subject(verb)) is not None else (),
        others=sum(1 for t in sent if t.pos_ in ("NOUN", "VERB") and t.i != verb.i
                   and vocab.families.get(t.lemma_.lower(), family) != family))
    if tense == "future":
        return None, nominals, spans  # a plan with a date is a forecast, not something that happened
    return event, nominals, spans


_Span = tuple[dates.DateMention, list[Token]]
YEAR_RX = re.compile(r"\b\d{4}\b")


def _day_mentions(sent: Span, ref: SourceRef, order: int, spans: Sequence[_Span],
                  published: PartialDate | None, event: bool) -> list[DayMention]:
    """The days this sentence says something happened on: one-day dates, not forecasts."""
    if published is None or not spans or sent.text.rstrip().endswith("?"):
        return []
    out: list[DayMention] = []
    seen: set[str] = set()
    words: tuple[str, ...] | None = None
    for mention, tokens in spans:
        value = mention.value
        if value is None or not tokens or value.first_day() != value.last_day():
            continue
        day = value.first_day()
        if day > published.last_day() or day.isoformat() in seen or _planned(tokens) or _present(tokens) \
                or _qualifies(tokens) \
                or _names_an_event(mention, tokens) or _in_a_name(tokens, sent):
            continue
        seen.add(day.isoformat())
        if words is None:  # the sentence's own reading, once for all its days
            words, text = _content_words(sent), _sentence_text(sent)
            later = dates.names_a_later_day(text or ref.quote, published.last_day())
        out.append(DayMention(day.isoformat(), ref, order, words, event, text, value.how, value.expression, later))
    return out


NAME_ENTITIES = frozenset({"WORK_OF_ART", "ORG", "EVENT", "PERSON", "FAC", "PRODUCT", "NORP", "GPE", "LAW"})


def _in_a_name(tokens: Sequence[Token], sent: Span) -> bool:
    """A day's name inside a name ("the film 'Friday Night Heroes'", "Black Friday Sales Ltd"):
    spaCy tags it as part of a named entity, or it opens quotation marks and a capitalised
    word follows it."""
    if any(t.ent_type_ in NAME_ENTITIES for t in tokens):
        return True
    after = tokens[-1].nbor(1) if tokens[-1].i + 1 < sent.end else None
    before = sent.doc[tokens[0].i - 1] if tokens[0].i > sent.start else None
    if before is not None and before.lower_ == "the" and tokens[0].text in ("Today", "Tonight", "Yesterday"):
        return True  # "a sketch on the Today show": a title, not the day
    quoted = before is not None and before.text in ('"', "“", "'", "‘")
    return quoted and after is not None and after.is_title and after.ent_type_ not in ("DATE", "TIME")


def _names_an_event(mention: dates.DateMention, tokens: Sequence[Token]) -> bool:
    """A month and day without a year used as a name ("the September 11 attacks", "the 7 July
    bombings"): it names an event of some year the text does not give, so the nearest year
    before publication would be a guess."""
    if any(ch.isdigit() for ch in mention.text) and not YEAR_RX.search(mention.text):
        core = [t for t in tokens if t.pos_ not in ("DET", "ADP")] or list(tokens)
        root = next((t for t in core if t.head not in core or t.head == t), core[-1])
        if not (root.dep_ in ("compound", "nmod", "amod", "nummod") and root.head.pos_ == "NOUN"
                and root.head.i > tokens[-1].i):
            return False
        # "an Oct. 3 speech", "a March 4 meeting": one occasion dated, not a name.
        return not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.head.children)
    return False


def _present(tokens: Sequence[Token]) -> bool:
    """True when the date's clause is in the simple present ("Ruritania today looks like ...",
    "she feels quite at ease today"): a state on that day, not something that
    happened."""
    verb = next((t for t in [tokens[0], *tokens[0].ancestors] if t.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _qualifies(tokens: Sequence[Token]) -> bool:
    """True when the date qualifies an adjective or stands after "of" ("a concept unthinkable
    today", "the city of today"): a state, not something that happened on that day. A noun's
    date is kept: "the vote on Thursday" is an event on that day."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])
    before = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.pos_ == "ADJ" and before.dep_ != "advmod":
        return True  # "unthinkable today", "busy on Monday" (not "lobbied hard yesterday")
    head = root.head
    if head is root:
        return False
    if head.pos_ == "ADP":
        after_of = head.lower_ == "of" and not (head.i > 0 and head.doc[head.i - 1].lower_ == "as")  # "as of"
        return after_of or head.head.pos_ == "ADJ"
    return head.pos_ == "ADJ"


def _planned(tokens: Sequence[Token]) -> bool:
    """True when the clause the date belongs to is a plan or forecast: a future or modal verb,
    a passive or adjectival word of planning ("is scheduled for", "due on"), or a "to" clause
    under one ("plans to vote on Monday", "is to meet on Friday"). An active past verb of
    planning is itself an event ("he pledged on Monday to ...")."""
    plans = vocabulary().plans
    head = tokens[0]
    for token in [head, *head.ancestors]:
        if token.pos_ in ("VERB", "AUX", "ADJ") or token.dep_ == "ROOT":
            aux = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
            if aux & (MODALS | {"will", "'ll", "wo"}):
                return True
            if token.lemma_.lower() in plans and (token.pos_ == "ADJ" or token.dep_ in ("acl", "amod") or any(
                    c.dep_ == "auxpass" for c in token.children)):
                return True  # "is scheduled for", "due on", "the crowd expected today"
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) \
                    and token.head.lemma_.lower() in plans | {"be"}:
                return True  # "is to meet on Friday", "plans to vote on Monday"
            if token.dep_ not in ("xcomp", "conj", "pcomp", "advcl", "prep", "pobj"):
                break
    return False


def _content_words(sent: Span) -> tuple[str, ...]:
    return tuple(sorted({intern(t.lemma_.lower()) for t in sent
                         if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop and t.is_alpha}))


def _sentence_text(sent: Span) -> str:
    """The sentence as a summary: without its wire dateline; "" when it is not a whole sentence
    (no verb, or no capital at its start, as a caption or a cut fragment)."""
    text = dates.without_furniture(sent.text)
    if not text or not (text[0].isupper() or text[0] in "\"“'‘") or text[-1] not in ".!\"”'’)" \
            or not any(t.pos_ in ("VERB", "AUX") for t in sent) or first_person(text):
        return ""
    return " ".join(text.split())


# An e-mail address or a handle in a sentence marks the page's contact lines and promotions run
# into the text ("Write to the desk at desk@example.org"), not news.
CONTACT = re.compile(r"\S@\w[\w-]*\.\w|(?<!\w)@\w{2,}|#\w+\s+#\w+")
# A transcript's speaker label ("SMITH: I was told yesterday ...") or first-person narration ("I
# met a neighbour today", "We finally arrived on Sunday"): a speaker's or a writer's own
# account, not a line that says what happened in the story.
FIRST_PERSON = re.compile(r"^[\"“‘']?(?:[A-Z][A-Z.'’ -]{1,30}:\s|(?:(?:But|And|So|Yet|Now|Then|Still)\s+)?"
                          r"(?:I|We)(?:['’](?:m|ve|d|ll|re))?\s)")


def _contact_line(text: str) -> bool:
    return CONTACT.search(text) is not None


def first_person(text: str) -> bool:
    """True when the sentence is a transcript turn or first-person narration (see FIRST_PERSON)."""
    return FIRST_PERSON.match(text) is not None


def _within(start: int, end: int, stamps: Sequence[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps a time stamp or ends just before one ("8 February 2005 00.02")."""
    return any(start < b and a <= end + 1 for a, b in stamps)


def _known_families(vocab: Vocabulary) -> frozenset[str]:
    return frozenset(vocab.families.values())


def _span_tokens(sent: Span, start: int, end: int) -> list[Token]:
    base = sent.start_char
    return [t for t in sent if start <= t.idx - base < end]


def _entity_dates(sent: Span, published: PartialDate | None, taken: Sequence[dates.DateMention],
                  told: dates.Told | None = None) -> list[tuple[dates.DateMention, list[Token]]]:
    """spaCy DATE entities the patterns missed, when they resolve."""
    out = []
    base = sent.start_char
    for ent in sent.ents:
        if ent.label_ != "DATE" or sent.doc[ent.end:ent.end + 1].text in ("'s", "’s"):
            continue  # a possessive ("Friday's deadline") names a thing, not when it happened
        start, end = ent.start_char - base, ent.end_char - base
        if dates.named_day(sent.text, start):
            continue  # "Black Friday", "Good Friday": a name, not a date
        if start < dates.dateline_end(sent.text) or any(m.start < end and start < m.end for m in taken):
            continue
        value = dates.resolve(ent.text, published, told=told)
        if value is not None:
            out.append((dates.DateMention(start, end, ent.text, value), list(ent)))
    return out


def _tense(verb: Token) -> str | None:
    """past, perfect, progressive, future or present; None for modals, infinitives, gerunds."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in aux}
    if words & MODALS:
        return None
    if "will" in words or "'ll" in words:
        return "future"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if words & {"has", "have", "'ve", "'s"}:
            return "perfect"
        if words & {"had", "was", "were"}:
            return "past"
        if words & {"is", "are", "been"}:
            return "perfect" if "been" in words else None
        return None
    if verb.tag_ == "VBG" and words & {"is", "are", "am"}:
        return "progressive"
    if verb.tag_ in ("VBZ", "VBP") and not aux:
        return "present"
    return None


def _quoted(verb: Token, sent: Span) -> bool:
    """Inside quoted speech: a speaker's words belong with the quotes, not the timeline."""
    before = sent.doc[sent.start:verb.i].text
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly


DURATION_UNITS = {"year", "month", "week", "decade", "day", "hour", "century"}


def _lasting(verb: Token) -> bool:
    """A state that has lasted ("has lived there for thirty years"), not something that happened."""
    return any(c.dep_ == "prep" and c.lower_ == "for"
               and any(g.dep_ == "pobj" and g.lemma_.lower() in DURATION_UNITS for g in c.children)
               for c in verb.children)


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _conditional(verb: Token, sent: Span) -> bool:
    """Inside an if-clause or a question: not something that happened."""
    if sent.text.rstrip().endswith("?"):
        return True
    for token in [verb, *verb.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in token.children):
            return True
        if token.dep_ == "ROOT":
            break
    return False


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with or complements."""
    token: Token | None = verb
    for _ in range(4):
        assert token is not None
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if token.dep_ == "relcl":
                    # "Acme, which finalized a deal" is an event of Acme; "the lines the
                    # company has drawn" is about its head noun, not an event.
                    return token.head if child.lower_ in ("which", "who", "that") else None
                return child
        if token.dep_ in ("conj", "xcomp") and token.head is not token:
            token = token.head
            continue
        return None
    return None


def _family(verb: Token, vocab: Vocabulary) -> str:
    """The event family of a verb: its own, its particle's, or its object's for a light verb."""
    lemma = verb.lemma_.lower()
    if lemma in vocab.catenatives:
        second = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if second is not None and _family(second, vocab) in _known_families(vocab):
            return _family(second, vocab)
    for child in verb.rights:  # "walked out", "broke down": the particle may parse as advmod
        if child.dep_ in ("prt", "advmod", "prep") and f"{lemma} {child.lower_}" in vocab.families:
            return vocab.families[f"{lemma} {child.lower_}"]
    if lemma in vocab.light_verbs or lemma in vocab.not_events:
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "oprd") and child.lemma_.lower() in vocab.families:
                return vocab.families[child.lemma_.lower()]
    return vocab.families.get(lemma, lemma)


def _score(verb: Token, subject: Token, tense: str, family: str, vocab: Vocabulary,
           spans: Sequence[tuple[dates.DateMention, list[Token]]], ref: SourceRef, order: int) -> int:
    """How clearly a clause reports an event.

    +3 a known event family, +2 a named actor (a proper noun in the subject), +1 the main
    clause, +2 a date attached to it, +1 past or perfect tense; present tense counts only in
    the lead. The threshold MIN_SCORE (3) keeps e.g. "the company hired a researcher" (family
    +3) and "Google faced internal revolt" (named +2, past +1) but drops "the clash reached a
    pitch" without a date. Re-run the timeline score after changing these.
    """
    score = 3 if family in _known_families(vocab) else 0
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "PERSON", "GPE", "NORP") for t in subject.subtree) \
            or (subject.pos_ == "PRON" and subject.lower_ in ("he", "she", "it", "they", "we")):
        score += 2
    if verb.dep_ == "ROOT":
        score += 1
    if verb.dep_ in ("ccomp", "xcomp") and verb.head.pos_ == "VERB" \
            and verb.head.lemma_.lower() not in vocab.not_events:
        score -= 2  # "inspectors ordered the plant closed": the ordering is the event
    if tense in ("past", "perfect", "progressive"):
        score += 1
    elif tense == "present" and order > LEAD_SENTENCES:
        return 0
    if any(v and tokens and _attachment(tokens, verb) == "own" for v, tokens in
           ((m.value, t) for m, t in spans)):
        score += 2
    return score


def _clause_path(tokens: Sequence[Token]) -> tuple[Token | None, list[Token]]:
    """From a date expression up to its clause's verb: that verb and the tokens passed."""
    inside = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])
    path: list[Token] = []
    token = root
    for _ in range(12):
        if token.head is token:
            return (token if token.pos_ in ("VERB", "AUX") else None), path
        token = token.head
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "prep":
            return token, path
        path.append(token)
    return None, path


def _attachment(tokens: Sequence[Token], verb: Token) -> str | None:
    """"own" when the date dates `verb`'s clause, "after" when the clause follows the dated
    thing ("following the collapse last Friday"), else None."""
    clause, path = _clause_path(tokens)
    if clause is None:
        return None
    prep = next((t.lower_ for t in path if t.lower_ in RELATIVE_PREPS), None)
    related = (clause == verb or verb in clause.subtree and _same_time(verb, clause)
               or clause.head == verb and clause.dep_ in ("ccomp", "xcomp", "oprd")
               or clause.head == verb and clause.dep_ == "advcl" and _when_clause(clause))
    if not related:
        return None
    if prep in ("after", "following"):
        return "after"
    return None if prep else "own"


def _when_clause(clause: Token) -> bool:
    """A clause opened by "when" or "as": the time it gives is the main clause's ("When the
    ministers met last month, they agreed ...")."""
    return any(c.dep_ in ("advmod", "mark") and c.lower_ in ("when", "as") for c in clause.children)


def _same_time(verb: Token, clause: Token) -> bool:
    """True when `verb` sits in `clause` as a complement or a when-clause, not a sub-event."""
    token = verb
    while token != clause:
        if token.dep_ in ("relcl", "ccomp", "conj", "pcomp"):
            return False
        if token.dep_ == "advcl" and not any(c.lower_ in ("when", "as") for c in token.children):
            return False
        token = token.head
    return True


def _event_noun_above(tokens: Sequence[Token], vocab: Vocabulary) -> str | None:
    """The family of an event noun the date modifies ("the collapse ... last Friday")."""
    _, path = _clause_path(tokens)
    for token in [*tokens, *path]:
        if token.pos_ == "NOUN" and token.lemma_.lower() in vocab.families:
            return vocab.families[token.lemma_.lower()]
    return None


def _relative_phrase(sent: Span, verb: Token, vocab: Vocabulary) -> Relative | None:
    """A phrase such as "days after the collapse" placing `verb` by another event."""
    base = sent.start_char
    for rel in dates.find_relative(sent.text):
        target = [t for t in sent if t.idx - base >= rel.end]
        if not target:
            continue
        word = next((t for t in sent if t.idx - base == rel.end - len(rel.text.split()[-1])), None)
        if word is not None and (word.dep_ == "mark" and word.head == verb or verb.head == word):
            # "X comes days after [the agency designated ...]": the verb is the earlier event,
            # dated before the main clause, which is the article's news.
            flipped: Literal["after", "before"] = "before" if rel.direction == "after" else "after"
            return Relative(flipped, rel.lag, "")
        # The referenced event is the phrase after it, up to a comma or the dated verb itself
        # ("a week after the accident, the mayor resigned": the accident, not the resigning).
        phrase: list[Token] = []
        for t in target[:8]:
            if t == verb or t.text in (",", ";", ":", "—"):
                break
            phrase.append(t)
        family = next((vocab.families[t.lemma_.lower()] for t in phrase
                       if t.pos_ in ("NOUN", "VERB") and t.lemma_.lower() in vocab.families), None)
        if family is None and any(t.pos_ == "NOUN" for t in phrase) and rel.lag[1] < dates.FOLLOWING_MAX_DAYS:
            family = EARLIER_EVENT  # "a week after the accident": an event the article has told
        if family is not None and verb.i >= target[0].i - 40:
            return Relative(rel.direction, rel.lag, family)
    return None


def _modifier(token: Token) -> bool:
    return token.pos_ == "ADJ" or token.dep_ == "amod"


def _summary(verb: Token) -> str:
    """The clause of `verb`, from its subject to its object, trimmed of side clauses."""
    subject = _subject(verb)
    start = subject.left_edge.i if subject is not None and subject.head == verb else verb.i
    if subject is not None and subject.head != verb and subject.i < verb.i:
        start = subject.left_edge.i if subject.dep_ != "relcl" else verb.i
    end = verb.i
    for child in verb.rights:
        after_comma = child.left_edge.i > 0 and verb.doc[child.left_edge.i - 1].text in (",", ";", "—")
        if child.dep_ in ("conj", "cc") or (child.dep_ in ("advcl", "relcl") and after_comma) \
                or (child.dep_ == "punct" and child.text in ";:—–-("):
            break
        end = child.right_edge.i
    doc = verb.doc
    sent = verb.sent
    skip = sent.start_char + dates.dateline_end(sent.text)
    start = max(start, next((t.i for t in sent if t.idx >= skip), start))  # not the wire dateline
    tokens = list(doc[start:end + 1])
    if len(tokens) > SUMMARY_WORDS:
        # Not at a comma between coordinated adjectives ("a sweet, chemical smell").
        cut = next((t.i for t in tokens if t.i > verb.i and t.text in (",", ";", "—")
                    and not (t.i > 0 and t.i + 1 < len(doc) and _modifier(doc[t.i - 1])
                             and _modifier(doc[t.i + 1]))), None)
        if cut is not None:
            tokens = list(doc[start:cut])
    while len(tokens) > 1 and (tokens[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "PUNCT", "DET")
                               or tokens[-1].lower_ == "including"):
        tokens.pop()  # "...certain applications, including" ends before a list: drop the stub
    relative = next((c for c in verb.children if verb.dep_ == "relcl" and c.dep_ in ("nsubj", "nsubjpass")
                     and c.lower_ in ("which", "who", "that")), None)
    if relative is not None and tokens and tokens[0].i < relative.i:
        # "The council, which closed the pier in 2019" is no clause: "The council closed the pier
        # in 2019" says what happened, in the sentence's own words less the relative pronoun.
        kept = [t for t in tokens if t.i != relative.i and not (t.text == "," and t.i == relative.i - 1)]
        text = "".join(t.text + (t.whitespace_ if n.i == t.i + 1 else " ") for t, n in zip(kept, kept[1:]))
        text = text + kept[-1].text if kept else verb.text
    else:
        text = doc[tokens[0].i:tokens[-1].i + 1].text if tokens else verb.text
    text = text.strip(" ,;:—–-\"“”'")
    return text[:1].upper() + text[1:]
