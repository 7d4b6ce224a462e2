"""The practice's own look, from site.yaml's `brand:`: accent colour, logo, favicon, hero image, font.

Everything here is checked when site.yaml is read: the keys' types, that each image named
is a file in content/images/ of a kind the build can use, and that every image a reader
sees has its alt text. Whether the accent is readable depends on the theme's backgrounds,
so that check is made with the theme's colours in sitegen/theming/brand_style.py.

`logo_alt` may be the empty string: the logo sits inside the site-title link, next to the
site's name, so a screen reader already hears the name; an empty alt keeps it from being
read twice. Only a logo that stands for words not shown beside it needs alt text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from sitegen.core import layout
from sitegen.core.colour import parse_hex
from sitegen.core.errors import did_you_mean
from sitegen.core.schema import Checked, SchemaReader

SYSTEM_FONT = "system"


@dataclass(frozen=True)
class FontFace:
    family: str
    fallback: str
    """The generic family the system shows until the face has loaded, or if it cannot."""


FONTS: dict[str, FontFace] = {
    "atkinson-hyperlegible": FontFace("Atkinson Hyperlegible", "sans-serif"),
    "literata": FontFace("Literata", "serif"),
}
"""The faces the default theme ships, in static/fonts/<name>/ (each with its licence), by the
name `brand.font` gives. Any other choice is 'system': the reader's own interface font."""

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
SVG_SUFFIX = ".svg"


def _colour_problem(value: str) -> tuple[str, str] | None:
    if parse_hex(value.strip()) is None:
        return f"'{value}' is not a colour the build can read", 'write it as a hex colour in quotes, e.g. "#2f6b5e"'
    return None


Colour = Annotated[str, Checked(_colour_problem)]


@dataclass(frozen=True)
class Brand:
    accent: Colour | None = None
    """The colour of buttons and links (light mode); None: the theme's own. Dark mode derives its own."""
    logo: str = ""
    """A file in content/images/ (SVG or PNG, JPEG, WebP, GIF), shown beside the site's name."""
    logo_alt: str | None = None
    """Required with a logo; may be "" (see the module's note)."""
    favicon: str = ""
    """A raster image in content/images/; empty: made from a raster logo."""
    hero_image: str = ""
    """A raster image in content/images/ for the home page's opening section."""
    hero_alt: str | None = None
    font: str = SYSTEM_FONT

    @property
    def face(self) -> FontFace | None:
        return FONTS.get(self.font)

    @property
    def is_default(self) -> bool:
        return self == Brand()


def check_brand(brand: Brand, root: Path, reader: SchemaReader) -> None:
    """The rules of `brand:` that its types cannot express; each problem names its key."""
    raw = reader.source.data.get("brand") if isinstance(reader.source.data, dict) else None
    if isinstance(raw, dict) and "accent" in raw and raw["accent"] is None:
        reader.error(
            ("brand", "accent"),
            "brand.accent has no colour",
            'put the colour in quotes, e.g. accent: "#2f6b5e" (without them, YAML reads # as the start of a comment)',
        )
    if brand.font != SYSTEM_FONT and brand.face is None:
        hint = did_you_mean(brand.font, [SYSTEM_FONT, *FONTS])
        reader.error(("brand", "font"), f"there is no font '{brand.font}'", hint)
    _check_image(brand.logo, "logo", (SVG_SUFFIX, *RASTER_SUFFIXES), root, reader)
    _check_image(brand.favicon, "favicon", RASTER_SUFFIXES, root, reader)
    _check_image(brand.hero_image, "hero_image", RASTER_SUFFIXES, root, reader)
    _check_alt(brand.logo, brand.logo_alt, "logo", reader, 'or "" when the logo only sits beside the site\'s name')
    _check_alt(brand.hero_image, brand.hero_alt, "hero", reader, "what the picture shows, for those who cannot see it")
    if brand.logo.lower().endswith(SVG_SUFFIX) and not brand.favicon:
        reader.error(
            ("brand", "logo"),
            "an SVG logo cannot be made into a favicon",
            "add 'favicon:' naming a square PNG of the logo in content/images/ (at least 180 pixels wide)",
        )


def _check_image(name: str, key: str, suffixes: tuple[str, ...], root: Path, reader: SchemaReader) -> None:
    if not name:
        return
    path = root / layout.IMAGES / name
    if name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
        reader.error(("brand", key), f"brand.{key} '{name}' is outside {layout.IMAGES}/", "name a file inside it")
    elif not name.lower().endswith(suffixes):
        kinds = ", ".join(s.lstrip(".").upper() for s in suffixes)
        reader.error(("brand", key), f"brand.{key} '{name}' is not an image the build can use", f"use {kinds}")
    elif not path.is_file():
        reader.error(("brand", key), f"brand.{key}: there is no file {layout.IMAGES}/{name}", _nearby(name, path))


def _check_alt(image: str, alt: str | None, key: str, reader: SchemaReader, what: str) -> None:
    if image and alt is None:
        place = "logo" if key == "logo" else "hero_image"
        reader.error(("brand", place), f"brand.{place} needs '{key}_alt'", f"add {key}_alt: {what}")
    elif image and key == "hero" and alt is not None and not alt.strip():
        reader.error(("brand", "hero_alt"), "brand.hero_alt is empty", f"describe {what}")


def _nearby(name: str, path: Path) -> str:
    try:
        found = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        found = []
    close = did_you_mean(path.name, found)
    return close if close.startswith("did you mean") else f"put the image at {layout.IMAGES}/{name}"
