"""The brand stylesheet: the accent's shades for light and dark mode, and the chosen font.

The accent must be readable wherever the theme uses it: as link text on the page's
backgrounds and as the background of button text. WCAG 2.2 AA asks 4.5:1 for text, so an
accent below that against any of them is an error naming `brand.accent`, the ratio measured
and the nearest shade (in OKLCH lightness, its hue kept) that passes. Dark mode cannot use
the same colour, so it gets the shade of the accent that stands out from the dark background
as much as the chosen accent does from the light one (never below 4.5:1, and no more than
7:1, so it stays a colour rather than white). The theme's surroundings are read from its own
stylesheet (sitegen/theming/palette.py).

The stylesheet is linked after the theme's, so it overrides the theme's custom properties;
it is a file (never an inline style, which the Content-Security-Policy forbids), named for
its bytes like every static file.
"""

from __future__ import annotations

import msgspec

from sitegen.config.brand import Brand
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core.colour import (
    RGB,
    contrast,
    nearest_passing,
    parse_hex,
    passes,
    ratio_text,
    relative_luminance,
    shifted,
    to_hex,
)
from sitegen.core.errors import ContentError
from sitegen.theming.assets import StaticAssets
from sitegen.theming.fonts import font_face_rules
from sitegen.theming.palette import Palette, Scheme

MINIMUM = 4.5
DARK_MOST = 7.0
STRONG_STEP = 0.075
"""How much further from the background the stronger shade (links, a hovered button) sits, in OKLCH lightness."""
STYLESHEET = "brand.css"
LOGO_HEIGHT = "2.5rem"


class AccentShades(msgspec.Struct, frozen=True):
    light: str
    light_strong: str
    dark: tuple[str, str] | None
    """The accent and its stronger shade in dark mode; None for a theme without one."""
    light_soft: str = ""
    dark_soft: str = ""
    """A faint tint of the accent behind a highlighted block (the home page's featured journey),
    light and dark; empty when the theme names no page background to tint."""


def accent_shades(config: SiteConfig, palette: Palette) -> tuple[AccentShades | None, list[ContentError]]:
    """The accent's four shades, or the problem with the accent as written."""
    accent = parse_hex((config.brand.accent or "").strip())
    if accent is None:
        return None, []
    worst = min(palette.light.named(), key=lambda named: contrast(accent, named[1]), default=None)
    if worst is not None and contrast(accent, worst[1]) < MINIMUM:
        return None, [_too_faint(config, accent, worst, palette.light)]
    light = (to_hex(accent), _stronger(accent, palette.light))
    light_soft = _soft(accent, light[1], palette.light)
    if not palette.dark.backgrounds:
        return AccentShades(*light, None, light_soft=light_soft), []
    dark_target = min(DARK_MOST, max([MINIMUM, *(contrast(accent, bg) for bg in palette.light.backgrounds)]))
    dark = _shade(accent, _surroundings(palette.dark), dark_target)
    dark_pair = (to_hex(dark), _stronger(dark, palette.dark))
    return AccentShades(*light, dark_pair, light_soft=light_soft, dark_soft=_soft(dark, dark_pair[1], palette.dark)), []


SOFT_SHARES = (0.14, 0.12, 0.10, 0.08, 0.06, 0.04, 0.02, 0.0)
"""How much of the accent its tint may hold, most first: the first share at which links (the
stronger shade) still read at 4.5:1 on the tint is taken."""


def _soft(accent: RGB, strong: str, scheme: Scheme) -> str:
    background, link = scheme.colours.get("--bg"), parse_hex(strong)
    if background is None or link is None:
        return ""
    for share in SOFT_SHARES:
        tint = tuple(b + (a - b) * share for a, b in zip(accent, background, strict=True))
        if contrast(link, (tint[0], tint[1], tint[2])) >= MINIMUM:
            return to_hex((tint[0], tint[1], tint[2]))
    return to_hex(background)


def _too_faint(config: SiteConfig, accent: RGB, worst: tuple[str, RGB], light: Scheme) -> ContentError:
    name, colour = worst
    what = "the text on buttons" if name == "--accent-contrast" else "the page's background"
    suggestion = nearest_passing(accent, _surroundings(light), MINIMUM)
    hint = (
        f'try accent: "{suggestion}", the nearest shade of it that reaches 4.5:1'
        if suggestion
        else "choose a darker colour"
    )
    return ContentError(
        CONFIG_FILE,
        config.line_of("brand", "accent"),
        f"brand.accent {config.brand.accent} has a contrast of {ratio_text(contrast(accent, colour))} with "
        f"{what} ({to_hex(colour)}); links and buttons need at least 4.5:1 to be read easily",
        hint,
    )


def _surroundings(scheme: Scheme) -> list[RGB]:
    return [colour for _, colour in scheme.named()]


def _shade(accent: RGB, against: list[RGB], target: float) -> RGB:
    found = nearest_passing(accent, against, target) or nearest_passing(accent, against, MINIMUM)
    parsed = parse_hex(found) if found else None
    return parsed if parsed is not None else accent


def _stronger(accent: RGB, scheme: Scheme) -> str:
    """A shade further from the background than the accent, for links and hovered buttons;
    the accent itself if the stronger shade would read worse anywhere it is used."""
    background = scheme.backgrounds[0] if scheme.backgrounds else (1.0, 1.0, 1.0)
    darker = _luminance_order(accent, background)
    stronger = shifted(accent, -STRONG_STEP if darker else STRONG_STEP)
    texts = [*_surroundings(scheme), *(c for n, c in scheme.colours.items() if n == "--note-bg")]
    parsed = parse_hex(to_hex(stronger))
    ok = parsed is not None and passes(parsed, texts, MINIMUM)
    return to_hex(stronger) if ok else to_hex(accent)


def _luminance_order(accent: RGB, background: RGB) -> bool:
    """Whether the accent is the darker of the two."""
    return relative_luminance(accent) < relative_luminance(background)


def brand_stylesheet(brand: Brand, shades: AccentShades | None, assets: StaticAssets) -> str:
    """The stylesheet's text; empty when the brand changes nothing it styles."""
    parts = ["/* The practice's brand, from site.yaml's brand: (made by sitegen; edits are replaced). */\n"]
    if brand.face:
        parts.append(font_face_rules(brand.font, brand.face, assets))
        parts.append(f'body {{ font-family: "{brand.face.family}", {brand.face.fallback}; }}\n')
    if shades:
        soft = f" --accent-soft: {shades.light_soft};" if shades.light_soft else ""
        parts.append(f":root {{ --accent: {shades.light}; --accent-strong: {shades.light_strong};{soft} }}\n")
    if shades and shades.dark:
        parts.append(
            "@media screen and (prefers-color-scheme: dark) {\n"
            f"  :root {{ --accent: {shades.dark[0]}; --accent-strong: {shades.dark[1]};"
            + (f" --accent-soft: {shades.dark_soft};" if shades.dark_soft else "")
            + " }\n"
            "}\n"
        )
    if brand.logo:
        parts.append(
            f".site-logo {{ height: {LOGO_HEIGHT}; width: auto; vertical-align: middle; margin-inline-end: 0.5rem; }}\n"
        )
    if brand.hero_image:
        parts.append(".hero-image { display: block; width: 100%; height: auto; border-radius: var(--radius, 0); }\n")
    return "".join(parts) if len(parts) > 1 else ""
