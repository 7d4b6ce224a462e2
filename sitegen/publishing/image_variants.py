"""The resized copies of each image: made with Pillow at a few widths, never upscaled, with
metadata such as GPS position removed, and kept in the cache so an unchanged image is made once."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from sitegen.core.sealed import read_sealed, write_sealed
from sitegen.planning.addresses import used_images
from sitegen.reading.images import FORMATS, IMAGES_DIR, ImageInfo
from sitegen.reading.models import Content


def resized_variants(root: Path, info: ImageInfo, cache_dir: Path | None = None) -> list[tuple[str, bytes]]:
    """The bytes of each variant: resized, metadata stripped, deterministic; kept in `cache_dir`.

    A cached variant is used only if its bytes still match the digest in its file name.
    """
    source = root / IMAGES_DIR / info.name
    import PIL  # only a site with images needs Pillow

    shaped_by = repr((info.variants, _SETTINGS, PIL.__version__))  # another Pillow may write other bytes
    key = hashlib.sha256(source.read_bytes() + shaped_by.encode()).hexdigest()[:32]
    if cache_dir is not None:
        cached = _cached_variants(cache_dir, key, info)
        if cached is not None:
            return cached
    results = _resize(source, info)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for (width, _), (_, data) in zip(info.variants, results, strict=True):
            digest = hashlib.sha256(data).hexdigest()[:16]
            write_sealed(cache_dir / f"{key}-{width}-{digest}", data)
    return results


def _cached_variants(cache_dir: Path, key: str, info: ImageInfo) -> list[tuple[str, bytes]] | None:
    found = []
    for width, path in info.variants:
        matches = sorted(cache_dir.glob(f"{key}-{width}-*"))
        if len(matches) != 1:
            return None
        data = read_sealed(matches[0])  # an image another user's cache offers is never published
        if data is None or hashlib.sha256(data).hexdigest()[:16] != matches[0].name.rsplit("-", 1)[1]:
            return None
        found.append((path, data))
    return found


_SETTINGS = ("LANCZOS", "jpeg-q82-optimize-progressive", "png-optimize")


def _resize(source: Path, info: ImageInfo) -> list[tuple[str, bytes]]:
    from PIL import Image  # only a site with images needs Pillow

    results = []
    with Image.open(source) as original:
        image_format = FORMATS[source.suffix.lower()]
        for width, path in info.variants:
            height = round(info.source_height * width / info.source_width)
            image = (
                original if width == info.source_width else original.resize((width, height), Image.Resampling.LANCZOS)
            )
            buffer = io.BytesIO()
            if image_format == "JPEG":
                image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
            else:
                image.save(buffer, image_format, optimize=True)
            results.append((path, buffer.getvalue()))
    return results


def image_variants(root: Path, content: Content, cache_dir: Path | None) -> list[tuple[str, bytes]]:
    """Every resized image the published content uses, each made once.

    Variants are named for their source's bytes, so two names for the same bytes
    ('photo.jpg', 'photo.JPG') may share a path: it is written once."""
    used = used_images(content)
    made = {path: data for name in used for path, data in resized_variants(root, used[name], cache_dir)}
    return list(made.items())
