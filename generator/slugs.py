"""File-safe names: article ids and the file names `briefing add` writes."""
from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80
# Names Windows cannot create a file or folder with; the offline bundle is unzipped there too.
RESERVED = frozenset({"con", "prn", "aux", "nul", "clock$"} | {f"com{i}" for i in range(10)}
                     | {f"lpt{i}" for i in range(10)})

# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th",
                               "Þ": "Th", "ı": "i"})


def make_slug(text: str) -> str:
    """Lower-case ASCII words of the text joined by hyphens (accents folded), at most 80
    characters, path-safe: "Vestland_Tidende birds-and-BLAME" gives vestland-tidende-birds-and-blame."""
    folded = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", folded.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    if not slug and words:  # a single word longer than the limit
        slug = words[0][:MAX_SLUG]
    if not slug:
        slug = "article"
    if slug in RESERVED:
        slug = f"{slug}-article"
    return slug
