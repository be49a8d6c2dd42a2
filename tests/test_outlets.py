"""Cited news outlets: found by pattern or by the data list, kept out of the players."""
from __future__ import annotations

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.outlets import is_outlet
from tests.test_players import cast_of

LEX = load_lexicon(Corrections())


def test_known_media_and_media_shaped_names() -> None:
    assert is_outlet("Financial Times", False, LEX, frozenset())
    assert is_outlet("the Springfield Herald", False, LEX, frozenset())
    assert is_outlet("Coastline Weekly", False, LEX, frozenset({"Coastline Weekly"}))  # the article's own
    assert is_outlet("Zeta Wire", False, LEX, frozenset())
    assert not is_outlet("Helix Pharma", False, LEX, frozenset())  # "according to Helix Pharma"
    assert LEX.outlet("TIME") == "TIME" and LEX.outlet("Time") is None  # the word is not the magazine


def test_patterns_in_text(nlp) -> None:
    story = {"o1": (None, "Acme Robotics will cut 300 jobs, according to the Harbor Chronicle. "
                          "Acme Robotics CEO Dana Whitfield confirmed the cuts in her Bloomberg interview. "
                          "Reports from Reuters and Zephyr Post said the plant in Tulsa would close.\n\n"
                          "According to Dana Whitfield, the company remains profitable.")}
    cast = cast_of(nlp, story)
    names = {n for p in cast.players for n in (p.name, *p.aliases)}
    cited = {o.name for o in cast.outlets}
    assert {"Harbor Chronicle", "Bloomberg", "Reuters", "Zephyr Post"} <= cited
    assert not names & cited
    assert "Dana Whitfield" in names and "Dana Whitfield" not in cited  # "according to" a person
    assert "Acme Robotics" in names


def test_no_outlet_without_a_cue(nlp) -> None:
    cast = cast_of(nlp, {"o2": (None, "Mayor Ruth Banner met Kestrel Logistics on Monday. "
                                      "Kestrel Logistics said it would hire 200 drivers.")})
    assert cast.outlets == ()
