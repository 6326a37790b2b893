"""Cross-references in page text: glossary abbreviations and indicator codes.

Every abbreviation the glossary defines is marked up wherever it appears (Markdown
``*[LAC]: Looked After Child`` definitions, which Python-Markdown's ``abbr`` extension
turns into ``<abbr title="…">``), and its first occurrence on a page links to its
glossary entry. The abbreviations of the site's settings (``abbreviations`` in
``site_config/site.yml``) are marked up too; they have no entry to link to. The first
mention of each indicator code links to the indicator's page. A mention on a line that
already links to the same page is left as it is: the glossary's "Child in Need (CiN)" is
one link, not two Tab stops to one page side by side.

Only prose is touched: front matter, headings, fenced code, raw HTML lines, existing
links, inline code, HTML tags and attribute lists are left exactly as they are.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from builder import urls
from builder.model import Archive, GlossaryTerm, Indicator

# Parts of a line that must not be changed: links and images (not escaped brackets),
# inline code, HTML tags, attribute lists, and backslash escapes.
_PROTECTED = re.compile(
    r"!?(?<!\\)\[(?:\\.|[^\]\\])*\]\([^)]*\)"
    r"|`[^`]*`"
    r"|<[^>]+>"
    r"|\{[:#.][^}]*\}"
    r"|\{ [^}]*\}"
    r"|\\."
)
# Where the links already on a line lead: ``[text](address)``.
_LINK_TARGET = re.compile(r"(?<!\\)\]\(([^)\s]*)\)")
_SKIPPED_LINE = re.compile(r"^\s*(#|<|!!!|\?\?\?|\*\[|[-*_]{3,}\s*$)")


@dataclass(frozen=True)
class Target:
    text: str
    address: urls.Address
    title: str


class Linker:
    """Adds glossary and indicator links to the Markdown of one page at a time."""

    def __init__(self, archive: Archive):
        self.abbreviations = {
            abbreviation: Target(abbreviation, urls.term(term.slug), term.term)
            for term in archive.glossary
            for abbreviation in term.abbreviations
        }
        self.codes = {
            indicator.code: Target(indicator.code, urls.indicator(indicator.slug), indicator.title)
            for indicator in archive.indicators
            if indicator.code
        }
        # The site's own list explains what no glossary term does (the check refuses an
        # abbreviation in both).
        self.expansions = {
            abbreviation: expansion
            for abbreviation, expansion in archive.site.abbreviations.items()
            if abbreviation not in self.abbreviations
        }
        targets = {**self.abbreviations, **self.codes}
        self._targets = targets
        # A target can only stand where its first word does, as a word of its own: most
        # lines hold none, and a set lookup is far quicker than the pattern of them all.
        firsts = [_WORD.match(text) for text in targets]
        self._first_words: set[str] | None = (
            {first.group(0) for first in firsts if first} if all(firsts) else None
        )
        ordered = sorted(targets, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![\w\-])(" + "|".join(re.escape(text) for text in ordered) + r")(?![\w\-])"
            )
            if ordered
            else None
        )

    @property
    def state(self) -> tuple[object, ...]:
        """All that decides how a text is linked: the targets and the expansions."""
        return (
            sorted(self.abbreviations.items()),
            sorted(self.codes.items()),
            sorted(self.expansions.items()),
        )

    def definitions(self) -> str:
        """The abbreviation definitions appended to every page, each a paragraph of its own.

        Python-Markdown's ``abbr`` reads one definition of a paragraph at a time and puts
        the rest back, which every block processor then tests again: the definitions of a
        glossary as one paragraph cost time as the square of their number (half the
        conversion time of the bundled archive's pages, for the same HTML)."""
        titles = {text: target.title for text, target in self.abbreviations.items()}
        return "\n".join(
            f"*[{text}]: {_definition_text(title)}\n"
            for text, title in sorted({**self.expansions, **titles}.items())
        )

    def link(self, markdown: str, page: urls.Address) -> str:
        """``markdown`` with the first mention of each abbreviation and code linked."""
        if self._pattern is None:
            return markdown
        linked: set[str] = {page.path}
        lines, in_fence, in_front_matter = [], False, False
        for index, line in enumerate(markdown.split("\n")):
            if index == 0 and line == "---":
                in_front_matter = True
            elif in_front_matter:
                in_front_matter = line != "---"
            elif line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            elif not in_fence and not _SKIPPED_LINE.match(line):
                line = self._link_line(line, page, linked)
            lines.append(line)
        return "\n".join(lines)

    def _link_line(self, line: str, page: urls.Address, linked: set[str]) -> str:
        pieces, position = [], 0
        on_line = set(_LINK_TARGET.findall(line))
        for protected in _PROTECTED.finditer(line):
            prose = line[position : protected.start()]
            pieces.append(self._link_prose(prose, page, linked, on_line))
            pieces.append(protected.group(0))
            position = protected.end()
        pieces.append(self._link_prose(line[position:], page, linked, on_line))
        return "".join(pieces)

    def _link_prose(
        self, text: str, page: urls.Address, linked: set[str], on_line: set[str]
    ) -> str:
        if self._pattern is None:
            return text
        if self._first_words is not None and self._first_words.isdisjoint(_WORD.findall(text)):
            return text

        def replace(match: re.Match) -> str:
            target = self._targets[match.group(1)]
            if target.address.path in linked or target.address.href_from(page) in on_line:
                return match.group(0)
            linked.add(target.address.path)
            return f"[{match.group(1)}]({target.address.href_from(page)})"

        return self._pattern.sub(replace, text)


# A word as the targets' pattern bounds one: a run of letters, digits, '_' and '-'.
_WORD = re.compile(r"[\w\-]+")


def _definition_text(title: str) -> str:
    return " ".join(title.split())


def indicators_using(term: GlossaryTerm, archive: Archive) -> list[Indicator]:
    """Indicators whose title names a term, or whose code or title uses its abbreviation."""
    return [indicator for indicator in archive.indicators if names_term(indicator, term)]


@dataclass(frozen=True)
class TermUse:
    """Which indicators use each glossary term (``indicators_using``), by the term's slug,
    and which terms each indicator names, by the indicator's slug, both in the archive's
    order: worked out once a build for the terms' pages and the indicators' (every term
    against every indicator: 200,000 pairs at 4x the base)."""

    indicators: dict[str, list[Indicator]]
    terms: dict[str, list[GlossaryTerm]]


def term_use(archive: Archive) -> TermUse:
    indicators = {term.slug: indicators_using(term, archive) for term in archive.glossary}
    terms: dict[str, list[GlossaryTerm]] = {i.slug: [] for i in archive.indicators}
    for term in archive.glossary:
        for indicator in indicators[term.slug]:
            terms[indicator.slug].append(term)
    return TermUse(indicators=indicators, terms=terms)


def names_term(indicator: Indicator, term: GlossaryTerm) -> bool:
    by_name, by_abbreviation = _term_patterns(term.term, tuple(term.abbreviations))
    title = indicator.title
    if _may_name(title, term.term) and by_name.search(title):
        return True
    if by_abbreviation is None:
        return False
    text = f"{indicator.code or ''} {title}"
    return any(a in text for a in term.abbreviations) and bool(by_abbreviation.search(text))


def _may_name(text: str, name: str) -> bool:
    """False only where ``text`` cannot name ``name`` in any case: a test of the text
    before its pattern's, which most pairs of indicator and term fail (at 4x the base,
    200,000 pairs took 0.3 s before the processes that render pages could start). Only
    for ASCII text: a Unicode letter may match another in a pattern ignoring case."""
    if text.isascii() and name.isascii():
        return name.lower() in text.lower()
    return True


@functools.cache
def _term_patterns(
    name: str, abbreviations: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """What finds a term by its name, and by its abbreviations if it has any: made once
    per term (the patterns of a large glossary outnumber ``re``'s own cache)."""
    by_name = re.compile(rf"(?<![\w\-]){re.escape(name)}s?(?![\w\-])", re.IGNORECASE)
    if not abbreviations:
        return by_name, None
    alternatives = "|".join(re.escape(a) for a in abbreviations)
    return by_name, re.compile(rf"(?<![\w\-])({alternatives})s?(?![\w\-])")
