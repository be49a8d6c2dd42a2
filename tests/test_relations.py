"""Relations between players: who negotiates with, criticises, opposes or partners with whom."""
from __future__ import annotations

import pytest

from tests.test_comparison import compare


def links(nlp, text: str) -> list[tuple[str, str, str]]:
    compared = compare(nlp, {"r1": text + "\n"})
    return [(r.subject, r.verb, r.object) for r in compared.relations]


@pytest.mark.parametrize("text, expected", [
    ("Lena Ortiz is negotiating with the Harbor Transit Union this week.",
     ("ortiz", "negotiates with", "union")),
    ("Union leader Sam Reyes criticized Lena Ortiz on Monday.", ("reyes", "criticises", "ortiz")),
    ("Lena Ortiz was criticized by Sam Reyes on Monday.", ("reyes", "criticises", "ortiz")),
    ("The Harbor City Council resumed talks with the Harbor Transit Union.",
     ("council", "negotiates with", "union")),
    ("Greenfield Bank signed a partnership with Redwood Bank.", ("greenfield", "partners with", "redwood")),
])
def test_relation_found(nlp, text, expected):
    assert expected in links(nlp, text)


@pytest.mark.parametrize("text", [
    "Lena Ortiz met reporters after the vote.",  # no second player
    "Lena Ortiz and Sam Reyes attended the hearing.",  # no linking verb
])
def test_no_relation(nlp, text):
    assert links(nlp, text) == []


def test_same_link_in_two_sentences_is_merged(nlp):
    compared = compare(nlp, {
        "r1": "Lena Ortiz is negotiating with the Harbor Transit Union.\n",
        "r2": "Ortiz negotiated with the Harbor Transit Union again on Friday.\n",
    })
    wanted = ("ortiz", "negotiates with", "union")
    found = [r for r in compared.relations if (r.subject, r.verb, r.object) == wanted]
    assert len(found) == 1
    assert [s.article for s in found[0].sources] == ["r1", "r2"]
