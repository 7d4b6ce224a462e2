"""Split a Markdown file into validated front matter and a body, keeping line numbers."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from frontmatter.default_handlers import YAMLHandler

from sitegen.core.characters import without_forbidden
from sitegen.core.errors import ContentError
from sitegen.core.schema import SchemaReader
from sitegen.core.yamlsource import LocatedYaml, load_located
from sitegen.reading.markdown_bounds import costly_markup

T = TypeVar("T")
_HANDLER = YAMLHandler()


class SourceFile(msgspec.Struct, frozen=True):
    """A content file's text, its path as shown in messages, and where its body starts."""

    path: str
    meta: LocatedYaml
    body: str
    body_line: int


def split_source(path: str, text: str) -> tuple[SourceFile | None, list[ContentError]]:
    """Separate the YAML front matter from the Markdown body."""
    text = text.lstrip("\ufeff")
    if not _HANDLER.detect(text):
        return None, [
            ContentError(
                path,
                1,
                "this file has no front matter",
                "start it with a line '---', the keys such as 'title:', then '---'",
            )
        ]
    try:
        raw_meta, body = _HANDLER.split(text)
    except ValueError:
        return None, [ContentError(path, 1, "the front matter is not closed", "end it with a line of its own: '---'")]
    located, error = load_located(raw_meta, path)
    if error:
        return None, [error]
    assert located is not None
    body_line = text[: len(text) - len(body)].count("\n") + 1
    body = without_forbidden(body)  # what Markdown will read, so the bounds are measured on it
    costly = costly_markup(body)
    if costly:
        line = body_line + body.count("\n", 0, costly.offset)
        return None, [ContentError(path, line, costly.message, costly.hint)]
    return SourceFile(path, located, body, body_line), []


def read_meta(source: SourceFile, cls: type[T]) -> tuple[T | None, SchemaReader]:
    """Validate the front matter against a dataclass schema."""
    reader = SchemaReader(source.meta, source.path)
    if not isinstance(source.meta.data, dict):
        reader.error((), "the front matter should be a list of 'key: value' lines")
        return None, reader
    return reader.read(cls, source.meta.data), reader


def meta_line(source: SourceFile, key: str) -> int:
    return source.meta.line_of((key,))


def raw(source: SourceFile, key: str) -> Any:
    data = source.meta.data
    return data.get(key) if isinstance(data, dict) else None
