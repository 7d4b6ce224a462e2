"""The self-hosted faces the default theme ships (static/fonts/<name>/), and the rules that load one.

Only the face site.yaml's `brand.font` chooses is published: a site that keeps the system
font ships no font file at all. Each face's folder holds its WOFF2 files, named as the
@fontsource packages name them (`<name>-<subset>-<weight>-<style>.woff2`), its licence
and a note of where it came from. The @font-face rules are written from those names, each
file's `unicode-range` from its subset, so a browser fetches only the subsets a page uses.
"""

from __future__ import annotations

import re

from sitegen.config.brand import FONTS, FontFace
from sitegen.theming.assets import StaticAssets, StaticFile

FONTS_DIR = "fonts/"
_FILE = re.compile(r"^(?P<subset>latin(?:-ext)?)-(?P<weight>\d{3})-(?P<style>normal|italic)\.woff2$")

UNICODE_RANGES = {
    "latin": "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, "
    "U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
    "latin-ext": "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, "
    "U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF",
}
"""The characters in each subset, as the @fontsource packages (and Google Fonts) cut them."""


def without_other_faces(assets: StaticAssets, chosen: str) -> StaticAssets:
    """The static files, less every shipped face but the chosen one."""
    others = tuple(f"{FONTS_DIR}{name}/" for name in FONTS if name != chosen)
    return StaticAssets(tuple(f for f in assets.files if not f.name.startswith(others)))


def font_face_rules(name: str, face: FontFace, assets: StaticAssets) -> str:
    """The @font-face rules of face `name`, each pointing at its file's digest-named copy, relative
    to a stylesheet at the top of static/ (latin-ext first, as the wider subset's range is checked last)."""
    folder = f"{FONTS_DIR}{name}/"
    rules = []
    for file in sorted(_files(assets, folder), key=lambda f: (f.name.count("-ext-") == 0, f.name)):
        found = _FILE.match(file.name[len(folder) + len(name) + 1 :])
        if found is None:
            continue
        rules.append(
            "@font-face {\n"
            f'  font-family: "{face.family}";\n'
            f"  font-style: {found['style']};\n"
            f"  font-weight: {found['weight']};\n"
            "  font-display: swap;\n"
            f'  src: url("{file.hashed}") format("woff2");\n'
            f"  unicode-range: {UNICODE_RANGES[found['subset']]};\n"
            "}\n"
        )
    return "".join(rules)


def _files(assets: StaticAssets, folder: str) -> list[StaticFile]:
    return [f for f in assets.files if f.name.startswith(folder) and f.name.endswith(".woff2")]
