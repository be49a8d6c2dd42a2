"""Build hook: a wheel or sdist built from the repository carries the front-end files the site
needs (Mermaid, Roboto, the iframe-worker shim, with their licences) in generator/vendor/, copied
from web/node_modules (`npm ci` in web/). Everything else is in pyproject.toml."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
MODULES = ROOT / "web" / "node_modules"
VENDOR = ROOT / "generator" / "vendor"  # present only in an unpacked sdist


def npm_files() -> tuple[tuple[str, str], ...]:
    """generator/frontend.py's NPM_FILES, read by path: the package's dependencies need not be
    installed where it is built."""
    spec = importlib.util.spec_from_file_location("_briefing_frontend", ROOT / "generator" / "frontend.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.NPM_FILES)


def copy_vendor(package_dir: Path) -> None:
    """Copy every needed npm file to package_dir/vendor/<package>/<file>; an sdist's own copy
    serves when there is no web/node_modules."""
    missing = []
    for package, name in npm_files():
        source = MODULES / package / name
        if not source.is_file():
            source = VENDOR / package / name
        if not source.is_file():
            missing.append(f"{package}/{name}")
            continue
        target = package_dir / "vendor" / package / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    if missing:
        raise SystemExit(f"front-end files missing from {MODULES}: {', '.join(missing[:5])}"
                         f"{' ...' if len(missing) > 5 else ''}; run `npm ci` in web/ first")


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        # An editable install reads web/node_modules in place (generator/frontend.py).
        if not getattr(self, "editable_mode", False):
            copy_vendor(Path(self.build_lib) / "generator")


class Sdist(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_vendor(Path(base_dir) / "generator")


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
