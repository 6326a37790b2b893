"""How to cite a page of the archive: plain text, BibTeX and CSL-JSON.

A citation names the council as author and publisher, the archive as the container, the
edition (the archive's date) and the page's permanent address: under the edition's own
root (``<site_url>/<edition>/``) where the edition is published as a version. The date
the reader accessed the page cannot be known when the site is built, so each form
carries ``ACCESSED`` where it goes; the page's script puts the reader's date there, and
without JavaScript the reader sees where to write it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from builder import urls
from builder.model import Edition, SiteConfig
from builder.render.format import long_date
from builder.slugs import slugify

ACCESSED = "[date accessed]"

_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_{}"},
}
_BIBTEX_SPECIALS = re.compile("[" + re.escape("".join(_BIBTEX_ESCAPES)) + "]")


@dataclass(frozen=True)
class Citation:
    """One work in three forms, with what a reader needs to know about them."""

    text: str
    bibtex: str
    csl_json: str
    url: str | None  # None where the site has no public address set


def cite(
    site: SiteConfig, title: str, address: urls.Address, edition: Edition, kind: str = "dataset"
) -> Citation:
    """The citation of the page at ``address`` in ``edition``."""
    url = permanent_url(site, address, edition)
    day = edition.date
    return Citation(
        text=citation_text(site, title, url, day),
        bibtex=citation_bibtex(site, title, url, day, _key(site, address, day)),
        csl_json=citation_csl_json(site, title, url, day, _key(site, address, day), kind),
        url=url,
    )


def permanent_url(site: SiteConfig, address: urls.Address, edition: Edition) -> str | None:
    """Where the page stays as it is in this edition: its address under the edition where
    the edition is published as a version, else its address on the site, if it has one."""
    if not edition.site_url:
        return None
    if edition.versioned:
        return urls.permanent(address, edition.site_url, edition.name)
    return urls.absolute(address, edition.site_url)


def citation_text(site: SiteConfig, title: str, url: str | None, edition: dt.date) -> str:
    """'Southampton City Council (2018). LAC1: ... [Data set]. <archive>, edition of ...'."""
    where = f" {url} (accessed {ACCESSED})." if url else f" Accessed {ACCESSED}."
    return (
        f"{site.council} ({edition.year}). {title} [Data set]. {site.site_name}, "
        f"edition of {long_date(edition)}.{where}"
    )


def citation_bibtex(
    site: SiteConfig, title: str, url: str | None, edition: dt.date, key: str
) -> str:
    fields = [
        ("author", "{" + _bibtex(site.council) + "}"),
        ("title", "{" + _bibtex(title) + "}"),
        ("howpublished", _bibtex(site.site_name)),
        ("publisher", _bibtex(site.council)),
        ("year", str(edition.year)),
        ("edition", f"edition of {long_date(edition)}"),
    ]
    if url:
        fields.append(("url", url))
    fields.append(("urldate", ACCESSED))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}"


def citation_csl_json(
    site: SiteConfig, title: str, url: str | None, edition: dt.date, key: str, kind: str
) -> str:
    item: dict[str, object] = {
        "id": key,
        "type": kind,
        "title": title,
        "author": [{"literal": site.council}],
        "publisher": site.council,
        "container-title": site.site_name,
        "version": f"edition of {long_date(edition)}",
        "issued": {"date-parts": [[edition.year, edition.month, edition.day]]},
    }
    if url:
        item["URL"] = url
    item["accessed"] = {"raw": ACCESSED}
    return _compact_lists(json.dumps([item], indent=2, ensure_ascii=False))


_INNERMOST_LIST = re.compile(r"\[\s*([^\[\]{}]*?)\s*\]")


def _compact_lists(text: str) -> str:
    """Indented JSON with lists of plain values, and lists of those, on one line."""
    for _ in range(2):
        text = _INNERMOST_LIST.sub(
            lambda match: "[" + re.sub(r",\s+", ", ", match.group(1)) + "]", text
        )
    return text


def _key(site: SiteConfig, address: urls.Address, edition: dt.date) -> str:
    """A citation key no other page of the edition shares: council, page, edition date."""
    page = slugify(address.web_path.strip("/").replace("/", " ")) or "home"
    return f"{slugify(site.council)}-{page}-{edition.isoformat()}"


def _bibtex(text: str) -> str:
    """Text with the characters BibTeX treats as commands escaped."""
    return _BIBTEX_SPECIALS.sub(lambda match: _BIBTEX_ESCAPES[match.group()], text)


@dataclass(frozen=True)
class CitationBlock:
    """One form of a citation as a page shows it."""

    form: str  # one of urls.CITATION_FORMS
    label: str
    copy_label: str
    block_id: str
    text: str


_FORM_LABELS = {"text": "Plain text", "bibtex": "BibTeX", "csl-json": "CSL-JSON"}


def citation_blocks(citation: Citation) -> list[CitationBlock]:
    texts = {"text": citation.text, "bibtex": citation.bibtex, "csl-json": citation.csl_json}
    return [
        CitationBlock(
            form=form,
            label=_FORM_LABELS[form],
            copy_label=f"Copy {_FORM_LABELS[form].replace('Plain', 'plain')}",
            block_id=urls.citation_block_id(form),
            text=texts[form],
        )
        for form in urls.CITATION_FORMS
    ]


@dataclass(frozen=True)
class CiteView:
    """The 'Cite this' section of a page."""

    what: str  # what the page is, in words: 'indicator', 'meeting'
    anchor: str
    citation: Citation
    blocks: list[CitationBlock]


def cite_view(
    site: SiteConfig, title: str, address: urls.Address, edition: Edition, what: str
) -> CiteView:
    citation = cite(site, title, address, edition)
    return CiteView(
        what=what,
        anchor=urls.citation_anchor(),
        citation=citation,
        blocks=citation_blocks(citation),
    )
