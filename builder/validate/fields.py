"""Field-level validation: each content file into its model record, with plain messages.

Records are validated with pydantic; its errors are translated here into messages that
say the file, the line, the field and what was expected (``did you mean`` for near
misses). Rules between records are in the modules named after their domain.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core.core_schema import ErrorType
from ruamel.yaml.comments import TaggedScalar

from builder.errors import ContentError
from builder.load import SourceFile, SourceTable
from builder.model import GlossaryTerm

MONTH = re.compile(r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$")
# Characters no text of the archive holds: a YAML escape such as "\f" can write them, and
# the feed (XML) cannot carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def adapter(cls: type) -> TypeAdapter:
    return TypeAdapter(cls)


def record(source: SourceFile | None, cls: type, errors: list[ContentError]):
    if source is None:
        return None
    errors.extend(control_characters(source))
    try:
        return adapter(cls).validate_python(_as_mapping(source, cls))
    except ValidationError as exc:
        errors.extend(translate(source, cls, exc))
        return None
    except ContentError as error:
        errors.append(error)
        return None


def control_characters(source: SourceFile) -> Iterator[ContentError]:
    """Text holding a control character (a form feed, say), wherever it stands.

    Every text of the file is searched at once first, and the file walked for the place
    of each only where one is found: walking every value of every file, its place in
    hand, was a third of the time validation took."""
    texts: list[str] = []
    _gather_texts(source.data, texts)
    if not _CONTROL.search("\n".join(texts)):
        return

    def walk(value: Any, loc: tuple) -> Iterator[ContentError]:
        if isinstance(value, str) and _CONTROL.search(value):
            character = _CONTROL.search(value)
            code = f"U+{ord(character.group(0)):04X}" if character else ""
            yield source.error(
                f"this text holds a control character ({code}), which no page or feed can "
                "show: take out the escape (such as \\f) that wrote it",
                loc,
            )
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*loc, index))

    yield from walk(source.data, ())


def _gather_texts(value: Any, texts: list[str]) -> None:
    """Add to ``texts`` every text of ``value``, however deep (the values ``walk`` reads)."""
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            _gather_texts(item, texts)
    elif isinstance(value, list):
        for item in value:
            _gather_texts(item, texts)


def _as_mapping(source: SourceFile, cls: type) -> Any:
    if source.data is None or not isinstance(source.data, dict):
        raise source.error(f"expected a set of 'field: value' lines describing a {_noun(cls)}")
    return source.data


def records_of_files(sources: list[SourceFile], cls: type, errors: list[ContentError]):
    pairs = ((source, record(source, cls, errors)) for source in sources)
    return [(source, record) for source, record in pairs if record is not None]


def records_of_list(source: SourceFile | None, cls: type, errors: list[ContentError]):
    """Validate a file holding a list of records; a bad entry does not hide the others."""
    if source is None:
        return []
    if not isinstance(source.data, list):
        errors.append(source.error(f"expected a list of {_noun(cls)} entries, each starting '- '"))
        return []
    errors.extend(control_characters(source))
    records = []
    for index, entry in enumerate(source.data):
        try:
            records.append((index, adapter(cls).validate_python(entry)))
        except ValidationError as exc:
            errors.extend(translate(source, cls, exc, prefix=(index,)))
    return records


def glossary_terms(sources: list[SourceFile], errors: list[ContentError]):
    terms = []
    for source in sources:
        if "definition" in source.data:
            errors.append(
                source.error("write the definition below the front matter", ("definition",))
            )
            continue
        errors.extend(control_characters(source))
        data = dict(source.data, definition=source.body or "")
        try:
            terms.append((source, adapter(GlossaryTerm).validate_python(data)))
        except ValidationError as exc:
            errors.extend(translate(source, GlossaryTerm, exc))
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
    "finite_number": "expected a number such as 521 or 20.7",
    "string_too_short": "expected text, got nothing",
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
    "dict_type": "expected a set of 'name: text' lines, one per line",
}
# Problems not listed above, by the start of their kind ('int_parsing_size' -> 'int').
_FAMILIES = {
    "int": _MESSAGES["int_type"],
    "float": _MESSAGES["float_type"],
    "bool": _MESSAGES["bool_type"],
    "date": _MESSAGES["date_type"],
    "time": _MESSAGES["time_type"],
    "string": _MESSAGES["string_type"],
    "list": _MESSAGES["list_type"],
    "dict": _MESSAGES["dict_type"],
    "dataclass": _MESSAGES["dataclass_type"],
}
# pydantic's own kinds of problem; any other kind is raised by the model with its message.
_PYDANTIC_KINDS = frozenset(typing.get_args(ErrorType))
_UNREADABLE = "this value cannot be read here (see the field reference of the authoring guide)"


def translate(
    source: SourceFile, cls: type, exc: ValidationError, prefix: tuple = ()
) -> Iterator[ContentError]:
    for problem in exc.errors():
        loc = prefix + tuple(problem["loc"])
        message = problem_message(problem, cls)
        line = None
        if loc == ("definition",):
            line = source.body_line
            if problem["type"] == "string_too_short":
                message = "the definition (below the front matter) is empty"
        yield source.error(message, loc, line=line)


def problem_message(problem: Mapping[str, Any], cls: type) -> str:
    """A pydantic problem in plain words: what was expected and what was found."""
    kind = problem["type"]
    if kind == "unexpected_keyword_argument":
        return _unknown_field_message(cls, tuple(problem["loc"]))
    if kind == "literal_error":
        message = f"expected one of {problem['ctx']['expected']}"
    else:
        message = _MESSAGES.get(kind) or _FAMILIES.get(kind.split("_")[0], _UNREADABLE)
        if kind not in _PYDANTIC_KINDS:
            message = problem["msg"]  # a rule of the model's own, worded for officers there
    if kind in ("missing", "string_too_short"):
        return message
    value = problem.get("input")
    return message + f", got {_show(value)}" + _quoting_hint(kind, value)


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
    """A value as an officer wrote it: never 'None', 'True' or a Python type's name."""
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, TaggedScalar):
        value = f"{value.tag.value} {value.value}".strip()
    if isinstance(value, dict):
        entry = _one_field(value)
        return "a set of fields" if entry is None else f"{_short(repr(entry))}, read as a field"
    if isinstance(value, list):
        return "a list"
    return _short(repr(str(value)) if isinstance(value, str) else str(value))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _one_field(value: dict) -> str | None:
    """A set of one field with a plain value, as written ('The panel: agreed'), else None:
    what YAML makes of text with a ': ' in it."""
    if len(value) != 1:
        return None
    ((name, text),) = value.items()
    if text is None or isinstance(text, (dict, list)):
        return None
    return f"{name}: {text if isinstance(text, str) else _show(text)}"


def _quoting_hint(kind: str, value: Any) -> str:
    """How to write text that YAML read as something else: in quotes."""
    if isinstance(value, TaggedScalar):
        return ": text starting with '!' must be in quotes"
    if kind != "string_type":
        return ""
    if isinstance(value, dict):
        return (
            ": put the text in quotes: text containing ': ' (a colon and a space) or starting "
            "with '{' must be in quotes"
        )
    if isinstance(value, list):
        return ": text starting with '[' must be in quotes"
    if isinstance(value, (bool, int, float, dt.date)):
        return ': text that looks like a number, a date or true/false must be in quotes, e.g. "1."'
    return ""


def did_you_mean(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def table_records(table: SourceTable | None, cls: type, errors: list[ContentError]):
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
    rows = [{name: cell for name, cell in row.values.items() if cell != ""} for row in table.rows]
    try:
        whole = adapter(list[cls]).validate_python(rows)  # type: ignore[valid-type]
        return [(row.line, record) for row, record in zip(table.rows, whole, strict=True)]
    except ValidationError:
        pass  # each row on its own, to report every problem with its line
    records = []
    for row, values in zip(table.rows, rows, strict=True):
        try:
            records.append((row.line, adapter(cls).validate_python(values)))
        except ValidationError as exc:
            for problem in exc.errors():
                column = str(problem["loc"][0]) if problem["loc"] else None
                message = problem_message(problem, cls)
                errors.append(ContentError(table.path, message, line=row.line, field=column))
    return records
