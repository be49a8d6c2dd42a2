"""The packaged lexicon: synonyms, outlets, titles, and the editor's aliases merged in."""
from __future__ import annotations

import pytest

from generator.config import Corrections
from generator.extract.lexicon import fold, load_lexicon


def test_fold() -> None:
    assert fold("the Pentagon\u2019s") == "pentagon"
    assert fold("U.S. Department of Defense") == "us department of defense"
    assert fold("\u201cDepartment of War") == "department of war"


def test_synonyms_are_one_name() -> None:
    lex = load_lexicon(Corrections())
    forms = ["U.S. Department of Defense", "Department of Defense", "DoD", "Pentagon", "the Pentagon",
             "Defense Department", "Department of War"]
    assert {lex.canonical(f) for f in forms} == {"U.S. Department of Defense"}
    assert lex.canonical("Acme Robotics") is None


def test_editor_aliases_win() -> None:
    lex = load_lexicon(Corrections(aliases=(("Springfield Transit", ("STX", "the transit agency")),)))
    assert lex.canonical("stx") == "Springfield Transit"
    assert lex.canonical("The Transit Agency") == "Springfield Transit"


def test_outlets_and_words() -> None:
    lex = load_lexicon(Corrections())
    assert lex.outlet("The New York Times") == lex.outlet("New York Times") == "The New York Times"
    assert lex.looks_like_media("Springfield Gazette") and not lex.looks_like_media("Gazette")
    assert lex.is_title("CEO") and "company" in lex.org_nouns and "said" not in lex.titles


def test_a_misspelt_or_missing_key_in_the_players_word_lists_names_the_file() -> None:
    from generator.extract.lexicon import _Lists

    lists = _Lists("people.yml", {"titles": ["mayor"], "tittles": ["chief"]})
    assert lists("titles") == ["mayor"]
    with pytest.raises(ValueError, match="people.yml: unknown key"):
        lists.check()  # "tittles" is read by no code: a misspelling would silently be empty
    with pytest.raises(ValueError, match="people.yml: missing key ranks"):
        lists("ranks")
    with pytest.raises(ValueError, match="not a word"):
        _Lists("people.yml", {"titles": [True]})("titles")  # a bare yes in YAML
