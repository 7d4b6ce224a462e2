"""How the `sitegen` command ends its process (core/heap.py `ended_after`): at once after a build
that succeeded, with everything it printed still delivered; in Python's usual way otherwise, so
that a failed command's clean-up (its temporary folders) still runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import copy_sample

_COMMAND = """
import atexit, logging, sys
from sitegen.core.heap import ended_after, held_to_the_end

atexit.register(lambda: print("clean-up ran", file=sys.stderr))

def command():
    logging.basicConfig(format="%(message)s")
    logging.getLogger("sitegen").warning("a warning, logged")
    sys.stdout.write("printed, with no newline and no flush")
    if {held}:
        held_to_the_end([object() for _ in range(1000)])
    return {code}

ended_after(command)
"""


def _ended(held: bool, code: int) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(_COMMAND).format(held=held, code=code)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)


def test_a_command_that_kept_its_objects_and_succeeded_ends_at_once_with_its_output_delivered() -> None:
    ended = _ended(held=True, code=0)
    assert ended.returncode == 0
    assert ended.stdout == "printed, with no newline and no flush"
    assert "a warning, logged" in ended.stderr
    assert "clean-up ran" not in ended.stderr  # the quick ending: no atexit handler, nothing freed


@pytest.mark.parametrize(("held", "code"), [(True, 1), (False, 0), (False, 2)])
def test_any_other_ending_runs_the_usual_clean_up(held: bool, code: int) -> None:
    ended = _ended(held, code)
    assert ended.returncode == code
    assert ended.stdout == "printed, with no newline and no flush"
    assert "clean-up ran" in ended.stderr


def test_objects_are_kept_only_while_the_command_line_runs_the_command() -> None:
    script = textwrap.dedent(
        """
        import gc, weakref
        from sitegen.core import heap

        class Plan: ...

        plan = Plan()
        gone = weakref.ref(plan)
        heap.held_to_the_end(plan)  # a preview's build, or a test's: not run by ended_after
        del plan
        gc.collect()
        print("freed" if gone() is None else "kept")
        """
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert ran.stdout.strip() == "freed"


def test_the_command_builds_prints_and_exits_as_before(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    built = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built ") and built.stdout.endswith("into output/\n")
    assert (project / "output" / "index.html").is_file()
    (project / "content" / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    failed = subprocess.run(
        [sys.executable, "-m", "sitegen", "build"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert failed.returncode == 1
    assert "broken.md" in failed.stderr and "output/ was left as it was" in failed.stderr
