"""forked.py: a function computed in a forked process gives what it gives here, raises what it
raises here, and a child that dies without an answer costs time, not the result."""
from __future__ import annotations

import os
import signal
import time

import pytest

from generator.forked import Forked


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def _fail(message: str) -> None:
    raise ValueError(message)


def _die_once(marker: str) -> int:
    # the first call, in the child, is killed as the machine's memory guard would kill it;
    # asked again here, the function runs in this process
    if not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    return 7


def test_the_result_comes_from_another_process() -> None:
    pid, value = Forked(_pid_and_square, 12).result()
    assert value == 144 and pid != os.getpid()


def test_an_exception_in_the_child_is_raised_by_result() -> None:
    with pytest.raises(ValueError, match="no such thing"):
        Forked(_fail, "no such thing").result()


def test_a_child_killed_without_an_answer_is_computed_here(tmp_path) -> None:
    assert Forked(_die_once, str(tmp_path / "marker")).result() == 7


def _mark_later(marker: str) -> None:
    time.sleep(1)
    open(marker, "w").close()


def test_cancel_stops_the_child(tmp_path) -> None:
    marker = tmp_path / "marker"
    Forked(_mark_later, str(marker)).cancel()
    time.sleep(1.5)
    assert not marker.exists()


def test_without_fork_it_runs_in_this_process() -> None:
    pid, value = Forked(_pid_and_square, 3, fork=False).result()
    assert (pid, value) == (os.getpid(), 9)


def _forked_square(n: int) -> int:
    return Forked(_pid_and_square, n).result()[1]


def test_in_a_pool_worker_which_may_not_fork_it_runs_in_place() -> None:
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_forked_square, (5,)) == 25
