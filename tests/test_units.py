"""Small pieces through their public functions: the URL scheme, the booking call-to-action,
the site.yaml schema and slugs, word counts and work spread over processes."""

from __future__ import annotations

import os
import re

import pytest

from conftest import MINIMAL_SITE_YAML, MakeSite
from sitegen.config.site_config import BookingVariant, SiteConfig, load_config
from sitegen.core import urls
from sitegen.core.errors import BuildFailed, ContentError
from sitegen.core.parallel import map_in_workers
from sitegen.core.slugs import is_safe_slug, slugify
from sitegen.core.urls import Urls
from sitegen.planning.booking import BookingCta, resolve_booking_cta
from sitegen.reading.markup import count_words
from sitegen.reading.models import Clinician, Source
from sitegen.theming.strings import Strings, load_strings

# --- URLs of a site published in a sub-folder ---------------------------------------------

IN_A_SUBFOLDER = """\
title: Test Practice
base_url: https://example.org/practice/
booking:
  url: https://example.org/book/
categories:
  - name: Anxiety
"""


def config_of(make_site: MakeSite, site_yaml: str) -> SiteConfig:
    return load_config(make_site(site_yaml=site_yaml))


def test_links_and_addresses_go_under_the_sub_folder(make_site: MakeSite) -> None:
    site = Urls.for_site(config_of(make_site, IN_A_SUBFOLDER))
    assert site.href("") == "/practice/"
    assert site.href("articles/x/") == "/practice/articles/x/"
    assert site.absolute("") == "https://example.org/practice/"
    assert site.absolute("articles/x/") == "https://example.org/practice/articles/x/"


def test_a_base_url_without_its_last_slash_gives_the_same_urls(make_site: MakeSite) -> None:
    with_slash = Urls.for_site(config_of(make_site, IN_A_SUBFOLDER))
    without = Urls.for_site(config_of(make_site, IN_A_SUBFOLDER.replace("/practice/", "/practice")))
    assert without == with_slash


def test_only_site_absolute_links_are_rebased(make_site: MakeSite) -> None:
    site = Urls.for_site(config_of(make_site, IN_A_SUBFOLDER))
    assert site.rebase("/x") == "/practice/x"
    assert site.rebase("//evil") == "//evil"  # another host's address (scheme-relative): never made ours
    assert site.rebase("https://a") == "https://a"


def test_each_site_path_has_one_output_file() -> None:
    assert urls.output_path_for("") == "index.html"
    assert urls.output_path_for("articles/x/") == "articles/x/index.html"
    assert urls.output_path_for("404.html") == "404.html"
    assert urls.output_path_for(urls.article("x")) == "articles/x/index.html"


def test_an_old_address_becomes_the_site_path_it_occupies() -> None:
    assert urls.alias_path("/old/post") == "old/post/"
    assert urls.alias_path("old/post/") == "old/post/"
    assert urls.alias_path("/feed.xml") == "feed.xml"


@pytest.mark.parametrize("alias", ["", "/", "/a\\b", "/a\x00b"])
def test_an_alias_that_names_no_page_is_refused(alias: str) -> None:
    assert urls.alias_path(alias) is None


@pytest.mark.parametrize("alias", ["/../x", "../../etc/passwd", "/a/../../b", ".."])
def test_an_alias_that_climbs_out_is_refused_not_folded_back_in(alias: str) -> None:
    assert urls.alias_path(alias) is None


def test_a_static_file_is_named_for_its_bytes_where_cache_control_looks() -> None:
    digest = urls.content_digest(b"body { color: teal; }\n")
    assert len(digest) == 10
    assert urls.content_addressed("site.css", digest) == f"site.{digest}.css"
    assert urls.content_addressed("fonts/calm.v2.woff2", digest) == f"fonts/calm.v2.{digest}.woff2"
    assert urls.content_addressed("LICENSE", digest) == "LICENSE"
    assert urls.cache_control(urls.static(urls.content_addressed("site.css", digest))) == urls.IMMUTABLE
    assert urls.static_href("/practice/", f"site.{digest}.css") == f"/practice/static/site.{digest}.css"


# --- The booking call-to-action: site, then category, then author, then the page ----------

WITH_BOOKING_VARIANTS = """\
title: Test Practice
base_url: https://example.org/practice/
booking:
  url: https://example.org/book/
  phone: "+1 (555) 010-0100"
  variants:
    couples:
      url: /book/couples/
      label: Book a couples session
    callback:
      text: Leave your number and we will call you back.
  categories:
    Relationships: couples
categories:
  - name: Anxiety
  - name: Relationships
"""


@pytest.fixture
def booking_site(make_site: MakeSite) -> tuple[SiteConfig, Strings, Urls]:
    root = make_site(site_yaml=WITH_BOOKING_VARIANTS)
    config = load_config(root)
    strings, problems = load_strings(root, config)
    assert problems == []
    return config, strings, Urls.for_site(config)


def clinician(booking_url: str = "", booking_label: str = "") -> Clinician:
    return Clinician(
        slug="maya-okafor",
        name="Maya Okafor",
        credentials="LMFT",
        pronouns="she/her",
        role="Therapist",
        regions=(),
        specialties=(),
        photo=None,
        photo_alt="",
        booking_url=booking_url,
        booking_label=booking_label,
        order=0,
        bio_html="",
        source=Source("content/team/maya-okafor.md"),
    )


SITE_DEFAULT = {"url": "https://example.org/book/", "phone": "+1 (555) 010-0100", "phone_href": "tel:+15550100100"}


def test_the_site_default_fills_every_field(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    cta = resolve_booking_cta(config, strings, site, "Anxiety", None, True)
    label, text = strings.text("book_a_session"), strings.text("booking_text")
    assert label and text
    assert cta == BookingCta(label=label, text=text, **SITE_DEFAULT)


def test_a_categorys_variant_overrides_only_the_fields_it_sets(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    default = resolve_booking_cta(config, strings, site, "Anxiety", None, True)
    cta = resolve_booking_cta(config, strings, site, "Relationships", None, True)
    assert default is not None and cta is not None
    assert (cta.url, cta.label) == ("/practice/book/couples/", "Book a couples session")
    assert (cta.text, cta.phone, cta.phone_href) == (default.text, default.phone, default.phone_href)


def test_the_authors_own_link_overrides_the_category(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    default = resolve_booking_cta(config, strings, site, "Anxiety", None, True)
    author = clinician(booking_url="https://maya.example/book")
    cta = resolve_booking_cta(config, strings, site, "Relationships", author, True)
    assert default is not None and cta is not None
    assert (cta.url, cta.label) == ("https://maya.example/book", strings.text("book_with", name="Maya"))
    assert (cta.text, cta.phone) == (default.text, default.phone)

    labelled = clinician(booking_url="https://maya.example/book", booking_label="Book with Dr Okafor")
    own_label = resolve_booking_cta(config, strings, site, "Relationships", labelled, True)
    assert own_label is not None and own_label.label == "Book with Dr Okafor"


def test_an_author_without_a_link_leaves_the_category_variant(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    by_category = resolve_booking_cta(config, strings, site, "Relationships", None, True)
    assert resolve_booking_cta(config, strings, site, "Relationships", clinician(), True) == by_category


def test_the_pages_variant_overrides_the_author(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    author = clinician(booking_url="https://maya.example/book")
    by_author = resolve_booking_cta(config, strings, site, "Relationships", author, True)
    cta = resolve_booking_cta(config, strings, site, "Relationships", author, "callback")
    assert by_author is not None and cta is not None
    assert cta.text == "Leave your number and we will call you back."
    assert (cta.url, cta.label, cta.phone) == (by_author.url, by_author.label, by_author.phone)


def test_the_pages_own_mapping_overrides_everything_before(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    author = clinician(booking_url="https://maya.example/book")
    by_author = resolve_booking_cta(config, strings, site, "Relationships", author, True)
    own = BookingVariant(url="/intake/", phone="+1 555 010 0199")
    cta = resolve_booking_cta(config, strings, site, "Relationships", author, own)
    assert by_author is not None and cta is not None
    assert (cta.url, cta.phone, cta.phone_href) == ("/practice/intake/", "+1 555 010 0199", "tel:+15550100199")
    assert (cta.label, cta.text) == (by_author.label, by_author.text)


def test_cta_false_switches_the_block_off_whatever_else_is_set(booking_site: tuple[SiteConfig, Strings, Urls]) -> None:
    config, strings, site = booking_site
    author = clinician(booking_url="https://maya.example/book")
    assert resolve_booking_cta(config, strings, site, "Relationships", author, False) is None
    assert resolve_booking_cta(config, strings, site, None, None, False) is None


# --- The site.yaml schema: every problem, located, reported together ----------------------


def problems(make_site: MakeSite, site_yaml: str) -> list[ContentError]:
    with pytest.raises(BuildFailed) as failure:
        load_config(make_site(site_yaml=site_yaml))
    return failure.value.errors


VALID = MINIMAL_SITE_YAML


def test_the_valid_site_yaml_loads(make_site: MakeSite) -> None:
    config = config_of(make_site, VALID)
    assert (config.title, config.booking.url, [c.name for c in config.categories]) == (
        "Test Practice",
        "https://example.org/book/",
        ["Anxiety", "Relationships"],
    )


def test_an_unknown_key_is_located_with_a_did_you_mean(make_site: MakeSite) -> None:
    found = problems(make_site, VALID.replace("booking:\n", "descripton: A calm place.\nbooking:\n"))
    assert found == [ContentError("site.yaml", 3, "unknown key 'descripton'", "did you mean 'description'?")]


def test_an_unknown_key_inside_a_section_names_the_section(make_site: MakeSite) -> None:
    found = problems(make_site, VALID.replace("categories:\n", "  lable: Book now\ncategories:\n"))
    assert found == [ContentError("site.yaml", 5, "unknown key 'lable' in 'booking'", "did you mean 'label'?")]


def test_a_value_of_the_wrong_type_is_located(make_site: MakeSite) -> None:
    found = problems(make_site, VALID.replace("booking:\n", "articles_per_page: ten\nbooking:\n"))
    assert found == [ContentError("site.yaml", 3, "'articles_per_page' should be a whole number, not 'ten'")]


def test_a_missing_required_key_is_named_with_a_hint(make_site: MakeSite) -> None:
    without_booking = VALID.replace("booking:\n  url: https://example.org/book/\n", "")
    [found] = problems(make_site, without_booking)
    assert (found.path, found.message) == ("site.yaml", "missing required key 'booking'")
    assert "booking:" in found.hint


def test_several_problems_are_reported_together(make_site: MakeSite) -> None:
    several = """\
title: Test Practice
base_url: https://example.org/
them: calm
articles_per_page: ten
categories: Anxiety
"""
    found = problems(make_site, several)
    assert [(p.line, p.message) for p in found] == [
        (1, "missing required key 'booking'"),  # missing from the document, which starts on line 1
        (3, "unknown key 'them'"),
        (4, "'articles_per_page' should be a whole number, not 'ten'"),
        (5, "'categories' should be a list, not 'Anxiety'"),
    ]
    assert found[1].hint == "did you mean 'theme'?"


# --- Slugs --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello World", "hello-world"),
        ("Settle a Racing Mind at Night", "settle-a-racing-mind-at-night"),
        ("Week 12", "week-12"),
        ("Café & Calm: Week 1", "café-calm-week-1"),
        ("Ünïcödé Résumé", "ünïcödé-résumé"),
        ("Anxiety & Stress", "anxiety-stress"),
        ("  --Hello--  ", "hello"),
        ("100% Sure!", "100-sure"),
        ("Why? Because.", "why-because"),
        ("ﬁne print", "fine-print"),  # a ligature is its letters
    ],
)
def test_a_slug_keeps_letters_and_digits_joined_by_single_hyphens(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert is_safe_slug(slug)


def test_text_without_letters_or_digits_has_an_empty_slug_which_is_not_safe() -> None:
    assert slugify("") == ""
    assert slugify(" & ?! ") == ""
    assert not is_safe_slug("")


@pytest.mark.parametrize(
    "slug", ["a--b", "-a", "a-", "Hello", "a/b", "..", ".", "a_b", "a.b", "a b", "e\u0301", "abc\n", "Ünï"]
)
def test_anything_that_could_name_another_folder_is_not_a_safe_slug(slug: str) -> None:
    assert not is_safe_slug(slug)


def test_an_images_resized_copies_have_their_own_addresses_under_the_sub_path() -> None:
    assert urls.image_variant("lake.jpg", 960, "1a2b") == "images/lake-960w-1a2b.jpg"
    assert urls.image_variant("walks/Shore.JPEG", 480, "1a2b") == "images/walks/Shore-480w-1a2b.jpeg"
    assert urls.href("/practice/", urls.image_variant("lake.jpg", 480, "1a2b")) == "/practice/images/lake-480w-1a2b.jpg"
    assert urls.image_name("/practice/images/walks/lake.jpg", "/practice/") == "walks/lake.jpg"
    assert urls.image_name("/images/lake.jpg", "/practice/") is None
    assert urls.rebase("/practice/", "/about/") == "/practice/about/"
    assert urls.rebase("/practice/", "//cdn.example/x.js") == "//cdn.example/x.js"


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("static/site.1a2b3c4d5e.css", urls.IMMUTABLE),
        ("images/lake-960w-8f32d06c44.jpg", urls.IMMUTABLE),
        ("index.html", urls.REVALIDATE),
        ("articles/x/index.html", urls.REVALIDATE),
        ("feed.xml", urls.REVALIDATE),
        ("static/site.css", urls.REVALIDATE),
        ("images/lake.jpg", urls.REVALIDATE),
        ("pagefind/pagefind.js", urls.REVALIDATE),
        ("static/site.1a2b3c4d5.css", urls.REVALIDATE),  # nine hex digits name no content
        ("blog/entry-2019010203.html", urls.REVALIDATE),  # an old address, kept as a redirect page
        ("files/report.0123456789.pdf", urls.REVALIDATE),
        ("pagefind/pagefind.en_7538fbc57e.pf_meta", urls.REVALIDATE),
        ("pagefind/1a2b3c4d5e/pagefind.js", urls.IMMUTABLE),  # each part's folder is named for its bytes
        ("pagefind/1a2b3c4d5e/wasm.en.pagefind", urls.IMMUTABLE),
        ("pagefind/next/pagefind.js", urls.REVALIDATE),
        ("pagefind/1a2b3c4d5/pagefind.js", urls.REVALIDATE),
        ("blog/pagefind/1a2b3c4d5e/pagefind.js", urls.REVALIDATE),
        ("static/fonts/calm.0123456789.woff2", urls.IMMUTABLE),
    ],
)
def test_only_files_named_for_their_content_are_kept_for_a_year(path: str, kept: str) -> None:
    assert urls.cache_control(path) == kept


# --- Word counts and work spread over processes ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "one", " one two ", "don't stop_here 42x", "a-b.c\t\nd", "__ _ ,", "café au lait", "naïve’s 3×4"],
)
def test_words_are_counted_as_runs_of_word_characters(text: str) -> None:
    assert count_words(text) == len(re.findall(r"\w+", text))


def test_items_done_here_first_come_back_in_order_with_the_rest() -> None:
    """Those done here (before the workers fork, so that they inherit what the items leave) and
    those done by the workers come back in the items' order."""
    done = map_in_workers(_pid_and_square, list(range(200)), 2, here_first=[0, 7, 150])
    assert [square for _, square in done] == [item * item for item in range(200)]
    assert all(done[index][0] == os.getpid() for index in (0, 7, 150))


def _pid_and_square(item: int) -> tuple[int, int]:
    return os.getpid(), item * item
