"""YAML loading that can say where every value came from, for located error messages.

Loading uses the fast libyaml parser; the line of each key is worked out only when an
error needs it, so valid content pays nothing for good messages.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitegen.core.characters import PASTED_HINT, describe, first_forbidden
from sitegen.core.errors import ContentError
from sitegen.core.yaml_loader import MAX_NESTING, Loader, UnreadableValue, deepest_line, too_deep

_Loader: Any = Loader

Key = tuple[str | int, ...]


class LocatedYaml:
    """Plain Python data, plus the 1-based line of any key path on demand."""

    def __init__(self, data: Any, text: str, line_offset: int) -> None:
        self.data = data
        self._text = text
        self._offset = line_offset
        self._lines: dict[Key, int] | None = None

    @property
    def first_line(self) -> int:
        return self._offset + 1

    def line_of(self, key: Key) -> int:
        """The line of a key path, falling back to its nearest located parent."""
        if self._lines is None:
            self._lines = {}
            node = yaml.compose(self._text, Loader=_Loader)
            if node is not None:
                _record_lines(node, (), self._lines, self._offset)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self.first_line


def load_located(text: str, path: str, line_offset: int = 0) -> tuple[LocatedYaml | None, ContentError | None]:
    """Parse YAML text; a syntax error becomes a located ContentError, never an exception."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except UnreadableValue as exc:
        return None, ContentError(path, exc.line + 1 + line_offset, exc.problem or "", exc.hint)
    except yaml.reader.ReaderError as exc:
        return None, _unreadable_character(text, path, line_offset, exc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else line_offset + 1
        problem = exc.problem or "invalid YAML"
        hint = "check quotes, colons and indentation"
        if "quoted scalar" in (exc.context or ""):
            problem = "a quoted value is never closed"
            hint = "end it with the same quote mark it starts with"
            if exc.context_mark is not None:
                line = exc.context_mark.line + 1 + line_offset
        return None, ContentError(path, line, f"invalid YAML: {problem}", hint)
    except yaml.YAMLError as exc:
        return None, ContentError(path, line_offset + 1, f"invalid YAML: {exc}", "")
    if too_deep(data):
        line = deepest_line(text) + 1 + line_offset
        hint = "a stray '[' or '-', or an alias inside its own anchor, nests values by accident"
        return None, ContentError(path, line, f"values are nested more than {MAX_NESTING} levels deep", hint)
    return LocatedYaml({} if data is None else data, text, line_offset), None


def _unreadable_character(text: str, path: str, line_offset: int, exc: yaml.reader.ReaderError) -> ContentError:
    where = first_forbidden(text)
    if where is None:
        return ContentError(path, line_offset + 1, f"invalid YAML: {exc.reason}", "")
    line = text.count("\n", 0, where) + 1 + line_offset
    return ContentError(
        path, line, f"this line contains {describe(text[where])}, which sitegen cannot read", PASTED_HINT
    )


def _record_lines(node: yaml.Node, key: Key, lines: dict[Key, int], offset: int) -> None:
    lines.setdefault(key, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child: Key = (*key, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, child, lines, offset)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*key, index), lines, offset)
