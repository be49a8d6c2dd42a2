"""A country's armed forces as one player, whatever noun the text uses: invented texts, with the
cases where the rule must not fire."""
from __future__ import annotations

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.entities import name_spans
from generator.extract.players.filters import is_country_adjective
from generator.extract.players.forces import force_spans

from .test_players import cast_of, find

LEX = load_lexicon(Corrections())


def forces_in(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return [(span.text, name) for span, name in force_spans(doc, name_spans(doc, LEX), LEX)]


def test_a_country_then_a_force_noun_names_its_military(nlp) -> None:  # type: ignore[no-untyped-def]
    assert forces_in(nlp, "Kenyan troops reached the harbour on Monday.") == [
        ("Kenyan troops", "Kenyan military")]
    assert forces_in(nlp, "The US military said the runway was open.") == [("US military", "US military")]
    assert forces_in(nlp, "Chilean soldiers and Kenyan armed forces cleared the road.") == [
        ("Chilean soldiers", "Chilean military"), ("Kenyan armed forces", "Kenyan military")]


def test_the_rule_does_not_fire_without_a_force_noun_right_after_a_country(nlp) -> None:  # type: ignore[no-untyped-def]
    assert forces_in(nlp, "The US has sent aid to the island.") == []  # the country alone stays a place
    assert forces_in(nlp, "US-led forces entered the town.") == []  # someone else's troops, led by it
    assert forces_in(nlp, "A US soldier was hurt in the blast.") == []  # one person, not the forces
    assert forces_in(nlp, "The military said nothing about the convoy.") == []  # no country named
    assert forces_in(nlp, "Kenyan security forces patrolled the port.") == []  # maybe the police
    assert forces_in(nlp, "Democratic forces in the assembly objected.") == []  # a party, not a country
    assert forces_in(nlp, "The US Army Corps of Engineers rebuilt the levee.") == []  # a longer name
    assert forces_in(nlp, "The mayor asked them to send us troops before the storm.") == []  # a pronoun


def test_only_a_country_adjective_counts() -> None:
    assert is_country_adjective("Kenyan") and is_country_adjective("Chilean")
    assert not is_country_adjective("Democratic") and not is_country_adjective("Republican")


def test_story_a_countrys_troops_are_one_player_with_the_phrases_as_aliases(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Kenyan troops landed at the port on Monday. Mayor Ilse Varga thanked the "
                     "Kenyan military for the water."),
        "a2": (None, "The Kenyan army set up a field hospital, Ilse Varga said. Kenyan soldiers "
                     "cleared the airport road."),
        "a3": (None, "Kenyan forces opened a second camp. The Army said it would stay a month."),
    }
    cast = cast_of(nlp, story)
    army = find(cast, "Kenyan military")
    assert army.kind == "organization"
    assert {"Kenyan troops", "Kenyan army", "Kenyan soldiers", "Kenyan forces"} <= set(army.aliases)
    assert "Army" in army.aliases  # the lone "Army" of a story with one country's forces
    assert find(cast, "Ilse Varga").kind == "person"


def test_story_american_and_us_troops_are_one_player_but_two_countries_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "US troops landed at the port on Monday. British troops arrived a day later."),
        "a2": (None, "American soldiers cleared the road, Mayor Ilse Varga said. The US military "
                     "flew in water."),
        "a3": (None, "The British army opened a camp. American forces stayed a month."),
    }
    cast = cast_of(nlp, story)
    us = find(cast, "US troops")
    assert {"American soldiers", "American forces", "US military"} <= {us.name, *us.aliases}
    uk = find(cast, "British troops")
    assert uk is not us and "British army" in uk.aliases
