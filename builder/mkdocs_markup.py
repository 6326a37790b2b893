"""MkDocs hook (every build): repairs to Material's markup that no template block reaches.

Material's ``base.html`` writes its hidden drawer and search toggles and the drawer's
overlay outside any block, and ``partials/nav-item.html`` writes the current page's
contents toggle inside a large macro; overriding either would mean copying it whole. So
the built page is repaired here, each repair a fixed string of the pinned Material
release, and ``tests/test_accessibility.py`` fails if one no longer matches:

- ``autocomplete`` is not allowed on a checkbox (HTML): dropped from the two toggles,
  which are given a name (never shown: a page without the header, an embed, has no
  label for them);
- the overlay is an empty label pointing at the hidden drawer toggle: it becomes a plain
  element that closes the drawer when clicked (``assets/toggles.js``), as the label did;
- the current page's "table of contents" label in the drawer points at a hidden toggle:
  it becomes a button that flips it (``assets/toggles.js``);
- the page's language is Material's ``en`` (it has no British English): it becomes
  ``en-GB``, the language the builder writes every page in (``validate/accessibility``).

Everything else about the theme's markup is changed by the overrides in ``builder/theme/``.

The hook also puts each chart back into its page's HTML: the render stage keeps the
charts' SVG out of the Markdown (``builder/render/inserts.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from builder.accessibility import LANGUAGE
from builder.render import inserts

REPAIRS = (
    ('<html lang="en" class="no-js">', f'<html lang="{LANGUAGE}" class="no-js">'),
    (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'aria-label="Menu">',
    ),
    (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
        'aria-label="Search">',
    ),
    (
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">',
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc" '
        'aria-label="Table of contents">',
    ),
    (
        '<label class="md-overlay" for="__drawer"></label>',
        '<div class="md-overlay" data-archive-close="__drawer"></div>',
    ),
)
# Only on the pages of the navigation (their contents open inside the drawer).
TOC_LABEL = ('<label class="md-nav__link md-nav__link--active" for="__toc">', "</label>")
TOC_BUTTON = (
    '<button type="button" class="md-nav__link md-nav__link--active archive-toc-toggle" '
    'data-archive-toggle="__toc" aria-expanded="false">',
    "</button>",
)


def repair(html: str) -> str:
    """The page with Material's out-of-reach faults repaired; a page without the theme's
    furniture (an embed) has none of them and is returned unchanged."""
    for fault, fixed in REPAIRS:
        html = html.replace(fault, fixed, 1)
    start = html.find(TOC_LABEL[0])
    if start != -1:
        end = html.index(TOC_LABEL[1], start)
        inner = html[start + len(TOC_LABEL[0]) : end]
        html = html[:start] + TOC_BUTTON[0] + inner + TOC_BUTTON[1] + html[end + len("</label>") :]
    return html


def on_post_page(output: str, **_: object) -> str:
    return repair(output)


def on_post_template(output_content: str, **_: object) -> str:
    """The page for an address not found (404.html) is a theme template of its own."""
    return repair(output_content)


def on_page_content(html: str, page: Any, config: Any, **_: object) -> str:
    """The page's HTML with its charts, read from the files beside its Markdown."""
    folder = Path(config["docs_dir"]) / Path(page.file.src_uri).parent
    return inserts.attach(html, lambda name: (folder / name).read_text(encoding="utf-8"))
