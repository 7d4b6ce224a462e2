"""The brand's images read from content/images/: the logo as pages show it, and the favicons.

A raster logo is shown about 40 pixels high, so it is published at most LOGO_MAX_HEIGHT
pixels high (sharp on a high-density screen, never the megabytes of an original), as PNG,
with any metadata such as a camera's GPS position left behind. An SVG logo is published as
written, once it is known to hold no script: opened on its own, as a link or a search engine
may, an SVG is a page of the site, and a script in it would run as the site. The favicons
are square PNGs made with Pillow from the site's favicon image, or from a raster logo when
there is none: the image is fitted and centred on a transparent square (a white one for the
home-screen icon, which iOS would otherwise fill with black).
"""

from __future__ import annotations

import io
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

import msgspec

from sitegen.config.brand import SVG_SUFFIX
from sitegen.core import layout
from sitegen.reading.images import too_large

if TYPE_CHECKING:  # Pillow and defusedxml are imported when a site has a logo, not by every build
    from PIL import Image

LOGO_MAX_HEIGHT = 160
FAVICON_SIZES = (32, 180)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


class LogoFile(msgspec.Struct, frozen=True):
    data: bytes
    suffix: str
    width: int
    height: int


class UnusableImage(Exception):
    """An image the build cannot use, with what to do about it (message, hint)."""


def read_logo(root: Path, name: str) -> LogoFile:
    path = root / layout.IMAGES / name
    stat = path.stat()
    if name.lower().endswith(SVG_SUFFIX):
        return _svg_logo(path, stat.st_mtime_ns, stat.st_size)
    return _raster_logo(path, stat.st_mtime_ns, stat.st_size)


def favicons(root: Path, name: str) -> dict[int, bytes]:
    """The favicon at each of FAVICON_SIZES, as PNG bytes."""
    path = root / layout.IMAGES / name
    stat = path.stat()
    return _favicons(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _svg_logo(path: Path, mtime_ns: int, size: int) -> LogoFile:
    from defusedxml import DefusedXmlException, ElementTree

    data = path.read_bytes()
    try:
        svg = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException):
        svg = None
    if svg is None or not svg.tag.endswith("svg"):
        raise UnusableImage("the SVG logo could not be read", "save it again as plain SVG from your drawing program")
    active = _active_part(svg)
    if active:
        raise UnusableImage(
            f"the SVG logo holds {active}, which would run as part of the site if the logo were opened on its own",
            "export it again as plain SVG (most drawing programs have an 'optimised' or 'plain' SVG option), "
            "or use a PNG",
        )
    width, height = _length(svg.get("width")), _length(svg.get("height"))
    box = (svg.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        box_width, box_height = _length(box[2]), _length(box[3])
        if box_width and box_height:
            width = width or (height or box_height) * box_width / box_height
            height = height or width * box_height / box_width
    if not width or not height:
        raise UnusableImage("the SVG logo does not say its size", "give its <svg> a viewBox, or width and height")
    return LogoFile(data, SVG_SUFFIX, round(width), round(height))


_ACTIVE_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "object", "embed", "handler", "listener"})
_LINK_ATTRIBUTES = frozenset({"href", "{http://www.w3.org/1999/xlink}href"})


def _active_part(svg: Element) -> str:
    """What in the SVG could run or navigate: a script, an event handler, a javascript: link; '' for none."""
    for element in svg.iter():
        name = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        if name in _ACTIVE_ELEMENTS:
            return f"a <{name}> element"
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2]
            if local.lower().startswith("on"):
                return f"an event handler ({local}=…)"
            if attribute in _LINK_ATTRIBUTES and "script:" in value.replace(" ", "").lower():
                return "a javascript: link"
    return ""


def _length(value: str | None) -> float | None:
    found = _LENGTH.match(value or "")
    return float(found.group(1)) if found else None


@lru_cache(maxsize=16)
def _raster_logo(path: Path, mtime_ns: int, size: int) -> LogoFile:
    from PIL import Image

    with _open(path) as image:
        logo = image.convert("RGBA")
        if logo.height > LOGO_MAX_HEIGHT:
            width = max(1, round(logo.width * LOGO_MAX_HEIGHT / logo.height))
            logo = logo.resize((width, LOGO_MAX_HEIGHT), Image.Resampling.LANCZOS)
        return LogoFile(_png(logo), ".png", logo.width, logo.height)


@lru_cache(maxsize=16)
def _favicons(path: Path, mtime_ns: int, size: int) -> dict[int, bytes]:
    from PIL import Image, ImageOps

    with _open(path) as image:
        source = image.convert("RGBA")
    made = {}
    for side in FAVICON_SIZES:
        background = (255, 255, 255, 255) if side >= 180 else (0, 0, 0, 0)
        square = Image.new("RGBA", (side, side), background)
        fitted = ImageOps.contain(source, (side, side), Image.Resampling.LANCZOS)
        square.alpha_composite(fitted, ((side - fitted.width) // 2, (side - fitted.height) // 2))
        made[side] = _png(square)
    return made


def _open(path: Path) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        problem = too_large()
        raise UnusableImage(f"{layout.IMAGES}/{path.name} {problem.what}", problem.hint) from None
    except (UnidentifiedImageError, OSError):
        raise UnusableImage(
            f"{layout.IMAGES}/{path.name} could not be read as an image", "save it again as PNG or JPEG"
        ) from None


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
