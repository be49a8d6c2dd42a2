"""Cross-document entity resolution: normalised name forms and each link rule, on invented names,
with the cases where a rule must not fire (two people sharing a surname, an acronym that is also
a word)."""
from __future__ import annotations

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.names import name_form
from generator.extract.players.resolve import (Candidate, compatible_given, link_orgs, link_people,
                                               link_short_forms, same_org_spelling, same_person,
                                               same_surname)

from .test_players import cast_of

LEX = load_lexicon(Corrections())


def form(name: str, person: bool = True):  # type: ignore[no-untyped-def]
    return name_form(name, LEX, person)


def test_forms_drop_titles_initials_suffixes_accents_and_case() -> None:
    assert form("Dr. Walter K. Brenning Jr.'s").words == ("walter", "brenning")
    assert form("WALTER BRENNING").words == ("walter", "brenning")
    assert form("Col. Walter Brenning").words == ("walter", "brenning")
    assert form("Pål Hestvik").words == ("pal", "hestvik")
    assert form("Mr Brenning").words == ("brenning",)  # a bare surname once the title is gone
    assert form("Felipe Dorad n").words == ("felipe", "doradn")  # a letter lost in encoding


def test_organisation_forms_keep_a_first_word_that_is_also_a_title() -> None:
    assert form("General Widgets", person=False).words == ("general", "widgets")


def test_nickname_links_given_names() -> None:
    assert compatible_given("bob", "robert")
    assert compatible_given("hank", "henry")
    assert same_person(form("Bob Talwick"), form("Robert Talwick"))


def test_different_given_names_keep_family_members_apart() -> None:
    assert not same_person(form("Marta Talwick"), form("Oskar Talwick"))
    assert not compatible_given("jane", "john")


def test_transliterated_names_merge() -> None:
    assert same_person(form("Aleksandr Vorontsky"), form("Alexander Vorontsky"))
    assert same_surname("sorelli", "sorrelli")  # same sound, close spelling
    assert same_surname("kadhari", "kaddari", 9, 3)  # one letter apart, one spelling rarer
    assert same_person(form("Omar ElBarassi"), form("Omar El-Barassi"))


def test_a_rare_misspelling_merges_but_two_common_spellings_do_not() -> None:
    assert same_surname("brenning", "brening", 12, 1)
    assert not same_surname("hartley", "hartman", 12, 10)
    assert not same_surname("roe", "rowe", 10, 1)  # too short to tell a typo from a name


def _cands(kind: str, names: dict[str, list[str]], person: bool) -> list[Candidate]:
    return [Candidate(root, kind, tuple(form(n, person) for n in ns), 5) for root, ns in names.items()]


def _linked(fn, cands, apart=lambda a, b: False):  # type: ignore[no-untyped-def]
    pairs: list[tuple[str, str]] = []
    fn(cands, lambda a, b: pairs.append(tuple(sorted((a, b)))), apart)
    return sorted(set(pairs))


def test_people_are_compared_within_blocks_and_never_across_a_shared_sentence() -> None:
    cands = _cands("person", {"a": ["Hank Talwick"], "b": ["Henry Talwick"], "c": ["Oskar Talwick"]}, True)
    assert _linked(link_people, cands) == [("a", "b")]
    assert _linked(link_people, cands, apart=lambda a, b: True) == []


def test_organisations_with_the_same_words_in_another_order_or_one_letter_apart() -> None:
    cands = _cands("organization", {"a": ["National Transitional Assembly"],
                                    "b": ["Transitional National Assembly"],
                                    "c": ["Medecins du Nord"], "d": ["Medicins du Nord"],
                                    "e": ["National Grain Board"]}, False)
    assert sorted(_linked(link_orgs, cands)) == [("a", "b"), ("c", "d")]
    assert same_org_spelling(form("Bear Stearnly", False), form("Bear Sternly", False))
    assert not same_org_spelling(form("Acme Foods", False), form("Acme Farms", False))


def test_a_leading_part_used_alone_joins_the_one_organisation_it_opens() -> None:
    orgs = _cands("organization", {"long": ["Brixley Brothers"], "two1": ["Ostrow Foods"],
                                   "two2": ["Ostrow Farms"]}, False)
    singles = _cands("organization", {"brixley": ["Brixley"], "ostrow": ["Ostrow"]}, False)
    pairs: list[tuple[str, str]] = []
    link_short_forms(orgs, singles, lambda a, b: pairs.append((a, b)))
    assert pairs == [("brixley", "long")]  # "Ostrow" opens two names: left alone


def test_a_parent_named_more_often_than_its_unit_is_not_its_short_form() -> None:
    orgs = [Candidate("unit", "organization", (form("Brixley Research", False),), 1)]
    singles = [Candidate("parent", "organization", (form("Brixley", False),), 6)]
    pairs: list[tuple[str, str]] = []
    link_short_forms(orgs, singles, lambda a, b: pairs.append((a, b)))
    assert pairs == []


def test_a_generic_closing_word_is_not_a_short_form() -> None:
    orgs = _cands("organization", {"long": ["Harbour Grain Council"]}, False)
    singles = _cands("organization", {"council": ["Council"]}, False)
    pairs: list[tuple[str, str]] = []
    link_short_forms(orgs, singles, lambda a, b: pairs.append((a, b)), frozenset({"council"}))
    assert pairs == []


def test_story_nickname_and_title_forms_are_one_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Treasury Secretary Henry M. Talwick Jr. announced the rescue on Monday. "
                     "Talwick said the plan would calm the markets."),
        "a2": (None, "Hank Talwick met bankers on Tuesday. Mr. Talwick told them to act quickly."),
        "a3": (None, "Henry Talwick defended the plan in Congress on Friday."),
    }
    cast = cast_of(nlp, story)
    talwicks = [p for p in cast.players if "Talwick" in p.name]
    assert len(talwicks) == 1


def test_story_family_member_keeps_her_own_entry_without_the_surname(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Prime Minister Oskar Brandvik said on Monday that talks would continue. "
                     "Brandvik spoke after a cabinet meeting."),
        "a2": (None, "Oskar Brandvik flew to the summit on Tuesday. Brandvik met the envoy."),
        "a3": (None, "His wife, Marta Brandvik, opened a school on Wednesday. "
                     "Oskar Brandvik praised the teachers."),
    }
    cast = cast_of(nlp, story)
    marta = next(p for p in cast.players if p.name == "Marta Brandvik")
    oskar = next(p for p in cast.players if p.name == "Oskar Brandvik")
    assert marta.id != oskar.id
    assert "Brandvik" in oskar.aliases and "Brandvik" not in marta.aliases


def test_story_acronym_joins_its_long_form_but_not_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "The Harbour Grain Council said exports fell. HGC officials blamed the weather."),
        "a2": (None, "The HGC said on Tuesday that prices would rise."),
    }
    cast = cast_of(nlp, story)
    council = next(p for p in cast.players if "Harbour Grain Council" in (p.name, *p.aliases))
    assert "HGC" in (council.name, *council.aliases)


def test_a_misspelt_title_is_stripped_but_a_short_name_is_not() -> None:
    assert form("Presiden Oskar Brandvik").words == ("oskar", "brandvik")
    assert form("Ray Brandvik").words == ("ray", "brandvik")


def test_story_un_agency_and_its_acronym_are_one_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "The World Grain Programme (WGP) said trucks were arriving. Later Oskar Brandvik thanked them."),
        "a2": (None, "The UN World Grain Programme said distribution was under way. Oskar Brandvik agreed."),
    }
    cast = cast_of(nlp, story)
    grain = [p for p in cast.players if "Grain" in p.name]
    assert len(grain) == 1 and grain[0].kind == "organization"
    assert {"WGP", "UN World Grain Programme"} <= {grain[0].name, *grain[0].aliases}
    assert "Oskar Brandvik" in {p.name for p in cast.players}
