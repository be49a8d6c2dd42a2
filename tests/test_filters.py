"""What is never a player: words written in lower case, places, outlets, furniture; and where
each rule must not fire (an acronym that is also a word, a company named after a place)."""
from __future__ import annotations

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.filters import gazetteer, is_media, is_place, is_word

from .test_players import cast_of

LEX = load_lexicon(Corrections())


def test_a_name_mostly_written_in_lower_case_is_a_word() -> None:
    assert is_word(["wellbeing"], {"wellbeing": "Wellbeing"}, {"wellbeing": 9}, {"wellbeing": 2})


def test_an_acronym_that_is_also_a_word_is_kept() -> None:
    assert not is_word(["who"], {"who": "WHO"}, {"who": 40}, {"who": 0})


def test_a_surname_rarely_written_in_lower_case_is_kept() -> None:
    assert not is_word(["brown"], {"brown": "Brown"}, {"brown": 1}, {"brown": 30})


def test_an_acting_institution_is_kept_though_also_a_word() -> None:
    assert not is_word(["army"], {"army": "Army"}, {"army": 20}, {"army": 5}, LEX.actor_nouns)


def test_gazetteer_place_with_place_votes_is_not_a_player() -> None:
    assert "lyon" in gazetteer()
    assert is_place(["lyon"], {"place": 3.0, "person": 0.5}, 3)


def test_company_named_after_a_place_is_kept() -> None:
    # "Lyon" as a company the text keeps calling one: the organisation votes win
    assert not is_place(["lyon"], {"organization": 12.0}, 3)
    # and a longer name that starts with a place is not in the gazetteer at all
    assert not is_place(["lyon grain holdings"], {"place": 1.0}, 1)


def test_outlets_built_like_one() -> None:
    assert is_media("Harbour Press Agency", LEX)
    assert is_media("Le Matinal", LEX)
    assert is_media("CNN Overseas", LEX)  # a known outlet's name extended
    assert is_media("WQXR", LEX)  # a broadcaster's call sign


def test_outlet_rules_do_not_take_players() -> None:
    assert not is_media("Harbour Grain Council", LEX)
    assert not is_media("WHO", LEX)  # three letters: not a call sign
    assert not is_media("Ostrow Foods", LEX)


def test_story_furniture_and_urls_are_not_players(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Updated 10:42 GMT. Mayor Ilse Varga said the bridge would reopen. "
                     "Follow us at bit.ly/Xy7Qa for more."),
        "a2": (None, "Ilse Varga visited the site on Friday. Retweet this story."),
    }
    names = {n for p in cast_of(nlp, story).players for n in (p.name, *p.aliases)}
    assert "Ilse Varga" in names
    assert not names & {"GMT", "Retweet", "bit.ly/Xy7Qa", "ly/Xy7Qa"}


def test_story_generic_word_opening_sentences_is_not_a_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Wellbeing matters, said Ilse Varga. The wellbeing of staff and their wellbeing at home "
                     "came first, and wellbeing budgets rose."),
        "a2": (None, "Wellbeing was the theme. Ilse Varga said wellbeing needed money."),
    }
    names = {p.name for p in cast_of(nlp, story).players}
    assert "Ilse Varga" in names and "Wellbeing" not in names


def test_events_and_diseases_are_not_players_but_a_department_named_for_one_is() -> None:
    from generator.extract.players.filters import is_event
    assert is_event(["harbour spring"], LEX)
    assert is_event(["swamp flu", "flu"], LEX)
    assert not is_event(["department of war"], LEX)
    assert not is_event(["ostrow foods"], LEX)


def test_story_journalist_is_a_source_not_a_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Mayor Ilse Varga said the bridge would reopen. CNN's Petra Lund reported from the site."),
        "a2": (None, "Correspondent Petra Lund said crowds gathered. Ilse Varga thanked the engineers."),
    }
    names = {p.name for p in cast_of(nlp, story).players}
    assert "Ilse Varga" in names and "Petra Lund" not in names


def test_story_promo_repeated_in_every_article_counts_once(nlp) -> None:  # type: ignore[no-untyped-def]
    promo = "Cruise liner Ocean Pearl towed to harbour after an engine room fire, see our gallery."
    story = {f"a{k}": (None, f"Mayor Ilse Varga spoke on day {k}. Ilse Varga met workers.\n\n{promo}")
             for k in range(1, 5)}
    players = cast_of(nlp, story).players
    pearl = [p for p in players if "Ocean Pearl" in p.name]
    assert all(len(p.articles) == 1 for p in pearl)
    assert players[0].name == "Ilse Varga"


def test_story_name_cited_as_a_source_wherever_named_is_an_outlet(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Mayor Ilse Varga said the bridge would reopen, according to Harbourwatch."),
        "a2": (None, "Ilse Varga thanked the engineers, according to Harbourwatch."),
    }
    cast = cast_of(nlp, story)
    assert "Harbourwatch" not in {p.name for p in cast.players}
    assert "Ilse Varga" in {p.name for p in cast.players}
