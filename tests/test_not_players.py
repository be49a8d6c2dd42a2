"""Outlets, groups, words and page furniture that are not players, and the key players listed
with a page: small invented texts, each rule where it must fire and where it must not."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.combine import LISTED_TOP, _listing
from generator.extract.players.entities import name_spans
from generator.extract.players.filters import is_media, is_people_of_place, own_outlet_form
from generator.model import Player

from .test_players import cast_of

LEX = load_lexicon(Corrections())


def names_of(cast) -> set[str]:  # type: ignore[no-untyped-def]
    return {n for p in cast.players for n in (p.name, *p.aliases)}


def test_story_a_name_the_text_calls_a_publication_is_an_outlet(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Mayor Ilse Varga backed the plan, according to the official news agency, Korvata. "
                     "Lumenpost magazine reported that Brask Holdings would bid."),
        "a2": (None, "Ilse Varga met Brask Holdings, said Tomas Oyelaran, managing editor of Quillon. "
                     "The plan was first published by the state-owned Ardent Foundation."),
    }
    cast = cast_of(nlp, story)
    names = names_of(cast)
    assert not names & {"Korvata", "Lumenpost", "Quillon", "Ardent Foundation"}
    assert {"Ilse Varga", "Brask Holdings"} <= names  # the players around them stay


def test_story_a_beat_is_not_an_employer(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Harbour Council correspondent Petra Lund asked about the budget. "
                     "The Harbour Council voted on Monday."),
        "a2": (None, "The Harbour Council said the vote stands. Mayor Ilse Varga agreed."),
    }
    assert "Harbour Council" in names_of(cast_of(nlp, story))  # "X correspondent" is often a beat


def test_story_a_byline_names_the_writer_not_a_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "By Petra Lund | May 2, 2026\n\nMayor Ilse Varga said the bridge would reopen."),
        "a2": (None, "By Petra Lund | May 3, 2026\n\nIlse Varga thanked the engineers."),
        "a3": (None, "By Friday, Tomas Brenner had signed the contract. Tomas Brenner said it was fair."),
    }
    names = names_of(cast_of(nlp, story))
    assert "Petra Lund" not in names and "Ilse Varga" in names
    assert "Tomas Brenner" in names  # "By Friday, ...": no byline


def test_a_publication_word_alone_and_the_own_outlet_short_forms() -> None:
    assert is_media("Mirror", LEX) and is_media("the Post", LEX)
    assert not is_media("Mirror Lake Council", LEX)
    own = frozenset({"Harbour Post"})
    assert own_outlet_form("HaPo", own) and own_outlet_form("PostLive", own)
    assert not own_outlet_form("HaPo", frozenset({"Coastal Times"}))
    assert not own_outlet_form("Hamlet", own) and not own_outlet_form("PoHa", own)


def test_a_place_s_people_are_a_group() -> None:
    assert is_people_of_place(["kenyans"]) and is_people_of_place(["bolivians"])
    assert not is_people_of_place(["kenya airways"])  # a company named after a place
    assert not is_people_of_place(["siemens"]) and not is_people_of_place([])


def test_story_a_counted_plural_is_a_group_not_an_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Two Kalvanians were hurt in the blast. Ostrow Foods said two Ostrow Foods plants closed."),
        "a2": (None, "Many Kalvanians left the city. Ostrow Foods reopened its plants, said Ilse Varga."),
        "a3": (None, "Thousands of Kalvanians returned on Monday. Ostrow Foods hired 300 workers."),
    }
    names = names_of(cast_of(nlp, story))
    assert "Kalvanians" not in names
    assert "Ostrow Foods" in names  # "two Ostrow Foods plants": the name describes the plants


def test_story_a_word_does_not_stand_for_a_longer_name(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Engineer Marta Hope inspected the bridge. There is little hope, said Ilse Varga, "
                     "and hope is fading. Hope, she added, is no plan."),
        "a2": (None, "Hope remains for the families. Their hope and our hope: Ilse Varga spoke of hope again."),
    }
    cast = cast_of(nlp, story)
    hope = next(p for p in cast.players if p.name == "Marta Hope")
    assert "Hope" not in hope.aliases and len(hope.articles) == 1
    assert "Hope" not in {p.name for p in cast.players}


def test_story_a_shared_given_name_goes_to_the_one_its_article_names(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Aid worker Chris Dalton flew to the port. Chris will join 40 colleagues."),
        "a2": (None, "Chris Moreno, a nurse, treated the injured. Chris said supplies were short."),
    }
    cast = cast_of(nlp, story)
    assert "Chris" not in {p.name for p in cast.players}
    dalton = next(p for p in cast.players if p.name == "Chris Dalton")
    moreno = next(p for p in cast.players if p.name == "Chris Moreno")
    assert dalton.mentions == 2 and moreno.mentions == 2


def test_story_headline_capitals_and_story_codes_are_not_players(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "10:15 pm GMT PORT LUMEN (Harbour Wire) - Mayor Ilse Varga said the port reopens. (ID: nAB1234)"),
        "a2": (None, "9:20 am GMT PORT LUMEN (Harbour Wire) - Ilse Varga met the Transit Workers Union (TWU). "
                     "(ID: nCD5678) The TWU said talks went well."),
    }
    names = names_of(cast_of(nlp, story))
    assert "Ilse Varga" in names and "TWU" in names  # an acronym the model and the text name stays
    assert not names & {"PORT LUMEN", "GMT PORT LUMEN", "ID"}


def test_a_name_does_not_end_in_a_conjunction(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Charities including Harbour Relief and Tidewater Aid asked for money.")
    doc.ents = [Span(doc, 2, 5, label="ORG")]  # the model took the "and" in
    assert [s.text for s in name_spans(doc, LEX)][:1] == ["Harbour Relief"]


def _player(k: int, articles: int) -> Player:
    return Player(f"p{k}", f"Player {k}", "person", (), (), (), (),
                  tuple(f"a{i}" for i in range(articles)), articles, 100.0 - k)


def test_key_players_are_the_first_ranks_and_those_named_in_two_articles() -> None:
    players = [_player(k, 1 if k % 2 else 2) for k in range(LISTED_TOP + 10)]
    out = _listing(players, 50)
    listed = [p for p in out if p.listed]
    assert {p.id for p in listed} == {f"p{k}" for k in range(LISTED_TOP)} | {
        f"p{k}" for k in range(LISTED_TOP, LISTED_TOP + 10) if k % 2 == 0}
    assert out[:len(listed)] == listed  # key players first, each part in rank order
    assert [p.id for p in out[len(listed):]] == [f"p{k}" for k in range(LISTED_TOP, LISTED_TOP + 10) if k % 2]
    assert len(out) == len(players)  # nobody is dropped
    small = [_player(k, 1) for k in range(12)]
    assert all(p.listed for p in _listing(small, 5))  # a small corpus lists all its players
    big = _listing([replace(_player(k, 3), score=1.0) for k in range(LISTED_TOP + 5)], 1000)
    assert sum(p.listed for p in big) == LISTED_TOP  # a thousand articles ask more than three


def test_story_one_who_acts_and_speaks_outranks_a_name_dropped_in_passing(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Critics compared the plan to a film by Gregor Pell. Mayor Ilse Varga defended it. "
                     "\"We will build it,\" Varga said."),
        "a2": (None, "It read like a Gregor Pell novel, one resident said. Ilse Varga said the port would reopen."),
    }
    names = [p.name for p in cast_of(nlp, story).players]
    assert names.index("Ilse Varga") < names.index("Gregor Pell")
