"""Accessibility rules of the text authors write (WCAG 2.2 AA), and of the site's language.

The fields written in Markdown (an item's ``summary`` and ``minutes``, a report's
``summary`` and ``detail``, a glossary term's definition) are laid into pages the builder
writes, under headings it places. In them:

- headings continue the page's outline: never a level-1 heading (the page's title is its
  only one) and no level skipped, starting at the level ``MARKDOWN_FIELDS`` gives the
  field (a glossary definition sits under the term's level-1 title, so its first heading
  is level 2; minutes sit under the item's "Minutes" heading, level 3, so theirs is 4);
- a link's text says where it leads on its own: not "here", "PDF" or "read more";
- an image has alternative text;
- a table has a caption, a ``/// table-caption`` block right after it (its header row is
  part of every Markdown table; an HTML table is refused as HTML by ``text``);
- an abbreviation written in capitals (``SCC``, ``UHAs``) is explained: given to a
  glossary term (``abbreviations``), listed in ``abbreviations`` of ``site_config/site.yml``
  with its expansion, or written out on its first use in the text, as in "Not in
  Education, Employment or Training (NEET)". Words with a digit or joined to one by a
  hyphen (indicator codes such as ``LAC1`` and ``CP3-QL``, ``S47``), roman numerals of I,
  V and X, the file formats and units in ``NOT_ABBREVIATIONS`` and phrases written
  wholly in capitals (three or more words, "COUNCILLOR KEOGH IN THE CHAIR") are not
  abbreviations.

Every page is in British English (``<html lang="en-GB">``, set by ``mkdocs_markup``): the
builder writes the pages' headings, labels and dates in it, so the site's ``language``
can only be ``en-GB``.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from builder.accessibility import LANGUAGE
from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import GlossaryTerm, Meeting, SiteConfig
from builder.validate.text import html_in

# The fields written in Markdown, and the heading level their first heading must have:
# one below the heading the page template places them under.
MARKDOWN_FIELDS = {
    "summary": 3,  # an item's summary, under the item's level-2 heading
    "minutes": 4,  # under the item's "Minutes", level 3
    "report.summary": 3,  # a report's, within the item (after its level-3 sections, if any)
    "report.detail": 3,
    "definition": 2,  # a glossary term's, under the term's level-1 title
}

# Link text that says nothing of where the link leads, once lower-cased and stripped of
# punctuation.
VAGUE_LINK_TEXT = frozenset(
    {
        "here",
        "click here",
        "click",
        "link",
        "this link",
        "this",
        "this page",
        "page",
        "more",
        "read more",
        "more information",
        "further information",
        "information",
        "details",
        "pdf",
        "document",
        "download",
        "website",
        "web page",
        "see here",
        "go",
    }
)
LINK_ADVICE = "name what the link leads to, e.g. 'Minutes of 22 March 2018 (PDF)'"

# Written in capitals, read as they are: file formats and units the pages themselves use,
# and the words minutes print in capitals.
NOT_ABBREVIATIONS = frozenset(
    {"PDF", "CSV", "XLSX", "XLS", "DOC", "DOCX", "ODS", "ODT", "JSON", "HTML", "XML", "KB", "MB"}
    | {"GB", "NOTE", "NOTED", "RESOLVED", "AGREED"}
)

# Small words an expansion may leave out of its initials ("Not in Education, Employment
# or Training" is NEET).
_SMALL_WORDS = frozenset({"and", "of", "the", "for", "in", "to", "on", "or", "with", "a", "an"})
_SMALL_WORDS_AND = _SMALL_WORDS | {"&", "at", "by"}

# '#' at a line's start, or in a list entry's text (indented by four spaces a level).
_ATX_HEADING = re.compile(r"^(?: {4})*(#{1,6})(?!#)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+) *$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CAPTION_OPENS = re.compile(r"^\s*/{3,}\s*table-caption\s*$")
_BLOCK_CLOSES = re.compile(r"^\s*/{3,}\s*$")
_ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")
# A word in capitals: two or more capitals, perhaps a plural 's', not part of a code
# (no letter or digit around it, no hyphen joining it to a digit or capital, as in CP3-QL
# or COVID-19) nor of a name such as O'NEILL.
_ABBREVIATION = re.compile(r"(?<![\w'’])(?<![\dA-Z]-)([A-Z]{2,})(s?)(?!\w)(?!-[\dA-Z])")
_CAPITAL_WORD = re.compile(r"[A-Z][A-Z'’\-]*")
_NOT_PROSE = re.compile(
    r"`[^`]*`"  # inline code
    r"|\]\([^)]*\)"  # a link's target
    r"|<[^>\s]+>"  # an autolink
    r"|https?://\S+|\S+@\S+"  # a bare web or mail address
    r"|^\s*\[[^\]]+\]:.*$",  # a link reference definition
    re.MULTILINE,
)


@dataclass(frozen=True)
class AuthoredText:
    """One text written in Markdown: where it stands, and under which heading."""

    source: SourceFile
    loc: tuple[str | int, ...]
    text: str
    line: int  # the line of the file its first line stands on
    by_line: bool  # whether its lines are the file's lines (a '|' block, a glossary body)
    top: int  # the level its first heading must have
    name: str  # the field as MARKDOWN_FIELDS names it

    def error(self, message: str, offset: int = 0) -> ContentError:
        line = self.line + offset if self.by_line else self.line
        return self.source.error(message, self.loc, line=line)


def meeting_texts(source: SourceFile, meeting: Meeting) -> Iterator[AuthoredText]:
    """The Markdown fields of a meeting's items, as written in its file."""
    for index in range(len(meeting.items)):
        for name in ("summary", "minutes", "report.summary", "report.detail"):
            loc: tuple[str | int, ...] = ("items", index, *name.split("."))
            found = _yaml_text(source, loc)
            if found is not None:
                text, line, by_line = found
                yield AuthoredText(source, loc, text, line, by_line, MARKDOWN_FIELDS[name], name)


def term_text(source: SourceFile, term: GlossaryTerm) -> AuthoredText:
    """A glossary term's definition, the body of its file."""
    text = source.body if source.body is not None else term.definition
    line = source.body_line or source.first_line
    return AuthoredText(source, ("definition",), text, line, True, 2, "definition")


def _yaml_text(source: SourceFile, loc: tuple[str | int, ...]) -> tuple[str, int, bool] | None:
    """The text at ``loc`` as written, the line it starts on and whether its lines are
    the file's (a literal '|' block); None where there is no text there."""
    node, parent = source.data, None
    for part in loc:
        parent = node
        in_map = isinstance(node, CommentedMap) and part in node
        in_list = isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node)
        if not (in_map or in_list):
            return None
        node = node[part]
    if not isinstance(node, str) or not isinstance(parent, CommentedMap):
        return None
    value_line = parent.lc.value(loc[-1])[0]
    if isinstance(node, LiteralScalarString):
        return str(node), source.first_line + value_line + 1, True
    return str(node), source.first_line + value_line, False


# --------------------------------------------------------------------------- the rules


def check_text(text: AuthoredText, abbreviations: Iterable[str]) -> Iterator[ContentError]:
    """Every accessibility problem of one authored text."""
    lines = text.text.split("\n")
    prose = _prose(lines)
    yield from _headings(text, lines, prose)
    yield from _tables(text, lines, prose)
    if _may_link(text.text) and not html_in(text.text):  # HTML is refused by ``text``
        yield from _links_and_images(text, lines)
    yield from _abbreviations(text, lines, prose, set(abbreviations))


def _prose(lines: list[str]) -> list[bool]:
    """For each line, whether it is Markdown rather than a fenced block of code."""
    prose, fenced = [], False
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            prose.append(False)
        else:
            prose.append(not fenced)
    return prose


def _blank(lines: list[str], index: int) -> bool:
    return index < 0 or not lines[index].strip()


def _headings(text: AuthoredText, lines: list[str], prose: list[bool]) -> Iterator[ContentError]:
    above = text.top - 1
    marks = "#" * text.top
    previous = above  # the level of the heading before, as it should be
    for index, line in enumerate(lines):
        if not prose[index]:
            continue
        level = _heading_level(lines, index)
        if level is None:
            continue
        # Each heading is judged as if those before it were put right: one message a fault.
        should_be = min(max(level, text.top), previous + 1)
        at = index if _ATX_HEADING.match(line) else index - 1
        written = lines[at].strip()[:40]
        if level == 1:
            yield text.error(
                f"this line is a level-1 heading ({written!r}): a page's title is its only "
                f"level-1 heading; a heading in this text is at level {text.top} ({marks} "
                "Heading) or below, and a line that is not a heading must not start with '#' "
                "(write 'No. 3' or '\\#3') nor be underlined with '='",
                at,
            )
        elif level < text.top:
            yield text.error(
                f"this heading ({written!r}) is at level {level}, above the page's own "
                f"level-{above} heading it sits under: a heading in this text is at level "
                f"{text.top} or below ({marks} Heading)",
                at,
            )
        elif level > previous + 1:
            before = (
                f"the page's own level-{above} heading it sits under"
                if previous == above
                else f"the level-{previous} heading before it"
            )
            yield text.error(
                f"this heading ({written!r}) is at level {level}, skipping a level below "
                f"{before}: headings go down one level at a time, so this one is at level "
                f"{previous + 1} ({'#' * (previous + 1)} Heading)",
                at,
            )
        previous = should_be


def _heading_level(lines: list[str], index: int) -> int | None:
    """The level of the heading on line ``index`` (or underlined by it), as Python-Markdown
    reads it: '#' at a line's start makes a heading, and so does a line of '=' or '-'
    under the first line of a paragraph."""
    line = lines[index]
    atx = _ATX_HEADING.match(line)
    if atx:
        return len(atx.group(1))
    underline = _SETEXT_UNDERLINE.match(line)
    if underline and not _blank(lines, index - 1) and _blank(lines, index - 2):
        return 1 if underline.group(1).startswith("=") else 2
    return None


def _tables(text: AuthoredText, lines: list[str], prose: list[bool]) -> Iterator[ContentError]:
    index = 0
    while index < len(lines) - 1:
        starts = (
            prose[index]
            and _blank(lines, index - 1)
            and _table_starts(lines[index], lines[index + 1])
        )
        if not starts:
            index += 1
            continue
        end = index
        while end < len(lines) and not _blank(lines, end) and not _CAPTION_OPENS.match(lines[end]):
            end += 1
        after = end
        while after < len(lines) and _blank(lines, after):
            after += 1
        if after >= len(lines) or not _CAPTION_OPENS.match(lines[after]):
            yield text.error(
                "this table has no caption: write one on the lines right after it, as "
                "'/// table-caption', a line saying what the table shows, then '///' (see "
                "the guide, Writing accessible text)",
                index,
            )
        elif not _caption_closed_with_text(lines, after):
            yield text.error(
                "this table's caption has no text or is not closed: after '/// "
                "table-caption' write a line saying what the table shows, then a line '///'",
                after,
            )
        index = end


def _cells(row: str) -> list[str]:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return re.split(r"(?<!\\)\|", row)


def _table_starts(header: str, separator: str) -> bool:
    """Whether a paragraph starting with these two lines is a table, as Python-Markdown's
    ``tables`` reads it: a separator row of '-', ':' and '|' with as many cells as the
    header (a table of one column has its header between pipes)."""
    if "|" not in header + separator or not _TABLE_SEPARATOR.match(separator):
        return False
    columns = _cells(header)
    bordered = header.strip().startswith("|") or header.strip().endswith("|")
    return (len(columns) > 1 or bordered) and len(_cells(separator)) == len(columns)


def _caption_closed_with_text(lines: list[str], opens: int) -> bool:
    words = False
    for line in lines[opens + 1 :]:
        if _BLOCK_CLOSES.match(line):
            return words
        words = words or bool(line.strip())
    return False


class _LinksAndImages(HTMLParser):
    """The links (target and text) and images (source and alternative text) of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.images: list[tuple[str, str]] = []
        self._open: list[list[str]] = []
        self._href: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a":
            self._open.append([])
            self._href.append(values.get("href", ""))
        elif tag == "img":
            alt = values.get("alt", "")
            self.images.append((values.get("src", ""), alt))
            for words in self._open:
                words.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self.links.append((self._href.pop(), "".join(self._open.pop())))

    def handle_data(self, data: str) -> None:
        for words in self._open:
            words.append(data)


def _may_link(text: str) -> bool:
    """Whether Markdown can make a link or an image of ``text``: each is written with '['
    (an inline or reference link, an image) or '<' (an autolink, HTML). Most texts have
    neither, and converting them was most of the time validation took."""
    return "[" in text or "<" in text


@functools.cache
def _converter() -> markdown.Markdown:
    """One converter, reset before each text: making one a text cost more than converting."""
    return markdown.Markdown(extensions=["tables", "attr_list", "def_list"])


def _html_of(text: str) -> str:
    """``text`` as HTML, as ``markdown.markdown`` gives it (a text's reference links are
    forgotten before the next)."""
    return _converter().reset().convert(text)


def _links_and_images(text: AuthoredText, lines: list[str]) -> Iterator[ContentError]:
    parser = _LinksAndImages()
    parser.feed(_html_of(text.text))
    for target, words in parser.links:
        said = " ".join(words.split())
        bare = " ".join(said.lower().translate(str.maketrans("", "", string.punctuation)).split())
        if not bare:
            problem = "has no text"
        elif bare in VAGUE_LINK_TEXT:
            problem = f"says only {said!r}"
        else:
            continue
        yield text.error(
            f"a link to {target} {problem}, which tells a reader who hears the page's links "
            f"read out nothing of where it leads: {LINK_ADVICE}",
            _line_holding(lines, target),
        )
    for source, alt in parser.images:
        if not alt.strip():
            yield text.error(
                f"the image {source} has no alternative text: write what it shows between "
                "the brackets, ![A bar chart of referrals by month](https://...); a picture "
                "that adds nothing to the text is better left out",
                _line_holding(lines, source),
            )


def _line_holding(lines: list[str], needle: str) -> int:
    return next((index for index, line in enumerate(lines) if needle in line), 0)


# --------------------------------------------------------------------------- abbreviations


def _abbreviations(
    text: AuthoredText, lines: list[str], prose: list[bool], known: set[str]
) -> Iterator[ContentError]:
    seen: set[str] = set()
    for index, line in enumerate(lines):
        if not prose[index] or _CAPTION_OPENS.match(line):
            continue
        plain = _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)
        shouted: list[tuple[int, int]] | None = None  # found for the first word judged
        for match in _ABBREVIATION.finditer(plain):
            word = match.group(1)
            if word in seen or word in known or not _is_abbreviation(word):
                continue
            shouted = _shouted_spans(plain) if shouted is None else shouted
            if any(start <= match.start() < end for start, end in shouted):
                continue
            seen.add(word)
            before = "\n".join([*lines[:index], plain[: match.start()]])
            after = plain[match.end() :]
            if _expanded_before(before, word) or _expanded_after(after, word):
                continue
            yield text.error(
                f"the abbreviation {match.group(0)!r} is not explained: write it out where it "
                "is first used, as in 'Not in Education, Employment or Training (NEET)'; or "
                f"give it to the glossary term it abbreviates (abbreviations: [{word}]); or "
                "add it with its expansion to abbreviations in site_config/site.yml (a word "
                "in capitals for emphasis is written in small letters, in **bold** if need be)",
                index,
            )


def _is_abbreviation(word: str) -> bool:
    return word not in NOT_ABBREVIATIONS and not _ROMAN.fullmatch(word)


def _shouted_spans(line: str) -> list[tuple[int, int]]:
    """Where the line has three or more words in a row written wholly in capitals."""
    words = [
        (m.start(), m.end(), bool(_CAPITAL_WORD.fullmatch(m.group(0).strip(".,;:!?()\"'“”‘’"))))
        for m in re.finditer(r"\S+", line)
    ]
    spans, run = [], []
    for start, end, capital in [*words, (len(line), len(line), False)]:
        if capital:
            run.append((start, end))
            continue
        if len(run) >= 3:
            spans.append((run[0][0], run[-1][1]))
        run = []
    return spans


def _words(text: str) -> list[str]:
    words = []
    for raw in re.split(r"[\s\-/]+", text):
        word = re.sub(r"['’]s$", "", raw.strip(string.punctuation + "“”‘’"))
        if word and not word.isdigit():  # "Children Act 1989 (CA)"
            words.append(word)
    return words


def _spells(words: list[str], letters: str) -> bool:
    """Whether the initials of ``words``, each used (small words may be passed over),
    spell ``letters``."""
    if not words:
        return not letters
    first, rest = words[0], words[1:]
    if letters and first[0].upper() == letters[0] and _spells(rest, letters[1:]):
        return True
    return first.lower() in _SMALL_WORDS_AND and _spells(rest, letters)


def _expanded_before(before: str, word: str) -> bool:
    """'Southampton City Council (SCC)': the words before the bracket spell it."""
    stripped = before.rstrip()
    if not stripped.endswith("("):
        return False
    words = _words(stripped[:-1])[-3 * len(word) :]
    return any(
        _spells(words[start:], word)
        for start in range(len(words))
        if words[start].lower() not in _SMALL_WORDS_AND
    )


def _expanded_after(after: str, word: str) -> bool:
    """'SCC (Southampton City Council)': the words in the bracket spell it."""
    bracket = re.match(r"s?\s*\(([^)]*)\)", after)
    return bracket is not None and _spells(_words(bracket.group(1)), word)


# --------------------------------------------------------------------------- the site


def check_site(
    source: SourceFile | None, site: SiteConfig | None, glossary: dict[str, str]
) -> Iterator[ContentError]:
    """The site's language, and its list of abbreviations (``glossary`` maps each
    abbreviation a glossary term gives to that term's slug)."""
    if source is None or site is None:
        return
    if site.language != LANGUAGE:
        yield source.error(
            f"the language must be {LANGUAGE} (or left out): the builder writes every page's "
            "headings, labels and dates in British English, and every page says so to "
            f'browsers and screen readers (lang="{LANGUAGE}")',
            ("language",),
        )
    for abbreviation, expansion in site.abbreviations.items():
        loc = ("abbreviations", abbreviation)
        if not re.fullmatch(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*", abbreviation):
            yield source.error(
                f"{abbreviation!r} is not an abbreviation: expected one written with two or "
                "more capital letters and no spaces or digits, e.g. NHS or DfE",
                loc,
            )
        elif abbreviation in glossary:
            yield source.error(
                f"the abbreviation {abbreviation!r} is given to the glossary term "
                f"{glossary[abbreviation]!r}, which explains it: remove it here",
                loc,
            )
        elif re.sub(r"[^A-Za-z]", "", expansion).upper() == abbreviation.upper():
            yield source.error(
                f"the expansion of {abbreviation!r} repeats it: write what it stands for, "
                "e.g. NHS: National Health Service",
                loc,
            )
