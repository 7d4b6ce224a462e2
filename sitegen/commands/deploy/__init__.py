"""`sitegen deploy`: the built site published to a folder, S3-compatible storage or a git branch.

plan.py works out the changes once; folder.py, bucket.py and branch.py each apply them to one
kind of target; run.py puts it together under the project's lock.
"""

from sitegen.commands.deploy.failure import DeployFailed, NoDeployTarget
from sitegen.commands.deploy.run import DeployReport, deploy

__all__ = ["DeployFailed", "DeployReport", "NoDeployTarget", "deploy"]
