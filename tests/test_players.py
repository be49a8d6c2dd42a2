"""Key players on two invented stories (a transit strike, a drug recall) and small invented texts,
with the real pipeline: merging, kinds, roles, ranking, outlets kept out, and the index."""
from __future__ import annotations

import pickle

import pytest

from generator.config import Corrections
from generator.corpus import split_blocks
from generator.extract.lexicon import load_lexicon
from generator.extract.players import Cast, article_mentions, combine_players
from generator.model import Article, Player
from generator.nlp import parse

STRIKE = {
    "a1": ("Metro Ledger", """Mayor Linda Okafor said on Monday that the city would not reopen talks with the Transit Workers Union (TWU) until the strike ends. "We will not negotiate with a gun to our head," Okafor said.

The union's president, Ray Delgado, called the offer "an insult to every driver." According to the Riverside Gazette, Delgado met city officials on Sunday.

The Metropolitan Transit Authority, the agency that runs the buses, said service would stay suspended. MTA spokesperson Jenna Park said the agency was "working around the clock."

Governor Tom Brennan urged both sides to return to the table."""),
    "a2": (None, """Transit Workers Union leader Ray Delgado rejected the city's latest offer on Tuesday. The TWU wants a six percent raise for drivers.

Linda Okafor, the mayor of Riverside, insisted the budget could not stretch further. She said: "The money is simply not there."

In an interview with Reuters, Delgado said the strike would continue. The Metropolitan Transit Authority warned of further delays.

Some drivers described the offer as a "slap in the face" on social media."""),
}

RECALL = {
    "b1": (None, """Helix Pharma recalled its blood pressure drug Corvala on Friday after the Food and Drug Administration (FDA) found impurities in several batches. Helix Pharma CEO Martin Grau said the company had acted "out of an abundance of caution."

The FDA's commissioner, Anne Whitlock, said the agency would review the company's other products. Grau said the recall would cost Helix Pharma about $40 million.

Helix Pharma was founded in 2009 by Martin and Elena Grau. Patient advocate Samir Gadhafi called the recall "far too slow.\""""),
    "b2": ("Pharma Daily", """Elena Grau, the chief scientist of Helix Pharma, defended the safety record of Corvala on Saturday. Grau said the impurity levels were tiny and that no patient had been harmed.

The Food and Drug Administration said its inspectors would visit the company's plant in Ohio next week. Whitlock declined to comment.

Samir Qaddafi, who leads the group Patients First, said the company should pay for replacement prescriptions."""),
}


def make_article(article_id: str, outlet: str | None, body: str) -> Article:
    return Article(id=article_id, path=f"corpus/articles/{article_id}.md", title=article_id, outlet=outlet,
                   url=None, published=None, author=None, language="en", inferred=(),
                   paragraphs=tuple(split_blocks(body.splitlines(), 1)), body_line=1, sha256=article_id)


def cast_of(nlp, story: dict[str, tuple[str | None, str]], corrections: Corrections = Corrections()) -> Cast:
    """Parse an invented story and run both steps of the players stage."""
    articles = [make_article(aid, outlet, body) for aid, (outlet, body) in sorted(story.items())]
    parsed = parse(articles, nlp)
    lexicon = load_lexicon(corrections)
    mentions = [article_mentions(p, lexicon) for p in parsed]
    return combine_players(mentions, tuple(p.article for p in parsed), lexicon, corrections)


def find(cast: Cast, name: str) -> Player:
    """The player called `name` or having it as an alias; fails if there is none or two."""
    low = name.lower()
    hits = [p for p in cast.players if p.name.lower() == low or low in (a.lower() for a in p.aliases)]
    assert len(hits) == 1, f"{name}: {[p.name for p in hits]} in {[p.name for p in cast.players]}"
    return hits[0]


@pytest.fixture(scope="module")
def strike(nlp) -> Cast:
    return cast_of(nlp, STRIKE)


@pytest.fixture(scope="module")
def recall(nlp) -> Cast:
    return cast_of(nlp, RECALL)


def test_strike_players_and_kinds(strike: Cast) -> None:
    expected = {"Linda Okafor": "person", "Ray Delgado": "person", "Jenna Park": "person",
                "Tom Brennan": "person", "Transit Workers Union": "organization",
                "Metropolitan Transit Authority": "organization"}
    for name, kind in expected.items():
        assert find(strike, name).kind == kind, name


def test_acronyms_defined_or_known_merge(strike: Cast) -> None:
    assert find(strike, "TWU").name == "Transit Workers Union"
    assert find(strike, "MTA").name == "Metropolitan Transit Authority"


def test_surname_merges_into_full_name(strike: Cast) -> None:
    okafor = find(strike, "Okafor")
    assert okafor.name == "Linda Okafor"
    assert okafor.articles == ("a1", "a2")


def test_outlets_are_sources_not_players(strike: Cast) -> None:
    names = {n.lower() for p in strike.players for n in (p.name, *p.aliases)}
    assert not names & {"reuters", "riverside gazette", "metro ledger"}
    assert {"Reuters", "Riverside Gazette"} <= {o.name for o in strike.outlets}


def test_roles_as_written(strike: Cast) -> None:
    assert "mayor" in (find(strike, "Linda Okafor").role or "").lower()
    assert "president" in (find(strike, "Ray Delgado").role or "").lower() or \
        "leader" in (find(strike, "Ray Delgado").role or "").lower()
    assert "spokesperson" in (find(strike, "Jenna Park").role or "").lower()
    assert "governor" in (find(strike, "Tom Brennan").role or "").lower()
    # an organisation's role is the description the text gives it, never a person's title
    assert all(r.text.split()[0] in ("the", "a", "an") for p in strike.players if p.kind == "organization"
               for r in p.roles)
    assert find(strike, "Metropolitan Transit Authority").role == "the agency"


def test_quotes_attributed_and_scare_quotes_not(strike: Cast) -> None:
    okafor = find(strike, "Linda Okafor")
    texts = {q.text for q in okafor.quotes}
    assert "We will not negotiate with a gun to our head" in texts
    assert "The money is simply not there." in texts  # "She said:" resolved to Okafor
    assert any(q.text == "an insult to every driver." for q in find(strike, "Ray Delgado").quotes)
    every = {q.text for p in strike.players for q in p.quotes}
    assert not any("slap in the face" in t for t in every)
    for p in strike.players:
        for q in p.quotes:
            assert q.text in q.source.quote and q.speaker == p.id


def test_ranked_and_stable_ids(strike: Cast) -> None:
    scores = [p.score for p in strike.players]
    assert scores == sorted(scores, reverse=True)
    assert find(strike, "Linda Okafor").id == "linda-okafor"
    assert len({p.id for p in strike.players}) == len(strike.players)


def test_two_people_one_surname(recall: Cast) -> None:
    martin, elena = find(recall, "Martin Grau"), find(recall, "Elena Grau")
    assert martin.id != elena.id
    # bare "Grau" goes to the Grau each article names most
    assert set(martin.articles) == {"b1"} and "b2" in elena.articles
    assert any("founder" in r.text for r in elena.roles)
    assert "ceo" in (martin.role or "").lower() and "helix" in (martin.role or "").lower()


def test_spelling_variants_merge(recall: Cast) -> None:
    assert find(recall, "Samir Gadhafi").id == find(recall, "Samir Qaddafi").id


def test_known_synonyms_and_products(recall: Cast) -> None:
    fda = find(recall, "FDA")
    assert fda.kind == "organization" and find(recall, "Food and Drug Administration") is fda
    assert find(recall, "Helix Pharma").kind == "organization"
    assert not any(p.name == "Corvala" for p in recall.players)
    assert not any(p.name in ("Pharma Daily", "Ohio") for p in recall.players)


def test_index_answers(recall: Cast) -> None:
    fda = find(recall, "FDA")
    assert recall.index.resolve("Food and Drug Administration") == fda.id
    assert recall.index.resolve("the FDA") == fda.id
    assert recall.index.name(fda.id) == fda.name
    ref = next(r for r in fda.sources if r.article == "b1")
    assert fda.id in recall.index.in_sentence(ref)
    assert recall.index.resolve("Nobody Known") is None


def test_mentions_are_picklable_plain_data(nlp) -> None:
    article = make_article("x", None, STRIKE["a1"][1])
    mentions = article_mentions(parse([article], nlp)[0], load_lexicon(Corrections()))
    assert pickle.loads(pickle.dumps(mentions)) == mentions


def test_deterministic(nlp) -> None:
    first = cast_of(nlp, RECALL)
    again = cast_of(nlp, RECALL)
    assert first.players == again.players and first.outlets == again.outlets


HARBOUR = {
    "h1": (None, """Mayor Ines Vold said the Oslovik Ferry Company would pay for the repairs. Oslovik said it was "reviewing all options".

Ines Vold has asked the Northshore Port Authority for help. On Monday Dag Reiten, the retired teacher who founded the Ferry Riders Group, called the delay "shameful".

Nina Berg, president of Local 7 of the United Dock Workers Union, said her members were ready to help. St. Olav's Hospital treated two crew members.

The Elmwood, Bayside and Kirk Hill neighbourhoods have no ferry service."""),
    "h2": (None, """Mayor Ines Vold met the Northshore Port Authority on Friday. Erik Solheim, the chief executive of the Northshore Port Authority, said the pier would reopen in July.

Dag Reiten, a retired schoolteacher, led a march to the pier. Staff at St. Olav's Hospital said the crew were recovering."""),
}


@pytest.fixture(scope="module")
def harbour(nlp) -> Cast:
    return cast_of(nlp, HARBOUR)


def test_title_inside_an_entity_is_not_part_of_the_name(harbour: Cast) -> None:
    vold = find(harbour, "Ines Vold")
    assert vold.kind == "person" and not any(p.name.startswith("Mayor") for p in harbour.players)


def test_company_named_without_its_designator_is_one_player(harbour: Cast) -> None:
    ferry = find(harbour, "Oslovik Ferry Company")
    assert "Oslovik" in (ferry.name, *ferry.aliases)


def test_appositive_occupation_makes_a_person(harbour: Cast) -> None:
    assert find(harbour, "Dag Reiten").kind == "person"


def test_roles_keep_numbered_units_and_the_article(harbour: Cast) -> None:
    assert find(harbour, "Nina Berg").role == "president of Local 7 of the United Dock Workers Union"
    assert find(harbour, "Erik Solheim").role == "chief executive of the Northshore Port Authority"
    assert not any(p.name == "Local 7" and p.role for p in harbour.players)


def test_possessive_institution_name_is_kept_whole(harbour: Cast) -> None:
    assert find(harbour, "St. Olav's Hospital").kind == "organization"
    assert not any(p.name == "St. Olav" for p in harbour.players)


def test_names_before_a_place_noun_are_places(harbour: Cast) -> None:
    assert not any(p.name in ("Kirk Hill", "Elmwood", "Bayside") for p in harbour.players)


def test_organisation_role_is_the_description_the_text_gives(nlp) -> None:  # type: ignore[no-untyped-def]
    story = {
        "a1": (None, "Ostrow Petroleum, the state oil company, said exports would resume on Monday."),
        "a2": (None, "Ostrow Petroleum raised prices on Tuesday, and Mayor Ilse Varga objected."),
    }
    cast = cast_of(nlp, story)
    ostrow = next(p for p in cast.players if p.name == "Ostrow Petroleum")
    assert ostrow.role == "the state oil company"
    assert ostrow.roles[0].source.article == "a1"
    assert next(p for p in cast.players if p.name == "Ilse Varga").role == "Mayor"


def test_names_in_a_sentence_found_as_the_names_pattern_finds_them() -> None:
    """Index.in_sentence looks names up by their first word instead of running one alternation
    of every name over the text: the same names, in the same order, longest first, never inside
    a longer word."""
    import re

    from generator.extract.players.combine import _first_token, _names_in

    forms = sorted({"Jane Roe", "Roe", "Harbour Trust", "Harbour Trust Board", "U.S. Navy", "Navy",
                    "(Acme) Ltd", "Ann", "O'Neill"}, key=lambda n: (-len(n), n))
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in forms) + r")(?!\w)")
    by_first: dict[str, list[str]] = {}
    for form in forms:
        by_first.setdefault(_first_token(form), []).append(form)
    index = {k: tuple(v) for k, v in by_first.items()}
    texts = ["Jane Roe told the Harbour Trust Board that Roe would stay.",
             "Roeland and Annika met the Harbour Trustees; Ann did not.",  # inside longer words: none
             "The U.S. Navy and the Navy's (Acme) Ltd, said O'Neill.", "x(Acme) Ltd", "Ann", ""]
    for text in texts:
        assert _names_in(text, index) == [m.group(0) for m in pattern.finditer(text)], text
    assert _names_in(texts[1], index) == ["Ann"]
    assert _names_in(texts[0], index) == ["Jane Roe", "Harbour Trust Board", "Roe"]
