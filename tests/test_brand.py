"""site.yaml's `brand:`: an accent that stays readable, a logo, favicons, a hero image and a font.

Contrast is worked out here again with the WCAG formula, written independently of sitegen's
own colour module, and the theme's colours are read from the published site.css.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from PIL import Image
from test_cache_friendly_assets import check_every_load
from test_html_validity import OLDER_CSP_GRAMMAR, validate

from conftest import MINIMAL_SITE_YAML, MakeSite, run_sitegen, serving, snapshot

FIXTURE = Path(__file__).parent / "fixtures" / "branded"
ARTICLE = "---\ntitle: A calm article\ndate: 2025-01-02\ncategory: Anxiety\n---\nBody text.\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80"><circle cx="40" cy="40" r="30"/></svg>\n'


def wcag_luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d + d for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def wcag_ratio(first: str, second: str) -> float:
    a, b = sorted((wcag_luminance(first), wcag_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def theme_colours(output: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The published theme stylesheet's light and dark custom properties."""
    css = next((output / "static").glob("site.*.css")).read_text(encoding="utf-8")
    light = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", css.split("@media")[0]))
    dark_block = re.search(r"prefers-color-scheme: dark\)\s*\{\s*:root\s*\{([^}]*)\}", css)
    assert dark_block, "the theme's stylesheet has no dark colours"
    dark = {**light, **dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})\b", dark_block[1]))}
    return light, dark


def brand_yaml(brand: str) -> str:
    return MINIMAL_SITE_YAML + "brand:\n" + "".join(f"  {line}\n" for line in brand.strip().splitlines())


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (40, 90, 120, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def built_branded(tmp_path: Path) -> Path:
    root = tmp_path / "branded"
    shutil.copytree(FIXTURE, root)
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    return root


# --- the contrast maths, on pairs whose ratios are known -------------------------------------


def test_known_wcag_pairs() -> None:
    from sitegen.core.colour import contrast, parse_hex, ratio_text

    def ratio(a: str, b: str) -> float:
        first, second = parse_hex(a), parse_hex(b)
        assert first and second
        return contrast(first, second)

    assert ratio("#000", "#fff") == pytest.approx(21.0)
    assert ratio("#fff", "#fff") == pytest.approx(1.0)
    # #767676 is the lightest grey that passes on white; #777777 just fails (WebAIM lists both).
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert ratio("#777777", "#ffffff") < 4.5 <= ratio("#767676", "#ffffff")
    assert ratio_text(ratio("#777777", "#ffffff")) == "4.47:1", "cut, never rounded up to look closer to passing"
    assert ratio_text(21.0) == "21:1"


# --- an accent that is too faint ----------------------------------------------------------------


def test_a_faint_accent_fails_with_its_ratio_and_a_shade_that_passes(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=brand_yaml('accent: "#9fd3c7"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    line = len(MINIMAL_SITE_YAML.splitlines()) + 2
    found = re.search(
        rf"site\.yaml:{line}: brand\.accent #9fd3c7 has a contrast of (\d+\.\d+):1 .*"
        r'try accent: "(#[0-9a-f]{6})", the nearest shade',
        result.err,
    )
    assert found, result.err
    assert 1.55 <= float(found[1]) < 1.67, "#9fd3c7 is about 1.66:1 on white, a little less on the page's off-white"
    assert "Traceback" not in result.err
    assert not (root / "output").exists()

    suggestion = found[2]
    fixed = make_site({}, site_yaml=brand_yaml(f'accent: "{suggestion}"'))
    result = run_sitegen("build", "-q", cwd=fixed)
    assert result.code == 0, result.err
    light, _ = theme_colours(fixed / "output")
    for name in ("--bg", "--surface", "--accent-contrast"):
        assert wcag_ratio(suggestion, light[name]) >= 4.5, f"{suggestion} on {name}"


def test_the_failing_build_leaves_the_last_output_as_it_was(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=brand_yaml('accent: "#2f6b5e"'))
    assert run_sitegen("build", "-q", cwd=root).code == 0
    before = snapshot(root / "output")
    make_site({}, site_yaml=brand_yaml('accent: "#ffcc00"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1 and "brand.accent #ffcc00" in result.err
    assert snapshot(root / "output") == before


@pytest.mark.parametrize("accent", ["#2f6b5e", "#7a3e8c", "#000", "#0645ad", "#8a4b00", "#1b1b1b"])
def test_every_accent_shade_reads_well_in_light_and_dark(make_site: MakeSite, accent: str) -> None:
    root = make_site({"content/articles/a.md": ARTICLE}, site_yaml=brand_yaml(f'accent: "{accent}"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    css = next((root / "output/static").glob("brand.*.css")).read_text(encoding="utf-8")
    light_block, dark_block = css.split("@media screen and (prefers-color-scheme: dark)")
    light, dark = theme_colours(root / "output")
    for block, scheme in ((light_block, light), (dark_block, dark)):
        shades = dict(re.findall(r"(--accent(?:-strong)?): (#[0-9a-f]{6})", block))
        assert set(shades) == {"--accent", "--accent-strong"}, block
        for shade in shades.values():
            for name in ("--bg", "--surface", "--accent-contrast"):
                assert wcag_ratio(shade, scheme[name]) >= 4.5, f"{shade} against {name} {scheme[name]}"
        tint = re.search(r"--accent-soft: (#[0-9a-f]{6})", block)
        assert tint, "the featured journey's tint follows the brand too"
        assert tint[1] != scheme["--accent-soft"] or accent == "#2f6b5e", "the theme's own tint was left in place"
        for name in ("--accent-strong", "--text"):
            colour = shades.get(name) or scheme[name]
            assert wcag_ratio(colour, tint[1]) >= 4.5, f"{name} {colour} on the tint {tint[1]}"
    written = accent if len(accent) == 7 else "#000000"
    assert f"--accent: {written};" in light_block, "light mode keeps the chosen accent"


def test_an_unquoted_accent_is_explained(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=brand_yaml("accent: #2f6b5e"))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "brand.accent has no colour" in result.err and "put the colour in quotes" in result.err


def test_an_accent_that_is_not_a_colour_is_named(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=brand_yaml('accent: "teal-ish"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    line = len(MINIMAL_SITE_YAML.splitlines()) + 2
    assert f"site.yaml:{line}: 'brand.accent': 'teal-ish' is not a colour" in result.err


# --- logo, favicon, hero and font ---------------------------------------------------------------


def test_a_branded_site_shows_its_logo_hero_favicons_and_font(tmp_path: Path) -> None:
    root = built_branded(tmp_path)
    output = root / "output"
    home = (output / "index.html").read_text(encoding="utf-8")
    article = (output / "articles/first-steps/index.html").read_text(encoding="utf-8")
    logo = re.search(
        r'<a class="site-title"[^>]*><img class="site-logo" src="([^"]+)" width="(\d+)" height="(\d+)" alt="">'
        r"Quiet Harbor Counseling</a>",
        article,
    )
    assert logo, "the logo sits inside the title link, before the name"
    with Image.open(output / logo[1].lstrip("/")) as image:
        assert image.size == (int(logo[2]), int(logo[3]))
    hero = re.search(
        r'<img class="hero-image" src="/images/hero-1440w-[0-9a-f]{10}\.jpg" '
        r'srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1440w"[^>]* alt="A calm sea under a pale sun"',
        home,
    )
    assert hero, "the home page shows the hero in several widths"
    assert "hero-image" not in article, "only the home page has the hero"
    icons = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="([^"]+)"', article))
    for rel, side in (("icon", 32), ("apple-touch-icon", 180)):
        with Image.open(output / icons[rel].lstrip("/")) as image:
            assert image.format == "PNG" and image.size == (side, side)
    sheet = re.search(r'<link rel="stylesheet" href="(/static/brand\.[0-9a-f]{10}\.css)">', article)
    assert sheet and article.index("/static/site.") < article.index(sheet[1]), "the brand's sheet follows the theme's"
    css = (output / sheet[1].lstrip("/")).read_text(encoding="utf-8")
    assert 'font-family: "Atkinson Hyperlegible"' in css
    assert css.count("@font-face") == 8, "latin and latin-ext, 400 and 700, upright and italic"
    loads = check_every_load(root, "https://example.org", "/")
    fonts = {name for name in loads if name.endswith(".woff2")}
    assert len(fonts) == 8 and all(name.startswith("static/fonts/atkinson-hyperlegible/") for name in fonts)
    assert not (output / "static/fonts/literata").exists(), "a face the site did not choose is not published"
    assert "<style" not in home and " style=" not in home


def test_a_site_without_a_brand_ships_no_font_and_no_brand_sheet(make_site: MakeSite) -> None:
    root = make_site({"content/articles/a.md": ARTICLE})
    assert run_sitegen("build", "-q", cwd=root).code == 0
    assert not (root / "output/static/fonts").exists()
    assert not list((root / "output/static").glob("brand*"))
    assert "brand." not in (root / "output/index.html").read_text(encoding="utf-8")


def test_the_font_files_are_served(tmp_path: Path) -> None:
    root = built_branded(tmp_path)
    css = next((root / "output/static").glob("brand.*.css"))
    first = re.search(r'url\("([^"]+\.woff2)"\)', css.read_text(encoding="utf-8"))
    assert first
    with serving(root / "output") as site, urlopen(f"{site}/static/{first[1]}") as response:
        data = response.read()
    assert data[:4] == b"wOF2"


def test_an_svg_logo_needs_a_raster_favicon(make_site: MakeSite) -> None:
    root = make_site({"content/images/mark.svg": SVG}, site_yaml=brand_yaml('logo: mark.svg\nlogo_alt: ""'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    line = len(MINIMAL_SITE_YAML.splitlines()) + 2
    assert f"site.yaml:{line}: an SVG logo cannot be made into a favicon" in result.err
    assert "add 'favicon:'" in result.err
    (root / "content/images/mark.png").write_bytes(png(256, 256))
    make_site({}, site_yaml=brand_yaml('logo: mark.svg\nlogo_alt: ""\nfavicon: mark.png'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    html = (root / "output/index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<img class="site-logo" src="/static/brand/logo\.[0-9a-f]{10}\.svg" width="200" height="80" alt="">', html
    )
    assert 'rel="icon"' in html and 'rel="apple-touch-icon"' in html


@pytest.mark.parametrize(
    ("inside", "named"),
    [
        ("<script>alert(document.cookie)</script>", "a <script> element"),
        ('<circle r="5" onload="alert(1)"/>', "an event handler (onload=…)"),
        (
            '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="javascript:alert(1)"><circle r="5"/></a>',
            "a javascript: link",
        ),
        (
            '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>',
            "a <foreignObject> element",
        ),
    ],
)
def test_an_svg_logo_that_could_run_script_is_refused_at_its_line(make_site: MakeSite, inside: str, named: str) -> None:
    svg = SVG.replace("</svg>", inside + "</svg>")
    root = make_site(
        {"content/images/mark.svg": svg}, site_yaml=brand_yaml('logo: mark.svg\nlogo_alt: ""\nfavicon: mark.png')
    )
    (root / "content/images/mark.png").write_bytes(png(64, 64))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1 and "Traceback" not in result.err
    line = len(MINIMAL_SITE_YAML.splitlines()) + 2
    assert f"site.yaml:{line}: the SVG logo holds {named}" in result.err
    assert "export it again as plain SVG" in result.err


def test_a_missing_logo_is_located(make_site: MakeSite) -> None:
    root = make_site({"content/images/logo.png": ""}, site_yaml=brand_yaml('logo: logos.png\nlogo_alt: ""'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    line = len(MINIMAL_SITE_YAML.splitlines()) + 2
    assert (
        f"site.yaml:{line}: brand.logo: there is no file content/images/logos.png (did you mean 'logo.png'?)"
        in result.err
    )


def test_a_logo_needs_its_alt_and_a_hero_its_description(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=brand_yaml("logo: logo.png\nhero_image: hero.jpg"))
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/logo.png").write_bytes(png(64, 64))
    (root / "content/images/hero.jpg").write_bytes(png(64, 64))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "brand.logo needs 'logo_alt'" in result.err
    assert "brand.hero_image needs 'hero_alt'" in result.err


def test_an_unknown_font_suggests_the_one_meant(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=brand_yaml("font: atkinson"))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert "there is no font 'atkinson'" in result.err and "atkinson-hyperlegible" in result.err


def test_a_large_logo_is_published_small(make_site: MakeSite) -> None:
    root = make_site({}, site_yaml=brand_yaml('logo: big.png\nlogo_alt: ""'))
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/big.png").write_bytes(png(2000, 1000))
    assert run_sitegen("build", "-q", cwd=root).code == 0
    html = (root / "output/index.html").read_text(encoding="utf-8")
    found = re.search(r'<img class="site-logo" src="([^"]+)" width="(\d+)" height="(\d+)"', html)
    assert found and (found[2], found[3]) == ("320", "160")
    assert urlsplit(found[1]).path.startswith("/static/brand/logo.")


def test_the_branded_pages_and_stylesheet_are_valid(tmp_path: Path) -> None:
    output = built_branded(tmp_path) / "output"
    pages = sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)
    result = validate(pages, "--format", "gnu", f"--ignore-re={OLDER_CSP_GRAMMAR}")
    assert result.returncode == 0, result.stdout + result.stderr
    sheets = [next((output / "static").glob("brand.*.css"))]
    result = validate(sheets, "--skip-non-css", "--also-check-css")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_accent_is_checked_against_the_themes_own_colours(make_site: MakeSite) -> None:
    """A project's site.css with darker backgrounds and no dark mode: the accent is measured
    against those, and gets no dark-mode shade the theme would never use."""
    own_theme = ":root { --bg: #333333; --surface: #3a3a3a; --accent-contrast: #000000; }\nbody { color: #fff; }\n"
    root = make_site({"static/site.css": own_theme}, site_yaml=brand_yaml('accent: "#2f6b5e"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 1
    assert re.search(
        r"brand\.accent #2f6b5e has a contrast of [\d.]+:1 with the page's background \(#3a3a3a\)", result.err
    )
    make_site({}, site_yaml=brand_yaml('accent: "#f2b880"'))
    result = run_sitegen("build", "-q", cwd=root)
    assert result.code == 0, result.err
    css = next((root / "output/static").glob("brand.*.css")).read_text(encoding="utf-8")
    assert "--accent: #f2b880;" in css and "prefers-color-scheme" not in css
