"""Deploy to a branch of a git repository (GitHub Pages, GitLab Pages): commit the site and push it.

The work happens in a temporary clone of that branch alone, through the git command line, so
git's own credential helpers and SSH keys are used and nothing in the project's repository is
touched. The commit's author is set here, so it works on a machine with no git identity. The
branch also gets `.nojekyll` (GitHub Pages would otherwise hide files starting with '_') and a
`CNAME` naming base_url's host, unless that host is the Pages host itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from sitegen.commands.deploy.failure import DeployFailed
from sitegen.commands.deploy.plan import Plan, md5_of
from sitegen.config.deploy_targets import BranchPlace

_AUTHOR, _EMAIL = "sitegen deploy", "sitegen-deploy@localhost"
_PAGES_HOSTS = (".github.io", ".gitlab.io")
_ENVIRONMENT = {
    **{"GIT_AUTHOR_NAME": _AUTHOR, "GIT_AUTHOR_EMAIL": _EMAIL, "GIT_COMMITTER_NAME": _AUTHOR},
    **{"GIT_COMMITTER_EMAIL": _EMAIL, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
}


class BranchTarget:
    def __init__(self, place: BranchPlace, host: str) -> None:
        self.place = place
        self.host = host
        self.shown = f"{place.remote} (branch {place.branch})"
        self._folder = tempfile.TemporaryDirectory(prefix="sitegen-deploy-")
        self.clone = Path(self._folder.name) / "site"
        self._open()

    def close(self) -> None:
        self._folder.cleanup()

    def _open(self) -> None:
        if shutil.which("git") is None:
            raise DeployFailed("deploying to a git branch needs git, which is not installed here")
        heads = self._git("ls-remote", "--heads", "--", self.place.remote, self.place.branch, outside=True)
        self._git("init", "--quiet", str(self.clone), outside=True)
        self._git("config", "core.autocrlf", "false")  # the site's bytes go up exactly as built
        self._git("remote", "add", "origin", self.place.remote)
        if heads.strip():
            self._git("fetch", "--quiet", "--depth", "1", "origin", f"refs/heads/{self.place.branch}")
            self._git("checkout", "--quiet", "-B", self.place.branch, "FETCH_HEAD")
        else:  # a new branch, with none of the repository's other history
            self._git("checkout", "--quiet", "--orphan", self.place.branch)

    def extras(self) -> dict[str, bytes]:
        made = {".nojekyll": b""}
        if self.host and not self.host.endswith(_PAGES_HOSTS):
            made["CNAME"] = f"{self.host}\n".encode()
        return made

    def files_there(self) -> dict[str, str]:
        listed = self._git("ls-files", "-z").split("\0")
        return {path: md5_of((self.clone / path).read_bytes()) for path in listed if path}

    def apply(self, plan: Plan) -> None:
        if plan.changes_nothing:
            return
        for upload in plan.uploads:
            target = self.clone / upload.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            target.write_bytes(upload.read())
        for path in plan.deletions:
            (self.clone / path).unlink(missing_ok=True)
        self._git("add", "--all", "--force")  # a global ignore list must not leave a page out
        message = f"Publish the site: {len(plan.uploads)} changed, {len(plan.deletions)} removed"
        self._git("commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message)
        self._git("push", "--quiet", "origin", f"HEAD:refs/heads/{self.place.branch}")

    def _git(self, *args: str, outside: bool = False) -> str:
        where = None if outside else self.clone
        environment = {**os.environ, **_ENVIRONMENT}
        try:
            done = subprocess.run(
                ["git", *args], cwd=where, env=environment, capture_output=True, text=True, check=False, timeout=600
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeployFailed(f"git {args[0]} failed for {self.shown}: {exc}") from None
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip()).splitlines()
            reason = said[-1] if said else f"exit code {done.returncode}"
            hint = "the branch was not changed; run sitegen deploy again once git can reach it"
            raise DeployFailed(f"git {args[0]} failed for {self.shown}: {reason}", hint)
        return done.stdout
