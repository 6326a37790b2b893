"""MkDocs hook used by ``python -m builder serve``: re-render the pages before each build,
and index them for the search after it.

MkDocs watches the content folders; when a file changes it rebuilds, and this hook first
regenerates the Markdown from the content. Invalid content is reported and the previous
pages are kept, so the preview keeps working while an author fixes the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from builder import build, pipeline
from builder.errors import ContentErrors

ROOT_VARIABLE = "COMMITTEE_ARCHIVE_ROOT"


def on_pre_build(config) -> None:
    root = Path(os.environ[ROOT_VARIABLE])
    try:
        archive, analysis = pipeline.check(root)
    except ContentErrors as errors:
        print(errors.report())
        return
    pipeline.write_pages(archive, analysis, root, Path(config["docs_dir"]), workers=1)


def on_post_build(config) -> None:
    build.index_for_search(Path(config["site_dir"]))
