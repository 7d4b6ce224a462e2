"""The theme's own words (buttons, labels, headings), in the site's language.

Each theme keeps them in `strings/<language>.yaml`, one key per text, with `{name}`
placeholders. The built-in theme ships English (`en.yaml`, which also lists every key)
and other languages. For a site in `es-MX` the texts come from, most specific first:
site.yaml's `strings:`, `es-MX.yaml` (the project theme's, then the built-in theme's),
`es.yaml` (likewise), and finally `en.yaml` (likewise), so a text missing from a
translation still reads sensibly. A project theme's en.yaml may add keys for its own
templates; every other catalogue, and site.yaml, may only reword known keys. A text
that depends on a number (`3 days`) is a mapping of CLDR plural categories (`one`,
`other`, and `few`, `many`… where a language has them), chosen with the language's own
plural rules.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import msgspec
from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from sitegen.config.site_config import SiteConfig
from sitegen.core.characters import PASTED_HINT, first_forbidden
from sitegen.core.characters import describe as name_character
from sitegen.core.errors import ContentError, did_you_mean, display_path
from sitegen.core.yamlsource import load_located
from sitegen.theming.lookup import BUILTIN_THEME, strings_dirs

Entry = str | Mapping[str, str]
"""One text, or its plural forms by CLDR category."""

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
BASE_LANGUAGE = "en"
EMPTY = "is empty; leave the key out to keep the theme's text"


@dataclass(frozen=True)
class Strings:
    """The texts of one site, in its language; `t` is what templates call."""

    table: Mapping[str, Entry]
    language: str
    builtin: frozenset[str] = frozenset()
    """Keys whose text is the built-in theme's own, not reworded by the project."""
    _plain: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)
    _escaped: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

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
        text = self._choose(key, values)
        template = self._escaped.get(text)
        if template is None:
            template = self._escaped[text] = str(escape(text))
        return Markup(template.format(**{name: escape(value) for name, value in values.items()}))

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


def text_direction(language: str) -> str:
    """'rtl' for a language written right to left, else 'ltr' (from CLDR, through Babel)."""
    return "rtl" if _locale(language).character_order == "right-to-left" else "ltr"


def language_files(language: str) -> list[str]:
    """The catalogue names to look for, most specific first: `pt-BR` gives pt-BR.yaml, pt.yaml."""
    names = [language]
    primary = language.split("-")[0].lower()
    if primary != language:
        names.append(primary)
    return [f"{name}.yaml" for name in names]


class Layer(msgspec.Struct, frozen=True):
    """One catalogue file, as read."""

    table: dict[str, Entry]
    where: str
    line_of: Callable[[tuple[str]], int]
    english: bool
    builtin: bool


def load_strings(root: Path, config: SiteConfig) -> tuple[Strings, list[ContentError]]:
    """The site's texts, and every problem with the theme's catalogues (a broken file or entry
    is left out, so the texts are always usable), site.yaml's `strings:` among them."""
    layers, errors = _layers(root, config.theme, config.language)
    reference = _reference(layers)  # English, which every language's layers start with
    errors += _override_problems(config, reference)
    merged: dict[str, Entry] = {}
    builtin: set[str] = set()
    for layer in layers:
        for key, entry in layer.table.items():
            problems = [] if layer.builtin else _problems(key, entry, reference, may_add=layer.english)
            errors += [ContentError(layer.where, layer.line_of((key,)), f"'{key}': {p}", h) for p, h in problems]
            if problems:
                continue
            merged[key] = entry
            if layer.builtin:
                builtin.add(key)
            else:
                builtin.discard(key)
    merged.update(config.strings)
    builtin -= set(config.strings)
    return Strings(merged, config.language, frozenset(builtin)), errors


def _override_problems(config: SiteConfig, reference: Mapping[str, Entry]) -> list[ContentError]:
    """Problems with site.yaml's `strings:`: unknown keys, empty texts, placeholders or plural
    forms the text cannot be given."""
    errors = []
    for key, entry in config.strings.items():
        for problem, hint in _problems(key, entry, reference, may_add=False):
            where = config.line_of("strings", key)
            errors.append(ContentError("site.yaml", where, f"strings: '{key}': {problem}", hint))
    return errors


def _layers(root: Path, theme: str, language: str) -> tuple[list[Layer], list[ContentError]]:
    """Every catalogue for `language`, least specific first: English (the built-in theme's,
    then the project theme's), then each more specific language the same way."""
    builtin_dir = BUILTIN_THEME / "strings"
    folders = list(reversed(strings_dirs(root, theme)))
    names = dict.fromkeys([f"{BASE_LANGUAGE}.yaml", *reversed(language_files(language))])
    layers: list[Layer] = []
    errors: list[ContentError] = []
    for name in names:
        for folder in folders:
            path = folder / name
            if path.is_file():
                builtin = folder.resolve() == builtin_dir.resolve()
                layer = _read_catalogue(path, root, name == f"{BASE_LANGUAGE}.yaml", builtin, errors)
                if layer is not None:
                    layers.append(layer)
    return layers, errors


def _reference(layers: list[Layer]) -> dict[str, Entry]:
    """The English text of every key: the built-in theme's where it has one (what its templates
    fill in), else the project theme's own."""
    reference: dict[str, Entry] = {}
    for layer in layers:  # the built-in theme's English comes first, so a project's only adds keys
        if layer.english:
            for key, entry in layer.table.items():
                reference.setdefault(key, entry)
    return reference


def _problems(key: str, entry: Entry, reference: Mapping[str, Entry], may_add: bool) -> list[tuple[str, str]]:
    """What is wrong with `entry` standing for `key`, as (message, hint) pairs."""
    problem = entry_problem(entry)
    if problem:
        return [(problem, "")]
    if key not in reference:
        return [] if may_add else [("unknown text", did_you_mean(key, reference))]
    given = placeholders(reference[key])
    extra = placeholders(entry) - given
    if extra:
        return [(f"uses {describe(extra)}, which this text cannot fill", f"it can use {describe(given)}")]
    if not isinstance(entry, str) and "count" not in given:
        return [("has plural forms, but this text is given no count", "write it as a single text")]
    return []


def has_catalogue(root: Path, theme: str, language: str) -> bool:
    """Whether any theme translates its texts into `language` (English always counts)."""
    if language.split("-")[0].lower() == BASE_LANGUAGE:
        return True
    return any((folder / name).is_file() for folder in strings_dirs(root, theme) for name in language_files(language))


def _read_catalogue(path: Path, root: Path, english: bool, builtin: bool, errors: list[ContentError]) -> Layer | None:
    shown = display_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        errors.append(ContentError(shown, 1, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8"))
        return None
    located, error = load_located(text, shown)
    if error:
        errors.append(error)
        return None
    assert located is not None
    data: Any = located.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors.append(ContentError(shown, 1, "a strings file should be a mapping of keys to texts"))
        return None
    return Layer({str(k): v for k, v in data.items()}, shown, located.line_of, english, builtin)


def entry_problem(value: object) -> str:
    """What is wrong with a text as written, or '' if nothing."""
    if isinstance(value, str):
        return _format_problem(value) if value.strip() else EMPTY
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
        if not form.strip():
            return EMPTY
        problem = _format_problem(form)
        if problem:
            return problem
    return ""


def placeholders(entry: Entry) -> set[str]:
    forms = [entry] if isinstance(entry, str) else list(entry.values())
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def _format_problem(text: str) -> str:
    where = first_forbidden(text)
    if where is not None:
        return f"contains {name_character(text[where])}, which a web page cannot show; {PASTED_HINT}"
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
