"""Rebuilding only the pages that changed, with the same result as building them all.

A whole build renders every page's Markdown (fast) and has the site generator convert
every page to HTML (most of a build's time on a large archive). When the previous build
into the same output folder used the same site-generator settings and theme, the new
build starts from that site instead: its Markdown goes to a folder kept between builds
(``build/docs`` under the content root), where a file whose text did not change keeps
its modification time; the previous site is copied into the staging folder with the
files' times; and the site generator converts only pages whose Markdown is newer than
their HTML (MkDocs' "dirty" build); everything built from the whole site (search index,
sitemap, redirects, the theme's own pages) is made again. A page gone since is a reason
for a whole build: a page left alone may link to it, and only a whole build checks every
link again. ``tests/test_incremental.py`` holds an incremental build to be byte
for byte the build made from nothing.

What the previous build was is kept in ``build/incremental/`` under the content root, one
record per output folder, written only once its site is in place; after a build that
failed, with changed settings, or when a file of the output folder has gone, the build
is whole. The output folder is the builder's: a file changed there by hand stays until
its page changes or a whole build (``make clean`` removes it).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from builder import urls
from builder.folders import files_under, link_or_copy

RECORDS = Path("build") / "incremental"
KEPT_DOCS = Path("build") / "docs"


def kept_docs(root: Path) -> Path:
    return root / KEPT_DOCS


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """One build at a time uses the root's kept Markdown (two at once would mix pages)."""
    folder = root / RECORDS
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def fingerprint(
    settings: str, staging: Path, folders: Iterable[Path], versions: Iterable[str]
) -> str:
    """What every page's HTML depends on besides its own Markdown: the site generator's
    ``settings`` (the paths of the build's scratch folder ``staging`` left out), the
    theme's files and the versions of the software that turns pages into HTML."""
    digest = hashlib.sha256()
    digest.update(settings.replace(str(staging), "<staging>").encode())
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for version in versions:
        digest.update(version.encode() + b"\0")
    return digest.hexdigest()


def _record_path(root: Path, out: Path) -> Path:
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return root / RECORDS / f"{name}.json"


def previous(root: Path, out: Path, key: str) -> Path | None:
    """The site in ``out`` to start from, if the last build there used the settings
    ``key``, ``out`` is still there and every page it was built from still is; ``None``
    means a whole build."""
    record = _record_path(root, out)
    if not record.is_file() or not out.is_dir():
        return None
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
    except ValueError:
        return None
    if kept.get("fingerprint") != key:
        return None
    docs, published = set(files_under(kept_docs(root))), set(files_under(out))
    for path in kept.get("docs", []):
        if path not in docs or not _still_published(published, path):
            return None
    return out


def _still_published(published: set[str], docs_path: str) -> bool:
    """Whether what ``docs_path`` of the Markdown folder became is still one of the
    ``published`` files (a page served as a folder; a chart put into its page is no file
    of the site)."""
    if docs_path.endswith(urls.INSERT_SUFFIX):
        return True
    if docs_path.endswith(".md"):
        return f"{urls.Address(docs_path).web_path}index.html" in published
    return docs_path in published


def start_from(site: Path, html: Path, rebuilt: Iterable[urls.Address]) -> None:
    """Put the previous site's files into ``html`` (with their times), less the folders
    ``rebuilt`` (written whole by every build): each file a second link to the previous
    one, not a copy (at 4x the base, 0.2 s instead of 2.7 s). So nothing may write into a
    file of ``html`` in place, which would change the published site too: the site
    generator writes into folders of its own, whose files replace those of ``html``
    (``build.run_mkdocs``), and the search index is written whole. Where a file cannot be
    linked (another file system), it is copied."""
    skipped = {folder.path.strip("/") for folder in rebuilt}

    def rebuilt_here(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(site).as_posix()
        return {name for name in names if f"{relative}/{name}".removeprefix("./") in skipped}

    shutil.copytree(site, html, copy_function=link_or_copy, ignore=rebuilt_here, dirs_exist_ok=True)


def record(root: Path, out: Path, key: str, stamp: str = "") -> None:
    """Remember the build just published into ``out``: its settings ``key`` and the
    ``stamp`` written into its pages after the site generator (``builder/stamp.py``)."""
    docs = kept_docs(root)
    files = files_under(docs)
    path = _record_path(root, out)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    kept = {"fingerprint": key, "docs": files, "stamp": stamp}
    temporary.write_text(json.dumps(kept), encoding="utf-8")
    temporary.replace(path)


def stamped(root: Path, out: Path) -> str | None:
    """The stamp the last build into ``out`` wrote into its pages, if it is known."""
    try:
        kept = json.loads(_record_path(root, out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stamp = kept.get("stamp") if isinstance(kept, dict) else None
    return stamp if isinstance(stamp, str) else None


def forget(root: Path, out: Path) -> None:
    """Forget the last build into ``out`` (its site is about to be replaced)."""
    _record_path(root, out).unlink(missing_ok=True)
