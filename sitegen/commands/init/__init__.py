"""`sitegen init DIR`: a practice's own site, from nothing, that builds as it stands.

answers.py holds the rules each answer must pass; questions.py gets the answers from flags
or by asking; site_yaml.py, pages.py, writing.py and project_files.py make the files, in
the words of english.py or spanish.py; target.py decides where they may go and puts them
there in one step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.commands.init.answers import Answers
from sitegen.commands.init.english import ENGLISH
from sitegen.commands.init.pages import page_files
from sitegen.commands.init.project_files import project_files
from sitegen.commands.init.questions import Given, InitRefused, answers_from_flags, ask_answers
from sitegen.commands.init.site_yaml import site_yaml
from sitegen.commands.init.spanish import SPANISH
from sitegen.commands.init.target import TargetRefused, check_target, with_host_files, write_all
from sitegen.commands.init.writing import writing_files
from sitegen.config.site_config import load_config
from sitegen.core import layout

WORDING = {words.language: words for words in (ENGLISH, SPANISH)}
"""The starting words of a site, by its language (answers.LANGUAGES)."""

__all__ = [
    "Answers",
    "Given",
    "InitRefused",
    "TargetRefused",
    "answers_from_flags",
    "ask_answers",
    "check_target",
    "init_site",
    "site_files",
]


def site_files(answers: Answers, today: dt.date) -> dict[str, str]:
    """Every file of the new site, by its path relative to the site's folder."""
    words = WORDING[answers.base_language]
    return {
        layout.CONFIG_FILE: site_yaml(answers, words),
        **page_files(answers, words),
        **writing_files(answers, words, today),
        **project_files(answers),
    }


def init_site(target: Path, answers: Answers, today: dt.date) -> dict[str, str]:
    """Write the new site into `target` (TargetRefused if it may not go there); return its files."""
    check_target(target)
    files = with_host_files(target, site_files(answers, today))
    write_all(target, files, _loads)
    return files


def _loads(folder: Path) -> None:
    """The written site.yaml must read back cleanly: a slip in the files init makes is sitegen's
    own bug, and is better found here than by the owner's first build."""
    load_config(folder)
