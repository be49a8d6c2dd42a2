"""The package installs anywhere: a wheel built from the repository, installed into a fresh
virtual environment outside the checkout, runs `briefing new`, `build` and `bundle` with every
front-end file (Mermaid, the fonts, the offline search shim) taken from inside the package."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "setup.py", "README.md", "generator")
ARTICLE = """---
title: "Port Alder halts payments to Meridian Build over the harbour bridge"
outlet: The Alder Gazette
published: 2026-03-02
---
Port Alder stopped payments to Meridian Build on Friday, Mayor Elena Ruiz said.

"We will not pay for a bridge that does not open," Ruiz told reporters at City Hall.

Meridian Build said the delay was caused by late steel deliveries and that it expects to finish in June.
"""


def _copy_sources(dest: Path) -> None:
    """What the wheel is built from, copied out of the checkout so the build leaves nothing in
    it (build/, *.egg-info); web/node_modules is linked, as `npm ci` left it."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "vendor"))
        else:
            shutil.copy(source, dest / name)
    (dest / "web").mkdir()
    (dest / "web" / "node_modules").symlink_to(ROOT / "web" / "node_modules")


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def test_a_wheel_installed_in_a_fresh_venv_builds_a_briefing_with_its_assets(tmp_path: Path) -> None:
    """Builds the wheel with `pip wheel --no-build-isolation` (no network) and installs it
    with `pip install --no-deps` into a fresh venv outside the checkout.

    The runtime dependencies are not installed again: `pip install --require-hashes -r
    requirements.lock` into a fresh venv took 226 s from pip's cache on the 2 shared cores
    (measured), and the base interpreter has none of them, so `--system-site-packages` would
    not help. Instead a .pth line puts the test interpreter's site-packages after the fresh
    venv's own. A plain path line in a .pth file does not run that folder's .pth files, so an
    editable install of briefing there (its import hook) stays out: the test checks that
    `generator` is imported from the wheel, and that the site gets every front-end file from
    the package (no web/node_modules anywhere near the commands)."""
    if not (ROOT / "web" / "node_modules" / "mermaid").is_dir():
        pytest.fail("web/node_modules is not installed: run `npm ci` in web/")
    src, wheels, env_dir, work = (tmp_path / "src", tmp_path / "wheels", tmp_path / "venv", tmp_path / "work")
    src.mkdir()
    work.mkdir()
    _copy_sources(src)
    clean = {"PATH": os.pathsep.join([str(env_dir / "bin"), "/usr/bin", "/bin"]), "HOME": str(tmp_path),
             "LANG": "C.UTF-8", "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
          str(wheels), str(src)], work, {**clean, "PATH": os.environ.get("PATH", "/usr/bin:/bin")})
    wheel = next(wheels.glob("briefing-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    assert "generator/vendor/mermaid/dist/mermaid.min.js" in names
    assert "generator/vendor/iframe-worker/LICENSE" in names and "generator/vendor/mermaid/LICENSE" in names

    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    python = env_dir / "bin" / "python"
    own = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    work, clean).strip())
    (own / "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], work, clean)
    where = _run([str(python), "-c", "import generator; print(generator.__file__)"], work, clean).strip()
    assert Path(where).is_relative_to(env_dir), where

    briefing = str(env_dir / "bin" / "briefing")
    project = work / "harbour"
    _run([briefing, "new", str(project), "--title", "Port Alder harbour bridge"], work, clean)
    (project / "corpus" / "articles" / "payments-halted.md").write_text(ARTICLE, encoding="utf-8")
    _run([briefing, "build", "--project", str(project)], work, clean)
    _run([briefing, "bundle", "--project", str(project)], work, clean)

    site = project / "site"
    assert len((site / "assets/vendor/mermaid/mermaid.min.js").read_bytes()) > 1_000_000
    assert (site / "assets/vendor/fonts/roboto-latin-400-normal.woff2").read_bytes()[:4] == b"wOF2"
    assert (site / "assets/vendor/fonts/fonts.css").is_file()
    assert "Port Alder" in (site / "index.html").read_text(encoding="utf-8")
    # docs/ holds the pages, not the front-end files
    assert not (project / "docs" / "assets").exists()
    bundle = next((project / "dist").glob("*.zip"))
    with zipfile.ZipFile(bundle) as z:
        inside = {name.split("/", 1)[1] for name in z.namelist()}
    for rel in ("assets/vendor/iframe-worker/iframe-worker.js", "assets/vendor/mermaid/mermaid.min.js",
                "assets/vendor/fonts/roboto-latin-400-normal.woff2", "index.html"):
        assert rel in inside, rel
