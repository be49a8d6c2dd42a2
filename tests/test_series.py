"""Figures over time: counts the coverage updates, on small invented stories."""
from __future__ import annotations

import pickle

from generator.extract import comparison, series
from generator.extract.series.counts import counts_in
from generator.model import Briefing, Story
from generator.render import render_pages

from .test_comparison import parse_story


def counts_of(nlp, stories):
    return [series.article_counts(p) for p in parse_story(nlp, stories)]


RISING = [
    ("n1", "2025-03-02", "Officials said at least 40 people have died in Northland since the flood.\n"),
    ("n2", "2025-03-04", "The death toll in Northland rose to 95, the ministry said.\n"),
    ("n3", "2025-03-07", "At least 160 people have been killed in Northland, rescuers said.\n"),
]


def test_rising_toll_across_three_articles_is_a_series(nlp):
    found = series.combine_series(counts_of(nlp, RISING))
    assert len(found) == 1
    s = found[0]
    assert (s.measure, s.place) == ("deaths", "Northland")
    assert [p.date.iso() for p in s.points] == ["2025-03-02", "2025-03-04", "2025-03-07"]
    assert [(p.low, p.high) for p in s.points] == [(40, 40), (95, 95), (160, 160)]
    assert [p.sources[0].article for p in s.points] == ["n1", "n2", "n3"]
    assert s.points[1].sources[0].quote == "The death toll in Northland rose to 95, the ministry said."


def test_article_counts_are_picklable(nlp):
    counts = counts_of(nlp, RISING[:1])[0]
    assert counts.counts and pickle.loads(pickle.dumps(counts)) == counts


def test_two_articles_are_not_enough_for_a_series(nlp):
    assert series.combine_series(counts_of(nlp, RISING[:2])) == ()


def test_same_day_rivals_stay_a_disagreement(nlp):
    stories = [*RISING, ("n4", "2025-03-07", "Some 90 people have died in Northland, local officials said.\n")]
    found = series.combine_series(counts_of(nlp, stories))
    assert len(found) == 1
    last_day = [p for p in found[0].points if p.date.iso() == "2025-03-07"]
    assert sorted(p.low for p in last_day) == [90, 160]  # both versions of that day are shown
    updates = series.updates(found)
    articles = {ref.article for ref, _lo, _hi in updates}
    assert articles == {"n1", "n2"}  # the day with two versions is not an update


def test_two_outlets_on_one_day_are_no_series(nlp):
    stories = [("a", "2025-03-02", "At least 40 people have died in Northland.\n"),
               ("b", "2025-03-02", "At least 70 people have died in Northland.\n"),
               ("c", "2025-03-02", "Some 55 people have died in Northland.\n")]
    assert series.combine_series(counts_of(nlp, stories)) == ()


def test_places_are_separate_series(nlp):
    stories = [*RISING,
               ("s1", "2025-03-02", "In Southland, 300 people have died.\n"),
               ("s2", "2025-03-05", "In Southland, 20 people have died, the agency said.\n")]
    found = series.combine_series(counts_of(nlp, stories))
    assert [(s.measure, s.place) for s in found] == [("deaths", "Northland")]


def test_falling_or_jumping_figures_are_no_series(nlp):
    stories = [("j1", "2025-03-02", "The crash killed 12 people.\n"),
               ("j2", "2025-03-03", "The war has killed 40,000 people.\n"),
               ("j3", "2025-03-20", "The famine killed 3 million people.\n")]
    assert series.combine_series(counts_of(nlp, stories)) == ()


def _counts(nlp, text, published="2025-03-02"):
    parsed = parse_story(nlp, [("x", published, text)])[0]
    return [c for ref, sent in comparison.claims.sentences(parsed)
            for c in counts_in(ref, sent, parsed.article.published)]


def test_a_year_or_an_amount_is_not_a_count(nlp):
    found = _counts(nlp, "In 2024 the fund paid $20 million and 5 million euros to 300 families.\n")
    assert [(c.measure, c.low) for c in found] == [("families", 300)]


def test_measures_told_in_other_words_line_up(nlp):
    found = _counts(nlp, "The flood caused 12 deaths. It killed 30 people in the valley. The death toll rose to 50.\n")
    assert [(c.measure, c.low) for c in found] == [("deaths", 12), ("deaths", 30), ("deaths", 50)]


def test_increments_rates_and_forecasts_are_not_the_running_count(nlp):
    found = _counts(nlp, "Officials reported a further 29 cases. The plant leaks 900 barrels a day. "
                         "The toll could rise to 500.\n")
    assert [(c.measure, c.low) for c in found] == [("barrels a day", 900)]


def test_denied_or_asked_figures_are_not_counts(nlp):
    assert _counts(nlp, "Officials denied reports that the man had infected 20 people.\n") == []
    assert _counts(nlp, "Were 600 pupils infected?\n") == []


def test_a_stated_reporting_day_dates_the_count(nlp):
    found = _counts(nlp, "On Friday officials said 45 people had died.\n", published="2025-03-09")
    assert [(c.low, c.date.iso(), c.date.how) for c in found] == [(45, "2025-03-07", "resolved")]


def test_a_day_of_another_clause_does_not_date_the_count(nlp):
    found = _counts(nlp, "Ministers meet on Friday to discuss the flood, which has killed 45 people.\n",
                    published="2025-03-09")
    assert [(c.low, c.date.iso(), c.date.how) for c in found] == [(45, "2025-03-09", "inferred")]


def test_history_is_not_a_current_count(nlp):
    found = _counts(nlp, "In 1998 a similar flood killed 400 people.\n")
    assert all(c.history for c in found)


def test_series_is_rendered_on_the_timeline_with_citations(nlp):
    parsed = parse_story(nlp, RISING)
    found = series.combine_series([series.article_counts(p) for p in parsed])
    b = Briefing(story=Story("A flood", "Invented."), as_of=None,
                 articles=tuple(p.article for p in parsed), series=found)
    page = render_pages(b)["timeline.md"]
    assert "## Figures over time" in page
    table = page[page.index("## Figures over time"):]
    rows = table.split("<tr markdown>")[1:]
    assert len(rows) == 3 and "[n1#p1-s1]" in rows[0] and "[n3#" in rows[2]
    assert "sources/n1.md#p1-s1" in table
