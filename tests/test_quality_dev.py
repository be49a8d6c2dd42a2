"""The quality gate on real coverage: the five development stories in ../shared/eval/dev.

Each story's sample (about 50 articles as scraped, noise included) is generated from a fresh
`briefing new` project, as `make eval` (../shared/eval/table.py) does, and scored with
../shared/eval/score.py. The floors are the figures measured when this gate was set; they only
rise: raise a floor when an extractor improves, never lower one to make a change pass. The texts
are the publishers' and stay in ../shared: where it is absent (a fork's CI) the gate is skipped,
and says so.
"""
from __future__ import annotations

import json
import shutil

import pytest

from generator import build as build_mod
from generator.config import Project
from generator.scaffold import new_project

from .conftest import EVAL, score_briefing

DEV = EVAL / "dev"
STORIES = ("egypt-2011", "financial-crisis-2008", "h1n1-2009", "haiti-earthquake-2010", "iraq-2005")

# Measured with `make eval` when each floor was set (see the issue notes); higher is better.
# Date-F1 of financial-crisis-2008 (0.37 to 0.32) and iraq-2005 (0.45 to 0.44) fell once, on
# purpose: three of their "hits" were false events (a lead's history, "Twenty years ago ... The
# result was ...", dated to the day the piece appeared), which the timeline no longer makes.
FLOORS: dict[str, dict[str, float]] = {
    "egypt-2011": {"players.core_recall": 1.0, "players.precision_at_n": 1.0,
                   "players.kind_accuracy": 1.0, "players.role_accuracy": 0.93, "dates.top_l.f1": 0.90},
    "financial-crisis-2008": {"players.core_recall": 1.0, "players.precision_at_n": 1.0,
                              "players.kind_accuracy": 1.0, "players.role_accuracy": 1.0,
                              "dates.top_l.f1": 0.32},
    "h1n1-2009": {"players.core_recall": 1.0, "players.precision_at_n": 0.95,
                  "players.kind_accuracy": 1.0, "players.role_accuracy": 0.94, "dates.top_l.f1": 0.85},
    "haiti-earthquake-2010": {"players.core_recall": 1.0, "players.precision_at_n": 0.95,
                              "players.kind_accuracy": 1.0, "players.role_accuracy": 1.0,
                              "dates.top_l.f1": 0.82},
    "iraq-2005": {"players.core_recall": 1.0, "players.precision_at_n": 0.94,
                  "players.kind_accuracy": 0.96, "players.role_accuracy": 0.87, "dates.top_l.f1": 0.44},
}
# Lower is better: the same actor listed twice or more, news outlets listed as players.
CEILINGS: dict[str, dict[str, float]] = {
    "egypt-2011": {"players.split": 1, "players.media_listed": 0},
    "financial-crisis-2008": {"players.split": 1, "players.media_listed": 1},
    "h1n1-2009": {"players.split": 1, "players.media_listed": 0},
    "haiti-earthquake-2010": {"players.split": 1, "players.media_listed": 1},
    "iraq-2005": {"players.split": 0, "players.media_listed": 0},
}
# Scores are printed to two decimals; a floor is met within that rounding.
SLACK = 0.005


@pytest.fixture(scope="module")
def dev_scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    if not DEV.is_dir():
        pytest.skip(f"QUALITY GATE SKIPPED: {DEV} is not beside the checkout, so extraction on real "
                    "coverage was not measured; run `make test` with ../shared present")
    scores = {}
    for story in STORIES:
        root = tmp_path_factory.mktemp(story) / "briefing"
        new_project(root)
        articles = root / "corpus" / "articles"
        for path in sorted((DEV / story / "articles").glob("*.md")):
            shutil.copy(path, articles / path.name)
        generated = build_mod.generate(Project(root), use_cache=False)
        data = json.loads(generated.files["briefing.json"])
        scores[story] = score_briefing(DEV / f"{story}.gold.yaml", data)
    return scores


@pytest.mark.slow
@pytest.mark.parametrize("story", STORIES)
def test_dev_story_floors(dev_scores: dict[str, dict[str, float]], story: str) -> None:
    got = dev_scores[story]
    low = [f"{k} {got[k]:.3f} < {v}" for k, v in FLOORS[story].items() if got[k] < v - SLACK]
    high = [f"{k} {got[k]} > {v}" for k, v in CEILINGS[story].items() if got[k] > v]
    assert not low and not high, f"{story}: " + "; ".join(low + high)
