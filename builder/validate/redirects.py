"""Rules of the redirect map, ``site_config/redirects.yml``: addresses that moved.

The file maps an old address to the page it moved to, one per line, both written as a
browser asks for them from the site's root::

    indicators/lac-1/: indicators/lac1/

The form of each entry is checked with the content; that the new address is a page of the
site, and the old one no longer is, is checked once the pages are known
(``resolve_redirects``), still before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from builder import urls
from builder.errors import ContentError
from builder.load import REDIRECTS, SourceFile
from builder.model import Redirect

# A path from the site's root to a page: segments of letters, digits, '.', '_' and '-',
# ending with '/' (pages are served as folders); the home page is not an old address.
_PAGE_PATH = re.compile(r"([A-Za-z0-9._-]+/)+")
_EXAMPLE = "written like indicators/lac1/ (from the site's root, ending with '/')"


def redirect_records(source: SourceFile | None, errors: list[ContentError]) -> list[Redirect]:
    """The entries of the redirect map whose form is right; the others are errors."""
    if source is None or source.data is None:
        return []
    if not isinstance(source.data, Mapping):
        errors.append(source.error("expected lines 'old address: new address'"))
        return []
    redirects = []
    for old, new in source.data.items():
        found = [
            source.error(f"{what}: expected an address {_EXAMPLE}, got {value!r}", (old,))
            for what, value in (("old address", old), ("new address", new))
            if not (
                isinstance(value, str) and _PAGE_PATH.fullmatch(value) and urls.is_inside(value)
            )
        ]
        if not found and old == new:
            found.append(source.error("the old and the new address are the same", (old,)))
        errors += found
        if not found:
            redirects.append(Redirect(old=old, new=new, line=source.line_of((old,))))
    targets = {redirect.old for redirect in redirects}
    for redirect in redirects:
        if redirect.new in targets:
            errors.append(_error(redirect, f"{redirect.new} is itself redirected: name its page"))
    return redirects


def resolve_redirects(
    redirects: Iterable[Redirect], pages: Iterable[urls.Address]
) -> tuple[dict[urls.Address, urls.Address], list[ContentError]]:
    """Each redirect as the page it replaces and the page it leads to, given the pages of
    the site; an entry leading nowhere, or hiding a page that exists, is an error."""
    by_path = {page.web_path: page for page in pages}
    resolved: dict[urls.Address, urls.Address] = {}
    errors = []
    for redirect in redirects:
        if redirect.old in by_path:
            errors.append(_error(redirect, f"{redirect.old} is a page of the site: it is there"))
        elif redirect.new not in by_path:
            errors.append(_error(redirect, f"{redirect.new} is not a page of the site"))
        else:
            resolved[urls.page_at(redirect.old)] = by_path[redirect.new]
    return resolved, errors


def _error(redirect: Redirect, message: str) -> ContentError:
    return ContentError(path=REDIRECTS, message=message, line=redirect.line, field=redirect.old)
