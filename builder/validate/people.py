"""Rules of the member register, and of member ids wherever a meeting names one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import Meeting, Person, Substitution, municipal_year
from builder.validate.fields import SLUG, did_you_mean


def check_people(
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


def person_refs(meeting: Meeting) -> Iterator[tuple[tuple, str]]:
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
        for loc, person_id, _ in substitution_refs(substitution, ("substitutions", index)):
            yield loc, person_id
    for index, declaration in enumerate(meeting.declarations):
        yield ("declarations", index, "member"), declaration.member
    for index, item in enumerate(meeting.items):
        if item.chair:
            yield ("items", index, "chair"), item.chair


def substitution_refs(substitution: Substitution, loc: tuple) -> Iterator[tuple[tuple, str, bool]]:
    """Each member id of a substitution, where it stands, and whether it is a substitute."""
    for one, many, is_substitute in (
        ("member", "members", False),
        ("substitute", "substitutes", True),
    ):
        single = getattr(substitution, one)
        if single:
            yield (*loc, one), single, is_substitute
        for position, person_id in enumerate(getattr(substitution, many)):
            yield (*loc, many, position), person_id, is_substitute


def check_person_refs(
    source: SourceFile, meeting: Meeting, people: dict[str, Person]
) -> Iterator[ContentError]:
    by_name = {
        alias.casefold(): person.id
        for person in people.values()
        for alias in [person.name, person.family_name, *person.aliases]
    }
    for loc, person_id in person_refs(meeting):
        if person_id in people:
            continue
        hint = did_you_mean(person_id, people)
        if person_id.casefold() in by_name:
            hint = f" (did you mean '{by_name[person_id.casefold()]}'?)"
        yield source.error(
            f"{person_id!r} is not in the member register content/people.yml{hint}", loc
        )
