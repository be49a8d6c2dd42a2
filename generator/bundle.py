"""`briefing bundle`: the whole briefing in one zip file, to read from disk without a network.

The zip holds one folder, `<story>-<as-of>/`: the site built for file:// (Material's offline
plugin, the iframe-worker shim and every other asset inside, search included), briefing.json,
and the source articles it cites under `corpus/articles/`. Pages are regenerated from the corpus
as it stands, so the bundle never shows stale docs/. The same corpus gives the same bytes:
entries sorted, one fixed timestamp (SOURCE_DATE_EPOCH, else the as-of date), fixed
permissions, deflate at a fixed level.
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from .build import JSON_NAME, Generated, generate
from .config import Project
from .errors import BriefingError, Problem
from .frontend import SHIM_PATH, shim_files, site_files
from .model import Briefing
from .output import MANIFEST, replace_tree
from .slugs import slug

# Source pages are indexed by title and lead only: their text is the bulk of a site and is
# quoted, where it matters, on the pages that are searched (players, timeline, questions).
INDEX_PAGES_ONLY = ("sources/",)
WHATS_NEW = "whats-new.md"
COMPRESS_LEVEL = 9
ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a zip entry can carry
SLUG_LIMIT = 60
README = """{title}

An offline copy of the briefing, as of {as_of}.

- index.html: open it in a web browser. Pages and search work without a network; only the
  links to the original articles need one.
- {json}: the whole briefing for machines.
- corpus/articles/: the source articles it cites, as given to the generator.
"""


def make_bundle(project: Project, report: Callable[[str], None], output: Path | None = None) -> Path:
    """Write `<output>/<story>-<as-of>.zip` (default output: dist/) and return its path."""
    from .site import Offline, build_site

    target_dir = output or project.root / "dist"
    generated = generate(project, report)
    briefing = generated.briefing
    name = bundle_name(briefing)
    assets = {**site_files(), **shim_files()}  # read first: a missing install fails early
    with tempfile.TemporaryDirectory(prefix="briefing-bundle-") as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        report("building the site for reading from disk")
        prepare_docs(project, generated, docs)
        build_site(project.root, docs, site, offline=Offline(SHIM_PATH, INDEX_PAGES_ONLY), assets=assets)
        remote = remote_assets(site)
        if remote:
            raise BriefingError([Problem(f"site/{rel}", None, f"would fetch {url} from the network",
                                         "ship the file with the site (web/package.json) instead")
                                 for rel, url in remote])
        for rel, url in missing_assets(site):
            report(f"warning: site/{rel}: {url} is not in the bundle; a reader on disk goes without it")
        files = tree_files(site)
    cited = cited_articles(briefing)
    for rel in cited:
        files[rel] = (project.root / rel).read_bytes()
    files["README.txt"] = README.format(title=briefing.story.title, json=JSON_NAME,
                                        as_of=briefing.as_of.iso() if briefing.as_of else "no date").encode()
    data = zip_bytes({f"{name}/{rel}": content for rel, content in files.items()},
                     zip_time(briefing, os.environ.get("SOURCE_DATE_EPOCH")))
    path = target_dir / f"{name}.zip"
    write_atomic(path, data)
    report(size_line(path, data, files, project.site) + f"; {len(cited)} of "
           f"{len(briefing.articles)} articles cited")
    return path


def bundle_name(briefing: Briefing) -> str:
    """`<story>-<as-of>`: the story's title (before any subtitle) as a slug, and the as-of date."""
    title = briefing.story.title.split(":")[0] or briefing.story.title
    return f"{slug(title, SLUG_LIMIT, 'briefing')}-{briefing.as_of.iso() if briefing.as_of else 'undated'}"


def zip_time(briefing: Briefing, source_date_epoch: str | None) -> tuple[int, int, int, int, int, int]:
    """The one timestamp every entry carries: SOURCE_DATE_EPOCH, else the as-of date at midnight."""
    if source_date_epoch:
        try:
            when = dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise BriefingError([Problem("SOURCE_DATE_EPOCH", None,
                                         f"expected seconds since 1970, got {source_date_epoch!r}")]) from None
    elif briefing.as_of:
        when = dt.datetime.combine(briefing.as_of.first_day(), dt.time())
    else:
        when = ZIP_EPOCH
    when = max(when, ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def prepare_docs(project: Project, generated: Generated, dest: Path) -> None:
    """Fill `dest` with the pages the corpus generates now and the hand-written pages of docs/
    (the front-end files and the shim go into the site by themselves: site.build_site)."""
    files: dict[str, str | bytes] = dict(generated.files)
    # A What's new page made by `briefing build --previous` cannot be regenerated here; keep it
    # while docs/ holds the same briefing as the corpus gives now.
    kept = project.docs / WHATS_NEW
    current = project.docs / JSON_NAME
    fresh = generated.files[JSON_NAME]
    if kept.is_file() and current.is_file() and current.read_bytes() == (
            fresh.encode("utf-8") if isinstance(fresh, str) else fresh):
        files[WHATS_NEW] = kept.read_bytes()
    if project.docs.is_dir():
        shutil.copytree(project.docs, dest)
    replace_tree(dest, files)


def cited_articles(briefing: Briefing) -> list[str]:
    """Paths (relative to the project) of the articles some item of the briefing cites."""
    from .render import cited_sentences

    cited = cited_sentences(briefing)
    return sorted(a.path for a in briefing.articles if a.id in cited)


def tree_files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path with forward slashes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


class _Fetches(HTMLParser):
    """Addresses a page would fetch by itself (not links a reader may follow)."""

    FETCHING_RELS = frozenset({"stylesheet", "preconnect", "preload", "prefetch", "modulepreload",
                               "icon", "manifest", "dns-prefetch", "apple-touch-icon"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and self.FETCHING_RELS & set(a.get("rel", "").lower().split()):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "source", "audio", "video", "embed", "track"):
            self.urls.append(a.get("src", ""))
        elif tag == "object":
            self.urls.append(a.get("data", ""))


_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)""",
                      re.IGNORECASE)


def page_fetches(site: Path) -> list[tuple[str, str]]:
    """(page, address) for every asset an HTML page of `site` fetches by itself."""
    found: list[tuple[str, str]] = []
    for path in sorted(site.rglob("*.html")):
        parser = _Fetches()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        found += [(path.relative_to(site).as_posix(), url) for url in parser.urls if url.strip()]
    return found


def remote_assets(site: Path) -> list[tuple[str, str]]:
    """(file, address) for every asset a page or stylesheet of `site` would fetch from a network."""
    found = [(rel, url) for rel, url in page_fetches(site) if _REMOTE.match(url)]
    for path in sorted(site.rglob("*.css")):
        found += [(path.relative_to(site).as_posix(), m.group(1))
                  for m in _CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace"))]
    return sorted(set(found))


def missing_assets(site: Path) -> list[tuple[str, str]]:
    """(page, address) for every relative asset address that names no file of `site`: written
    for directory URLs, say, it points one folder too high once pages are `name.html`."""
    root = site.resolve()
    missing = []
    for rel, url in page_fetches(site):
        if _REMOTE.match(url) or re.match(r"^\s*[a-z][a-z0-9+.-]*:", url, re.IGNORECASE) or url.startswith("/"):
            continue  # remote (reported apart), data:/blob:, or absolute: nothing to resolve here
        target = ((site / rel).parent / unquote(url.split("#")[0].split("?")[0])).resolve()
        if not target.is_relative_to(root) or not target.is_file():
            missing.append((rel, url))
    return sorted(set(missing))


def zip_bytes(files: Mapping[str, bytes], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of `files` that depends on nothing but them and `date_time`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for rel in sorted(files):
            info = zipfile.ZipInfo(rel, date_time)
            info.create_system = 3  # Unix, so that the permissions below are read
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[rel], compresslevel=COMPRESS_LEVEL)
    return buffer.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a temporary file beside it, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def folder_size(root: Path, skip: Iterable[str] = (MANIFEST,)) -> int:
    """Bytes of the files under `root`."""
    skipped = set(skip)
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.name not in skipped)


def size_line(path: Path, data: bytes, files: Mapping[str, bytes], plain_site: Path) -> str:
    """`<name>.zip: 1.2 MB (3.4 MB unpacked); plain site/ 3.3 MB (zip 0.36x)`."""
    unpacked = sum(len(c) for c in files.values())
    line = f"wrote {path.name}: {_mb(len(data))} ({_mb(unpacked)} unpacked)"
    if plain_site.is_dir():
        plain = folder_size(plain_site)
        line += (f"; plain site/ {_mb(plain)}: zip {len(data) / plain:.2f}x, "
                 f"unpacked {unpacked / plain:.2f}x")
    else:
        line += "; no site/ to compare with (run `briefing build`)"
    return line


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"
