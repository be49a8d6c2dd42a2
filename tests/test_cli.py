"""The command line: exit codes, exact error lines, and nothing written on bad input."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import project_from_case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_input_exact_lines_exit_1_and_nothing_written(tmp_path: Path, capsys) -> None:
    project = project_from_case("several", tmp_path / "p")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("last good page\n")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("last good site\n")
    code, out, err = run(capsys, "build", "-q", "--project", str(project))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "corpus/articles/a.md:3: published: 2026-13 is not a calendar date",
        "corpus/articles/b.md:2: title: expected text, got ['not', 'text']",
        "corpus/articles/b.md:3: url: expected an http(s) address, got 'ftp://example.org/x'",
        "briefing: 3 problems; nothing was written",
    ]
    assert (project / "docs" / "index.md").read_text() == "last good page\n"
    assert (project / "site" / "index.html").read_text() == "last good site\n"
    assert sorted(p.name for p in project.iterdir()) == ["corpus", "docs", "mkdocs.yml", "site"]


def test_settings_and_corpus_problems_reported_together(tmp_path: Path, capsys) -> None:
    project = project_from_case("bad-date", tmp_path / "p")
    (project / "corpus" / "briefing.yml").write_text("scope: no title\n")
    code, _, err = run(capsys, "generate", "-q", "--project", str(project))
    assert code == 1
    assert err.splitlines() == [
        "corpus/articles/x.md:4: published: expected an ISO date such as 2026-03-06, got '6 March'",
        "corpus/briefing.yml:1: title: required: the story's title, as text",
        "briefing: 2 problems; nothing was written",
    ]


def test_not_a_project_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "--project", str(tmp_path))
    assert code == 2
    assert "no mkdocs.yml here" in err and "briefing new DIR" in err


def test_unknown_command_and_missing_argument_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["diff", "only-one.json"])
    assert info.value.code == 2


@pytest.mark.parametrize("command", ["build", "generate", "check", "serve", "new", "add", "diff", "bundle"])
def test_every_command_has_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "--project" in capsys.readouterr().out


def test_console_script_is_installed() -> None:
    assert shutil.which("briefing") or (Path(__file__).parent.parent / ".venv/bin/briefing").exists()
