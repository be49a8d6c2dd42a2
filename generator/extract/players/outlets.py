"""News outlets an article cites as its source: "according to the Financial Times", "(via Reuters)",
"reports from X and Y", "as cited by X", "in his X interview". They are sources, never players.

A name the text calls a publication is one too, wherever it stands: "the news agency, X",
"X magazine", "the newspaper X", "editor of X", "aired on X".
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lexicon import Lexicon

# Words before a name that cite it as a source; "strong" ones only ever introduce a publication.
CITE_BEFORE = {
    ("according", "to"): False,
    ("via",): True,
    ("reports", "from"): True,
    ("report", "from"): True,
    ("reporting", "from"): True,
    ("reported", "by"): True,
    ("reporting", "by"): True,
    ("cited", "by"): True,
    ("interview", "with"): False,
    ("told",): False,
    ("published", "by"): True,
    ("published", "in"): True,
    ("wrote", "in"): True,
    ("writing", "in"): True,
    ("op-ed", "in"): True,
    ("aired", "on"): True,
    ("air", "on"): True,
    ("airs", "on"): True,
    ("broadcast", "on"): True,
}
CUE_WORDS = max(len(words) for words in CITE_BEFORE)
# Words after a journalist's position that name the employer: "editor of X", "reporter for X".
EMPLOYER_LINKS = ("of", "for", "at", "with")
# Words that may stand between a cue and the name: "aired on the small regional X". Four covers
# a determiner and a hyphenated compound ("the city - run" is four tokens); more lets a cue reach
# past a clause to another name. Re-run bench/dev_eval.py (the media column) after a change.
MAX_MODIFIERS = 4
# Words after a name that cite it: "the X interview", "X reported".
CITE_AFTER = {"interview": True, "interviews": True, "report": False, "reported": False,
              "reports": False, "reporting": True, "podcast": True, "op-ed": True, "editorial": True,
              "column": True, "investigation": False, "exclusive": True}


def citations(doc: Doc, names: list[Span], lexicon: Lexicon) -> list[tuple[Span, bool]]:
    """Names cited as a source in this paragraph, each with whether the cue is a strong one."""
    out: list[tuple[Span, bool]] = []
    cited: set[int] = set()
    for k, name in enumerate(names):
        cue = _cue_before(doc, name.start)
        if cue is None:
            cue = _cue_after(doc, name, lexicon)
        if cue is None and _called_media(doc, name, lexicon):
            cue = True
        if cue is None and k > 0 and names[k - 1].start in cited and _coordinated(doc, names[k - 1], name):
            cue = next(strong for span, strong in out if span.start == names[k - 1].start)
        if cue is None and lexicon.outlet(name.text) is None:
            continue
        if cue is None:
            cue = False
        out.append((name, cue))
        cited.add(name.start)
    return out


def _cue_before(doc: Doc, start: int) -> bool | None:
    i = _before_modifiers(doc, start)
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    before = tuple(doc[k].lower_ for k in range(max(0, i - CUE_WORDS), i))  # read once, not once per cue
    for n in range(len(before), 0, -1):
        if before[-n:] in CITE_BEFORE:
            return CITE_BEFORE[before[-n:]]
    return None


def _cue_after(doc: Doc, name: Span, lexicon: Lexicon) -> bool | None:
    if name.end >= len(doc):
        return None
    word = doc[name.end].lower_
    if word in lexicon.journalist_titles:
        # "X reporter": a weak cue, since "X correspondent" is often a beat ("City Hall
        # correspondent"); a name only ever named so is an outlet (combine._outlets)
        return False
    if word not in CITE_AFTER:
        return None
    before = doc[name.start - 1].lower_ if name.start else ""
    # "his X interview", "the X report": a determiner or possessive before the outlet's name
    if CITE_AFTER[word] or before in ("the", "his", "her", "their", "its", "a", "an", "same"):
        return CITE_AFTER[word] or before in ("his", "her", "their")
    return None


def _before_modifiers(doc: Doc, start: int) -> int:
    """Where a name starts once the describing words before it are skipped: "the state-owned",
    "London-based" (adjectives and hyphenated compounds, a few at most)."""
    i = start
    while i > 0 and start - i < MAX_MODIFIERS and (
            doc[i - 1].pos_ == "ADJ" and doc[i - 1].is_lower or doc[i - 1].text == "-"
            or i >= 2 and doc[i - 2].text == "-" and not doc[i - 2].whitespace_  # "-owned"
            or i < start and doc[i].text == "-" and not doc[i - 1].whitespace_):  # "state-"
        i -= 1
    return i


def _called_media(doc: Doc, name: Span, lexicon: Lexicon) -> bool:
    """The text calls the name a publication: "the news agency, X", "the newspaper X",
    "X magazine", "editor of X" (`media_nouns`, `journalist_titles` of the lexicon)."""
    i = _before_modifiers(doc, name.start)
    if i > 0 and doc[i - 1].lower_ == "the":
        i -= 1
    if i > 0 and doc[i - 1].text == ",":
        i -= 1  # an apposition: "the official news agency, X"
    before = [t.lower_ for t in doc[max(0, i - 2):i]]
    if before and (before[-1] in lexicon.media_nouns or " ".join(before) in lexicon.media_nouns):
        return True
    if len(before) == 2 and before[1] in EMPLOYER_LINKS and before[0] in lexicon.journalist_titles:
        return True  # "editor of X", "correspondent for X"; not "X correspondent", often a beat
    after = [t.lower_ for t in doc[name.end:name.end + 2]]
    return bool(after) and (after[0] in lexicon.media_nouns or " ".join(after) in lexicon.media_nouns)


def _coordinated(doc: Doc, first: Span, second: Span) -> bool:
    """True for "X and Y", "X, Y" right after each other."""
    between = [t.lower_ for t in doc[first.end:second.start]]
    return between in (["and"], [",", "and"], ["or"])


def is_outlet(name: str, strong: bool, lexicon: Lexicon, own: frozenset[str]) -> bool:
    """Decide whether a cited name is a news outlet: known, built like one, the article's own, or
    cited with a cue that only introduces publications."""
    from ..lexicon import outlet_key
    return lexicon.outlet(name) is not None or lexicon.looks_like_media(name) or \
        outlet_key(name) in own or strong


__all__ = ["citations", "is_outlet"]
