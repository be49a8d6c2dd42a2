"""How two spellings of one name are matched: the keys names are compared by.

Extraction clusters names by `fold`, and the editor's corrections find players by it, so a
name in corpus/briefing.yml matches exactly the names extraction counts as the same.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


_POSSESSIVE = re.compile(r"['\u2019]s?$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[\"\u201c\u201d,;:!?()]")


@lru_cache(maxsize=1 << 16)  # called for every mention of every name: memoised, it is pure
def fold(name: str) -> str:
    """The matching key of a name: lower case, straight quotes, no "the", possessive or dots."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    text = _POSSESSIVE.sub("", text.strip().strip("\"'\u201c\u201d"))
    text = _THE.sub("", text.strip())
    text = text.replace(".", "").replace("\u2013", "-").replace("\u2014", "-")
    text = _PUNCTUATION.sub("", text)
    return " ".join(text.lower().split())


@lru_cache(maxsize=1 << 14)
def outlet_key(name: str) -> str:
    """The case-sensitive matching key of an outlet name: no leading "The", single spaces."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").strip()
    text = re.sub(r"['\u2019]s$", "", text)
    text = re.sub(r"^[Tt]he\s+", "", text)
    return " ".join(text.split())


__all__ = ["fold", "outlet_key"]
