"""Rules of indicators, releases, observations and published figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from builder import urls
from builder.errors import ContentError
from builder.load import SourceFile, SourceTable
from builder.model import Indicator, Observation, PublishedFigures, Release, SiteConfig, Unit
from builder.validate.fields import MONTH, SLUG, did_you_mean, table_records

UNIT_WORDS: dict[str, str] = {
    "count": "a count",
    "percentage": "a percentage",
    "rate_per_10000": "a rate per 10,000",
}


def unit_problem(unit: Unit, value: float, whole: bool = True) -> str | None:
    """Why ``value`` cannot be a value of ``unit``: a percentage from 0 to 100, a count a
    whole number of 0 or more (``whole``: a benchmark may average counts), a rate 0 or more;
    None if it can."""
    if unit == "percentage" and not 0 <= value <= 100:
        return f"expected a percentage from 0 to 100, got {value:g}"
    if unit == "count" and (value < 0 or (whole and value != int(value))):
        kind = "a whole number, 0 or more" if whole else "a number, 0 or more"
        return f"expected a count: {kind}, got {value:g}"
    if unit == "rate_per_10000" and value < 0:
        return f"expected a rate per 10,000: a number, 0 or more, got {value:g}"
    return None


def check_indicators(
    indicators: list[tuple[SourceFile, Indicator]], areas: list[str]
) -> Iterator[ContentError]:
    by_slug: dict[str, SourceFile] = {}
    all_slugs = {indicator.slug for _, indicator in indicators}
    for source, indicator in indicators:
        slug = indicator.slug
        if slug and source.stem != slug:
            yield source.error(
                f"the file of this indicator must be named {slug}.yml (its slug, from its "
                f"{'code' if indicator.code else 'title'})",
                ("code",) if indicator.code else ("title",),
            )
        if slug in by_slug:
            yield source.error(
                f"this indicator has the same slug {slug!r} as {by_slug[slug].path}: "
                "two indicators cannot share a web address",
                ("code",) if indicator.code else ("title",),
            )
        by_slug.setdefault(slug, source)
        if indicator.decimals is not None and not 0 <= indicator.decimals <= 6:
            yield source.error(
                f"expected a number of decimal places from 0 to 6, got {indicator.decimals}",
                ("decimals",),
            )
        if areas and indicator.service_area not in areas:
            yield source.error(
                f"unknown service area {indicator.service_area!r}"
                f"{did_you_mean(indicator.service_area, areas)}; the service areas are "
                "listed in site_config/site.yml",
                ("service_area",),
            )
        yield from _related_problems(source, indicator, all_slugs)
        for name in ("benchmarks", "targets"):
            for index, entry in enumerate(getattr(indicator, name)):
                if (entry.value is None) == (entry.published_as is None):
                    yield source.error(
                        "give either a value (a number) or published_as (the cell's text)",
                        (name, index),
                    )
                elif entry.value is not None and (
                    problem := unit_problem(indicator.unit, entry.value, whole=False)
                ):
                    yield source.error(
                        f"{problem} (the indicator is {UNIT_WORDS[indicator.unit]})",
                        (name, index, "value"),
                    )


def _related_problems(
    source: SourceFile, indicator: Indicator, slugs: set[str]
) -> Iterator[ContentError]:
    seen: set[str] = set()
    for position, slug in enumerate(indicator.related):
        where = ("related", position)
        if slug == indicator.slug:
            yield source.error("an indicator cannot be related to itself", where)
        elif slug not in slugs:
            yield source.error(
                f"no indicator has the slug {slug!r}{did_you_mean(slug, sorted(slugs))}", where
            )
        elif slug in seen:
            yield source.error(f"{slug!r} is listed twice", where)
        seen.add(slug)


def check_releases(releases: list[tuple[SourceFile, Release]]) -> Iterator[ContentError]:
    for source, release in releases:
        if not SLUG.match(release.id):
            yield source.error(
                f"a release id is lower-case letters, digits and '-', got {release.id!r}", ("id",)
            )
        elif source.stem != release.id:
            yield source.error(f"the file of this release must be named {release.id}.yml", ("id",))


def observation_records(
    table: SourceTable | None,
    indicators: list[tuple[SourceFile, Indicator]],
    indicator_files: set[str],
    releases: set[str],
    errors: list[ContentError],
) -> list[Observation]:
    """Validate the observations table; rows of an indicator whose own file has problems
    are skipped quietly, since its file's problems are already reported."""
    if table is None:
        return []
    frequency: dict[str, str] = {i.slug: i.frequency for _, i in indicators}
    units: dict[str, Unit] = {i.slug: i.unit for _, i in indicators}
    observations: list[Observation] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, observation in table_records(table, Observation, errors):
        if observation.indicator not in frequency and observation.indicator in indicator_files:
            continue
        problems = list(_observation_problems(observation, frequency, releases))
        unit = units.get(observation.indicator)
        if unit is not None and (problem := unit_problem(unit, observation.value)):
            problems.append(("value", f"{problem} ({observation.indicator} is {UNIT_WORDS[unit]})"))
        for column, message in problems:
            errors.append(ContentError(table.path, message, line=line, field=column))
        key = (observation.indicator, observation.period, observation.release)
        if problems:
            continue
        if key in seen:
            errors.append(
                ContentError(
                    table.path, f"the same indicator, period and release as line {seen[key]}", line
                )
            )
            continue
        seen[key] = line
        observations.append(observation)
    return observations


def _observation_problems(
    observation: Observation, frequency: dict[str, str], releases: set[str]
) -> Iterator[tuple[str, str]]:
    slug, period = observation.indicator, observation.period
    if slug not in frequency:
        yield "indicator", f"no indicator has the slug {slug!r}{did_you_mean(slug, frequency)}"
    elif frequency[slug] == "monthly" and not MONTH.match(period):
        yield "period", f"expected a month written YYYY-MM, e.g. 2018-04, got {period!r}"
    elif frequency[slug] == "weekly" and not _is_iso_date(period):
        yield "period", f"expected the date the week commences, written YYYY-MM-DD, got {period!r}"
    if observation.release not in releases:
        yield "release", _unknown_release(observation.release, releases)


def published_figure_records(
    table: SourceTable | None,
    indicator_files: set[str],
    releases: set[str],
    errors: list[ContentError],
) -> list[PublishedFigures]:
    if table is None:
        return []
    figures: list[PublishedFigures] = []
    seen: dict[tuple[str, str], int] = {}
    for line, record in table_records(table, PublishedFigures, errors):
        problems: list[tuple[str | None, str]] = []
        if record.indicator not in indicator_files:
            problems.append(
                (
                    "indicator",
                    f"no indicator has the slug {record.indicator!r}"
                    f"{did_you_mean(record.indicator, indicator_files)}",
                )
            )
        if record.release not in releases:
            problems.append(("release", _unknown_release(record.release, releases)))
        key = (record.indicator, record.release)
        if key in seen:
            problems.append((None, f"the same indicator and release as line {seen[key]}"))
        for column, message in problems:
            errors.append(ContentError(table.path, message, line=line, field=column))
        seen.setdefault(key, line)
        if not problems:
            figures.append(record)
    return figures


def _unknown_release(release: str, releases: set[str]) -> str:
    return (
        f"no release has the id {release!r}{did_you_mean(release, releases)} "
        "(see content/releases/)"
    )


def _is_iso_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def check_release_files(
    releases: list[tuple[SourceFile, Release]], root: Path
) -> Iterator[ContentError]:
    """A release that names its published ``file`` keeps a copy of it in content/datasets/
    (named by the release's id), which the site offers for download."""
    for source, release in releases:
        kept = release.kept_file
        if kept is None or not SLUG.match(release.id) or not urls.is_safe_name(kept):
            continue  # a bad id is reported by itself, and names no file
        if not (root / "content" / "datasets" / kept).is_file():
            yield source.error(
                f"there is no copy of {release.file} in content/datasets/ (expected "
                f"{kept}): keep the dataset as published there, as import-release does, or "
                "leave file out",
                ("file",),
            )


def check_small_numbers(
    source: SourceFile | None,
    site: SiteConfig | None,
    indicators: list[tuple[SourceFile, Indicator]],
) -> Iterator[ContentError]:
    """The small numbers setting of ``site_config/site.yml`` names known count indicators
    and a threshold of 1 or more."""
    if source is None or site is None or site.small_numbers is None:
        return
    setting = site.small_numbers
    if setting.threshold < 1:
        yield source.error(
            f"expected a threshold of 1 or more (counts from 1 to it are withheld), got "
            f"{setting.threshold}",
            ("small_numbers", "threshold"),
        )
    by_slug = {indicator.slug: indicator for _, indicator in indicators}
    for index, slug in enumerate(setting.indicators):
        loc = ("small_numbers", "indicators", index)
        indicator = by_slug.get(slug)
        if indicator is None:
            yield source.error(
                f"unknown indicator {slug!r}{did_you_mean(slug, list(by_slug))}; give the "
                "slug of an indicator, as in its web address",
                loc,
            )
        elif indicator.unit != "count":
            yield source.error(
                f"{slug!r} is {UNIT_WORDS[indicator.unit]}, not a count: only counts are "
                "withheld as small numbers",
                loc,
            )
