"""General knowledge the players stage needs, kept as data: synonyms, news outlets, titles.

The YAML files under `generator/data/` hold what any reader of English news knows ("the
Pentagon" is the Department of Defense, the Financial Times is a newspaper, "CEO" is a title);
the editor's `aliases:` from corpus/briefing.yml are merged in. Nothing here knows a story.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..config import Corrections
from ..names import fold, outlet_key
from ..wordlists import data_file, stance_verbs

DATA_FILES = ("synonyms.yml", "outlets.yml", "people.yml")


@dataclass(frozen=True)
class Lexicon:
    """Synonyms, outlets and person/organisation cues; lookups are folded names (see `fold`)."""

    synonyms: dict[str, str] = field(default_factory=dict)  # folded name -> canonical name
    outlets: dict[str, str] = field(default_factory=dict)  # outlet_key -> outlet's name
    media_words: frozenset[str] = frozenset()
    media_words_anywhere: frozenset[str] = frozenset()  # as written
    media_nouns: frozenset[str] = frozenset()  # lower case: "the newspaper X", "X magazine"
    press_articles: frozenset[str] = frozenset()  # as written: "Le", "La"
    titles: frozenset[str] = frozenset()  # lower case, may hold spaces and hyphens
    ranks: frozenset[str] = frozenset()  # "private": a title only when capitalised before a name
    agent_suffixes: tuple[str, ...] = ()  # "-er", "-ist": nouns for a person who does something
    person_nouns: frozenset[str] = frozenset()  # "star", "hostage": nouns for people without such an ending
    org_titles: frozenset[str] = frozenset()
    org_nouns: frozenset[str] = frozenset()
    org_possessions: frozenset[str] = frozenset()
    person_possessions: frozenset[str] = frozenset()
    product_nouns: frozenset[str] = frozenset()
    thing_words: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()  # "St. Jude's Hospital": kept whole
    place_nouns: frozenset[str] = frozenset()  # "the Elm neighbourhood": Elm is a place
    designators: frozenset[str] = frozenset()  # "Company", "Inc.": "Acme Company" is also "Acme"
    honorifics: frozenset[str] = frozenset()
    org_head_titles: frozenset[str] = frozenset()
    founding_verbs: frozenset[str] = frozenset()  # lemmas
    country_prefixes: tuple[str, ...] = ()  # folded, longest first
    not_names: frozenset[str] = frozenset()  # folded
    actor_nouns: frozenset[str] = frozenset()
    force_nouns: tuple[str, ...] = ()  # lower case, longest first: "armed forces" before "forces"
    journalist_titles: frozenset[str] = frozenset()  # "correspondent Jane Roe"
    event_heads: frozenset[str] = frozenset()  # "Arab Spring": an event, not a player  # "Army": a word, yet a player when capitalised
    speech_verbs: frozenset[str] = frozenset()  # lemmas
    stance_verbs: frozenset[str] = frozenset()  # lemmas
    editor_aliases: dict[str, str] = field(default_factory=dict)  # folded -> canonical, from briefing.yml

    def canonical(self, name: str) -> str | None:
        """The canonical name of a known synonym (the editor's first), or None."""
        key = fold(name)
        return self.editor_aliases.get(key) or self.synonyms.get(key)

    def outlet(self, name: str) -> str | None:
        """The outlet this name spells, exactly (so "Time" the word is not "TIME"), or None."""
        return self.outlets.get(outlet_key(name))

    def looks_like_media(self, name: str) -> bool:
        """True for names built like a publication's ("the Springfield Herald")."""
        words = outlet_key(name).split()
        return len(words) >= 2 and words[-1] in self.media_words or self.outlet(name) is not None

    def is_title(self, words: str) -> bool:
        return words.lower() in self.titles


def load_lexicon(corrections: Corrections) -> Lexicon:
    """The packaged data with the editor's aliases merged in."""
    data = _package_data()
    editor: dict[str, str] = {}
    for canonical, names in corrections.aliases:
        for name in (canonical, *names):
            editor[fold(name)] = canonical
    return Lexicon(**data, editor_aliases=editor)


@lru_cache(maxsize=1)
def _raw_data() -> dict[str, Any]:
    return {name: data_file(name) for name in DATA_FILES}


def _package_data() -> dict[str, Any]:
    raw = _raw_data()
    synonyms: dict[str, str] = {}
    for canonical, names in sorted(raw["synonyms.yml"].items()):
        for name in (canonical, *(names or [])):
            synonyms[fold(name)] = canonical
    press = _Lists("outlets.yml", raw["outlets.yml"])
    outlets: dict[str, str] = {}
    for name, others in sorted(press.mapping("outlets").items()):
        for other in (name, *(others or [])):
            outlets[outlet_key(other)] = name
    people = _Lists("people.yml", raw["people.yml"], read_elsewhere=frozenset({"stance_verbs"}))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in people(key))

    lists = {
        "synonyms": synonyms,
        "outlets": outlets,
        "media_words": frozenset(press("media_words")),
        "media_words_anywhere": frozenset(press("media_words_anywhere")),
        "media_nouns": frozenset(w.lower() for w in press("media_nouns")),
        "press_articles": frozenset(press("press_articles")),
        "titles": words("titles"),
        "ranks": words("ranks"),
        "agent_suffixes": tuple(sorted(words("agent_suffixes"))),
        "person_nouns": words("person_nouns"),
        "org_titles": words("org_titles"),
        "org_nouns": words("org_nouns"),
        "org_possessions": words("org_possessions"),
        "person_possessions": words("person_possessions"),
        "product_nouns": words("product_nouns"),
        "thing_words": words("thing_words"),
        "org_words": words("org_words"),
        "institution_words": words("institution_words"),
        "designators": words("designators"),
        "place_nouns": words("place_nouns"),
        "honorifics": words("honorifics"),
        "org_head_titles": words("org_head_titles"),
        "founding_verbs": words("founding_verbs"),
        "country_prefixes": tuple(sorted({fold(p) for p in people("country_prefixes")},
                                         key=lambda p: (-len(p), p))),
        "not_names": frozenset(fold(w) for w in people("not_names")),
        "actor_nouns": words("actor_nouns"),
        "force_nouns": tuple(sorted(words("force_nouns"), key=lambda w: (-len(w.split()), w))),
        "journalist_titles": words("journalist_titles"),
        "event_heads": words("event_heads"),
        "speech_verbs": words("speech_verbs"),
        "stance_verbs": stance_verbs().all,
    }
    press.check()
    people.check()
    return lists


class _Lists:
    """The word lists of one data file: a key the code asks for and the file lacks, a key the
    file has and no code reads (a misspelling), or an item that is not a word is an error that
    names the file, when the lexicon is first loaded."""

    def __init__(self, name: str, data: dict[str, Any], read_elsewhere: frozenset[str] = frozenset()) -> None:
        self.name, self.data, self.used = name, data, set(read_elsewhere)

    def __call__(self, key: str) -> list[str]:
        values = self._get(key)
        for v in values:
            if not isinstance(v, str):
                raise ValueError(f"generator/data/{self.name}: {key}: {v!r} is not a word; quote it")
        return list(values)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self._get(key)
        if not isinstance(value, dict):
            raise ValueError(f"generator/data/{self.name}: {key}: expected a mapping")
        return value

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise ValueError(f"generator/data/{self.name}: missing key {key}")
        self.used.add(key)
        return self.data[key] or []

    def check(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise ValueError(f"generator/data/{self.name}: unknown key(s) {', '.join(unknown)}")


__all__ = ["Lexicon", "load_lexicon", "fold", "outlet_key"]
