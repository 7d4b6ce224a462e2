"""The front matter nearly every file has, read without running the YAML parser.

Almost every front matter is a handful of `key: value` lines: plain or quoted text, dates,
booleans and numbers, and short lists written `[a, b]` or as `- item` lines. Those shapes are
read here a line at a time, each plain value typed by PyYAML's own resolver and constructors,
so `yes`, `2024-01-01`, `0o17` or `1:30` mean exactly what the loader makes of them.
Anything else (a nested mapping, a value over several lines, an escape, an anchor, a tab, a
key written twice, a value the loader would refuse) gives None, and the document goes to
the located YAML reader whole, which also words every error: nothing here reports one.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

Key = tuple[str | int, ...]

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)")
_ITEM = re.compile(r"( *)- +")
# Only characters every YAML reader takes the same way: no tab, carriage return or other line
# break, no byte-order mark, nothing PyYAML would refuse as unprintable.
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_STOPS = frozenset(",[]{}#:'\"")

_LONGEST_KEY = 200
"""YAML takes a key without `?` only up to 1,024 characters; none of sitegen's comes near."""

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float", "timestamp"))
_RESOLVER: Any = Resolver()
_CONSTRUCTOR: Any = SafeConstructor()


class _NotSimple(Exception):
    """The document has a shape this reader leaves to the parser."""


def read_simple(text: str, line_offset: int = 0) -> tuple[dict[str, Any], dict[Key, int]] | None:
    """The document's data and the 1-based line of each key path, as the located reader would
    give them; None for any document that is not a simple mapping of simple values."""
    if _UNUSUAL.search(text):
        return None
    try:
        return _read_lines(text.split("\n"), line_offset + 1)
    except _NotSimple:
        return None


def _read_lines(lines: list[str], first: int) -> tuple[dict[str, Any], dict[Key, int]]:
    data: dict[str, Any] = {}
    where: dict[Key, int] = {}
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        if not line.strip() or line[0] == "#":
            index += 1
            continue
        found = _KEY.match(line)
        if found is None:
            raise _NotSimple
        key = found.group(1)
        if key in data or len(key) > _LONGEST_KEY or not isinstance(_typed(key), str):
            raise _NotSimple
        where.setdefault((), index + first)
        where[(key,)] = index + first
        rest = line[found.end() :]
        if rest and rest[0] != "#":
            data[key] = _inline_value(rest)
            if isinstance(data[key], list):
                where.update({(key, n): index + first for n in range(len(data[key]))})
            index += 1
            continue
        items, index = _block_items(lines, index + 1)
        data[key] = [value for value, _ in items] if items else None
        where.update({(key, n): line_number + first for n, (_, line_number) in enumerate(items)})
    return data, where


def _block_items(lines: list[str], index: int) -> tuple[list[tuple[Any, int]], int]:
    """The `- item` lines that follow a key with no value, each with its 0-based line, and the
    index of the line after them."""
    items: list[tuple[Any, int]] = []
    indent = -1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if line[0] == "#":
            index += 1
            continue
        found = _ITEM.match(line)
        if found is None:
            if line[0] == " ":
                raise _NotSimple  # a nested mapping, a continued value or an indented comment
            break
        if indent == -1:
            indent = len(found.group(1))
        elif len(found.group(1)) != indent:
            raise _NotSimple
        rest = line[found.end() :]
        if not rest or rest[0] in "#[":
            raise _NotSimple
        items.append((_inline_value(rest), index))
        index += 1
    return items, index


def _inline_value(rest: str) -> Any:
    """The value written after `key: ` or `- `, on its one line."""
    first = rest[0]
    if first == '"' or first == "'":
        text, end = _quoted(rest, 0)
        _comment_only(rest[end:])
        return text
    if first == "[":
        return _flow_list(rest)
    if first in _INDICATORS:
        raise _NotSimple
    comment = rest.find(" #")
    plain = (rest if comment == -1 else rest[:comment]).rstrip(" ")
    if ": " in plain or plain.endswith(":"):
        raise _NotSimple
    return _typed(plain)


def _quoted(text: str, start: int) -> tuple[str, int]:
    """A quoted value starting at `start` that closes on this line, with no escapes, and the
    index just past its closing quote."""
    quote = text[start]
    if quote == '"':
        end = text.find('"', start + 1)
        if end == -1 or "\\" in text[start + 1 : end]:
            raise _NotSimple
        return text[start + 1 : end], end + 1
    parts = []
    position = start + 1
    while True:
        end = text.find("'", position)
        if end == -1:
            raise _NotSimple
        parts.append(text[position:end])
        if text.startswith("'", end + 1):
            parts.append("'")
            position = end + 2
            continue
        return "".join(parts), end + 1


def _comment_only(tail: str) -> None:
    """What may follow a closed value on its line: spaces, and a comment after one."""
    stripped = tail.lstrip(" ")
    if stripped and not (stripped[0] == "#" and stripped != tail):
        raise _NotSimple


def _flow_list(text: str) -> list[Any]:
    """`[a, "b", 3]` on one line: plain or quoted items, none of them empty or nested."""
    items: list[Any] = []
    position = 1
    while True:
        while text.startswith(" ", position):
            position += 1
        if position >= len(text):
            raise _NotSimple
        if text[position] == "]" and not items:
            break
        if text[position] in "\"'":
            value, position = _quoted(text, position)
            items.append(value)
        else:
            end = position
            while end < len(text) and text[end] not in _FLOW_STOPS:
                end += 1
            plain = text[position:end].rstrip(" ")
            if not plain or plain[0] in _INDICATORS:
                raise _NotSimple
            items.append(_typed(plain))
            position = end
        while text.startswith(" ", position):
            position += 1
        if text.startswith("]", position):
            break
        if not text.startswith(",", position):
            raise _NotSimple
        position += 1
        if text[position:].lstrip(" ").startswith("]"):
            raise _NotSimple  # a trailing comma: readers differ on it
    _comment_only(text[position + 1 :])
    return items


@functools.lru_cache(maxsize=4096)
def _typed(plain: str) -> Any:
    """A plain value as PyYAML's safe loader types it; one it would refuse (an impossible date,
    say) is left to the parser, which says where it is and why. Kept, as keys, categories and
    tags repeat from file to file, and every value it gives is immutable."""
    tag = _RESOLVER.resolve(ScalarNode, plain, (True, False))
    if tag == _STR:
        return plain
    if tag not in _PLAIN_TAGS:
        raise _NotSimple
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, ScalarNode(tag, plain))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError):
        raise _NotSimple from None
