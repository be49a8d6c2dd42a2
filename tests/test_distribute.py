"""The per-article step on a Dask cluster: a LocalCluster of two worker processes gives the same
pages and briefing.json as a local build, its results land in the local cache, and a scheduler
that cannot be reached is a clear error."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import build as build_mod
from generator import distribute
from generator.config import Project
from generator.errors import BriefingError

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.mark.slow
def test_a_cluster_build_is_byte_identical_and_fills_the_local_cache(sample_project: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    here = tmp_path / "here"
    shutil.copytree(sample_project, here)
    local = build_mod.generate(Project(here), use_cache=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = build_mod.generate(Project(sample_project), scheduler=cluster.scheduler_address)
    assert remote.files == local.files
    # The cluster's results came back to the local cache: nothing is left to parse.
    again = build_mod.generate(Project(sample_project), use_cache=True)
    entries = list((Project(sample_project).cache / "facts").rglob("*"))
    assert again.files == local.files and len([e for e in entries if e.is_file()]) >= 5


def test_an_unreachable_scheduler_is_a_clear_error(sample_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(distribute, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(BriefingError) as info:
        build_mod.generate(Project(sample_project), use_cache=False, scheduler="tcp://127.0.0.1:9")
    (problem,) = info.value.problems
    assert problem.path == "tcp://127.0.0.1:9" and "cannot reach the Dask scheduler" in problem.message


def test_scheduler_comes_from_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(distribute.SCHEDULER_ENV, raising=False)
    assert distribute.scheduler_address(None) is None
    monkeypatch.setenv(distribute.SCHEDULER_ENV, "tcp://10.1.2.3:8786")
    assert distribute.scheduler_address(None) == "tcp://10.1.2.3:8786"
    assert distribute.scheduler_address("tcp://other:8786") == "tcp://other:8786"
