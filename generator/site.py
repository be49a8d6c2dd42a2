"""The only module that knows MkDocs: build docs/ into a site, or serve it while editing."""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BriefingError, Problem

# Pages that may be absent: the nav keeps a slot for them, and a build without them drops the
# slot instead of failing. Anything else missing from the nav stays an error.
OPTIONAL_PAGES = ("whats-new.md",)


class _Collect(logging.Handler):
    """Keep MkDocs' warnings and errors, to report them as problems."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _collecting() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def load(project_root: Path, docs_dir: Path, site_dir: Path, *, strict: bool = True,
         **overrides: Any) -> Any:
    """Load project_root/mkdocs.yml with docs_dir and site_dir overridden."""
    from mkdocs import config as mkconfig
    from mkdocs.exceptions import ConfigurationError

    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise BriefingError([Problem(str(config_file), None, "missing: the site's settings",
                                     "start a briefing with `briefing new DIR`")])
    with _collecting() as seen:
        try:
            cfg = mkconfig.load_config(str(config_file), docs_dir=str(docs_dir),
                                       site_dir=str(site_dir), strict=strict, **overrides)
        except ConfigurationError as exc:
            raise BriefingError([Problem("mkdocs.yml", None, line)
                                 for line in str(exc).splitlines() if line.strip()]
                                + _problems(seen.records)) from None
    if strict and seen.records:
        raise BriefingError(_problems(seen.records))
    cfg["nav"] = _prune_nav(cfg["nav"], docs_dir)
    return cfg


def build_site(project_root: Path, docs_dir: Path, site_dir: Path, *, strict: bool = True,
               offline: Offline | None = None,
               search_sections: Mapping[str, tuple[str, ...]] | None = None,
               lean_pages: tuple[str, ...] = ()) -> None:
    """Build docs_dir into site_dir with project_root/mkdocs.yml; raise BriefingError on trouble.

    `search_sections` maps a folder (such as "sources/") to the section anchors of its pages
    (other than the folder's index.html) that stay in the search index; their other sections
    are left out, their title and lead always stay. Pages in the `lean_pages` folders (other
    than their index.md) get a lean page template, without the navigation."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    cfg = load(project_root, docs_dir, site_dir, strict=strict)
    if search_sections:
        cfg.plugins["briefing/lean-search"] = _lean_search(dict(search_sections))
    if lean_pages:
        cfg.plugins["briefing/lean-pages"] = _lean_pages(lean_pages)
    if offline is not None:
        _make_offline(cfg, offline)
    with _collecting() as seen:
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        except MkDocsException as exc:
            problems = _problems(seen.records) or [Problem("mkdocs.yml", None, str(exc))]
            raise BriefingError(problems) from None
        finally:
            cfg.plugins.on_shutdown()
    if strict and seen.records:  # MkDocs aborts on these itself; this is belt and braces
        raise BriefingError(_problems(seen.records))


# --- reading from disk (the offline bundle) -------------------------------------------------

# Of no use to a reader on disk, and they name the site's address and the build date.
OFFLINE_DROPPED = ("sitemap.xml", "sitemap.xml.gz")


@dataclass(frozen=True, slots=True)
class Offline:
    """A build for reading straight from disk (file://) with nothing fetched from the network."""

    shim: str  # the iframe-worker shim, as a path under docs_dir
    # Folders (such as "sources/") whose pages, other than the folder's index.md, are indexed by
    # title and lead only, not their sections: on file:// the search index is built on the
    # page's main thread on every page load, so bulky text nobody searches for stays out.
    index_pages_only: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Material's offline plugin recognises a local shim only by this name in its address.
        if "iframe-worker" not in self.shim:
            raise ValueError(f"the shim's path must contain 'iframe-worker', got {self.shim!r}")


def _make_offline(cfg: Any, offline: Offline) -> None:
    """Add Material's offline plugin, with the shim served locally instead of from unpkg."""
    from material.plugins.offline.plugin import OfflinePlugin

    # The offline plugin appends https://unpkg.com/iframe-worker/shim unless some polyfill's
    # address already names iframe-worker.
    polyfills = [p for p in cfg.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    cfg.extra["polyfills"] = [*polyfills, offline.shim]
    plugin = cfg.plugins.get("material/offline") or cfg.plugins.get("offline")
    if plugin is None:
        plugin = OfflinePlugin()
        errors, _ = plugin.load_config({})
        assert not errors, errors  # no options given, so none can be wrong
        cfg.plugins["material/offline"] = plugin
    plugin.config.enabled = True
    cfg.plugins["briefing/offline-extras"] = _offline_extras(offline.index_pages_only)


def _offline_extras(index_pages_only: tuple[str, ...]) -> Any:
    """A plugin that trims the search index and drops what a reader on disk cannot use."""
    import json

    from mkdocs.plugins import BasePlugin, event_priority

    def keep(doc: dict[str, Any]) -> bool:
        page, _, section = str(doc.get("location", "")).partition("#")
        return not (section and page.startswith(index_pages_only) and not page.endswith("/index.html"))

    class OfflineExtras(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        # After Material's search plugin writes search_index.json (priority 0), before its
        # offline plugin copies it into search_index.js (priority -100).
        @event_priority(-50)
        def on_post_build(self, *, config: Any) -> None:
            site = Path(config.site_dir)
            for name in OFFLINE_DROPPED:
                (site / name).unlink(missing_ok=True)
            path = site / "search" / "search_index.json"
            if not index_pages_only or not path.is_file():
                return
            data = json.loads(path.read_text(encoding="utf-8"))
            data["docs"] = [doc for doc in data["docs"] if keep(doc)]
            # the separators Material writes with
            path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")

    return OfflineExtras()


def _lean_search(sections: dict[str, tuple[str, ...]]) -> Any:
    """A plugin that keeps only the named sections of the pages in some folders in the search
    index: the browser downloads and indexes the whole index before the first result, so with
    thousands of articles their full text would make search unusably slow."""
    import json

    from mkdocs.plugins import BasePlugin, event_priority

    folders = tuple(sorted(sections, key=len, reverse=True))  # the deepest folder decides

    def keep(doc: dict[str, Any]) -> bool:
        page, _, section = str(doc.get("location", "")).partition("#")
        folder = next((f for f in folders if page.startswith(f)), None)
        return not section or folder is None or page == folder or section in sections[folder]

    class LeanSearch(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        # After Material's search plugin writes search_index.json (priority 0), before the
        # offline extras trim it further (-50) and the offline plugin copies it (-100).
        @event_priority(-40)
        def on_post_build(self, *, config: Any) -> None:
            path = Path(config.site_dir) / "search" / "search_index.json"
            if not path.is_file():
                return
            data = json.loads(path.read_text(encoding="utf-8"))
            data["docs"] = [doc for doc in data["docs"] if keep(doc)]
            path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")

    return LeanSearch()


# Material's main.html without navigation, tabs, table of contents and footer (templates/theme/).
LEAN_TEMPLATE = "briefing-lean.html"
THEME_DIR = Path(__file__).resolve().parent / "templates" / "theme"
_INDENT = re.compile(r"\n[ \t]+")


def _lean_pages(folders: tuple[str, ...]) -> Any:
    """A plugin that renders the pages in `folders` with the lean template, without indentation:
    with thousands of source pages, what every page repeats decides the size of the site."""
    import jinja2
    from mkdocs.plugins import BasePlugin

    def lean(page: Any) -> bool:
        uri = page.file.src_uri
        return uri.startswith(folders) and not uri.endswith("/index.md") and "template" not in page.meta

    class LeanPages(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(THEME_DIR))])
            return env

        def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
            if lean(page):
                page.meta["template"] = LEAN_TEMPLATE
            return markdown

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            # Indentation is only whitespace to a browser, except in preformatted text.
            if page.meta.get("template") == LEAN_TEMPLATE and "<pre" not in output and "<textarea" not in output:
                return _INDENT.sub("\n", output)
            return output

    return LeanPages()


def serve(project_root: Path, *, dev_addr: str = "127.0.0.1:8000", livereload: bool = True,
          open_in_browser: bool = False) -> None:
    """Serve the site while editing, rebuilding when docs/ or mkdocs.yml change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise BriefingError([Problem(str(config_file), None, "missing: the site's settings")])
    mkdocs_serve(str(config_file), livereload=livereload, open_in_browser=open_in_browser,
                 dev_addr=dev_addr, strict=False)


def _prune_nav(nav: Any, docs_dir: Path) -> Any:
    """Drop nav entries for optional pages that this build does not have."""
    if not isinstance(nav, list):
        return nav
    kept = []
    for item in nav:
        target = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if isinstance(target, str) and target in OPTIONAL_PAGES and not (docs_dir / target).is_file():
            continue
        kept.append(item)
    return kept


def _problems(records: list[logging.LogRecord]) -> list[Problem]:
    """One problem per MkDocs message, naming the page when the message does."""
    problems = []
    for record in records:
        message = " ".join(record.getMessage().split())
        path = "docs"
        for word in message.split("'"):
            if word.endswith(".md") and " " not in word:
                path = f"docs/{word}"
                break
        problems.append(Problem(path, None, f"mkdocs: {message}"))
    return problems
