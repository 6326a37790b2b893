"""Listing a folder's files, and linking them elsewhere, as the build does
(``builder/folders.py``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from builder import folders
from builder.folders import files_under, folder_bytes, link_or_copy


def _tree(root: Path) -> Path:
    for path, text in {
        "index.html": "<p>home</p>",
        "b/index.html": "<p>b</p>",
        "a/z.md": "z",
        "a/deep/er/page.html": "<p>deep</p>",
        "a/deep/er/page.html.tmp": "half",
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    (root / "empty").mkdir()
    (root / "folder.html").mkdir()  # a folder, named as a page would be
    os.symlink(root / "b" / "index.html", root / "linked.html")
    os.symlink(root / "gone.html", root / "broken.html")
    return root


def test_every_file_is_listed_once_relative_and_sorted_as_pathlib_finds_them(tmp_path):
    root = _tree(tmp_path / "site")
    listed = files_under(root)
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert listed == found
    assert listed == [
        "a/deep/er/page.html",
        "a/deep/er/page.html.tmp",
        "a/z.md",
        "b/index.html",
        "index.html",
        "linked.html",
    ]


def test_a_suffix_keeps_the_files_whose_names_end_with_it_and_no_folder(tmp_path):
    root = _tree(tmp_path / "site")
    assert files_under(root, ".html") == [
        "a/deep/er/page.html",
        "b/index.html",
        "index.html",
        "linked.html",
    ]


def test_a_missing_folder_has_no_files_and_no_bytes(tmp_path):
    assert files_under(tmp_path / "nothing") == []
    assert folder_bytes(tmp_path / "nothing") == 0


def test_a_folders_bytes_are_those_of_its_files(tmp_path):
    root = _tree(tmp_path / "site")
    expected = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    assert (
        folder_bytes(root) == expected == 11 + 8 + 1 + 11 + 4 + 8
    )  # the link counts as the file it links to


def test_a_file_is_linked_on_the_same_file_system_and_copied_across(tmp_path, monkeypatch):
    source = tmp_path / "site"
    (source / "b").mkdir(parents=True)
    (source / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (source / "b/index.html").write_text("<p>b</p>", encoding="utf-8")
    shutil.copytree(source, tmp_path / "linked", copy_function=link_or_copy)
    assert os.path.samefile(source / "b/index.html", tmp_path / "linked/b/index.html")

    def across(source: str, target: str) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(folders.os, "link", across)
    shutil.copytree(source, tmp_path / "copied", copy_function=link_or_copy)
    copied = tmp_path / "copied/b/index.html"
    assert not os.path.samefile(source / "b/index.html", copied)
    assert copied.read_text(encoding="utf-8") == "<p>b</p>"
    assert files_under(tmp_path / "copied") == files_under(source)
