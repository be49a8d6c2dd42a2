"""Atomic output: the folder holds the old files or the new ones, never a mix."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import output


def test_replace_tree_writes_files_and_manifest(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, {"index.md": "# Hi\n", "players/a.md": b"A\n"})
    assert (target / "index.md").read_text() == "# Hi\n"
    assert (target / "players" / "a.md").read_bytes() == b"A\n"
    assert output.owned(target) == {"index.md", "players/a.md"}


def test_files_no_longer_generated_are_removed_but_hand_written_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, {"index.md": "1\n", "old.md": "gone\n"})
    (target / "notes.md").write_text("written by a person\n")
    output.replace_tree(target, {"index.md": "2\n"})
    assert sorted(p.name for p in target.iterdir()) == [output.MANIFEST, "index.md", "notes.md"]
    assert (target / "notes.md").read_text() == "written by a person\n"


def test_unchanged_files_are_linked_not_written_again(tmp_path: Path) -> None:
    target, record = tmp_path / "docs", tmp_path / "cache" / "written"
    output.replace_tree(target, {"same.md": "kept\n", "changed.md": "1\n"}, record=record)
    before = (target / "same.md").stat().st_ino
    output.replace_tree(target, {"same.md": "kept\n", "changed.md": "2\n"}, record=record)
    assert (target / "same.md").stat().st_ino == before  # the very file, linked
    assert (target / "same.md").read_text() == "kept\n" and (target / "changed.md").read_text() == "2\n"


def test_a_generated_file_edited_by_hand_is_written_again(tmp_path: Path) -> None:
    target, record = tmp_path / "docs", tmp_path / "cache" / "written"
    output.replace_tree(target, {"index.md": "generated\n"}, record=record)
    (target / "index.md").write_text("edited by hand, longer\n")
    output.replace_tree(target, {"index.md": "generated\n"}, record=record)
    assert (target / "index.md").read_text() == "generated\n"


def test_without_a_readable_record_every_file_is_written(tmp_path: Path) -> None:
    target, record = tmp_path / "docs", tmp_path / "written"
    output.replace_tree(target, {"index.md": "x\n"}, record=record)
    before = (target / "index.md").stat().st_ino
    record.write_bytes(b"not a record")
    output.replace_tree(target, {"index.md": "x\n"}, record=record)
    assert (target / "index.md").stat().st_ino != before and (target / "index.md").read_text() == "x\n"


@pytest.mark.parametrize("bad", ["../escape.md", "/etc/passwd", "a/../../b", "", "a//b", "a\\b", "./x"])
def test_unsafe_paths_are_refused_before_anything_is_written(tmp_path: Path, bad: str) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, {"index.md": "old\n"})
    with pytest.raises(output.UnsafePath):
        output.replace_tree(target, {"index.md": "new\n", bad: "x"})
    assert (target / "index.md").read_text() == "old\n"
    assert not (tmp_path / "escape.md").exists()


def test_failure_while_filling_keeps_the_old_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    output.replace_tree(target, {"index.html": "old\n"})

    def fill(staging: Path) -> None:
        staging.mkdir()
        (staging / "index.html").write_text("half")
        raise RuntimeError("killed mid-build")

    with pytest.raises(RuntimeError):
        output.fill_and_swap(target, fill)
    assert (target / "index.html").read_text() == "old\n"
    assert not any(p.name.startswith(".site") for p in tmp_path.iterdir())


def test_recover_after_a_crash_between_the_two_renames(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    output.replace_tree(target, {"index.md": "good\n"})
    new, old = target.with_name(".docs.new"), target.with_name(".docs.old")
    new.mkdir()
    (new / "index.md").write_text("partial")
    os.replace(target, old)  # the crash: old moved aside, new not yet in place
    output.recover(target)
    assert (target / "index.md").read_text() == "good\n"
    assert not new.exists() and not old.exists()
