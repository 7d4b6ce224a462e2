"""Images: resized into a few widths with srcset and size; missing files and alt text are errors."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import PIL
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import MakeSite, run_sitegen
from sitegen.build import build


def photo(width: int = 2000, height: int = 1000, exif_gps: bool = True) -> bytes:
    image = Image.new("RGB", (width, height), (120, 160, 150))
    buffer = io.BytesIO()
    exif = Image.Exif()
    if exif_gps:
        exif[0x8825] = {2: (45.0, 31.0, 0.0)}  # GPS latitude: where the photo was taken
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


CALM_DIGEST = hashlib.sha256(photo()).hexdigest()[:10]
"""Resized copies are named for the bytes of the image they come from."""


def make(make_site: MakeSite, body: str, extra: str = "") -> Path:
    root = make_site(
        {"content/articles/a.md": f"---\ntitle: A\ndate: 2025-01-01\ncategory: Anxiety\n{extra}---\n{body}\n"}
    )
    (root / "content/images").mkdir(parents=True)
    (root / "content/images/calm.jpg").write_bytes(photo())
    return root


def test_content_image_gets_srcset_size_and_lazy_loading(make_site: MakeSite) -> None:
    root = make(make_site, "Intro.\n\n![A calm room](/images/calm.jpg)")
    assert run_sitegen("build", cwd=root).code == 0
    img = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser").select_one(".prose img")
    assert img["alt"] == "A calm room"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("1440", "720")
    widths = [part.split()[1] for part in img["srcset"].split(", ")]
    assert widths == ["480w", "960w", "1440w"]
    for part in img["srcset"].split(", "):
        made = root / "output" / part.split()[0].lstrip("/")
        with Image.open(made) as variant:
            assert variant.width == int(part.split()[1][:-1])
            assert 0x8825 not in variant.getexif(), "location metadata must not be published"


def test_front_matter_image_is_the_hero_and_og_image(make_site: MakeSite) -> None:
    root = make(make_site, "Body.", extra="image: /images/calm.jpg\nimage_alt: A calm room\n")
    assert run_sitegen("build", cwd=root).code == 0
    page = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser")
    hero = page.select_one(".article-image img")
    assert hero is not None and hero.get("loading") is None, "the first image is above the fold: not lazy"
    og_image = page.find("meta", property="og:image")["content"]
    assert og_image == f"https://example.org/images/calm-1440w-{CALM_DIGEST}.jpg"


def test_missing_alt_text_and_missing_file_are_errors_with_lines(make_site: MakeSite) -> None:
    root = make(make_site, "Intro.\n\n![](/images/calm.jpg)\n\n![A lake](/images/lake.jpg)")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:8: the image /images/calm.jpg has no alt text" in result.err
    assert "content/articles/a.md:10: the image /images/lake.jpg was not found" in result.err


def test_front_matter_image_without_alt_or_file(make_site: MakeSite) -> None:
    root = make(make_site, "Body.", extra="image: /images/missing.jpg\n")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:5: the image has no 'image_alt' text" in result.err
    assert "content/articles/a.md:5: the image /images/missing.jpg was not found" in result.err


def huge_png(width: int, height: int) -> bytes:
    """A small file that unpacks to more pixels than Pillow opens without warning (89.5 million)."""
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_with_too_many_pixels_is_a_located_error_not_a_warning_or_a_crash(make_site: MakeSite) -> None:
    root = make(make_site, "![A wide view](/images/wide.png)\n\n![A wider view](/images/wider.png)")
    hero = "---\ntitle: B\ndate: 2025-01-01\ncategory: Anxiety\nimage: /images/wide.png\nimage_alt: Hills\n---\nB.\n"
    (root / "content/articles/b.md").write_text(hero, encoding="utf-8")
    (root / "content/images/wide.png").write_bytes(huge_png(10_000, 9_500))  # Pillow warns, and opens it
    (root / "content/images/wider.png").write_bytes(huge_png(15_000, 13_000))  # Pillow refuses
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    too_many = "has more than 89 million pixels, more than sitegen will open (resize it"
    assert f"content/articles/a.md:6: the image /images/wide.png {too_many}" in result.err
    assert f"content/articles/a.md:8: the image /images/wider.png {too_many}" in result.err
    assert f"content/articles/b.md:5: the image /images/wide.png {too_many}" in result.err
    assert "DecompressionBomb" not in result.err and "crashed" not in result.err
    assert not (root / "output").exists()


def test_an_image_written_relative_to_its_markdown_file_is_found_as_an_editor_shows_it(make_site: MakeSite) -> None:
    root = make(make_site, "![Calm water](../images/calm.jpg)\n\n![Still water](../images/still.jpg)")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/articles/a.md:8: the image ../images/still.jpg was not found" in result.err
    assert "a.md:6" not in result.err  # ../images/calm.jpg leads to content/images/calm.jpg
    (root / "content/images/still.jpg").write_bytes(photo())
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = BeautifulSoup((root / "output/articles/a/index.html").read_text(encoding="utf-8"), "html.parser")
    for alt, name in (("Calm water", "calm"), ("Still water", "still")):
        img = page.find("img", alt=alt)
        assert img is not None and img["src"] == f"/images/{name}-1440w-{CALM_DIGEST}.jpg"


def test_small_images_are_never_upscaled(make_site: MakeSite) -> None:
    root = make(make_site, "![A calm room](/images/small.jpg)")
    (root / "content/images/small.jpg").write_bytes(photo(600, 300, exif_gps=False))
    assert run_sitegen("build", cwd=root).code == 0
    img = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser").select_one(".prose img")
    assert [p.split()[1] for p in img["srcset"].split(", ")] == ["480w", "600w"]
    assert (img["width"], img["height"]) == ("600", "300")


def test_journey_images_are_resized_and_checked(make_site: MakeSite) -> None:
    journey = (
        "---\ntitle: J\nduration: 1 week\ncategory: Anxiety\n---\n# J\n\nIntro.\n\n"
        "## Day 1: Start\n### Today's Learning\n![A quiet path](/images/calm.jpg)\n\n"
        "## Your Journey Plan\n### Week 1: W\n- Start\n- Next\n"
    )
    root = make(make_site, "Body.")
    (root / "content/journeys").mkdir()
    (root / "content/journeys/j.md").write_text(journey)
    assert run_sitegen("build", cwd=root).code == 0
    img = BeautifulSoup((root / "output/journeys/j/day-1/index.html").read_text(), "html.parser").select_one(
        ".prose img"
    )
    assert img is not None and img["srcset"].startswith(f"/images/calm-480w-{CALM_DIGEST}.jpg 480w")
    assert (root / f"output/images/calm-960w-{CALM_DIGEST}.jpg").is_file()
    (root / "content/journeys/j.md").write_text(journey.replace("A quiet path", ""))
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert "content/journeys/j.md:12: the image /images/calm.jpg has no alt text" in result.err


def test_names_differing_only_in_case_each_show_their_own_image(make_site: MakeSite) -> None:
    article = "---\ntitle: {title}\ndate: 2025-01-01\ncategory: Anxiety\n---\n![A photo](/images/{name})\n"
    root = make_site(
        {
            "content/articles/lower.md": article.format(title="Lower", name="photo.jpg"),
            "content/articles/upper.md": article.format(title="Upper", name="photo.JPG"),
        }
    )
    (root / "content/images").mkdir(parents=True)
    colours = {"lower": (200, 40, 40), "upper": (40, 40, 200)}
    for slug, name in (("lower", "photo.jpg"), ("upper", "photo.JPG")):
        buffer = io.BytesIO()
        Image.new("RGB", (1200, 600), colours[slug]).save(buffer, "JPEG")
        (root / "content/images" / name).write_bytes(buffer.getvalue())
    assert run_sitegen("build", cwd=root).code == 0
    shown: dict[str, bytes] = {}
    for slug, colour in colours.items():
        page = BeautifulSoup((root / f"output/articles/{slug}/index.html").read_text(), "html.parser")
        for part in page.select_one(".prose img")["srcset"].split(", "):
            data = (root / "output" / part.split()[0].lstrip("/")).read_bytes()
            with Image.open(io.BytesIO(data)) as variant:
                red, _, blue = variant.convert("RGB").getpixel((10, 10))
            assert (red > blue) == (colour[0] > colour[2]), f"{slug} shows the other article's image"
            shown[f"{slug} {part.split()[1]}"] = data
    assert shown["lower 960w"] != shown["upper 960w"]


def test_an_image_written_percent_encoded_is_found_under_its_own_name(make_site: MakeSite) -> None:
    body = "![Hills](/images/quiet%20morning.jpg)\n\n![Лес](/images/%D1%84%D0%BE%D1%82%D0%BE.jpg)"
    root = make(make_site, body)
    (root / "content/images/quiet morning.jpg").write_bytes(photo())
    (root / "content/images/фото.jpg").write_bytes(photo())
    result = run_sitegen("build", cwd=root)
    assert result.code == 0, result.err
    page = BeautifulSoup((root / "output/articles/a/index.html").read_text(), "html.parser")
    sources = [img["srcset"].split(", ")[0].split()[0] for img in page.select(".prose img")]
    assert sources == [
        f"/images/quiet%20morning-480w-{CALM_DIGEST}.jpg",
        f"/images/%D1%84%D0%BE%D1%82%D0%BE-480w-{CALM_DIGEST}.jpg",
    ]
    assert (root / f"output/images/quiet morning-480w-{CALM_DIGEST}.jpg").is_file()
    assert (root / f"output/images/фото-480w-{CALM_DIGEST}.jpg").is_file()


def test_an_image_address_cannot_reach_outside_content_images(make_site: MakeSite, tmp_path: Path) -> None:
    outside = tmp_path / "private.jpg"
    outside.write_bytes(photo())
    root = make(make_site, f"![Private](/images/{outside})")
    result = run_sitegen("build", cwd=root)
    assert result.code == 1
    assert f"the image /images/{outside} was not found" in result.err


def test_resized_copies_are_made_again_by_another_pillow(make_site: MakeSite, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached copy made by another Pillow is not reused: that Pillow may write other bytes,
    and an incremental build must equal a clean one."""
    root = make(make_site, "![A calm room](/images/calm.jpg)")
    build(root)
    cached = root / ".sitegen-cache" / "images"
    keys_before = {name.name.split("-")[0] for name in cached.iterdir()}
    monkeypatch.setattr(PIL, "__version__", "0.0.0-another")
    build(root)
    keys_after = {name.name.split("-")[0] for name in cached.iterdir()}
    assert len(keys_before) == 1
    assert len(keys_after - keys_before) == 1
