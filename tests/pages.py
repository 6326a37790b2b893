"""Reading built HTML pages as a reader would: their text, tables and links; and a built
site's files as they are, to compare two builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style", "svg"}
BLOCKS = {"p", "li", "td", "th", "tr", "dt", "dd", "div", "br", "h1", "h2", "h3", "h4", "ul", "ol"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self.resources: list[tuple[str, str]] = []
        self._skip = 0
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in BLOCKS:
            self.text.append(" ")
        if tag in SKIPPED:
            self._skip += 1
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = []
        for name in ("src", "href"):
            if name in attributes and tag in ("script", "img", "link", "iframe", "source"):
                self.resources.append((tag, attributes[name]))
        if tag == "article":
            self._in_article = True

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.text.append(" ")
        if tag in SKIPPED:
            self._skip -= 1
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        if tag == "article":
            self._in_article = False

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        if self._in_article:
            self.text.append(data)


class Page:
    def __init__(self, path: Path):
        self.html = path.read_text(encoding="utf-8")
        reader = _Reader()
        reader.feed(self.html)
        self.text = re.sub(r"\s+", " ", "".join(reader.text))
        self.rows = reader.rows
        self.resources = reader.resources

    def row(self, first_cell: str) -> list[str]:
        return next(row for row in self.rows if row and row[0] == first_cell)


def page(site: Path, url: str) -> Page:
    return Page(site / url.strip("/") / "index.html" if url.strip("/") else site / "index.html")


def search_fragments(site: Path) -> dict[str, dict]:
    """What the site's search index holds of each page it indexed, by the page's address
    from the site's root ('/indicators/lac1/'): Pagefind's fragments, in every part of the
    index (gzip-compressed JSON after a signature), each with the page's indexed text
    ('content'), title and filters."""
    import gzip
    import json

    from builder import urls

    fragments = {}
    index = site / urls.search_index().path
    for path in sorted(index.glob("**/fragment/*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        fragments[fragment["url"]] = fragment
    return fragments


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path from the site's root."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
