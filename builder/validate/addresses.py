"""Rules of the names records give the site's addresses: no record takes a name that
``builder.urls`` keeps for a section's own page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from builder import urls
from builder.errors import ContentError
from builder.load import SourceFile


def check_reserved(
    named: Iterable[tuple[SourceFile, str, tuple[str | int, ...], str]],
) -> Iterator[ContentError]:
    """``named`` holds (file, name, field, what the name is of) for every slug and id."""
    for source, name, loc, what in named:
        if not name:
            yield source.error(
                f"this cannot name a page of the site: {_article(what)} {what}'s name in web "
                "addresses is made of the letters and digits of its code, title or id, and "
                "this has none",
                loc,
            )
        elif name in urls.RESERVED_SLUGS:
            yield source.error(
                f"{name!r} is the name of the {what} section's own page, so no {what} can "
                "take it: change the code, title or id",
                loc,
            )


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"
