"""Problems with the input, reported compiler-style: `path:line: message`."""
from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{_inert(where)}: {_inert(self.message)}"
        return f"{text}\n  hint: {_inert(self.hint)}" if self.hint else text


class BriefingError(Exception):
    """Bad input: carries every problem found in one run. The CLI prints them and exits 1."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems, key=_order))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """The command was called wrongly. The CLI prints it and exits 2."""


# Control, format (bidi overrides, zero-width), line and paragraph separators, surrogates.
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _inert(text: str) -> str:
    """Escape control and bidi-override characters: a message quotes untrusted text, and a
    terminal must not act on escape sequences or reorder it."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in _UNSAFE else ch for ch in text)


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)


def did_you_mean(word: str, choices: Sequence[str]) -> str | None:
    """Return a hint naming the closest known word, if one is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
