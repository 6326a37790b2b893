"""The least time a build of a content root can take on this machine's cores with the tools
the project mandates, whatever the builder does around them: the CPU of the charts'
specifications (Altair), of the chart renderer's own calls (vl-convert: each chart's two
drawings and its PNG, as issue 16 asks) and of Python-Markdown converting every page (the
site generator's conversion), shared out perfectly among the cores, after what must run
first in one process (Python's start-up and imports, then loading, validating and
analysing the content).

    .venv/bin/python -m builder build --root ROOT       # writes ROOT/build/docs
    .venv/bin/python benchmarks/cpu_floor.py ROOT [--cores N] [--charts K]

The root must have been built once: its pages are read from ``ROOT/build/docs``. The
charts' cost is measured on ``--charts`` indicators spread over the archive (each drawn as
the build draws it) and counted for every indicator with values; every page is converted.
Each floor is below what any build can take: Material's templates, the builder's own
pages, MkDocs' own processing, the search index and the files written are left out.
Prints a table of the parts, then the floors of a cold build and of a rebuild that draws
every chart again (a month's data, a new release); README sets them beside issue 20's
targets.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))  # this checkout's builder, whatever the venv installed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a content root built once")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--charts", type=int, default=40, help="indicators to draw")
    args = parser.parse_args()
    docs = args.root / "build" / "docs"
    if not docs.is_dir():
        sys.exit(f"{docs} is missing: build {args.root} once first")
    start_up = _start_up_seconds()
    charts = _charts_cost(args.root, args.charts)
    pages, markdown = _markdown_cost(docs)
    print(table(args.cores, start_up, charts, pages, markdown))


def _start_up_seconds() -> float:
    """Python's start-up and the builder's imports, as a build's process pays them."""
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import builder.cli"], check=True, cwd=REPOSITORY)
    return time.perf_counter() - begin


@dataclass(frozen=True)
class ChartCost:
    check: float  # seconds to load, validate and analyse
    count: int  # charts: the indicators with values
    per_spec: float  # CPU of one chart's two specifications (Altair)
    per_chart: float  # CPU of the renderer's calls for one chart: two drawings, a PNG
    renderer_start: float  # CPU of the renderer's first call in a process


def _charts_cost(root: Path, sample: int) -> ChartCost:
    import vl_convert

    from builder import pipeline
    from builder.render import charts

    begin = time.perf_counter()
    archive, analysis = pipeline.check(root)
    check = time.perf_counter() - begin
    drawn = [a for a in analysis.indicators.values() if a.series]
    releases = {release.id: release for release in archive.releases}
    renderer = charts.Charts(releases, analysis.as_of, None)
    step = max(1, len(drawn) // sample)
    chosen = drawn[::step][:sample]
    specs: list[list[dict]] = []

    def specify_all() -> None:
        specs.extend(
            [charts.series_chart(a, renderer.labels(a), layout) for layout in charts.LAYOUTS]
            for a in chosen
        )

    charts.series_chart(chosen[0], renderer.labels(chosen[0]), charts.WIDE)  # Altair's start
    per_spec = _cpu(specify_all) / len(chosen)
    renderer_start = _cpu(lambda: vl_convert.vegalite_to_svg(_SMALLEST_CHART))

    def draw_all() -> None:
        for layouts in specs:
            svgs = [vl_convert.vegalite_to_svg(spec) for spec in layouts]
            vl_convert.svg_to_png(svgs[0], scale=charts.PNG_SCALE)

    per_chart = _cpu(draw_all) / len(specs)
    return ChartCost(check, len(drawn), per_spec, per_chart, renderer_start)


# A chart of one point and one word, to start the renderer (its first call loads Vega and
# the fonts) without drawing much.
_SMALLEST_CHART = {
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
    "title": "start",
}


def _markdown_cost(docs: Path) -> tuple[int, float]:
    """The pages, and the CPU of converting them all with Python-Markdown configured as the
    site generator configures it (``mkdocs.yml``'s extensions)."""
    import markdown
    import yaml

    from builder.build import MKDOCS_CONFIG

    settings = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    extensions, configs = [], {}
    for entry in settings["markdown_extensions"]:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        extensions.append(name)
        configs[name] = config or {}
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
    texts = [path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))]

    def convert_all() -> None:
        for text in texts:
            converter.reset()
            converter.convert(text)

    return len(texts), _cpu(convert_all)


def _cpu(work: Callable[[], object]) -> float:
    """The CPU seconds ``work`` takes in this process (every thread of it)."""
    begin = time.process_time()
    work()
    return time.process_time() - begin


def table(cores: int, start_up: float, charts: ChartCost, pages: int, markdown: float) -> str:
    specifying = charts.count * charts.per_spec
    drawing = charts.count * charts.per_chart
    starts = charts.renderer_start * cores
    serial = start_up + charts.check
    cold = serial + (specifying + drawing + starts + markdown) / cores
    redraw = serial + (specifying + drawing + starts) / cores
    rows = [
        ("Python's start-up and the builder's imports", "1 process", f"{start_up:.1f}"),
        (
            "load, validate, analyse (one process, before any page)",
            "1 archive",
            f"{charts.check:.1f}",
        ),
        (
            f"the charts' specifications (Altair), {charts.per_spec * 1000:.0f} ms a chart",
            f"{charts.count:,} charts",
            f"{specifying:.1f}",
        ),
        (
            "the renderer's start (its first call, in each process)",
            f"{cores} processes",
            f"{starts:.1f}",
        ),
        (
            f"the renderer: two drawings and a PNG, {charts.per_chart * 1000:.0f} ms a chart",
            f"{charts.count:,} charts",
            f"{drawing:.1f}",
        ),
        (
            f"Python-Markdown, {markdown / pages * 1000:.1f} ms a page on average",
            f"{pages:,} pages",
            f"{markdown:.1f}",
        ),
    ]
    lines = ["| part | count | s |", "|---|---|---|"]
    lines += [f"| {part} | {count} | {seconds} |" for part, count, seconds in rows]
    lines += [
        "",
        f"| on {cores} cores, at least | s |",
        "|---|---|",
        f"| a cold build (every chart drawn, every page converted) | {cold:.1f} |",
        f"| a rebuild that draws every chart again (a month's data, a release) | {redraw:.1f} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
