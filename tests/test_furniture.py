"""Page furniture: share prompts, time stamps, credits, promos and reader comments are marked,
shown apart and kept out of extraction; real reporting that looks a little like them is not."""
from __future__ import annotations

from pathlib import Path

from generator import build as build_mod
from generator import corpus
from generator.config import Project


def marks(body: str) -> list[tuple[str, str]]:
    return [(p.furniture, p.text) for p in corpus.split_blocks(body.split("\n"), 1)]


REPORT = ("The ferry ran aground on Saturday night, the coastguard said.\n"
          "All 212 passengers were taken off by lifeboat before dawn.\n"
          "Salvage crews hope to refloat the vessel on Tuesday.\n"
          "The operator said it would pay for the passengers' hotels.\n")


def test_share_prompts_stamps_and_related_lists() -> None:
    body = ("Updated 09:14 CET | Share this article\n" + REPORT +
            "Follow us on X for the latest updates.\nRelated: Ferry operator fined in 2019\n")
    found = marks(body)
    assert found[0][0] == "social" or found[0][0] == "timestamp"
    assert [k for k, _ in found[1:5]] == ["", "", "", ""]
    assert [k for k, _ in found[5:]] == ["social", "related"]


def test_a_stamp_glued_to_the_first_paragraph_is_split_off() -> None:
    found = marks("Page last updated at 08:14 GMT, Tuesday, 8 November 2011 The ferry ran aground.\n")
    assert found == [("timestamp", "Page last updated at 08:14 GMT, Tuesday, 8 November 2011"),
                     ("", "The ferry ran aground.")]


def test_a_credit_glued_to_the_first_paragraph_is_split_off() -> None:
    found = marks("Photograph: Jan Roe/AP The ferry ran aground on a reef late on Saturday.\n")
    assert found == [("credit", "Photograph: Jan Roe/AP"), ("", "The ferry ran aground on a reef late on Saturday.")]


def test_promo_asking_readers_is_furniture_but_a_reported_question_is_not() -> None:
    found = marks(REPORT + "Are you in an affected area? Send us your pictures and experiences.\n"
                  "Will the operator lose its licence?\n")
    assert found[-2][0] == "promo"
    assert found[-1] == ("", "Will the operator lose its licence?")


def test_reader_comments_above_the_comment_rules_and_end_matter_below() -> None:
    body = (REPORT + "The inquiry opens next month.\n"
            "i told you these ferries are a disaster waiting to happen!!\n"
            "Who pays for all this? We do.\n"
            "My cousin was on board and says the crew were great.\n"
            "Comments are not pre-screened before they post.\n"
            "Reporter Ola Nordmann covers shipping.\n")
    found = marks(body)
    assert [k for k, _ in found[:5]] == [""] * 5  # the reporting, the last line included
    assert [k for k, _ in found[5:8]] == ["comment"] * 3
    assert found[8][0] == "comment_policy" and found[9][0] == "end"


def test_a_comment_thread_opened_by_its_heading() -> None:
    found = marks(REPORT + "Comments (3)\nyou people will believe anything\nI sailed on her last year!\n"
                  "Reply | Report\n")
    assert [k for k, _ in found[:4]] == [""] * 4
    assert [k for k, _ in found[4:]] == ["comments_start", "comment", "comment", "comment_mark"]


def test_a_comment_count_at_the_top_does_not_swallow_the_article() -> None:
    found = marks("Comments (3)\n" + REPORT)
    assert found[0][0] == "comments_start" and [k for k, _ in found[1:]] == [""] * 4


def test_quotes_with_i_and_you_in_the_reporting_are_not_comments() -> None:
    body = (REPORT + '"I thought we would all drown," said Kari Dahl, a passenger.\n'
            '"You could hear the hull scrape," she told reporters.\n'
            "Views expressed in the comments do not represent those of the publisher.\n")
    found = marks(body)
    assert [k for k, _ in found[:6]] == [""] * 6


def test_a_real_one_line_paragraph_is_kept() -> None:
    assert marks(REPORT + "Nobody was hurt.\n")[-1] == ("", "Nobody was hurt.")


def test_furniture_feeds_no_extractor_and_shows_set_apart(project_factory) -> None:
    project_root: Path = project_factory({"ferry.md": (
        "---\ntitle: Ferry aground\npublished: 2026-03-08\n---\n" + REPORT +
        "Follow Harbour Watch on Twitter for the latest updates.\n"
        "Comments are not pre-screened before they post.\n"
        "Is Magnus Berg right that the fjord is unsafe?\n")})
    generated = build_mod.generate(Project(project_root), use_cache=False)
    names = {p.name for p in generated.briefing.players}
    assert "Harbour Watch" not in names and "Magnus Berg" not in names
    assert not any("Magnus Berg" in q.text for q in generated.briefing.questions)
    page = generated.files["sources/ferry.md"]
    assert isinstance(page, str)
    assert 'class="briefing-furniture" id="p5"' in page and "share or follow prompt" in page


def test_a_follow_prompt_at_the_end_of_reporting_is_split_off() -> None:
    found = marks("Updated 10:42 GMT. Mayor Ilse Varga said the bridge would reopen. Follow us on X for more.\n")
    assert found == [("timestamp", "Updated 10:42 GMT."), ("", "Mayor Ilse Varga said the bridge would reopen."),
                     ("social", "Follow us on X for more.")]


def test_joined_patterns_match_where_any_one_pattern_does() -> None:
    """A rule's patterns are tried as two alternations (anchored at the start, and anywhere):
    a pattern that alternates at its top level ("^a|b") is not anchored, so its second branch
    is still found mid-text, and an anchored one never matches later in the text."""
    import re

    from generator.furniture import Rule, _anchored, _either

    specs = ["^share this$", "^watch live|on air now", r"\bclick here\b", "^(read|see) more"]
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in specs)
    assert [_anchored(p) for p in patterns] == [True, False, False, True]
    rule = Rule("promo", 40, patterns, (), False, _either([p for p in patterns if _anchored(p)]),
                _either([p for p in patterns if not _anchored(p)]))
    texts = ["Share this", "The station is on air now", "Read more", "Please click here today",
             "We read more than we share this year", "Watch live from the quay",
             "The mayor said she would watch live coverage"]
    for text in texts:
        assert rule.matches(text, 10) == any(p.search(text) for p in patterns), text
    assert not rule.matches("We read more than we share this year", 10)
    assert not rule.matches("Please click here today", 41)  # more words than the rule allows
