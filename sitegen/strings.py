"""The theme's own words (buttons, labels, headings), in the site's language.

Each theme keeps them in `strings/<language>.yaml`, one key per text, with `{name}`
placeholders. The built-in theme ships English (`en.yaml`, which also lists every key)
and other languages. For a site in `es-MX` the texts come from, most specific first:
site.yaml's `strings:`, the project theme's `es-MX.yaml` then `es.yaml`, the built-in
theme's `es-MX.yaml` then `es.yaml`, and finally English, so a text missing from a
translation still reads sensibly. A text that depends on a number (`3 days`) is a
mapping of CLDR plural categories (`one`, `other`, and `few`, `many`… where a language
has them), chosen with the language's own plural rules.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from sitegen.config import SiteConfig
from sitegen.errors import BuildFailed, ContentError, did_you_mean, display_path
from sitegen.theme_lookup import strings_dirs
from sitegen.yamlsource import load_located

Entry = str | Mapping[str, str]
"""One text, or its plural forms by CLDR category."""

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
BASE_LANGUAGE = "en"


@dataclass(frozen=True)
class Strings:
    """The texts of one site, in its language; `t` is what templates call."""

    table: Mapping[str, Entry]
    language: str
    _plain: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)

    def text(self, key: str, /, **values: object) -> str:
        """The text for `key` with its placeholders filled in, as plain text (for titles and labels)."""
        return self._choose(key, values).format(**values)

    def t(self, key: str, /, **values: object) -> Markup:
        """The text for `key` as HTML: the text is escaped, and so is every value unless it is
        already markup (a link made in the template), so `{link}` can carry one safely."""
        if not values:
            found = self._plain.get(key)
            if found is None:
                found = self._plain[key] = Markup(str(escape(self._choose(key, values))).format())
            return found
        # Every placeholder is a plain {name} (checked when the texts are read), so formatting
        # the escaped text with escaped values is what Markup.format does, at half the cost.
        escaped = {name: escape(value) for name, value in values.items()}
        return Markup(str(escape(self._choose(key, values))).format(**escaped))

    def for_script(self, *keys: str) -> str:
        """Texts for the theme's script, as JSON (placeholders left for it to fill in); the
        template puts them in an attribute, which escapes them."""
        return json.dumps({key: self.table[key] for key in keys}, ensure_ascii=False, separators=(",", ":"))

    def _choose(self, key: str, values: Mapping[str, object]) -> str:
        entry = self.table[key]  # a KeyError is a theme bug: every key the theme uses is in en.yaml
        if isinstance(entry, str):
            return entry
        count = values["count"]
        assert isinstance(count, int)
        form = _plural_form(self.language, count)
        return entry.get(form) or entry["other"]


@cache
def _plural_form(language: str, count: int) -> str:
    return str(_locale(language).plural_form(count))


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(BASE_LANGUAGE)


def language_files(language: str) -> list[str]:
    """The catalogue names to look for, most specific first: `pt-BR` gives pt-BR.yaml, pt.yaml."""
    names = [language]
    primary = language.split("-")[0].lower()
    if primary != language:
        names.append(primary)
    return [f"{name}.yaml" for name in names]


def load_strings(root: Path, config: SiteConfig) -> Strings:
    """The site's texts; raise BuildFailed naming the file and line of a broken catalogue."""
    return Strings(_merged(root, config.theme, config.language, config.strings), config.language)


def _merged(root: Path, theme: str, language: str, overrides: Mapping[str, Entry]) -> dict[str, Entry]:
    errors: list[ContentError] = []
    layers: list[Mapping[str, Entry]] = []
    names = [f"{BASE_LANGUAGE}.yaml", *reversed(language_files(language))]
    for folder in reversed(strings_dirs(root, theme)):  # least specific first
        for name in dict.fromkeys(names):
            path = folder / name
            if path.is_file():
                layers.append(_read_catalogue(path, root, errors))
    if errors:
        raise BuildFailed(errors)
    merged: dict[str, Entry] = {}
    for layer in [*layers, overrides]:
        merged.update(layer)
    return merged


def base_keys(root: Path, theme: str) -> dict[str, Entry]:
    """Every key the theme uses, with its English text (what placeholders it may have)."""
    return _merged(root, theme, BASE_LANGUAGE, {})


def has_catalogue(root: Path, theme: str, language: str) -> bool:
    """Whether any theme translates its texts into `language` (English always counts)."""
    if language.split("-")[0].lower() == BASE_LANGUAGE:
        return True
    return any((folder / name).is_file() for folder in strings_dirs(root, theme) for name in language_files(language))


def _read_catalogue(path: Path, root: Path, errors: list[ContentError]) -> dict[str, Entry]:
    shown = display_path(path, root)
    located, error = load_located(path.read_text(encoding="utf-8"), shown)
    if error:
        errors.append(error)
        return {}
    assert located is not None
    data: Any = located.data
    if data is None:
        return {}
    if not isinstance(data, dict):
        errors.append(ContentError(shown, 1, "a strings file should be a mapping of keys to texts"))
        return {}
    table: dict[str, Entry] = {}
    for key, value in data.items():
        problem = entry_problem(value)
        if problem:
            errors.append(ContentError(shown, located.line_of((key,)), f"'{key}': {problem}"))
        else:
            table[str(key)] = value
    return table


def entry_problem(value: object) -> str:
    """What is wrong with a text as written, or '' if nothing."""
    if isinstance(value, str):
        return _format_problem(value)
    if not isinstance(value, dict) or not value:
        return "should be a text, or a mapping of plural forms (one, other…) to texts"
    unknown = [str(k) for k in value if k not in PLURAL_CATEGORIES]
    if unknown:
        return f"unknown plural form '{unknown[0]}'; use {', '.join(PLURAL_CATEGORIES)}"
    if "other" not in value:
        return "a text with plural forms needs an 'other' form"
    for form in value.values():
        if not isinstance(form, str):
            return "each plural form should be a text"
        problem = _format_problem(form)
        if problem:
            return problem
    return ""


def placeholders(entry: Entry) -> set[str]:
    forms = [entry] if isinstance(entry, str) else list(entry.values())
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def _format_problem(text: str) -> str:
    try:
        for _, name, spec, conversion in string.Formatter().parse(text):
            if name is not None and (not name.isidentifier() or spec or conversion):
                return f"'{{{name}}}' is not a placeholder; write one as {{name}}, or a brace as {{{{ or }}}}"
    except ValueError:
        return "an unmatched brace; write a literal brace as {{ or }}"
    return ""


def describe(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "no placeholders"


def unknown_language_warning(root: Path, config: SiteConfig) -> str | None:
    """A warning when no theme speaks the site's language, or None."""
    if has_catalogue(root, config.theme, config.language):
        return None
    return (
        f"site.yaml: no theme has texts in '{config.language}', so buttons, labels and headings stay in "
        f"English; translate them under 'strings:' in site.yaml (see {BASE_LANGUAGE}.yaml in the theme "
        "for every key)"
    )


def check_overrides(root: Path, config: SiteConfig, line_of: Any) -> list[ContentError]:
    """Problems with site.yaml's `strings:`: unknown keys, and placeholders the text cannot fill."""
    known = base_keys(root, config.theme)
    errors = []
    for key, value in config.strings.items():
        line = line_of(("strings", key))
        if key not in known:
            errors.append(ContentError("site.yaml", line, f"unknown text '{key}'", did_you_mean(key, known)))
            continue
        problem = entry_problem(value)
        if problem:
            errors.append(ContentError("site.yaml", line, f"strings: '{key}': {problem}"))
            continue
        extra = placeholders(value) - placeholders(known[key])
        if extra:
            errors.append(
                ContentError(
                    "site.yaml",
                    line,
                    f"strings: '{key}' uses {describe(extra)}, which this text cannot fill",
                    f"it can use {describe(placeholders(known[key]))}",
                )
            )
    return errors
