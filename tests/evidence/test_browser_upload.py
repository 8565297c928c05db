"""End to end in headless Chromium: a member of the public opens the link, gives the statement,
uploads a real video through tus-js-client, and finishes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select

from synergy.core.roles import Role
from synergy.evidence.models import EvidenceFile, UploadRequest
from tests.evidence.conftest import tiny_mp4
from tests.evidence.server import ServerProcess

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def chromium():  # type: ignore[no-untyped-def]
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


def test_public_page_uploads_a_video_in_chromium(
    chromium, settings, engine, make_link, session_factory, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    link = make_link(statement=False)
    video = tmp_path / "front door.mp4"
    video.write_bytes(tiny_mp4(2))
    server = ServerProcess(settings, tmp_path / "server.log").start()
    try:
        page = chromium.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.goto(f"{server.base}{link.page}")
        page.get_by_label("Your full name").fill("Sam Jones")
        page.get_by_label("Email address or phone number").fill("sam@example.com")
        page.get_by_label("When was the footage recorded?").fill("Last night, 10pm")
        page.get_by_label("Where is the camera?").fill("12 High Street")
        page.get_by_label("Is the camera's clock right? (optional)").fill("2 minutes slow")
        page.get_by_label("I agree").check()
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Choose files").set_input_files(str(video))
        page.get_by_role("button", name="Upload files").click()
        page.get_by_text("front door.mp4: uploaded").wait_for(timeout=30_000)
        page.get_by_role("button", name="I have finished uploading").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Footage sent"
        page.close()
    finally:
        server.stop()
    with session_factory() as db:
        stored = db.execute(select(EvidenceFile)).scalar_one()
        request = db.execute(select(UploadRequest)).scalar_one()
    assert stored.filename == "front door.mp4"
    assert stored.sha256 == hashlib.sha256(video.read_bytes()).hexdigest()
    assert request.statement["clock_offset"] == "2 minutes slow"
    assert request.finished_at is not None


def test_investigator_creates_a_link_in_chromium_on_an_accessible_page(
    chromium, settings, engine, make_user, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from tests.browser.checks import axe_problems, structure_problems
    from tests.conftest import TEST_PASSWORD

    make_user("ivy", Role.INVESTIGATOR)
    server = ServerProcess(settings, tmp_path / "server.log").start()
    try:
        page = chromium.new_page()
        page.goto(f"{server.base}/login")
        page.get_by_label("Username").fill("ivy")
        page.get_by_role("textbox", name="Password").fill(TEST_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{server.base}/evidence/requests/new")
        page.get_by_label("Crime number or incident log number").fill("20-123456-2024")
        page.get_by_label("What footage do you want?").fill("Door camera, 10pm to 11pm")
        page.get_by_label("Uploader's mobile number").fill("07700 900123")
        page.get_by_role("button", name="Create and send link").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Upload link created"
        assert page.get_by_role("img", name="QR code of the upload link").is_visible()
        assert "20/123456/24" in page.content()
        # At 1280 pixels the ~165-character link wraps instead of running off the page, and
        # the short code to read out is there.
        page.set_viewport_size({"width": 1280, "height": 900})
        # A token may have no character a line can break at (about half have a "-"), so the
        # worst case is checked: the same length with no break opportunity at all.
        page.locator("#upload-link").evaluate("(code) => { code.textContent = 'x'.repeat(165) }")
        link = page.locator("#upload-link").bounding_box()
        assert link is not None and link["x"] + link["width"] <= 1280
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert len(page.locator("#short-code").inner_text().replace(" ", "")) == 10
        assert axe_problems(page) == []
        assert structure_problems(page.content()) == []
        page.close()
    finally:
        server.stop()


def test_a_refused_file_shows_no_progress_bar_in_chromium(
    chromium, settings, make_link, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    link = make_link()
    not_a_video = tmp_path / "notes.mp4"
    not_a_video.write_bytes(b"MZ\x90\x00" + b"\x00" * 1546)
    server = ServerProcess(settings, tmp_path / "server.log").start()
    try:
        page = chromium.new_page()
        page.goto(f"{server.base}{link.page}/files")
        page.get_by_label("Choose files").set_input_files(str(not_a_video))
        page.get_by_role("button", name="Upload files").click()
        page.get_by_text("notes.mp4: not uploaded.").wait_for(timeout=30_000)
        assert "not a video or picture we can accept" in page.locator("#progress").inner_text()
        assert page.locator("#progress progress").count() == 0
        page.close()
    finally:
        server.stop()
