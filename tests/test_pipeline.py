"""The pipeline's render step writes into a folder it keeps (``pipeline.write_pages``)."""

from __future__ import annotations

from pathlib import Path

from builder import pipeline


def _write(root: Path, docs: Path) -> None:
    archive, analysis = pipeline.check(root)
    pipeline.write_pages(archive, analysis, root, docs)


def _times(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*")}


def test_writing_again_leaves_unchanged_files_as_they_were(minimal_root, tmp_path):
    docs = tmp_path / "docs"
    _write(minimal_root, docs)
    before = _times(docs)
    assert "glossary/looked-after-child.md" in before and "assets/archive.min.css" in before
    _write(minimal_root, docs)
    assert _times(docs) == before


def test_a_page_removed_from_the_archive_leaves_nothing_behind(minimal_root, tmp_path):
    docs = tmp_path / "docs"
    _write(minimal_root, docs)
    (docs / "stray" / "deeper").mkdir(parents=True)
    (docs / "stray" / "deeper" / "old.md").write_text("from an earlier build\n")
    (minimal_root / "glossary" / "special-guardianship-order.md").unlink()
    linking = minimal_root / "glossary" / "looked-after-child.md"
    text = linking.read_text(encoding="utf-8")
    linking.write_text(text.replace("related: [special-guardianship-order]\n", ""), "utf-8")
    _write(minimal_root, docs)
    left = set(_times(docs))
    assert "glossary/special-guardianship-order.md" not in left
    assert "glossary/looked-after-child.md" in left
    assert not any(path.startswith("stray") for path in left), "its emptied folders too"
