"""The field reference of the authoring guide, generated from the model.

Every field of every record an officer writes is listed: the records of the content files
(``ROOTS``), every record reachable from their fields, and the two CSV tables
(``TABLES``). For each field the reference gives its name, what it holds, whether it is
required, its type in officer words and its default. What a field holds is written in one
data file, ``docs/guide/fields.yml``, keyed ``Record.field`` (and ``Record`` for the record
itself); everything else is read from ``builder/model/content.py``. A test fails when a
field has no description or a description names a field the model no longer has, so the
reference cannot lag the code. The render stage lays the view out as a page of the guide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from builder import urls
from builder.model import (
    Committee,
    GlossaryTerm,
    Indicator,
    Meeting,
    Observation,
    Officer,
    Person,
    PublishedFigures,
    Release,
    SiteConfig,
)
from builder.render.views import Link

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "guide"
FIELDS_FILE = GUIDE / "fields.yml"

# The records of the content files, in the order of the guide's table of files.
ROOTS: tuple[type, ...] = (
    SiteConfig,
    Committee,
    Person,
    Officer,
    Meeting,
    Indicator,
    Release,
    GlossaryTerm,
)
# Records read from CSV tables: each field is a column.
TABLES: tuple[type, ...] = (Observation, PublishedFigures)

# Section titles where the class name, split into words, would not read well.
TITLES = {
    "ItemRef": "Item reference",
    "SiteConfig": "Site settings",
    "RoleTerm": "Chair or vice-chair term",
}


# --------------------------------------------------------------------------- the model


def records() -> list[type]:
    """Every record the reference describes: each root followed by the records reachable
    from its fields (depth first, each once), then the tables."""
    found: list[type] = []

    def visit(cls: type) -> None:
        if cls in found:
            return
        found.append(cls)
        for field in dataclasses.fields(cls):
            nested = _record_in(_hints(cls)[field.name])
            if nested is not None:
                visit(nested)

    for root in (*ROOTS, *TABLES):
        visit(root)
    return found


def description_keys() -> list[str]:
    """The keys ``fields.yml`` must hold: ``Record`` and ``Record.field`` for every field."""
    keys = []
    for cls in records():
        keys.append(cls.__name__)
        keys += [f"{cls.__name__}.{field.name}" for field in dataclasses.fields(cls)]
    return keys


def load_descriptions(path: Path = FIELDS_FILE) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): " ".join(str(text).split()) for key, text in data.items()}


def missing_descriptions(descriptions: dict[str, str]) -> list[str]:
    """Fields (and records) of the model that ``fields.yml`` does not describe."""
    return [key for key in description_keys() if not descriptions.get(key)]


def unknown_descriptions(descriptions: dict[str, str]) -> list[str]:
    """Keys of ``fields.yml`` that name no record or field of the model (any more)."""
    known = set(description_keys())
    return sorted(key for key in descriptions if key not in known)


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _without_none(annotation: Any) -> Any:
    """``X | None`` -> ``X``."""
    if typing.get_origin(annotation) in (types.UnionType, typing.Union):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _record_in(annotation: Any) -> type | None:
    """The record a field holds, itself or as the entries of a list."""
    annotation = _without_none(annotation)
    if typing.get_origin(annotation) is list:
        annotation = _without_none(typing.get_args(annotation)[0])
    return _as_record(annotation) if dataclasses.is_dataclass(annotation) else None


# --------------------------------------------------------------------------- officer words


@dataclass(frozen=True)
class FieldType:
    """A field's type in officer words, and the record it holds, if any."""

    words: str
    record: type | None = None


# What a value of each plain type is called: one of them, and several.
_NAMES: dict[Any, tuple[str, str]] = {
    str: ("text", "text entries"),
    dt.date: ("date written YYYY-MM-DD", "dates written YYYY-MM-DD"),
    dt.time: ('time written "HH:MM", in quotes', 'times written "HH:MM", in quotes'),
    int: ("whole number", "whole numbers"),
    float: ("number, such as 521 or 20.7", "numbers, such as 521 or 20.7"),
    bool: ("true or false", "entries true or false"),
}


def field_type(annotation: Any) -> FieldType:
    """How the reference says what a field holds: 'text', 'a list of dates written
    YYYY-MM-DD', "one of `held`, `cancelled`", 'a set of fields' (with the record)."""
    annotation = _without_none(annotation)
    origin = typing.get_origin(annotation)
    if origin is list:
        entry = _without_none(typing.get_args(annotation)[0])
        if dataclasses.is_dataclass(entry):
            return FieldType("a list of sets of fields", _as_record(entry))
        return FieldType(f"a list of {_plural(entry)}")
    if origin is dict:
        return FieldType("a set of lines, each `name: text`")
    if origin is Literal:
        return FieldType(f"one of {_choices(annotation)}")
    if dataclasses.is_dataclass(annotation):
        return FieldType("a set of fields", _as_record(annotation))
    if annotation in _NAMES:
        return FieldType(_NAMES[annotation][0])
    raise TypeError(f"the reference has no words for the type {annotation!r}: add them to _NAMES")


def _as_record(annotation: Any) -> type:
    assert isinstance(annotation, type)
    return annotation


def _plural(annotation: Any) -> str:
    if typing.get_origin(annotation) is Literal:
        return f"entries, each one of {_choices(annotation)}"
    if annotation in _NAMES:
        return _NAMES[annotation][1]
    raise TypeError(f"the reference has no words for the type {annotation!r}: add them to _NAMES")


def _choices(annotation: Any) -> str:
    return ", ".join(f"`{choice}`" for choice in typing.get_args(annotation))


def is_required(field: dataclasses.Field) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def default_words(field: dataclasses.Field) -> str:
    """The value a field has when it is left out, as the reference shows it."""
    if is_required(field):
        return "–"
    if field.default is dataclasses.MISSING or field.default is None:
        return "none"
    if isinstance(field.default, bool):
        return "true" if field.default else "false"
    return f"`{field.default}`"


def record_title(cls: type) -> str:
    """A record's name in the reference: 'AgendaItem' -> 'Agenda item'."""
    if cls.__name__ in TITLES:
        return TITLES[cls.__name__]
    return re.sub(r"(?<!^)([A-Z])", r" \1", cls.__name__).capitalize()


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class ReferenceField:
    name: str
    description: str
    required: bool
    required_words: str
    type_words: str
    record: Link | None
    default: str


@dataclass(frozen=True)
class UsedIn:
    """Where a nested record is written: under ``fields`` of ``record`` (one link to each
    record that holds it, however many of its fields do)."""

    fields: list[str]
    record: Link


@dataclass(frozen=True)
class ReferenceRecord:
    title: str
    anchor: str
    description: str
    # 'Field' for a record of a YAML file, 'Column' for a row of a CSV table.
    entry_word: str
    used_in: list[UsedIn]
    fields: list[ReferenceField]


@dataclass(frozen=True)
class ReferencePage:
    address: urls.Address
    guide: Link
    files: list[Link]
    records: list[ReferenceRecord]


def reference_page(descriptions: dict[str, str] | None = None) -> ReferencePage:
    """The view of the field reference: every record and every field of the model."""
    if descriptions is None:
        descriptions = load_descriptions()
    every = records()
    used_in: dict[type, list[UsedIn]] = {cls: [] for cls in every}
    for cls in every:
        for field in dataclasses.fields(cls):
            nested = _record_in(_hints(cls)[field.name])
            if nested is None:
                continue
            places = used_in[nested]
            if places and places[-1].record.address == _address(cls):
                places[-1].fields.append(field.name)
            else:
                places.append(UsedIn([field.name], Link(record_title(cls), _address(cls))))
    return ReferencePage(
        address=urls.guide_reference(),
        guide=Link("Authoring guide", urls.guide_index()),
        files=[Link(record_title(cls), _address(cls)) for cls in (*ROOTS, *TABLES)],
        records=[_record(cls, descriptions, used_in[cls]) for cls in every],
    )


def _address(cls: type) -> urls.Address:
    return urls.guide_record(record_title(cls))


def _record(cls: type, descriptions: dict[str, str], used_in: list[UsedIn]) -> ReferenceRecord:
    hints = _hints(cls)
    fields = []
    for field in dataclasses.fields(cls):
        kind = field_type(hints[field.name])
        fields.append(
            ReferenceField(
                name=field.name,
                description=_cell(descriptions.get(f"{cls.__name__}.{field.name}")),
                required=is_required(field),
                required_words="required" if is_required(field) else "optional",
                type_words=kind.words,
                record=Link(record_title(kind.record), _address(kind.record))
                if kind.record
                else None,
                default=default_words(field),
            )
        )
    return ReferenceRecord(
        title=record_title(cls),
        anchor=_address(cls).anchor,
        description=" ".join(descriptions.get(cls.__name__, "").split()),
        entry_word="Column" if cls in TABLES else "Field",
        used_in=used_in,
        fields=fields,
    )


def _cell(text: str | None) -> str:
    """A description as one cell of a Markdown table: one line, no bare '|'."""
    if not text:
        return "Not described yet."
    return " ".join(text.split()).replace("|", "\\|")
