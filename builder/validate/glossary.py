"""Rules of glossary terms: file names, definitions, related terms, abbreviations."""

from __future__ import annotations

from collections.abc import Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import GlossaryTerm
from builder.validate.fields import did_you_mean


def check_glossary(
    terms: list[tuple[SourceFile, GlossaryTerm]], files: list[SourceFile]
) -> Iterator[ContentError]:
    """``files`` are every glossary file: a term whose own file has problems is still a
    term other terms may name as related."""
    slugs = {term.slug for _, term in terms} | {source.stem for source in files}
    abbreviations: dict[str, str] = {}
    for source, term in terms:
        if term.slug and source.stem != term.slug:
            yield source.error(f"the file of this term must be named {term.slug}.md", ("term",))
        for index, related in enumerate(term.related):
            if related not in slugs or related == term.slug:
                yield source.error(
                    f"no other glossary term has the slug {related!r}"
                    f"{did_you_mean(related, slugs)}",
                    ("related", index),
                )
        for index, abbreviation in enumerate(term.abbreviations):
            owner = abbreviations.setdefault(abbreviation, term.slug)
            if owner != term.slug:
                yield source.error(
                    f"the abbreviation {abbreviation!r} is already given to the term {owner!r}",
                    ("abbreviations", index),
                )
