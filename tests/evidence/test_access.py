"""Need-to-know: an upload request, its witness's details and footage are for its creator and
the case team they add; a supervisor opens another team's request only by stating a reason,
and every read that reason allows is audited; everyone else is refused plainly."""

from __future__ import annotations

from sqlalchemy import select

from synergy.core.audit import AuditRecord
from synergy.core.roles import Role
from synergy.evidence.models import UploadRequest
from tests.conftest import csrf_for, sign_in
from tests.evidence.conftest import TUS, metadata, tiny_mp4


def _upload(client, link) -> str:  # type: ignore[no-untyped-def]
    video = tiny_mp4()
    created = client.post(
        link.endpoint,
        content=video,
        headers={
            **TUS,
            "Upload-Length": str(len(video)),
            "Upload-Metadata": metadata(filename="door.mp4"),
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert created.status_code == 201, created.text
    return str(created.headers["Location"].rsplit("/", 1)[1])


def _as(client, make_user, username: str, *roles: Role):  # type: ignore[no-untyped-def]
    client.cookies.clear()
    make_user(username, *roles)
    sign_in(client, username)
    return client


def _actions(session_factory) -> list[AuditRecord]:  # type: ignore[no-untyped-def]
    with session_factory() as db:
        return list(db.execute(select(AuditRecord).order_by(AuditRecord.id)).scalars())


def test_another_investigator_cannot_see_or_change_a_request(client, make_link, make_user) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    file_id = _upload(client, link)
    other = _as(client, make_user, "olly", Role.INVESTIGATOR)
    assert link.public_id not in other.get("/evidence").text
    search = other.get("/evidence", params={"reference": "20/123456/24"})
    assert link.public_id not in search.text and "No upload requests of yours" in search.text
    url = f"/evidence/requests/{link.public_id}"
    refused = other.get(url)
    assert refused.status_code == 403
    assert "Ask them to add you to the case team" in refused.text
    assert "Sam Jones" not in refused.text and "sam@example.com" not in refused.text
    assert other.get(f"/evidence/files/{file_id}/content?download=true").status_code == 403
    assert other.get(f"{url}/export").status_code == 403
    token = csrf_for(other)
    assert other.post(f"{url}/revoke", data={"csrf_token": token}).status_code == 403
    assert other.post(f"{url}/extend", data={"days": "3", "csrf_token": token}).status_code == 403
    assert other.get(f"{url}/team").status_code == 403


def test_the_creator_adds_a_colleague_who_then_sees_it_until_removed(
    client, make_link, make_user, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    make_user("olly", Role.INVESTIGATOR)
    make_user("fred", Role.FINANCE)
    creator = _as(client, make_user, "ivy", Role.INVESTIGATOR)
    team = f"/evidence/requests/{link.public_id}/team"
    assert creator.get(team).status_code == 200
    not_investigator = creator.post(
        team, data={"username": "fred", "csrf_token": csrf_for(creator)}
    )
    assert not_investigator.status_code == 422 and "no investigator" in not_investigator.text
    added = creator.post(team, data={"username": "Olly", "csrf_token": csrf_for(creator)})
    assert added.status_code == 303
    assert "olly" in creator.get(team).text
    colleague = _as(client, make_user, "olly-2", Role.INVESTIGATOR)  # someone else first
    assert colleague.get(f"/evidence/requests/{link.public_id}").status_code == 403
    client.cookies.clear()
    sign_in(client, "olly")
    assert client.get(f"/evidence/requests/{link.public_id}").status_code == 200
    assert "20/123456/24" in client.get("/evidence").text
    removed = client.post(f"{team}/olly/remove", data={"csrf_token": csrf_for(client)})
    assert removed.status_code == 303
    assert client.get(f"/evidence/requests/{link.public_id}").status_code == 403
    actions = [r.action for r in _actions(session_factory)]
    assert "evidence.team_member_added" in actions
    assert "evidence.team_member_removed" in actions


def test_a_supervisor_opens_another_teams_request_only_with_a_reason_and_each_read_is_audited(
    client, make_link, make_user, session_factory
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    file_id = _upload(client, link)
    supervisor = _as(client, make_user, "sue", Role.SUPERVISOR)
    found = supervisor.get("/evidence", params={"reference": "20/123456/24"})
    assert "Other teams&#39; requests" in found.text or "Other teams' requests" in found.text
    url = f"/evidence/requests/{link.public_id}"
    asks = supervisor.get(url)
    assert "Why do you need to open this request?" in asks.text
    assert "Sam Jones" not in asks.text and "sam@example.com" not in asks.text
    assert supervisor.get(f"/evidence/files/{file_id}/content").status_code == 403
    short = supervisor.post(
        f"{url}/reason", data={"reason": "x", "csrf_token": csrf_for(supervisor)}
    )
    assert short.status_code == 422 and 'href="#reason"' in short.text
    reason = "Reviewing the case while DC Ivy is on leave"
    given = supervisor.post(
        f"{url}/reason", data={"reason": reason, "csrf_token": csrf_for(supervisor)}
    )
    assert given.status_code == 303
    page = supervisor.get(url)
    assert page.status_code == 200 and "Sam Jones" in page.text and reason in page.text
    assert "Cancel link" not in page.text  # reading, not changing
    assert supervisor.get(f"/evidence/files/{file_id}/content?download=true").status_code == 200
    assert supervisor.get(f"{url}/export").status_code == 200
    reads = [r for r in _actions(session_factory) if r.action == "evidence.read_with_reason"]
    assert [r.details["read"] for r in reads] == ["request page", "download of door.mp4", "export"]
    assert {r.actor for r in reads} == {"sue"} and {r.details["reason"] for r in reads} == {reason}
    stated = [r for r in _actions(session_factory) if r.action == "evidence.reason_stated"]
    assert stated[0].details["reason"] == reason
    token = csrf_for(supervisor)
    assert supervisor.post(f"{url}/revoke", data={"csrf_token": token}).status_code == 403
    with session_factory() as db:
        assert db.execute(select(UploadRequest.revoked_at)).scalar_one() is None


def test_an_investigator_cannot_state_a_reason_to_open_others_requests(
    client, make_link, make_user
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    other = _as(client, make_user, "olly", Role.INVESTIGATOR)
    url = f"/evidence/requests/{link.public_id}"
    data = {"reason": "I would like to look at this one", "csrf_token": csrf_for(other)}
    assert other.post(f"{url}/reason", data=data).status_code == 403
    assert other.get(url).status_code == 403
