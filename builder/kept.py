"""Files a build keeps for the next one, under ``build/cache`` of the content root: the
parsed YAML (``load.ParseCache``), the rendered pages (``render/page_cache.py``), the drawn
charts (``render/charts.py``), the zip of every indicator's files (``render/datapackage.py``),
the search index and what it is made from (``search.py``).

Each file is written whole or not at all, so a build stopped part-way leaves no torn file
to be read back; and a build removes what it no longer uses, so that the folder does not
grow with every file renamed, page removed or value corrected. Deleting the folder is
always safe: the next build makes everything again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

# What a stopped build may leave: ``write_whole``'s temporary file.
HALF_WRITTEN = ".tmp"


def write_whole(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file beside it; return whether it
    was written (a folder that cannot be written keeps nothing, and is not an error)."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}{HALF_WRITTEN}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return False
    return True


def remove_unused(folder: Path, used: Callable[[Path], bool]) -> int:
    """Remove every file under ``folder`` that ``used`` says this build did not use, and
    every file a stopped build left half-written, then the folders left empty; return how
    many files. Only a build that has asked for everything it uses may call this, once it
    has."""
    removed = 0
    for parent, _, files in os.walk(folder, topdown=False):
        here = Path(parent)
        for name in files:
            path = here / name
            if name.endswith(HALF_WRITTEN) or not used(path):
                path.unlink(missing_ok=True)
                removed += 1
        if here != folder and not any(here.iterdir()):
            here.rmdir()
    return removed
