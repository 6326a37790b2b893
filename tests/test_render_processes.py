"""The pages rendered by several processes are those one process renders, byte for byte,
in the same order, with the chart cache's files counted once."""

from __future__ import annotations

import pytest

from builder import pipeline, render
from builder.render.charts import ChartTally
from builder.synth import Shape, synthesise

from .test_cli import tree_digest

pytestmark = pytest.mark.slow


def test_pages_shared_out_among_processes_are_the_pages_one_process_writes(tmp_path, monkeypatch):
    root = synthesise(Shape(meetings=8, indicators=3, years=2, terms=4), tmp_path / "root")
    archive, analysis = pipeline.check(root)
    cache = tmp_path / "cache"
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    runs = {}
    for workers in (1, 2):
        tally = ChartTally()
        docs = tmp_path / f"docs-{workers}"
        site = render.render_site(
            archive, analysis, docs, cache=cache, root=root, tally=tally, workers=workers
        )
        written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
        assert site.files == written, "every file written is told, and only those"
        runs[workers] = (site, tree_digest(docs), tally)
    (one, one_files, one_tally), (two, two_files, two_tally) = runs[1], runs[2]
    assert len(one.pages) > 20 and two == one
    assert two_files == one_files
    assert one_tally.drawn > 0 and two_tally.drawn == 0
    assert two_tally.reused == one_tally.drawn, "every chart file read back once"
