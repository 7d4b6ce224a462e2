"""Turn located YAML into frozen dataclasses, collecting every problem at once.

Config and front matter are both declared as dataclasses; this module reads their
type hints, so each schema is written once and validated the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from sitegen.core.characters import PASTED_HINT, describe, first_forbidden, printable
from sitegen.core.errors import ContentError, did_you_mean
from sitegen.core.yamlsource import Key, LocatedYaml

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Checked:
    """A rule a value must meet beyond its type, attached as `Annotated[str, Checked(rule)]`.

    `rule` returns (message, hint) for a value that breaks it, or None; the reader reports
    the problem at the value's line, so a field's rule is written once for every file.
    """

    rule: Callable[[Any], tuple[str, str] | None]


class SchemaReader:
    """Reads one YAML document into dataclasses, remembering errors with their lines."""

    def __init__(self, source: LocatedYaml, path: str) -> None:
        self.source = source
        self.path = path
        self.errors: list[ContentError] = []

    def error(self, key: Key, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(self.path, self.source.line_of(key), message, hint))

    def read(self, cls: type[T], data: Any, key: Key = ()) -> T | None:
        """Build `cls` from `data`; None when any field was unusable."""
        value = self._convert(cls, data, key)
        return value if value is not _INVALID else None

    def _convert(self, tp: Any, data: Any, key: Key) -> Any:
        origin = get_origin(tp)
        if tp is Any or tp is object:
            return data
        if origin is Annotated:
            return self._convert_checked(tp, data, key)
        if origin in (Union, types.UnionType):
            return self._convert_union(tp, data, key)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            return self._convert_dataclass(tp, data, key)
        if origin is list or origin is tuple:
            (item_type, *_) = get_args(tp)
            if isinstance(data, str) and item_type is str:
                data = [data]
            if not isinstance(data, list):
                self.error(key, f"'{_name(key)}' should be a list, not {_kind(data)}")
                return _INVALID
            items = [self._convert(item_type, item, (*key, i)) for i, item in enumerate(data)]
            if any(item is _INVALID for item in items):
                return _INVALID
            return tuple(items)
        if origin is dict:
            _, value_type = get_args(tp)
            if not isinstance(data, dict):
                self.error(key, f"'{_name(key)}' should be a mapping, not {_kind(data)}")
                return _INVALID
            pairs = [
                (self._text(str(k), (*key, str(k))), self._convert(value_type, v, (*key, str(k))))
                for k, v in data.items()
            ]
            if any(k is _INVALID or v is _INVALID for k, v in pairs):
                return _INVALID
            return dict(pairs)
        return self._convert_scalar(tp, data, key)

    def _convert_checked(self, tp: Any, data: Any, key: Key) -> Any:
        base, *extras = get_args(tp)
        value = self._convert(base, data, key)
        if value is _INVALID:
            return _INVALID
        for check in extras:
            problem = check.rule(value) if isinstance(check, Checked) else None
            if problem:
                message, hint = problem
                self.error(key, f"'{_name(key)}': {message}", hint)
                return _INVALID
        return value

    def _convert_union(self, tp: Any, data: Any, key: Key) -> Any:
        options = [a for a in get_args(tp) if a is not type(None)]
        if data is None and len(options) < len(get_args(tp)):
            return None
        for option in options:
            if _accepts(option, data):
                return self._convert(option, data, key)
        names = " or ".join(_type_name(o) for o in options)
        self.error(key, f"'{_name(key)}' should be {names}, not {_kind(data)}")
        return _INVALID

    def _convert_dataclass(self, cls: type, data: Any, key: Key) -> Any:
        if not isinstance(data, dict):
            what = f"'{_name(key)}'" if key else "this document"
            self.error(key, f"{what} should be a mapping of keys, not {_kind(data)}")
            return _INVALID
        hints, fields, aliases = _schema_of(cls)
        values: dict[str, Any] = {}
        ok = True
        for raw_key, raw_value in data.items():
            name = str(raw_key)
            child = (*key, name)
            if name not in aliases:
                where = f" in '{_name(key)}'" if key else ""
                self.error(child, f"unknown key '{printable(name)}'{where}", did_you_mean(name, aliases))
                ok = False
                continue
            value = self._convert(hints[aliases[name]], raw_value, child)
            if value is _INVALID:
                ok = False
            else:
                values[aliases[name]] = value
        for f in fields.values():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            yaml_name = f.metadata.get("yaml", f.name)
            if required and f.name not in values and yaml_name not in data:
                where = f" in '{_name(key)}'" if key else ""
                self.error(key, f"missing required key '{yaml_name}'{where}", f.metadata.get("hint", ""))
                ok = False
            elif required and isinstance(values.get(f.name), str) and not values[f.name].strip():
                self.error(
                    (*key, yaml_name),
                    f"'{_name((*key, yaml_name))}' is empty",
                    f"write the {yaml_name} after '{yaml_name}:'",
                )
                ok = False
        if not ok:
            return _INVALID
        return cls(**values)

    def _convert_scalar(self, tp: Any, data: Any, key: Key) -> Any:
        if tp is dt.date:
            if isinstance(data, dt.datetime):
                return data.date()
            if isinstance(data, dt.date):
                return data
            if isinstance(data, str):
                try:
                    return dt.date.fromisoformat(data.strip())
                except ValueError:
                    pass
            self.error(key, f"'{_name(key)}' should be a date like 2025-11-15, not {data!r}")
            return _INVALID
        if tp is str:
            if isinstance(data, (str, int, float)) and not isinstance(data, bool):
                return self._text(str(data), key)
            self.error(
                key,
                f"'{_name(key)}' should be text, not {_kind(data)}",
                _BARE_WORD_HINT if data in (True, False) else "",
            )
            return _INVALID
        if tp is bool:
            if isinstance(data, bool):
                return data
            self.error(key, f"'{_name(key)}' should be true or false, not {data!r}")
            return _INVALID
        if tp is int:
            if isinstance(data, int) and not isinstance(data, bool):
                return data
            self.error(key, f"'{_name(key)}' should be a whole number, not {data!r}")
            return _INVALID
        raise TypeError(f"unsupported schema type {tp!r}")  # a bug in a schema, not user input

    def _text(self, text: str, key: Key) -> Any:
        """Text as given, unless it holds a character no page can carry (see core/characters.py)."""
        where = first_forbidden(text)
        if where is None:
            return text
        self.error(key, f"'{_name(key)}' contains {describe(text[where])}, which a web page cannot show", PASTED_HINT)
        return _INVALID


@functools.lru_cache(maxsize=64)
def _schema_of(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]], dict[str, str]]:
    """Type hints, fields read from YAML, and each field's name by its YAML key, of a schema
    class: worked out once per class, not once per file."""
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init and not f.metadata.get("internal")}
    aliases = {f.metadata.get("yaml", f.name): f.name for f in fields.values()}
    return typing.get_type_hints(cls, include_extras=True), fields, aliases


_BARE_WORD_HINT = (
    "YAML reads a bare yes, no, on, off, true or false as true/false: put the text in quotes, "
    'e.g. region: "ON" for Ontario, or "NO" for Norway'
)


class _Invalid:
    pass


_INVALID: Any = _Invalid()


def _accepts(tp: Any, data: Any) -> bool:
    if get_origin(tp) is Annotated:
        return _accepts(get_args(tp)[0], data)
    origin = get_origin(tp)
    if dataclasses.is_dataclass(tp) or origin is dict:
        return isinstance(data, dict)
    if origin in (list, tuple):
        return isinstance(data, list)
    if tp is bool:
        return isinstance(data, bool)
    if tp is str:
        return isinstance(data, str)
    if tp is int:
        return isinstance(data, int) and not isinstance(data, bool)
    if tp is dt.date:
        return isinstance(data, (dt.date, str))
    return True


def _name(key: Key) -> str:
    parts: list[str] = []
    for k in key:
        if isinstance(k, int):
            parts.append(f"[{k}]")
        else:
            parts.append(("." if parts else "") + k)
    return printable("".join(parts)) or "document"


def _kind(data: Any) -> str:
    if data is None:
        return "empty"
    if isinstance(data, bool):
        return f"{str(data).lower()}"
    if isinstance(data, dict):
        return "a mapping"
    if isinstance(data, list):
        return "a list"
    if isinstance(data, (int, float)):
        return f"the number {data}"
    if isinstance(data, dt.date):
        return f"the date {data.isoformat()}"
    return f"'{printable(str(data))}'"


def _type_name(tp: Any) -> str:
    if get_origin(tp) is Annotated:
        return _type_name(get_args(tp)[0])
    if dataclasses.is_dataclass(tp) or get_origin(tp) is dict:
        return "a mapping"
    if get_origin(tp) in (list, tuple):
        return "a list"
    return {str: "text", bool: "true or false", int: "a whole number", dt.date: "a date"}.get(tp, str(tp))
