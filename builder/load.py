"""Load stage: read the content files of a root folder, keeping the line of every value.

Nothing here knows what a meeting or an indicator is; it only reads YAML files, Markdown
files with YAML front matter and CSV tables into ``SourceFile`` and ``SourceTable``
objects that ``validate.py`` turns into model records. Files that cannot be parsed at all
become ``ContentError``s in ``ContentFiles.problems``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ruamel.yaml
import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError

from builder import fastyaml
from builder.errors import MAX_FILE_BYTES, ContentError, size_problem
from builder.kept import remove_unused, write_whole

FRONT_MATTER_FENCE = "---"
REDIRECTS = Path("site_config/redirects.yml")
PARSE_CACHE = Path("build/cache/yaml")  # under the content root


@dataclass(frozen=True)
class SourceFile:
    """The parsed data of one file, able to say on which line any value stands."""

    path: Path
    data: Any
    first_line: int = 1
    body: str | None = None
    body_line: int | None = None

    @property
    def stem(self) -> str:
        return self.path.stem

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """The line of the deepest part of ``loc`` (a path of keys and indices) found."""
        node, line = self.data, 0
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0]
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0]
                node = node[part]
            else:
                break
        return self.first_line + line

    def error(self, message: str, loc: tuple[str | int, ...] = (), line: int | None = None):
        return ContentError(
            path=self.path,
            message=message,
            line=line if line is not None else self.line_of(loc),
            field=field_path(loc) or None,
        )


@dataclass(frozen=True)
class SourceRow:
    line: int
    values: dict[str, str]


@dataclass(frozen=True)
class SourceTable:
    path: Path
    header: list[str]
    rows: list[SourceRow]


@dataclass
class ContentFiles:
    """Every content file of a root folder, parsed but not yet validated."""

    root: Path
    site: SourceFile | None = None
    redirects: SourceFile | None = None
    committee: SourceFile | None = None
    people: SourceFile | None = None
    officers: SourceFile | None = None
    meetings: list[SourceFile] = field(default_factory=list)
    indicators: list[SourceFile] = field(default_factory=list)
    releases: list[SourceFile] = field(default_factory=list)
    observations: SourceTable | None = None
    published_figures: SourceTable | None = None
    glossary: list[SourceFile] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)
    parsed: ParseCache | None = field(default=None, repr=False, compare=False)


class ParseCache:
    """The data of each YAML text parsed before, kept in a folder between builds: an
    officer's edit changes one file among thousands, and parsing them all again was most
    of the load stage.

    A file's entry (its path under the folder, ``.pickle`` added) holds a key of the text
    parsed and the parsing code, then the data. An entry of another key (the file or the
    code has changed since) or one that cannot be read is no entry: the text is parsed
    and the entry written again, whole or not at all. Only a text that parses is kept, so
    a file with a problem is parsed, and its problem reported, every time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._asked: set[Path] = set()

    def data(self, relative: Path, key: bytes) -> tuple[bool, Any]:
        """Whether the entry of ``relative`` has ``key``, and its data if so."""
        entry = self._entry(relative)
        self._asked.add(entry)
        try:
            kept = entry.read_bytes()
            if kept[: len(key)] == key:
                return True, pickle.loads(kept[len(key) :])
        except Exception:  # missing, unreadable or not a pickle: parsed again
            pass
        return False, None

    def keep(self, relative: Path, key: bytes, data: Any) -> None:
        """Write the entry of ``relative`` (``kept.write_whole``)."""
        try:
            pickled = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # not picklable: parsed again next time
            return
        write_whole(self._entry(relative), key + pickled)

    def prune(self) -> int:
        """Remove the entries of files not asked for since this cache was opened (files
        removed or renamed since they were parsed), and any file a stopped build left
        half-written; return how many."""
        return remove_unused(self.folder, lambda entry: entry in self._asked)

    def _entry(self, relative: Path) -> Path:
        return self.folder / f"{relative.as_posix()}.pickle"


def parse_key(text: str) -> bytes:
    """What a text's parsed data depends on: the text, the code and the parsers."""
    return hashlib.sha256(_PARSING_CODE + text.encode("utf-8")).digest()


_PARSING_CODE = hashlib.sha256(
    b"".join(Path(module).read_bytes() for module in (__file__, fastyaml.__file__))
    + f"{ruamel.yaml.__version__} {libyaml.__version__} {sys.version}".encode()
).digest()


def field_path(loc: tuple[str | int, ...]) -> str:
    """``('items', 2, 'title')`` -> ``items[3].title``: entries are counted from 1."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def load_content(root: Path, parsed: ParseCache | None = None) -> ContentFiles:
    """Read every content file under ``root``: the stage's single entry point. With a
    cache (``ParseCache(root / PARSE_CACHE)``), YAML parsed before is read from it."""
    files = ContentFiles(root=root, parsed=parsed)
    files.site = _optional_yaml(files, Path("site_config/site.yml"), required=True)
    files.redirects = _optional_yaml(files, REDIRECTS)
    files.committee = _optional_yaml(files, Path("content/committee.yml"))
    files.people = _optional_yaml(files, Path("content/people.yml"))
    files.officers = _optional_yaml(files, Path("content/officers.yml"))
    files.meetings = _yaml_folder(files, Path("content/meetings"))
    files.indicators = _yaml_folder(files, Path("content/indicators"))
    files.releases = _yaml_folder(files, Path("content/releases"))
    files.observations = _optional_csv(files, Path("content/indicators/observations.csv"))
    files.published_figures = _optional_csv(files, Path("content/indicators/published_figures.csv"))
    files.glossary = _markdown_folder(files, Path("glossary"))
    _report_strays(files)
    if parsed is not None:
        parsed.prune()
    return files


_NO_SUCH_DATE = "there is no such date"


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, reporting a date that does not exist (2019-02-30)
    where it stands instead of failing."""

    def construct_yaml_timestamp(self, node: ScalarNode, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as exc:
            raise ConstructorError(
                problem=f"{_NO_SUCH_DATE} as {node.value} ({exc})",
                problem_mark=node.start_mark,
            ) from None


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


_SAVE_AS_UTF8 = (
    "save it as UTF-8 (in Notepad or Excel: Save As, Encoding UTF-8), or retype the "
    "character in the editor"
)


def _read_text(files: ContentFiles, relative: Path) -> str | None:
    """The file's text; a file too big, not text or not UTF-8 is a problem, not a crash."""
    path = files.root / relative
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        files.problems.append(ContentError(relative, size_problem(size)))
        return None
    data = path.read_bytes()
    if b"\x00" in data:
        files.problems.append(
            ContentError(
                relative,
                "the file is not text (it holds NUL bytes): content files are text written in "
                "an editor; is it the right file?",
                line=data[: data.index(b"\x00")].count(b"\n") + 1,
            )
        )
        return None
    try:
        return data.decode("utf-8-sig")  # a byte-order mark is not part of the text
    except UnicodeDecodeError as exc:
        files.problems.append(_not_utf8(relative, data, exc))
        return None


def _not_utf8(relative: Path, data: bytes, exc: UnicodeDecodeError) -> ContentError:
    """Where a file stops being UTF-8, and what the byte there means in Windows-1252."""
    byte = data[exc.start : exc.start + 1]
    try:
        meant = f" (probably {byte.decode('cp1252')!r}, written in Windows-1252)"
    except UnicodeDecodeError:
        meant = ""
    return ContentError(
        relative,
        f"the file is not UTF-8 text: byte 0x{byte.hex().upper()}{meant} cannot be read; "
        + _SAVE_AS_UTF8,
        line=data[: exc.start].count(b"\n") + 1,
    )


def parse_yaml(
    relative: Path, text: str, first_line: int = 1, parsed: ParseCache | None = None
) -> SourceFile:
    """Parse YAML text; raise ``ContentError`` with the line of a syntax error. With a
    cache, a text parsed before is read from it, and a text parsed now is kept in it."""
    if parsed is None:
        return _parsed_yaml(relative, text, first_line)
    key = parse_key(text)
    found, data = parsed.data(relative, key)
    if found:
        return SourceFile(path=relative, data=data, first_line=first_line)
    source = _parsed_yaml(relative, text, first_line)
    parsed.keep(relative, key, source.data)
    return source


def _parsed_yaml(relative: Path, text: str, first_line: int) -> SourceFile:
    fast = fastyaml.load(text, _yaml())
    if fast is not None:
        return SourceFile(path=relative, data=fast, first_line=first_line)
    try:
        data = _yaml().load(io.StringIO(text))
    except ReaderError as exc:
        message = (
            f"the character U+{exc.character:04X} cannot stand in a content file: delete it "
            "(it may have come from copying text out of another program)"
        )
        where = first_line + text[: exc.position].count("\n")
        raise ContentError(relative, message, line=where) from exc
    except MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "not valid YAML"
        if problem.startswith(_NO_SUCH_DATE):
            at = first_line + exc.problem_mark.line if exc.problem_mark else None
            message = f"{problem}: expected a date written YYYY-MM-DD, e.g. 2018-06-07"
            raise ContentError(relative, message, line=at) from exc
        hint = yaml_hint(problem)
        # An unclosed quote or bracket is reported where the file ends: point at its start.
        opened = "end of stream" in problem or problem.startswith("expected ',' or")
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        message = f"not valid YAML: {problem}" + (f"; {hint}" if hint else "")
        raise ContentError(relative, message, line=line) from exc
    except YAMLError as exc:  # any other error of the parser, without a place
        raise ContentError(relative, f"not valid YAML: {exc}") from exc
    return SourceFile(path=relative, data=data, first_line=first_line)


# What usually causes each YAML syntax error in a transcription, and what to do about it.
_YAML_HINTS = [
    (
        "mapping values are not allowed",
        "a ': ' (a colon and a space) inside text starts a new field: put the whole text in "
        "quotes (\"...\"), or write it on the lines under a '|'; if this line is a field, check "
        "its indentation",
    ),
    ("found undefined alias", "text starting with '*' must be in quotes"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("that cannot start any token", "text starting with '@' or '`' must be in quotes"),
    (
        "but found '<scalar>'",
        "text that starts with a quote, '[' or '{' must be wholly in quotes, e.g. "
        'title: \'"Hello" world\' or title: "[Draft] report"',
    ),
    (
        "but found '<block mapping start>'",
        "check the indentation: the fields of one record line up under each other",
    ),
    ("but found '-'", "check the indentation of this list entry"),
    ("end of stream", "a quote opened on this line is never closed"),
    (
        "expected ',' or",
        "a list or set written on one line between [ ] or { } is broken here, by a ': ' inside "
        "an entry or a bracket that is never closed: put the entry in quotes, or write one "
        "entry per line, each starting '- '",
    ),
    ("found duplicate key", "write each field once in a record"),
    (
        "expected a comment or a line break",
        "after '|' or '>' the text starts on the next line, indented",
    ),
]


def yaml_hint(problem: str) -> str:
    """What to do about a YAML syntax error, in an officer's words ('' if unknown)."""
    return next((hint for pattern, hint in _YAML_HINTS if pattern in problem), "")


def _load_yaml(files: ContentFiles, relative: Path) -> SourceFile | None:
    text = _read_text(files, relative)
    if text is None:
        return None
    try:
        return parse_yaml(relative, text, parsed=files.parsed)
    except ContentError as error:
        files.problems.append(error)
        return None


def _optional_yaml(files: ContentFiles, relative: Path, required: bool = False):
    if (files.root / relative).is_file():
        return _load_yaml(files, relative)
    if required:
        files.problems.append(ContentError(relative, "this file is required but missing"))
    return None


def _yaml_folder(files: ContentFiles, folder: Path) -> list[SourceFile]:
    paths = sorted((files.root / folder).glob("*.yml")) if (files.root / folder).is_dir() else []
    loaded = (_load_yaml(files, p.relative_to(files.root)) for p in paths)
    return [source for source in loaded if source is not None]


def split_front_matter(relative: Path, text: str, parsed: ParseCache | None = None) -> SourceFile:
    """Parse a Markdown file whose YAML front matter sits between two '---' lines."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentError(relative, "expected front matter: a first line '---'", line=1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FRONT_MATTER_FENCE)
    except StopIteration:
        raise ContentError(
            relative, "the front matter is not closed by a line '---'", line=1
        ) from None
    source = parse_yaml(relative, "".join(lines[1:end]), first_line=2, parsed=parsed)
    if source.data is None:
        source = SourceFile(path=relative, data=CommentedMap(), first_line=2)
    if not isinstance(source.data, CommentedMap):
        raise ContentError(relative, "the front matter must be a set of 'field: value' lines", 2)
    after = "".join(lines[end + 1 :])
    body = after.strip("\n")
    blank_lines = len(after) - len(after.lstrip("\n"))  # before the body: not part of it
    return SourceFile(
        path=relative,
        data=source.data,
        first_line=2,
        body=body,
        body_line=end + 2 + blank_lines,
    )


def _markdown_folder(files: ContentFiles, folder: Path) -> list[SourceFile]:
    if not (files.root / folder).is_dir():
        return []
    sources = []
    for path in sorted((files.root / folder).glob("*.md")):
        relative = path.relative_to(files.root)
        text = _read_text(files, relative)
        if text is None:
            continue
        try:
            sources.append(split_front_matter(relative, text, files.parsed))
        except ContentError as error:
            files.problems.append(error)
    return sources


def _optional_csv(files: ContentFiles, relative: Path) -> SourceTable | None:
    if not (files.root / relative).is_file():
        return None
    text = _read_text(files, relative)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text))
    try:
        return _table(files, relative, reader)
    except csv.Error as exc:
        files.problems.append(
            ContentError(
                relative,
                f"this line cannot be read as CSV ({exc}): one value per column, separated by "
                "commas, text holding a comma or a quote in double quotes",
                line=reader.line_num or None,
            )
        )
        return None


def _table(files: ContentFiles, relative: Path, reader: Any) -> SourceTable:
    header = [name.strip() for name in next(reader, [])]
    rows = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            files.problems.append(
                ContentError(
                    relative,
                    f"expected {len(header)} comma-separated cells ({', '.join(header)}), "
                    f"found {len(record)}",
                    line=reader.line_num,
                )
            )
            continue
        values = {name: cell.strip() for name, cell in zip(header, record, strict=True)}
        rows.append(SourceRow(line=reader.line_num, values=values))
    return SourceTable(path=relative, header=header, rows=rows)


_EXPECTED_FILES = {
    Path("content"): {
        "meetings",
        "indicators",
        "releases",
        "datasets",
        "people.yml",
        "officers.yml",
        "committee.yml",
    },
    Path("content/meetings"): {".yml"},
    Path("content/indicators"): {".yml", "observations.csv", "published_figures.csv"},
    Path("content/datasets"): {".csv", ".xlsx"},
    Path("content/releases"): {".yml"},
    Path("glossary"): {".md"},
}


def _report_strays(files: ContentFiles) -> None:
    """A file the builder would silently ignore (``meeting.yaml``, ``term.txt``) is an error."""
    for folder, allowed in _EXPECTED_FILES.items():
        directory = files.root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or path.name in allowed or path.suffix in allowed:
                continue
            if path.is_dir() and path.name in allowed:
                continue
            expected = ", ".join(sorted(allowed))
            files.problems.append(
                ContentError(
                    path.relative_to(files.root),
                    f"unexpected file: the builder reads only {expected} here",
                )
            )
