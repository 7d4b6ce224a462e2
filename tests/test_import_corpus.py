"""The import corpus as a regression floor: `sitegen import` may get better at it, never worse.

The floor (tests/import_corpus/floor.json) holds the scores last measured, rounded down; it is
rewritten by `make import-score ARGS=--write-floor` and reviewed like any other change.
"""

from __future__ import annotations

import json

import pytest
from import_scoring import FLOOR, PostScore, score_corpus, totals, worse_posts


@pytest.fixture(scope="module")
def scores() -> list[PostScore]:
    return score_corpus()


def test_the_corpus_scores_at_least_its_floor(scores: list[PostScore]) -> None:
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    measured = totals(scores).as_dict()
    below = {key: (value, measured[key]) for key, value in floor["overall"].items() if measured[key] < value}
    worse = worse_posts(scores, floor)
    assert not below, (
        "the import corpus scores below its floor: "
        + ", ".join(f"{key} {was:.1%} -> {now:.1%}" for key, (was, now) in below.items())
        + "; posts that got worse: "
        + ("; ".join(worse) or "none by post")
        + ". Run `make import-score ARGS=-v` to see the lines."
    )


def test_every_corpus_post_is_imported_into_an_article(scores: list[PostScore]) -> None:
    assert [s.name for s in scores if s.problem] == []
    assert len(scores) >= 5
