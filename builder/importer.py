"""``python -m builder import-release``: add a published dataset to the long-term series.

The content keeps every value every release published: one line of
``content/indicators/observations.csv`` per indicator, period and release. Importing a
release adds its lines (a set union), so importing releases in any order gives the same
content, importing a file twice changes nothing, and nothing is ever deleted. Where two
releases give different values for a month, both lines stay: the newer release's is the
current value and the older one is shown as a revision.

The files are changed together or not at all: every new file is written beside its
target first, then they are swapped in under a journal; any failure while swapping puts
the old files back, and an import killed part-way is undone by the next run (``recover``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, cast

from builder import urls
from builder.dataset import Dataset, DatasetRow, read_dataset_problems
from builder.errors import ContentError, ContentErrors
from builder.load import load_content
from builder.model import (
    Archive,
    Indicator,
    Observation,
    PublishedFigures,
    Release,
    release_order,
)
from builder.progress import Stopwatch
from builder.render.format import format_period
from builder.validate import validate_content
from builder.validate.indicators import UNIT_WORDS, unit_problem

OBSERVATIONS = Path("content/indicators/observations.csv")
PUBLISHED_FIGURES = Path("content/indicators/published_figures.csv")
RELEASES = Path("content/releases")
DATASETS = Path("content/datasets")


@dataclass(frozen=True)
class Revision:
    indicator: str
    period: str
    before: Observation
    after: Observation


@dataclass
class ImportPlan:
    """What importing a dataset would change: computed first, written only if asked."""

    release: Release
    dataset: Dataset
    added: list[Observation] = field(default_factory=list)
    new_periods: int = 0
    confirmed: int = 0
    unchanged: int = 0
    revisions: list[Revision] = field(default_factory=list)
    figures: list[PublishedFigures] = field(default_factory=list)
    files: dict[Path, bytes] = field(default_factory=dict)

    @property
    def changes_anything(self) -> bool:
        return bool(self.files)

    def summary(self) -> str:
        lines = [
            f"Release {self.release.id} ({self.release.title}), published "
            f"{self.release.published.isoformat()}, from {self.dataset.path.name} "
            f"(SHA-256 {self.dataset.sha256[:12]}…): {len(self.dataset.rows)} indicators, "
            f"{format_period(min(self.dataset.months))} to "
            f"{format_period(self.dataset.latest_month)}.",
            f"{len(self.added)} values to add ({self.new_periods} for months not held before, "
            f"{self.confirmed} confirming a value already published, {len(self.revisions)} "
            f"revising one); {self.unchanged} already held from this release; "
            f"{len(self.figures)} rows of printed figures to add.",
        ]
        for revision in self.revisions:
            lines.append(
                f"  revised: {revision.indicator} {revision.period}: "
                f"{revision.before.value:g} ({revision.before.release}) -> "
                f"{revision.after.value:g} ({revision.after.release})"
            )
        if self.dataset.ignored_columns:
            lines.append("Columns not imported: " + ", ".join(self.dataset.ignored_columns))
        if not self.changes_anything:
            lines.append("Nothing to do: this dataset is already in the content.")
        return "\n".join(lines)


# --------------------------------------------------------------------------- planning


def plan_import(
    root: Path,
    file: Path,
    published: dt.date,
    title: str | None = None,
    stopwatch: Stopwatch | None = None,
) -> ImportPlan:
    """Work out every change importing ``file`` makes; raise ``ContentErrors`` if it can't."""
    stopwatch = stopwatch or Stopwatch()
    with stopwatch.stage("load"):
        loaded = load_content(root)
    with stopwatch.stage("validate"):
        archive = validate_content(loaded)
    with stopwatch.stage("read dataset") as note:
        dataset, errors = read_dataset_problems(file)
        slugs, unmatched = _matched_rows(dataset, archive.indicators)
        errors += unmatched + _range_problems(dataset, archive.indicators, slugs)
        note.detail = f"{len(dataset.rows):,} rows"
    if errors or not dataset.rows:
        raise ContentErrors(errors)
    with stopwatch.stage("plan"):
        release = _release(archive, dataset, published, title)
        plan = ImportPlan(release=release, dataset=dataset)
        new_observations = [
            Observation(indicator=slugs[row.line], period=period, value=value, release=release.id)
            for row in dataset.rows
            for period, value in sorted(row.values.items())
        ]
        _plan_observations(plan, archive, new_observations)
        _plan_figures(plan, archive, dataset, slugs)
        plan.files = _new_files(root, archive, plan)
    return plan


def _matched_rows(
    dataset: Dataset, indicators: list[Indicator]
) -> tuple[dict[int, str], list[ContentError]]:
    """Each row's indicator slug, and the rows naming no indicator or one named before."""
    by_code = {_key(i.code): i.slug for i in indicators if i.code}
    by_title = {_key(i.title): i.slug for i in indicators if not i.code}
    matched: dict[int, str] = {}
    problems = []
    first: dict[str, int] = {}
    for row in dataset.rows:
        slug = by_code.get(_key(row.code)) if row.code else by_title.get(_key(row.title))
        if slug is None:
            problems.append(_unknown_row(dataset, row))
        elif slug in first:
            problems.append(
                ContentError(
                    Path(dataset.path.name),
                    f"this row is the indicator {slug!r} again (first on row {first[slug]}): "
                    "a dataset gives each indicator one row; delete the repeated row",
                    line=row.line,
                )
            )
        else:
            first[slug] = row.line
            matched[row.line] = slug
    return matched, problems


def _range_problems(
    dataset: Dataset, indicators: list[Indicator], slugs: dict[int, str]
) -> list[ContentError]:
    """Values outside their indicator's unit: a percentage of 191.2, a count of -3."""
    units = {indicator.slug: indicator.unit for indicator in indicators}
    problems = []
    for row in dataset.rows:
        slug = slugs.get(row.line)
        if slug is None:
            continue
        for month, value in sorted(row.values.items()):
            problem = unit_problem(units[slug], value)
            if problem is not None:
                problems.append(
                    ContentError(
                        Path(dataset.path.name),
                        f"{problem}, as {slug} is {UNIT_WORDS[units[slug]]}: check the cell "
                        "against the published report (a value in the wrong row or column?)",
                        line=row.line,
                        field=f"column '{row.headers.get(month, month)}'",
                    )
                )
    return problems


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _unknown_row(dataset: Dataset, row: DatasetRow) -> ContentError:
    name = f"code {row.code!r}" if row.code else f"title {row.title!r}"
    return ContentError(
        Path(dataset.path.name),
        f"no indicator in content/indicators/ has the {name}: add its definition there first "
        "(see 'Adding an indicator' in README.md), then import again",
        line=row.line,
    )


def _release(archive: Archive, dataset: Dataset, published: dt.date, title: str | None) -> Release:
    release_id = dataset.latest_month
    existing = next((r for r in archive.releases if r.id == release_id), None)
    if existing is None:
        return Release(
            id=release_id,
            title=title or f"Monthly dataset – {format_period(release_id)}",
            published=published,
            source=dataset.path.name,
            file=dataset.path.name,
            sha256=dataset.sha256,
        )
    problems = []
    if existing.sha256 not in (None, dataset.sha256):
        problems.append(
            f"release {release_id} was imported from another file ({existing.file}, SHA-256 "
            f"{existing.sha256[:12]}…); a dataset for the same month must not replace it"
        )
    if existing.published != published:
        problems.append(
            f"release {release_id} is recorded as published {existing.published.isoformat()}, "
            f"not {published.isoformat()}"
        )
    if problems:
        raise ContentErrors([ContentError(RELEASES / f"{release_id}.yml", p) for p in problems])
    return existing


def _plan_observations(plan: ImportPlan, archive: Archive, incoming: list[Observation]) -> None:
    held = {(o.indicator, o.period, o.release): o for o in archive.observations}
    by_period: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in archive.observations:
        by_period[(o.indicator, o.period)].append(o)
    conflicts = []
    order = release_order([*archive.releases, plan.release])
    for observation in incoming:
        key = (observation.indicator, observation.period, observation.release)
        if key in held:
            if held[key].value != observation.value:
                conflicts.append(
                    ContentError(
                        OBSERVATIONS,
                        f"{observation.indicator} {observation.period} is recorded as "
                        f"{held[key].value:g} for release {observation.release}, but this file "
                        f"gives {observation.value:g}",
                    )
                )
            else:
                plan.unchanged += 1
            continue
        plan.added.append(observation)
        others = by_period[(observation.indicator, observation.period)]
        if not others:
            plan.new_periods += 1
        elif all(other.value == observation.value for other in others):
            plan.confirmed += 1
        for other in others:
            if other.value != observation.value:
                before, after = sorted([other, observation], key=lambda o: order[o.release])
                plan.revisions.append(
                    Revision(observation.indicator, observation.period, before, after)
                )
    if conflicts:
        raise ContentErrors(conflicts)


def _plan_figures(
    plan: ImportPlan, archive: Archive, dataset: Dataset, slugs: dict[int, str]
) -> None:
    held = {(f.indicator, f.release): f for f in archive.published_figures}
    conflicts = []
    for row in dataset.rows:
        if not row.figures:
            continue
        figures = PublishedFigures(
            indicator=slugs[row.line],
            release=plan.release.id,
            **cast(dict[str, Any], row.figures),  # each figure parsed to its column's type
        )
        existing = held.get((figures.indicator, figures.release))
        if existing is None:
            plan.figures.append(figures)
        elif existing != figures:
            conflicts.append(
                ContentError(
                    PUBLISHED_FIGURES,
                    f"the printed figures of {figures.indicator} for release {figures.release} "
                    "differ from those already recorded",
                    line=row.line,
                )
            )
    if conflicts:
        raise ContentErrors(conflicts)


# --------------------------------------------------------------------------- writing


def _new_files(root: Path, archive: Archive, plan: ImportPlan) -> dict[Path, bytes]:
    """The files to write: only those the import really changes."""
    files: dict[Path, bytes] = {}
    if plan.added:
        observations = [*archive.observations, *plan.added]
        observations.sort(key=lambda o: (o.indicator, o.period, o.release))
        files[OBSERVATIONS] = _csv_bytes(Observation, observations)
    if plan.figures:
        figures = [*archive.published_figures, *plan.figures]
        figures.sort(key=lambda f: (f.indicator, f.release))
        files[PUBLISHED_FIGURES] = _csv_bytes(PublishedFigures, figures)
    release_file = RELEASES / f"{plan.release.id}.yml"
    files[release_file] = _release_yaml(root / release_file, plan)
    # Named as Release.kept_file names it: the release's id and the file's extension.
    copy = DATASETS / f"{plan.release.id}{plan.dataset.path.suffix.lower()}"
    if not (root / copy).exists():
        files[copy] = plan.dataset.path.read_bytes()
    return {path: data for path, data in files.items() if _differs(root / path, data)}


def _differs(path: Path, data: bytes) -> bool:
    return not path.is_file() or path.read_bytes() != data


def _csv_bytes(cls: type, records: Iterable) -> bytes:
    names = [f.name for f in fields(cls)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([_cell(getattr(record, name)) for name in names])
    return out.getvalue().encode("utf-8")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.10g}"
    return str(value)


def _release_yaml(path: Path, plan: ImportPlan) -> bytes:
    """The release file; an existing one is kept as written, with the file name and
    SHA-256 of the dataset appended if it does not record them yet."""
    release, dataset = plan.release, plan.dataset
    provenance = [f"file: {_quoted(dataset.path.name)}", f"sha256: {dataset.sha256}"]
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        held = {line.split(":", 1)[0] for line in text.splitlines() if ":" in line}
        missing = [line for line in provenance if line.split(":", 1)[0] not in held]
        if release.sha256 is not None or not missing:
            return text.encode("utf-8")
        return (text.rstrip("\n") + "\n" + "\n".join(missing) + "\n").encode("utf-8")
    lines = [
        f"id: {_quoted(release.id)}",
        f"title: {_quoted(release.title)}",
        f"published: {release.published.isoformat()}",
        f"source: {_quoted(release.source)}",
        *provenance,
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


JOURNAL = Path("content/.import-journal")


def write_plan(root: Path, plan: ImportPlan) -> None:
    """Swap every changed file in together, or leave the content as it was.

    Each new file is written beside its target and each old one copied aside first; then a
    journal naming every target is written, the files are swapped in, and the journal is
    deleted. An exception puts the old files back at once; a process killed while the
    journal exists is undone by ``recover`` at the start of the next run."""
    entries: list[tuple[str, Path]] = []
    try:
        for relative, data in plan.files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_synced(_staged(target), data)
            if target.exists():
                shutil.copy2(target, _backup(target))
                entries.append(("existing", relative))
            else:
                entries.append(("new", relative))
        journal = "".join(f"{state} {relative.as_posix()}\n" for state, relative in entries)
        _write_synced(root / JOURNAL, journal.encode("utf-8"), atomic=True)
        for _, relative in entries:
            os.replace(_staged(root / relative), root / relative)
        (root / JOURNAL).unlink()
    except BaseException:
        recover(root)
        raise
    _remove_leftovers(root)


def recover(root: Path) -> bool:
    """Undo an import that was stopped part-way (its journal is still there): the content
    goes back to what it was before it; return whether there was one to undo."""
    journal = root / JOURNAL
    interrupted = journal.is_file()
    if interrupted:
        for line in journal.read_text(encoding="utf-8").splitlines():
            state, _, relative = line.partition(" ")
            target = root / relative
            if not urls.is_inside(relative):
                continue  # the journal is the importer's own; a stray line names nothing
            if state == "existing" and _backup(target).exists():
                os.replace(_backup(target), target)
            elif state == "new":
                target.unlink(missing_ok=True)
        journal.unlink()
    _remove_leftovers(root)
    return interrupted


def _staged(target: Path) -> Path:
    return target.with_name(f".{target.name}.importing")


def _backup(target: Path) -> Path:
    return target.with_name(f".{target.name}.before-import")


def _remove_leftovers(root: Path) -> None:
    """The staged and backed-up copies an import leaves until it is done or undone."""
    content = root / "content"
    if not content.is_dir():
        return
    for pattern in (".*.importing", ".*.before-import", f"{JOURNAL.name}.writing"):
        for path in content.rglob(pattern):
            path.unlink(missing_ok=True)


def _write_synced(path: Path, data: bytes, atomic: bool = False) -> None:
    """Write ``data`` to the disk (not only to its cache) before going on; ``atomic``
    writes beside the file and renames, so the file is whole or absent."""
    written = path.with_name(path.name + ".writing") if atomic else path
    with written.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if atomic:
        os.replace(written, path)
