"""The synthetic archive generator (``python -m builder synth``), the stage timings and
progress it is measured with, and the chart cache it leans on."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from builder import pipeline, urls
from builder import search as search_stage
from builder.cli import main
from builder.progress import Lines, Stopwatch
from builder.render import datapackage
from builder.render.charts import ChartTally
from builder.render.outputs import ZIP_CACHE
from builder.synth import Shape, synthesise

SMALL = Shape(meetings=12, indicators=4, years=2, terms=6, seed=7)


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_generated_archive_passes_check_with_the_shape_asked_for(tmp_path):
    archive, analysis = pipeline.check(synthesise(SMALL, tmp_path / "root"))
    assert len(archive.meetings) == 12
    assert len(archive.indicators) == 4
    assert len(archive.glossary) == 6
    assert len(archive.releases) == 24  # one release a month
    held = [m for m in archive.meetings if m.status == "held"]
    assert all(m.present and m.chair in m.present for m in held)
    decisions = [d for m in held for item in m.items for d in item.decisions]
    assert any(d.kind == "recommendation" and d.status for d in decisions)
    assert any(d.kind == "recommendation" and d.due_month for d in decisions)
    series = [tuple(p.value for p in a.series) for a in analysis.indicators.values()]
    assert all(len(values) == 24 for values in series)
    assert len(set(series)) == len(series), "no two indicators have the same values"
    assert all(len(set(values)) > 6 for values in series), "values vary from month to month"
    revised = [a for a in analysis.indicators.values() if len(a.history) > len(a.series)]
    assert revised, "some releases revise the month before"


def test_the_same_seed_writes_the_same_files_and_another_seed_others(tmp_path):
    first = _files(synthesise(SMALL, tmp_path / "a"))
    assert first == _files(synthesise(SMALL, tmp_path / "b"))
    other = Shape(**{**SMALL.__dict__, "seed": 8})
    assert first != _files(synthesise(other, tmp_path / "c"))


def test_the_command_writes_an_archive_that_check_accepts(tmp_path, capsys):
    out = tmp_path / "synthetic"
    arguments = ["--meetings", "5", "--indicators", "2", "--years", "1", "--terms", "3"]
    assert main(["synth", *arguments, str(out)]) == 0
    assert "Wrote a synthetic archive" in capsys.readouterr().out
    assert main(["check", "--root", str(out)]) == 0
    assert "No problems found: 5 meetings, 2 indicators" in capsys.readouterr().out


def test_the_command_refuses_an_impossible_shape(tmp_path, capsys):
    assert main(["synth", "--meetings", "400", "--years", "1", str(tmp_path / "x")]) == 2
    assert "at most one meeting a day" in capsys.readouterr().err


def _change_last_value(root: Path, slug: str) -> None:
    path = root / "content" / "indicators" / "observations.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    last = max(i for i, row in enumerate(rows) if row[0] == slug)
    rows[last][2] = str(float(rows[last][2]) + 1)
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")


def test_the_chart_cache_never_serves_stale_output(tmp_path):
    """Change one value: its page, chart and downloads change; the other charts are read back."""
    root = synthesise(Shape(meetings=3, indicators=2, years=1, terms=1), tmp_path / "root")
    archive, analysis = pipeline.check(root)
    changed, kept = sorted(analysis.indicators)
    pipeline.write_pages(archive, analysis, root, tmp_path / "before")
    _change_last_value(root, changed)
    archive, analysis = pipeline.check(root)
    tally = ChartTally()
    pipeline.write_pages(archive, analysis, root, tmp_path / "after", tally=tally)
    before, after = _files(tmp_path / "before"), _files(tmp_path / "after")
    downloads = [urls.indicator_download(changed, name).path for name in ("data.csv", "chart.png")]
    for path in [urls.indicator(changed).path, urls.indicator_chart(changed).path, *downloads]:
        assert before[path] != after[path], path
    assert before[urls.indicator_chart(kept).path] == after[urls.indicator_chart(kept).path]
    assert tally.drawn and tally.reused, "the changed chart is drawn, the other read back"
    # The cache keeps only what this build drew or read back: the changed chart's former
    # drawings are gone, and a file a stopped build left is cleared away.
    cache = root / "build" / "cache" / "charts"
    assert {path.name for path in cache.iterdir()} == tally.fresh | tally.reused_names
    assert len(tally.fresh | tally.reused_names) == 4 * len(analysis.indicators)
    leftover = cache / f"{next(iter(tally.fresh))}.123.tmp"
    leftover.write_bytes(b"<svg")
    pipeline.write_pages(archive, analysis, root, tmp_path / "again")
    assert not leftover.exists()
    assert len(list(cache.iterdir())) == 4 * len(analysis.indicators)


def test_a_build_reports_its_stages_and_a_plain_line_for_each(minimal_root, tmp_path):
    log = io.StringIO()
    result = pipeline.build(minimal_root, tmp_path / "site", progress=Lines(log))
    stages = [one.stage for one in result.timings.stages if not one.part]
    assert stages == ["load", "validate", "analyse", "pages", "site generator", "search", "publish"]
    assert {one.stage for one in result.timings.stages if one.part} == {"charts"}
    lines = log.getvalue().splitlines()
    assert [line.split(" done in ")[0] for line in lines] == stages
    assert result.charts_drawn + result.charts_reused > 0
    assert result.output_bytes > 0
    assert f"{result.pages:,} pages" in result.summary()


def test_a_stopwatch_records_parts_outside_the_total():
    stopwatch = Stopwatch()
    with stopwatch.stage("pages") as note:
        note.detail = "3 pages"
    stopwatch.record("charts", 100.0)
    timings = stopwatch.timings()
    assert timings.seconds("charts") == 100.0
    assert timings.total < 100.0
    assert timings.stages[0].detail == "3 pages"


@pytest.mark.slow
def test_a_small_synthetic_archive_builds(tmp_path):
    root = synthesise(SMALL, tmp_path / "root")
    result = pipeline.build(root, tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()
    for slug in result.analysis.indicators:
        assert (tmp_path / "site" / urls.indicator_chart(slug).path).is_file()
    assert result.pages > 12 + 4 + 6


@pytest.mark.slow
@pytest.mark.browser
def test_the_search_of_a_small_synthetic_archive_finds_its_pages(tmp_path, browser, monkeypatch):
    """Built from scratch, with its index in parts as a large archive's is, a synthetic
    archive's search finds each indicator by its code (its page first), a glossary term by
    its name and a meeting by a word only its page holds: a page of each part."""
    from .conftest import serving
    from .test_browser import SEARCH_RESULT, search

    monkeypatch.setattr(search_stage, "SEARCH_PARTS_FROM", 1)
    root = synthesise(SMALL, tmp_path / "root")
    meeting_file = sorted((root / "content" / "meetings").glob("*.yml"))[-1]
    text = meeting_file.read_text(encoding="utf-8")
    meeting_file.write_text(text.replace("venue: ", "venue: Quayside Pavilion, ", 1), "utf-8")
    result = pipeline.build(root, tmp_path / "site")
    parts = json.loads((result.out / urls.search_parts_list().path).read_text())["parts"]
    assert len(parts) >= 2, parts
    indicator = result.archive.indicators[0]
    term = result.archive.glossary[0]
    [meeting] = [m for m in result.archive.meetings if "Quayside" in (m.venue or "")]
    assert meeting.date is not None
    expected = {
        indicator.code: "/" + urls.indicator(indicator.slug).web_path,
        term.term: "/" + urls.term(term.slug).web_path,
        "Quayside": "/" + urls.meeting(meeting.date).web_path,
    }
    with serving(result.out) as address:
        page = browser.new_page()
        for query, path in expected.items():
            page.goto(address + "/", wait_until="networkidle")
            search(page, query)
            assert page.locator(SEARCH_RESULT).first.get_attribute("href") == path, query
        page.close()


def test_the_zip_is_read_back_until_a_file_it_carries_changes(tmp_path, monkeypatch):
    root = synthesise(Shape(meetings=3, indicators=2, years=1, terms=1), tmp_path / "root")
    archive, analysis = pipeline.check(root)
    zipped = urls.indicators_zip().path
    pipeline.write_pages(archive, analysis, root, tmp_path / "first")
    first = (tmp_path / "first" / zipped).read_bytes()
    kept = root / ZIP_CACHE
    assert [path.read_bytes() for path in kept.iterdir()] == [first]

    def zipped_again(*_: object) -> bytes:
        raise AssertionError("the same files zipped again")

    monkeypatch.setattr(datapackage, "zip_bytes", zipped_again)
    pipeline.write_pages(archive, analysis, root, tmp_path / "second")
    assert (tmp_path / "second" / zipped).read_bytes() == first
    monkeypatch.undo()

    _change_last_value(root, sorted(analysis.indicators)[0])
    archive, analysis = pipeline.check(root)
    pipeline.write_pages(archive, analysis, root, tmp_path / "third")
    third = (tmp_path / "third" / zipped).read_bytes()
    assert third != first
    assert [path.read_bytes() for path in kept.iterdir()] == [third], "the earlier zip is gone"
    fresh = shutil.copytree(root, tmp_path / "fresh", ignore=shutil.ignore_patterns("build"))
    pipeline.write_pages(*pipeline.check(fresh), fresh, tmp_path / "unkept")
    assert (tmp_path / "unkept" / zipped).read_bytes() == third
