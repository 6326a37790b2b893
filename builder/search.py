"""Search stage: indexes the built site's pages with Pagefind for its search box
(``builder/theme/partials/search.html``, ``builder/assets/search.js``), keeping the
index and what it was made from between builds under the content root, and making a
large archive's index in parts that are indexed again only when their pages change.
Replacing Pagefind means replacing this module only."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pagefind_bin

from builder import urls
from builder.build import SiteBuildError
from builder.folders import files_under, link_or_copy
from builder.kept import remove_unused, write_whole

# What the search leaves out of a page besides what the theme leaves out of the index (all
# but the page's own content, marked data-pagefind-body by builder/theme/main.html):
# elements marked data-search-exclude: the drawn charts, whose axis labels would otherwise
# weigh on every search; an indicator's table of values, months and figures that were four
# fifths of what the search read at 4x the base; and the figures that name indicator after
# indicator on page after page (a release's lists of the indicators it moved, a meeting's
# table of the figures the panel saw), which were two fifths of what it read after that.
# An indicator is found on its own page, a meeting by the indicators its items discussed.
SEARCH_EXCLUDED = "[data-search-exclude]"
# Pagefind's own search interfaces and highlighter: the site has its own search box
# (builder/theme/partials/search.html, builder/assets/search.js), so these are not served.
UNUSED_SEARCH_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


# Where the search index of the last build is kept, under the content root, with what it
# was made from (``index_for_search``).
SEARCH_CACHE = Path("build/cache/search")
# Pages indexed from which the index is made in parts (``urls.search_part``). Each part
# adds to a query the chunk of its index that holds the query's words (about 20 KB,
# whatever the part's size), so a smaller archive, indexed whole in under 2 s, keeps one.
SEARCH_PARTS_FROM = 1000
# What a part other than the first is served without: Pagefind's script, its worker and
# WebAssembly, which the first part's serve every part (a merged index shares them).
_SCRIPT_FILES = re.compile(r"pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind")


@dataclass(frozen=True)
class SearchIndex:
    """What ``index_for_search`` did: how many pages the index holds, in how many parts,
    and how many of those parts it indexed (the others were kept from an earlier build:
    nothing Pagefind reads of their pages had changed)."""

    pages: int
    parts: int
    indexed: int

    @property
    def kept(self) -> bool:
        return self.indexed == 0

    def summary(self) -> str:
        """What the search stage did, in a few words for the build's progress."""
        pages = f"{self.pages:,} pages indexed"
        if self.kept:
            return f"{pages} (the last build's index: nothing it reads changed)"
        if self.parts == 1:
            return pages
        if self.indexed == self.parts:
            return f"{pages} in {self.parts} parts"
        return f"{pages} in {self.parts} parts, {self.indexed} of them again (their pages changed)"


def index_for_search(html: Path, cache: Path | None = None) -> SearchIndex:
    """Index the pages of the built site ``html`` for its search, into its search index
    folder (``urls.search_index``): Pagefind's index in chunks, so that a query downloads
    only the chunks for its words and the excerpts of the results it shows. Pages
    without content marked for the index (embeds, the page for an address not found,
    redirects) are left out.

    The same pages give the same files, byte for byte. Pagefind runs in the folder that
    holds its input, without the environment's PAGEFIND_ settings, so that no stray
    configuration file or variable changes the index. Pagefind has no way to index only
    the pages that changed (5.5 to 6 s at 4x the base, every page). So a large archive's
    index is made in parts (``search_parts``), which the search box merges, and with a
    ``cache`` folder each part is kept there with a digest of everything it was made from
    (what Pagefind read of each of its pages, Pagefind's version and settings): a part
    whose pages give the same digest is taken from there, its files checked against the
    digests they were kept with, instead of indexed again, so an edit of a meeting
    indexes its decade's meetings again, not the archive. What Pagefind reads is kept
    there too, and only the pages converted again are read (``update_search_input``)."""
    if cache is not None:
        return _index_parts(html, cache)
    scratch = html.with_name(f"{html.name}-search")
    try:
        return _index_parts(html, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def search_parts(inputs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The search inputs (path and digest) of each part of the index, by the part's name:
    all in the first part (``urls.FIRST_SEARCH_PART``) for fewer than
    ``SEARCH_PARTS_FROM`` pages, else each in its ``urls.search_part``."""
    parts: dict[str, list[tuple[str, str]]] = {urls.FIRST_SEARCH_PART: []}
    whole = len(inputs) < SEARCH_PARTS_FROM
    for path, digest in sorted(inputs):
        part = urls.FIRST_SEARCH_PART if whole else urls.search_part(path)
        parts.setdefault(part, []).append((path, digest))
    return parts


def _index_parts(html: Path, cache: Path) -> SearchIndex:
    """Index each part of ``html``'s index that ``cache`` does not keep as it would be
    made now, keep it there, and put every part into place (``_serve_parts``)."""
    pages = cache / "input"
    parts = search_parts(update_search_input(html, pages, cache / "input.json"))
    keys = {part: _search_key(part, inputs) for part, inputs in parts.items()}
    record = _kept_record(cache)
    whole = {
        part: files
        for part, files in record.items()
        if part in keys and files.get("key") == keys[part] and _is_whole(cache, part, files)
    }
    stale = sorted((part for part in parts if part not in whole), key=lambda p: -len(parts[p]))
    if stale:
        _write_record(cache, whole)
        _remove_unkept_parts(cache, keys)
        for part, folder in zip(stale, _index_in_turn(pages, cache, stale, parts), strict=True):
            whole[part] = {"key": keys[part], "files": _file_digests(folder)}
        _write_record(cache, whole)
    _serve_parts(cache, list(parts), html)
    return SearchIndex(pages=sum(map(len, parts.values())), parts=len(parts), indexed=len(stale))


def _kept_part(cache: Path, part: str) -> Path:
    return cache / "index" / ("first" if part == urls.FIRST_SEARCH_PART else part)


def _kept_record(cache: Path) -> dict[str, dict[str, Any]]:
    """The kept parts' keys and files' digests, by part; none from a record in another
    form or damaged."""
    try:
        record = json.loads((cache / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    parts = record.get("parts") if isinstance(record, dict) else None
    return parts if isinstance(parts, dict) else {}


def _is_whole(cache: Path, part: str, kept: dict[str, Any]) -> bool:
    return _file_digests(_kept_part(cache, part)) == kept.get("files")


def _write_record(cache: Path, parts: dict[str, dict[str, Any]]) -> None:
    """Record the kept parts: before a part is indexed again, the record is written
    without it, so a build stopped part-way never takes a part half-written."""
    cache.mkdir(parents=True, exist_ok=True)
    record = {"parts": parts}
    write_whole(cache / "index.json", json.dumps(record, sort_keys=True).encode("utf-8"))


def _remove_unkept_parts(cache: Path, keys: dict[str, str]) -> None:
    """Remove the kept folder of any part the index no longer has."""
    wanted = {_kept_part(cache, part).name for part in keys}
    folder = cache / "index"
    for kept in folder.iterdir() if folder.is_dir() else []:
        if kept.is_dir() and kept.name in wanted:
            continue
        if kept.is_dir():
            shutil.rmtree(kept, ignore_errors=True)
        else:
            kept.unlink()


def _index_in_turn(
    pages: Path, cache: Path, stale: list[str], parts: dict[str, list[tuple[str, str]]]
) -> list[Path]:
    """Index each of the ``stale`` parts into its kept folder, as many at once as the
    machine has cores (the largest first: Pagefind uses more than one core only in part
    of its run); return the folders in the same order."""
    folders = [_kept_part(cache, part) for part in stale]
    inputs = [cache / "parts" / folder.name for folder in folders]
    for part, part_input, folder in zip(stale, inputs, folders, strict=True):
        _link_part_input(pages, [path for path, _ in parts[part]], part_input)
        shutil.rmtree(folder, ignore_errors=True)
    try:
        with ThreadPoolExecutor(min(len(stale), os.cpu_count() or 1)) as pool:
            list(pool.map(_run_pagefind, inputs, folders))
    finally:
        shutil.rmtree(cache / "parts", ignore_errors=True)
    return folders


def _link_part_input(pages: Path, paths: list[str], folder: Path) -> None:
    """Give Pagefind a folder holding only one part's pages: links to their inputs."""
    shutil.rmtree(folder, ignore_errors=True)
    for path in paths:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(pages / path, target)


def _serve_parts(cache: Path, parts: list[str], html: Path) -> None:
    """Put each kept part into the site's index folder, the first part with Pagefind's
    script, and list the others for the search box (``urls.search_parts_list``). The
    files are links to the kept ones (copying the 3,500 files of the index at 4x the base
    took 0.9 s): nothing writes into a file of the index once Pagefind has written it,
    and a kept file changed through the site would not match its digest, so its part
    would be indexed again."""
    first = html / urls.search_index().path
    shutil.rmtree(first, ignore_errors=True)
    shutil.copytree(_kept_part(cache, urls.FIRST_SEARCH_PART), first, copy_function=link_or_copy)
    merged = sorted(part for part in parts if part != urls.FIRST_SEARCH_PART)
    for part in merged:
        shutil.copytree(
            _kept_part(cache, part),
            html / urls.search_part_index(part).path,
            ignore=lambda _, names: [name for name in names if _SCRIPT_FILES.fullmatch(name)],
            copy_function=link_or_copy,
        )
    folders = [
        urls.search_part_index(part).path.removeprefix(urls.search_index().path) for part in merged
    ]
    listed = json.dumps({"parts": folders}, indent=1) + "\n"
    (html / urls.search_parts_list().path).write_text(listed, encoding="utf-8")


def _run_pagefind(pages: Path, folder: Path) -> None:
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(pages),
        "--output-path",
        str(folder),
        "--exclude-selectors",
        SEARCH_EXCLUDED,
        "--quiet",
    ]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    run = subprocess.run(
        command, cwd=pages.parent, env=environment, capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        output = (run.stdout + run.stderr).strip()
        raise SiteBuildError(f"the search index could not be written:\n{output}")
    for name in UNUSED_SEARCH_FILES:
        (folder / name).unlink(missing_ok=True)


def _search_key(part: str, inputs: list[tuple[str, str]]) -> str:
    """The digest of what a part of the index is made from: its name, each of its pages'
    search input (path and digest), Pagefind's version and the settings it is run with."""
    made_from = {
        "part": part,
        "inputs": sorted(inputs),
        "pagefind": metadata.version("pagefind_bin"),
        "settings": [SEARCH_EXCLUDED, *UNUSED_SEARCH_FILES],
    }
    return hashlib.sha256(json.dumps(made_from).encode("utf-8")).hexdigest()


def _file_digests(folder: Path) -> dict[str, str]:
    return {
        path: hashlib.blake2b((folder / path).read_bytes()).hexdigest()
        for path in files_under(folder)
    }


# What Pagefind indexes of a page: the article marked for it (builder/theme/main.html).
_INDEXED = re.compile(r"<article [^>]*\bdata-pagefind-body\b[^>]*>")
_HTML_TAG = re.compile(r"<html\b[^>]*>")
# A drawn chart's figure or a table of values, which the search leaves out
# (SEARCH_EXCLUDED): never nested.
_EXCLUDED_ELEMENT = re.compile(
    r"<(figure|table) [^>]*\bdata-search-exclude\b[^>]*>.*?</\1>", re.DOTALL
)


def search_input(page: str) -> str | None:
    """What Pagefind needs of a built page: its ``<html>`` tag (the page's language) and
    the article it indexes, without the drawn charts and tables of values; ``None`` for a
    page not indexed.

    Pagefind writes the same index from these as from the whole pages, and reads a sixth
    of the bytes: the header, navigation, footer and scripts of every page, and the charts'
    SVG, took a third of its time at 4x the base (3,185 pages)."""
    start = _INDEXED.search(page)
    language = _HTML_TAG.search(page)
    if start is None or language is None:
        return None
    end = page.find("</article>", start.end())
    article = page[start.start() : end + len("</article>")]
    if end == -1 or "<article" in article[len(start.group(0)) :]:
        article = page[start.start() :]  # not as the theme writes it: left whole
    article = _EXCLUDED_ELEMENT.sub("", article)
    return f"<!doctype html>\n{language.group(0)}<head></head><body>{article}</body></html>\n"


# Pages before reading them in a second process pays for itself.
SEARCH_INPUT_SHARED_FROM = 500


def write_search_input(
    html: Path, folder: Path, workers: int | None = None
) -> list[tuple[str, str]]:
    """Write, under ``folder``, the search input of every page of ``html`` it indexes;
    with many pages, in ``workers`` forked processes (default: one per core). Return each
    input's path (in ``folder``) and the digest of its text."""
    shutil.rmtree(folder, ignore_errors=True)
    pages = [html / path for path in files_under(html, ".html")]
    return _read_search_inputs(html, folder, pages, workers)


def _read_search_inputs(
    html: Path, folder: Path, pages: list[Path], workers: int | None = None
) -> list[tuple[str, str]]:
    """Write the search input of each of ``pages`` that has one under ``folder``, in
    ``workers`` forked processes when there are many; return each one's path and digest."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(pages) < SEARCH_INPUT_SHARED_FROM:
        return _write_search_inputs(html, folder, pages)
    shares = [pages[share::workers] for share in range(workers)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        written = pool.map(_write_search_inputs, [html] * workers, [folder] * workers, shares)
        return [entry for share in written for entry in share]


def update_search_input(
    html: Path, folder: Path, record: Path, workers: int | None = None
) -> list[tuple[str, str]]:
    """Make ``folder`` hold the search input of every page of ``html`` it indexes, as
    ``write_search_input`` does, reading again only the pages that are not the files read
    by the last call: ``record`` keeps, for each page read, its file's identity (inode,
    time and size: a page the build did not convert is a link to the published one) and
    its input's digest. An input file that is not what was written is written again.
    Return each input's path and digest."""
    try:
        known: dict[str, list[Any]] = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    entries: dict[str, tuple[list[int], str | None]] = {}
    unread = []
    for relative in files_under(html, ".html"):
        path = html / relative
        stat = path.stat()
        identity = [stat.st_ino, stat.st_mtime_ns, stat.st_size]
        before = known.get(relative)
        if before is not None and before[:3] == identity:
            digest = before[3]
            if digest is None or _digest_of(folder / relative) == digest:
                entries[relative] = (identity, digest)
                continue
        entries[relative] = (identity, None)
        unread.append(path)
    for relative, digest in _read_search_inputs(html, folder, unread, workers):
        entries[relative] = (entries[relative][0], digest)
    with_input = {relative for relative, (_, digest) in entries.items() if digest is not None}
    remove_unused(folder, lambda path: path.relative_to(folder).as_posix() in with_input)
    kept = {relative: [*identity, digest] for relative, (identity, digest) in entries.items()}
    write_whole(record, json.dumps(kept, sort_keys=True).encode("utf-8"))
    return sorted((relative, entries[relative][1] or "") for relative in with_input)


def _digest_of(path: Path) -> str | None:
    try:
        return hashlib.blake2b(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _write_search_inputs(html: Path, folder: Path, pages: list[Path]) -> list[tuple[str, str]]:
    written = []
    for path in pages:
        text = search_input(path.read_text(encoding="utf-8"))
        if text is not None:
            relative = path.relative_to(html)
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            digest = hashlib.blake2b(text.encode("utf-8")).hexdigest()
            written.append((relative.as_posix(), digest))
    return written
