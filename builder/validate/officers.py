"""Rules of the register of officers (``content/officers.yml``: everyone the records name
who is not a member of the panel) and of their ids and spellings wherever a meeting names
one."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import Meeting, Officer, Person
from builder.validate.fields import SLUG, did_you_mean

REGISTER = "content/officers.yml"


def check_officers(
    source: SourceFile | None, officers: list[tuple[int, Officer]], members: dict[str, Person]
) -> Iterator[ContentError]:
    """Ids are unique slugs, apart from members' ids; a name or alias belongs to one person;
    each post ends after it starts, and posts are listed oldest first."""
    if source is None:
        return
    seen: set[str] = set()
    claimed: dict[str, str] = {}
    for index, officer in officers:
        if not SLUG.match(officer.id):
            yield source.error(
                f"an id is lower-case letters, digits and '-', got {officer.id!r}", (index, "id")
            )
        if officer.id == "index":
            yield source.error("'index' names the list of people: give another id", (index, "id"))
        if officer.id in seen:
            yield source.error(f"the id {officer.id!r} is used twice", (index, "id"))
        elif officer.id in members:
            yield source.error(
                f"the id {officer.id!r} is already a member's id in content/people.yml: "
                "give this person another id",
                (index, "id"),
            )
        seen.add(officer.id)
        yield from _check_roles(source, index, officer)
        for position, alias in enumerate([officer.name, *officer.aliases]):
            owner = claimed.setdefault(alias.casefold(), officer.id)
            if owner != officer.id:
                where = (index, "name") if position == 0 else (index, "aliases", position - 1)
                yield source.error(
                    f"the name {alias!r} is claimed by both {owner!r} and {officer.id!r}", where
                )


def _check_roles(source: SourceFile, index: int, officer: Officer) -> Iterator[ContentError]:
    previous = None
    for position, term in enumerate(officer.roles):
        where = (index, "roles", position)
        if term.start and term.end and term.end < term.start:
            yield source.error(
                f"the post ends on {term.end.isoformat()}, before it starts on "
                f"{term.start.isoformat()}",
                (*where, "end"),
            )
        if term.start and previous and term.start < previous:
            yield source.error(
                f"{term.start.isoformat()} is before the start of the post listed above it "
                f"({previous.isoformat()}): list posts oldest first",
                (*where, "start"),
            )
        previous = term.start or previous


def unreadable_officer_ids(
    source: SourceFile | None, officers: list[tuple[int, Officer]]
) -> set[str]:
    """Ids of register entries with problems of their own: references to them are not
    reported again."""
    if source is None or not isinstance(source.data, list):
        return set()
    valid = {index for index, _ in officers}
    return {
        str(entry["id"])
        for index, entry in enumerate(source.data)
        if index not in valid and isinstance(entry, dict) and "id" in entry
    }


def check_officer_refs(
    source: SourceFile,
    meeting: Meeting,
    officers: dict[str, Officer],
    members: dict[str, Person],
    unreadable: Collection[str] = (),
) -> Iterator[ContentError]:
    """Who addressed the panel is a registered person or a name, not both; a name the
    register holds is written by its id; spellings belong to the person they are given for."""
    by_name = {
        alias.casefold(): officer.id
        for officer in officers.values()
        for alias in [officer.name, *officer.aliases]
    }
    for index, item in enumerate(meeting.items):
        for position, attendee in enumerate(item.addressed):
            loc = ("items", index, "addressed", position)
            if attendee.person is None and attendee.name is None:
                yield source.error(
                    f"say who addressed the panel: person (their id in {REGISTER}) or name "
                    "(as printed, for someone not in the register)",
                    loc,
                )
            elif attendee.person is not None and attendee.name is not None:
                yield source.error(
                    "give person or name, not both: the spelling the record printed goes under "
                    "the meeting's spellings",
                    (*loc, "name"),
                )
            elif attendee.person is not None and attendee.person not in {*officers, *unreadable}:
                yield source.error(
                    _unknown(attendee.person, officers, members, by_name), (*loc, "person")
                )
            elif attendee.name is not None and attendee.name.casefold() in by_name:
                officer_id = by_name[attendee.name.casefold()]
                yield source.error(
                    f"{attendee.name!r} is in the register {REGISTER}: write "
                    f"'person: {officer_id}' instead of the name, and the spelling printed, "
                    "if it differs, under spellings",
                    (*loc, "name"),
                )
    for person_id, spelling in meeting.spellings.items():
        if person_id in members or person_id in unreadable:
            continue  # a member's spelling (check_attendance), or an entry to fix first
        officer = officers.get(person_id)
        if officer is None:
            hint = did_you_mean(person_id, [*members, *officers])
            yield source.error(
                f"{person_id!r} is in neither the member register content/people.yml nor the "
                f"register {REGISTER}{hint}",
                ("spellings", person_id),
            )
        elif spelling not in (officer.name, *officer.aliases):
            yield source.error(
                f"{spelling!r} is not a known spelling of {officer.name}: add it to their "
                f"aliases in {REGISTER}",
                ("spellings", person_id),
            )


def _unknown(
    person_id: str, officers: dict[str, Officer], members: dict[str, Person], by_name: dict
) -> str:
    if person_id in members:
        return (
            f"{person_id!r} is a member of the panel (content/people.yml): addressed lists "
            f"people who are not members, from {REGISTER}"
        )
    hint = did_you_mean(person_id, officers)
    if person_id.casefold() in by_name:
        hint = f" (did you mean '{by_name[person_id.casefold()]}'?)"
    return f"{person_id!r} is not in the register {REGISTER}{hint}"
