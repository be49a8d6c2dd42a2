"""`briefing new DIR`: start a briefing on another story, ready to build."""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import UsageError
from ..model import Briefing, Story

FILES = Path(__file__).resolve().parent / "files"
DEFAULT_TITLE = "A developing story"


def mkdocs_yml(title: str, description: str = "") -> str:
    """The mkdocs.yml of a briefing with this title (the repository's own is made the same way)."""
    text = (FILES / "mkdocs.yml.tmpl").read_text(encoding="utf-8")
    # JSON strings are YAML double-quoted scalars, so any title is written safely.
    return (text.replace("@SITE_NAME@", json.dumps(_one_line(title), ensure_ascii=False))
            .replace("@SITE_DESCRIPTION@", json.dumps(_one_line(description or
                                                                 f"A briefing on {title}"),
                                                      ensure_ascii=False)))


def briefing_yml(title: str) -> str:
    text = (FILES / "briefing.yml.tmpl").read_text(encoding="utf-8")
    return text.replace("@TITLE@", json.dumps(_one_line(title), ensure_ascii=False))


def new_project(target: Path, title: str | None = None) -> list[Path]:
    """Write mkdocs.yml, corpus/ and a docs/ that builds; refuse a folder that is not empty.
    The front-end files are not written: the site build puts them into the site."""
    from ..frontend import site_files
    from ..render import render_pages  # late: render loads Jinja templates

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target}: exists and is not an empty folder; "
                         "`briefing new` only starts a briefing in a new or empty folder")
    title = _one_line(title or "") or DEFAULT_TITLE
    # Read the front-end files and render first, so that a missing front-end install fails
    # before anything is written.
    site_files()
    empty = Briefing(story=Story(title, ""), as_of=None, articles=())
    files: dict[str, bytes] = {
        "mkdocs.yml": mkdocs_yml(title).encode("utf-8"),
        "corpus/briefing.yml": briefing_yml(title).encode("utf-8"),
        "corpus/articles/README.txt": (FILES / "articles-README.txt").read_bytes(),
    }
    files.update({f"docs/{path}": text.encode("utf-8") for path, text in render_pages(empty).items()})
    written = []
    for rel in sorted(files):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[rel])
        written.append(path)
    return written


def _one_line(text: str) -> str:
    return " ".join(text.split())
