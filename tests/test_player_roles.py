"""Roles and kinds of players on small invented texts, with the real pipeline: the title a
sentence gives a person (and where a nearby title is someone else's), the description a text
gives an organisation, and kinds decided without trusting the model's label on a lone word."""
from __future__ import annotations

import pytest

from generator.config import Corrections
from generator.extract.lexicon import load_lexicon
from generator.extract.players.cluster import _merge_articles, _weighed
from generator.extract.union_find import UnionFind
from generator.extract.players.entities import evidence, name_spans
from generator.extract.players.names import name_form
from generator.extract.players.roles import org_description, roles_in

from .test_players import cast_of, find

LEX = load_lexicon(Corrections())


def roles_of(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """{name: role phrase} for the names of one invented paragraph."""
    doc = nlp(text)
    names = name_spans(doc, LEX)
    return {r.name.text: r.text for r in roles_in(doc, names, LEX)}


def descriptions_of(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return {n.text: d for n in name_spans(doc, LEX) if (d := org_description(doc, n, LEX))}


# --- a title phrase before an apposition ------------------------------------------------------

def test_a_long_title_phrase_before_the_apposition_is_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "On Monday, the acting head of the Harbour Trust mission in Eastport, "
                          "Pia Lundqvist, told reporters that repairs would take years.")
    assert roles.get("Pia Lundqvist", "").startswith("acting head of the Harbour Trust mission")


def test_a_phrase_too_long_for_a_title_is_cut_at_its_first_other_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "The head of the Harbour Trust's ship inspectors in the weeks before the "
                          "strike vote, Pia Lundqvist, said the hulls were sound.")
    assert roles.get("Pia Lundqvist") == "head of the Harbour Trust's ship inspectors"


def test_an_honorific_between_title_and_name_belongs_to_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles_of(nlp, "The port's chief engineer, Dr. Pia Lundqvist, warned of delays.").get(
        "Pia Lundqvist") == "port's chief engineer"


def test_a_title_before_for_and_an_honorific_is_someone_elses(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "A spokeswoman for Lord Varnholt said he would not comment.")
    assert "spokeswoman" not in roles.get("Varnholt", "")


def test_an_honorific_that_is_a_title_stays_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles_of(nlp, "Sen. Harald Varnholt said the bill would pass.").get("Harald Varnholt") == "Sen."


def test_an_apposition_followed_by_another_name_is_that_names_title(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "Referring to Sandnes, the regional health secretary, Kari Varnholt, said it mattered.")
    assert "secretary" not in roles.get("Sandnes", "")


def test_a_title_after_another_nouns_of_is_read_from_there(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "He found wisdom in the diaries of Danish ambassador Sir Harald Varnholt, a long book.")
    assert roles.get("Harald Varnholt") == "Danish ambassador"


def test_a_title_inside_an_introductory_phrase_is_not_the_subjects(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "In a letter to the mayor of Eastport, Pia Lundqvist said the yard would close.")
    assert "mayor" not in roles.get("Pia Lundqvist", "")


# --- a describing noun, a rank, an age ---------------------------------------------------------

def test_a_common_noun_tied_to_the_name_is_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles_of(nlp, "The actor Tomas Brekkevold, who organised the gala, thanked donors.").get(
        "Tomas Brekkevold") == "actor"
    assert roles_of(nlp, "The report named Norwegian-born rapper Tomas Brekkevold as a donor.").get(
        "Tomas Brekkevold") == "Norwegian-born rapper"


def test_a_relative_or_a_thing_before_a_name_is_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "Erik Varnholt" not in roles_of(nlp, "The report quoted his brother Erik Varnholt at length.")
    assert "Varnholt" not in roles_of(nlp, "In party mythology Varnholt was the opposite of Sandnes.")


def test_a_time_or_a_run_on_caption_before_a_name_is_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "Tomas Brekkevold" not in roles_of(nlp, "Earlier yesterday Tomas Brekkevold offered his help.")
    caption = roles_of(nlp, "Ola Varnholt is a local diplomat Tomas Brekkevold, his deputy, is on his way.")
    assert "diplomat" not in caption.get("Tomas Brekkevold", "")


def test_a_capitalised_rank_before_a_name_is_the_role_and_not_part_of_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    assert roles_of(nlp, "Private Johan Eriksen received the medal at the palace.").get(
        "Johan Eriksen") == "Private"
    doc = nlp("The wounded soldier was named as Guardsman Ola Hemstad, 24, from Tromsdal.")
    assert "Ola Hemstad" in [s.text for s in name_spans(doc, LEX)]
    assert name_form("Guardsman Ola Hemstad", LEX).words == ("ola", "hemstad")


def test_a_rank_word_does_not_shorten_an_organisations_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Shares in Major Harbour Holdings fell on Monday.")
    names = [s.text for s in name_spans(doc, LEX)]
    assert not any(n.startswith("Harbour Holdings") for n in names)


def test_an_age_in_apposition_is_skipped_for_the_role_and_makes_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kari Sundby, 34, a nurse at the Eastport clinic, was the first case."
    assert roles_of(nlp, text).get("Kari Sundby", "").startswith("nurse")
    doc = nlp(text)
    kari = next(s for s in name_spans(doc, LEX) if s.text == "Kari Sundby")
    assert any(e.kind == "person" and "34" in e.cue for e in evidence(kari, LEX))
    year = nlp("Ostrow Petroleum, 1998, was the year of the merger.")
    ostrow = next(s for s in name_spans(year, LEX) if s.text.startswith("Ostrow"))
    assert not any("1998" in e.cue for e in evidence(ostrow, LEX))  # a year is no age


def test_the_parsers_apposition_noun_is_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "Ivar Sandnes, a clerical worker at the Eastport depot, became the first case.")
    assert roles.get("Ivar Sandnes", "").startswith("clerical worker")


def test_a_participle_before_the_title_stays_in_the_role(nlp) -> None:  # type: ignore[no-untyped-def]
    roles = roles_of(nlp, "Ivar Sandnes, the embattled chairman of the Harbour Trust, said he would stay.")
    assert roles.get("Ivar Sandnes") == "embattled chairman of the Harbour Trust"


def test_a_hyphenated_apposition_noun_is_read_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("He caught it after a night out with Ivar Sandnes, a football team-mate who had travelled.")
    ivar = next(s for s in name_spans(doc, LEX) if s.text == "Ivar Sandnes")
    assert not any(e.kind == "organization" for e in evidence(ivar, LEX))  # "team-mate", not "team"


# --- a person's organisation, an organisation's description ------------------------------------

def test_a_persons_organisation_is_the_role_only_when_it_is_an_organisation_player(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Dr. Kari Sundby of the Harbour Trust told reporters the quay was unsafe. "
                     "The Harbour Trust, the port authority, closed the quay."),
        "a2": (None, "Ivar Sandnes of Norway said the quay had been unsafe for years. "
                     "The Harbour Trust said repairs would start soon. Sandnes agreed."),
    }
    cast = cast_of(nlp, story)
    assert find(cast, "Kari Sundby").role == "Harbour Trust"
    assert find(cast, "Ivar Sandnes").role is None  # "of Norway": a place, not an employer


def test_organisations_are_described_as_the_text_describes_them(nlp) -> None:  # type: ignore[no-untyped-def]
    assert descriptions_of(nlp, "Tents came from the relief charity Shelterkit on Monday.") == \
        {"Shelterkit": "the relief charity"}
    assert descriptions_of(nlp, "Analysts at mobile phone operator Telvik said the network was down.") \
        .get("Telvik") == "mobile phone operator"
    assert descriptions_of(nlp, "Orvane, the maker of Zolgix, said supplies were ready.") == \
        {"Orvane": "the maker of Zolgix"}
    assert descriptions_of(nlp, "Ostrow Petroleum, the 150-year-old oil company, said exports resumed.") == \
        {"Ostrow Petroleum": "the 150-year-old oil company"}
    assert descriptions_of(nlp, "Volunteers went with children's charity Plan Nordic today.").get(
        "Plan Nordic") == "children's charity"


def test_no_description_from_a_clause_a_plural_or_a_preposition(nlp) -> None:  # type: ignore[no-untyped-def]
    assert descriptions_of(nlp, "Orvane, the company's rival, said supplies were ready.") == {}
    assert descriptions_of(nlp, "The mortgage giants Fannor and Maclen were rescued.") == {}
    assert descriptions_of(nlp, "Groups like the Eastport Rowing Club raised money.") == {}
    # the subject of the next clause, and an office that is someone else's
    assert descriptions_of(nlp, "He flew on to Tromsdal, in Nordland, the health ministry said.") == {}
    assert descriptions_of(nlp, "Thugs stormed its office Journalists were beaten.") == {}


def test_an_organisations_role_is_its_description_with_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Supplies were flown in by the relief charity Shelterkit on Monday."),
        "a2": (None, "Shelterkit said more tents would follow. Mayor Ilse Varga thanked Shelterkit."),
    }
    charity = find(cast_of(nlp, story), "Shelterkit")
    assert charity.kind == "organization"
    assert charity.role == "the relief charity" and charity.roles[0].source.article == "a1"


def test_a_persons_role_is_never_an_organisations_description(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {"a1": (None, "Governor Tom Brennan said the strike would end. Tom Brennan, the party, "
                          "was not mentioned again. Brennan said talks would resume.")}
    assert find(cast_of(nlp, story), "Tom Brennan").role == "Governor"


# --- kinds: the model's label on a lone word ---------------------------------------------------

def _forms(*names: str) -> dict:  # type: ignore[type-arg]
    return {n: name_form(n, LEX) for n in names}


def test_a_surname_labelled_org_does_not_outvote_the_full_name_of_a_person() -> None:
    votes = {"jane roe": {"person": 3.0}, "roe": {"organization": 3.0}}
    labels = {"jane roe": {"person": 1.0}, "roe": {"organization": 3.0}}
    total = _weighed(["jane roe", "roe"], votes, labels, _forms("jane roe", "roe"))
    assert total["person"] > total["organization"]


def test_a_surname_keeps_its_cues_other_than_the_label() -> None:
    votes = {"jane roe": {"person": 1.0}, "roe": {"organization": 5.0}}
    labels = {"jane roe": {"person": 1.0}, "roe": {"organization": 1.0}}  # 4.0 from the text's cues
    assert _weighed(["jane roe", "roe"], votes, labels, _forms("jane roe", "roe"))["organization"] == 4.0


def test_a_lone_word_the_text_calls_an_organisation_is_not_a_person_by_label() -> None:
    votes = {"acme": {"person": 4.0, "organization": 2.0}}
    labels = {"acme": {"person": 4.0}}  # the model's PERSON; "the agency Acme" gives the 2.0
    total = _weighed(["acme"], votes, labels, _forms("acme"))
    assert total.get("person", 0.0) == 0.0 and total["organization"] == 2.0


@pytest.mark.parametrize("votes,labels", [
    ({"roe": {"person": 2.0}}, {"roe": {"person": 2.0}}),  # no cue at all: the label stands
    ({"roe": {"person": 4.0, "organization": 2.0}}, {"roe": {"person": 1.0}}),  # a person cue too
])
def test_a_lone_words_person_label_stands_without_a_contrary_cue(votes, labels) -> None:  # type: ignore[no-untyped-def]
    assert _weighed(["roe"], votes, labels, _forms("roe"))["person"] == votes["roe"]["person"]


def test_a_name_with_and_without_its_arabic_article_is_one_name() -> None:
    uf = UnionFind()
    keys = ["al-hamdani", "hamdani", "co-op", "op", "al-rashid", "rashid"]
    sentences = {"al-hamdani": {("a", 1, 1)}, "hamdani": {("a", 2, 1)}, "co-op": {("a", 3, 1)},
                 "op": {("a", 4, 1)}, "al-rashid": {("a", 5, 1)}, "rashid": {("a", 5, 1)}}
    _merge_articles(uf, keys, sentences)
    assert uf.find("al-hamdani") == uf.find("hamdani")
    assert uf.find("co-op") != uf.find("op")  # a hyphen, not an article
    assert uf.find("al-rashid") != uf.find("rashid")  # one sentence writes both: two names


def test_a_titled_surname_before_and_is_not_a_first_name(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {"a1": (None, "Speaker Varnholt & Harald Sandnes are planning another package. "
                          "Kari Varnholt, the speaker, said it would pass. Sandnes agreed.")}
    names = {n for p in cast_of(nlp, story).players for n in (p.name, *p.aliases)}
    assert "Varnholt Sandnes" not in names
