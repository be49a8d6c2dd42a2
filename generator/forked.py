"""One function computed in a forked copy of this process while this one goes on.

A build runs in one process, but the machine has more than one core; where two steps do not
depend on each other (parsing a new article while the cached ones load; the timeline while the
comparisons are made), the second core takes one of them. The child inherits everything
(loaded model, facts) without copying it, and sends back only its result, pickled. Where fork
is not available, the function simply runs when its result is asked for.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """`fn(*args)`, started at once in a child process; `result()` waits for it. With `fork`
    false (work too small to be worth a process), it runs here when its result is asked for."""

    def __init__(self, fn: Callable[..., T], *args: Any, fork: bool = True) -> None:
        self._call = (fn, args)
        self._process: Any = None
        if not fork or "fork" not in multiprocessing.get_all_start_methods() or multiprocessing.current_process().daemon:
            return  # no fork here, or a daemonic process (a pool's worker), which may not have children
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(send, fn, args), daemon=True)
        self._process.start()
        send.close()  # the child holds its own end: EOF here if it dies without a word

    def result(self) -> T:
        """The function's value; its exception is raised here. A child that died without an
        answer (killed, out of memory) is not a result: the function runs again, here."""
        if self._process is None:
            fn, args = self._call
            return fn(*args)
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError):
            ok, value = None, None
        finally:
            self._end(wait=True)
        if ok is None:
            fn, args = self._call
            return fn(*args)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the child if its result will not be asked for."""
        if self._process is not None:
            self._end(wait=False)

    def _end(self, *, wait: bool) -> None:
        self._receive.close()
        if not wait:
            self._process.terminate()
        self._process.join()
        self._process = None


def _child(send: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        answer: tuple[bool, Any] = (True, fn(*args))
    except Exception as exc:  # noqa: BLE001 - handed to the parent, which raises it
        answer = (False, exc)
    try:
        send.send(answer)
    except Exception as exc:  # noqa: BLE001 - an unpicklable value or exception: say so instead
        send.send((False, RuntimeError(f"{fn.__name__} in a forked process: {exc}")))
    finally:
        send.close()
