"""Validate stage: turn parsed content files into model records, or report every problem.

``fields`` validates each file into its model record and words pydantic's errors for
people; ``people``, ``meetings``, ``indicators``, ``glossary`` and ``text`` hold the rules
between records, by domain (a member id on a meeting must be in the register, an
observation must name a known indicator, a link in a minute must lead somewhere), and
``accessibility`` those of the authored text's headings, link text, images, tables and
abbreviations, and of the site's language. Every problem of a run is collected and raised
once as ``ContentErrors``; nothing is written.
"""

from __future__ import annotations

import datetime as dt

from builder.errors import ContentError, ContentErrors
from builder.load import ContentFiles
from builder.model import (
    Archive,
    Committee,
    Indicator,
    Meeting,
    Officer,
    Person,
    Release,
    SiteConfig,
)
from builder.validate import accessibility
from builder.validate.addresses import check_reserved
from builder.validate.fields import glossary_terms, record, records_of_files, records_of_list
from builder.validate.glossary import check_glossary
from builder.validate.indicators import (
    check_indicators,
    check_release_files,
    check_releases,
    check_small_numbers,
    observation_records,
    published_figure_records,
)
from builder.validate.meetings import (
    check_approvals,
    check_attendance,
    check_declarations,
    check_exclusions,
    check_item_numbers,
    check_items,
    check_meeting,
    check_meeting_kind,
    check_status_events,
    placed_in_time,
    unreadable_meeting_dates,
)
from builder.validate.officers import (
    check_officer_refs,
    check_officers,
    unreadable_officer_ids,
)
from builder.validate.people import check_people
from builder.validate.redirects import redirect_records
from builder.validate.text import check_meeting_text, check_term_text


def validate_content(files: ContentFiles) -> Archive:
    """Return the validated archive, or raise ``ContentErrors`` listing every problem."""
    errors: list[ContentError] = list(files.problems)
    site = record(files.site, SiteConfig, errors)
    redirects = redirect_records(files.redirects, errors)
    committee = record(files.committee, Committee, errors)
    people = records_of_list(files.people, Person, errors)
    officers = records_of_list(files.officers, Officer, errors)
    meetings = placed_in_time(records_of_files(files.meetings, Meeting, errors), errors)
    indicators = records_of_files(files.indicators, Indicator, errors)
    releases = records_of_files(files.releases, Release, errors)
    glossary = glossary_terms(files.glossary, errors)

    person_ids = {person.id: person for _, person in people}
    officer_ids = {officer.id: officer for _, officer in officers}
    unreadable_officers = unreadable_officer_ids(files.officers, officers)
    indicator_files = {source.stem for source in files.indicators}
    slugs = {indicator.slug for _, indicator in indicators} | indicator_files
    release_ids = {release.id for _, release in releases}
    # A release file with problems of its own is not reported again where it is named.
    known_releases = release_ids | {source.stem for source in files.releases}
    service_areas = site.service_areas if site else []

    errors += check_people(files.people, people)
    errors += check_officers(files.officers, officers, person_ids)
    # A meeting file with problems of its own still names a meeting: references to it are
    # not reported again, and its items, unknown until it is fixed, are not checked.
    unreadable = unreadable_meeting_dates(files.meetings, meetings)
    dated = [meeting for _, meeting in meetings if meeting.date is not None]
    meeting_dates = {meeting.date for meeting in dated if meeting.date} | unreadable
    items_by_meeting: dict[dt.date, set[int | None] | None] = {
        meeting.date: {item.number for item in meeting.items} for meeting in dated if meeting.date
    }
    items_by_meeting.update(dict.fromkeys(unreadable))
    meetings_by_date = {m.date: m for _, m in meetings if m.date is not None}
    glossary_abbreviations = {a: term.slug for _, term in glossary for a in term.abbreviations}
    explained = set(glossary_abbreviations) | set(site.abbreviations if site else {})
    errors += accessibility.check_site(files.site, site, glossary_abbreviations)
    for source, meeting in meetings:
        for text in accessibility.meeting_texts(source, meeting):
            errors += accessibility.check_text(text, explained)
        errors += check_meeting(source, meeting, person_ids, slugs, known_releases)
        errors += check_status_events(source, meeting, meeting_dates)
        errors += check_meeting_kind(source, meeting, meeting_dates)
        errors += check_attendance(source, meeting, person_ids)
        errors += check_officer_refs(source, meeting, officer_ids, person_ids, unreadable_officers)
        errors += check_items(source, meeting, items_by_meeting)
        errors += check_item_numbers(source, meeting)
        errors += check_meeting_text(source, meeting)
        errors += check_declarations(source, meeting)
        errors += check_exclusions(source, meeting)
        errors += check_approvals(source, meeting, meetings_by_date)
    errors += check_indicators(indicators, service_areas)
    errors += check_small_numbers(files.site, site, indicators)
    errors += check_releases(releases)
    errors += check_release_files(releases, files.root)
    errors += check_glossary(glossary, files.glossary)
    errors += check_reserved(
        [
            *((s, i.slug, ("code",) if i.code else ("title",), "indicator") for s, i in indicators),
            *((s, t.slug, ("term",), "glossary term") for s, t in glossary),
            *((s, r.id, ("id",), "release") for s, r in releases),
        ]
        + [(files.people, p.id, (index, "id"), "member") for index, p in people if files.people]
    )
    for source, term in glossary:
        errors += check_term_text(source, term)
        errors += accessibility.check_text(accessibility.term_text(source, term), explained)
    observations = observation_records(
        files.observations, indicators, indicator_files, release_ids, errors
    )
    published_figures = published_figure_records(
        files.published_figures, indicator_files, release_ids, errors
    )

    if errors or site is None:
        raise ContentErrors(errors)
    return Archive(
        site=site,
        committee=committee,
        people=sorted((person for _, person in people), key=lambda p: p.id),
        meetings=sorted((m for _, m in meetings), key=lambda m: (m.sort_date, m.slug)),
        indicators=sorted((i for _, i in indicators), key=lambda i: i.slug),
        releases=sorted((r for _, r in releases), key=lambda r: r.published),
        observations=observations,
        published_figures=published_figures,
        glossary=sorted((t for _, t in glossary), key=lambda t: t.term.lower()),
        officers=sorted((officer for _, officer in officers), key=lambda o: o.id),
        redirects=redirects,
    )
