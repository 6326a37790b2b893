"""Files kept between builds (builder/kept.py): written whole or not at all, and removed
once no build uses them."""

from __future__ import annotations

from builder import kept


def test_a_file_is_written_whole_with_nothing_left_beside_it(tmp_path):
    path = tmp_path / "cache" / "deep" / "entry.pickle"
    assert kept.write_whole(path, b"first")
    assert kept.write_whole(path, b"second")
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in path.parent.iterdir()) == ["entry.pickle"]


def test_a_folder_that_cannot_be_written_keeps_nothing_and_raises_nothing(tmp_path):
    (tmp_path / "build").write_text("a file where the cache's folder would be")
    assert not kept.write_whole(tmp_path / "build" / "cache" / "entry.pickle", b"data")
    assert (tmp_path / "build").read_text() == "a file where the cache's folder would be"


def test_files_no_build_uses_and_half_written_ones_are_removed(tmp_path):
    for name in ("a.pickle", "sub/b.pickle", "sub/c.pickle", "sub/c.pickle.123.tmp"):
        kept.write_whole(tmp_path / name, b"x")
    (tmp_path / "sub" / "c.pickle.123.tmp").write_bytes(b"stopped part-way")
    used = {tmp_path / "a.pickle", tmp_path / "sub" / "c.pickle"}
    assert kept.remove_unused(tmp_path, lambda path: path in used) == 2
    assert {p for p in tmp_path.rglob("*") if p.is_file()} == used
    assert kept.remove_unused(tmp_path / "missing", lambda path: False) == 0


def test_folders_left_empty_are_removed_but_not_the_folder_itself(tmp_path):
    for name in ("keep/a.md", "gone/deeper/b.md", "gone/c.md"):
        kept.write_whole(tmp_path / name, b"x")
    assert kept.remove_unused(tmp_path, lambda path: path.name == "a.md") == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "keep",
        "keep/a.md",
    ]
    assert kept.remove_unused(tmp_path, lambda path: False) == 1
    assert tmp_path.is_dir() and not any(tmp_path.iterdir())
