"""Page examples for the browser tests (see tests/browser/examples.py)."""

from __future__ import annotations

from synergy.core.roles import Role
from tests.browser.page_example import Example
from tests.evidence.examples import a_new_link, an_upload_request, on_the_case_team

PAGES: dict[str, Example] = {
    "/evidence": Example(role=Role.INVESTIGATOR, setup=an_upload_request),
    "/evidence/requests/new": Example(role=Role.INVESTIGATOR),
    # A supervisor outside the case team is asked why they need to open it.
    "/evidence/requests/{public_id}": Example(role=Role.SUPERVISOR, setup=an_upload_request),
    "/evidence/requests/{public_id}/team": Example(
        role=Role.INVESTIGATOR, setup=an_upload_request, cookies=on_the_case_team
    ),
    "/upload": Example(role=None),
    "/evidence/upload/{token}": Example(role=None, setup=a_new_link),
    "/evidence/upload/{token}/files": Example(role=None, setup=an_upload_request),
    "/evidence/upload-complete": Example(role=None),
}

NOT_PAGES: dict[str, str] = {
    "/evidence/files/{public_id}/content": "evidence video bytes for playback and download",
    "/evidence/requests/{public_id}/export": "zip of evidence files and their hash manifest",
    "/evidence/assets/{name}": "JavaScript for the public upload page",
    "/u": "the shortest address for the short-code page, which it redirects to",
}
