"""Page furniture: which blocks of a saved page are not the article's own reporting.

Saved pages carry share prompts, time stamps, "Related" lists, photo credits, promotions, legal
notices and reader comments. They stay on the source page, set apart, and feed no extractor
(nlp.parse does not parse them). Two kinds of evidence, both general (the patterns are in
generator/data/furniture.yml, with how they were chosen):

- a block's own wording: a page template's phrases, within the length such a block has;
- where it stands: a comment thread is the run of conversational blocks next to the site's
  comment rules or after a "Comments (3)" heading, and what follows the rules is end matter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .blocks import ABBREVIATION, Block
from .wordlists import data_file

# What each kind of furniture is called on the source page.
LABELS = {
    "social": "share or follow prompt", "timestamp": "time stamp", "transcript": "transcript notice",
    "related": "links to other stories", "credit": "photo or video credit", "promo": "promotion",
    "comment_mark": "reader comment", "comment": "reader comment", "navigation": "site navigation",
    "legal": "legal notice", "comment_policy": "comment rules", "comments_start": "comments",
    "end": "after the comments",
}
# A run of reader comments is followed back from the comment rules past at most this many
# blocks in a row that do not read as a comment ("Let the liberals freeze."): comments are short
# and many read as plain statements. Chosen on the dev stories' CNN and Reuters threads; 3 ate
# the reporting above a short thread, 1 stopped inside most threads.
MAX_GAP = 2
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_ATTRIBUTION = re.compile(r"\b(said|says|told|according to|added|reported|announced)\b", re.I)
_SPEAKER = re.compile(r"^[A-Z][A-Z .'-]+(, [A-Z][A-Z .,'-]+)?:")  # a transcript's "BLITZER:"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    max_words: int
    patterns: tuple[re.Pattern[str], ...]
    prefixes: tuple[re.Pattern[str], ...] = ()
    # A match anywhere marks the whole block (a legal notice, a signed comment); otherwise each
    # sentence of a block is judged, so reporting beside a "Follow us" line stays reporting.
    whole: bool = False
    # The patterns joined: those anchored at the start as one alternation tried at the start
    # only, the others as one alternation searched once; a text matches where any pattern does.
    # (Loading a corpus spent most of the run trying every pattern on every sentence.)
    _start: re.Pattern[str] | None = None
    _anywhere: re.Pattern[str] | None = None

    def matches(self, text: str, words: int) -> bool:
        return words <= self.max_words and (self._start is not None and self._start.match(text) is not None
                                            or self._anywhere is not None and self._anywhere.search(text) is not None)


@dataclass(frozen=True, slots=True)
class Rules:
    blocks: tuple[Rule, ...]
    comments_start: Rule
    comment_policy: Rule


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = data_file("furniture.yml")

    def rule(name: str, spec: dict) -> Rule:
        def compiled(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, re.IGNORECASE) for p in spec.get(key) or ())
        patterns = compiled("patterns")
        return Rule(name, int(spec["max_words"]), patterns, compiled("prefixes"), bool(spec.get("whole")),
                    _either([p for p in patterns if _anchored(p)]),
                    _either([p for p in patterns if not _anchored(p)]))

    return Rules(tuple(rule(name, spec) for name, spec in data["rules"].items()),
                 rule("comments_start", data["comments_start"]),
                 rule("comment_policy", data["comment_policy"]))


def _anchored(pattern: re.Pattern[str]) -> bool:
    """Whether a pattern can match only at the start of a text (it begins with `^`, outside any
    alternation), so that trying it there alone finds whatever a search would."""
    # the parser the re module itself compiles with (typeshed does not describe it)
    from re import _constants, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern.pattern, pattern.flags).data
    return bool(parsed) and parsed[0] == (_constants.AT, _constants.AT_BEGINNING)


def _either(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE) if patterns else None


def split_edges(blocks: list[Block]) -> list[Block]:
    """Split furniture glued to a block's edges into blocks of their own: a time stamp or credit
    before the first sentence ("Page last updated at ... The ..."), and share prompts or promos
    as the first or last sentences of a paragraph that is otherwise reporting."""
    prefixes = [p for r in rules().blocks for p in r.prefixes]
    out: list[Block] = []
    for block in blocks:
        if block.kind == "table":
            out.append(block)
            continue
        found = next((m for p in prefixes if (m := p.match(block.text))), None)
        rest = block.text[found.end():].strip() if found else ""
        if found and rest:
            out.append(replace(block, kind="text", text=block.text[:found.end()].strip()))
            block = replace(block, text=rest)
        out.extend(_peel(block))
    return out


def _peel(block: Block) -> list[Block]:
    if _whole_kind(block.text):
        return [block]
    spans = _sentences(block.text)
    kinds = [_sentence_kind(block.text[a:b]) for a, b in spans]
    if len(spans) < 2 or all(kinds) or not any(kinds):
        return [block]
    first = next(i for i, k in enumerate(kinds) if not k)
    last = max(i for i, k in enumerate(kinds) if not k)
    pieces = [(spans[i][0], spans[i][1], "text") for i in range(first)]
    pieces.append((spans[first][0], spans[last][1], block.kind))
    pieces += [(spans[i][0], spans[i][1], "text") for i in range(last + 1, len(spans))]
    return [replace(block, kind=kind, text=block.text[a:b]) for a, b, kind in pieces]  # type: ignore[arg-type]


def _sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (after . ! or ? and before a capital or a quote): enough to find
    furniture at a block's edges; a wrong cut inside the reporting only leaves it whole."""
    spans, start = [], 0
    for cut in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"“(])", text):
        if ABBREVIATION.search(text, start, cut.start()):
            continue  # "at 7:40 p.m. sharp", "the U.S. Army": not a sentence's end
        spans.append((start, cut.start()))
        start = cut.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


# _peel and then block_kind judge the same blocks and sentences: each text is judged once.
@lru_cache(maxsize=4096)
def _whole_kind(text: str) -> str:
    words = len(text.split())
    return next((r.name for r in rules().blocks if r.whole and r.matches(text, words)), "")


@lru_cache(maxsize=4096)
def _sentence_kind(text: str) -> str:
    words = len(text.split())
    return next((r.name for r in rules().blocks if not r.whole and r.matches(text, words)), "")


def block_kind(text: str) -> str:
    """The kind of furniture a block is by its own wording: a whole-block rule anywhere in it,
    or every one of its sentences furniture ("" when it is, or has, reporting)."""
    if not text:
        return ""
    if found := _whole_kind(text):
        return found
    kinds = [_sentence_kind(text[a:b]) for a, b in _sentences(text)]
    return kinds[0] if kinds and all(kinds) else ""


def classify(blocks: list[Block]) -> list[str]:
    """For each block, the kind of furniture it is ("" for the article's own text)."""
    r = rules()
    texts = [b.text if b.kind != "table" else "" for b in blocks]
    words = [len(t.split()) for t in texts]
    kinds = [block_kind(t) for t in texts]
    conversational = [_conversational(t) for t in texts]
    total = sum(words) or 1
    # A comment thread opened by its heading: everything after it, when what follows reads as
    # comments (a "Comments (3)" link at the top of a page is followed by the article).
    for i, (t, n) in enumerate(zip(texts, words)):
        if t and r.comments_start.matches(t, n):
            after = [conversational[j] or kinds[j] == "comment_mark" for j in range(i + 1, min(i + 4, len(texts)))]
            if after and sum(after) * 2 > len(after):
                kinds[i] = "comments_start"
                kinds[i + 1:] = [k or "comment" for k in kinds[i + 1:]]
                break
            kinds[i] = kinds[i] or "comments_start"
    # The site's comment rules or a signed comment, in the second half of the page: the thread
    # runs back from there and the end matter (author notes, tweets) follows.
    before = 0
    for i, (t, n) in enumerate(zip(texts, words)):
        policy = bool(t) and r.comment_policy.matches(t, n) and not _ATTRIBUTION.search(t)
        if (policy or kinds[i] == "comment_mark") and before * 2 >= total:
            kinds[i] = "comment_policy" if policy else "comment_mark"
            _walk_back(kinds, conversational, i)
            kinds[i + 1:] = [k or ("comment" if kinds[i] == "comment_mark" else "end") for k in kinds[i + 1:]]
            break
        if policy:
            kinds[i] = "comment_policy"
        before += n
    return kinds


def _walk_back(kinds: list[str], conversational: list[bool], start: int) -> None:
    """Mark the reader comments just above block `start`: conversational blocks, and up to
    MAX_GAP plain ones between two of them."""
    gap: list[int] = []
    for j in range(start - 1, -1, -1):
        if kinds[j]:
            continue  # already furniture (a promo, a policy line): the thread goes on past it
        if conversational[j]:
            for g in gap:
                kinds[g] = "comment"
            gap = []
            kinds[j] = "comment"
        elif len(gap) < MAX_GAP:
            gap.append(j)
        else:
            break


def _conversational(text: str) -> bool:
    """Whether a block reads as a reader's comment rather than reporting: written to or from a
    person (I, you), in a lower-case start or with exclamation marks, outside any quotation,
    and without a reporter's attribution or a transcript's speaker label."""
    if not text or _SPEAKER.match(text):
        return False
    outside = _QUOTED.sub(" ", text)
    if _ATTRIBUTION.search(outside) and outside != text:
        return False
    signs = (text[0].islower(), bool(re.search(r"\b(I|I'm|I've|my|me|you|your|you're)\b", outside)),
             "!" in outside, outside.rstrip().endswith("?"))
    return any(signs)


def label(kind: str) -> str:
    return LABELS.get(kind, kind.replace("_", " "))
