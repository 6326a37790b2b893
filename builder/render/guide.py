"""The authoring guide for council officers, as pages of the site.

The guide is the builder's, not a council's: its pages are the Markdown files of the
repository's ``docs/guide/`` (whatever content root is built), published under the guide's
addresses from ``builder.urls``, with the field reference generated from the model
(``builder/reference.py``). The index lists every page of ``docs/guide/patterns/`` by its
title, between the two marker lines below, so a new page of patterns appears without
anyone keeping a list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from builder import urls
from builder.reference import GUIDE, ReferencePage, reference_page
from builder.render.views import Link

PATTERNS = "patterns"
# In the index, the lines between these two are replaced by the list of pattern pages.
LIST_STARTS = "<!-- begin: list of patterns/"
LIST_ENDS = "<!-- end: list of patterns/"


@dataclass(frozen=True)
class GuidePage:
    """A page of the guide: its Markdown, with the list of pattern pages between
    ``before`` and ``after`` (on the index only)."""

    address: urls.Address
    before: str
    patterns: list[Link]
    after: str


def guide_sources(folder: Path = GUIDE) -> list[Path]:
    """The guide's Markdown files: the index and the other pages, then the pattern pages."""
    return sorted(folder.glob("*.md")) + sorted((folder / PATTERNS).glob("*.md"))


def address_of(path: Path, folder: Path = GUIDE) -> urls.Address:
    return urls.guide_page(path.relative_to(folder).as_posix())


def page_title(text: str, path: Path) -> str:
    """A page's first level-one heading, else its file name in words."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return path.stem.replace("-", " ").capitalize()


def guide_views(folder: Path = GUIDE) -> Iterator[GuidePage | ReferencePage]:
    """Every page of the guide, in a fixed order, and the field reference."""
    sources = guide_sources(folder)
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    patterns = [
        Link(page_title(texts[path], path), address_of(path, folder))
        for path in sources
        if path.parent.name == PATTERNS
    ]
    for path in sources:
        address = address_of(path, folder)
        if address == urls.guide_reference():
            raise ValueError(f"{path} would hide the generated field reference: rename it")
        if address == urls.guide_index():
            yield index_page(address, texts[path], patterns)
        else:
            yield GuidePage(address, texts[path], [], "")
    yield reference_page()


def index_page(address: urls.Address, text: str, patterns: list[Link]) -> GuidePage:
    """The index, with the pattern pages listed where its marker lines stand (at the end
    if it has none)."""
    lines = text.splitlines(keepends=True)
    starts = next((i for i, line in enumerate(lines) if line.startswith(LIST_STARTS)), None)
    ends = next((i for i, line in enumerate(lines) if line.startswith(LIST_ENDS)), None)
    if starts is None or ends is None or ends < starts:
        before, after = text, ""
    else:
        before, after = "".join(lines[:starts]), "".join(lines[ends + 1 :]).lstrip("\n")
    # A Markdown list starts after a blank line.
    return GuidePage(address, before.rstrip("\n") + "\n\n", patterns, after)
