"""Why a deploy stopped: a value the command line prints as it is, then exits 1."""

from __future__ import annotations


class DeployFailed(Exception):
    """The deploy could not start or finish; the message names the file or setting, the hint what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        self.message, self.hint = message, hint
        super().__init__(f"{message} ({hint})" if hint else message)


class NoDeployTarget(DeployFailed):
    """site.yaml lists no place to publish to: a new site's state until its owner adds one."""
