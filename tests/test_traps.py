"""Issue 17's traps, on small invented stories: real disputes found, look-alikes not listed.

A disagreement is the same fact reported differently at the same time. A toll that rises from
one day to the next, distances to different places and counts for different days are not;
nor is a threat reported before the act. An open question is the article's own reporting: a
comment thread, a promo or a tweet that ends in "?" is not one.
"""
from __future__ import annotations

from generator.extract import questions
from tests.test_comparison import compare, parse_story


def topics(found) -> list[str]:
    return [d.topic for d in found.disagreements]


# --- disagreements: found ----------------------------------------------------------------------

def test_explicit_figure_contradiction_with_who_holds_each_version(nlp):
    found = compare(nlp, {"x1": "The Harbor City Council said the automation plan would eliminate 600 positions, "
                                "not the 900 the union has claimed.\n"})
    assert len(found.disagreements) == 1
    d = found.disagreements[0]
    assert d.topic == "positions"
    assert [(c.value, c.by) for c in d.claims] == [("600 positions", "The Harbor City Council"),
                                                   ("900", "the union")]
    assert d.claims[0].sources[0].quote.startswith("The Harbor City Council said")


def test_explicit_denial_is_a_status_dispute(nlp):
    found = compare(nlp, {"x2": "The Harbor City Council denied reports that the depot had been closed.\n"})
    assert len(found.disagreements) == 1
    d = found.disagreements[0]
    assert d.topic == "whether the depot had been closed"
    assert [(c.value, c.by) for c in d.claims] == [("the depot had been closed", "reports"),
                                                   ("denied", "The Harbor City Council")]


def test_done_against_not_done_the_same_day_is_a_status_dispute(nlp):
    found = compare(nlp, [
        ("s1", "2025-05-01", "The council formally declared the walkout an \"unlawful strike\" on Tuesday.\n"),
        ("s2", "2025-05-01", "The council has threatened to declare the walkout an \"unlawful strike.\" "
                             "So far, no final ruling has been made.\n"),
    ])
    assert [d.topic for d in found.disagreements] == ["declaration as “unlawful strike”"]


def test_one_figure_two_versions_the_same_day(nlp):
    found = compare(nlp, [
        ("f1", "2025-05-01", "The Harbor Transit Union's wage package is worth $45 million.\n"),
        ("f2", "2025-05-01", "According to the Ledger, the Harbor Transit Union's wage package is worth "
                             "$80 million.\n"),
    ])
    assert len(found.disagreements) == 1
    d = found.disagreements[0]
    assert d.topic.endswith(" of Harbor Transit Union")
    assert [(c.value, [r.article for r in c.sources]) for c in d.claims] == [("$45 million", ["f1"]),
                                                                             ("$80 million", ["f2"])]
    assert [c.by for c in d.claims] == ["", "the Ledger"]  # who gives each version, when named


# --- disagreements: not listed -----------------------------------------------------------------

def test_a_rising_toll_is_a_series_not_a_disagreement(nlp):
    days = [("t1", "2025-05-01", 40), ("t2", "2025-05-02", 95), ("t3", "2025-05-04", 180)]
    found = compare(nlp, [(i, day, f"The Harbor City Council's toll stood at {n} deaths.\n") for i, day, n in days])
    assert found.disagreements == ()
    same_day = compare(nlp, [(i, "2025-05-01", f"The Harbor City Council's toll stood at {n} deaths.\n")
                             for i, _day, n in days[:2]])
    assert len(same_day.disagreements) == 1  # the same two figures on one day do disagree


def test_distances_to_different_places_are_not_paired(nlp):
    found = compare(nlp, [
        ("d1", "2025-05-01", "Lena Ortiz said the bridge lies 18 miles from the depot.\n"),
        ("d2", "2025-05-01", "Lena Ortiz said the dam lies 90 miles from the coast.\n"),
    ])
    assert found.disagreements == ()


def test_counts_for_different_days_are_not_paired(nlp):
    found = compare(nlp, [
        ("c1", "2025-05-01", "The Harbor Transit Union's 1,200 workers walked out on Monday.\n"),
        ("c2", "2025-05-01", "The Harbor Transit Union's 3,000 workers walked out on Tuesday.\n"),
    ])
    assert found.disagreements == ()


def test_a_threat_then_the_act_is_the_story_moving_on(nlp):
    found = compare(nlp, [
        ("p1", "2025-05-01", "The council has threatened to declare the walkout an \"unlawful strike.\"\n"),
        ("p2", "2025-05-03", "The council formally declared the walkout an \"unlawful strike\" on Friday.\n"),
    ])
    assert found.disagreements == ()


def test_a_comparison_of_two_things_is_not_a_contradiction(nlp):
    found = compare(nlp, {"k1": "Harbor City has 400,000 residents, as opposed to 75,000 in Redwood.\n"})
    assert found.disagreements == ()


# --- questions ---------------------------------------------------------------------------------

FARES = [
    ("q1", "2025-05-01",
     "The Harbor City Council met on Monday to discuss the fare plan.\n"
     "It is unclear whether the council will approve the new fare plan.\n"
     "Are you in an affected area? Share your story with us.\n"
     "The pun - ancient artform, or the lowest form of wit?\n"
     "7:01 pm ET RETWEET Will the council approve the fare plan on Monday?\n"
     "Comments\n"
     "I wonder whether the council even reads these comments about the fare plan?\n"
     "Why should we pay more for the council's fare plan?\n"),
    ("q2", "2025-05-03",
     "Whether the council will approve the new fare plan remains unclear, union leaders said.\n"),
    ("q3", "2025-05-10",
     "The council approved the new fare plan on Thursday.\n"),
]


def test_story_questions_quoted_merged_and_answered_comments_and_promos_not_listed(nlp):
    parsed = parse_story(nlp, FARES)
    found = questions.combine_questions([questions.article_questions(p) for p in parsed],
                                        tuple(p.article for p in parsed))
    assert [q.text for q in found] == ["It is unclear whether the council will approve the new fare plan."]
    q = found[0]
    assert [r.article for r in q.sources] == ["q1", "q2"]  # one entry for the question in two articles
    assert q.answer is not None and q.answer.source.article == "q3"
    assert q.answer.text == "The council approved the new fare plan on Thursday."


def test_a_question_about_another_story_is_not_listed(nlp):
    stories = [(f"a{i}", "2025-05-01", "The Harbor City Council debated the fare plan.\n"
                "It is unclear whether the fare plan will pass.\n") for i in range(4)]
    stories.append(("a9", "2025-05-01", "It is unclear whether the galaxy formed early.\n"))
    parsed = parse_story(nlp, stories)
    found = questions.combine_questions([questions.article_questions(p) for p in parsed],
                                        tuple(p.article for p in parsed))
    assert [q.text for q in found] == ["It is unclear whether the fare plan will pass."]


def test_a_question_about_another_place_is_not_listed(nlp):
    stories = [(f"l{i}", "2025-05-01", "Bus drivers in Lisbon went on strike over the fare plan.\n"
                "It is unclear whether the strike in Lisbon will end this week.\n") for i in range(4)]
    stories.append(("l9", "2025-05-01", "Drivers also went on strike in Oslo.\n"
                    "It is unclear whether the strike in Oslo will spread.\n"))
    parsed = parse_story(nlp, stories)
    found = questions.combine_questions([questions.article_questions(p) for p in parsed],
                                        tuple(p.article for p in parsed))
    assert [q.text for q in found] == ["It is unclear whether the strike in Lisbon will end this week."]
