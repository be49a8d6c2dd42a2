"""A folder of articles as people save them builds: odd file names, wrapped Markdown, page
furniture, a comment thread and an empty page give warnings, not a failed build; every sentence
is whole; nothing from the furniture or the comments reaches an extracted item."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import cli

WRAPPED = """---
title: Ferry Nordlys runs aground off Vestland
outlet: Vestland Tidende
published: 2026-03-08
---
Updated 09:14 CET | Share this article

The ferry Nordlys ran aground late on Saturday on a reef at the mouth
of the fjord, the coastguard said. All 212 passengers were taken off
by lifeboat before dawn, and nobody was hurt.

Harbour master Ingrid Solberg said the ferry had strayed from the
marked channel in poor visibility.

Follow Vestland Tidende on Facebook for the latest updates.

Related: Ferry operator Nordline fined in 2019
"""

WIRE = """---
title: Salvage crews to refloat ferry on Tuesday
outlet: Nordic Wire
published: 2026-03-09
---
Salvage crews hope to refloat the ferry Nordlys on Tuesday's high tide, Nordline said on Sunday.
Harbour master Ingrid Solberg said divers had found a two-metre gash in the hull.
Will the operator lose its licence over the grounding?
Comments (3)
you lot will believe anything the operator tells you
Is Magnus Berg right that the whole fjord is unsafe? Reply | Report
I sailed on her last year and the crew were great!
Comments are not pre-screened before they post.
"""

EMPTY = """---
title: Page that came away empty
---

"""


@pytest.fixture
def saved(project_factory) -> Path:
    return project_factory({
        "VESTLAND_TIDENDE_ferry aground.md": WRAPPED,
        "2026-03-09_nordic wire_refloat.md": WIRE,
        "empty page.md": EMPTY,
    })


def test_saved_coverage_builds_with_warnings(saved: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", "--project", str(saved)]) == 0
    err = capsys.readouterr().err
    assert "warning: corpus/articles/empty page.md:4: skipped: the article has no text" in err
    data = json.loads((saved / "docs" / "briefing.json").read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in data["articles"]) == ["2026-03-09-nordic-wire-refloat",
                                                        "vestland-tidende-ferry-aground"]
    quotes = [s["quote"] for item in (*data["players"], *data["events"], *data["questions"],
                                      *data["disagreements"])
              for s in item.get("sources", [])]
    assert quotes, "nothing was extracted"
    furniture = ("Share this", "Follow Vestland", "Related:", "you lot", "Magnus Berg", "Reply",
                 "I sailed", "pre-screened", "Comments (3)")
    assert not [q for q in quotes if any(f in q for f in furniture)]
    assert not any(f in json.dumps(data["players"]) for f in ("Magnus Berg", "Nordline fined"))
    # Wrapped lines join: the first sentence is whole, not cut at "the mouth".
    page = (saved / "docs" / "sources" / "vestland-tidende-ferry-aground.md").read_text(encoding="utf-8")
    assert "on a reef at the mouth of the fjord, the coastguard said." in page
    assert '<p class="briefing-heading"' not in page
    # No question comes from the comment thread.
    assert not [q["text"] for q in data["questions"] if "Magnus" in q["text"] or "fjord is unsafe" in q["text"]]


def test_strict_turns_the_warnings_into_errors_and_writes_nothing(saved: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["generate", "--strict", "--project", str(saved)]) == 1
    err = capsys.readouterr().err
    assert "corpus/articles/empty page.md:4: skipped: the article has no text" in err
    assert "nothing was written" in err
    assert not (saved / "docs" / "briefing.json").exists()
