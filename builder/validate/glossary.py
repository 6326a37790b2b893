"""Rules of glossary terms: file names, definitions, related terms, abbreviations."""

from __future__ import annotations

from collections.abc import Iterator

from builder.errors import ContentError
from builder.load import SourceFile
from builder.model import GlossaryTerm
from builder.validate.fields import did_you_mean


def check_glossary(terms: list[tuple[SourceFile, GlossaryTerm]]) -> Iterator[ContentError]:
    slugs = {term.slug for _, term in terms}
    abbreviations: dict[str, str] = {}
    for source, term in terms:
        if source.stem != term.slug:
            yield source.error(f"the file of this term must be named {term.slug}.md", ("term",))
        if not term.definition.strip():
            yield source.error(
                "the definition (below the front matter) is empty", line=source.body_line
            )
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
