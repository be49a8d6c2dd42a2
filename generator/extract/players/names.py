"""Normalised name forms: what is left of a name once the ways of writing it are folded away.

"Dr. Jan T. Varga Jr.'s", "JAN VARGA" and "Jan Varga" share one form: titles and
honorifics stripped, middle initials and suffixes dropped, accents folded, case and possessives
gone. A letter lost to a bad encoding ("Mor n" for "Morán") is glued back to its word.
Resolution (`resolve.py`) compares these forms; nothing here decides that two names are one.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..lexicon import Lexicon, fold

# Words of a name that join its parts rather than name anything ("Bank of America", "al-Islam").
LINK_WORDS = frozenset(("of", "for", "and", "the", "de", "du", "des", "von", "van", "der", "del", "da",
                        "di", "la", "le", "el", "al", "bin", "ibn", "ben", "abu", "&"))
SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
MIN_MISSPELT_TITLE = 7  # "presiden" (8) is a misspelt title; below 7 letters near-misses are names


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name, normalised: `words` without titles, initials or suffixes, accents folded."""

    key: str  # the fold() key the rest of the stage uses
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def given(self) -> str:
        return self.words[0] if len(self.words) >= 2 else ""

    @property
    def surname(self) -> str:
        return self.words[-1] if self.words else ""

    @property
    def content(self) -> tuple[str, ...]:
        """The words that name something, without link words: for "same words in another order"."""
        return tuple(w for w in self.words if w not in LINK_WORDS)


def ascii_fold(text: str) -> str:
    """Accents folded: "Åsa Lindqvist" -> "Asa Lindqvist", "Morán" -> "Moran"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ø", "o").replace("Ø", "O")


def name_form(name: str, lexicon: Lexicon, person: bool = True) -> NameForm:
    """The normalised form of a name as written (see the module docstring). Leading titles are
    stripped from people's names only: "General Motors" keeps its first word."""
    return _name_form(name, lexicon.honorifics, lexicon.titles if person else frozenset())


# compiled once: _name_form runs for every distinct name of a corpus, twice
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_SEPARATORS = re.compile(r"[\s,]+")
_ARTICLE_GLUED = re.compile(r"^(Al|El)(?=[A-Z][a-z])")
_INITIAL = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?|[A-Z]")
_NOT_NAME_CHARS = re.compile(r"[^a-z0-9&'-]")


@lru_cache(maxsize=1 << 16)  # the same few thousand names, once per mention otherwise
def _name_form(name: str, honorifics: frozenset[str], titles: frozenset[str]) -> NameForm:
    key = fold(name)
    raw = ascii_fold(_POSSESSIVE.sub("", name.strip())).replace("\u2013", "-").replace("\u2014", "-")
    tokens = [t for t in _SEPARATORS.split(raw) if t]
    tokens = _glue_lost_letters(tokens)
    tokens = [_ARTICLE_GLUED.sub(r"\1-", t) for t in tokens]  # "ElHamid": "El-Hamid"
    words: list[str] = []
    for k, tok in enumerate(tokens):
        low = tok.lower().strip(".")
        if not low:
            continue
        is_initial = bool(_INITIAL.fullmatch(tok))
        if is_initial and 0 < k < len(tokens) - 1:
            continue  # a middle initial: "Jan T. Varga", "Anna B.K. Roe"
        if low in SUFFIXES and k == len(tokens) - 1 and k >= 2:
            continue
        words.append(_NOT_NAME_CHARS.sub("", low.replace(".", "")))
    while len(words) >= 2 and (words[0] in honorifics or words[0] in titles or words[0] + "." in honorifics
                               or _two_word_title(words, titles) or _misspelt_title(words[0], titles)):
        words = words[2:] if _two_word_title(words, titles) else words[1:]
    return NameForm(key, tuple(w for w in words if w))


@lru_cache(maxsize=1 << 14)  # a name's first word, asked for its person and organisation forms
def _misspelt_title(word: str, titles: frozenset[str]) -> bool:
    """"Presiden", "Secretery": a title with a letter dropped or changed (rapidfuzz ratio >= 90;
    shorter words are left alone, since "Ray" is one letter from "Rep")."""
    if len(word) < MIN_MISSPELT_TITLE or not titles:
        return False
    found = process.extractOne(word, _one_word(titles), scorer=fuzz.ratio, score_cutoff=90)
    return found is not None


@lru_cache(maxsize=4)
def _one_word(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted(t for t in titles if " " not in t))


def _two_word_title(words: list[str], titles: frozenset[str]) -> bool:
    return len(words) >= 3 and f"{words[0]} {words[1]}" in titles


def _glue_lost_letters(tokens: list[str]) -> list[str]:
    """"Mor n" and "C rdoba": a character lost in encoding split a word; join the pieces."""
    out: list[str] = []
    for tok in tokens:
        lost_end = len(tok) == 1 and tok.islower() and tok not in ("a", "v") and out and out[-1][-1:].isalpha()
        lost_start = out and len(out[-1]) == 1 and out[-1].isupper() and tok[:1].islower() \
            and tok.lower() not in LINK_WORDS and len(tok) >= 3
        if lost_end or lost_start:
            out[-1] += tok
        else:
            out.append(tok)
    return out


__all__ = ["NameForm", "name_form", "ascii_fold", "LINK_WORDS"]
