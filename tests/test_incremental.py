"""An incremental build gives, byte for byte, the site a whole build gives."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder import build, incremental, pipeline, search
from builder.synth import Shape, synthesise

from .pages import site_files

pytestmark = pytest.mark.slow

SHAPE = Shape(meetings=6, indicators=2, years=1, terms=3)


def _whole_build(root: Path, tmp_path: Path, **edition: Any) -> dict[str, bytes]:
    """The site built from nothing: a copy of ``root`` without its kept files."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("build", "site"))
    result = pipeline.build(fresh, fresh / "site", **edition)
    assert result.whole
    return site_files(fresh / "site")


def _a_meeting(root: Path) -> Path:
    return sorted((root / "content" / "meetings").glob("*.yml"))[2]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = synthesise(SHAPE, tmp_path / "root")
    assert pipeline.build(root, root / "site").whole
    return root


def _times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_a_build_with_nothing_changed_converts_no_page_and_changes_nothing(built):
    before, docs = site_files(built / "site"), incremental.kept_docs(built)
    written = _times(docs)
    result = pipeline.build(built, built / "site")
    assert not result.whole and site_files(built / "site") == before
    assert _times(docs) == written, "no Markdown file written again"


def test_after_one_meeting_changes_only_its_pages_are_converted_to_the_whole_builds_site(
    built, tmp_path, monkeypatch
):
    """The edition's name and date have not moved: the pages kept from the last build show
    them already, and are not read to be stamped again."""
    monkeypatch.setattr(pipeline, "stamp_pages", _stopped)
    meeting = _a_meeting(built)
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "venue: Council Chamber", "venue: Committee Room 2"
        ),
        encoding="utf-8",
    )
    result = pipeline.build(built, built / "site")
    assert not result.whole
    site = site_files(built / "site")
    assert site == _whole_build(built, tmp_path)
    assert b"Committee Room 2" in site[f"meetings/{meeting.stem}/index.html"]


def test_a_page_gone_or_other_settings_make_a_whole_build(built):
    meeting = _a_meeting(built)
    page = incremental.kept_docs(built) / "meetings" / f"{meeting.stem}.md"
    assert page.is_file()
    meeting.unlink()
    assert pipeline.build(built, built / "site").whole
    assert not page.exists(), "its Markdown is removed"
    site = built / "site_config" / "site.yml"
    site.write_text(
        site.read_text(encoding="utf-8").replace("site_name: ", "site_name: The "),
        encoding="utf-8",
    )
    assert pipeline.build(built, built / "site").whole


def test_a_failed_build_leaves_the_next_one_right(built, tmp_path, monkeypatch):
    meeting = _a_meeting(built)
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("venue: Council Chamber", "venue: Hall"),
        encoding="utf-8",
    )

    def fail(*args, **kwargs):
        raise RuntimeError("the site generator stopped")

    monkeypatch.setattr(pipeline, "run_mkdocs", fail)
    with pytest.raises(RuntimeError):
        pipeline.build(built, built / "site")
    monkeypatch.undo()
    assert not pipeline.build(built, built / "site").whole
    assert site_files(built / "site") == _whole_build(built, tmp_path)


def test_a_failed_build_then_undone_leaves_the_next_one_right(built, tmp_path, monkeypatch):
    """The failed build wrote its Markdown (newer than the published pages); the next build
    writes the page back as it was, and converts it again."""
    meeting = _a_meeting(built)
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("venue: Council Chamber", "venue: Hall"), encoding="utf-8")
    monkeypatch.setattr(pipeline, "run_mkdocs", _stopped)
    with pytest.raises(RuntimeError):
        pipeline.build(built, built / "site")
    monkeypatch.undo()
    meeting.write_text(text, encoding="utf-8")
    assert not pipeline.build(built, built / "site").whole
    assert site_files(built / "site") == _whole_build(built, tmp_path)


def _stopped(*args, **kwargs):
    raise RuntimeError("the site generator stopped")


def test_another_output_folder_is_built_whole(built):
    assert pipeline.build(built, built / "elsewhere").whole
    assert incremental.previous(built, built / "nowhere", "any") is None


def test_a_page_deleted_from_the_output_folder_makes_a_whole_build(built):
    meeting = _a_meeting(built)
    (built / "site" / "meetings" / meeting.stem / "index.html").unlink()
    assert pipeline.build(built, built / "site").whole
    assert (built / "site" / "meetings" / meeting.stem / "index.html").is_file()


def test_a_rebuild_changes_no_published_file_until_it_replaces_the_site(built, monkeypatch):
    """A rebuild starts from links to the published site's files, not copies: the pages
    it converts again are written beside them and replace them, so a rebuild that fails
    once its pages are written leaves every published file as it was."""
    before = site_files(built / "site")
    meeting = _a_meeting(built)
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace(
            "venue: Council Chamber", "venue: Committee Room 2"
        ),
        encoding="utf-8",
    )
    page = Path("meetings") / meeting.stem / "index.html"
    seen = {}

    def fail(html: Path, cache: Path | None = None) -> search.SearchIndex:
        seen["rewritten"] = b"Committee Room 2" in (html / page).read_bytes()
        seen["linked"] = sum(
            1
            for path in html.rglob("*.html")
            for published in [built / "site" / path.relative_to(html)]
            if published.exists() and os.path.samefile(path, published)
        )
        raise build.SiteBuildError("the search index could not be written")

    monkeypatch.setattr(pipeline, "index_for_search", fail)
    with pytest.raises(build.SiteBuildError):
        pipeline.build(built, built / "site")
    assert seen["rewritten"] and seen["linked"] > 10
    assert site_files(built / "site") == before


def test_a_meeting_after_every_other_record_moves_the_edition_date_of_pages_not_converted(
    built, tmp_path
):
    """The next meeting moves the archive's date, which every page's footer gives: the
    pages it does not change are not converted again, and still show the new date."""
    meetings = sorted((built / "content" / "meetings").glob("*.yml"))
    archive, _ = pipeline.check(built)
    day = archive.latest_date + dt.timedelta(days=7)
    committee = archive.meetings[-1].committee
    (built / "content" / "meetings" / f"{day.isoformat()}.yml").write_text(
        f"committee: {committee}\ndate: {day.isoformat()}\nstatus: scheduled\n"
        f"sources:\n  - Agenda, {committee}, {day.isoformat()}\n"
        "items:\n  - title: Children's Services performance\n",
        encoding="utf-8",
    )
    untouched = built / "site" / "meetings" / meetings[0].stem / "index.html"
    before = untouched.read_text(encoding="utf-8")
    result = pipeline.build(built, built / "site")
    assert not result.whole
    site = site_files(built / "site")
    assert site == _whole_build(built, tmp_path)
    after = site[f"meetings/{meetings[0].stem}/index.html"].decode()
    assert f'datetime="{day.isoformat()}"' in after
    assert f'datetime="{day.isoformat()}"' not in before


def test_an_edition_renamed_is_written_into_the_pages_not_converted_again(built, tmp_path):
    """A new month's release names a new edition, whose name every page's footer gives,
    with the page's permanent address under it: the pages are not converted again for it,
    and each gives the new name and its address in the new edition."""
    edition = {"versioned": True, "default_site_url": "https://archive.example.org/panel/"}
    assert pipeline.build(built, built / "site", edition="2030-01", **edition).whole
    result = pipeline.build(built, built / "site", edition="2030-02", **edition)
    assert not result.whole
    site = site_files(built / "site")
    assert site == _whole_build(built, tmp_path, edition="2030-02", **edition)
    stem = _a_meeting(built).stem
    meeting = site[f"meetings/{stem}/index.html"].decode()
    permanent = f"https://archive.example.org/panel/2030-02/meetings/{stem}/"
    assert f'<a data-edition-permanent href="{permanent}">{permanent}</a>' in meeting
    assert "<span data-edition-name>2030-02</span>" in meeting
    assert "2030-01" not in meeting
