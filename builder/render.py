"""Render stage: write the site as plain Markdown pages and SVG charts.

One Jinja2 template per page type (``templates/pages/``) holds the presentation; this
module decides what goes on which page and formats values. The output folder is what
the build stage hands to the site generator; nothing here knows about MkDocs.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from builder.charts import chart_svg
from builder.links import Linker, indicators_using
from builder.model import (
    AgendaItem,
    Analysis,
    Archive,
    Attendance,
    Attendee,
    DecisionRef,
    Exclusion,
    GlossaryTerm,
    Indicator,
    IndicatorAnalysis,
    Meeting,
    Person,
    Release,
    municipal_year,
)
from builder.opendata import (
    EXTENSIONS,
    atom_feed,
    icalendar,
    json_text,
    meeting_json,
    meetings_json,
)

UNIT_NAMES = {
    "count": "count",
    "percentage": "percentage",
    "rate_per_10000": "rate per 10,000 children aged 0-17",
}
POLARITY_NAMES = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "neither": "neither higher nor lower is better in itself",
}
BENCHMARK_NAMES = {
    "statistical_neighbours": "Statistical neighbours",
    "england": "England",
    "south_east": "South East region",
}
STATUS_NAMES = {
    "scheduled": "Scheduled",
    "held": "Held",
    "cancelled": "Cancelled",
    "moved": "Moved",
}
EXEMPTION_BASES = {
    "schedule_12a": "exempt information under paragraph {category} of Part 1 of Schedule 12A "
    "to the Local Government Act 1972",
    "government_department": "information supplied by a government department on terms that "
    "forbid its disclosure",
    "court_order": "information whose disclosure is prohibited by an order of a court",
}
PERSON_KINDS = {"councillor": "Councillor", "appointed_member": "Appointed member"}
RECOMMENDATION_STATUSES = {
    "open": "Open",
    "response_received": "Response received",
    "completed": "Completed",
    "not_accepted": "Not accepted",
}
ATTENDEE_KINDS = {
    "officer": "Officer",
    "cabinet_member": "Cabinet member",
    "councillor": "Councillor",
    "guest": "Guest",
}


@dataclass(frozen=True)
class Page:
    """A page to write: its path under the docs folder and its Markdown."""

    path: str
    text: str


# --------------------------------------------------------------------------- formatting


def plain(text: str | None) -> str:
    """Escape author text for a Markdown context where it must appear literally."""
    if text is None:
        return ""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", escaped)


def long_date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def format_time(moment: dt.time | None) -> str:
    if moment is None:
        return ""
    hour = moment.hour % 12 or 12
    minutes = f".{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes} {'am' if moment.hour < 12 else 'pm'}"


def format_period(period: str) -> str:
    """'2018-04' -> 'April 2018'; '2020-02-07' -> '7 February 2020'."""
    if len(period) == 7:
        return f"{dt.date.fromisoformat(period + '-01'):%B %Y}"
    return long_date(dt.date.fromisoformat(period))


def format_value(value: float | None, indicator: Indicator) -> str:
    if value is None:
        return "–"
    decimals = indicator.decimals
    if decimals is None:
        decimals = 1 if indicator.unit == "percentage" else 0
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if indicator.unit == "percentage" else text


def format_change(change: float | None) -> str:
    if change is None:
        return "–"
    if change == 0:
        return "no change"
    rounded = round(change)
    return "0%" if rounded == 0 else f"{rounded:+d}%".replace("-", "−")


def format_number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def yaml_string(text: str) -> str:
    """A YAML scalar for page front matter (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# --------------------------------------------------------------------------- environment


def template_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("builder", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        plain=plain,
        long_date=long_date,
        format_time=format_time,
        format_period=format_period,
        format_value=format_value,
        format_change=format_change,
        format_number=format_number,
        yaml_string=yaml_string,
    )
    environment.globals.update(
        UNIT_NAMES=UNIT_NAMES,
        POLARITY_NAMES=POLARITY_NAMES,
        BENCHMARK_NAMES=BENCHMARK_NAMES,
        STATUS_NAMES=STATUS_NAMES,
        ATTENDEE_KINDS=ATTENDEE_KINDS,
        PERSON_KINDS=PERSON_KINDS,
        RECOMMENDATION_STATUSES=RECOMMENDATION_STATUSES,
        attendance_roles=attendance_roles,
        member_counts=member_counts,
        exemption_text=exemption_text,
        ordinal=ordinal,
    )
    return environment


# --------------------------------------------------------------------------- pages


def render_site(
    archive: Archive, analysis: Analysis, docs: Path, cache: Path | None = None
) -> list[Page]:
    """Write every page and chart under ``docs``; return the pages written.

    ``cache`` is a folder where drawn charts are kept between builds.
    """
    environment = template_environment()
    linker = Linker(archive)
    definitions = linker.definitions()
    pages = [
        Page(page.path, linker.link(page.text, page.path) + "\n" + definitions)
        for page in site_pages(archive, analysis, environment)
    ]
    for page in pages:
        write_if_changed(docs / page.path, page.text)
    write_open_data(archive, analysis, docs)
    releases = {release.id: release for release in archive.releases}
    for slug, indicator_analysis in analysis.indicators.items():
        if indicator_analysis.series:
            chart = chart_svg(indicator_analysis, cache)
            write_if_changed(docs / "indicators" / "charts" / f"{slug}.svg", chart)
            data = indicator_csv(indicator_analysis, releases)
            write_if_changed(docs / "indicators" / "data" / f"{slug}.csv", data)
    return pages


def indicator_csv(analysis: IndicatorAnalysis, releases: dict[str, Release]) -> str:
    """Every value every release published, with which one is current: the download."""
    current = {(point.period, point.release) for point in analysis.series}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["indicator", "code", "period", "value", "release", "release_published", "status"]
    )
    for observation in analysis.history:
        status = "current" if (observation.period, observation.release) in current else "revised"
        writer.writerow(
            [
                analysis.indicator.slug,
                analysis.indicator.code or "",
                observation.period,
                f"{observation.value:.10g}",
                observation.release,
                releases[observation.release].published.isoformat(),
                status,
            ]
        )
    return out.getvalue()


def write_open_data(archive: Archive, analysis: Analysis, docs: Path) -> None:
    """Meetings as JSON (one file for all, one per meeting), the Atom feed and the calendar."""
    documents = {meeting.slug: meeting_json(archive, meeting) for meeting in archive.meetings}
    newest_first = [documents[meeting.slug] for meeting in reversed(archive.meetings)]
    write_if_changed(docs / "data" / "meetings.json", json_text(meetings_json(newest_first)))
    for slug, document in documents.items():
        write_if_changed(docs / "data" / "meetings" / f"{slug}.json", json_text(document))
    write_if_changed(docs / "feed.xml", atom_feed(archive, analysis).decode("utf-8"))
    write_if_changed(docs / "meetings.ics", icalendar(archive).decode("utf-8"))


def write_if_changed(path: Path, text: str) -> None:
    """Write only what differs, so a live preview watching the folder does not loop."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def site_pages(archive: Archive, analysis: Analysis, environment: Environment):
    render = _renderer(environment, archive)
    yield Page("index.md", render("home.md.j2", recent=list(reversed(archive.meetings))[:5]))
    yield Page(
        "meetings/index.md",
        render("meetings_index.md.j2", years=meetings_by_year(archive), as_of=archive.latest_date),
    )
    indicator_names = {
        i.slug: f"{i.code}: {i.title}" if i.code else i.title for i in archive.indicators
    }
    for index, meeting in enumerate(archive.meetings):
        yield Page(
            f"meetings/{meeting.slug}.md",
            render(
                "meeting.md.j2",
                meeting=meeting,
                previous=archive.meetings[index - 1] if index > 0 else None,
                next=archive.meetings[index + 1] if index + 1 < len(archive.meetings) else None,
                people=_people(archive),
                addressed=addressed_by_person(meeting),
                indicator_names=indicator_names,
                items_taken=items_in_order_taken(meeting),
                approvals=analysis.approvals.get(meeting.date, []),
                fulfilments=analysis.fulfilments,
                meeting_dates={m.date for m in archive.meetings},
                lifted=lambda item: (
                    item.confidentiality_lifted is not None
                    and item.confidentiality_lifted <= analysis.as_of
                ),
                open_on=analysis.open_on,
                overdue=analysis.overdue,
            ),
        )
    yield Page(
        "indicators/index.md",
        render(
            "indicators_index.md.j2",
            areas=indicators_by_area(archive, analysis),
            disagreements=analysis.disagreements,
        ),
    )
    releases = {release.id: release for release in archive.releases}
    printed = defaultdict(list)
    for figures in archive.published_figures:
        printed[figures.indicator].append(figures)
    for slug, indicator_analysis in analysis.indicators.items():
        yield Page(
            f"indicators/{slug}.md",
            render(
                "indicator.md.j2",
                a=indicator_analysis,
                indicator=indicator_analysis.indicator,
                releases=releases,
                meetings=analysis.meetings_by_indicator.get(slug, []),
                published=printed[slug],
                chart_alt=chart_description(indicator_analysis),
            ),
        )
    yield Page(
        "recommendations/index.md",
        render(
            "recommendations.md.j2",
            recommendations=analysis.recommendations,
            as_of=analysis.as_of,
            status_text=lambda ref: status_text(ref, analysis),
        ),
    )
    people = sorted(archive.people, key=lambda p: (p.family_name, p.id))
    yield Page(
        "members/index.md",
        render("members_index.md.j2", people=people, attendance=analysis.attendance),
    )
    for person in people:
        yield Page(
            f"members/{person.id}.md",
            render("member.md.j2", person=person, records=analysis.attendance.get(person.id, [])),
        )
    yield Page("data/index.md", render("open_data.md.j2", extensions=EXTENSIONS))
    yield Page("releases/index.md", render("releases_index.md.j2", reports=analysis.releases))
    for report in analysis.releases:
        yield Page(
            f"releases/{report.slug}.md",
            render("release.md.j2", report=report, release=report.release, releases=releases),
        )
    terms = {term.slug: term for term in archive.glossary}
    letters = terms_by_letter(archive)
    yield Page("glossary/index.md", render("glossary_index.md.j2", letters=letters))
    for term in archive.glossary:
        page = render(
            "glossary_term.md.j2",
            term=term,
            terms=terms,
            indicators=indicators_using(term, archive),
        )
        yield Page(f"glossary/{term.slug}.md", page)


def _renderer(environment: Environment, archive: Archive):
    def render(template: str, **context) -> str:
        return environment.get_template(f"pages/{template}").render(
            site=archive.site, committee=archive.committee, archive=archive, **context
        )

    return render


def _people(archive: Archive) -> dict[str, Person]:
    return {person.id: person for person in archive.people}


# --------------------------------------------------------------------------- page logic


def meetings_by_year(archive: Archive) -> list[tuple[str, list[tuple[dt.date, Meeting | None]]]]:
    """Municipal years, newest first, each with its meetings and published dates.

    A date from a published programme with no meeting record is listed with ``None``.
    """
    days: dict[dt.date, Meeting | None] = {}
    for meeting in archive.meetings:
        if meeting.programme:
            for day in meeting.programme.dates:
                days.setdefault(day, None)
    for meeting in archive.meetings:
        days[meeting.date] = meeting
    years: dict[str, list] = defaultdict(list)
    for day in sorted(days, reverse=True):
        years[municipal_year(day)].append((day, days[day]))
    return sorted(years.items(), reverse=True)


def addressed_by_person(meeting: Meeting) -> list[tuple[Attendee, list[int | None]]]:
    """Everyone who addressed the meeting, once each, with the items they spoke on."""
    spoke: dict[tuple, list] = {}
    people: dict[tuple, Attendee] = {}
    for item in meeting.items:
        for attendee in item.addressed:
            key = (attendee.name, attendee.role)
            people.setdefault(key, attendee)
            spoke.setdefault(key, []).append(item.number)
    return [(people[key], spoke[key]) for key in people]


def indicators_by_area(
    archive: Archive, analysis: Analysis
) -> list[tuple[str, list[IndicatorAnalysis]]]:
    order = {area: index for index, area in enumerate(archive.site.service_areas)}
    areas: dict[str, list[IndicatorAnalysis]] = defaultdict(list)
    for indicator in archive.indicators:
        areas[indicator.service_area].append(analysis.indicators[indicator.slug])
    for members in areas.values():
        members.sort(key=_indicator_order)
    return sorted(areas.items(), key=lambda item: order.get(item[0], len(order)))


def _indicator_order(analysis: IndicatorAnalysis) -> tuple:
    """Coded indicators first, in code order (LAC2 before LAC10), then the rest by title."""
    indicator = analysis.indicator
    if indicator.code is None:
        return (1, [], indicator.title)
    parts = re.split(r"(\d+)", indicator.code)
    return (0, [int(p) if p.isdigit() else p for p in parts], "")


def terms_by_letter(archive: Archive) -> list[tuple[str, list[GlossaryTerm]]]:
    letters: dict[str, list[GlossaryTerm]] = defaultdict(list)
    for term in archive.glossary:
        first = term.term[0].upper()
        letters[first if first.isalpha() else "#"].append(term)
    return sorted(letters.items())


def items_in_order_taken(meeting: Meeting) -> list[tuple[int, AgendaItem]]:
    """(position on the agenda, item), in the order the meeting took them."""
    numbered = list(enumerate(meeting.items, start=1))
    return sorted(numbered, key=lambda pair: (pair[1].order_taken or pair[0], pair[0]))


def exemption_text(exclusion: Exclusion) -> str:
    text = EXEMPTION_BASES[exclusion.basis]
    if exclusion.basis == "schedule_12a":
        category = exclusion.category or "(not stated)"
        return text.format(category=category)
    return text


def ordinal(number: int) -> str:
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
    return words[number - 1] if 0 < number <= len(words) else f"{number}th"


def attendance_roles(record: Attendance) -> str:
    """'Present (Chair)', 'Apologies', 'Listed as a member (Chair)', ... for one meeting."""
    roles = []
    if record.present_for_items:
        items = ", ".join(str(number) for number in record.present_for_items)
        roles.append(f"Present for item{'s' if len(record.present_for_items) > 1 else ''} {items}")
    elif record.present:
        roles.append("Present")
    if record.invited:
        roles.append("Invited")
    if record.apologies:
        roles.append("Apologies")
    if record.substitute_for:
        roles.append(f"Substitute for {record.substitute_for.name}")
    if not roles and record.listed:
        roles.append("Listed as a member on the agenda")
    if record.chaired:
        roles.append("Chair")
    if record.vice_chair:
        roles.append("Vice-chair")
    for item in record.chaired_items:
        number = f"item {item.number}" if item.number is not None else item.title
        roles.append(f"in the chair for {number}")
    if record.declarations and not roles:
        roles.append("Declared an interest")
    return ", ".join(roles)


def member_counts(records: list[Attendance]) -> dict[str, int]:
    return {
        "attended": sum(r.present for r in records),
        "apologies": sum(r.apologies for r in records),
        "chaired": sum(bool((r.chaired and r.present) or r.chaired_items) for r in records),
    }


def status_text(ref: DecisionRef, analysis: Analysis) -> str:
    """The status of a recommendation, with when and where it last changed."""
    history = ref.decision.history
    if not history:
        text = f"Open: no response recorded; waiting {analysis.days_waiting(ref)} days"
    else:
        event = history[-1]
        text = f"{RECOMMENDATION_STATUSES[event.status]} on {long_date(event.date)}"
        if event.meeting:
            text += f" (meeting of [{long_date(event.meeting)}](../meetings/{event.meeting}.md))"
        if event.document:
            text += f" ({plain(event.document)})"
        if event.status == "open":
            text += f"; waiting {analysis.days_waiting(ref)} days"
    due = ref.decision.due_date()
    if due is not None:
        text += f"; due {long_date(due)}"
        if analysis.overdue(ref):
            text += " — **overdue**"
    return text


def chart_description(analysis: IndicatorAnalysis) -> str:
    """The text alternative of an indicator's chart: what a sighted reader would take in."""
    series, indicator = analysis.series, analysis.indicator
    if not series:
        return ""
    highest = max(series, key=lambda p: p.value)
    lowest = min(series, key=lambda p: p.value)
    first, last = series[0], series[-1]
    return (
        f"Line chart of {indicator.title[0].lower() + indicator.title[1:]}, "
        f"{format_period(first.period)} to {format_period(last.period)}: "
        f"{format_value(first.value, indicator)} in {format_period(first.period)}, "
        f"{format_value(last.value, indicator)} in {format_period(last.period)}; "
        f"highest {format_value(highest.value, indicator)} ({format_period(highest.period)}), "
        f"lowest {format_value(lowest.value, indicator)} ({format_period(lowest.period)}). "
        "Every value is in the table below."
    )
