"""How builds grow with the archive: synthetic archives at 1x, 2x and 4x a base, built cold
(no chart cache, no previous site), warm (again, unchanged), after an officer's edit of one
meeting file, after one month's values are corrected, after the next meeting is added,
dated after everything else, after the next month's data is published (all four
incremental rebuilds), and as the same pages in a plain MkDocs Material site (default
automatic navigation and search).

    .venv/bin/python benchmarks/build_scale.py                  # the base of issue 20, slow
    .venv/bin/python benchmarks/build_scale.py --divide 10      # a tenth of it: minutes

Base (1x): 500 meetings, 125 indicators x 10 years of monthly values, 100 glossary terms;
2x and 4x multiply meetings, indicators and terms, and the years by the square root (4x:
2,000 meetings, 500 indicators x 20 years, 400 terms: 8x the monthly values). ``--divide
N`` divides meetings, indicators and terms (not years); ``--same-years`` keeps the base's
years at every size, so that 4x is 4x of everything. Each build runs in its own process,
so its peak memory is its own. Prints one table: pages, wall time (of the build itself, in
its process: not the start-up nor the measuring of downloads after it), peak memory, time
per stage (ours index the search with Pagefind after the site generator; the plain site's
search is Material's plugin, inside it), output bytes, the largest page, the search
index's size, what the first indicator's page and then a query of its code download
(compressed, measured in Chromium by benchmarks/search_bytes.py; the plain site downloads its
whole index with every page), ratio to the plain site, and growth against 1x: of the
time, of the output's bytes and of the content's (content/, glossary/ and site_config/ as
written by synth).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))  # this checkout's builder, whatever the venv installed
BASE = {"meetings": 500, "indicators": 125, "years": 10, "terms": 100}
STAGES = ["load", "validate", "analyse", "charts", "markdown", "site", "search"]


@dataclass(frozen=True)
class Run:
    scale: int
    kind: str  # one of KINDS
    wall: float
    peak_mib: float
    figures: dict

    def stage(self, name: str) -> float:
        return float(self.figures.get("stages", {}).get(name, 0.0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--divide", type=int, default=1, help="a base this many times smaller")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--same-years", action="store_true", help="the base's years at every size")
    parser.add_argument("--work", type=Path, default=Path("/tmp/build-scale"))
    parser.add_argument(
        "--one", nargs=3, metavar=("KIND", "ROOT", "REPORT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        kind, root, report = args.one
        one_build(kind, Path(root), Path(report))
        return
    runs = []
    for scale in args.scales:
        root = args.work / f"x{scale}"
        shape = shape_at(scale, args.divide, args.seed, args.same_years)
        subprocess.run(
            [sys.executable, "-m", "builder", "synth", *shape, str(root)],
            check=True,
            cwd=REPOSITORY,
        )
        shutil.rmtree(root / "build", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
        content = content_bytes(root)
        for kind in KINDS:
            if kind in EDITS:
                EDITS[kind](root)
            runs.append(measure(scale, kind, root, content))
            print(f"x{scale} {kind}: {runs[-1].wall:.1f} s", file=sys.stderr, flush=True)
    print(table(runs, args.divide))


def edit_a_meeting(root: Path) -> None:
    """An officer's edit of one meeting file (its venue)."""
    meeting = sorted((root / "content" / "meetings").glob("*.yml"))[-1]
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(text.replace("venue: ", "venue: Room 2, ", 1), encoding="utf-8")


def correct_a_month(root: Path) -> None:
    """A month's values corrected by the latest release (each moved by one)."""
    path = root / "content" / "indicators" / "observations.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    header, body = rows[0], rows[1:]
    release = max(row[header.index("release")] for row in body)
    at, value = header.index("period"), header.index("value")
    period = max(row[at] for row in body if row[header.index("release")] == release)
    for row in body:
        if row[header.index("release")] == release and row[at] == period:
            number = float(row[value])
            row[value] = f"{number - 1 if number >= 1 else number + 1:g}"
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *body])
    path.write_text(text.getvalue(), encoding="utf-8")


def publish_a_month(root: Path) -> None:
    """The next month's data: a release, published a month after the latest, that gives
    every indicator a value for the month after the latest one's (each the latest moved
    by one). It names a new edition and dates it."""
    import datetime as dt

    from builder.analyse import shift_month

    releases = root / "content" / "releases"
    latest = sorted(releases.glob("*.yml"))[-1]
    text = latest.read_text(encoding="utf-8")
    month = shift_month(latest.stem, 1)
    published = dt.date.fromisoformat(text.split("published: ", 1)[1][:10])
    later = dt.date.fromisoformat(f"{shift_month(published.isoformat()[:7], 1)}-01")
    later = later.replace(day=min(published.day, 28))
    (releases / f"{month}.yml").write_text(
        text.replace(latest.stem, month).replace(published.isoformat(), later.isoformat()),
        encoding="utf-8",
    )
    path = root / "content" / "indicators" / "observations.csv"
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    header, body = rows[0], rows[1:]
    indicator, period, value = (header.index(name) for name in ("indicator", "period", "value"))
    last: dict[str, list[str]] = {}
    for row in body:
        if row[indicator] not in last or row[period] >= last[row[indicator]][period]:
            last[row[indicator]] = row
    for row in last.values():
        number = float(row[value])
        added = dict(zip(header, row, strict=True))
        added.update(period=shift_month(row[period], 1), release=month)
        added["value"] = f"{number - 1 if number >= 1 else number + 1:g}"
        body.append([added[name] for name in header])
    text_out = io.StringIO()
    csv.writer(text_out, lineterminator="\n").writerows([header, *body])
    path.write_text(text_out.getvalue(), encoding="utf-8")


def add_a_meeting(root: Path) -> None:
    """An officer adds the panel's next meeting, as scheduled, a week after the newest date
    the archive records: the archive's date, and so the edition's, moves with it."""
    import datetime as dt

    from builder.pipeline import check

    archive, _ = check(root)
    day = (archive.latest_date + dt.timedelta(days=7)).isoformat()
    committee = archive.meetings[-1].committee
    (root / "content" / "meetings" / f"{day}.yml").write_text(
        f"committee: {committee}\ndate: {day}\nstatus: scheduled\n"
        f"sources:\n  - Agenda, {committee}, {day}\n"
        "items:\n  - title: Children's Services performance\n",
        encoding="utf-8",
    )


# cold: no chart cache, no previous site; warm: again, nothing changed; edit: after one
# meeting file changed; month: after one month's values changed; add: after a meeting
# dated after everything else was added; release: after the next month's data was
# published; plain: the same pages as a plain MkDocs Material site.
KINDS = ("cold", "warm", "edit", "month", "add", "release", "plain")
EDITS = {
    "edit": edit_a_meeting,
    "month": correct_a_month,
    "add": add_a_meeting,
    "release": publish_a_month,
}


def shape_at(scale: int, divide: int, seed: int, same_years: bool = False) -> list[str]:
    """The synth arguments of ``scale`` times the base divided by ``divide``; the years grow
    by the square root of ``scale`` unless ``same_years``."""
    years = BASE["years"] if same_years else round(BASE["years"] * math.sqrt(scale))
    return [
        f"--meetings={max(1, BASE['meetings'] * scale // divide)}",
        f"--indicators={max(1, BASE['indicators'] * scale // divide)}",
        f"--years={years}",
        f"--terms={max(1, BASE['terms'] * scale // divide)}",
        f"--seed={seed}",
    ]


def content_bytes(root: Path) -> int:
    """The bytes of what an officer writes: the root's content, glossary and configuration."""
    from builder.folders import folder_bytes

    return sum(folder_bytes(root / name) for name in ("content", "glossary", "site_config"))


def measure(scale: int, kind: str, root: Path, content: int) -> Run:
    """One build in a child process: its wall time, peak memory and what it reports."""
    report = root / f"report-{kind}.json"
    command = [sys.executable, __file__, "--one", kind, str(root), str(report)]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPOSITORY)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"the {kind} build of x{scale} failed ({child.returncode})")
    figures = json.loads(report.read_text(encoding="utf-8"))
    # The build's own time: the child then measures downloads in Chromium.
    figures["content_bytes"] = content
    return Run(scale, kind, figures.get("build_seconds", wall), usage.ru_maxrss / 1024, figures)


def one_build(kind: str, root: Path, report: Path) -> None:
    """In the child: build ``root`` our way (cold or warm) or as a plain site."""
    from builder import pipeline

    start = time.perf_counter()
    if kind == "plain":
        figures = plain_build(root)
    else:
        result = pipeline.build(root, root / "site")
        built = time.perf_counter() - start
        timings = result.timings
        stages = {name: timings.seconds(name) for name in ("load", "validate", "analyse")}
        stages["charts"] = timings.seconds("charts")
        stages["markdown"] = timings.seconds("pages") - stages["charts"]
        stages["search"] = timings.seconds("search")
        stages["site"] = timings.seconds("site generator")
        figures = {"pages": result.pages, "stages": stages, **site_sizes(root / "site")}
        figures["build_seconds"] = built
        figures.update(downloads(root / "site", result.archive.indicators[0]))
        figures["charts"] = [result.charts_drawn, result.charts_reused]
    report.write_text(json.dumps(figures), encoding="utf-8")


def plain_build(root: Path) -> dict:
    """The same Markdown pages through a plain MkDocs Material configuration."""
    from builder import build, pipeline

    begun = time.perf_counter()
    archive, analysis = pipeline.check(root)
    folder = root / "plain"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    docs, html = folder / "docs", folder / "html"
    pages = pipeline.write_pages(archive, analysis, root, docs)
    config = build.plain_config_file(archive.site.site_name, docs, html, folder)
    start = time.perf_counter()
    search = build.run_plain_mkdocs(config)
    site = time.perf_counter() - start
    stages = {"site": site - search, "search": search}
    figures = {"pages": len(pages), "stages": stages, **site_sizes(html)}
    figures["build_seconds"] = time.perf_counter() - begun
    figures.update(downloads(html, archive.indicators[0], box="input[name=query]"))
    return figures


def site_sizes(site: Path) -> dict:
    from builder.folders import files_under, folder_bytes

    pages = [(site / path).stat().st_size for path in files_under(site, ".html")]
    return {
        "bytes": folder_bytes(site),
        "largest_page": max(pages, default=0),
        "search_bytes": sum(folder_bytes(site / folder) for folder in ("search", "pagefind")),
    }


def downloads(site: Path, indicator, box: str = "input[name=q]") -> dict:
    """What the indicator's page downloads before any interaction, and a query of its code
    after (none where Chromium is missing)."""
    from builder import urls

    sys.path.insert(0, str(Path(__file__).parent))
    import search_bytes

    if not Path(search_bytes.CHROMIUM).exists():
        return {"page_bytes": 0, "query_bytes": 0}
    path = "/" + urls.indicator(indicator.slug).web_path
    found = search_bytes.measure(site, path, indicator.code or indicator.title, box)
    return {"page_bytes": found.page_bytes, "query_bytes": found.query_bytes}


def table(runs: list[Run], divide: int) -> str:
    """A Markdown table, with ratios to the plain site and growth against the first scale."""
    header = (
        ["size", "build", "pages", "wall s", "peak MiB"]
        + [f"{name} s" for name in STAGES]
        + ["output MB", "largest page KB", "search index KB", "page KB", "query KB"]
        + ["x plain", "time growth"]
        + ["bytes growth", "content growth"]
    )
    first = {run.kind: run for run in runs if run.scale == runs[0].scale}
    plain = {run.scale: run for run in runs if run.kind == "plain"}
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for run in runs:
        base = first[run.kind]
        size = f"{run.scale}x" + (f" (base/{divide})" if divide > 1 else "")
        cells = [size, run.kind, f"{run.figures['pages']:,}", f"{run.wall:.1f}"]
        cells += [f"{run.peak_mib:.0f}"] + [f"{run.stage(name):.1f}" for name in STAGES]
        cells += [
            f"{run.figures['bytes'] / 1e6:.1f}",
            f"{run.figures['largest_page'] / 1e3:.0f}",
            f"{run.figures['search_bytes'] / 1e3:.0f}",
            f"{run.figures.get('page_bytes', 0) / 1e3:.1f}",
            f"{run.figures.get('query_bytes', 0) / 1e3:.1f}",
            f"{run.wall / plain[run.scale].wall:.2f}",
            f"{run.wall / base.wall:.2f}",
            f"{run.figures['bytes'] / base.figures['bytes']:.2f}",
            f"{run.figures['content_bytes'] / base.figures['content_bytes']:.2f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
