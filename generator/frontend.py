"""The site's front-end files: ours (generator/assets/) and pinned npm packages' (Mermaid, Roboto
from Fontsource, the iframe-worker shim), which the site build puts into the site.

An installed package carries the npm files it needs in generator/vendor/ (copied there from
web/node_modules when a wheel or sdist is built: see setup.py, which reads NPM_FILES from this
file by path, so nothing here may import the rest of the package at module level). An editable
install from a checkout has no vendor/ folder and reads web/node_modules instead.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets"
VENDOR = "vendor"  # under the package: <npm package>/<file>, as under node_modules
WEB_MODULES = HERE.parent / "web" / "node_modules"  # a checkout's `npm ci`
INSTALL_HINT = "run `make build` (it runs `npm ci` in web/), or install briefing from a wheel"

# (npm package, file in it, path in the site) copied as they are
COPIED: tuple[tuple[str, str, str], ...] = (
    ("mermaid", "dist/mermaid.min.js", "assets/vendor/mermaid/mermaid.min.js"),
    ("mermaid", "LICENSE", "assets/vendor/mermaid/LICENSE"),
    ("@fontsource/roboto", "LICENSE", "assets/vendor/fonts/LICENSE-roboto"),
    ("@fontsource/roboto-mono", "LICENSE", "assets/vendor/fonts/LICENSE-roboto-mono"),
)
# (family, weight, style): the faces the theme uses; latin and latin-ext subsets only, loaded
# by the browser only when a page has characters in their unicode-range.
FONT_FACES: tuple[tuple[str, int, str], ...] = (
    ("roboto", 400, "normal"), ("roboto", 400, "italic"), ("roboto", 500, "normal"),
    ("roboto", 700, "normal"), ("roboto-mono", 400, "normal"),
)
FONT_SUBSETS = ("latin-ext", "latin")
# The iframe-worker shim lets Material's search worker run from file://, where browsers refuse
# real workers. Material's offline plugin would load it from unpkg; the bundle ships this copy.
SHIM_PACKAGE = "iframe-worker"
SHIM_FILES = ("package.json", "shim/index.js", "LICENSE")
SHIM_PATH = "assets/vendor/iframe-worker/iframe-worker.js"  # in the site; must name iframe-worker
SHIM_LICENSE = "assets/vendor/iframe-worker/LICENSE"


def _font_sheet(family: str, weight: int, style: str) -> str:
    return f"{weight}-italic.css" if style == "italic" else f"{weight}.css"


def _face(family: str, subset: str, weight: int, style: str) -> str:
    return f"{family}-{subset}-{weight}-{style}"


# Every npm file the site may need, (package, file): what a wheel carries in generator/vendor/.
NPM_FILES: tuple[tuple[str, str], ...] = tuple(sorted(
    {(package, name) for package, name, _ in COPIED}
    | {(f"@fontsource/{family}", _font_sheet(family, weight, style)) for family, weight, style in FONT_FACES}
    | {(f"@fontsource/{family}", f"files/{_face(family, subset, weight, style)}.woff2")
       for family, weight, style in FONT_FACES for subset in FONT_SUBSETS}
    | {(SHIM_PACKAGE, name) for name in SHIM_FILES}))


def npm_file(package: str, name: str) -> bytes:
    """One file of a pinned npm package: the package's vendored copy, else (an editable install
    from a checkout) web/node_modules; a BriefingError saying how to install when neither has it."""
    vendored = resources.files(__package__ or "generator").joinpath(VENDOR, *package.split("/"),
                                                                    *name.split("/"))
    try:
        return vendored.read_bytes()
    except OSError:
        pass
    path = WEB_MODULES / package / name
    try:
        return path.read_bytes()
    except OSError as exc:
        from .errors import BriefingError, Problem

        where = str(WEB_MODULES / package) if not path.parent.is_dir() else str(path)
        raise BriefingError([Problem(where, None, f"front-end file missing ({exc.strerror}): "
                                     f"{package}/{name}", INSTALL_HINT)]) from None


def site_files() -> dict[str, bytes]:
    """The static files every page of a briefing site needs, by path in the site: ours, and
    the pinned npm packages' (Mermaid, Roboto and its @font-face sheet)."""
    files: dict[str, bytes] = {}
    for path in sorted(ASSETS.rglob("*")):
        if path.is_file():
            files["assets/briefing/" + path.relative_to(ASSETS).as_posix()] = path.read_bytes()
    for package, name, target in COPIED:
        files[target] = npm_file(package, name)
    css: list[str] = []
    for family, weight, style in FONT_FACES:
        package = f"@fontsource/{family}"
        sheet = npm_file(package, _font_sheet(family, weight, style)).decode("utf-8")
        for subset in FONT_SUBSETS:
            face = _face(family, subset, weight, style)
            block = re.search(r"/\* " + re.escape(face) + r" \*/\s*(@font-face\s*\{[^}]*\})", sheet)
            if block is None:
                from .errors import BriefingError, Problem

                raise BriefingError([Problem(package, None, f"no @font-face for {face}", INSTALL_HINT)])
            files[f"assets/vendor/fonts/{face}.woff2"] = npm_file(package, f"files/{face}.woff2")
            # woff2 only: every browser that runs the theme reads it
            css.append(re.sub(r"src:[^;]*;", f"src: url(./{face}.woff2) format('woff2');",
                              block.group(1)))
    files["assets/vendor/fonts/fonts.css"] = ("/* Roboto and Roboto Mono from Fontsource (OFL-1.1),"
                                              " shipped with the site. */\n"
                                              + "\n".join(css) + "\n").encode("utf-8")
    return files


def shim_files() -> dict[str, bytes]:
    """The iframe-worker shim (with a banner naming its version and licence) and its licence,
    by path in the site: what a site read from disk adds (bundle.py)."""
    try:
        meta = json.loads(npm_file(SHIM_PACKAGE, "package.json"))
    except ValueError as exc:
        from .errors import BriefingError, Problem

        raise BriefingError([Problem(f"{SHIM_PACKAGE}/package.json", None,
                                     f"cannot read the iframe-worker shim: {exc}", INSTALL_HINT)]) from None
    banner = f"/*! {SHIM_PACKAGE} {meta.get('version', '')} | {meta.get('license', '')} License | " \
             f"{meta.get('homepage', '')} */\n"
    return {SHIM_PATH: banner.encode("utf-8") + npm_file(SHIM_PACKAGE, "shim/index.js"),
            SHIM_LICENSE: npm_file(SHIM_PACKAGE, "LICENSE")}


__all__ = ["npm_file", "site_files", "shim_files", "NPM_FILES", "SHIM_PATH", "SHIM_LICENSE"]
