"""The one exception type for problems in content, and its collection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError(Exception):
    """A problem in one place of one content file.

    ``path`` is relative to the content root, ``line`` counts from 1 and ``field`` is a
    dotted path such as ``items[2].decisions[1].text`` (list entries counted from 1).
    """

    path: Path
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"

    @property
    def sort_key(self) -> tuple:
        return (str(self.path), self.line or 0, self.field or "", self.message)


class ContentErrors(Exception):
    """Every problem found in one run, raised once validation is complete."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(set(errors), key=lambda e: e.sort_key)
        super().__init__(f"{len(self.errors)} problem(s) in the content")

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        count = len(self.errors)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


# No file the archive reads is anywhere near this: a bigger one is the wrong file, and is
# refused by its size before it is parsed.
MAX_FILE_BYTES = 10 * 1024 * 1024


def size_problem(size: int) -> str:
    """Why a file of ``size`` bytes is refused, in an officer's words."""
    return (
        f"the file is {size / 1024 / 1024:.1f} MB, more than the {MAX_FILE_BYTES // 1024 // 1024} "
        "MB any content file or dataset can be: check that it is the right file"
    )
