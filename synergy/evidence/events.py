"""Work done after an upload completes: read the video's details, scan it for malware, and
tell the investigator (in the app, and by email when SMTP is configured)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.core import audit
from synergy.core.config import Settings
from synergy.core.events import Event, Subscription
from synergy.evidence import media, sending
from synergy.evidence.deps import evidence_root
from synergy.evidence.models import EvidenceFile, Notification
from synergy.evidence.object_store import ObjectStore, object_store_for
from synergy.evidence.settings import EvidenceSettings
from synergy.evidence.stored_files import file_sha256
from synergy.evidence.uploads import COMPLETED_TOPIC

log = logging.getLogger(__name__)


def _file(session: Session, event: Event) -> EvidenceFile | None:
    return session.execute(
        select(EvidenceFile).where(EvidenceFile.public_id == event.payload["file"])
    ).scalar_one_or_none()


def check_content(settings: Settings):  # type: ignore[no-untyped-def]
    def handle(session: Session, event: Event) -> None:
        file = _file(session, event)
        if file is None or file.status != "complete" or file.media is not None:
            return
        path = evidence_root(settings).path(file.storage_key)
        file.media = media.probe(path)
        file.scan_result = media.scan_for_malware(path)
        audit.record(
            session,
            action="evidence.content_checked",
            target_type="evidence_file",
            target_id=file.public_id,
            details={"media": file.media, "scan": file.scan_result},
        )
        session.flush()

    return handle


def notify_investigator(settings: Settings):  # type: ignore[no-untyped-def]
    def handle(session: Session, event: Event) -> None:
        file = _file(session, event)
        if file is None:
            return
        key = f"upload-completed-{file.public_id}"
        if session.execute(select(Notification).where(Notification.event_key == key)).first():
            return
        request = file.request
        message = f"{file.filename} has been uploaded for {request.reference}"
        link = f"/evidence/requests/{request.public_id}"
        session.add(
            Notification(
                username=request.created_by, message=message[:500], link=link, event_key=key
            )
        )
        session.flush()
        if request.notify_email and settings.smtp_host:
            # A failure raises, so the worker retries the event; the notification row above
            # rolls back with it, keeping the two in step.
            sending.send_email(
                settings,
                to=request.notify_email,
                subject=f"CCTV uploaded for {request.reference}",
                body=f"{message}.\n\nReview it: {settings.base_url}{link}\n",
            )

    return handle


def archive_to_object_store(settings: Settings):  # type: ignore[no-untyped-def]
    stores: list[ObjectStore] = []

    def handle(session: Session, event: Event) -> None:
        file = _file(session, event)
        if file is None or file.status != "complete" or file.object_key is not None:
            return
        store = stores[0] if stores else object_store_for(settings)
        if store is None:
            return
        stores[:] = [store]
        local = evidence_root(settings)
        path = local.path(file.storage_key)
        key = f"evidence/{file.request.reference_kind}/{file.public_id}"
        if not path.exists() and store.size(key) != file.length:
            raise FileNotFoundError(f"evidence file {file.public_id} is in neither store")
        if path.exists():
            if file_sha256(local, file, settings) != file.sha256:
                raise ValueError(f"evidence file {file.public_id} no longer matches its SHA-256")
            store.put(key, path)
        file.object_key = key
        audit.record(
            session,
            action="evidence.archived",
            target_type="evidence_file",
            target_id=file.public_id,
            details={"bucket": store.bucket, "key": key, "sha256": file.sha256},
        )
        session.flush()
        local.delete(file.storage_key)

    return handle


def subscriptions(settings: Settings) -> list[Subscription]:
    found = [
        Subscription(COMPLETED_TOPIC, "evidence.check_content", check_content(settings)),
        Subscription(
            COMPLETED_TOPIC, "evidence.notify_investigator", notify_investigator(settings)
        ),
    ]
    if settings.section(EvidenceSettings).s3_bucket:
        # After the content check, which reads the local copy this deletes.
        found.append(
            Subscription(
                COMPLETED_TOPIC,
                "evidence.archive_to_object_store",
                archive_to_object_store(settings),
            )
        )
    return found
