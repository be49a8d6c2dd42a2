"""The theme under site.py: the lean source pages override Material's template blocks and
partials (generator/templates/theme/) and rely on a few facts about its base.html. A new
Material release that moves any of them fails here, by name, rather than quietly giving every
source page the full navigation or a broken header."""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material

from generator.site import LEAN_TEMPLATE, THEME_DIR, THEME_PREFIX

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).resolve().parent / "templates"
BASE = (MATERIAL / "base.html").read_text(encoding="utf-8")
LEAN = (THEME_DIR / LEAN_TEMPLATE).read_text(encoding="utf-8")


def pinned(package: str) -> str:
    match = re.search(rf"^{re.escape(package)}==([^\s;]+)",
                      (ROOT / "requirements.in").read_text(), re.MULTILINE)
    assert match, f"{package} is not pinned in requirements.in"
    return match.group(1)


def test_the_installed_material_is_the_pinned_one() -> None:
    assert version("mkdocs-material") == pinned("mkdocs-material"), (
        "Material changed: check that site.py's lean pages still hold (this file's other tests), "
        "then pin the new version in requirements.in")


def test_every_block_the_lean_template_overrides_is_in_base_html() -> None:
    theirs = set(re.findall(r"{%-?\s*block\s+(\w+)", BASE))
    ours = set(re.findall(r"{%-?\s*block\s+(\w+)", LEAN))
    assert ours and ours <= theirs, f"blocks gone from Material's base.html: {sorted(ours - theirs)}"
    assert re.search(r'{%\s*extends\s+"main.html"\s*%}', LEAN)
    assert re.search(r'{%\s*extends\s+"base.html"\s*%}', (MATERIAL / "main.html").read_text(encoding="utf-8"))


def test_every_partial_we_include_or_override_is_in_the_theme() -> None:
    included = set(re.findall(r'{%-?\s*include\s+"([^"]+)"', LEAN))
    overridden = {p.relative_to(THEME_DIR).as_posix() for p in THEME_DIR.rglob("*.html")} - {LEAN_TEMPLATE}
    assert overridden == {"partials/javascripts/base.html", "partials/javascripts/content.html"}
    for name in sorted(included | overridden):
        assert (MATERIAL / name).is_file(), f"Material has no {name} any more"
    for name in overridden:  # base.html includes them, and our overrides include Material's
        assert f'{{% include "{name}" %}}' in BASE, f"base.html no longer includes {name}"
        ours = (THEME_DIR / name).read_text(encoding="utf-8")
        assert f'{{% include "{THEME_PREFIX}/{name}" %}}' in ours


def test_base_html_still_works_the_way_the_lean_pages_expect() -> None:
    # the back-to-top button is gated by a feature (site.LEAN_FEATURES leaves it out)
    assert re.search(r'{%\s*set features = config\.theme\.features or \[\]\s*%}', BASE)
    assert re.search(r'{%\s*if "navigation\.top" in features\s*%}\s*{%\s*include "partials/top.html"', BASE)
    # the theme's storage script is the partial, included in <head>
    assert BASE.index('{% include "partials/javascripts/base.html" %}') < BASE.index("</head>")
    # between <body> and the header block: only the toggles, skip link and banners, which the
    # shared script carries (no block, and no include but the banners' scripts and icon)
    prelude = BASE[BASE.index("<body"):BASE.index("{% block header %}")]
    assert 'data-md-toggle="search"' in prelude and 'class="md-skip"' in prelude
    assert set(re.findall(r'{%\s*include "([^"]+)"', prelude)) <= {
        "partials/javascripts/announce.html", "partials/javascripts/outdated.html", ".icons/"}
    assert set(re.findall(r"{%-?\s*block\s+(\w+)", prelude)) <= {"announce", "outdated"}
    # the settings for the theme's script are a block the lean template marks as shared
    assert re.search(r'{%\s*block config\s*%}.*?<script id="__config"', BASE, re.DOTALL)
