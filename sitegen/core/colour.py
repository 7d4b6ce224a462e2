"""Colours as WCAG measures them, and the nearest shade of a colour that is readable.

Contrast follows WCAG 2.x: the relative luminance of each sRGB colour, then
(lighter + 0.05) / (darker + 0.05). A shade is found by changing only its lightness in
OKLCH, Björn Ottosson's perceptual space: hue and chroma stay put, so the shade still looks
like the colour the practice chose, only lighter or darker. (HSL's lightness is not
perceptual: a yellow and a blue of the same HSL lightness differ widely in luminance, and
moving along it drifts the colour's apparent saturation.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

RGB = tuple[float, float, float]
"""sRGB channels from 0 to 1."""

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
LIGHTNESS_STEP = 0.002


def parse_hex(text: str) -> RGB | None:
    """'#2f6b5e' or '#abc' as channels; None if it is neither."""
    if not HEX.match(text):
        return None
    digits = text[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return (int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255)


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in rgb)


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def relative_luminance(rgb: RGB) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: RGB, second: RGB) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ratio_text(ratio: float) -> str:
    """A ratio as people write it ('4.48:1'), cut (never rounded up) so a failing ratio never reads as passing."""
    cut = math.floor(ratio * 100) / 100
    return f"{cut:.2f}".rstrip("0").rstrip(".") + ":1"


def to_oklch(rgb: RGB) -> tuple[float, float, float]:
    """Lightness (0-1), chroma and hue (degrees) in OKLCH."""
    r, g, b = (_linear(c) for c in rgb)
    lms = (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b,
    )
    l_, m_, s_ = (math.copysign(abs(v) ** (1 / 3), v) for v in lms)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    b_ = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, b_), math.degrees(math.atan2(b_, a)) % 360


def _oklch_to_linear(lightness: float, chroma: float, hue: float) -> RGB:
    a, b = chroma * math.cos(math.radians(hue)), chroma * math.sin(math.radians(hue))
    l_ = lightness + 0.3963377774 * a + 0.2158037573 * b
    m_ = lightness - 0.1055613458 * a - 0.0638541728 * b
    s_ = lightness - 0.0894841775 * a - 1.2914855480 * b
    lc, mc, sc = l_**3, m_**3, s_**3
    return (
        4.0767416621 * lc - 3.3077115913 * mc + 0.2309699292 * sc,
        -1.2684380046 * lc + 2.6097574011 * mc - 0.3413193965 * sc,
        -0.0041960863 * lc - 0.7034186147 * mc + 1.7076127010 * sc,
    )


def from_oklch(lightness: float, chroma: float, hue: float) -> RGB:
    """The sRGB colour at that lightness and hue, with the chroma reduced as far as the
    screen's gamut needs (a very light or very dark shade cannot be as vivid)."""
    lightness = min(1.0, max(0.0, lightness))

    def inside(c: float) -> bool:
        return all(-1e-6 <= v <= 1 + 1e-6 for v in _oklch_to_linear(lightness, c, hue))

    if not inside(chroma):
        low, high = 0.0, chroma
        for _ in range(24):
            middle = (low + high) / 2
            low, high = (middle, high) if inside(middle) else (low, middle)
        chroma = low
    r, g, b = (_gamma(min(1.0, max(0.0, v))) for v in _oklch_to_linear(lightness, chroma, hue))
    return r, g, b


def shifted(rgb: RGB, lightness_change: float) -> RGB:
    """The colour made lighter (positive) or darker (negative) in OKLCH, hue kept."""
    lightness, chroma, hue = to_oklch(rgb)
    return from_oklch(lightness + lightness_change, chroma, hue)


def passes(rgb: RGB, against: Sequence[RGB], minimum: float) -> bool:
    return all(contrast(rgb, other) >= minimum for other in against)


def nearest_passing(rgb: RGB, against: Sequence[RGB], minimum: float) -> str | None:
    """The hex of the shade nearest in lightness to `rgb` (its hue kept) whose contrast with every
    colour in `against` is at least `minimum`; None when no lightness reaches it. Each candidate
    is judged as the hex it will be written as, so the answer passes as written."""
    lightness, chroma, hue = to_oklch(rgb)
    steps = int(1 / LIGHTNESS_STEP) + 1
    for step in range(steps):
        for direction in (-1, 1):
            candidate = lightness + direction * step * LIGHTNESS_STEP
            if not 0 <= candidate <= 1:
                continue
            written = to_hex(from_oklch(candidate, chroma, hue))
            parsed = parse_hex(written)
            if parsed is not None and passes(parsed, against, minimum):
                return written
    return None
