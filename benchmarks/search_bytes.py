"""What a reader downloads from a built site, measured in Debian's Chromium: a page before
any interaction, and then one search typed into its search box.

    .venv/bin/python benchmarks/search_bytes.py SITE --page /indicators/lac1/ --query LAC1

Each file counts as a server sends it: gzip-compressed (level 9), unless it is smaller as
it is (the search index's chunks are compressed already). Prints the two totals and, with
``--files``, every file.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"


@dataclass(frozen=True)
class Downloads:
    page: dict[str, int]  # path from the site's root: bytes sent, before any interaction
    query: dict[str, int]  # what the query added

    @property
    def page_bytes(self) -> int:
        return sum(self.page.values())

    @property
    def query_bytes(self) -> int:
        return sum(self.query.values())


def sent_bytes(site: Path, path: str) -> int:
    """The bytes a server sends for ``path`` (from the site's root) of the built ``site``."""
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    data = file.read_bytes()
    return min(len(data), len(gzip.compress(data, 9)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serving(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def measure(site: Path, page_path: str, query: str | None, box: str = "input[name=q]") -> Downloads:
    """Load ``page_path`` and wait until the network is idle; then, if ``query`` is given,
    type it into the search box ``box`` and wait until its results are shown."""
    from playwright.sync_api import sync_playwright

    with _serving(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(urlsplit(request.url).path))
        page.goto(address + page_path, wait_until="networkidle")
        page.wait_for_timeout(500)
        before = list(dict.fromkeys(requested))
        after: list[str] = []
        if query:
            page.focus(box)
            page.keyboard.type(query)
            status = page.locator(".md-search-result__meta")
            with contextlib.suppress(Exception):  # a plain site's status reads otherwise
                status.filter(has_text=f"for \u2018{query}\u2019").wait_for(timeout=20000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1000)
            after = [path for path in dict.fromkeys(requested) if path not in before]
        browser.close()
    return Downloads(
        page={path: sent_bytes(site, path) for path in before},
        query={path: sent_bytes(site, path) for path in after},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--page", default="/")
    parser.add_argument("--query")
    parser.add_argument("--box", default="input[name=q]", help="the search box's selector")
    parser.add_argument("--files", action="store_true", help="list every file")
    args = parser.parse_args()
    found = measure(args.site, args.page, args.query, args.box)
    for label, files, total in [
        (f"page {args.page}", found.page, found.page_bytes),
        (f"query {args.query!r}", found.query, found.query_bytes),
    ]:
        if args.files:
            for path, size in files.items():
                print(f"  {size:>9,} {path}")
        print(f"{label}: {len(files)} files, {total / 1000:.1f} KB")


if __name__ == "__main__":
    main()
