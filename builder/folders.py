"""The files of a folder, listed and measured with ``os.walk``, and linked elsewhere.

A build lists folders of thousands of files several times (the Markdown pages, the built
site, the search's input and index). ``Path.rglob`` with an ``is_file`` test on each
path took ten times as long as ``os.walk``, which reads each folder's entries once: at
4x the base, 0.18 s against 0.017 s for the 13,241 files of the Markdown folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def files_under(folder: Path, suffix: str = "") -> list[str]:
    """The path of every file under ``folder`` whose name ends with ``suffix``, relative
    to it, with ``/`` between folders, in sorted order; none if it is not a folder.
    Symbolic links to files are files, as for ``Path.is_file``; a link to a folder is not
    walked into."""
    found = []
    for parent, _, names in os.walk(folder):
        relative = os.path.relpath(parent, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        found += [
            prefix + name
            for name in names
            if name.endswith(suffix) and os.path.isfile(os.path.join(parent, name))
        ]
    found.sort()
    return found


def folder_bytes(folder: Path) -> int:
    """The size of every file under ``folder``."""
    return sum(os.path.getsize(folder / path) for path in files_under(folder))


def link_or_copy(source: str, target: str) -> str:
    """A second link to ``source`` at ``target``, or a copy where the two are on different
    file systems; ``target`` (a ``copy_function`` for ``shutil.copytree``). Nothing may
    then write into either file in place, which would change the other."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target
