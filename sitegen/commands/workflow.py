"""`sitegen workflow`: the CI workflow that builds the site on every push and once a day, then deploys it.

The workflow is a file shipped with sitegen, written into the project as it is, and never over
a file already there (a practice may have changed its copy). `sitegen init` can write it too.
"""

from __future__ import annotations

from pathlib import Path

WORKFLOW_FILE = ".github/workflows/publish.yml"


class WorkflowExists(Exception):
    """The project already has a workflow at that path; nothing was written."""


def workflow_text() -> str:
    from importlib import resources  # 5 ms to import: only for the commands that write the file, not every command

    return resources.files("sitegen.commands").joinpath("publish.yml").read_text(encoding="utf-8")


def write_workflow(root: Path) -> Path:
    """Write the workflow into `root`; WorkflowExists if a file (or anything) is already there."""
    path = root / WORKFLOW_FILE
    if path.exists() or path.is_symlink():
        raise WorkflowExists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(workflow_text())
    return path
