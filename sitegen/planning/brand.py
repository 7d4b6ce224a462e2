"""The brand as pages show it: the files it adds to the site, and what templates receive.

Every file the brand adds (its stylesheet, the logo, the favicons) joins the theme's static
files, so it is published like them: under a name made from its bytes, cached for a year,
listed among the generated files no old address may take. The hero image goes through the
image pipeline like an article's, in a few widths.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import msgspec
from markupsafe import Markup

from sitegen.config.brand import SVG_SUFFIX, Brand
from sitegen.config.site_config import CONFIG_FILE, SiteConfig
from sitegen.core import layout
from sitegen.core import urls as u
from sitegen.core.errors import ContentError
from sitegen.reading.brand_images import FAVICON_SIZES, UnusableImage, favicons, read_logo
from sitegen.reading.images import ImageInfo, image_info, image_problem, img_tag
from sitegen.theming.assets import StaticAssets, StaticFile
from sitegen.theming.brand_style import STYLESHEET, accent_shades, brand_stylesheet
from sitegen.theming.fonts import without_other_faces
from sitegen.theming.palette import STYLESHEET as THEME_STYLESHEET
from sitegen.theming.palette import theme_palette


@dataclass(frozen=True)
class LogoView:
    url: str
    width: int
    height: int
    alt: str
    """Empty when the logo only sits beside the site's name (see sitegen/config/brand.py)."""


@dataclass(frozen=True)
class IconLink:
    """One `<link>` of a favicon: rel 'icon' or 'apple-touch-icon'."""

    rel: str
    url: str
    sizes: str


class BrandView(msgspec.Struct, frozen=True):
    """site.yaml's `brand:` as every template receives it, in `site.brand`."""

    stylesheet_url: str | None
    """The brand stylesheet (accent shades, font, logo and hero sizing), linked after the theme's; None: no brand."""
    logo: LogoView | None
    hero_html: Markup
    """The home page's hero `<img>` with its srcset, width and height; empty when there is none."""
    icons: tuple[IconLink, ...]
    font_family: str
    """The family of the chosen face ('Atkinson Hyperlegible'); empty for the system's font."""


NO_BRAND = BrandView(None, None, Markup(), (), "")


class BrandPlan(msgspec.Struct, frozen=True):
    view: BrandView
    assets: StaticAssets
    """The theme's static files with the brand's added, and only the chosen face among the fonts."""
    hero: ImageInfo | None
    errors: list[ContentError]


def plan_brand(config: SiteConfig, root: Path, assets: StaticAssets) -> BrandPlan:
    """The brand's files and view, or the problems with it (the accent's contrast, an image that cannot be read)."""
    brand = config.brand
    assets = without_other_faces(assets, brand.font)
    if brand.is_default:
        return BrandPlan(NO_BRAND, assets, None, [])
    shades, errors = accent_shades(config, theme_palette(assets))
    added: list[StaticFile] = []
    css = brand_stylesheet(brand, shades, assets)
    if css:
        theme_css = next((f.source for f in assets.files if f.name == THEME_STYLESHEET), root / CONFIG_FILE)
        added.append(_generated(STYLESHEET, theme_css, css.encode("utf-8")))
    logo, icons = _logo_and_icons(config, root, added, errors)
    hero = image_info(root, brand.hero_image) if brand.hero_image else None
    if brand.hero_image and hero is None:
        problem = image_problem(root, brand.hero_image)
        message = f"brand.hero_image {brand.hero_image} {problem.what}"
        errors.append(ContentError(CONFIG_FILE, config.line_of("brand", "hero_image"), message, problem.hint))
    replaced = {f.name for f in added}
    branded = StaticAssets(tuple(sorted([*(f for f in assets.files if f.name not in replaced), *added], key=_name)))
    link = {f.name: u.static_href(config.base_path, f.hashed) for f in added}
    view = BrandView(
        link.get(STYLESHEET),
        replace(logo, url=link[logo.url]) if logo else None,
        _hero_html(hero, config.base_path, brand) if hero else Markup(),
        tuple(replace(icon, url=link[icon.url]) for icon in icons),
        brand.face.family if brand.face else "",
    )
    return BrandPlan(view, branded, hero, errors)


def _name(file: StaticFile) -> str:
    return file.name


def _hero_html(hero: ImageInfo, base_path: str, brand: Brand) -> Markup:
    """The hero as the first thing a reader sees: loaded at once, not lazily."""
    tag = img_tag(hero, base_path, brand.hero_alt or "", lazy=False)
    return Markup(tag.replace("<img ", '<img class="hero-image" ', 1))


def _logo_and_icons(
    config: SiteConfig, root: Path, added: list[StaticFile], errors: list[ContentError]
) -> tuple[LogoView | None, list[IconLink]]:
    """The logo and favicons as static files (added to `added`), their views naming the files by
    name within static/ until the caller knows their addresses; an unreadable image joins `errors`."""
    brand = config.brand
    logo = None
    if brand.logo:
        try:
            read = read_logo(root, brand.logo)
        except UnusableImage as problem:
            errors.append(ContentError(CONFIG_FILE, config.line_of("brand", "logo"), *problem.args))
            return None, []
        name = f"brand/logo{read.suffix}"
        added.append(_generated(name, root / layout.IMAGES / brand.logo, read.data))
        logo = LogoView(name, read.width, read.height, brand.logo_alt or "")
    icons: list[IconLink] = []
    raster_logo = brand.logo if logo and not brand.logo.lower().endswith(SVG_SUFFIX) else ""
    icon_source = brand.favicon or raster_logo
    if not icon_source:
        return logo, icons
    try:
        made = favicons(root, icon_source)
    except UnusableImage as problem:
        key = "favicon" if brand.favicon else "logo"
        errors.append(ContentError(CONFIG_FILE, config.line_of("brand", key), *problem.args))
        return logo, icons
    for side in FAVICON_SIZES:
        name = f"brand/favicon-{side}.png"
        added.append(_generated(name, root / layout.IMAGES / icon_source, made[side]))
        icons.append(IconLink("icon" if side < 180 else "apple-touch-icon", name, f"{side}x{side}"))
    return logo, icons


def _generated(name: str, made_from: Path, data: bytes) -> StaticFile:
    """A static file the build makes, published under its digest name like the theme's own."""
    return StaticFile(name, made_from, u.content_addressed(name, u.content_digest(data)), data)
