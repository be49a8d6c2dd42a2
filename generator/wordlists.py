"""The package's word lists (`generator/data/*.yml`): read one way, checked, and typed.

Every stage reads its lists through `data_file` (the YAML, parsed once) and, for the lists that
are plain words or patterns, through a frozen dataclass whose fields are the file's keys: a
missing or misspelt key fails when the file is first read, not deep inside an extractor, and
each use site says `words().claim_verbs`, which a type checker can follow.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar, get_type_hints

import yaml

T = TypeVar("T")


@cache
def data_file(name: str) -> dict[str, Any]:
    """One YAML mapping from generator/data/, read once."""
    text = (resources.files("generator") / "data" / name).read_text(encoding="utf-8")
    loaded = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when built
    if not isinstance(loaded, dict):
        raise ValueError(f"generator/data/{name}: expected a mapping")
    return loaded


def typed(cls: type[T], name: str, data: dict[str, Any]) -> T:
    """`cls` built from a mapping of lists: each list becomes its field's type (a frozenset of
    words, a tuple kept in order, a dict of words or of word tuples). A key the class does not
    name, or a field without a default that the file lacks, is an error naming the file."""
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"generator/data/{name}: unknown key(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            if f.default is dataclasses.MISSING:
                raise ValueError(f"generator/data/{name}: missing key {f.name}")
            continue
        values[f.name] = _as(hints[f.name], data[f.name], f"generator/data/{name}: {f.name}")
    return cls(**values)


def _as(hint: Any, value: Any, where: str) -> Any:
    origin = getattr(hint, "__origin__", hint)
    if origin is frozenset:
        return frozenset(_word(v, where) for v in value or ())
    if origin is tuple:
        return tuple(_word(v, where) for v in value or ())
    if origin is dict:
        inner = hint.__args__[1]
        return {_word(k, where): _as(inner, v, where) for k, v in (value or {}).items()}
    if origin is str:
        return _word(value, where)
    raise TypeError(f"no conversion to {hint}")


def _word(value: Any, where: str) -> str:
    # YAML reads a bare yes, no, on or off as a boolean and 12 as a number: a list of words
    # must quote them, or the word silently never matches.
    if not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not a word; quote it ('yes', '12')")
    return value


@dataclass(frozen=True, slots=True)
class ComparisonWords:
    """generator/data/comparison.yml: what figures, statuses, claims and relations are worded with."""

    status_verbs: dict[str, str]  # verb lemma -> the status noun it confers
    not_done: dict[str, tuple[str, ...]]  # mode ("threatened") -> lemmas governing an undone status
    hypothetical_aux: frozenset[str]
    permit_verbs: frozenset[str]
    negated_action: str  # a regular expression
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    dismiss_verbs: frozenset[str]
    report_nouns: frozenset[str]
    figure_concepts: dict[str, tuple[str, ...]]  # concept -> the words that name it
    figure_lower: tuple[str, ...]
    figure_upper: tuple[str, ...]
    figure_about: tuple[str, ...]
    characterise_verbs: frozenset[str]
    generic_nouns: frozenset[str]
    relation_verbs: dict[str, str]  # lemma -> relation
    relation_nouns: dict[str, str]


@dataclass(frozen=True, slots=True)
class QuestionWords:
    """generator/data/questions.yml: lemmas, and regular expressions kept in their order."""

    whether_heads: frozenset[str]
    withheld_heads: frozenset[str]
    question_nouns: frozenset[str]
    hedges: tuple[str, ...]
    watch: tuple[str, ...]
    no_answer: tuple[str, ...]
    unknowns_intro: tuple[str, ...]
    furniture: tuple[str, ...]
    personal_pronouns: frozenset[str]
    rhetorical_openers: frozenset[str]
    generic_terms: frozenset[str]
    framing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SeriesWords:
    """generator/data/series.yml: how counts the coverage updates over time are worded."""

    measures: dict[str, tuple[str, ...]]  # measure -> the lemmas that name it
    person_nouns: frozenset[str]
    holder_nouns: frozenset[str]
    holder_verbs: frozenset[str]
    increments: frozenset[str]
    not_counted: frozenset[str]
    rate_units: frozenset[str]
    rate_adverbs: dict[str, str]  # adverb -> the unit it means
    everywhere: frozenset[str]


@dataclass(frozen=True, slots=True)
class StanceVerbs:
    """The one list of stance verbs (generator/data/people.yml): every one marks a player's
    stance; only `position` verbs also state a position on an issue in dispute."""

    position: frozenset[str]
    other: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.position | self.other


@cache
def comparison_words() -> ComparisonWords:
    return typed(ComparisonWords, "comparison.yml", data_file("comparison.yml"))


@cache
def question_words() -> QuestionWords:
    return typed(QuestionWords, "questions.yml", data_file("questions.yml"))


@cache
def series_words() -> SeriesWords:
    return typed(SeriesWords, "series.yml", data_file("series.yml"))


@cache
def stance_verbs() -> StanceVerbs:
    return typed(StanceVerbs, "people.yml", data_file("people.yml")["stance_verbs"])


__all__ = ["ComparisonWords", "QuestionWords", "SeriesWords", "StanceVerbs", "comparison_words",
           "data_file", "question_words", "series_words", "stance_verbs", "typed"]
