"""ARCHITECTURE.md names every module of generator/, so the picture a newcomer reads is the tree."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"


def module_names(package: Path = PACKAGE) -> list[str]:
    """How ARCHITECTURE.md names each module: its path below generator/ (`extract/quotes.py`),
    a package by its folder (`extract/players/`), the top package's own files as they are."""
    names = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.name == "__init__.py" and len(rel.parts) > 1:
            names.append("/".join(rel.parts[:-1]) + "/")
        else:
            names.append(rel.as_posix())
    return names


def unnamed(modules: list[str], text: str) -> list[str]:
    """The modules `text` does not name in backticks, whole."""
    named = set(re.findall(r"`([^`\s]+)`", text))
    return [m for m in modules if m not in named]


def test_every_module_is_named_in_architecture() -> None:
    missing = unnamed(module_names(), (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    assert not missing, f"ARCHITECTURE.md does not name: {', '.join(missing)}"


def test_a_module_named_only_in_part_or_in_prose_is_missing(tmp_path: Path) -> None:
    (tmp_path / "extract" / "players").mkdir(parents=True)
    for rel in ("__init__.py", "build.py", "extract/quotes.py", "extract/players/__init__.py"):
        (tmp_path / rel).write_text("", encoding="utf-8")
    modules = module_names(tmp_path)
    assert modules == ["__init__.py", "build.py", "extract/players/", "extract/quotes.py"]
    text = "`__init__.py`, `build.py`, `quotes.py` and extract/players/ in prose"
    assert unnamed(modules, text) == ["extract/players/", "extract/quotes.py"]
    assert unnamed(modules, text + " `extract/players/` `extract/quotes.py`") == []
