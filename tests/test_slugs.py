"""Slugs in every script: what slugify() keeps, how it normalises, and the ASCII style."""

from __future__ import annotations

import unicodedata

import pytest

from sitegen.core import urls
from sitegen.core.slugs import ASCII, NAME_LIMIT, is_safe_slug, shorten, slug_problem, slugify

SCRIPTS = [
    ("Arabic", "القلق والنوم", "القلق-والنوم"),
    ("Arabic with harakat", "نَوْم هادئ", "نَوْم-هادئ"),
    ("Persian with a zero-width non-joiner", "می\u200cخواهم", "میخواهم"),
    ("Hebrew", "שינה טובה", "שינה-טובה"),
    ("Russian", "Тревога и сон", "тревога-и-сон"),
    ("Greek, final sigma kept", "ΎΠΝΟΣ & Άγχος", "ύπνος-άγχος"),
    ("Japanese", "よく眠る・不安", "よく眠る-不安"),
    ("Japanese long vowel mark", "ストレス", "ストレス"),
    ("Chinese", "睡眠 与 焦虑", "睡眠-与-焦虑"),
    ("Korean", "불안 관리", "불안-관리"),
    ("Hindi, vowel signs kept", "चिंता और नींद", "चिंता-और-नींद"),
    ("Thai", "ความวิตกกังวล", "ความวิตกกังวล"),
    ("Spanish", "Ansiedad y Sueño", "ansiedad-y-sueño"),
    ("German", "Schlaf & Ängste", "schlaf-ängste"),
    ("Turkish", "Kaygı ve Uyku", "kaygı-ve-uyku"),
]


@pytest.mark.parametrize(("script", "name", "slug"), SCRIPTS, ids=[s[0] for s in SCRIPTS])
def test_letters_and_digits_of_every_script_are_kept_lower_cased_and_joined_by_hyphens(
    script: str, name: str, slug: str
) -> None:
    assert slugify(name) == slug
    assert is_safe_slug(slug), script


def test_a_decomposed_name_gives_the_same_composed_slug() -> None:
    composed = "Sueño Ansiedad"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert slugify(decomposed) == slugify(composed) == "sueño-ansiedad"
    assert unicodedata.is_normalized("NFC", slugify(decomposed))
    assert not is_safe_slug(unicodedata.normalize("NFD", "sueño"))  # as written, it is not its own slug


def test_look_alike_compatibility_forms_share_one_slug() -> None:
    assert slugify("Ｃａｌｍ ２０２５") == "calm-2025"  # full-width
    assert slugify("ﾘﾗｯｸｽ") == slugify("リラックス") == "リラックス"  # half-width katakana


def test_ascii_style_transliterates_every_script() -> None:
    assert slugify("Тревога и сон", ASCII) == "trevoga-i-son"
    assert slugify("Ύπνος", ASCII) == "ypnos"
    assert slugify("القلق", ASCII) == "lqlq"
    assert slugify("睡眠", ASCII) == "shuimian"
    assert slugify("Café & Calm: Week 1", ASCII) == "cafe-calm-week-1"
    assert slugify("Schlaf & Ängste", ASCII) == "schlaf-angste"
    assert is_safe_slug("trevoga-i-son", ASCII)
    assert not is_safe_slug("тревога", ASCII)


def test_ascii_names_make_the_same_slug_in_both_styles() -> None:
    for name in ("Anxiety & Stress", "Settle a Racing Mind at Night", "Week 12", "C++", "100% Sure!"):
        assert slugify(name) == slugify(name, ASCII)


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("", "is empty"),
        ("   ", "is empty"),
        ("abc\n", "control character"),
        ("a\tb", "control character"),
        ("\x1b[31m", "control character"),
        ("a" * (NAME_LIMIT + 1), f"more than the {NAME_LIMIT}"),
        ("ب" * (NAME_LIMIT // 2 + 1), f"is {NAME_LIMIT + 2} bytes long"),  # 101 letters, 2 bytes each
        ("Sleep", "cannot be used"),
        ("a/b", "cannot be used"),
    ],
)
def test_a_slug_that_cannot_name_one_folder_says_why(slug: str, problem: str) -> None:
    found = slug_problem(slug)
    assert found is not None and problem in found


def test_shorten_cuts_at_a_word_end_within_the_byte_limit_and_never_inside_a_letter() -> None:
    assert shorten("calm-mind", 40) == "calm-mind"
    assert shorten("settle-a-racing-mind-at-night", 20) == "settle-a-racing-mind"
    arabic = slugify("كيف تهدأ قبل النوم " * 30)
    cut = shorten(arabic, 100)
    assert len(cut.encode("utf-8")) <= 100
    assert arabic.startswith(cut) and not cut.endswith("-")
    assert is_safe_slug(cut)


def test_addresses_are_percent_encoded_in_links_and_decoded_back_to_folder_names() -> None:
    path = urls.tag("نوم")
    link = urls.href("/practice/", path)
    assert link == "/practice/tags/%D9%86%D9%88%D9%85/"
    assert link.isascii()
    assert urls.decode_path(link) == "/practice/tags/نوم/"
    assert urls.href("/%C3%BCber/", "tags/c/") == "/%C3%BCber/tags/c/"  # an encoded base path is not encoded twice
    assert urls.alias_path("/blog/%D9%86%D9%88%D9%85/") == "blog/نوم/"


def test_a_curly_apostrophe_joins_its_word_as_before_and_a_straight_one_still_separates() -> None:
    assert slugify("When thoughts won’t slow down") == "when-thoughts-wont-slow-down"
    assert slugify("Don't panic") == "don-t-panic"
    assert slugify("When thoughts won’t slow down", ASCII) == "when-thoughts-wont-slow-down"
