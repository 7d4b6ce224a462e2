"""The YAML loader: libyaml's safe one, made to point at a value it cannot read.

PyYAML turns `2025-02-30` into a date while it loads, and an impossible date (or a
number too long to convert, or `!!int abc`) escapes as a bare ValueError with no line.
Here each becomes an `UnreadableValue` that carries the value's line and a hint.
Nesting is bounded too: no front matter needs more than a few levels, and a stray
bracket or a value inside itself (`&a [*a]`) would otherwise exhaust the stack of
whatever walks it next.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

import yaml

from sitegen.core.characters import printable

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is several times faster

MAX_NESTING = 32
"""Levels of lists and mappings inside one another that a document may have."""

_DATE = re.compile(r"(\d{4})-(\d\d?)-\d\d?$")
_MISREAD = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)


class UnreadableValue(yaml.MarkedYAMLError):
    """A value the loader cannot turn into data, with the line it starts on (0-based) and a hint."""

    def __init__(self, problem: str, hint: str, line: int) -> None:
        super().__init__(problem=problem)
        self.hint = hint
        self.line = line


class Loader(_Base):  # type: ignore[misc]
    """Safe loading, with every value that cannot be constructed reported at its line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except _MISREAD:
            if not isinstance(node, yaml.ScalarNode):
                raise
            problem, hint = _explain(node.tag, str(node.value))
            raise UnreadableValue(problem, hint, node.start_mark.line) from None


def _explain(tag: str, value: str) -> tuple[str, str]:
    shown = printable(value if len(value) <= 40 else value[:40] + "…")
    kind = tag.rsplit(":", 1)[-1]
    if kind == "timestamp":
        return f"{shown} is not a day in the calendar", _calendar_hint(value)
    if kind in ("int", "float"):
        return f"'{shown}' is not a number sitegen can read", "write a plain number, or put quotes around text"
    if kind == "bool":
        return f"'{shown}' is not true or false", "write true or false"
    return f"'{shown}' cannot be read as {tag}", "remove the tag that starts with '!'"


def _calendar_hint(value: str) -> str:
    found = _DATE.match(value.strip())
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        if not 1 <= month <= 12:
            return f"there is no month {month}: write dates as YYYY-MM-DD, e.g. 2025-11-15"
        if year >= 1:
            days = calendar.monthrange(year, month)[1]
            return f"{calendar.month_name[month]} {year} has {days} days"
    return "write dates as YYYY-MM-DD, e.g. 2025-11-15, and a time as 14:30"


def too_deep(data: Any) -> bool:
    """Whether lists and mappings nest more than MAX_NESTING levels, or one holds itself.

    Walked without recursion, and each shared value (a YAML alias) once, so even a small
    file of aliases that expands enormously costs only its own size."""
    height: dict[int, int] = {}
    open_now: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, finished = stack.pop()
        children = _children(value)
        if children is None or (not finished and id(value) in height):
            continue
        if finished:
            open_now.discard(id(value))
            height[id(value)] = 1 + max((height.get(id(c), 0) for c in children), default=0)
            if height[id(value)] > MAX_NESTING:
                return True
            continue
        if id(value) in open_now:
            return True
        open_now.add(id(value))
        stack.append((value, True))
        stack.extend((child, False) for child in children)
    return False


def _children(value: Any) -> list[Any] | None:
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, list):
        return value
    return None


def deepest_line(text: str) -> int:
    """The 0-based line where nesting first passes MAX_NESTING (or the first alias, for a value
    inside itself); only worked out for a document already known to be too deep."""
    depth, alias_line = 0, None
    for event in yaml.parse(text, Loader=_Base):
        line = int(event.start_mark.line) if event.start_mark else 0
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent) and alias_line is None:
            alias_line = line
    return alias_line or 0
