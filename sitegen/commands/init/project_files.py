"""The files around the content: `.gitignore`, the practice's README, and the CI workflow.

The workflow is `sitegen workflow`'s own file (commands/workflow.py), written as it is, so
there is one copy of it to keep right.
"""

from __future__ import annotations

from sitegen.commands.init.answers import Answers
from sitegen.commands.workflow import WORKFLOW_FILE, workflow_text
from sitegen.core.workspace import CACHE_DIR, PREVIEW_DIR


def project_files(answers: Answers) -> dict[str, str]:
    return {
        ".gitignore": _GITIGNORE.format(cache=CACHE_DIR, preview=PREVIEW_DIR),
        "README.md": _README.format(name=answers.name, workflow=WORKFLOW_FILE),
        WORKFLOW_FILE: workflow_text(),
    }


_GITIGNORE = """\
# Made by sitegen on every build: never commit them.
/output/
/.output.staging/
/.output.previous/
/{cache}/
/{preview}/
# A Python environment, if you keep one here.
/.venv/
__pycache__/
"""

_README = """\
# {name}: the website

This folder holds the practice's website: the settings in `site.yaml` and the writing in
`content/`. sitegen turns them into a site in `output/`, ready to publish.

## First, make it yours

Search the files for "Replace" (and for text in [square brackets]): each is a place that
still holds starter text. Start with `site.yaml` (the site's address, phone and email),
then the pages in `content/pages/`.

## The commands

```sh
sitegen serve     # a preview at http://127.0.0.1:8000/ that reloads as you save
sitegen build     # build the site into output/
sitegen check     # build, then look for broken links and missing images
sitegen deploy    # publish output/ to the first place listed under deploy: in site.yaml
sitegen new article "A title"   # start an article (or: journey, page, clinician)
```

If anything in your writing is wrong, the build lists every problem with the file and
line, and leaves the last good `output/` as it was.

## Publishing every day

`{workflow}` builds and publishes the site on every push to `main`,
and once a day, so an article dated in the future goes online on its day. Until the
first two steps below are done, its runs on GitHub stop early with a warning and publish
nothing. To use it:

1. Add a target under `deploy:` in `site.yaml`.
2. Set the repository variable `SITEGEN_PACKAGE` (Settings → Secrets and variables →
   Actions → Variables) to where sitegen is installed from: a pip requirement, such as
   the git address of sitegen's repository.
3. Put your storage keys, if the target needs any, in the repository's secrets
   (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`). Never put them in `site.yaml`.

On another CI system, do the same three steps on every push and once a day: install
sitegen, run `sitegen build`, run `sitegen deploy`.
"""
