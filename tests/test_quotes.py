"""Quote attribution on invented texts: speech verbs, pronouns, blocks; scare quotes never."""
from __future__ import annotations

from generator.extract.players import Cast
from tests.test_players import cast_of


def quotes_of(cast: Cast, name: str) -> set[str]:
    p = next(p for p in cast.players if p.name == name)
    return {q.text for q in p.quotes}


def every_quote(cast: Cast) -> set[str]:
    return {q.text for p in cast.players for q in p.quotes}


def test_said_after_and_before(nlp) -> None:
    cast = cast_of(nlp, {"q1": (None, 'Governor Alma Reyes visited the flooded district on Monday. '
                                      '"We will rebuild every home," Reyes said. She added: "Nobody will be left behind."')})
    assert quotes_of(cast, "Alma Reyes") == {"We will rebuild every home", "Nobody will be left behind."}


def test_block_quote_with_attribution_line(nlp) -> None:
    body = ("Harlow Foods has defended its recall.\n\n"
            "\u201cWe moved as soon as we knew. Every jar is off the shelves.\u201d\n\n"
            "Priya Nandi, CEO, Harlow Foods (via Reuters)\n\n"
            "Harlow Foods said sales would recover.")
    cast = cast_of(nlp, {"q2": (None, body)})
    assert "We moved as soon as we knew. Every jar is off the shelves." in quotes_of(cast, "Priya Nandi")
    for p in cast.players:
        for q in p.quotes:
            assert q.text in q.source.quote


def test_scare_quotes_are_not_quotes(nlp) -> None:
    cast = cast_of(nlp, {"q3": (None, 'Regulators labelled Harlow Foods a "repeat offender" on Monday. '
                                      'Harlow Foods CEO Priya Nandi was reportedly engaged in "last-ditch" talks.')})
    assert every_quote(cast) == set()


def test_said_that_after_a_quote_is_not_attribution(nlp) -> None:
    cast = cast_of(nlp, {"q4": (None, 'The ministry wants the drug for "any urgent case," Doctor Ines Moll '
                                      'has argued that trials must come first.')})
    assert "any urgent case" not in every_quote(cast)
