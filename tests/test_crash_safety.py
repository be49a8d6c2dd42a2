"""A build killed at any point leaves the last good docs/ and site/ in place, and the next build
recovers by itself (output.py: stage beside the target, swap with os.replace, `recover`)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import output

from .conftest import ROOT, make_project
from .test_hardening import with_mkdocs_yml


def version_of(target: Path) -> str:
    """The one version a folder holds; fails on a mix, a gap or leftovers."""
    names = output.owned(target)
    versions = {(target / rel).read_text(encoding="utf-8").split(":")[0] for rel in names}
    assert len(versions) == 1, versions
    assert {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()} == names | {output.MANIFEST}
    return versions.pop()


def tree(version: str, count: int = 50) -> dict[str, str]:
    return {f"d{i % 5}/f{i}.md": f"{version}:{i}" for i in range(count)}


@pytest.mark.parametrize("fail_at", range(3))
def test_a_crash_at_each_step_of_the_swap_leaves_one_whole_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   fail_at: int) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, tree("old"))
    calls = {"n": 0}
    real_replace, real_rmtree = os.replace, shutil.rmtree

    def step(real):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            if calls["n"] == fail_at:
                raise KeyboardInterrupt  # as a signal would, between two system calls
            calls["n"] += 1
            return real(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(output.os, "replace", step(real_replace))
    monkeypatch.setattr(output.shutil, "rmtree", step(real_rmtree))
    with pytest.raises(KeyboardInterrupt):
        output.swap_in(_staged(target, tree("new")), target)
    monkeypatch.undo()
    output.recover(target)
    assert version_of(target) == ("old" if fail_at < 2 else "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]
    output.replace_tree(target, tree("next"))
    assert version_of(target) == "next"


def _staged(target: Path, files: dict[str, str]) -> Path:
    new = target.with_name(f".{target.name}.new")
    for rel, text in files.items():
        (new / rel).parent.mkdir(parents=True, exist_ok=True)
        (new / rel).write_text(text, encoding="utf-8")
    (new / output.MANIFEST).write_text("".join(f"{r}\n" for r in sorted(files)), encoding="utf-8")
    return new


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator import output
    target = Path(sys.argv[1])
    for n in range(1000):
        output.replace_tree(target, {f"d{i % 20}/f{i}.md": f"v{n}:{i}" for i in range(1500)})
""")


def test_sigkill_during_repeated_swaps_never_leaves_a_mix(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, tree("v-first", 1500))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for delay in (0.15, 0.3, 0.45, 0.6, 0.9):
        process = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], env=env)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        output.recover(target)
        version_of(target)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


ARTICLES = {
    "vote.md": "---\ntitle: Council votes on the fine\noutlet: The Courier\npublished: 2026-03-06\n---\n"
               "The Lakeside council voted on March 3, 2026 to fine Harbor Water $2 million, said Ivo Brandt.\n\n"
               "\"We will appeal,\" said Mara Quill, the chief executive of Harbor Water.\n",
    "appeal.md": "---\ntitle: Utility appeals\noutlet: The Ledger\npublished: 2026-03-09\n---\n"
                 "Harbor Water filed an appeal on March 8, 2026 against the fine, said Mara Quill.\n\n"
                 "It is unclear whether the state regulator will hear it before May.\n",
}


def snapshot(project: Path) -> tuple[str, str]:
    """docs/briefing.json and site/index.html, which must always be whole and readable."""
    data = (project / "docs" / "briefing.json").read_text(encoding="utf-8")
    json.loads(data)
    for rel in output.owned(project / "docs"):
        assert (project / "docs" / rel).is_file(), rel
    index = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert index.rstrip().endswith("</html>")
    return data, index


def test_killed_builds_keep_the_last_good_output_and_the_next_build_recovers(tmp_path: Path) -> None:
    from generator.build import build
    from generator.config import Project

    project = with_mkdocs_yml(make_project(tmp_path / "story", {"vote.md": ARTICLES["vote.md"]}))
    build(Project(project), use_cache=False)
    first = snapshot(project)
    (project / "corpus" / "articles" / "appeal.md").write_text(ARTICLES["appeal.md"], encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "build", "--project", str(project), "-q", "--no-cache"]
    start = time.monotonic()
    subprocess.run(command, env=env, check=True, timeout=120)
    whole = time.monotonic() - start
    shutil.rmtree(project / "docs"), shutil.rmtree(project / "site")
    # Rebuild the first version, then kill builds of the second at points across its run.
    (project / "corpus" / "articles" / "appeal.md").unlink()
    build(Project(project), use_cache=False)
    (project / "corpus" / "articles" / "appeal.md").write_text(ARTICLES["appeal.md"], encoding="utf-8")
    seen = set()
    for fraction in (0.2, 0.5, 0.7, 0.85, 0.95):
        process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
        time.sleep(whole * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        # Before any recovery, a reader must still find whole pages (or the swap's one gap).
        if (project / "docs").is_dir() and (project / "site").is_dir():
            seen.add(snapshot(project) == first)
    build(Project(project), use_cache=False)
    second = snapshot(project)
    assert second != first
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".") and p.name != ".briefing-cache") == []
    assert seen  # at least one kill landed where the folders could be read
