"""Open questions: what the articles ask, leave open ("whether ..."), hedge, or say to watch,
quoted as the article words them; answered when a later article states the answer.

Only the article's own reporting about this story counts: furniture, promos, comments,
interviews and rhetorical asides are left out (filters.py), and a question must name a term
the coverage keeps returning to. The same question in several articles is one entry.
Word lists come from `generator/data/questions.yml`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from sys import intern  # words repeat: one string per word in each cache entry and worker batch
from typing import Any

from spacy.tokens import Span, Token

from ...model import Article, Paragraph, Question, SourceRef, Statement
from ...ids import unique_ids
from ...slugs import slug
from ...nlp import ParsedArticle
from ...wordlists import question_words as words
from ..comparison.claims import sentences
from .filters import known_place, not_reporting, story_terms

# Rank of each kind, highest first. Read one by one on the dev stories (bench/judgements/), a
# "whether" the article says is open ("it is unclear whether") and a hedge are the reporter's
# own voice; a sentence ending in "?" is more often a column's or a transcript's, even framed; re-run tests/test_questions.py and the yardstick after changing them.
STRENGTH = {"whether": 5, "hedged": 4, "asked": 3, "watch": 2, "disagreement": 1, "weak": 1}
ANSWER_OVERLAP = 0.6  # share of a question's content words a later sentence must state
MIN_ANSWER_WORDS = 3
MAX_WORDS = 60  # longer clauses are cut at the clause, never rewritten
QUOTES = "\"“”"
CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An open question found in one sentence."""

    source: SourceRef
    text: str
    kind: str  # a Question kind, or "weak" for a "whether" under an unlisted governor
    order: int
    terms: tuple[str, ...]  # content lemmas, for finding a later answer
    about: tuple[str, ...] = ()  # noun and name lemmas of its paragraph ("such a move" names it there)
    keys: tuple[str, ...] = ()  # the words an answer must state: its nouns, names and verbs
    places: tuple[tuple[str, ...], ...] = ()  # the places it names, each as its words' lemmas


@dataclass(frozen=True, slots=True)
class Fact:
    """A plain statement of one sentence, a possible answer to an earlier question."""

    source: SourceRef
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ArticleQuestions:
    article: str
    candidates: tuple[Candidate, ...] = ()
    facts: tuple[Fact, ...] = ()
    nouns: tuple[str, ...] = ()  # the article's noun and name lemmas, sorted: what it is about


def article_questions(parsed: ParsedArticle) -> ArticleQuestions:
    """Find the open questions of one article, and its plain statements."""
    candidates: list[Candidate] = []
    facts: list[Fact] = []
    nouns: set[str] = set()
    paragraphs = parsed.article.paragraphs
    unknowns_from = 0  # list items after an "Open questions" lead-in are questions themselves
    standalone = sum(_standalone_question(p) for p in paragraphs)  # counted once, not per sentence
    for order, (ref, sent) in enumerate(sentences(parsed)):
        para = paragraphs[ref.paragraph - 1]
        nouns.update(intern(t.lemma_.lower()) for t in sent if t.pos_ in {"NOUN", "PROPN"} and len(t.text) > 2)
        if para.kind != "item" and ref.sentence == 1:
            unknowns_from = ref.paragraph + 1 if _introduces_unknowns(para.text) else 0
        if _answered_subheading(para, paragraphs, standalone):
            continue  # "What happened?" over its answer: an explainer's layout, not an open question
        found = question_in(ref, sent, order)
        if found is None and para.kind == "item" and unknowns_from and ref.paragraph >= unknowns_from:
            found = _listed_unknown(ref, sent, order)
        if found is not None and found.kind != "asked" and _headline_like(sent.text):
            found = None  # a section heading ("What comes next") introduces, it does not ask
        if found is not None and para.kind != "item" and not_reporting(sent, found.kind):
            continue  # a promo, a comment, a tweet, an interviewer: not the article's own question
        if found is not None and found.kind == "weak":
            continue  # "explore whether": an activity, not a question the article leaves open
        if found is not None and found.kind == "asked" and para.kind != "item" \
                and not _framed(para, paragraphs, ref.sentence, sent.text):
            continue  # a bare "?" in real coverage is mostly a column's or a transcript's aside
        if found is not None:
            para_nouns = sorted({intern(t.lemma_.lower()) for t in sent.doc
                                 if t.pos_ in {"NOUN", "PROPN"} and len(t.text) > 2})
            candidates.append(Candidate(found.source, found.text, found.kind, found.order, found.terms,
                                        tuple(para_nouns), _keys(sent, found.terms),
                                        tuple(tuple(t.lemma_.lower() for t in e) for e in sent.ents
                                              if e.label_ == "GPE" and known_place(e.text))))
        elif not sent.text.rstrip(QUOTES + " ").endswith("?") and _states(sent):
            facts.append(Fact(ref, _terms(sent)))
    return ArticleQuestions(parsed.article.id, tuple(candidates), tuple(facts), tuple(sorted(nouns)))


def _framed(para: Paragraph, paragraphs: tuple[Paragraph, ...], index: int, asked: str) -> bool:
    """Whether the article presents a question as open: the question itself, the sentence just
    before it or the one just after it says there is a question, something to watch, or that
    nobody knows yet ("The things to look for next are ... Will it ...?")."""
    w = words()
    patterns = w.hedges + w.watch + w.unknowns_intro + w.no_answer + w.framing
    sents = [x.text for x in para.sentences] or [para.text]
    before = after = ""
    if index >= 2:
        before = sents[index - 2]
    elif para.index >= 2:
        prev = paragraphs[para.index - 2]
        before = prev.sentences[-1].text if prev.sentences else prev.text
    if index < len(sents):
        after = sents[index]
    elif para.index < len(paragraphs):
        nxt = paragraphs[para.index]
        after = nxt.sentences[0].text if nxt.sentences else nxt.text
    asks = [t.rstrip(QUOTES + " ").endswith("?") for t in (before, after)]
    if all(asks):
        return False  # one of a barrage of questions: a column's or a comment's rhetoric
    # a neighbouring question frames nothing ("And if nobody can say which side is right, is it ...?")
    near = [t for t, q in zip((before, after), asks) if t and not q]
    return any(re.search(p, text, re.IGNORECASE) for text in near for p in patterns) \
        or any(re.search(p, asked, re.IGNORECASE) for p in w.framing)


def _keys(sent: Span, terms: tuple[str, ...]) -> tuple[str, ...]:
    """What an answer must state: every noun, name and verb of the question, but not the words
    that only say it is open ("unclear", "remains", "decided")."""
    w = words()
    asking = set(w.whether_heads) | set(w.withheld_heads) | {"be", "have", "do", "remain", "unclear"}
    kinds = {t.lemma_.lower(): t.pos_ for t in sent}
    return tuple(t for t in terms if kinds.get(t) in {"NOUN", "PROPN", "VERB"} and t not in asking)


def _states(sent: Span) -> bool:
    """A statement that can answer a question: not about what will, could or might happen."""
    hypothetical = {"will", "would", "could", "might", "may", "should", "can", "must", "'ll"}
    root = sent.root
    return not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in hypothetical for c in root.children)


SUBHEADING_WORDS = 12  # a one-sentence question paragraph this short is an explainer's subheading


def _standalone_question(para: Paragraph) -> bool:
    """A short question standing alone as a paragraph."""
    text = para.text.strip()
    return para.kind in ("text", "heading") and len(para.sentences) == 1 and text.endswith("?") \
        and len(text.split()) <= SUBHEADING_WORDS


def _answered_subheading(para: Paragraph, paragraphs: tuple[Paragraph, ...], standalone: int) -> bool:
    """An explainer's question subheading with its answer below: an article laid out as several
    standalone questions (`standalone` of its paragraphs), each followed by text that does not
    say it is open. A question the previous line introduces ("the question remains:") is the
    article's own."""
    if not _standalone_question(para) or para.index >= len(paragraphs) \
            or standalone < 2:
        return False
    if para.index >= 2 and paragraphs[para.index - 2].text.rstrip().endswith(":"):
        return False
    after = paragraphs[para.index]  # the next block (indexes are 1-based)
    first = after.sentences[0].text if after.sentences else after.text
    if after.kind not in ("text", "item") or _headline_like(first):
        return False
    return not any(re.search(p, first, re.IGNORECASE) for p in words().hedges + words().no_answer)


def _headline_like(text: str) -> bool:
    """A short line without closing punctuation: a section heading inside the text."""
    body = text.strip().rstrip(QUOTES + " ")
    return len(body.split()) <= 8 and not body.endswith((".", "!", "?", ":"))


def _introduces_unknowns(text: str) -> bool:
    return any(re.search(p, text, re.IGNORECASE) for p in words().unknowns_intro)


def _listed_unknown(ref: SourceRef, sent: Span, order: int) -> Candidate | None:
    """A list item under "What we still do not know": "Why the checks failed." is a question."""
    first = sent[0] if len(sent) else None
    if first is None or first.lower_ not in QUESTION_WORDS:
        return None
    kind = "whether" if first.lower_ in ("whether", "if") else "asked"
    return Candidate(ref, sent.text.strip(), kind, order, _terms(sent))


QUESTION_WORDS = {"whether", "if", "why", "how", "who", "what", "when", "where", "which"}


def _terms(tokens: Span | list[Token]) -> tuple[str, ...]:
    return tuple(sorted({intern(t.lemma_.lower()) for t in tokens
                         if t.pos_ in CONTENT_POS and not t.is_stop and len(t.text) > 2}))


def _asks(text: str) -> bool:
    """Whether a sentence is itself a question, and not one inside a quotation."""
    body = text.rstrip()
    if not body.rstrip(QUOTES + " ").endswith("?"):
        return False
    mark = body.rstrip(QUOTES + " ").rfind("?")
    # An odd number of quote marks before the "?" means it sits inside a quotation.
    straight = body[:mark].count('"')
    opened = body[:mark].count("“") - body[:mark].count("”")
    return straight % 2 == 0 and opened <= 0 and body[0] not in QUOTES


def question_in(ref: SourceRef, sent: Span, order: int) -> Candidate | None:
    """The open question a sentence raises, if any; the strongest reading wins."""
    text = sent.text.strip()
    if _asks(text):
        return Candidate(ref, text, "asked", order, _terms(sent))
    clause = whether_clause(sent)
    if clause is not None:
        kind, span = clause
        if kind == "weak" and any(re.search(p, text, re.IGNORECASE) for p in words().hedges):
            kind = "whether"  # "It is unclear whether ...": the hedge says it is open
        before = sent.doc.text[sent.start_char: span.start_char]
        if before.count('"') % 2 or before.count("“") > before.count("”"):
            return None  # inside a quotation: the speaker's words, not the article's question
        if sent[0].lower_ == "asked" and span.start - sent.start <= 2:
            # "Asked whether X, he said ...": put to someone; open only if the reply leaves it so
            if not re.search(r"\btoo\s+early\b|\bdeclined\b|\bwould\s+not\b|\bcould\s+not\b",
                             text[len(span.text):], re.IGNORECASE):
                return None
            kind = "whether"
        if re.search(r"\bor\s+not\b", span.text, re.IGNORECASE):
            return None  # "whether ... or not": a concession, not a question
        # quoted as written (never reworded into "Whether ...?"); matched on the clause's words
        return Candidate(ref, text, kind, order, _terms(span))
    w = words()
    if text[:1] in QUOTES:
        return None  # a speaker's words, not the article's
    if any(re.search(p, text, re.IGNORECASE) for p in w.watch):
        return Candidate(ref, text, "watch", order, _terms(sent))
    for p in w.hedges:
        match = re.search(p, text, re.IGNORECASE)
        if match is not None and not _subordinate(sent, match.start()):
            return Candidate(ref, text, "hedged", order, _terms(sent))
    return None


def _subordinate(sent: Span, char: int) -> bool:
    """Whether the words at `char` stand in a clause that only explains the main one ("not
    advised because the long-term effects are untested", "when the results were not yet in")."""
    at = sent.doc.text.find(sent.text.strip(), sent.start_char)
    tok = next((t for t in sent if t.idx >= at + char), None)
    for _ in range(8):
        if tok is None or tok.head.i == tok.i:
            return False
        if tok.dep_ in {"advcl", "relcl", "acl"} and any(
                c.dep_ == "mark" or c.tag_ in {"WRB", "WDT"} for c in tok.children):
            return True
        tok = tok.head
    return False


def whether_clause(sent: Span) -> tuple[str, Span] | None:
    """A "whether"/"if" clause that leaves something open, and how strongly it does."""
    heads = set(words().whether_heads)
    nouns = set(words().question_nouns)
    for tok in sent:
        low = tok.lower_
        if low not in {"whether", "if"} or tok.dep_ != "mark":
            continue
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "or":  # "whether or not": filler
            continue
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if low == "if" and prev is not None and prev.lower_ in {"even", "as", "only"}:
            continue  # "even if", "as if": concessions and comparisons
        verb = tok.head
        # Only a clause that is the object or complement of something; "whether X or Y, ..."
        # as an adverbial is a concession, not a question.
        if verb.dep_ not in {"ccomp", "xcomp", "csubj", "attr", "pcomp", "acl", "dobj", "nsubj", "advcl"}:
            continue
        if low == "if" and verb.dep_ not in {"ccomp", "dobj"}:
            continue  # a plain conditional
        governor = verb.head
        if governor.pos_ == "ADP":
            if governor.lower_ in {"from", "to"}:
                continue  # "shift from whether X to how Y": a range, not a question
            governor = governor.head
        if governor.lemma_.lower() == "ask" and any(c.dep_ in {"dobj", "dative", "nsubjpass"} for c in governor.children):
            continue  # "asked Diamond whether", "were asked if": a question put to someone
        # "has not decided whether", "declined to say whether": the answer is withheld
        refused = governor.lemma_.lower() in set(words().withheld_heads) and (
            any(c.dep_ == "neg" for c in governor.children)
            or (governor.dep_ == "xcomp" and governor.head.lemma_.lower() in {"decline", "refuse"}))
        seeing = governor.lemma_.lower() != "see" or governor.head.lemma_.lower() in {
            "wait", "remain", "interesting", "watch", "be"}  # "waits to see if", "remains to be seen"
        strong = refused or (seeing and governor.lemma_.lower() in heads) or any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in nouns for c in governor.children)
        if low == "if" and not strong:
            continue  # a plain conditional
        if verb.dep_ == "advcl" and low == "whether" and not strong:
            continue
        end = max(t.i for t in verb.subtree)
        span = tok.doc[tok.i: end + 1]
        return ("whether" if strong else "weak"), span
    return None


def combine_questions(questions: Sequence[ArticleQuestions], articles: tuple[Article, ...]
                      ) -> tuple[Question, ...]:
    """Merge the articles' questions about the story, attach later answers; most important first.

    The outlets' disagreements are not reworded into questions (a question is quoted as an
    article asks it): the comparison page shows them with their versions. So the questions need
    nothing of the other corpus steps, and `combine` makes them beside the players."""
    published = {a.id: a.published for a in articles}
    order = {a.id: i for i, a in enumerate(sorted(articles, key=lambda a: a.id))}
    about = story_terms((q.nouns for q in questions), len(articles))
    merged: dict[str, list[Candidate]] = {}
    for q in sorted(questions, key=lambda q: q.article):
        for c in q.candidates:
            if about and not about & (set(c.terms) | set(c.about)):
                continue  # names nothing the story is about: a stray page's question
            if about and c.places and not any(about & set(p) for p in c.places):
                continue  # about other places than the story's ("demonstrations in Damascus")
            merged.setdefault(_key(c.text), []).append(c)
    merged = _merge_near(merged)
    facts = [f for q in questions for f in q.facts]
    # term -> the facts stating it: only a fact sharing a question's words can answer it, and
    # trying every fact for every question grows with the square of the corpus
    by_term: dict[str, list[int]] = {}
    for i, f in enumerate(facts):
        for t in set(f.terms):
            by_term.setdefault(t, []).append(i)
    rows: list[tuple[tuple[int, int, int, int], Question]] = []
    for cands in merged.values():
        first = cands[0]
        kind = "whether" if first.kind == "weak" else first.kind
        # how many of the question's words each fact states
        shared = Counter(i for t in set(first.terms) for i in by_term.get(t, ()))
        answer = _answer(cands, [(facts[i], n) for i, n in sorted(shared.items())], published)
        refs = tuple(sorted({c.source for c in cands}))
        rank = (-STRENGTH[first.kind], -len({r.article for r in refs}), order.get(first.source.article, 0),
                first.order)
        rows.append((rank, Question(_id(first.text), first.text, kind, refs, answer)))  # type: ignore[arg-type]
    rows.sort(key=lambda r: r[0])
    return tuple(Question(qid, q.text, q.kind, q.sources, q.answer)
                 for (_rank, q), qid in zip(rows, unique_ids([q.id for _rank, q in rows])))


SAME_QUESTION = 90  # rapidfuzz token_set_ratio at which two wordings are one question
SAME_TERMS = 0.8  # or this share of the shorter question's content words shared (at least 3)
# Both chosen on the dev stories (one open question worded a little differently in three
# articles); re-run bench/list_items.py after changing them.
BLOCK_DF = 50  # a question is compared with earlier ones sharing a word at most this many questions
# use: a bound on the comparisons per question, whatever the corpus size


def _same(a: Candidate, b: Candidate, ka: str, kb: str) -> bool:
    from rapidfuzz import fuzz

    ta, tb = set(a.terms), set(b.terms)
    small = min(len(ta), len(tb))
    return fuzz.token_set_ratio(ka, kb) >= SAME_QUESTION or (
        small >= 3 and len(ta & tb) / small >= SAME_TERMS)


def _merge_near(merged: dict[str, list[Candidate]]) -> dict[str, list[Candidate]]:
    """Join the same question worded slightly differently in several articles. Only questions
    sharing a word few questions use are compared, so this does not grow with the square of
    the corpus."""
    keys = sorted(merged, key=lambda k: (merged[k][0].source, k))
    df = Counter(t for k in keys for t in set(merged[k][0].terms))
    block: dict[str, list[str]] = {}
    target: dict[str, str] = {}
    position = {k: i for i, k in enumerate(keys)}
    for k in keys:
        rare = [t for t in set(merged[k][0].terms) if df[t] <= BLOCK_DF]
        seen = sorted({o for t in rare for o in block.get(t, ())}, key=position.__getitem__)
        home = next((o for o in seen if _same(merged[k][0], merged[o][0], k, o)), None)
        target[k] = target[home] if home is not None else k
        for t in rare:
            block.setdefault(t, []).append(k)
    out: dict[str, list[Candidate]] = {}
    for k in keys:
        out.setdefault(target[k], []).extend(merged[k])
    return out


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _id(text: str) -> str:
    """A question's id: the slug of its first eight words."""
    return "-".join(slug(text).split("-")[:8]) or "question"


def _answer(cands: Sequence[Candidate], facts: Sequence[tuple[Fact, int]],
            published: dict[str, Any]) -> Statement | None:
    """The statement of an article later than every asking of the question that shares most of
    its words and states all its nouns, names and verbs (`facts`: each with the number of the
    question's words it shares)."""
    cand = cands[0]
    keys = set(cand.keys)
    dates = [published.get(c.source.article) for c in cands]
    asked_on = max((d for d in dates if d is not None), key=lambda d: d.last_day(), default=None)
    wanted = len(set(cand.terms))
    if asked_on is None or len(cand.terms) < MIN_ANSWER_WORDS:
        return None
    best: tuple[float, SourceRef] | None = None
    for fact, n in facts:
        share = n / wanted
        if share < ANSWER_OVERLAP or not keys <= set(fact.terms):
            continue  # an answer states every thing and action the question names
        when = published.get(fact.source.article)
        if when is None or when.first_day() <= asked_on.last_day():
            continue
        if best is None or share > best[0] or (share == best[0] and fact.source < best[1]):
            best = (share, fact.source)
    return Statement(best[1].quote, best[1]) if best else None
