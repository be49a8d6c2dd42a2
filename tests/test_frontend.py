"""The front-end files (Mermaid, Roboto, the iframe-worker shim, our CSS and loader): where
they are read from, and what the site gets."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator import frontend
from generator.errors import BriefingError

ROOT = Path(__file__).resolve().parent.parent


def test_site_files_ship_mermaid_fonts_and_our_css() -> None:
    files = frontend.site_files()
    assert "assets/briefing/briefing.css" in files and "assets/briefing/mermaid-loader.js" in files
    assert len(files["assets/vendor/mermaid/mermaid.min.js"]) > 1_000_000
    assert b"MIT" in files["assets/vendor/mermaid/LICENSE"]
    css = files["assets/vendor/fonts/fonts.css"].decode()
    faces = re.findall(r"url\(\./([^)]+)\)", css)
    assert len(faces) == 10
    for name in faces:
        assert files[f"assets/vendor/fonts/{name}"][:4] == b"wOF2"
    assert "http" not in css


def test_shim_is_the_pinned_npm_copy_with_a_banner() -> None:
    files = frontend.shim_files()
    pinned = json.loads((ROOT / "web" / "package.json").read_text())["dependencies"]["iframe-worker"]
    code = files[frontend.SHIM_PATH]
    assert code.startswith(f"/*! iframe-worker {pinned} | MIT License".encode())
    assert b"IFrameWorker" in code and b"MIT" in files[frontend.SHIM_LICENSE]
    assert "iframe-worker" in frontend.SHIM_PATH  # Material's offline plugin looks for the name


def test_npm_files_list_everything_the_site_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """NPM_FILES is what a wheel carries: a file read but not listed would be missing from an
    installed package only."""
    read: list[tuple[str, str]] = []
    real = frontend.npm_file

    def recording(package: str, name: str) -> bytes:
        read.append((package, name))
        return real(package, name)

    monkeypatch.setattr(frontend, "npm_file", recording)
    frontend.site_files()
    frontend.shim_files()
    assert sorted(set(read)) == sorted(frontend.NPM_FILES)


def test_a_vendored_copy_is_read_before_web_node_modules(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    vendored = tmp_path / "vendor" / "mermaid" / "LICENSE"
    vendored.parent.mkdir(parents=True)
    vendored.write_bytes(b"the wheel's copy")
    monkeypatch.setattr(frontend, "VENDOR", str(tmp_path / "vendor"))  # an absolute path wins the join
    assert frontend.npm_file("mermaid", "LICENSE") == b"the wheel's copy"
    # anything the vendored folder lacks still comes from the checkout's web/node_modules
    assert b"MIT" in frontend.npm_file("iframe-worker", "LICENSE")


def test_missing_front_end_files_say_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(frontend, "VENDOR", str(tmp_path / "no-vendor"))
    monkeypatch.setattr(frontend, "WEB_MODULES", tmp_path / "node_modules")
    for make in (frontend.site_files, frontend.shim_files):
        with pytest.raises(BriefingError) as caught:
            make()
        text = str(caught.value.problems[0])
        assert "npm ci" in text and "wheel" in text
