"""The live queue: waiting against targets, skills-first offers, the event stream; need-to-know."""

from __future__ import annotations

import asyncio
import functools
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from synergy.contact.desk import live
from synergy.contact.desk.live import changes
from synergy.contact.desk.queue import wait_band
from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from tests.conftest import csrf_for
from tests.contact.desk.helpers import LIMITS, finished_call, handed_over_call

DISCLOSURE = ("I need some help. My partner hit me last night and I'm scared to go home",)


def test_waiting_time_is_banded_against_the_target() -> None:
    assert [wait_band(s, 60) for s in (10, 45, 61)] == ["within", "near", "over"]


def test_queue_shows_how_long_each_caller_has_waited(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    handed_over_call(session_factory)
    signed_in(Role.CONTACT_AGENT)
    page = client.get("/contact").text
    assert "Waited" in page and "Within target" in page
    assert 'data-live-events="/contact/queue/events"' in page
    assert "Refresh the queue" in page  # works without JavaScript


def test_a_call_needing_a_skill_is_offered_first_to_staff_with_it(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = handed_over_call(session_factory, *DISCLOSURE)
    signed_in(Role.CONTACT_AGENT)  # a specialist
    saved = client.post(
        "/contact/skills", data={"skills": ["domestic_abuse"], "csrf_token": csrf_for(client)}
    )
    assert saved.status_code == 303
    assert "Offered to you" in client.get("/contact").text

    signed_in(Role.CONTACT_AGENT)  # no skills
    page = client.get("/contact").text
    assert "Offered first to a colleague with the skill" in page
    refused = client.post(f"/contact/calls/{call_id}/take", data={"csrf_token": csrf_for(client)})
    assert refused.status_code == 409 and "domestic abuse specialist" in refused.text


def test_without_a_skilled_colleague_anyone_can_take_the_call(
    client: TestClient, signed_in: Any, session_factory: Any
) -> None:
    call_id = handed_over_call(session_factory, *DISCLOSURE)
    signed_in(Role.CONTACT_AGENT)
    taken = client.post(f"/contact/calls/{call_id}/take", data={"csrf_token": csrf_for(client)})
    assert taken.status_code == 303


def test_unknown_skills_are_refused(client: TestClient, signed_in: Any) -> None:
    signed_in(Role.CONTACT_AGENT)
    refused = client.post(
        "/contact/skills", data={"skills": ["flying"], "csrf_token": csrf_for(client)}
    )
    assert refused.status_code == 422


def test_event_stream_says_changed_only_when_the_fingerprint_changes() -> None:
    seen = iter(["a", "a", "b", None])

    async def fingerprint() -> str | None:
        return next(seen)

    async def connected() -> bool:
        return False

    async def collect() -> list[str]:
        return [
            event
            async for event in changes(
                fingerprint, is_disconnected=connected, poll_seconds=0, stream_seconds=10
            )
        ]

    events = asyncio.run(collect())
    assert events[0].startswith("retry:")
    assert [e for e in events if e.startswith("event: changed")] == [
        "event: changed\nid: b\ndata: b\n\n",
        "event: changed\nid: \ndata: gone\n\n",
    ]


def _first_events(since: str | None, now: str) -> list[str]:
    async def fingerprint() -> str | None:
        return now

    async def connected() -> bool:
        return True  # the page goes after the first poll

    async def collect() -> list[str]:
        stream = changes(fingerprint, is_disconnected=connected, since=since, poll_seconds=0)
        return [event async for event in stream]

    return asyncio.run(collect())


def test_a_change_made_before_the_stream_starts_is_still_sent() -> None:
    # The page was drawn from "a"; the queue changed to "b" before the browser connected.
    assert "event: changed\nid: b\ndata: b\n\n" in _first_events(since="a", now="b")
    # Nothing changed since the page was drawn: nothing to fetch.
    assert not [e for e in _first_events(since="b", now="b") if "changed" in e]


def test_the_queue_page_says_what_it_was_drawn_from_and_the_stream_uses_it(
    client: TestClient, signed_in: Any, session_factory: Any, monkeypatch: Any
) -> None:
    # The stream is cut short after its first events, so the test client can read it whole.
    short = functools.partial(live.changes, poll_seconds=0, stream_seconds=0)
    monkeypatch.setattr(live, "changes", short)
    signed_in(Role.CONTACT_AGENT)
    drawn = re.search(r'data-live-since="([0-9a-f]+)"', client.get("/contact").text)
    assert drawn, "the queue page names the state it shows"
    unchanged = client.get(f"/contact/queue/events?since={drawn.group(1)}").text
    assert "event: changed" not in unchanged
    handed_over_call(session_factory)  # a call joins the queue before the stream connects
    changed = client.get(f"/contact/queue/events?since={drawn.group(1)}").text
    assert "event: changed" in changed
    # A reconnecting browser says what it last saw in Last-Event-ID, to the same effect.
    again = client.get("/contact/queue/events", headers={"Last-Event-ID": drawn.group(1)})
    assert "event: changed" in again.text


def test_live_streams_are_for_contact_staff(client: TestClient, signed_in: Any) -> None:
    signed_in(Role.OFFICER)
    assert client.get("/contact/queue/events").status_code == 403
    assert client.get("/contact/calls/1/events").status_code == 403


def test_agents_cannot_read_conversations_never_passed_on(
    client: TestClient, signed_in: Any, session_factory: Any, db: Session
) -> None:
    private = finished_call(session_factory)
    passed_on = handed_over_call(session_factory)
    signed_in(Role.CONTACT_AGENT)
    assert client.get(f"/contact/calls/{private}").status_code == 404
    assert client.get(f"/api/contact/calls/{private}").status_code == 404
    assert client.get(f"/contact/calls/{private}/events").status_code == 404
    assert client.get(f"/contact/calls/{passed_on}").status_code == 200
    reads = (
        db.execute(select(AuditRecord.target_id).where(AuditRecord.action == "contact.call_viewed"))
        .scalars()
        .all()
    )
    assert reads == [str(passed_on)]


def test_a_conversations_fingerprint_changes_with_each_turn_and_ends_with_the_call(
    db: Session,
) -> None:
    from synergy.contact import service
    from synergy.contact.dialogue import Channel
    from synergy.core.security import token_digest

    started = service.start_conversation(db, channel=Channel.API)
    call_id, digest = started.call.id, token_digest(started.token)
    before = service.call_fingerprint(db, call_id=call_id)
    assert before is not None and service.chat_fingerprint(db, digest=digest) == before
    service.take_turn(db, token=started.token, text="I lost my wallet on the bus", limits=LIMITS)
    db.expire_all()
    after = service.call_fingerprint(db, call_id=call_id)
    assert after not in (None, before) and service.chat_fingerprint(db, digest=digest) == after
    assert service.call_fingerprint(db, call_id=call_id + 1) is None
    assert service.chat_fingerprint(db, digest=token_digest("not a token")) is None
