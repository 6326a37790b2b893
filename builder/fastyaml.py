"""A fast path for reading the content's YAML, giving what ruamel's round-trip loader gives.

ruamel parses in pure Python, and a council's archive has thousands of YAML files: on a
synthetic archive of 200 meetings its parsing was most of the load stage. libyaml,
PyYAML's C parser, composes the same documents several times faster. Here libyaml
composes, and the values are made as ruamel makes them: each scalar resolved by ruamel's
YAML 1.2 resolver table and built by the loader's own constructor (text, which that
constructor gives as it is, is taken as it is), mappings and lists as
``CommentedMap``/``CommentedSeq`` carrying the line and column of every key and item.
Anything out of the ordinary gives ``None`` and the caller reads the file with ruamel,
whose messages are the ones officers see: a syntax error, an explicit tag, an anchor or
alias, a duplicate key, a directive, a tab or an unusual block-scalar header (on which
the two parsers differ), a character ruamel refuses, a value its constructor refuses.
``tests/test_fastyaml.py`` holds both paths to the same result on every content file of
the repository and on generated text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode as RuamelScalar
from ruamel.yaml.reader import Reader
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

_IMPLICIT = "!archive-implicit"  # what the composer gets for a node with no tag of its own
_STR = "tag:yaml.org,2002:str"
_NOT_DATA = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})
# ruamel's YAML 1.2 table of implicit tags: for a plain scalar's first character, the
# patterns to try in order (a scalar matching none is text).
_IMPLICIT_TAGS: dict[str, list[tuple[str, re.Pattern[str]]]] = VersionedResolver(
    version=None
).versioned_resolver
# One ruamel tag for each, shared by the scalars given it: a tag works out its name anew
# in each node made with the name alone.
_RUAMEL_TAGS = {
    tag: Tag(suffix=tag)
    for tag in [_STR, *(tag for tags in _IMPLICIT_TAGS.values() for tag, _ in tags)]
}
# A directive, or what may start an anchor, an alias or a tag (the parsers differ on
# which characters their names may hold).
# A block scalar's header: '|' or '>', its indicators, then only spaces or a comment.
_BLOCK = re.compile(r"(?:^|[ :-])[|>]", re.MULTILINE)
_BLOCK_HEADER = re.compile(r"[-+1-9]{0,2} *(?: #.*)?$", re.MULTILINE)
_UNUSUAL = re.compile(r"^%|(?:^|[\s\[\]{},:?-])[&*!]\S", re.MULTILINE)


class _Irregular(Exception):
    """The document holds something only ruamel reads as the builder expects."""


class _Composer(yaml.CSafeLoader):
    """libyaml's composer, leaving every untagged node's tag to be resolved here."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _IMPLICIT


def load(text: str, ruamel: YAML) -> Any:
    """The document ``text`` as ``ruamel.load`` would give it, or ``None`` when only ruamel
    can say (an irregular document, including every one that is not valid YAML).

    ``None`` is also what an empty document gives: the caller, reading with ruamel then,
    gets the same ``None``."""
    if "\t" in text or _UNUSUAL.search(text) or Reader.NON_PRINTABLE.search(text):
        return None
    if any(not _BLOCK_HEADER.match(text, start.end()) for start in _BLOCK.finditer(text)):
        return None
    try:
        loader = _Composer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return None  # empty, or a lone scalar: no content file is either
        return _Builder(ruamel).value(node)
    except Exception:  # whatever it is, ruamel reads the file and says what it means
        return None


class _Builder:
    def __init__(self, ruamel: YAML):
        self.constructor = ruamel.constructor
        self.seen: set[int] = set()

    def value(self, node: yaml.Node) -> Any:
        if id(node) in self.seen or node.tag != _IMPLICIT:
            raise _Irregular  # an alias, or an explicit tag
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        raise _Irregular

    def mapping(self, node: yaml.MappingNode) -> CommentedMap:
        data = CommentedMap()
        where = data.lc
        where.line, where.col = node.start_mark.line, node.start_mark.column
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Irregular
            key = self.value(key_node)
            if not isinstance(key, str) or key in data:
                raise _Irregular  # a key that is no text (a merge '<<' too) or one twice
            data[key] = self.value(value_node)
            where.add_kv_line_col(
                key,
                [
                    key_node.start_mark.line,
                    key_node.start_mark.column,
                    value_node.start_mark.line,
                    value_node.start_mark.column,
                ],
            )
        return data

    def sequence(self, node: yaml.SequenceNode) -> CommentedSeq:
        data = CommentedSeq()
        where = data.lc
        where.line, where.col = node.start_mark.line, node.start_mark.column
        for index, child in enumerate(node.value):
            data.append(self.value(child))
            where.add_idx_line_col(index, [child.start_mark.line, child.start_mark.column])
        return data

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """The scalar's value as ruamel's round-trip loader makes it. Text other than a
        '|' or '>' block is the scalar's own string there (no anchor can stand here, and
        quotes are not preserved), so it is taken as it is: most scalars are text, and
        ruamel's constructor was most of the time a file took."""
        style = node.style or None  # libyaml's style of a plain scalar is ''; ruamel's None
        tag = _STR if style else implicit_tag(node.value)
        if tag == _STR and style != "|" and style != ">":
            return node.value
        if tag in _NOT_DATA:
            raise _Irregular
        twin = RuamelScalar(_RUAMEL_TAGS[tag], node.value, style=style)
        return self.constructor.construct_object(twin, deep=True)


def implicit_tag(value: str) -> str:
    """The tag ruamel's YAML 1.2 resolver gives the plain scalar ``value``: what
    ``VersionedResolver.resolve`` gives, read from its table once rather than looking up
    the YAML version again for every scalar."""
    for tag, pattern in _IMPLICIT_TAGS.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR
