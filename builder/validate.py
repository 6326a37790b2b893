"""Validate stage: turn parsed content files into model records, or report every problem.

Each file is validated into its model class (``model.py``) with pydantic, whose errors
are translated into plain messages with the file, line and field. Then the records are
checked against each other (a member id on a meeting must be in the register, an
observation must name a known indicator, ...). Every problem of a run is collected and
raised once as ``ContentErrors``; nothing is written by this stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from builder.errors import ContentError, ContentErrors
from builder.load import ContentFiles, SourceFile, SourceTable
from builder.model import (
    Archive,
    Committee,
    GlossaryTerm,
    Indicator,
    Meeting,
    Observation,
    Person,
    PublishedFigures,
    Release,
    SiteConfig,
    municipal_year,
)

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def validate_content(files: ContentFiles) -> Archive:
    """Return the validated archive, or raise ``ContentErrors`` listing every problem."""
    errors: list[ContentError] = list(files.problems)
    site = _record(files.site, SiteConfig, errors)
    committee = _record(files.committee, Committee, errors)
    people = _records_of_list(files.people, Person, errors)
    meetings = _records_of_files(files.meetings, Meeting, errors)
    indicators = _records_of_files(files.indicators, Indicator, errors)
    releases = _records_of_files(files.releases, Release, errors)
    glossary = _glossary_terms(files.glossary, errors)

    person_ids = {person.id: person for _, person in people}
    indicator_files = {source.stem for source in files.indicators}
    slugs = {indicator.slug for _, indicator in indicators} | indicator_files
    release_ids = {release.id for _, release in releases}
    service_areas = site.service_areas if site else []

    errors += _check_people(files.people, people)
    meeting_dates = {meeting.date for _, meeting in meetings}
    items_by_meeting = {
        meeting.date: {item.number for item in meeting.items} for _, meeting in meetings
    }
    for source, meeting in meetings:
        errors += _check_meeting(source, meeting, person_ids, slugs)
        errors += _check_status_events(source, meeting, meeting_dates)
        errors += _check_meeting_kind(source, meeting, meeting_dates)
        errors += _check_attendance(source, meeting, person_ids)
        errors += _check_items(source, meeting, items_by_meeting)
    errors += _check_indicators(indicators, service_areas)
    errors += _check_releases(releases)
    errors += _check_glossary(glossary)
    observations = _observations(
        files.observations, indicators, indicator_files, release_ids, errors
    )
    published_figures = _published_figures(
        files.published_figures, indicator_files, release_ids, errors
    )

    if errors or site is None:
        raise ContentErrors(errors)
    return Archive(
        site=site,
        committee=committee,
        people=sorted((person for _, person in people), key=lambda p: p.id),
        meetings=sorted((m for _, m in meetings), key=lambda m: m.date),
        indicators=sorted((i for _, i in indicators), key=lambda i: i.slug),
        releases=sorted((r for _, r in releases), key=lambda r: r.published),
        observations=observations,
        published_figures=published_figures,
        glossary=sorted((t for _, t in glossary), key=lambda t: t.term.lower()),
    )


# --------------------------------------------------------------------------- records


@cache
def _adapter(cls: type) -> TypeAdapter:
    return TypeAdapter(cls)


def _record(source: SourceFile | None, cls: type, errors: list[ContentError]):
    if source is None:
        return None
    try:
        return _adapter(cls).validate_python(_as_mapping(source, cls))
    except ValidationError as exc:
        errors.extend(_translate(source, cls, exc))
        return None
    except ContentError as error:
        errors.append(error)
        return None


def _as_mapping(source: SourceFile, cls: type) -> Any:
    if source.data is None or not isinstance(source.data, dict):
        raise source.error(f"expected a set of 'field: value' lines describing a {_noun(cls)}")
    return source.data


def _records_of_files(sources: list[SourceFile], cls: type, errors: list[ContentError]):
    pairs = ((source, _record(source, cls, errors)) for source in sources)
    return [(source, record) for source, record in pairs if record is not None]


def _records_of_list(source: SourceFile | None, cls: type, errors: list[ContentError]):
    """Validate a file holding a list of records; a bad entry does not hide the others."""
    if source is None:
        return []
    if not isinstance(source.data, list):
        errors.append(source.error(f"expected a list of {_noun(cls)} entries, each starting '- '"))
        return []
    records = []
    for index, entry in enumerate(source.data):
        try:
            records.append((index, _adapter(cls).validate_python(entry)))
        except ValidationError as exc:
            errors.extend(_translate(source, cls, exc, prefix=(index,)))
    return records


def _glossary_terms(sources: list[SourceFile], errors: list[ContentError]):
    terms = []
    for source in sources:
        if "definition" in source.data:
            errors.append(
                source.error("write the definition below the front matter", ("definition",))
            )
            continue
        data = dict(source.data, definition=source.body or "")
        try:
            terms.append((source, _adapter(GlossaryTerm).validate_python(data)))
        except ValidationError as exc:
            errors.extend(_translate(source, GlossaryTerm, exc))
    return terms


def _noun(cls: type) -> str:
    return re.sub(r"(?<!^)([A-Z])", r" \1", cls.__name__).lower()


# --------------------------------------------------------------------------- messages

_DATE = "a date written YYYY-MM-DD, e.g. 2018-06-07"
_MESSAGES = {
    "missing": "this field is required but missing",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number such as 521 or 20.7",
    "float_parsing": "expected a number such as 521 or 20.7",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "date_type": f"expected {_DATE}",
    "date_parsing": f"expected {_DATE}",
    "date_from_datetime_parsing": f"expected {_DATE}",
    "date_from_datetime_inexact": f"expected {_DATE}",
    "time_type": 'expected a time in quotes written HH:MM, e.g. "17:30"',
    "time_parsing": 'expected a time in quotes written HH:MM, e.g. "17:30"',
    "list_type": "expected a list: one entry per line, each starting '- '",
    "dataclass_type": "expected a set of 'field: value' lines",
    "dataclass_args_type": "expected a set of 'field: value' lines",
}


def _translate(
    source: SourceFile, cls: type, exc: ValidationError, prefix: tuple = ()
) -> Iterator[ContentError]:
    for problem in exc.errors():
        loc = prefix + tuple(problem["loc"])
        line = source.body_line if loc == ("definition",) and source.body_line else None
        yield source.error(_problem_message(problem, cls), loc, line=line)


def _problem_message(problem: dict, cls: type) -> str:
    """A pydantic problem in plain words: what was expected and what was found."""
    kind = problem["type"]
    if kind == "unexpected_keyword_argument":
        return _unknown_field_message(cls, tuple(problem["loc"]))
    if kind == "literal_error":
        message = f"expected one of {problem['ctx']['expected']}"
    else:
        message = _MESSAGES.get(kind, problem["msg"])
    if kind == "missing":
        return message
    return message + f", got {_show(problem.get('input'))}"


def _unknown_field_message(cls: type, loc: tuple) -> str:
    name = str(loc[-1])
    allowed = _field_names_at(cls, loc[:-1])
    message = f"unknown field '{name}'"
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return message + f" (did you mean '{close[0]}'?)"
    return message + f" (expected one of: {', '.join(allowed)})"


def _field_names_at(cls: type, loc: tuple) -> list[str]:
    """The field names of the record found by walking ``loc`` down from ``cls``."""
    current: Any = cls
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if dataclasses.is_dataclass(current):
            current = typing.get_type_hints(current).get(part, current)
    current = _unwrap(current)
    return (
        [f.name for f in dataclasses.fields(current)] if dataclasses.is_dataclass(current) else []
    )


def _unwrap(annotation: Any) -> Any:
    """``list[X]`` -> ``X`` and ``X | None`` -> ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin in (list, tuple):
            annotation = typing.get_args(annotation)[0]
        elif origin in (types.UnionType, typing.Union):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _did_you_mean(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --------------------------------------------------------------------------- people


def _check_people(
    source: SourceFile | None, people: list[tuple[int, Person]]
) -> Iterator[ContentError]:
    """Ids are unique slugs; a name or alias belongs to one person only."""
    if source is None:
        return
    seen: set[str] = set()
    claimed: dict[str, str] = {}
    for index, person in people:
        if not SLUG.match(person.id):
            yield source.error(
                f"an id is lower-case letters, digits and '-', got {person.id!r}", (index, "id")
            )
        if person.id in seen:
            yield source.error(f"the id {person.id!r} is used twice", (index, "id"))
        seen.add(person.id)
        for position, term in enumerate(person.roles):
            where = (index, "roles", position)
            if not re.fullmatch(r"\d{4}/\d{2}", term.municipal_year):
                yield source.error(
                    f"expected a municipal year written 2018/19, got {term.municipal_year!r}",
                    (*where, "municipal_year"),
                )
                continue
            for name in ("start", "end"):
                day = getattr(term, name)
                if day is not None and municipal_year(day) != term.municipal_year:
                    yield source.error(
                        f"{day.isoformat()} is not in the municipal year {term.municipal_year}",
                        (*where, name),
                    )
        for alias in [person.name, *person.aliases]:
            owner = claimed.setdefault(alias.casefold(), person.id)
            if owner != person.id:
                yield source.error(
                    f"the name {alias!r} is claimed by both {owner!r} and {person.id!r}",
                    (index, "aliases"),
                )


# --------------------------------------------------------------------------- meetings


def _check_meeting(
    source: SourceFile, meeting: Meeting, people: dict[str, Person], slugs: set[str]
) -> Iterator[ContentError]:
    if source.stem != meeting.date.isoformat():
        yield source.error(
            f"the file of a meeting is named after its date: {meeting.date.isoformat()}.yml",
            ("date",),
        )
    yield from _check_person_refs(source, meeting, people)
    both = sorted(set(meeting.present) & set(meeting.apologies))
    if both:
        yield source.error(
            f"listed both as present and as giving apologies: {', '.join(both)}", ("apologies",)
        )
    numbers = Counter(item.number for item in meeting.items if item.number is not None)
    for index, item in enumerate(meeting.items):
        if item.number is not None and numbers[item.number] > 1:
            yield source.error(
                f"item number {item.number} is used twice", ("items", index, "number")
            )
        if item.pages and not re.fullmatch(r"\d+(\s*-\s*\d+)?", item.pages):
            yield source.error(
                f"expected a page or page range such as 7-18, got {item.pages!r}",
                ("items", index, "pages"),
            )
        for position, slug in enumerate(item.indicators):
            if slug not in slugs:
                yield source.error(
                    f"no indicator has the slug {slug!r}{_did_you_mean(slug, slugs)}",
                    ("items", index, "indicators", position),
                )
    for index, declaration in enumerate(meeting.declarations):
        if declaration.item is not None and declaration.item not in numbers:
            yield source.error(
                f"this meeting has no item {declaration.item}", ("declarations", index, "item")
            )
    if meeting.programme:
        for position, day in enumerate(meeting.programme.dates):
            if municipal_year(day) != meeting.programme.municipal_year:
                yield source.error(
                    f"{day.isoformat()} is not in the municipal year "
                    f"{meeting.programme.municipal_year} (May to April)",
                    ("programme", "dates", position),
                )


def _check_status_events(
    source: SourceFile, meeting: Meeting, meeting_dates: set[dt.date]
) -> Iterator[ContentError]:
    """A recommendation's status events are dated, in order, and name meetings that exist."""
    for index, item in enumerate(meeting.items):
        for number, decision in enumerate(item.decisions):
            loc = ("items", index, "decisions", number)
            if decision.status and decision.kind != "recommendation":
                yield source.error(
                    "only a recommendation has a status: add 'kind: recommendation'", loc
                )
            previous = meeting.date
            for position, event in enumerate(decision.status):
                where = (*loc, "status", position)
                if event.date < previous:
                    yield source.error(
                        f"{event.date.isoformat()} is before {previous.isoformat()}: status "
                        "events are listed oldest first, after the meeting that made it",
                        (*where, "date"),
                    )
                previous = max(previous, event.date)
                if event.meeting is not None and event.meeting not in meeting_dates:
                    yield source.error(
                        f"there is no meeting of {event.meeting.isoformat()} in content/meetings/; "
                        "name the document that recorded the status instead",
                        (*where, "meeting"),
                    )


def _check_meeting_kind(
    source: SourceFile, meeting: Meeting, meeting_dates: set[dt.date]
) -> Iterator[ContentError]:
    """Special meetings give their reason; moved ones name the meeting they moved to."""
    if meeting.kind == "special" and not meeting.special_reason:
        yield source.error("a special meeting needs its special_reason", ("kind",))
    if meeting.special_reason and meeting.kind != "special":
        yield source.error("special_reason goes with 'kind: special'", ("special_reason",))
    if meeting.status == "moved":
        if meeting.moved_to is None:
            yield source.error("a moved meeting needs moved_to: the date it moved to", ("status",))
        elif meeting.moved_to not in meeting_dates:
            yield source.error(
                f"there is no meeting of {meeting.moved_to.isoformat()} in content/meetings/ "
                "for this one to move to",
                ("moved_to",),
            )
    elif meeting.moved_to is not None:
        yield source.error("moved_to goes with 'status: moved'", ("moved_to",))
    recording = meeting.online.recording if meeting.online else None
    if recording and not re.match(r"^https?://", recording):
        yield source.error(
            "expected the recording's web address, starting https://", ("online", "recording")
        )


def _check_attendance(
    source: SourceFile, meeting: Meeting, people: dict[str, Person]
) -> Iterator[ContentError]:
    """Substitutes, stand-in chairs and part attendance agree with who was there."""
    present = set(meeting.present)
    for index, substitution in enumerate(meeting.substitutions):
        loc = ("substitutions", index)
        if meeting.members and substitution.member not in meeting.members:
            yield source.error(
                f"{substitution.member!r} is not a member of the panel at this meeting "
                "(see members), so no one can substitute for them",
                (*loc, "member"),
            )
        if present and substitution.substitute not in present:
            yield source.error(
                f"the substitute {substitution.substitute!r} is not listed as present",
                (*loc, "substitute"),
            )
        if substitution.member in present:
            yield source.error(
                f"{substitution.member!r} is present, so needs no substitute", (*loc, "member")
            )
    if present and meeting.status == "held":
        if meeting.chair and meeting.chair not in present:
            yield source.error(f"the chair {meeting.chair!r} is not listed as present", ("chair",))
        for index, item in enumerate(meeting.items):
            if item.chair and item.chair not in present:
                yield source.error(
                    f"{item.chair!r} took the chair but is not listed as present",
                    ("items", index, "chair"),
                )
    numbers = {item.number for item in meeting.items}
    for index, part in enumerate(meeting.part_attendance):
        if present and part.member not in present:
            yield source.error(
                f"{part.member!r} attended part of the meeting but is not listed as present",
                ("part_attendance", index, "member"),
            )
        for position, number in enumerate(part.items):
            if number not in numbers:
                yield source.error(
                    f"this meeting has no item {number}",
                    ("part_attendance", index, "items", position),
                )
    for index, person_id in enumerate(meeting.invited):
        if person_id in people and people[person_id].kind != "appointed_member":
            yield source.error(
                f"{person_id!r} is a councillor: invited lists appointed members",
                ("invited", index),
            )
    for person_id, spelling in meeting.spellings.items():
        person = people.get(person_id)
        if person is None:
            yield source.error(f"{person_id!r} is not in the member register", ("spellings",))
        elif spelling not in (person.name, *person.aliases):
            yield source.error(
                f"{spelling!r} is not a known spelling of {person.name}: add it to their "
                "aliases in content/people.yml",
                ("spellings", person_id),
            )


def _check_items(
    source: SourceFile, meeting: Meeting, items_by_meeting: dict[dt.date, set]
) -> Iterator[ContentError]:
    """Approvals, exclusions, lifted confidentiality and requests of each item."""
    taken = Counter(item.order_taken for item in meeting.items if item.order_taken is not None)
    for index, item in enumerate(meeting.items):
        loc = ("items", index)
        if item.order_taken is not None and taken[item.order_taken] > 1:
            yield source.error(
                f"two items were taken in position {item.order_taken}", (*loc, "order_taken")
            )
        for position, approval in enumerate(item.approves):
            if approval.meeting >= meeting.date:
                yield source.error(
                    "a meeting approves the minutes of earlier meetings only",
                    (*loc, "approves", position, "meeting"),
                )
        if item.confidentiality_lifted is not None:
            if not item.confidential:
                yield source.error(
                    "confidentiality_lifted goes with 'confidential: true'",
                    (*loc, "confidentiality_lifted"),
                )
            if item.confidentiality_lifted < meeting.date:
                yield source.error(
                    f"confidentiality cannot be lifted on "
                    f"{item.confidentiality_lifted.isoformat()}, before the meeting of "
                    f"{meeting.date.isoformat()}",
                    (*loc, "confidentiality_lifted"),
                )
        for number, decision in enumerate(item.decisions):
            yield from _check_request(
                source, meeting, (*loc, "decisions", number), decision, items_by_meeting
            )


def _check_request(source, meeting: Meeting, loc: tuple, decision, items_by_meeting):
    if decision.due_meeting is not None:
        if decision.due_meeting not in items_by_meeting:
            yield source.error(
                f"there is no meeting of {decision.due_meeting.isoformat()} in "
                "content/meetings/: add it (status: scheduled) or give due_month",
                (*loc, "due_meeting"),
            )
        elif decision.due_meeting <= meeting.date:
            yield source.error("a request is due at a later meeting", (*loc, "due_meeting"))
    if decision.due_month is not None and not MONTH.match(decision.due_month):
        yield source.error(
            f"expected a month written YYYY-MM, got {decision.due_month!r}", (*loc, "due_month")
        )
    if decision.fulfilled_by is not None:
        ref = decision.fulfilled_by
        if ref.meeting not in items_by_meeting:
            yield source.error(
                f"there is no meeting of {ref.meeting.isoformat()} in content/meetings/",
                (*loc, "fulfilled_by", "meeting"),
            )
        elif ref.item not in items_by_meeting[ref.meeting]:
            yield source.error(
                f"the meeting of {ref.meeting.isoformat()} has no item {ref.item}",
                (*loc, "fulfilled_by", "item"),
            )
    if (decision.due_meeting or decision.due_month or decision.fulfilled_by) and (
        decision.kind != "recommendation"
    ):
        yield source.error(
            "a request with a due date is a recommendation: add 'kind: recommendation'", loc
        )


def _person_refs(meeting: Meeting) -> Iterator[tuple[tuple, str]]:
    """Every member id a meeting record names, with where it stands."""
    for name in ("chair", "vice_chair"):
        if getattr(meeting, name):
            yield (name,), getattr(meeting, name)
    for name in ("members", "present", "apologies"):
        for index, person_id in enumerate(getattr(meeting, name)):
            yield (name, index), person_id
    for index, person_id in enumerate(meeting.invited):
        yield ("invited", index), person_id
    for index, part in enumerate(meeting.part_attendance):
        yield ("part_attendance", index, "member"), part.member
    for index, substitution in enumerate(meeting.substitutions):
        yield ("substitutions", index, "member"), substitution.member
        yield ("substitutions", index, "substitute"), substitution.substitute
    for index, declaration in enumerate(meeting.declarations):
        yield ("declarations", index, "member"), declaration.member
    for index, item in enumerate(meeting.items):
        if item.chair:
            yield ("items", index, "chair"), item.chair


def _check_person_refs(
    source: SourceFile, meeting: Meeting, people: dict[str, Person]
) -> Iterator[ContentError]:
    by_name = {
        alias.casefold(): person.id
        for person in people.values()
        for alias in [person.name, person.family_name, *person.aliases]
    }
    for loc, person_id in _person_refs(meeting):
        if person_id in people:
            continue
        hint = _did_you_mean(person_id, people)
        if person_id.casefold() in by_name:
            hint = f" (did you mean '{by_name[person_id.casefold()]}'?)"
        yield source.error(
            f"{person_id!r} is not in the member register content/people.yml{hint}", loc
        )


# --------------------------------------------------------------------------- indicators


def _check_indicators(
    indicators: list[tuple[SourceFile, Indicator]], areas: list[str]
) -> Iterator[ContentError]:
    by_slug: dict[str, SourceFile] = {}
    for source, indicator in indicators:
        slug = indicator.slug
        if source.stem != slug:
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
        if areas and indicator.service_area not in areas:
            yield source.error(
                f"unknown service area {indicator.service_area!r}"
                f"{_did_you_mean(indicator.service_area, areas)}; the service areas are "
                "listed in site_config/site.yml",
                ("service_area",),
            )
        for name in ("benchmarks", "targets"):
            for index, entry in enumerate(getattr(indicator, name)):
                if (entry.value is None) == (entry.published_as is None):
                    yield source.error(
                        "give either a value (a number) or published_as (the cell's text)",
                        (name, index),
                    )


def _check_releases(releases: list[tuple[SourceFile, Release]]) -> Iterator[ContentError]:
    for source, release in releases:
        if not SLUG.match(release.id):
            yield source.error(
                f"a release id is lower-case letters, digits and '-', got {release.id!r}", ("id",)
            )
        elif source.stem != release.id:
            yield source.error(f"the file of this release must be named {release.id}.yml", ("id",))


def _table_records(table: SourceTable | None, cls: type, errors: list[ContentError]):
    """Validate each row of a CSV table into ``cls``; an empty cell is a missing value."""
    if table is None:
        return []
    expected = [f.name for f in dataclasses.fields(cls)]
    if table.header != expected:
        errors.append(
            ContentError(
                table.path,
                f"expected the header {','.join(expected)}, got {','.join(table.header)}",
                line=1,
            )
        )
        return []
    records = []
    for row in table.rows:
        values = {name: cell for name, cell in row.values.items() if cell != ""}
        try:
            records.append((row.line, _adapter(cls).validate_python(values)))
        except ValidationError as exc:
            for problem in exc.errors():
                column = str(problem["loc"][0]) if problem["loc"] else None
                message = _problem_message(problem, cls)
                errors.append(ContentError(table.path, message, line=row.line, field=column))
    return records


def _observations(
    table: SourceTable | None,
    indicators: list[tuple[SourceFile, Indicator]],
    indicator_files: set[str],
    releases: set[str],
    errors: list[ContentError],
) -> list[Observation]:
    """Validate the observations table; rows of an indicator whose own file has problems
    are skipped quietly, since its file's problems are already reported."""
    frequency = {indicator.slug: indicator.frequency for _, indicator in indicators}
    observations, seen = [], {}
    for line, observation in _table_records(table, Observation, errors):
        if observation.indicator not in frequency and observation.indicator in indicator_files:
            continue
        problems = list(_observation_problems(observation, frequency, releases))
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
        yield "indicator", f"no indicator has the slug {slug!r}{_did_you_mean(slug, frequency)}"
    elif frequency[slug] == "monthly" and not MONTH.match(period):
        yield "period", f"expected a month written YYYY-MM, e.g. 2018-04, got {period!r}"
    elif frequency[slug] == "weekly" and not _is_iso_date(period):
        yield "period", f"expected the date the week commences, written YYYY-MM-DD, got {period!r}"
    if observation.release not in releases:
        yield "release", _unknown_release(observation.release, releases)


def _published_figures(
    table: SourceTable | None,
    indicator_files: set[str],
    releases: set[str],
    errors: list[ContentError],
) -> list[PublishedFigures]:
    figures, seen = [], {}
    for line, record in _table_records(table, PublishedFigures, errors):
        problems = []
        if record.indicator not in indicator_files:
            problems.append(
                (
                    "indicator",
                    f"no indicator has the slug {record.indicator!r}"
                    f"{_did_you_mean(record.indicator, indicator_files)}",
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
        f"no release has the id {release!r}{_did_you_mean(release, releases)} "
        "(see content/releases/)"
    )


def _is_iso_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


# --------------------------------------------------------------------------- glossary


def _check_glossary(terms: list[tuple[SourceFile, GlossaryTerm]]) -> Iterator[ContentError]:
    slugs = {term.slug for _, term in terms}
    abbreviations: dict[str, str] = {}
    for source, term in terms:
        if source.stem != term.slug:
            yield source.error(f"the file of this term must be named {term.slug}.md", ("term",))
        if not term.definition.strip():
            yield source.error(
                "the definition (below the front matter) is empty", line=source.body_line
            )
        for index, related in enumerate(term.related):
            if related not in slugs or related == term.slug:
                yield source.error(
                    f"no other glossary term has the slug {related!r}"
                    f"{_did_you_mean(related, slugs)}",
                    ("related", index),
                )
        for index, abbreviation in enumerate(term.abbreviations):
            owner = abbreviations.setdefault(abbreviation, term.slug)
            if owner != term.slug:
                yield source.error(
                    f"the abbreviation {abbreviation!r} is already given to the term {owner!r}",
                    ("abbreviations", index),
                )
