"""Rules of the Markdown authors write (minutes, summaries, report bodies, definitions).

Every link and image in such text must lead somewhere the build can vouch for: a full
web address. A relative link would be resolved by the site generator against pages the
author never wrote, and fail the build with a message about generated files; it is
refused here instead, with the file, line and field. Records of this archive are linked
through the fields made for them (``approves``, ``fulfilled_by``, ``indicators``,
``related``), which the build links itself.

Nor may such text hold HTML: an unclosed ``<div>`` or ``<!--`` in a minute would swallow
the rest of its page, anchors included. Markdown says all a transcription needs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import GlossaryTerm, Meeting

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_EXTENSIONS = ["abbr", "attr_list", "def_list", "tables", "md_in_html", "admonition"]


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.targets.append(value)


def link_targets(text: str) -> list[str]:
    """The targets of the links and images Markdown makes of ``text``."""
    parser = _Targets()
    parser.feed(markdown.markdown(text, extensions=_EXTENSIONS))
    return parser.targets


def unsafe_targets(text: str) -> list[str]:
    """Targets that are not full web addresses (or mail and telephone links)."""
    return [t for t in link_targets(text) if urlsplit(t).scheme not in ALLOWED_SCHEMES]


# An HTML tag, comment, declaration or processing instruction, or what a browser's parser
# takes for the start of one ('<!' and '</' followed by anything start a hidden comment that
# runs to the next '>'). '<5' and autolinks such as '<https://example.org>' are not tags.
_HTML = re.compile(r"<([A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^<>]*>|/[^<>]{0,38}>?|!|\?)")


def html_in(text: str) -> list[str]:
    """The HTML tags (and comments) in ``text``, as written."""
    return [match.group(0)[:40] for match in _HTML.finditer(text)]


def _problems(source: SourceFile, text: str | None, loc: tuple, line: int | None = None):
    if not text or ("](" not in text and "]:" not in text and "<" not in text):
        return
    tags = html_in(text)
    if tags:
        yield source.error(
            f"this text contains HTML ({', '.join(repr(tag) for tag in tags[:3])}): write it in "
            "Markdown instead (**bold**, '- ' for a list); a '<' that is not a tag, as in "
            "'<5 days', is fine, but '<!', '<?' and '</' are read as hidden markup: write "
            "'less than' or put a space after the '<'",
            loc,
            line=line,
        )
        return
    for target in unsafe_targets(text):
        yield source.error(
            f"a link in this text goes to {target!r}: write links as full web addresses "
            "starting https:// (a meeting, indicator or glossary term of this archive is "
            "linked through the fields made for it, such as approves, fulfilled_by, "
            "indicators or related)",
            loc,
            line=line,
        )


def check_meeting_text(source: SourceFile, meeting: Meeting) -> Iterator[ContentError]:
    for index, item in enumerate(meeting.items):
        loc = ("items", index)
        yield from _problems(source, item.summary, (*loc, "summary"))
        yield from _problems(source, item.minutes, (*loc, "minutes"))
        if item.report:
            yield from _problems(source, item.report.summary, (*loc, "report", "summary"))
            yield from _problems(source, item.report.detail, (*loc, "report", "detail"))


def check_term_text(source: SourceFile, term: GlossaryTerm) -> Iterator[ContentError]:
    yield from _problems(source, term.definition, ("definition",), line=source.body_line)
