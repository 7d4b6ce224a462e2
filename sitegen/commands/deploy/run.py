"""`sitegen deploy`: publish the built site to a target named in site.yaml, changing only what changed.

The order is always the same: check that there is a good build to publish, work out the plan
once (what to upload, delete, leave), then let the target apply it, uploads before deletions.
The project's lock is held throughout, so a build cannot replace output/ while it is read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from sitegen.commands.deploy.bucket import BucketTarget
from sitegen.commands.deploy.failure import DeployFailed, NoDeployTarget
from sitegen.commands.deploy.folder import FolderTarget
from sitegen.commands.deploy.plan import Plan, made_file, plan_changes, site_files
from sitegen.config.deploy_targets import BranchPlace, BucketPlace, DeployTarget, FolderPlace, place_of
from sitegen.config.site_config import SiteConfig, load_config
from sitegen.core.errors import did_you_mean
from sitegen.core.output_folder import is_owned
from sitegen.core.workspace import OnBusy, project_lock, wait_quietly
from sitegen.publishing.last_build import last_outcome

_BUILD_FIRST = "run sitegen build first"


class Target(Protocol):
    def extras(self) -> dict[str, bytes]: ...
    def files_there(self) -> dict[str, str]: ...
    def apply(self, plan: Plan) -> None: ...


@dataclass(frozen=True)
class DeployReport:
    target: DeployTarget
    plan: Plan
    dry_run: bool


def deploy(
    root: Path,
    target_name: str | None = None,
    dry_run: bool = False,
    keep_removed: bool = False,
    on_busy: OnBusy = wait_quietly,
) -> DeployReport:
    """Publish `root`'s output/ to the named target (default: the first in site.yaml), or only
    work out what would change (`dry_run`). Raises DeployFailed, or BuildFailed for site.yaml."""
    root = root.resolve()
    config = load_config(root)
    target = _chosen(config, target_name)
    with project_lock(root, on_busy):
        output = Path(os.path.realpath(root / "output"))
        _check_build(root, output)
        with _opened(target, config, (root, output)) as place:
            site = site_files(output)
            site.update({path: made_file(path, data) for path, data in place.extras().items() if path not in site})
            plan = plan_changes(site, place.files_there(), keep_removed)
            if not dry_run:
                place.apply(plan)
    return DeployReport(target, plan, dry_run)


def _chosen(config: SiteConfig, name: str | None) -> DeployTarget:
    if not config.deploy:
        hint = "add a list under 'deploy:' in site.yaml, e.g. '- name: live' and 'url: file:///srv/www/practice'"
        raise NoDeployTarget("site.yaml names no place to deploy to", hint)
    if name is None:
        return config.deploy[0]
    for target in config.deploy:
        if target.name == name:
            return target
    names = [t.name for t in config.deploy]
    raise DeployFailed(f"site.yaml has no deploy target named '{name}'", did_you_mean(name, names))


def _check_build(root: Path, output: Path) -> None:
    if not output.is_dir() or not is_owned(output):
        raise DeployFailed("there is no built site in output/ to deploy", _BUILD_FIRST)
    outcome = last_outcome(root, output)
    if outcome is False:
        raise DeployFailed("the last build failed, so output/ is older than your sources", _BUILD_FIRST)
    if outcome is None:
        raise DeployFailed("sitegen has no record of the build in output/", _BUILD_FIRST)


@contextlib.contextmanager
def _opened(target: DeployTarget, config: SiteConfig, forbidden: tuple[Path, ...]) -> Iterator[Target]:
    place = place_of(target.url)
    if isinstance(place, FolderPlace):
        yield FolderTarget(place.folder, forbidden)
    elif isinstance(place, BucketPlace):
        yield BucketTarget(place)
    elif isinstance(place, BranchPlace):
        from sitegen.commands.deploy.branch import BranchTarget

        branch = BranchTarget(place, urlsplit(config.base_url).hostname or "")
        try:
            yield branch
        finally:
            branch.close()
    else:  # load_config refused it already
        raise DeployFailed(*place)
