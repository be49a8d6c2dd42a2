"""Names safe in a file name, a URL and an anchor: the one slug rule for article ids, the file
names `briefing add` writes, and the ids of players, events, issues and series."""
from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80
ID_LIMIT = 60  # an issue's, disagreement's or series' id: a topic can be a sentence long
# Names Windows cannot create a file or folder with; the offline bundle is unzipped there too.
RESERVED = frozenset({"con", "prn", "aux", "nul", "clock$"} | {f"com{i}" for i in range(10)}
                     | {f"lpt{i}" for i in range(10)})

# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                               "Þ": "Th", "ı": "i"})


# Dots inside an abbreviation ("U.S.", "J.P.") join its letters instead of splitting them.
_ABBREVIATION_DOT = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b)")


def slug(text: str, limit: int | None = None, fallback: str = "") -> str:
    """Lower-case ASCII words of the text joined by hyphens: accents folded, an abbreviation's
    letters kept together ("U.S. aid" gives us-aid), cut at a word to at most `limit`
    characters; `fallback` when no word is left."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    # accents and other non-ASCII marks go; non-ASCII punctuation ("’", "–") separates words
    folded = "".join(c if c.isascii() else " " if unicodedata.category(c)[0] in "PZ" else ""
                     for c in decomposed)
    words = re.findall(r"[a-z0-9]+", _ABBREVIATION_DOT.sub("", folded).lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if limit is not None and len(candidate) > limit:
            break
        out = candidate
    if not out and words:  # a single word longer than the limit
        out = words[0][:limit]
    return out or fallback


def make_slug(text: str) -> str:
    """An article's id or file name: a slug of at most 80 characters, never empty and never a
    name Windows reserves: "Vestland_Tidende birds-and-BLAME" gives vestland-tidende-birds-and-blame."""
    made = slug(text, MAX_SLUG, "article")
    return f"{made}-article" if made in RESERVED else made
