"""`briefing diff` and the What's new page, on two hand-made briefing.json objects."""
from __future__ import annotations

import copy
import json
from typing import Any

from generator.diff import changes_markdown, diff_briefings, escape, whats_new_page


def src(article: str, paragraph: int, sentence: int = 1) -> dict[str, Any]:
    return {"article": article, "paragraph": paragraph, "sentence": sentence,
            "anchor": f"p{paragraph}-s{sentence}", "quote": "..."}


def article(id_: str, title: str, outlet: str, published: str, sha: str) -> dict[str, Any]:
    return {"id": id_, "title": title, "outlet": outlet, "published": published, "sha256": sha,
            "url": None, "author": None, "language": "en", "inferred": {}, "paragraphs": 5, "path": ""}


def player(id_: str, name: str, kind: str, roles: list[str]) -> dict[str, Any]:
    return {"id": id_, "name": name, "kind": kind, "role": roles[0] if roles else None,
            "roles": [{"text": r, "source": src("a", 1)} for r in roles], "aliases": []}


OLD: dict[str, Any] = {
    "format": 1, "as_of": "2025-11-04",
    "articles": [article("ledger", "Council pauses plant contract", "The Coastal Ledger", "2025-11-04", "1"),
                 article("radio", "Ferry fares rise", "Harbour Radio", "2025-11-01", "2"),
                 article("gone", "Retracted item", "Bay Weekly", "2025-10-01", "3")],
    "players": [player("teodora-vance", "Teodora Vance", "person", ["Mayor of Larkspur Bay"]),
                player("meridian-aqua", "Meridian Aqua", "organization", []),
                player("rupert-halloway", "Rupert Halloway", "person", ["chief executive"]),
                player("old-name", "Harbour Office", "organization", [])],
    "events": [
        {"id": "council-votes-pause", "date": "2025-11-03", "summary": "The council voted to pause payments.",
         "sources": [src("ledger", 1)]},
        {"id": "plant-approved", "date": "2022", "summary": "The plant was approved.",
         "sources": [src("ledger", 4)]},
        {"id": "intake-redesign", "date": "2025", "summary": "The planning department requested a redesign.",
         "sources": [src("ledger", 3)]},
        {"id": "ferry-vote", "date": "2025-10-28", "summary": "The ferry board approved a fare rise.",
         "sources": [src("gone", 1)]},
    ],
    "disagreements": [
        {"id": "cost", "topic": "Cost of the plant", "settled": False,
         "claims": [{"value": "$150 million", "sources": []}, {"value": "$148 million", "sources": []}]},
        {"id": "vote", "topic": "Council vote", "settled": False,
         "claims": [{"value": "5-2", "sources": []}, {"value": "6-1", "sources": []}]},
    ],
    "questions": [
        {"id": "who-pays", "text": "Who will pay for the redesign?", "kind": "asked", "sources": [], "answer": None},
        {"id": "when-open", "text": "When will the plant open?", "kind": "asked", "sources": [], "answer": None},
        {"id": "stale", "text": "Will the ferry board meet again?", "kind": "asked", "sources": [], "answer": None},
    ],
}


def make_new() -> dict[str, Any]:
    new = copy.deepcopy(OLD)
    new["as_of"] = "2025-11-07"
    new["articles"] = [a for a in new["articles"] if a["id"] != "gone"]
    new["articles"][1]["sha256"] = "2b"  # radio: revised text
    new["articles"].append(article("audit", "Auditor questions invoices", "Northfield Daily", "2025-11-07", "4"))
    vance, meridian, halloway, office = new["players"]
    vance["role"] = "Mayor"
    vance["roles"] = [{"text": "Mayor", "source": src("audit", 5)},
                      {"text": "Mayor of Larkspur Bay", "source": src("ledger", 2)}]
    halloway["roles"].append({"text": "founder of Meridian Aqua", "source": src("audit", 2)})
    office["id"] = "harbour-office"  # id changed, same name: not removed and added
    new["players"].append(player("priya-lindqvist", "Priya Lindqvist", "person", ["city auditor"]))
    new["players"] = [p for p in new["players"] if p["id"] != "meridian-aqua"]
    pause, approved, redesign, ferry = new["events"]
    pause["date"] = "2025-11-04"  # re-dated, same id
    redesign["id"] = "redesign-requested"  # new id and summary, same source sentence: re-dated
    redesign["summary"] = "Planning asked for an intake redesign."
    redesign["date"] = "2025-03"
    new["events"] = [pause, approved, redesign,
                     {"id": "invoices", "date": "2025-11-06", "summary": "The auditor flagged $4.2 million in invoices.",
                      "sources": [src("audit", 1)]},
                     {"id": "towns", "date": None, "summary": "Three towns signed letters of intent.",
                      "sources": [src("audit", 7)]}]
    cost, vote = new["disagreements"]
    vote["settled"] = True
    new["disagreements"] = [cost, {"id": "steel", "topic": "When the steel was ordered", "settled": False,
                                   "claims": [{"value": "before approval", "sources": []},
                                              {"value": "after approval", "sources": []}]}, vote]
    who, when, stale = new["questions"]
    who["answer"] = {"text": "The city will pay, the council said.", "source": src("audit", 6)}
    new["questions"] = [who, when, {"id": "recover", "text": "Will the city recover the money?", "kind": "asked",
                                    "sources": [], "answer": None}]
    return new


def test_every_kind_of_change() -> None:
    changes = diff_briefings(OLD, make_new())
    assert [a.id for a in changes.articles_added] == ["audit"]
    assert [a.id for a in changes.articles_revised] == ["radio"]
    assert [a.id for a in changes.articles_removed] == ["gone"]
    assert [p.name for p in changes.players_added] == ["Priya Lindqvist"]
    assert [p.name for p in changes.players_removed] == ["Meridian Aqua"]
    assert [(p.name, p.old_role, p.role, p.new_roles) for p in changes.players_changed] == [
        ("Rupert Halloway", "chief executive", "chief executive", ("founder of Meridian Aqua",)),
        ("Teodora Vance", "Mayor of Larkspur Bay", "Mayor", ()),
    ]
    assert [(e.date, e.summary) for e in changes.events_added] == [
        ("2025-11-06", "The auditor flagged $4.2 million in invoices."),
        (None, "Three towns signed letters of intent."),
    ]
    assert [(e.summary, e.old_date, e.date) for e in changes.events_redated] == [
        ("Planning asked for an intake redesign.", "2025", "2025-03"),
        ("The council voted to pause payments.", "2025-11-03", "2025-11-04"),
    ]
    assert [e.summary for e in changes.events_removed] == ["The ferry board approved a fare rise."]
    assert [(d.topic, d.claims) for d in changes.disagreements_opened] == [
        ("When the steel was ordered", ("before approval", "after approval"))]
    assert [d.topic for d in changes.disagreements_settled] == ["Council vote"]
    assert [q.text for q in changes.questions_opened] == ["Will the city recover the money?"]
    assert [(q.text, q.answer) for q in changes.questions_answered] == [
        ("Who will pay for the redesign?", "The city will pay, the council said.")]
    assert [q.text for q in changes.questions_dropped] == ["Will the ferry board meet again?"]


def test_a_format_1_briefing_against_format_2_gives_the_same_changes() -> None:
    """Format 2 leaves out each source's `anchor`; the published file may still be format 1."""
    def without_anchors(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: without_anchors(v) for k, v in value.items() if k != "anchor"}
        if isinstance(value, list):
            return [without_anchors(v) for v in value]
        return value

    new = without_anchors(make_new()) | {"format": 2}
    assert "anchor" not in json.dumps(new)
    assert diff_briefings(OLD, new) == diff_briefings(OLD, make_new())
    assert changes_markdown(diff_briefings(OLD, new)) == changes_markdown(diff_briefings(OLD, make_new()))


def test_markdown_is_exact_and_deterministic() -> None:
    new = make_new()
    text = changes_markdown(diff_briefings(OLD, new))
    assert text == changes_markdown(diff_briefings(copy.deepcopy(OLD), json.loads(json.dumps(new))))
    assert text == """\
1 new article, 1 new player, 2 changed roles, 2 new events, 2 re-dated events, 1 new disagreement, \
1 settled disagreement, 1 new question and 1 answered question.

## Articles

- New: **Auditor questions invoices** (Northfield Daily, 2025-11-07) `audit`
- Revised: **Ferry fares rise** (Harbour Radio, 2025-11-01) `radio`
- Removed: **Retracted item** (Bay Weekly, 2025-10-01) `gone`

## Players

- New: **Priya Lindqvist** (person): city auditor
- New role given: **Rupert Halloway**: founder of Meridian Aqua
- Role: **Teodora Vance**: Mayor of Larkspur Bay → Mayor
- No longer listed: **Meridian Aqua** (organization)

## Timeline

- New: 2025-11-06: The auditor flagged $4.2 million in invoices.
- New: undated: Three towns signed letters of intent.
- Re-dated: 2025 → 2025-03: Planning asked for an intake redesign.
- Re-dated: 2025-11-03 → 2025-11-04: The council voted to pause payments.
- No longer listed: 2025-10-28: The ferry board approved a fare rise.

## Disagreements

- Opened: **When the steel was ordered**: before approval / after approval
- Settled or no longer disputed: **Council vote**: 5-2 / 6-1

## Open questions

- Opened: Will the city recover the money?
- Answered: Who will pay for the redesign? Answer: The city will pay, the council said.
- No longer listed: Will the ferry board meet again?
"""


def test_heading_level() -> None:
    text = changes_markdown(diff_briefings(OLD, make_new()), heading_level=3)
    assert "\n### Articles\n" in text and "\n## " not in text


def test_no_changes() -> None:
    changes = diff_briefings(OLD, copy.deepcopy(OLD))
    assert changes.empty
    assert changes_markdown(changes) == "No changes.\n"


def test_reordering_alone_is_no_change() -> None:
    new = copy.deepcopy(OLD)
    for key in ("articles", "players", "events", "disagreements", "questions"):
        new[key].reverse()
    assert diff_briefings(OLD, new).empty


def test_missing_and_odd_fields_do_not_crash() -> None:
    changes = diff_briefings({}, {"players": [{"name": "X"}, "not an object"], "events": None,
                                  "questions": [{"text": "Why?"}]})
    assert [p.name for p in changes.players_added] == ["X"]
    assert [q.text for q in changes.questions_opened] == ["Why?"]


def test_text_from_articles_is_inert_markdown() -> None:
    new = copy.deepcopy(OLD)
    new["players"].append(player("x", "@octocat <script>alert(1)</script> [link](http://x)", "person", []))
    text = changes_markdown(diff_briefings(OLD, new))
    assert "@octocat" not in text and "<script>" not in text and "[link](" not in text
    assert escape("a_b*c|d _e_") == "a_b\\*c\\|d \\_e\\_"  # `_` inside a word is no emphasis
    assert escape("x" * 500).endswith("…") and len(escape("x" * 500)) == 240


def test_whats_new_first_version() -> None:
    page = whats_new_page(None, OLD)
    assert page.startswith("<!-- Generated by briefing")
    assert "# What's new" in page
    assert "This is the first published version of the briefing, as of 2025-11-04." in page
    assert ("It holds 3 articles, 4 players, 4 timeline events, 2 disagreements and 3 open questions."
            in page)
    assert "- [Council pauses plant contract](sources/ledger.md) (The Coastal Ledger, 2025-11-04)" in page
    assert page.endswith("\n") and not page.endswith("\n\n")


def test_whats_new_against_previous() -> None:
    page = whats_new_page(OLD, make_new())
    assert ("Compared with the previously published version (as of 2025-11-04); "
            "this version is as of 2025-11-07.") in page
    assert "- New: [Auditor questions invoices](sources/audit.md) (Northfield Daily, 2025-11-07) `audit`" in page
    assert "\n## Timeline\n" in page
    assert whats_new_page(OLD, copy.deepcopy(OLD)).rstrip().endswith("No changes.")


def test_whats_new_first_version_of_a_large_briefing_lists_only_the_newest_articles() -> None:
    many = copy.deepcopy(OLD)
    many["articles"] = [{"id": f"a{n:04d}", "title": f"Report number {n}", "outlet": "The Ledger",
                         "published": f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", "sha256": str(n)}
                        for n in range(300)]
    page = whats_new_page(None, many)
    listed = [line for line in page.splitlines() if line.startswith("- [")]
    assert len(listed) == 25 and "## Latest articles" in page
    assert "All 300 articles are listed under [Sources](sources/index.md)." in page
    assert all("(The Ledger, 2025-12-" in line for line in listed)  # the newest ones


def test_only_key_players_count_as_new_or_gone() -> None:
    new = copy.deepcopy(OLD)
    new["players"].append(dict(player("ida-marsh", "Ida Marsh", "person", []), listed=False))
    new["players"].append(dict(player("otto-brisk", "Otto Brisk", "person", []), listed=True))
    changes = diff_briefings(OLD, new)
    assert [p.name for p in changes.players_added] == ["Otto Brisk"]  # named once more: no news
    promoted = copy.deepcopy(new)
    promoted["players"][-2]["listed"] = True  # now a key player: new to the list
    assert [p.name for p in diff_briefings(new, promoted).players_added] == ["Ida Marsh"]
