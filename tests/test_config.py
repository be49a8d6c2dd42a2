"""corpus/briefing.yml: the story and curated corrections, validated with line numbers."""
from __future__ import annotations

import pytest

from generator.config import Project, load_settings
from generator.errors import BriefingError


def test_settings_with_corrections(project_factory) -> None:
    root = project_factory(settings=(
        "title: Harbour fire\n"
        "scope: >\n  A warehouse fire and its aftermath.\n"
        "aliases:\n  Port Authority: [the port authority, PA]\n"
        "rename:\n  Smith: Jane Smith\n"
        "roles:\n  Jane Smith: fire chief\n"
        "kinds:\n  Harbour Trust: organization\n"
        "hide: [Tuesday]\n"))
    settings = load_settings(Project(root))
    assert settings.story.title == "Harbour fire"
    assert settings.story.scope == "A warehouse fire and its aftermath."
    assert settings.corrections.aliases == (("Port Authority", ("the port authority", "PA")),)
    assert settings.corrections.rename == (("Smith", "Jane Smith"),)
    assert settings.corrections.hide == ("Tuesday",)


def test_every_settings_problem_at_once(project_factory) -> None:
    root = project_factory(settings="titel: X\nkinds:\n  Acme: company\nhide: Acme\n")
    with pytest.raises(BriefingError) as info:
        load_settings(Project(root))
    assert [str(p) for p in info.value.problems] == [
        "corpus/briefing.yml:1: titel: unknown setting\n  hint: did you mean 'title'?",
        "corpus/briefing.yml:1: title: required: the story's title, as text",
        "corpus/briefing.yml:2: kinds: Acme: expected person or organization, got 'company'",
        "corpus/briefing.yml:4: hide: expected a list of names",
    ]
