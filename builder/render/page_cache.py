"""Pages rendered before, kept in a folder between builds.

A page is a function of its view (``views.py``), the templates and code that lay it out,
and the glossary and indicators its words are linked to (``crossrefs.Linker``). After an
officer's edit of one meeting, nearly every view is what it was, and laying the pages out
and linking them again was three quarters of the pages stage at 4x the base. So each
page's files (its Markdown and the HTML kept beside it, ``inserts.py``) are kept under
the page's path with a key of all it is made of, and read back while the key is the same.

A key is a hash of the view as pickled, which holds every value the page shows (a view
that cannot be pickled is rendered every time). An entry of another key, or one that
cannot be read, is no entry; an entry is written whole or not at all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import operator
import pickle
import sys
from collections.abc import Callable, Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import builder
from builder.kept import remove_unused, write_whole
from builder.model import Analysis, Archive, Indicator, IndicatorAnalysis, Meeting, ReleaseReport

PAGE_CACHE = Path("build/cache/pages")  # under the content root
# Records that many pages' views hold (an indicator in every release's highlights, its
# analysis on its page, its embed and the indexes): each is pickled once a build, and
# then stands in the pickle of a view by its digest. They are never changed once made.
SHARED: tuple[type, ...] = (Indicator, IndicatorAnalysis, Meeting, ReleaseReport)


def shared_records(archive: Archive, analysis: Analysis) -> list[Any]:
    """The records of ``SHARED`` types the views of ``archive`` and ``analysis`` hold."""
    return [
        *archive.indicators,
        *analysis.indicators.values(),
        *archive.meetings,
        *analysis.releases,
    ]


def _code_key() -> bytes:
    """Every module and template of the builder, and the versions of what renders."""
    package = Path(builder.__file__).parent
    sources = sorted(
        path
        for path in package.rglob("*")
        if path.is_file() and path.suffix in {".py", ".j2", ".md", ".yml"}
    )
    digest = hashlib.sha256(f"{sys.version} {metadata.version('jinja2')}".encode())
    for path in sources:
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


class PageCache:
    """The pages of earlier builds under ``folder``; ``reused`` counts the pages of this
    build read back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._salt = _CODE
        self.reused = 0
        self._digests: dict[int, tuple[Any, bytes]] = {}
        # By the shared type pickled whole (none for a view): the pickler's reducers.
        self._reducers: dict[type | None, _Reducers] = {
            exclude: _Reducers({kind: self._by_digest for kind in SHARED if kind is not exclude})
            for exclude in (None, *SHARED)
        }

    def linking_with(self, linking: Any) -> None:
        """Key the pages by how this build links words to the glossary and indicators
        (any picklable value that says all of it), as well as by their views; pickled
        as the views are, so that it is the same in every build."""
        self._salt = _CODE + self._digest(linking)

    def key(self, view: Any) -> bytes | None:
        """The key of the page showing ``view``: a hash of it pickled without the pickle's
        memo, so that an object shared in one build and copied in another pickles the
        same (with the memo, about 4% of the keys at 4x differed between two builds)."""
        try:
            return self._digest(view, self._salt)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError):
            return None  # not picklable, or holding a cycle (which fast pickling refuses)

    def _digest(self, value: Any, salt: bytes = b"", exclude: type | None = None) -> bytes:
        """The hash of ``value`` pickled, the shared records in it by their digests (but
        those of type ``exclude``: a shared record itself is pickled whole)."""
        digest = hashlib.blake2b(salt, digest_size=32)
        pickler = pickle.Pickler(_Hashing(digest), protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True
        pickler.dispatch_table = self._reducers[exclude]
        pickler.dump(value)
        return digest.digest()

    def _by_digest(self, value: Any) -> tuple[type[bytes], tuple[bytes]]:
        """A record many views hold, pickled as its digest: worked out once per build (the
        record kept with it, so that its ``id`` is not another's)."""
        return bytes, (self.shared_digest(value),)

    def shared_digest(self, record: Any) -> bytes:
        """The digest a shared record (one of ``SHARED``) stands in a view's pickle by."""
        kept = self._digests.get(id(record))
        if kept is None:
            kept = self._digests[id(record)] = (record, self._digest(record, exclude=type(record)))
        return kept[1]

    def learn_shared(self, records: Sequence[Any], digests: Sequence[bytes]) -> None:
        """Take the digests of shared records worked out elsewhere (``shared_digest`` of
        each, in a process forked from this one, where the records are the same)."""
        for record, digest in zip(records, digests, strict=True):
            self._digests[id(record)] = (record, digest)

    def files(self, path: str, key: bytes) -> dict[str, str] | None:
        """The files of the page at ``path`` rendered with ``key``, by path; ``None`` if
        there is no such entry."""
        try:
            kept = self._entry(path).read_bytes()
            if kept[: len(key)] == key:
                files: dict[str, str] = pickle.loads(kept[len(key) :])
                self.reused += 1
                return files
        except Exception:  # missing, unreadable or not a pickle: rendered again
            pass
        return None

    def keep(self, path: str, key: bytes, files: dict[str, str]) -> None:
        """Write the entry of the page at ``path`` (``kept.write_whole``)."""
        write_whole(self._entry(path), key + pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self, paths: Iterable[str]) -> int:
        """Remove every entry but those of the pages at ``paths`` (this build's), and any
        file a stopped build left half-written; return how many files. A page renamed or
        removed from the archive would otherwise keep its entry for ever."""
        wanted = {self._entry(path) for path in paths}
        return remove_unused(self.folder, lambda entry: entry in wanted)

    def _entry(self, path: str) -> Path:
        return self.folder / f"{path}.pickle"


class _Reducers(dict[type, Callable[[Any], Any]]):
    """How a key pickles each type that is not Python's own (a dictionary the pickler
    looks types up in, filled as it meets them): a dataclass as its type and the values
    of its fields, anything else as usual. Pickled the usual way, each record was its
    type's constructor, then a dictionary with the name of each field, every time (a
    key's pickle keeps no memo): every view's key at 4x the base took 2.97 s of CPU, 2.57 s
    this way. A key is only hashed, never read back, so nothing needs to make a record
    again from it."""

    def __missing__(self, kind: type) -> Callable[[Any], Any]:
        if issubclass(kind, type):
            raise KeyError(kind)  # a class: pickled by name, as usual
        reducer = _by_fields(kind) if dataclasses.is_dataclass(kind) else _AS_USUAL
        self[kind] = reducer
        return reducer


_AS_USUAL = operator.methodcaller("__reduce_ex__", pickle.HIGHEST_PROTOCOL)


def _by_fields(kind: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    names = [field.name for field in dataclasses.fields(kind)]

    def reduced(record: Any) -> tuple[type, tuple[Any, ...]]:
        return kind, tuple([getattr(record, name) for name in names])

    return reduced


class _Hashing:
    """A file that hashes what is written to it."""

    def __init__(self, digest: Any) -> None:
        self.write = digest.update


_CODE = _code_key()
