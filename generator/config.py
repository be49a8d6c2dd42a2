"""The project on disk, and `corpus/briefing.yml`: the story and an editor's curated corrections."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .corpus import SafeNoAliasLoader
from .errors import BriefingError, Problem, UsageError, did_you_mean
from .model import Story

SETTINGS_FILE = "corpus/briefing.yml"
KEYS = ("title", "scope", "model", "aliases", "rename", "roles", "kinds", "hide")
KINDS = ("person", "organization")


@dataclass(frozen=True, slots=True)
class Corrections:
    """Edits that survive regeneration; applied after extraction, matched on names case-insensitively."""

    aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()  # canonical name, names to merge into it
    rename: tuple[tuple[str, str], ...] = ()  # name as extracted, name to show
    roles: tuple[tuple[str, str], ...] = ()  # player, the role to show
    kinds: tuple[tuple[str, str], ...] = ()  # player, person|organization
    hide: tuple[str, ...] = ()  # names not to list as players


@dataclass(frozen=True, slots=True)
class Settings:
    story: Story
    model: str | None = None
    corrections: Corrections = field(default_factory=Corrections)


@dataclass(frozen=True, slots=True)
class Project:
    """A briefing on disk: the folder that holds `mkdocs.yml`."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def corpus(self) -> Path:
        return self.root / "corpus"

    @property
    def articles(self) -> Path:
        return self.root / "corpus" / "articles"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def cache(self) -> Path:
        return self.root / ".briefing-cache"


def find_project(start: Path | None = None) -> Project:
    """The project in `start` (or the current folder): it holds mkdocs.yml and corpus/."""
    root = (start or Path.cwd()).resolve()
    if not (root / "mkdocs.yml").is_file():
        raise UsageError(f"{root}: no mkdocs.yml here; run in a briefing's folder, pass --project DIR, "
                         "or start one with `briefing new DIR`")
    return Project(root)


def load_settings(project: Project) -> Settings:
    """Read and validate corpus/briefing.yml; raise BriefingError with every problem."""
    path = project.root / SETTINGS_FILE
    rel = SETTINGS_FILE
    if not path.is_file():
        raise BriefingError([Problem(rel, None, "missing: it names the story",
                                     "create it with 'title: ...' and 'scope: ...' lines")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise BriefingError([Problem(rel, None, f"not UTF-8 text (offset {exc.start})")]) from None
    if len(text) > 1_000_000:
        raise BriefingError([Problem(rel, None, "larger than 1 MB")])
    try:
        node = yaml.compose(text, Loader=SafeNoAliasLoader)
        data = yaml.load(text, Loader=SafeNoAliasLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BriefingError([Problem(rel, mark.line + 1 if mark else None,
                                     f"YAML: {exc.problem or exc.context}")]) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise BriefingError([Problem(rel, None, f"YAML: {str(exc).splitlines()[0]}")]) from None
    if not isinstance(data, dict):
        raise BriefingError([Problem(rel, 1, "expected 'key: value' lines such as 'title: ...'")])
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    problems: list[Problem] = []

    def bad(key: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(rel, lines.get(key, 1), f"{key}: {message}", hint))

    for key in data:
        if str(key) not in KEYS:
            bad(str(key), "unknown setting", did_you_mean(str(key), KEYS))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        bad("title", "required: the story's title, as text")
    scope = data.get("scope", "")
    if not isinstance(scope, str):
        bad("scope", "expected a paragraph of text")
        scope = ""
    model = data.get("model")
    if model is not None and not isinstance(model, str):
        bad("model", "expected the name of a spaCy pipeline such as en_core_web_sm")
        model = None
    aliases = _mapping_of_lists(data.get("aliases"), "aliases", bad)
    rename = _mapping_of_text(data.get("rename"), "rename", bad)
    roles = _mapping_of_text(data.get("roles"), "roles", bad)
    kinds = _mapping_of_text(data.get("kinds"), "kinds", bad)
    for name, kind in kinds:
        if kind not in KINDS:
            bad("kinds", f"{name}: expected person or organization, got '{kind}'")
    hide = data.get("hide") or []
    if not isinstance(hide, list) or not all(isinstance(h, str) for h in hide):
        bad("hide", "expected a list of names")
        hide = []
    if problems:
        raise BriefingError(problems)
    return Settings(
        story=Story(" ".join(str(title).split()), " ".join(scope.split())),
        model=model,
        corrections=Corrections(aliases, rename, roles, kinds, tuple(h.strip() for h in hide)),
    )


def _mapping_of_lists(value: Any, key: str, bad: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for k, v in value.items()):
        bad(key, "expected 'Canonical name: [other name, ...]' lines")
        return ()
    return tuple(sorted((k.strip(), tuple(x.strip() for x in v)) for k, v in value.items()))


def _mapping_of_text(value: Any, key: str, bad: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                              for k, v in value.items()):
        bad(key, "expected 'Name: text' lines")
        return ()
    return tuple(sorted((k.strip(), v.strip()) for k, v in value.items()))
