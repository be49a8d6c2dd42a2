"""The pieces every stage shares: unique ids, the union-find, the name key, the word lists."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.extract.union_find import UnionFind
from generator.ids import unique_id, unique_ids
from generator.names import fold
from generator.wordlists import comparison_words, question_words, stance_verbs, typed

# --- ids ---------------------------------------------------------------------------------------


def test_repeated_names_are_numbered_from_two_and_a_taken_number_is_skipped() -> None:
    assert unique_ids(["harbour-board", "ferry-union", "harbour-board", "harbour-board"]) == [
        "harbour-board", "ferry-union", "harbour-board-2", "harbour-board-3"]
    # a name whose own slug ends in -2 never collides with a numbered one
    assert unique_ids(["pier", "pier", "pier-2"]) == ["pier", "pier-2", "pier-2-2"]
    assert unique_ids(["pier", "pier-2", "pier"]) == ["pier", "pier-2", "pier-3"]


def test_distinct_names_keep_their_ids() -> None:
    assert unique_ids(["a", "b", "c"]) == ["a", "b", "c"]
    assert unique_id("pier", {"quay"}) == "pier"


def test_a_cut_id_still_fits_with_its_number() -> None:
    assert unique_id("abcdef", {"abcdef"}, max_length=6) == "abcd-2"
    assert unique_id("abc-ef", {"abc-ef"}, max_length=6) == "abc-2"  # no hyphen before the number's


def test_many_holders_of_one_name_stay_unique() -> None:
    ids = unique_ids(["player"] * 2000)
    assert len(set(ids)) == 2000 and ids[-1] == "player-2000"


# --- union-find --------------------------------------------------------------------------------


def test_groups_and_roots_do_not_depend_on_the_order_of_unions() -> None:
    pairs = [("roe", "jane roe"), ("j roe", "roe"), ("acme", "acme co")]
    one: UnionFind[str] = UnionFind()
    other: UnionFind[str] = UnionFind()
    for a, b in pairs:
        one.union(a, b)
    for a, b in reversed(pairs):
        other.union(b, a)
    keys = ["roe", "jane roe", "j roe", "acme", "acme co", "alone"]
    assert [one.find(k) for k in keys] == [other.find(k) for k in keys] == [
        "j roe", "j roe", "j roe", "acme", "acme", "alone"]


def test_union_returns_the_root_and_keeps_groups_apart() -> None:
    groups: UnionFind[int] = UnionFind()
    assert groups.union(5, 3) == 3
    assert groups.union(9, 7) == 7
    assert groups.find(5) == 3 and groups.find(9) == 7
    assert groups.union(9, 5) == 3 and groups.find(7) == 3


# --- the name key ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["The Harbour Board", "harbour board", "Harbour Board's",
                                     "Harbour  Board", "\u201cHarbour Board\u201d"])
def test_spellings_of_one_name_fold_to_one_key(written: str) -> None:
    assert fold(written) == "harbour board"


def test_different_names_keep_different_keys() -> None:
    assert fold("Harbour Board") != fold("Harbour Boards Union")
    assert fold("Theatre Trust") == "theatre trust"  # "the" only as a word of its own


# --- word lists --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lists:
    verbs: frozenset[str]
    patterns: tuple[str, ...]
    nouns: dict[str, str]
    optional: frozenset[str] = frozenset()


def test_a_word_list_file_is_read_into_its_types() -> None:
    lists = typed(_Lists, "x.yml", {"verbs": ["say", "say"], "patterns": ["b", "a"], "nouns": {"ban": "ban"}})
    assert lists == _Lists(frozenset({"say"}), ("b", "a"), {"ban": "ban"})


@pytest.mark.parametrize("data, message", [
    ({"verbs": [], "patterns": [], "nouns": {}, "verbz": []}, "unknown key"),
    ({"verbs": [], "patterns": []}, "missing key nouns"),
    ({"verbs": ["say", True], "patterns": [], "nouns": {}}, "True is not a word"),
    ({"verbs": [], "patterns": [], "nouns": {"ban": 12}}, "12 is not a word"),
])
def test_a_misspelt_key_or_an_unquoted_yes_fails_on_reading(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        typed(_Lists, "x.yml", data)


def test_the_package_word_lists_load() -> None:
    assert "say" in comparison_words().claim_verbs
    assert {"yes", "no"} <= question_words().rhetorical_openers
    verbs = stance_verbs()
    assert "refuse" in verbs.position and "want" in verbs.other and "want" not in verbs.position
    assert verbs.all == verbs.position | verbs.other


def test_one_slug_rule_for_every_id():
    from generator.slugs import make_slug, slug

    # accents folded, an abbreviation's letters kept together, cut at a word
    assert slug("Zoë Brønn of the U.S. Agency") == "zoe-bronn-of-the-us-agency"
    assert slug("one two three", limit=7) == "one-two"
    assert slug("...", fallback="item") == "item"
    # a dot between words or numbers still separates them
    assert slug("acme.com 3.5") == "acme-com-3-5"
    assert slug("Acme’s 2008–2009 plan") == "acme-s-2008-2009-plan"
    # article ids: never empty, never a name Windows reserves
    assert make_slug("!!!") == "article" and make_slug("CON") == "con-article"
