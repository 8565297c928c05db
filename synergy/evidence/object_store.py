"""S3-compatible object storage for finished evidence (AWS S3, MinIO, Ceph...).

Uploads are always received on local disk (tus needs appends at an offset); once a file is
complete, `events.archive_to_object_store` copies it to the bucket, checking its SHA-256 as it
goes, records the object key and deletes the local copy. Playback, download and export then
read from the bucket. Credentials come from the usual AWS environment variables or files.
Needs the `s3` extra (boto3).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from synergy.core.config import ConfigError, Settings
from synergy.evidence.settings import EvidenceSettings

READ_PIECE = 1 << 20


class ObjectStore:
    def __init__(self, *, bucket: str, endpoint_url: str = "", region: str = "eu-west-2"):
        try:
            import boto3
        except ImportError:
            raise ConfigError(
                "SYNERGY_EVIDENCE_S3_BUCKET is set but boto3 is not installed "
                "(pip install -e '.[s3]')"
            ) from None
        self.bucket = bucket
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region)

    def put(self, key: str, path: Path) -> None:
        """Streams the file up (multipart for large files); never reads it whole."""
        self.client.upload_file(str(path), self.bucket, key)

    def size(self, key: str) -> int | None:
        from botocore.exceptions import ClientError

        try:
            return int(self.client.head_object(Bucket=self.bucket, Key=key)["ContentLength"])
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def read(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """The object's bytes from `start` to `end` inclusive, in 1 MiB pieces."""
        wanted = f"bytes={start}-{'' if end is None else end}"
        body = self.client.get_object(Bucket=self.bucket, Key=key, Range=wanted)["Body"]
        try:
            yield from body.iter_chunks(READ_PIECE)
        finally:
            body.close()


def object_store_for(settings: Settings) -> ObjectStore | None:
    section = settings.section(EvidenceSettings)
    if not section.s3_bucket:
        return None
    return ObjectStore(
        bucket=section.s3_bucket,
        endpoint_url=section.s3_endpoint_url,
        region=section.s3_region,
    )
