"""The theme's own colours, read from its stylesheet: the one place they are written.

The brand's accent is checked against the backgrounds it will sit on and the text it will
carry, and those are whatever the theme's `site.css` says, light and dark. Reading them from
the stylesheet, rather than copying the values here, keeps the check true when the theme
changes its colours. A theme whose stylesheet does not declare them is checked against the
built-in theme's; one with no dark colours of its own gets no dark accent either.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from sitegen.core.colour import RGB, parse_hex
from sitegen.theming.assets import StaticAssets
from sitegen.theming.lookup import BUILTIN_THEME

STYLESHEET = "site.css"
BACKGROUNDS = ("--bg", "--surface")
BUTTON_TEXT = "--accent-contrast"
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;]+)")
_DARK = re.compile(r"^@media\b.*prefers-color-scheme\s*:\s*dark", re.IGNORECASE)


class Scheme(msgspec.Struct, frozen=True):
    """One colour scheme's surroundings of the accent, by custom property name."""

    colours: dict[str, RGB]

    @property
    def backgrounds(self) -> tuple[RGB, ...]:
        return tuple(self.colours[name] for name in BACKGROUNDS if name in self.colours)

    @property
    def button_text(self) -> RGB | None:
        return self.colours.get(BUTTON_TEXT)

    def named(self) -> list[tuple[str, RGB]]:
        """What the accent must stand out from, each with its property name."""
        return [(name, self.colours[name]) for name in (*BACKGROUNDS, BUTTON_TEXT) if name in self.colours]


class Palette(msgspec.Struct, frozen=True):
    light: Scheme
    dark: Scheme
    """Empty (no backgrounds) for a theme without a dark mode."""


def theme_palette(assets: StaticAssets) -> Palette:
    """The light and dark colours of the theme's stylesheet, or of the built-in one where it has none."""
    chosen = next((f for f in assets.files if f.name == STYLESHEET), None)
    builtin = _palette_of(_read(BUILTIN_THEME / "static" / STYLESHEET))
    if chosen is None:
        return builtin
    own = _palette_of(chosen.rewritten.decode("utf-8", "replace") if chosen.rewritten else _read(chosen.source))
    return own if own.light.backgrounds else builtin


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _palette_of(css: str) -> Palette:
    """The custom properties set on `:root` at the top level (light) and inside a
    `prefers-color-scheme: dark` media block (dark), the later setting winning."""
    light: dict[str, RGB] = {}
    dark: dict[str, RGB] = {}
    for preludes, body in _blocks(_COMMENT.sub("", css)):
        if preludes[-1] != ":root" or any(p.startswith("@") and not _DARK.match(p) for p in preludes[:-1]):
            continue
        target = dark if any(_DARK.match(p) for p in preludes[:-1]) else light
        for name, value in _DECLARATION.findall(body):
            colour = parse_hex(value.strip())
            if colour is not None:
                target[name] = colour
    return Palette(Scheme(light), Scheme({**light, **dark}) if dark else Scheme({}))


def _blocks(css: str) -> list[tuple[tuple[str, ...], str]]:
    """Each innermost block's text, with the preludes of the blocks around it ('@media …', ':root')."""
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[str, int]] = []
    start = 0
    for index, char in enumerate(css):
        if char == "{":
            stack.append((css[start:index].strip().rsplit(";", 1)[-1].strip(), index + 1))
            start = index + 1
        elif char == "}" and stack:
            prelude, opened = stack.pop()
            if "{" not in css[opened:index]:
                found.append(((*(p for p, _ in stack), prelude), css[opened:index]))
            start = index + 1
    return found
