"""YAML loading that can say where every value came from, for located error messages.

The simple front matter nearly every file has is read without a parser (yaml_quick.py),
its lines known as it goes; anything else goes to the fast libyaml parser, and the line of
each key is worked out only when an error needs it, so valid content pays little for good
messages.
"""

from __future__ import annotations

from typing import Any

import yaml

from sitegen.core.characters import PASTED_HINT, describe, first_forbidden
from sitegen.core.errors import ContentError
from sitegen.core.yaml_loader import MAX_NESTING, Loader, UnreadableValue, deepest_line, too_deep
from sitegen.core.yaml_quick import read_simple
from sitegen.core.yaml_rules import yaml_problems

_Loader: Any = Loader

Key = tuple[str | int, ...]


class LocatedYaml:
    """Plain Python data, plus the 1-based line of any key path on demand."""

    def __init__(self, data: Any, text: str, line_offset: int, lines: dict[Key, int] | None = None) -> None:
        self.data = data
        self._text = text
        self._offset = line_offset
        self._lines = lines

    @property
    def first_line(self) -> int:
        return self._offset + 1

    def key_lines(self) -> dict[Key, int]:
        """The line of every key path (and of every list item), read from the text once."""
        if self._lines is None:
            self._lines = {}
            node = yaml.compose(self._text, Loader=_Loader)
            if node is not None:
                _record_lines(node, self._lines, self._offset)
        return self._lines

    def line_of(self, key: Key) -> int:
        """The line of a key path, falling back to its nearest located parent."""
        lines = self.key_lines()
        while key:
            if key in lines:
                return lines[key]
            key = key[:-1]
        return self.first_line


def load_located(text: str, path: str, line_offset: int = 0) -> tuple[LocatedYaml | None, ContentError | None]:
    """YAML text as located data; a syntax error becomes a located ContentError, never an exception."""
    simple = read_simple(text, line_offset)
    if simple is not None:
        data, lines = simple
        return LocatedYaml(data, text, line_offset, lines), None
    return parse_located(text, path, line_offset)


def parse_located(text: str, path: str, line_offset: int = 0) -> tuple[LocatedYaml | None, ContentError | None]:
    """YAML text read by the parser, whatever its shape; what load_located does with any
    document that is not simple front matter.

    The node graph is checked before it becomes data (see core/yaml_rules.py): a key
    written twice, or aliases that multiply, are the first problem reported."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        problems = yaml_problems(node, line_offset)
        if problems:
            first = min(problems, key=lambda p: p.line)
            return None, ContentError(path, first.line, first.message, first.hint)
        data = loader.construct_document(node) if node is not None else None
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
    finally:
        loader.dispose()
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


def _record_lines(root: yaml.Node, lines: dict[Key, int], offset: int) -> None:
    """The line of every key path, each node walked once: a value an alias repeats keeps the
    line of the alias, and a file of aliases costs no more than its own size."""
    walked: set[int] = set()
    stack: list[tuple[yaml.Node, Key]] = [(root, ())]
    while stack:
        node, key = stack.pop()
        lines.setdefault(key, node.start_mark.line + 1 + offset)
        if id(node) in walked:
            continue
        walked.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child: Key = (*key, str(key_node.value))
                lines[child] = key_node.start_mark.line + 1 + offset
                stack.append((value_node, child))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*key, index)) for index, item in enumerate(node.value))
