"""`sitegen init DIR`: a practice's own site from nothing, built as it stands, never over anyone's files."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import INIT_ANSWERS, SAMPLE_EPOCH, run_sitegen, snapshot
from sitegen.commands.init.target import write_all

BOOKING = "https://example.org/book"


def answers(**changed: str) -> list[str]:
    """The issue's example flags, with some replaced (`booking_url="…"`) or left out (`name=""`)."""
    flags = dict(zip(INIT_ANSWERS[1::2], INIT_ANSWERS[2::2], strict=True))
    for key, value in changed.items():
        flags[f"--{key.replace('_', '-')}"] = value
    return ["--non-interactive", *(part for flag, value in flags.items() if value for part in (flag, value))]


def test_the_issues_example_builds_a_site_without_any_sample_content(init_output: Path) -> None:
    root = init_output.parent
    pages = sorted(init_output.rglob("*.html"))
    assert len(pages) >= 15
    for path in [*root.rglob("*.md"), root / "site.yaml", *pages, *init_output.rglob("*.xml")]:
        text = path.read_text(encoding="utf-8")
        assert "Willow" not in text and "willowpath" not in text, path
    home = (init_output / "index.html").read_text(encoding="utf-8")
    assert "Harbor Light Therapy" in home and BOOKING in home
    for page in ("about", "contact", "fees", "privacy", "articles/welcome", "journeys/a-calmer-week/day-1"):
        assert (init_output / page / "index.html").is_file(), page
    assert "Replace" in (init_output / "fees/index.html").read_text(encoding="utf-8")


def test_check_finds_no_broken_links_in_the_new_site(init_output: Path) -> None:
    result = run_sitegen("check", "--no-build", cwd=init_output.parent)
    assert result.code == 0, result.out + result.err
    assert "no broken links" in result.out


def test_site_yaml_explains_each_key_and_leaves_the_crisis_notice_to_the_country(init_output: Path) -> None:
    text = (init_output.parent / "site.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["practice"] == {"name": "Harbor Light Therapy", "country": "US"}
    assert config["booking"] == {"url": BOOKING}
    assert config["base_url"] == "https://www.example.org/"
    assert "crisis" not in config and "deploy" not in config
    assert "# crisis:" in text and "# deploy:" in text
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith((" ", "#", "-")):  # a top-level key
            assert lines[index - 1].startswith("#"), f"no note above {line!r}"


def test_names_with_quotes_colons_and_hashes_are_written_exactly(tmp_path: Path) -> None:
    name = 'Dr. "Sam" O\'Neil: Therapy #1 & Co'
    crisis = "Call 0800 000: #help. 'Any' time."
    made = run_sitegen("init", "site", *answers(name=name, country="FR"), "--crisis-text", crisis, cwd=tmp_path)
    assert made.code == 0, made.err
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["title"] == name and config["practice"]["name"] == name and config["crisis"]["text"] == crisis
    assert run_sitegen("build", "-q", cwd=tmp_path / "site").code == 0


def test_a_team_file_per_clinician_and_their_pages(tmp_path: Path) -> None:
    made = run_sitegen(
        "init", "site", *answers(), "--clinician", "Ana Ruiz", "--clinician", "Tomás Ó Briain", cwd=tmp_path
    )
    assert made.code == 0, made.err
    root = tmp_path / "site"
    team = sorted(p.name for p in (root / "content/team").iterdir())
    assert team == ["ana-ruiz.md", "tomás-ó-briain.md"]
    assert 'name: "Tomás Ó Briain"' in (root / "content/team/tomás-ó-briain.md").read_text(encoding="utf-8")
    assert "- team" in (root / "site.yaml").read_text(encoding="utf-8")
    assert run_sitegen("build", "-q", cwd=root).code == 0
    assert "Ana Ruiz" in (root / "output/team/ana-ruiz/index.html").read_text(encoding="utf-8")


def test_without_clinicians_the_team_page_is_reached_from_about_rather_than_the_menu(tmp_path: Path) -> None:
    assert run_sitegen("init", "site", *answers(), cwd=tmp_path).code == 0
    assert not (tmp_path / "site/content/team").exists()
    assert "- team" not in (tmp_path / "site/site.yaml").read_text(encoding="utf-8")
    checked = run_sitegen("check", cwd=tmp_path / "site")
    assert checked.code == 0, checked.err  # the empty team page is not an orphan
    assert 'href="/team/"' in (tmp_path / "site/output/about/index.html").read_text(encoding="utf-8")


def test_the_workflow_is_the_one_sitegen_workflow_writes(tmp_path: Path) -> None:
    assert run_sitegen("init", "site", *answers(), cwd=tmp_path).code == 0
    (tmp_path / "other").mkdir()
    assert run_sitegen("workflow", cwd=tmp_path / "other").code == 0
    workflow = ".github/workflows/publish.yml"
    assert (tmp_path / "site" / workflow).read_bytes() == (tmp_path / "other" / workflow).read_bytes()


def test_gitignore_and_readme_for_the_practice(tmp_path: Path) -> None:
    assert run_sitegen("init", "site", *answers(), cwd=tmp_path).code == 0
    root = tmp_path / "site"
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    for folder in ("/output/", "/.sitegen-cache/", "/.sitegen-preview/", "/.venv/"):
        assert folder in ignored
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Harbor Light Therapy")
    for command in ("sitegen build", "sitegen serve", "sitegen check", "sitegen deploy"):
        assert command in readme
    assert run_sitegen("build", "-q", cwd=root).code == 0
    ignores = subprocess.run(
        ["git", "check-ignore", "output", ".sitegen-cache"], cwd=_git_init(root), text=True, capture_output=True
    )
    assert ignores.stdout.split() == ["output", ".sitegen-cache"]


def _git_init(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes/todo.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_sitegen("init", "site", *answers(), cwd=tmp_path)
    assert result.code == 1
    assert "not empty" in result.err and "notes" in result.err and "nothing was written" in result.err
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_empty_git_clone_is_filled_and_its_git_folder_left_alone(tmp_path: Path) -> None:
    folder = _git_init(tmp_path / "clone")
    git_before = snapshot(folder / ".git")
    result = run_sitegen("init", "clone", *answers(), cwd=tmp_path)
    assert result.code == 0, result.err
    assert (folder / "site.yaml").is_file() and (folder / "content/pages/about.md").is_file()
    assert snapshot(folder / ".git") == git_before
    assert not [p for p in folder.iterdir() if "sitegen-init" in p.name]
    assert run_sitegen("build", "-q", cwd=folder).code == 0


def test_a_clone_of_a_new_github_repository_keeps_its_readme_and_gitignore(tmp_path: Path) -> None:
    folder = _git_init(tmp_path / "clone")
    (folder / "README.md").write_text("# harbor-light\nOur practice's website.\n", encoding="utf-8")
    (folder / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    (folder / "LICENSE").write_text("All rights reserved.\n", encoding="utf-8")
    result = run_sitegen("init", "clone", *answers(), cwd=tmp_path)
    assert result.code == 0, result.err
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# harbor-light\nOur practice's website.\n\n# Harbor Light Therapy: the website")
    ignored = (folder / ".gitignore").read_text(encoding="utf-8")
    assert ignored.startswith("*.pyc\n\n") and "/output/" in ignored
    assert (folder / "LICENSE").read_text(encoding="utf-8") == "All rights reserved.\n"
    assert run_sitegen("build", "-q", cwd=folder).code == 0
    other = tmp_path / "notes"
    other.mkdir()
    (other / "README.md").write_text("my notes\n", encoding="utf-8")  # not a clone: someone's folder
    refused = run_sitegen("init", "notes", *answers(), cwd=tmp_path)
    assert refused.code == 1 and "not empty" in refused.err
    assert (other / "README.md").read_text(encoding="utf-8") == "my notes\n"


def test_an_empty_folder_is_filled_where_it_stands(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    inode = folder.stat().st_ino
    assert run_sitegen("init", ".", *answers(), cwd=folder).code == 0
    assert folder.stat().st_ino == inode  # a shell standing in it is not left in a removed folder
    assert (folder / "site.yaml").is_file()


def test_the_next_steps_quote_a_folder_name_with_a_space(tmp_path: Path) -> None:
    made = run_sitegen("init", "Harbor Light", *answers(), cwd=tmp_path)
    assert made.code == 0, made.err
    assert "  cd 'Harbor Light'\n" in made.out  # typed as shown, it reaches the new folder
    assert (tmp_path / "Harbor Light/site.yaml").is_file()


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_sitegen("init", "notes.txt/site", *answers(), cwd=tmp_path)
    assert result.code == 1
    assert "could not write the new site" in result.err and "crashed" not in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_failure_part_way_leaves_nothing_behind(tmp_path: Path) -> None:
    """The files are put in place only once all are written and site.yaml reads back."""
    files = {"site.yaml": "title: x\n", "content/pages/about.md": "About\n"}

    def refuse(folder: Path) -> None:
        assert (folder / "content/pages/about.md").is_file()  # everything was written before this
        raise OSError("the disk is full")

    empty = _git_init(tmp_path / "clone")
    before = snapshot(tmp_path)
    for target in (tmp_path / "new/deeper/site", empty):
        with pytest.raises(OSError, match="disk is full"):
            write_all(target, files, refuse)
    assert snapshot(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clone"] and [p.name for p in empty.iterdir()] == [".git"]


def test_missing_answers_are_named_together_with_their_flags(tmp_path: Path) -> None:
    result = run_sitegen("init", "site", "--non-interactive", cwd=tmp_path)
    assert result.code == 1
    for flag in ("--name", "--country", "--booking-url"):
        assert f"pass {flag}" in result.err
    assert "--language" not in result.err  # it has a default: English
    assert not (tmp_path / "site").exists()


def test_a_booking_link_that_is_not_a_web_page_phone_or_site_page_is_refused(tmp_path: Path) -> None:
    for booking, reason in (
        ("javascript:alert(1)", "cannot start with 'javascript:'"),
        ("ftp://example.org/book", "cannot start with 'ftp:'"),
        ("www.example.org/book", "did you mean https://www.example.org/book"),
        ("mailto:hello@example.org", "not an email address"),
        ("https://", "not a complete web address"),
        ("book here", "is not a web address, a phone number or a page"),
        ("/book/", "the new site has no page at /book/"),
        ("/contact/#book", "has no '#book' section yet"),
    ):
        result = run_sitegen("init", "site", *answers(booking_url=booking), cwd=tmp_path)
        assert result.code == 1, booking
        assert reason in result.err, result.err
        assert not (tmp_path / "site").exists()


def test_a_booking_page_of_the_new_site_is_taken_with_or_without_its_last_slash(tmp_path: Path) -> None:
    assert run_sitegen("init", "site", *answers(booking_url="/contact"), cwd=tmp_path).code == 0
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["booking"]["url"] == "/contact/"
    checked = run_sitegen("check", cwd=tmp_path / "site")
    assert checked.code == 0, checked.err


def test_a_phone_number_for_booking_becomes_a_link_a_phone_can_dial(tmp_path: Path) -> None:
    result = run_sitegen("init", "site", *answers(booking_url="+1 (503) 555-0142"), cwd=tmp_path)
    assert result.code == 0, result.err
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["booking"]["url"] == "tel:+15035550142"
    assert config["practice"]["phone"] == "+1 (503) 555-0142"
    assert run_sitegen("build", "-q", cwd=tmp_path / "site").code == 0
    assert 'href="tel:+15035550142"' in (tmp_path / "site/output/index.html").read_text(encoding="utf-8")


def test_an_empty_name_and_a_bad_country_are_refused(tmp_path: Path) -> None:
    result = run_sitegen("init", "site", *answers(name=" ", country="UK"), cwd=tmp_path)
    assert result.code == 1
    assert "needs a name" in result.err and "the code for the United Kingdom is GB" in result.err
    result = run_sitegen("init", "site", *answers(country="USA"), cwd=tmp_path)
    assert "'USA' is not a two-letter country code (the code for the United States is US)" in result.err
    result = run_sitegen("init", "site", *answers(country="New Zealand"), cwd=tmp_path)
    assert "the code for New Zealand is NZ" in result.err
    result = run_sitegen("init", "site", *answers(country="Narnia"), cwd=tmp_path)
    assert "write the ISO 3166 code" in result.err
    assert not (tmp_path / "site").exists()


def test_a_language_with_a_region_is_kept_and_gets_its_languages_starter_text(tmp_path: Path) -> None:
    made = run_sitegen("init", "site", *answers(language="es_mx"), "--email", "hola@example.org", cwd=tmp_path)
    assert made.code == 0, made.err
    root = tmp_path / "site"
    config = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    assert config["language"] == "es-MX" and config["practice"]["email"] == "hola@example.org"
    built = run_sitegen("build", cwd=root)
    assert built.code == 0, built.err
    assert '<html lang="es-MX"' in (root / "output/index.html").read_text(encoding="utf-8")
    day = (root / "output/journeys/una-semana-mas-tranquila/day-1/index.html").read_text(encoding="utf-8")
    assert "Preguntas para reflexionar" in day
    checked = run_sitegen("check", cwd=root)
    assert "cannot say whom to contact" not in checked.err  # the email answers the accessibility statement
    refused = run_sitegen("init", "other", *answers(email="hola at example"), cwd=tmp_path)
    assert refused.code == 1 and "'hola at example' is not an email address" in refused.err


def test_a_country_without_known_crisis_services_needs_the_practices_own_words(tmp_path: Path) -> None:
    refused = run_sitegen("init", "site", *answers(country="DE"), cwd=tmp_path)
    assert refused.code == 1
    assert "does not know the crisis services of 'DE'" in refused.err and "--crisis-text" in refused.err
    assert not (tmp_path / "site").exists()
    notice = "Bei Suizidgedanken: TelefonSeelsorge 0800 111 0 111. Im Notfall: 112."
    made = run_sitegen("init", "site", *answers(country="DE"), "--crisis-text", notice, cwd=tmp_path)
    assert made.code == 0, made.err
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["crisis"] == {"text": notice} and config["practice"]["country"] == "DE"
    built = run_sitegen("build", cwd=tmp_path / "site")
    assert built.code == 0 and "warning" not in built.err, built.err  # a crisis page of its own: no warning
    assert notice in (tmp_path / "site/output/about/index.html").read_text(encoding="utf-8")
    assert "Replace" in (tmp_path / "site/output/crisis/index.html").read_text(encoding="utf-8")


def test_own_crisis_words_for_a_known_country_are_kept(tmp_path: Path) -> None:
    notice = "If you are struggling, call our partner line on 555-0199. In an emergency, call 911."
    assert run_sitegen("init", "site", *answers(), "--crisis-text", notice, cwd=tmp_path).code == 0
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["crisis"] == {"text": notice}
    assert not (tmp_path / "site/content/pages/crisis.md").exists()  # the country's own services page stays


def test_a_spanish_site_builds_in_spanish(tmp_path: Path) -> None:
    assert run_sitegen("init", "site", *answers(language="es"), cwd=tmp_path).code == 0
    assert run_sitegen("build", "-q", cwd=tmp_path / "site").code == 0
    output = tmp_path / "site/output"
    home = (output / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in home and "Ansiedad y estrés" in home and ">Tarifas</a>" in home
    assert "Bienvenida a Harbor Light Therapy" in (output / "articles/bienvenida/index.html").read_text(
        encoding="utf-8"
    )
    day = (output / "journeys/una-semana-mas-tranquila/day-1/index.html").read_text(encoding="utf-8")
    assert "Preguntas para reflexionar" in day and "Reflection" not in day
    for structure in ('class="reflection-questions"', 'class="steps"', 'class="example"', "day-section learning"):
        assert structure in day  # the journey conventions, written in Spanish, still give the day its shape
    refused = run_sitegen("init", "other", *answers(language="fr"), cwd=tmp_path)
    assert refused.code == 1 and "does not speak 'fr'" in refused.err


# --- asking the questions ------------------------------------------------------------------------

TYPED = [
    "",  # the name: empty is refused, and asked again
    "Quiet Harbour Counselling",
    "FR",  # a country sitegen knows no crisis services for: the notice is asked for
    "En cas de crise, appelez le 3114. En cas d'urgence, appelez le 112.",
    "",  # the language: English by default
    "www.quietharbour.example/book",  # no https://: refused with a suggestion, and asked again
    "https://www.quietharbour.example/book",
    "hello at quietharbour",  # not an email address: refused, and asked again
    "hello@quietharbour.example",
    "Ana Ruiz, Ben Li",
    "Chloé Martin",
    "",
]


def test_the_questions_are_asked_and_a_bad_answer_is_asked_again(tmp_path: Path) -> None:
    result = _run_with_input(["init", "site", "--interactive"], "\n".join(TYPED) + "\n", tmp_path)
    assert result.returncode == 0, result.stderr
    for prompt in ("Practice name:", "Country", "Crisis notice:", "Language", "Booking link", "Email", "Name(s):"):
        assert prompt in result.stdout
    assert "'hello at quietharbour' is not an email address" in result.stdout
    assert "needs a name" in result.stdout and "did you mean https://www.quietharbour.example/book" in result.stdout
    assert "will not guess" in result.stdout
    root = tmp_path / "site"
    config = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Quiet Harbour Counselling" and config["language"] == "en"
    assert config["practice"]["country"] == "FR" and config["crisis"]["text"] == TYPED[3]
    assert config["booking"]["url"] == "https://www.quietharbour.example/book"
    assert config["practice"]["email"] == "hello@quietharbour.example"
    assert sorted(p.stem for p in (root / "content/team").iterdir()) == ["ana-ruiz", "ben-li", "chloé-martin"]


def test_flags_answer_their_questions_and_the_rest_are_asked(tmp_path: Path) -> None:
    typed = "GB\nes\n/contact/\n\n\n"  # no email: the question may be skipped
    result = _run_with_input(["init", "site", "--interactive", "--name", "Harbor Light"], typed, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Practice name:" not in result.stdout
    config = yaml.safe_load((tmp_path / "site/site.yaml").read_text(encoding="utf-8"))
    assert config["title"] == "Harbor Light" and config["booking"]["url"] == "/contact/"
    assert "crisis" not in config and not (tmp_path / "site/content/team").exists()
    assert "email" not in config["practice"]


def test_answers_that_run_out_write_nothing(tmp_path: Path) -> None:
    result = _run_with_input(["init", "site", "--interactive"], "Harbor Light\n", tmp_path)
    assert result.returncode == 1
    assert "the answers ended at the question 'Country" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_refused_folder_is_said_before_any_question(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("mine", encoding="utf-8")
    result = _run_with_input(["init", "site", "--interactive"], "", tmp_path)
    assert result.returncode == 1 and "not empty" in result.stderr
    assert "Practice name" not in result.stdout


def test_in_a_terminal_the_questions_are_asked_without_a_flag(tmp_path: Path) -> None:
    """The real terminal path: stdin is a pseudo-terminal, as when a person runs init."""
    typed = ["Harbor Light", "US", "en", "https://example.org/book", "", "Ana Ruiz", ""]
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "init", "site"],
        cwd=tmp_path,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH},
    )
    os.close(terminal)
    seen, position = "", 0
    for prompt, answer in zip(
        ("Practice name:", "Country", "Language", "Booking", "Email", "Name(s):", "Name(s):"), typed, strict=True
    ):
        while (found := seen.find(prompt, position)) < 0:  # reading also keeps the child from blocking
            ready, _, _ = select.select([controller], [], [], 60)
            assert ready, f"no {prompt!r} after:\n{seen}"
            seen += os.read(controller, 4096).decode("utf-8", "replace")
        position = found + len(prompt)
        os.write(controller, answer.encode() + b"\n")
    assert proc.wait(timeout=120) == 0, seen
    os.close(controller)
    assert (tmp_path / "site/content/team/ana-ruiz.md").is_file()


def _run_with_input(args: list[str], typed: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        cwd=cwd,
        env=env,
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_lists_the_starter_text_still_to_replace_and_names_a_placeholder_crisis_page(tmp_path: Path) -> None:
    notice = "In an emergency, call 112."
    assert run_sitegen("init", "site", *answers(country="DE"), "--crisis-text", notice, cwd=tmp_path).code == 0
    root = tmp_path / "site"
    checked = run_sitegen("check", cwd=root)
    assert checked.code == 0, checked.err
    assert "warning: content/pages/crisis.md:6: the crisis page still holds starter text" in checked.err
    for starter in ("site.yaml", "content/pages/fees.md", "content/articles/welcome.md"):
        assert f"warning: {starter}:" in checked.err and "starter text from 'sitegen init'" in checked.err
    own = "---\ntitle: Crisis Support\n---\n\nCall 112 in an emergency, at any hour.\n"
    (root / "content/pages/crisis.md").write_text(own, encoding="utf-8")
    rechecked = run_sitegen("check", cwd=root)
    assert "content/pages/crisis.md" not in rechecked.err and "content/pages/fees.md:" in rechecked.err


def test_names_read_as_written_in_the_starter_pages_not_as_markdown_or_html(tmp_path: Path) -> None:
    name, clinician = "Therapy *Plus* [North] <Co>", "Bo <Kim>"
    made = run_sitegen("init", "site", *answers(name=name), "--clinician", clinician, cwd=tmp_path)
    assert made.code == 0, made.err
    assert run_sitegen("build", "-q", cwd=tmp_path / "site").code == 0, "the starter site builds"

    def main_text(page: str) -> str:
        html = (tmp_path / "site/output" / page / "index.html").read_text(encoding="utf-8")
        found = BeautifulSoup(html, "html.parser").select_one("main")
        assert found is not None
        return " ".join(found.get_text(" ").split())

    assert "Therapy *Plus* [North] <Co> is" in main_text("about")
    assert "Therapy *Plus* [North] <Co>" in main_text("articles/welcome")
    profile = main_text("team/bo-kim")
    assert "Bo <Kim>’s introduction" in profile or "Bo <Kim>'s introduction" in profile, profile
