"""Open questions: asked, "whether", hedged, watch, disagreements, and later answers."""
from __future__ import annotations

import pickle

import pytest

from generator.extract import comparison, questions
from generator.model import Question
from tests.test_comparison import STRIKE, FakeIndex, parse_story


def ask(nlp, stories) -> tuple[Question, ...]:
    parsed = parse_story(nlp, stories)
    found = [questions.article_questions(p) for p in parsed]
    return questions.combine_questions(found, tuple(p.article for p in parsed))


def one(nlp, text: str) -> tuple[Question, ...]:
    return ask(nlp, {"q1": text + "\n"})


def test_question_the_article_asks(nlp):
    found = one(nlp, "Nobody knows yet. Will the buses run next week?")
    assert [(q.kind, q.text) for q in found] == [("asked", "Will the buses run next week?")]
    assert found[0].sources[0].quote == "Will the buses run next week?"
    assert found[0].sources[0].anchor == "p1-s2"


@pytest.mark.parametrize("text", [
    "\"Who will drive the buses?\" Reyes asked the crowd.",
    "Reyes asked, \"Who pays for this?\"",
])
def test_question_inside_a_quote_is_not_asked(nlp, text):
    assert one(nlp, text) == ()


def test_whether_clause_is_framed_as_a_question(nlp):
    found = one(nlp, "Legal experts have questioned whether the order would survive a court challenge.")
    assert [(q.kind, q.text) for q in found] == [
        ("whether", "Legal experts have questioned whether the order would survive a court challenge.")]


def test_see_if_is_a_whether(nlp):
    found = one(nlp, "The city waits to see if the fare increase can be reversed before June.")
    assert [q.text for q in found] == ["The city waits to see if the fare increase can be reversed before June."]


def test_question_noun_with_copula(nlp):
    found = one(nlp, "The contractual question is whether the council terms narrow enough for the union.")
    assert [q.kind for q in found] == ["whether"]
    assert found[0].text == "The contractual question is whether the council terms narrow enough for the union."


@pytest.mark.parametrize("text", [
    "The council will vote on Friday, whether or not the union returns to talks.",
    "If the strike continues, fares will rise in June.",
    "Even if the two sides reach a deal, the underlying dispute will remain.",
    "The mayor spoke to reporters after the vote.",
])
def test_filler_and_conditionals_are_not_questions(nlp, text):
    assert one(nlp, text) == ()


def test_hedged_statement(nlp):
    found = one(nlp, "It remains unclear when bus service will resume.")
    assert [(q.kind, q.text) for q in found] == [
        ("hedged", "It remains unclear when bus service will resume.")]


def test_what_to_watch(nlp):
    found = one(nlp, "The issues to watch now are the terms of any new contract.")
    assert [q.kind for q in found] == ["watch"]


def test_whether_before_hedged_before_asked(nlp):
    found = one(nlp, "Legal experts questioned whether the order is lawful. "
                     "It remains unclear when bus service will resume. Will the buses run on Monday?")
    # the reporter's own "whether" and hedges first; a "?" is more often a column's aside
    assert [q.kind for q in found] == ["whether", "hedged", "asked"]


def test_same_question_in_two_articles_is_merged(nlp):
    found = ask(nlp, {"q1": "It is unclear whether the buses will run next week.\n",
                      "q2": "It is unclear whether the buses will run next week.\n"})
    assert len(found) == 1
    assert [r.article for r in found[0].sources] == ["q1", "q2"]


def test_later_article_answers(nlp):
    found = ask(nlp, [
        ("q1", "2025-05-01", "It is unclear whether the council will approve the new fare plan.\n"),
        ("q2", "2025-05-10", "The council approved the new fare plan on Thursday.\n"),
    ])
    assert len(found) == 1
    assert found[0].answer is not None
    assert found[0].answer.source.article == "q2"
    assert found[0].answer.text == "The council approved the new fare plan on Thursday."


def test_same_day_article_does_not_answer(nlp):
    found = ask(nlp, [
        ("q1", "2025-05-01", "It is unclear whether the council will approve the new fare plan.\n"),
        ("q2", "2025-05-01", "The council approved the new fare plan on Thursday.\n"),
    ])
    assert found[0].answer is None


def test_disagreements_are_not_reworded_into_questions(nlp):
    parsed = parse_story(nlp, STRIKE)
    claims = [comparison.article_claims(p) for p in parsed]
    articles = tuple(p.article for p in parsed)
    compared = comparison.combine_claims(claims, articles, FakeIndex())
    found = [questions.article_questions(p) for p in parsed]
    assert pickle.loads(pickle.dumps(found)) == found
    asked = questions.combine_questions(found, articles)
    assert compared.disagreements and not [q for q in asked if q.kind == "disagreement"]


EXPLAINER = """Ferry service on the north shore has been suspended for a week.
What happened?
A fuel leak was found under the main pier on Tuesday.
Who is affected?
- About 3,000 commuters who use the morning boats.
When will the boats run again?
Nobody knows yet. The operator says repairs will take weeks.
What we still do not know
- Whether the leak reached the bay.
- Why the alarms did not sound.
- The operator has hired divers.
"""


def test_explainer_subheadings_are_not_open_questions(nlp):
    texts = [q.text for q in ask(nlp, {"e1": EXPLAINER})]
    assert "What happened?" not in texts and "Who is affected?" not in texts
    assert "When will the boats run again?" in texts  # the answer below says nobody knows


def test_items_listed_as_unknowns_are_questions(blank_nlp):
    found = {q.text: q.kind for q in ask(blank_nlp, {"e1": EXPLAINER})}
    assert found.get("Whether the leak reached the bay.") == "whether"
    assert found.get("Why the alarms did not sound.") == "asked"
    assert not any("divers" in t for t in found)


def test_a_lone_question_introduced_by_a_colon_stays(nlp):
    text = ("The ferry may run again soon, but one question will remain:\n"
            "Who should pay for the repairs?\nTL;DR\nFerries are suspended.\n")
    assert "Who should pay for the repairs?" in [q.text for q in ask(nlp, {"e2": text})]


def test_section_heading_is_not_a_watch_item_and_questions_remain_is_hedged(nlp):
    text = ("The operator was fined.\nWhat comes next\nThe board meets in July.\n"
            "Questions remain about the timing of the first warning.\n")
    found = ask(nlp, {"e3": text})
    assert [(q.kind, q.text) for q in found] == [
        ("hedged", "Questions remain about the timing of the first warning.")]
