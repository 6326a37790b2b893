"""Synthetic archives of realistic shape, for benchmarks and tests (``python -m builder synth``).

A content root (``content/``, ``glossary/``, ``site_config/``) as a council would keep it:
held meetings with agendas, minutes, decisions (some of them recommendations with a due
date and a history of status), requests and attendance drawn from a member register;
monthly indicator series, each a random walk of its own with a seasonal swing (so no two
charts are alike), with benchmarks and targets; one data release a month, some revising
the month before; and a glossary. Everything comes from ``random.Random(seed)``: the same
shape and seed write the same files. Whatever it writes passes ``check``.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.slugs import slugify

COMMITTEE = "Synthetic Scrutiny Panel"
COUNCIL = "Synthetic Borough Council"
LAST_MONTH = (2025, 3)  # the latest release's month: fixed, so output never depends on today
SERVICE_AREAS = {
    "Early help": "EH",
    "Child protection": "CP",
    "Looked after children": "LAC",
    "Care leavers": "CL",
    "Education": "ED",
    "Fostering and placements": "FP",
}
SUBJECTS = [
    "children with a Child Protection Plan",
    "children looked after",
    "family assessments completed on time",
    "referrals to children's social care",
    "care leavers in education, employment or training",
    "children in foster placements",
    "re-referrals within 12 months",
    "initial health assessments on time",
    "placement moves",
    "early help assessments",
    "missing episodes",
    "visits within timescale",
]
FAMILY_NAMES = [
    "Ashworth", "Bellamy", "Chowdhury", "Dunmore", "Ellery", "Fenwick", "Garside", "Hollins",
    "Iqbal", "Jessop", "Kavanagh", "Lomax", "Mensah", "Nolan", "Okafor", "Pryce", "Quayle",
    "Rahman", "Sandhu", "Thorne", "Upton", "Varga", "Whitlock", "Yardley",
]  # fmt: skip
ROLES = [
    "Head of Family Support",
    "Director of Children's Services",
    "Service Manager, Assessment",
    "Head of Corporate Parenting",
    "Scrutiny Manager",
    "Performance Manager",
]
TOPICS = [
    "Timeliness of family assessments",
    "Recruitment of foster carers",
    "Placement sufficiency strategy",
    "Support for care leavers",
    "Early help offer",
    "Workforce stability in social work teams",
    "Health of children in care",
    "Children missing from home and care",
    "Annual report of the Local Safeguarding Partnership",
    "Attendance of children in care at school",
]
TERM_WORDS = (
    ["Assessment", "Placement", "Plan", "Review", "Referral", "Panel", "Order", "Conference"],
    ["Child", "Family", "Care", "Protection", "Health", "Education", "Kinship", "Secure"],
)
STATUS_PATH = ["open", "response_received", "completed"]


@dataclass(frozen=True)
class Shape:
    """How big an archive to make."""

    meetings: int
    indicators: int
    years: int
    terms: int
    seed: int = 1


@dataclass(frozen=True)
class Series:
    """One indicator's values: a random walk with drift and a seasonal swing."""

    slug: str
    unit: str
    decimals: int
    values: tuple[float, ...]


def synthesise(shape: Shape, out: Path) -> Path:
    """Write a content root of ``shape`` at ``out`` (replacing what was there); return it."""
    if shape.meetings < 1 or shape.indicators < 0 or shape.years < 1 or shape.terms < 0:
        raise ValueError("expected at least one meeting and one year")
    if shape.meetings > shape.years * 365:
        raise ValueError("expected at most one meeting a day")
    rng = random.Random(shape.seed)
    for folder in ("content", "glossary", "site_config"):
        shutil.rmtree(out / folder, ignore_errors=True)
    months = _months(shape.years)
    people = _people()
    indicators, series = _indicators(rng, shape.indicators, len(months))
    _write_yaml(out / "site_config" / "site.yml", _site())
    _write_yaml(out / "content" / "committee.yml", _committee())
    _write_yaml(out / "content" / "people.yml", people)
    for indicator in indicators:
        _write_yaml(out / "content" / "indicators" / f"{_slug(indicator)}.yml", indicator)
    for release in _releases(months):
        _write_yaml(out / "content" / "releases" / f"{release['id']}.yml", release)
    if series:
        _write_observations(
            out / "content" / "indicators" / "observations.csv", rng, series, months
        )
    slugs = [s.slug for s in series]
    for meeting in _meetings(rng, shape.meetings, months, people, slugs):
        _write_yaml(out / "content" / "meetings" / f"{meeting['date'].isoformat()}.yml", meeting)
    for term in _glossary(rng, shape.terms):
        front, body = term
        text = f"---\n{_dump(front)}---\n{body}\n"
        _write(out / "glossary" / f"{slugify(front['term'])}.md", text)
    return out


# --------------------------------------------------------------------------- site and people


def _site() -> dict[str, Any]:
    return {
        "site_name": f"{COMMITTEE} archive",
        "council": COUNCIL,
        "committee": COMMITTEE,
        "description": "An invented archive of realistic shape, written by python -m builder "
        "synth to measure builds at scale.",
        "language": "en-GB",
        "service_areas": list(SERVICE_AREAS),
    }


def _committee() -> dict[str, Any]:
    return {
        "name": COMMITTEE,
        "role": "To scrutinise the Council's services for children and families and to make "
        "recommendations on their performance.",
        "terms_of_reference": [
            "Regular scrutiny of the monthly performance of children's services.",
            "Referring issues to the Cabinet Member for Children and Families.",
        ],
        "quorum": 3,
        "sources": ["Invented by the synthetic archive generator"],
    }


def _people() -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = [
        {
            "id": f"cllr-{slugify(name)}",
            "name": f"Councillor {name}",
            "kind": "councillor",
            "family_name": name,
        }
        for name in FAMILY_NAMES[:20]
    ]
    people += [
        {
            "id": f"mr-{slugify(name)}",
            "name": f"Mr {name}",
            "kind": "appointed_member",
            "family_name": name,
            "notes": ["Parent governor representative."],
        }
        for name in FAMILY_NAMES[20:]
    ]
    return people


# --------------------------------------------------------------------------- indicators


def _months(years: int) -> list[tuple[int, int]]:
    """The months of the series, oldest first, ending at ``LAST_MONTH``."""
    last = LAST_MONTH[0] * 12 + LAST_MONTH[1] - 1
    return [(index // 12, index % 12 + 1) for index in range(last - years * 12 + 1, last + 1)]


def _month(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _slug(indicator: dict[str, Any]) -> str:
    return slugify(indicator.get("code") or indicator["title"])


def _indicators(
    rng: random.Random, count: int, months: int
) -> tuple[list[dict[str, Any]], list[Series]]:
    indicators, series = [], []
    areas = list(SERVICE_AREAS.items())
    for index in range(count):
        area, prefix = areas[index % len(areas)]
        unit = rng.choice(["count", "count", "percentage", "rate_per_10000"])
        subject = SUBJECTS[index % len(SUBJECTS)]
        code = f"{prefix}{index // len(areas) + 1}" + (" (%)" if unit == "percentage" else "")
        title = {
            "count": f"Number of {subject}",
            "percentage": f"Percentage of {subject}",
            "rate_per_10000": f"Rate of {subject} per 10,000 children",
        }[unit]
        if index >= len(SUBJECTS):
            title += f" ({area.lower()}, measure {index + 1})"
        values = _walk(rng, unit, months)
        decimals = 0 if unit == "count" else 1
        mean = sum(values) / len(values)
        indicator: dict[str, Any] = {
            "code": code,
            "title": title,
            "service_area": area,
            "outcome": f"Children and families receive a timely service ({subject}).",
            "owner": f"{rng.choice(FAMILY_NAMES)} {rng.choice(ROLES).split(',')[0]}",
            "unit": unit,
            "decimals": decimals,
            "polarity": rng.choice(["higher_is_better", "lower_is_better", "neither"]),
            "polarity_reasoning": "As the dataset's outcome statement states.",
            "benchmarks": [
                {"kind": kind, "year": "2022-23", "value": _bounded(unit, mean * factor, 1)}
                for kind, factor in (
                    ("statistical_neighbours", rng.uniform(0.85, 1.15)),
                    ("england", rng.uniform(0.85, 1.15)),
                )
            ],
            "targets": [
                {"year": "2023-24", "value": _bounded(unit, mean * rng.uniform(0.9, 1.1), 0)},
                {"year": "2024-25", "published_as": "TBC"},
            ],
            "sources": ["Synthetic Children's Services Dataset"],
        }
        indicators.append(indicator)
        series.append(Series(_slug(indicator), unit, decimals, tuple(values)))
    return indicators, series


def _walk(rng: random.Random, unit: str, months: int) -> list[float]:
    """A random walk with drift, a yearly swing and noise, kept within the unit's range."""
    level = {"count": rng.uniform(20, 600), "percentage": rng.uniform(40, 90)}.get(
        unit, rng.uniform(5, 90)
    )
    drift = rng.uniform(-0.004, 0.004) * level
    swing = rng.uniform(0.02, 0.12) * level
    phase = rng.uniform(0, 2 * math.pi)
    step = rng.uniform(0.01, 0.05) * level
    values, walk = [], level
    for month in range(months):
        walk += drift + rng.gauss(0, step)
        walk = max(walk, level * 0.2)
        seasonal = swing * math.sin(2 * math.pi * month / 12 + phase)
        values.append(_bounded(unit, walk + seasonal, 0 if unit == "count" else 1))
    return values


def _bounded(unit: str, value: float, decimals: int) -> float:
    value = max(value, 0.0)
    if unit == "percentage":
        value = min(value, 100.0)
    return float(round(value)) if decimals == 0 else round(value, decimals)


def _releases(months: list[tuple[int, int]]) -> list[dict[str, Any]]:
    releases = []
    for year, month in months:
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        releases.append(
            {
                "id": _month((year, month)),
                "title": f"Synthetic Children's Services Dataset – {_month((year, month))}",
                "published": following + dt.timedelta(days=14),
                "source": "Appendix 1 to the report 'Performance', Synthetic Scrutiny Panel",
            }
        )
    return releases


def _write_observations(
    path: Path, rng: random.Random, series: list[Series], months: list[tuple[int, int]]
) -> None:
    """One release a month: each publishes its month's value and, now and then, revises the
    month before."""
    rows = []
    for index, month in enumerate(months):
        release = _month(month)
        for one in series:
            if index and rng.random() < 0.12:
                revised = _bounded(one.unit, one.values[index - 1] * rng.uniform(0.95, 1.05), 1)
                revised = float(round(revised)) if one.unit == "count" else revised
                rows.append((one.slug, _month(months[index - 1]), revised, release))
            rows.append((one.slug, release, one.values[index], release))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator", "period", "value", "release"])
        for slug, period, value, release in rows:
            writer.writerow([slug, period, f"{value:g}" if value == int(value) else value, release])


# --------------------------------------------------------------------------- meetings


def _meetings(
    rng: random.Random,
    count: int,
    months: list[tuple[int, int]],
    people: list[dict[str, Any]],
    slugs: list[str],
) -> list[dict[str, Any]]:
    """``count`` meetings spread evenly from the first month of data to after the last."""
    start = dt.date(*months[0], 1)
    days = len(months) * 365 // 12
    dates = sorted({start + dt.timedelta(days=index * days // count) for index in range(count)})
    councillors = [p["id"] for p in people if p["kind"] == "councillor"]
    appointed = [p["id"] for p in people if p["kind"] == "appointed_member"]
    held: list[dt.date] = []
    meetings = []
    for position, day in enumerate(dates):
        if position % 29 == 28:
            meetings.append(
                {
                    "committee": COMMITTEE,
                    "date": day,
                    "status": "cancelled",
                    "sources": [f"Notice of cancellation, {day.isoformat()}"],
                }
            )
            continue
        meetings.append(_held(rng, day, held[-1] if held else None, councillors, appointed, slugs))
        held.append(day)
    return meetings


def _held(
    rng: random.Random,
    day: dt.date,
    previous: dt.date | None,
    councillors: list[str],
    appointed: list[str],
    slugs: list[str],
) -> dict[str, Any]:
    year = day.year if day.month >= 5 else day.year - 1  # the municipal year, May to April
    offset = (year * 3) % len(councillors)
    members = [councillors[(offset + n) % len(councillors)] for n in range(8)]
    others = [c for c in councillors if c not in members]
    apologies = rng.sample(members, rng.randint(0, 2))
    present = [m for m in members if m not in apologies]
    meeting: dict[str, Any] = {
        "committee": COMMITTEE,
        "date": day,
        "start_time": rng.choice(["17:30", "18:00", "18:30"]),
        "venue": "Council Chamber - Synthetic Civic Centre",
        "status": "held",
        "sources": [f"Agenda and minutes, {COMMITTEE}, {day.isoformat()}"],
        "chair": present[0],
        "members": members,
    }
    substitutions = []
    for member in apologies:
        if rng.random() < 0.5:
            substitute = others.pop(rng.randrange(len(others)))
            present.append(substitute)
            substitutions.append({"member": member, "substitute": substitute})
    invited = [a for a in appointed if rng.random() < 0.5]
    meeting["present"] = present + invited
    if apologies:
        meeting["apologies"] = apologies
    if invited:
        meeting["invited"] = invited
    if substitutions:
        meeting["substitutions"] = substitutions
    meeting["items"] = _items(rng, day, previous, slugs, apologies)
    return meeting


def _items(
    rng: random.Random,
    day: dt.date,
    previous: dt.date | None,
    slugs: list[str],
    apologies: list[str],
) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {
            "number": 1,
            "title": "Apologies and changes in membership (if any)",
            "minutes": f"{len(apologies)} apologies were noted." if apologies else "None.",
        }
    ]
    if previous is not None:
        items.append(
            {
                "number": 2,
                "title": "Minutes of the previous meeting (including matters arising)",
                "approves": [{"meeting": previous}],
                "decisions": [
                    {
                        "text": f"That the minutes of the meeting held on {previous.isoformat()} "
                        "be approved and signed as a correct record."
                    }
                ],
            }
        )
    for topic in rng.sample(TOPICS, rng.randint(1, 3)):
        items.append(_topic_item(rng, day, len(items) + 1, topic, slugs))
    if slugs:
        items.append(
            {
                "number": len(items) + 1,
                "title": "Children's Services performance",
                "report_of": "Scrutiny Manager",
                "minutes": "The Panel considered the latest monthly dataset.",
                "decisions": [{"text": "That the Panel note the report."}],
                "indicators": sorted(rng.sample(slugs, min(len(slugs), rng.randint(1, 4)))),
            }
        )
    return items


def _topic_item(
    rng: random.Random, day: dt.date, number: int, topic: str, slugs: list[str]
) -> dict[str, Any]:
    officer = rng.choice(ROLES)
    item: dict[str, Any] = {
        "number": number,
        "title": topic,
        "report_of": officer,
        "summary": f"The report of the {officer} on {topic.lower()}.",
        "minutes": f"The Panel considered the report of the {officer}.\n\n"
        f"Members asked about {rng.choice(SUBJECTS)} and {rng.choice(SUBJECTS)}.",
    }
    decisions: list[dict[str, Any]] = [{"text": "That the Panel note the report."}]
    for label in range(1, rng.choice([0, 0, 1, 2]) + 1):
        decisions.append(_recommendation(rng, day, f"{label}.", officer))
    item["decisions"] = decisions
    if rng.random() < 0.25:
        item["requests"] = [
            {
                "text": f"That figures for {rng.choice(SUBJECTS)} be circulated to members.",
                "asked_of": officer,
                "due_month": _month(_add_months((day.year, day.month), 2)),
            }
        ]
    if slugs and rng.random() < 0.4:
        item["indicators"] = [rng.choice(slugs)]
    return item


def _recommendation(rng: random.Random, day: dt.date, label: str, officer: str) -> dict[str, Any]:
    decision: dict[str, Any] = {
        "label": label,
        "text": f"That the {officer} report back on {rng.choice(SUBJECTS)}.",
        "kind": "recommendation",
        "asked_of": officer,
        "due_month": _month(_add_months((day.year, day.month), rng.randint(1, 6))),
    }
    events, when = [], day
    for status in STATUS_PATH[: rng.randint(0, 3)]:
        when += dt.timedelta(days=rng.randint(7, 90))
        events.append({"date": when, "status": status, "document": f"Letter of {when.isoformat()}"})
    if events:
        decision["status"] = events
    return decision


def _add_months(month: tuple[int, int], count: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 + count
    return index // 12, index % 12 + 1


# --------------------------------------------------------------------------- glossary


def _glossary(rng: random.Random, count: int) -> list[tuple[dict[str, Any], str]]:
    first, second = TERM_WORDS
    names = [f"{b} {a}" for a in first for b in second]
    terms: list[tuple[dict[str, Any], str]] = []
    for index in range(count):
        name = names[index % len(names)]
        if index >= len(names):
            name += f" {index // len(names) + 1}"
        front: dict[str, Any] = {"term": name, "source": "Synthetic glossary of terms"}
        if terms and rng.random() < 0.3:
            front["related"] = [slugify(rng.choice(terms)[0]["term"])]
        body = (
            f"A {name.lower()} is a step the service takes for {rng.choice(SUBJECTS)}. "
            f"It is reviewed by the {rng.choice(ROLES)}."
        )
        terms.append((front, body))
    return terms


# --------------------------------------------------------------------------- writing


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_yaml(path: Path, data: Any) -> None:
    _write(path, _dump(data))
