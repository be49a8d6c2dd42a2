"""Write an output folder all at once: build it beside the target, then swap it in.

A build killed at any point leaves either the previous folder or the new one in place, never a
mix: the new tree is written to `.NAME.new`, the old one renamed to `.NAME.old`, the new one
renamed into place, the old one removed. If a crash falls between the two renames, the next run
finds `.NAME.old` without `NAME` and puts it back (`recover`).

The generator owns only the files it wrote last time (listed in `MANIFEST` inside the folder);
anything else found there, such as a hand-written page, is carried over untouched.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath

from .cache import read, write

MANIFEST = ".briefing-manifest"
MAX_NAME_BYTES = 255  # the longest file name ext4, APFS and NTFS all accept


class UnsafePath(ValueError):
    """A generated path that would land outside its folder."""


def safe_relpath(relpath: str) -> PurePosixPath:
    """Check that a generated relative path stays inside its folder; return it normalised."""
    path = PurePosixPath(relpath)
    parts = relpath.split("/")
    if (not relpath or path.is_absolute() or "\\" in relpath
            or any(ord(ch) < 0x20 or ch == "\x7f" for ch in relpath)
            or any(part in ("", ".", "..") or len(part.encode("utf-8", "replace")) > MAX_NAME_BYTES
                   for part in parts)):
        raise UnsafePath(f"unsafe output path: {relpath!r}")
    return path


def _staging(target: Path) -> tuple[Path, Path]:
    return target.with_name(f".{target.name}.new"), target.with_name(f".{target.name}.old")


def recover(target: Path) -> None:
    """Undo what an interrupted swap left behind."""
    new, old = _staging(target)
    if old.exists() and not target.exists():
        os.replace(old, target)
    if old.exists():
        shutil.rmtree(old)
    if new.exists():
        shutil.rmtree(new)


def owned(target: Path) -> set[str]:
    """Relative paths the generator wrote into `target` last time."""
    try:
        lines = (target / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    # The manifest is a file in the repository like any other: a line such as `../../x` must
    # not make the generator read or skip anything outside `target`.
    return {line for line in lines if line and _is_safe(line)}


def _is_safe(relpath: str) -> bool:
    try:
        safe_relpath(relpath)
    except UnsafePath:
        return False
    return True


def replace_tree(target: Path, files: Mapping[str, bytes | str], *,
                 keep_foreign: bool = True, record: Path | None = None) -> None:
    """Make `target` hold `files` (plus any hand-written files already there), atomically.

    With `record` (a file outside `target`, rewritten here), a file whose bytes are the ones
    written last time, and which nobody has touched since (same size and modification time as
    then), is hard-linked into the new tree instead of written again: regenerating a large
    corpus after a small change writes only the pages that changed."""
    found = read(record) if record is not None else None
    before: dict[str, tuple[bytes, int, int]] = found if isinstance(found, dict) else {}
    after: dict[str, tuple[bytes, int, int]] = {}

    def fill(new: Path) -> None:
        paths = {str(safe_relpath(rel)): content for rel, content in files.items()}
        new.mkdir(parents=True)
        if keep_foreign and target.is_dir():
            _copy_foreign(target, new, owned(target) | set(paths) | {MANIFEST})
        for rel, content in sorted(paths.items()):
            dest = new / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            if record is None:
                dest.write_bytes(data)
                continue
            digest = hashlib.blake2b(data, digest_size=16).digest()
            if not _link_unchanged(target / rel, dest, digest, before.get(rel)):
                dest.write_bytes(data)
            st = dest.stat()
            after[rel] = (digest, st.st_size, st.st_mtime_ns)
        (new / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(paths)), encoding="utf-8")

    fill_and_swap(target, fill)
    if record is not None:
        write(record, after)  # kept beside the cache: losing it only means writing every page next time


def _link_unchanged(old: Path, dest: Path, digest: bytes, written: tuple[bytes, int, int] | None) -> bool:
    """Link `old` as `dest` when it still holds what was written with `digest` (see replace_tree)."""
    if written is None or written[0] != digest:
        return False
    try:
        st = old.lstat()
        if not stat.S_ISREG(st.st_mode) or (st.st_size, st.st_mtime_ns) != written[1:]:
            return False
        os.link(old, dest)
    except OSError:  # gone, or a file system without hard links: write it
        return False
    return True


def fill_and_swap(target: Path, fill: Callable[[Path], None]) -> None:
    """Let `fill` write a whole new `target` into a staging folder, then swap it in."""
    recover(target)
    new, _ = _staging(target)
    try:
        fill(new)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    swap_in(new, target)


def swap_in(new: Path, target: Path) -> None:
    _, old = _staging(target)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old)


def _copy_foreign(source: Path, dest: Path, skip: set[str]) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(source).as_posix()
        if rel in skip:
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target, follow_symlinks=False)


def read_tree(target: Path) -> dict[str, bytes]:
    """The generator-owned files of `target`, for comparison with a fresh generation."""
    out = {}
    for rel in sorted(owned(target)):
        try:
            out[rel] = (target / rel).read_bytes()
        except OSError:
            continue
    return out
