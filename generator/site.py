"""The only module that knows MkDocs: build docs/ into a site, or serve it while editing."""
from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BriefingError, Problem

# Raw HTML that keeps a citation's labels out of the search index (Material's search plugin
# skips elements with this attribute): readers search for names and events, not outlets.
NO_SEARCH = "data-search-exclude"
# What the site's search indexes of the pages in some folders (see _lean_search): "" is a
# page's title and lead, other names its sections' anchors (those of templates/*.md.j2); those
# marked "+" only while the index stays small, in this order. The browser downloads and indexes
# the whole index before the first result, so it holds what readers search for (players' names,
# other names, roles and relations; issues, questions; then events, stances and quotes, source
# titles), not an article's full text or lists of mentions and articles. Citations and a
# source's details stay out of every entry (NO_SEARCH).
SEARCH_SECTIONS: dict[str, tuple[str, ...]] = {
    "timeline/": ("", "+*"),  # a split timeline's period pages: their events while they fit
    "sources/": ("+",),
    "players/": ("", "aliases", "role", "relations", "+stance", "+quotes"),
}
# Folders whose pages (one per article) the site renders without the navigation (_lean_pages).
LEAN_PAGES = ("sources/",)
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
               lean_pages: tuple[str, ...] = (), assets: Mapping[str, bytes] | None = None) -> None:
    """Build docs_dir into site_dir with project_root/mkdocs.yml; raise BriefingError on trouble.

    `assets` are files put into the site as if they were in docs_dir (a file of that path in
    docs_dir gives way to them); by default the front-end files every briefing page needs
    (frontend.site_files), which are not kept in docs/.

    `search_sections` maps a folder (such as "sources/") to the entries of its pages (other
    than the folder's index.html) that stay in the search index, some of them only while the
    index stays small (see `_lean_search`). Pages in the `lean_pages` folders (other than their
    index.md) get a lean page template, without the navigation."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from .frontend import site_files

    cfg = load(project_root, docs_dir, site_dir, strict=strict)
    cfg.plugins["briefing/site-assets"] = _site_assets(site_files() if assets is None else dict(assets))
    cfg.plugins["briefing/unused-theme-files"] = _unused_theme_files()
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


def add_assets(files: Any, config: Any, assets: Mapping[str, bytes]) -> Any:
    """MkDocs' files of a build with `assets` added as generated files, replacing any file of
    docs_dir at the same path (the generator's copy is the one its pages are written for)."""
    from mkdocs.structure.files import File

    for rel, data in sorted(assets.items()):
        old = files.get_file_from_path(rel)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, rel, content=data))
    return files


def _site_assets(assets: dict[str, bytes]) -> Any:
    """A plugin that puts `assets` into the site (see add_assets)."""
    from mkdocs.plugins import BasePlugin

    class SiteAssets(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        def on_files(self, files: Any, *, config: Any) -> Any:
            return add_assets(files, config, assets)

    return SiteAssets()


# Where Material keeps its search languages, and the helpers its search worker loads for some.
LUNR_DIR = "assets/javascripts/lunr"
_LUNR_HELPERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}


def lunr_files(langs: list[str]) -> set[str]:
    """The files under LUNR_DIR that Material's search worker loads for these languages: English
    is built in; any other needs its stemmer, the shared stemmer support, and for some a word
    splitter; more than one language needs lunr.multi."""
    needed = {_LUNR_HELPERS[lang] for lang in langs if lang in _LUNR_HELPERS}
    needed |= {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def _unused_theme_files() -> Any:
    """A plugin that removes theme files no reader's browser asks for: the source maps of the
    theme's scripts and styles, and the search languages other than the site's (1-2 MB in all,
    which thousands of articles' pages leave little room for under a host's limit)."""
    import json

    from mkdocs.plugins import BasePlugin, event_priority

    class UnusedThemeFiles(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        # after Material's search plugin writes search_index.json, whose settings name the languages
        @event_priority(-30)
        def on_post_build(self, *, config: Any) -> None:
            site = Path(config.site_dir)
            for folder in ("assets/javascripts", "assets/stylesheets"):
                for path in (site / folder).rglob("*.map"):
                    path.unlink()
            index = site / "search" / "search_index.json"
            lunr = site / LUNR_DIR
            if not index.is_file() or not lunr.is_dir():
                return
            langs = json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang")
            if not isinstance(langs, list):
                return  # settings this code does not know: keep every language
            needed = lunr_files([str(lang) for lang in langs])
            for path in sorted(lunr.rglob("*"), reverse=True):  # files before their folders
                if path.is_file() and path.relative_to(lunr).as_posix() not in needed:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
            if not any(lunr.iterdir()):
                lunr.rmdir()

    return UnusedThemeFiles()


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


# The most bytes of search index the lean search keeps optional entries within: the browser
# downloads and indexes the whole index before it shows a first result. Measured with
# bench/run.py's first_result_ms (headless Chromium, 2 shared cores): 0.7-0.8 s with 250-310 KB,
# about 1.2 s with 470 KB in 1,900 entries; more entries cost more than their bytes.
SEARCH_BUDGET = 500_000


def _lean_search(sections: dict[str, tuple[str, ...]], budget: int | None = SEARCH_BUDGET) -> Any:
    """A plugin that keeps only some entries of the pages in some folders in the search index:
    the browser downloads and indexes the whole index before the first result, so with
    thousands of articles their full text would make search unusably slow.

    `sections` maps a folder to the entries of its pages (other than the folder's index page,
    which stays whole) to keep: a section's anchor, or "" for the page's title and lead. An
    entry written "+anchor" ("+" for the title and lead, "+*" for every section) is optional:
    the optional groups are added in the order given, each with all its pages or not at all,
    while the index stays within `budget` bytes. Pages in no folder stay whole."""
    import json

    from mkdocs.plugins import BasePlugin, event_priority

    folders = tuple(sorted(sections, key=len, reverse=True))  # the deepest folder decides
    optional = [(folder, entry[1:]) for folder, entries in sections.items()
                for entry in entries if entry.startswith("+")]

    def place(doc: dict[str, Any]) -> tuple[str | None, str, str]:
        page, _, section = str(doc.get("location", "")).partition("#")
        return next((f for f in folders if page.startswith(f)), None), page, section

    def always(doc: dict[str, Any]) -> bool:
        folder, page, section = place(doc)
        return folder is None or page == folder or section in sections[folder]

    def within(doc: dict[str, Any], group: tuple[str, str]) -> bool:
        folder, page, section = place(doc)
        return folder == group[0] and page != folder and (group[1] == "*" and bool(section)
                                                          or section == group[1])

    def size(doc: dict[str, Any]) -> int:
        return len(json.dumps(doc, separators=(",", ":"))) + 1

    def trim(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        kept = [always(doc) for doc in docs]
        total = sum(size(doc) for doc, k in zip(docs, kept) if k)
        for group in optional:
            members = [i for i, doc in enumerate(docs) if not kept[i] and within(doc, group)]
            extra = sum(size(docs[i]) for i in members)
            if budget is None or total + extra <= budget:
                for i in members:
                    kept[i] = True
                total += extra
        return [doc for doc, k in zip(docs, kept) if k]

    class LeanSearch(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        # After Material's search plugin writes search_index.json (priority 0), before the
        # offline extras trim it further (-50) and the offline plugin copies it (-100).
        @event_priority(-40)
        def on_post_build(self, *, config: Any) -> None:
            path = Path(config.site_dir) / "search" / "search_index.json"
            if not path.is_file():
                return
            data = json.loads(path.read_text(encoding="utf-8"))
            data["docs"] = trim(data["docs"])
            path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")

    return LeanSearch()


# Material's main.html without navigation, tabs, table of contents and footer (templates/theme/).
LEAN_TEMPLATE = "briefing-lean.html"
# Our templates: the lean page, and the theme's partials it overrides (each includes Material's
# own, named "material/...", on every other page). tests/test_theme.py checks that the
# installed Material still has every block and partial they rely on.
THEME_DIR = Path(__file__).resolve().parent / "templates" / "theme"
THEME_PREFIX = "material"
# Of the theme's features, what a page with a header and search uses: with the others off, the
# theme writes neither the back-to-top button nor their settings into a lean page.
LEAN_FEATURES = ("search.", "content.")
# Indentation and blank lines are only whitespace to a browser, except in preformatted text.
_INDENT = re.compile(r"\n\s+")


class _Overlay(Mapping[str, Any]):
    """A read-only view of a mapping (MkDocs' settings, the theme's) with some keys replaced, for
    the templates of one page: Jinja looks names up as attributes, then as keys."""

    def __init__(self, base: Any, **replaced: Any) -> None:
        self._base = base
        self._replaced = replaced

    def __getitem__(self, key: str) -> Any:
        return self._replaced[key] if key in self._replaced else self._base[key]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._replaced:
            return self._replaced[name]
        return getattr(self._base, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)


def lean_config(config: Any) -> Any:
    """MkDocs' settings as a lean page's templates see them: the theme's features cut to
    LEAN_FEATURES (see base.html's `features`, which gates the back-to-top button and fills
    the theme's script settings)."""
    features = [f for f in config.theme.get("features") or []
                if str(f).startswith(LEAN_FEATURES)]
    return _Overlay(config, theme=_Overlay(config.theme, features=features))


def _lean_headings() -> Any:
    """A Markdown extension that, while `.on` is set (a lean page), takes the permalinks the toc
    extension adds out of the headings again: the page's own address is the link to its top,
    and a page of article text has a heading or two that nobody links to."""
    from markdown import Extension
    from markdown.treeprocessors import Treeprocessor

    class Unlink(Treeprocessor):
        on = False

        def run(self, root: Any) -> None:
            if not self.on:
                return
            for heading in root.iter():
                if heading.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    for a in list(heading):
                        if a.tag == "a" and "headerlink" in a.get("class", "").split():
                            heading.remove(a)

    class LeanHeadings(Extension):
        def __init__(self) -> None:
            super().__init__()
            self.unlink = Unlink()

        def extendMarkdown(self, md: Any) -> None:  # Python-Markdown's name
            self.unlink.md = md
            md.treeprocessors.register(self.unlink, "briefing-lean-headings", 4)  # after toc (5)

    return LeanHeadings()


# What every lean page repeats word for word (the theme's script that names the site's storage,
# the toggles and skip link base.html writes after <body>, the header with the palette script and
# the search form, the theme's settings for its script), written once into this script, which
# puts that markup back where it is included and runs those scripts. Our templates mark these
# parts (templates/theme/): the partial partials/javascripts/base.html, the lean template's
# header and config blocks; the start of <body>, which base.html writes outside any block, is
# marked here.
SHARED_HEADER = "assets/briefing/lean-header.js"
SHARED_START, SHARED_END = "<!--briefing:shared-->", "<!--briefing:/shared-->"
_SHARED = re.compile(re.escape(SHARED_START) + "(.*?)" + re.escape(SHARED_END), re.DOTALL)
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def shared_header_script(block: str) -> str:
    """JavaScript that inserts the block's markup where the script element stands, then runs the
    block's inline scripts in their order (scripts in inserted markup would not run; the markup
    goes in whole, as insertAdjacentHTML would close a part of it at once)."""
    import json

    code = "".join(m.group(1).rstrip(";") + ";\n" for m in _SCRIPT.finditer(block))
    markup = _INDENT.sub("\n", _SCRIPT.sub("", block)).strip()
    # `<\/` keeps a `</script>` in the markup from ending anything should the text be inlined
    insert = json.dumps(markup, ensure_ascii=False).replace("</", "<\\/")
    return f'document.currentScript.insertAdjacentHTML("beforebegin",{insert});\n' + code


def _mark_body(output: str) -> str:
    """The page with SHARED_START right after its <body> tag (base.html writes the toggles and
    skip link there, outside any block; the lean template's header block ends the part)."""
    start = output.find("<body")
    end = output.find(">", start)
    if start < 0 or end < 0:
        return output
    return output[:end + 1] + SHARED_START + output[end + 1:]


def _share(output: str, shared: str | None, src: str) -> tuple[str, str | None]:
    """The page with its shared parts replaced by one script element where the first part in
    <body> was, and the shared parts; the page unchanged (but for the markers) when its parts
    differ from `shared` or are not where the templates put them."""
    regions = list(_SHARED.finditer(output))
    body = output.find("<body")
    inside = [i for i, m in enumerate(regions) if m.start() > body]
    if body < 0 or len(regions) < 2 or not inside or inside[0] == 0:
        return _SHARED.sub(lambda m: m.group(1), output), shared
    mine = "".join(m.group(1) for m in regions)
    if shared is not None and mine != shared:  # a page unlike the others keeps its own
        return _SHARED.sub(lambda m: m.group(1), output), shared
    return _splice(output, regions, inside[0], f'<script src="{src}"></script>'), mine


def _splice(output: str, parts: list[re.Match[str]], at: int, element: str) -> str:
    """`output` without `parts` (in order, not overlapping), and `element` where parts[at] was."""
    out, pos = [], 0
    for n, part in enumerate(parts):
        out += [output[pos:part.start()], element if n == at else ""]
        pos = part.end()
    out.append(output[pos:])
    return "".join(out)


# The stylesheets every lean page links, in one file of @imports: a link per stylesheet costs
# each of thousands of pages its bytes; the @imports cost a reader's first lean page one round
# trip (the browser finds them in this file), and the browser's cache the pages after it.
SHARED_STYLES = "assets/briefing/lean.css"
_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\n?')


def _share_styles(output: str, shared: tuple[str, ...] | None, page_dir: str,
                  src: str) -> tuple[str, tuple[str, ...] | None]:
    """The page with its stylesheet links replaced by one to SHARED_STYLES, and the stylesheets'
    paths in the site; the page unchanged when they differ from `shared` or leave the site."""
    links = list(_STYLESHEET.finditer(output.partition("</head>")[0]))
    hrefs = [m.group(1) for m in links]
    if not links or any(":" in h or h.startswith("/") for h in hrefs):
        return output, shared
    mine = tuple(posixpath.normpath(posixpath.join(page_dir, h)) for h in hrefs)
    if shared is not None and mine != shared:
        return output, shared
    return _splice(output, links, 0, f'<link rel="stylesheet" href="{src}">\n'), mine


def shared_styles(paths: tuple[str, ...]) -> str:
    """SHARED_STYLES: an @import of each stylesheet, in order (the order of the cascade)."""
    here = posixpath.dirname(SHARED_STYLES)
    return "".join(f'@import url("{posixpath.relpath(p, here)}");\n' for p in paths)


def _lean_pages(folders: tuple[str, ...]) -> Any:
    """A plugin that renders the pages in `folders` with the lean template, without indentation:
    with thousands of source pages, what every page repeats decides the size of the site."""
    import jinja2
    from mkdocs.plugins import BasePlugin
    from mkdocs.utils import get_relative_url

    from .render import MARKER

    headings = _lean_headings()

    def lean(page: Any) -> bool:
        uri = page.file.src_uri
        return uri.startswith(folders) and not uri.endswith("/index.md") and "template" not in page.meta

    class LeanPages(BasePlugin):  # type: ignore[type-arg]  # no options of its own
        shared: str | None = None  # the first lean page's shared block; the others must match
        styles: tuple[str, ...] | None = None  # and its stylesheets

        def on_config(self, config: Any) -> Any:
            config.markdown_extensions.append(headings)
            return config

        def on_pre_build(self, *, config: Any) -> None:
            self.shared = self.styles = None

        def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
            # ours first (the lean page, the partials it overrides), the theme's also by prefix
            env.loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(THEME_DIR)),
                                              jinja2.PrefixLoader({THEME_PREFIX: env.loader}), env.loader])
            return env

        def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
            headings.unlink.on = lean(page)
            if not headings.unlink.on:
                return markdown
            page.meta["template"] = LEAN_TEMPLATE
            # the generator's note to editors: a reader of a page of article text has no use for it
            return "\n".join(line for line in markdown.split("\n") if not line.startswith(MARKER))

        def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
            if page.meta.get("template") == LEAN_TEMPLATE:
                context["config"] = lean_config(config)
            return context

        def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
            if page.meta.get("template") != LEAN_TEMPLATE:
                return output
            output, self.shared = _share(_mark_body(output), self.shared,
                                         get_relative_url(SHARED_HEADER, page.url or "."))
            output, self.styles = _share_styles(output, self.styles, posixpath.dirname(page.file.dest_uri),
                                                get_relative_url(SHARED_STYLES, page.url or "."))
            if "<pre" not in output and "<textarea" not in output:
                output = _INDENT.sub("\n", output)
            return output

        def on_post_build(self, *, config: Any) -> None:
            if self.shared is not None:
                path = Path(config.site_dir) / SHARED_HEADER
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(shared_header_script(self.shared), encoding="utf-8")
            if self.styles is not None:
                path = Path(config.site_dir) / SHARED_STYLES
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(shared_styles(self.styles), encoding="utf-8")

    return LeanPages()


SERVE_HOOK = Path(__file__).resolve().parent / "serve_hook.py"


def serve(project_root: Path, *, dev_addr: str = "127.0.0.1:8000", livereload: bool = True,
          open_in_browser: bool = False) -> None:
    """Serve the site while editing, rebuilding when docs/ or mkdocs.yml change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    config_file = project_root / "mkdocs.yml"
    if not config_file.is_file():
        raise BriefingError([Problem(str(config_file), None, "missing: the site's settings")])
    # `mkdocs serve` loads the settings again on every rebuild, so the front-end files come in
    # through a hook script (MkDocs' own extension point), after the project's own hooks.
    own = list(load(project_root, project_root / "docs", project_root / "site", strict=False)["hooks"])
    mkdocs_serve(str(config_file), livereload=livereload, open_in_browser=open_in_browser,
                 dev_addr=dev_addr, strict=False, hooks=[*own, str(SERVE_HOOK)])


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
