"""Comparison: disagreements, agreements, positions and tables, on small invented stories."""
from __future__ import annotations

import pickle
import re
from collections.abc import Sequence

import pytest

from generator.corpus import split_blocks
from generator.extract import comparison
from generator.model import Article, PartialDate, SourceRef
from generator.nlp import ParsedArticle, parse

# An invented story: a city council and a transit union in a strike.
PLAYERS = {
    "council": ("Harbor City Council", ("City Council", "the council")),
    "union": ("Harbor Transit Union", ("Transit Union",)),
    "ortiz": ("Lena Ortiz", ("Ortiz",)),
    "reyes": ("Sam Reyes", ("Reyes",)),
    "greenfield": ("Greenfield Bank", ()),
    "redwood": ("Redwood Bank", ()),
}


class FakeIndex:
    """The players index, faked: a fixed list of names matched in the sentence text."""

    def __init__(self, players: dict[str, tuple[str, tuple[str, ...]]] = PLAYERS) -> None:
        self.players = players

    def _forms(self, pid: str) -> list[str]:
        name, aliases = self.players[pid]
        return [name, *aliases]

    def resolve(self, name: str) -> str | None:
        low = re.sub(r"'s$|’s$", "", name.strip()).lower()
        for pid in sorted(self.players):
            if any(low == f.lower() or low == re.sub(r"^the ", "", f.lower()) for f in self._forms(pid)):
                return pid
        return None

    def in_sentence(self, ref: SourceRef) -> tuple[str, ...]:
        hits = []
        for pid in sorted(self.players):
            spots = [m.start() for f in self._forms(pid)
                     for m in re.finditer(rf"\b{re.escape(f)}\b", ref.quote)]
            if spots:
                hits.append((min(spots), pid))
        return tuple(pid for _pos, pid in sorted(hits))

    def name(self, player_id: str) -> str:
        return self.players[player_id][0]


def make_article(article_id: str, body: str, published: str | None = "2025-05-01") -> Article:
    """An article from its body text, as the corpus stage would read it."""
    return Article(
        id=article_id, path=f"corpus/articles/{article_id}.md", title=article_id, outlet=None, url=None,
        published=PartialDate.parse(published) if published else None, author=None, language="en",
        inferred=(), paragraphs=tuple(split_blocks(body.splitlines(), 1)), body_line=1, sha256=article_id)


def parse_story(nlp, stories: dict[str, str] | Sequence[tuple[str, str, str]]) -> list[ParsedArticle]:
    """Parse invented articles: {id: body}, or (id, published, body) triples."""
    items = [(k, "2025-05-01", v) for k, v in stories.items()] if isinstance(stories, dict) else stories
    return parse([make_article(i, body, date) for i, date, body in items], nlp)


def compare(nlp, stories, index: FakeIndex | None = None) -> comparison.Compared:
    parsed = parse_story(nlp, stories)
    claims = [comparison.article_claims(p) for p in parsed]
    return comparison.combine_claims(claims, tuple(p.article for p in parsed), index or FakeIndex())


STRIKE = [
    ("a1", "2025-05-01",
     "The Harbor City Council formally declared the walkout an \"unlawful strike\" on Tuesday.\n"
     "Mayor Lena Ortiz said the Harbor Transit Union's $45 million wage package was unaffordable.\n"
     "Union leader Sam Reyes called Ortiz a \"bully\" with \"no plan\" for the buses.\n"),
    ("a2", "2025-05-01",
     "Council members have threatened to declare the walkout an \"unlawful strike.\"\n"
     "So far, no final ruling has been made.\n"
     "The Harbor Transit Union is seeking a wage package of roughly $80 million.\n"),
    ("a3", "2025-05-03",
     "Sam Reyes accused Lena Ortiz of being a \"bully\" during the talks.\n"
     "Ortiz is negotiating with the Harbor Transit Union this week.\n"),
]


@pytest.fixture(scope="module")
def strike(nlp) -> comparison.Compared:
    return compare(nlp, STRIKE)


def test_article_claims_are_picklable(nlp):
    parsed = parse_story(nlp, STRIKE)
    claims = comparison.article_claims(parsed[0])
    assert pickle.loads(pickle.dumps(claims)) == claims


def test_figure_disagreement_between_sources(strike):
    figures = [d for d in strike.disagreements if "Harbor Transit Union" in d.topic]
    assert len(figures) == 1
    values = sorted(c.value for c in figures[0].claims)
    assert values == ["$45 million", "roughly $80 million"]
    assert {c.sources[0].article for c in figures[0].claims} == {"a1", "a2"}


def test_status_done_against_threatened(strike):
    status = [d for d in strike.disagreements if "unlawful strike" in d.topic]
    assert len(status) == 1
    done, not_done = status[0].claims
    assert done.value == "formally declared"
    assert [r.article for r in done.sources] == ["a1"]
    assert "threatened to declare" in not_done.value
    assert "no final ruling has been made" in not_done.value
    assert {r.article for r in not_done.sources} == {"a2"}


def test_who_said_what(strike):
    words = [d for d in strike.disagreements if "bully" in d.topic]
    assert len(words) == 1
    values = {c.value for c in words[0].claims}
    assert "called Ortiz a \"bully\" with \"no plan\"" in values
    assert any(v.startswith("accused Lena Ortiz") for v in values)


def test_disagreements_have_two_values_and_verbatim_sources(strike):
    assert strike.disagreements
    for d in strike.disagreements:
        assert len({c.value for c in d.claims}) >= 2
        for c in d.claims:
            assert all(r.quote and r.sentence >= 1 for r in c.sources)


def test_different_subjects_do_not_disagree(nlp):
    compared = compare(nlp, {
        "b1": "Greenfield Bank was valued at $2 billion last year.\n",
        "b2": "Redwood Bank was valued at $5 billion in March.\n",
    })
    assert compared.disagreements == ()


def test_same_figure_is_an_agreement(nlp):
    compared = compare(nlp, {
        "c1": "Greenfield Bank was valued at $2 billion last year.\n",
        "c2": "Analysts said Greenfield Bank was valued at about $2 billion.\n",
        "c3": "Greenfield Bank opened a branch.\n",
    })
    assert compared.disagreements == ()
    assert len(compared.agreements) == 1
    agreement = compared.agreements[0]
    assert "Greenfield Bank" in agreement.topic
    assert {r.article for r in agreement.sources} == {"c1", "c2"}


def test_one_article_changing_its_account_is_not_a_disagreement(nlp):
    compared = compare(nlp, {
        "d1": "The council threatened to declare the walkout an \"unlawful strike.\" "
              "On Friday it formally declared the walkout an \"unlawful strike.\"\n",
    })
    assert compared.disagreements == ()


def test_hypothetical_status_is_not_a_claim(nlp):
    compared = compare(nlp, {
        "e1": "The council formally declared the walkout an \"unlawful strike.\"\n",
        "e2": "Being declared an \"unlawful strike\" could cost the union dearly.\n",
    })
    assert compared.disagreements == ()


def test_tables_are_kept_with_their_block(blank_nlp):
    body = ("Where the two sides stand:\n"
            "| Side | Demand |\n|---|---|\n| Union | 6% raise |\n| Council | 2% raise |\n")
    compared = compare(blank_nlp, {"t1": body})
    assert len(compared.tables) == 1
    table = compared.tables[0]
    assert table.table.header == ("Side", "Demand")
    assert table.table.rows == (("Union", "6% raise"), ("Council", "2% raise"))
    assert table.source.sentence == 0 and table.source.anchor == "p2"
    assert table.id == "t1-p2"


def test_positions_grouped_by_issue(nlp):
    compared = compare(nlp, {
        "f1": "The Harbor Transit Union demands a pay raise for drivers.\n",
        "f2": "Lena Ortiz rejects any pay raise before the budget vote.\n",
    })
    assert [i.id for i in compared.issues] == ["pay-raise"]
    assert compared.issues[0].name == "Pay raise"
    by_party = {p.party: p for p in compared.positions}
    assert set(by_party) == {"union", "ortiz"}
    assert by_party["union"].text == "The Harbor Transit Union demands a pay raise for drivers."
    assert by_party["ortiz"].text in "Lena Ortiz rejects any pay raise before the budget vote."
    assert all(p.issue == "pay-raise" for p in compared.positions)


def test_a_stance_of_one_party_alone_is_not_a_disputed_issue(nlp):
    # no column with one party in it, and no party row of "not stated" cells
    compared = compare(nlp, {"g1": "The Harbor Transit Union demands a pay raise for drivers.\n"})
    assert compared.issues == () and compared.positions == ()


def test_a_stance_needs_a_named_party(nlp):
    compared = compare(nlp, {"g2": "They demand a pay raise for drivers.\n"})
    assert compared.positions == ()


def test_output_is_deterministic(nlp):
    first = compare(nlp, STRIKE)
    second = compare(nlp, list(reversed(STRIKE)))
    assert first == second


def test_status_without_what_it_applies_to_is_not_compared(nlp):
    found = compare(nlp, {
        "s1": "The council approved in March. The harbour plan that the board approved was modest.\n",
        "s2": "Regulators approved late on Friday. The ferry budget cut approved in May hit drivers.\n",
    })
    topics = [a.topic for a in found.agreements] + [d.topic for d in found.disagreements]
    assert not any(t.strip() in ("approval", "approved") for t in topics), topics
    parsed = parse_story(nlp, {"s3": "The ferry budget cut approved in May hit drivers.\n"})
    statuses = comparison.article_claims(parsed[0]).statuses
    assert [s.key for s in statuses] == ["approval cut"]
