"""Images: found, probed for their size, and emitted with srcset and size (resized in publishing).

Writers keep images in `content/images/` and refer to them as `/images/<name>` from
Markdown (`![alt text](/images/lake.jpg)`) or front matter (`image:`, `photo:`). Each
becomes a few resized copies (never upscaled, metadata such as GPS position removed),
and the `<img>` gets `srcset`, `width` and `height` so the page does not jump as it loads.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import msgspec

from sitegen.core import layout
from sitegen.core import urls as u
from sitegen.core.errors import ContentError

IMAGES_DIR = layout.IMAGES
WIDTHS = (480, 960, 1440)
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*("[^"]*"|'[^']*')""")
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}


@dataclass(frozen=True)
class ImageInfo:
    """A source image and the resized variants made from it, as site paths."""

    name: str
    source_width: int
    source_height: int
    variants: tuple[tuple[int, str], ...]

    @property
    def width(self) -> int:
        """The width of the largest variant: what `src` points at."""
        return self.variants[-1][0]

    @property
    def height(self) -> int:
        return round(self.source_height * self.width / self.source_width)

    @property
    def largest(self) -> str:
        return self.variants[-1][1]


class ImageProblem(msgspec.Struct, frozen=True):
    """Why an image cannot be used, said to its writer: what is wrong (after its name), and what to do."""

    what: str
    hint: str


@lru_cache(maxsize=4096)
def _probe(path: Path, mtime_ns: int, size: int) -> tuple[int, int, str] | ImageProblem:
    """The image's width, height and a short digest of its bytes (what its variants are named by).
    Pillow is imported here, when a site has an image, not by every build."""
    from PIL import Image, UnidentifiedImageError

    try:
        digest = u.content_digest(path.read_bytes())
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return (*image.size, digest)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return too_large()
    except (UnidentifiedImageError, OSError):
        return ImageProblem("could not be read as an image", "save it again as JPEG or PNG")


def too_large() -> ImageProblem:
    """Past Pillow's guard against images that unpack to gigabytes: a web page never needs more pixels."""
    from PIL import Image

    most = Image.MAX_IMAGE_PIXELS or 89_478_485
    return ImageProblem(
        f"has more than {most // 1_000_000} million pixels, more than sitegen will open",
        "resize it to at most 4000 pixels on its longest side; pages show it at most 1440 wide",
    )


def image_problem(root: Path, name: str) -> ImageProblem:
    """Why image_info() gave None for `name`: missing, unreadable or too large."""
    path = root / IMAGES_DIR / name
    if not path.is_file() or name.startswith("/") or ".." in name.split("/"):
        return ImageProblem("was not found", f"put the file at {IMAGES_DIR}/{name}")
    if path.suffix.lower() not in FORMATS:
        return ImageProblem("is not a JPEG, PNG, WebP or GIF image", "save it as JPEG or PNG")
    stat = path.stat()
    probed = _probe(path, stat.st_mtime_ns, stat.st_size)
    return probed if isinstance(probed, ImageProblem) else ImageProblem("could not be read", "save it again")


def image_info(root: Path, name: str) -> ImageInfo | None:
    """Facts about `content/images/<name>`, or None when it is missing or not an image."""
    path = root / IMAGES_DIR / name
    if name.startswith("/") or ".." in name.split("/") or not path.is_file() or path.suffix.lower() not in FORMATS:
        return None
    stat = path.stat()
    probed = _probe(path, stat.st_mtime_ns, stat.st_size)
    if isinstance(probed, ImageProblem):
        return None
    width, height, digest = probed
    widths = [w for w in WIDTHS if w < width] + [width]
    variants = tuple((w, u.image_variant(name, w, digest)) for w in widths[: len(WIDTHS)])
    return ImageInfo(name, width, height, variants)


def local_image_name(src: str, base_path: str) -> str | None:
    """The name under content/images/ that a site URL refers to, if it refers to one."""
    return u.image_name(src, base_path)


def rewrite_images(
    html: str, root: Path, base_path: str, source_path: str, source_text: str, first_line: int
) -> tuple[str, list[ContentError], list[ImageInfo]]:
    """Give every local <img> its srcset and size; report images that are missing or lack alt text."""
    errors: list[ContentError] = []
    used: list[ImageInfo] = []

    def replace(match: re.Match[str]) -> str:
        attrs = {k.lower(): v[1:-1] for k, v in _ATTR.findall(match.group(1))}
        src = attrs.get("src", "")
        line = _line_of(source_text, src, first_line)
        if not attrs.get("alt", "").strip():
            errors.append(
                ContentError(
                    source_path,
                    line,
                    f"the image {src} has no alt text",
                    "describe it inside the brackets: ![What the image shows](...)",
                )
            )
        name = local_image_name(src, base_path)
        name = name or _relative_name(src, source_path)
        if name is None:
            return match.group(0)
        info = image_info(root, name)
        if info is None:
            problem = image_problem(root, name)
            errors.append(ContentError(source_path, line, f"the image {src} {problem.what}", problem.hint))
            return match.group(0)
        used.append(info)
        return img_tag(info, base_path, attrs.get("alt", ""), lazy=True, title=attrs.get("title", ""))

    return _IMG.sub(replace, html), errors, used


def _relative_name(src: str, source_path: str) -> str | None:
    """The content/images/ name that a path relative to the Markdown file leads to, as an editor's
    preview writes it (`../images/calm.jpg`); None for any other address (`sitegen check` follows those)."""
    target = u.beside_source(src, source_path)
    prefix = IMAGES_DIR + "/"
    return target.removeprefix(prefix) if target and target.startswith(prefix) else None


def img_tag(info: ImageInfo, base_path: str, alt: str, lazy: bool, title: str = "") -> str:
    from markupsafe import escape

    srcset = ", ".join(f"{u.href(base_path, path)} {w}w" for w, path in info.variants)
    extra = f' title="{escape(title)}"' if title else ""
    loading = ' loading="lazy"' if lazy else ""
    return (
        f'<img src="{u.href(base_path, info.largest)}" srcset="{srcset}" sizes="(max-width: 44rem) 100vw, 42rem" '
        f'width="{info.width}" height="{info.height}" alt="{escape(alt)}"{loading} decoding="async"{extra}>'
    )


def _line_of(text: str, src: str, first_line: int) -> int:
    """The line where `src` was written: as a Markdown target, an HTML attribute, or at least its file name."""
    tail = src.split("/")[-1]
    found = (text.find(written) for written in (f"]({src}", f'"{src}"', src, tail) if written)
    index = next((at for at in found if at >= 0), -1)
    return first_line + text.count("\n", 0, index) if index >= 0 else first_line
