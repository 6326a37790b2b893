"""MkDocs hook used by ``python -m builder serve``: re-render the pages before each build,
and index them for the search after it (the index kept as a build keeps it, in the
preview's own folder, and taken again while no page it reads has changed).

MkDocs watches the content folders; when a file changes it rebuilds, and this hook first
regenerates the Markdown from the content. Invalid content is reported and the previous
pages are kept, so the preview keeps working while an author fixes the problem.
"""

from __future__ import annotations

import os
from pathlib import Path

from builder import pipeline, search
from builder.errors import ContentErrors
from builder.folders import files_under
from builder.kept import remove_unused

ROOT_VARIABLE = "COMMITTEE_ARCHIVE_ROOT"
PREVIEW_FOLDER = Path("build/serve")  # under the content root: the preview's Markdown and search


def on_pre_build(config) -> None:
    root = Path(os.environ[ROOT_VARIABLE])
    try:
        archive, analysis = pipeline.check(root)
    except ContentErrors as errors:
        print(errors.report())
        return
    docs = Path(config["docs_dir"])
    before = set(files_under(docs, ".md"))
    pages = pipeline.write_pages(archive, analysis, root, docs, workers=1)
    if not before <= {page.path for page in pages}:
        # A page was removed: with the preview's folder emptied, the site generator (which
        # converts only the pages whose Markdown changed) converts every page, and none is
        # left behind.
        remove_unused(Path(config["site_dir"]), lambda _: False)


def on_serve(server, config, **_: object):
    """Watch the content, not the Markdown this hook writes from it: each rebuild's own
    Markdown would otherwise set off a second rebuild that changes nothing."""
    server.unwatch(config["docs_dir"])
    return server


def on_post_build(config) -> None:
    root = Path(os.environ[ROOT_VARIABLE])
    search.index_for_search(Path(config["site_dir"]), root / PREVIEW_FOLDER / "search")
