"""Deploy to S3-compatible storage (AWS S3, Cloudflare R2, Backblaze B2, DigitalOcean Spaces) through boto3.

Credentials come only from boto3's usual places: the environment, ~/.aws, an instance role.
Every key listed, written or deleted starts with the target's prefix, so the rest of the bucket
is never touched. Each object carries its Content-Type and Cache-Control; an object's ETag is
the MD5 of its bytes (for a single upload), which is how unchanged files are recognised.
"""

from __future__ import annotations

from typing import Any

from sitegen.commands.deploy.content_types import content_type
from sitegen.commands.deploy.failure import DeployFailed
from sitegen.commands.deploy.plan import Plan
from sitegen.config.deploy_targets import BucketPlace
from sitegen.core.urls import cache_control

_DELETE_BATCH = 1000  # the most one DeleteObjects request takes


class BucketTarget:
    def __init__(self, place: BucketPlace) -> None:
        import boto3  # loaded only to deploy to a bucket
        from botocore.exceptions import BotoCoreError, ClientError

        self.place = place
        self.shown = f"s3://{place.bucket}/{place.prefix}"
        self._errors: tuple[type[Exception], ...] = (BotoCoreError, ClientError)
        options = {"endpoint_url": place.endpoint or None, "region_name": place.region or None}
        try:
            self.client: Any = boto3.session.Session().client("s3", **options)
        except self._errors as exc:
            raise DeployFailed(f"cannot reach {self.shown}: {exc}", _CREDENTIALS_HINT) from None

    def extras(self) -> dict[str, bytes]:
        return {}

    def files_there(self) -> dict[str, str]:
        found: dict[str, str] = {}
        prefix = self.place.prefix
        try:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.place.bucket, Prefix=prefix)
            for page in pages:
                for item in page.get("Contents", []):
                    key = str(item["Key"])
                    if key.startswith(prefix) and len(key) > len(prefix):
                        found[key[len(prefix) :]] = str(item.get("ETag", "")).strip('"')
        except self._errors as exc:
            raise DeployFailed(f"could not list {self.shown}: {exc}", _CREDENTIALS_HINT) from None
        return found

    def apply(self, plan: Plan) -> None:
        for upload in plan.uploads:
            try:
                self.client.put_object(
                    Bucket=self.place.bucket,
                    Key=self.place.prefix + upload.path,
                    Body=upload.read(),
                    ContentType=content_type(upload.path),
                    CacheControl=cache_control(upload.path),
                )
            except self._errors as exc:
                raise DeployFailed(f"could not upload {upload.path} to {self.shown}: {exc}", _AGAIN_HINT) from None
        keys = [self.place.prefix + path for path in plan.deletions]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = keys[start : start + _DELETE_BATCH]
            try:
                answer = self.client.delete_objects(
                    Bucket=self.place.bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
                )
            except self._errors as exc:
                raise DeployFailed(f"could not delete {batch[0]} from {self.shown}: {exc}", _AGAIN_HINT) from None
            refused = answer.get("Errors", [])
            if refused:
                first = refused[0]
                message = f"could not delete {first.get('Key')} from {self.shown}: {first.get('Message')}"
                raise DeployFailed(message, _AGAIN_HINT)


_CREDENTIALS_HINT = (
    "check the address, and that AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws) hold keys for this bucket"
)
_AGAIN_HINT = "every page that was there still is; run sitegen deploy again to finish"
