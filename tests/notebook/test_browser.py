"""The officer's journey in headless Chromium on a phone-sized screen, the entry pages' axe,
keyboard and structure checks, 400% zoom, and the offline app with the network cut."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from synergy.core.deps import SESSION_COOKIE
from synergy.core.roles import Role
from synergy.identity import service as identity
from synergy.notebook import service
from synergy.notebook.models import Entry
from tests.browser.checks import axe_problems, keyboard_problems, structure_problems
from tests.notebook.conftest import a_photo

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _officer_cookie(session_factory, username: str = "alex.morgan") -> str:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        identity.create_user(
            session, username=username, display_name="Alex Morgan",
            password="a browser test password", roles=frozenset({Role.OFFICER}),
        )  # fmt: skip
        account = identity.get_by_username(session, username=username)
        assert account is not None
        token = identity.start_session(session, user=account, source_ip="127.0.0.1")
        session.commit()
    return token


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: a temporary folder (take_screenshots.py puts them in the docs)."""
    return tmp_path


@pytest.fixture
def phone(browser, live_server, session_factory) -> Iterator:  # type: ignore[no-untyped-def]  # noqa: F811
    context = browser.new_context(
        base_url=live_server,
        viewport=PHONE,
        has_touch=True,
        permissions=["geolocation"],
        geolocation={"latitude": 52.48142, "longitude": -1.89983},
    )
    context.set_default_timeout(20_000)  # a loaded machine is slower with a service worker
    context.add_cookies(
        [{"name": SESSION_COOKIE, "value": _officer_cookie(session_factory), "url": live_server}]
    )
    yield context
    context.close()


def _checked(page) -> None:  # type: ignore[no-untyped-def]
    problems = [f"axe: {p}" for p in axe_problems(page)]
    problems += [f"structure: {p}" for p in structure_problems(page.content())]
    problems += [f"keyboard: {p}" for p in keyboard_problems(page)]
    assert not problems, f"{page.url}:\n" + "\n".join(problems)


def _fits_at_400_percent(page) -> None:  # type: ignore[no-untyped-def]
    # 400% zoom of a 1280-pixel window is 320 CSS pixels: nothing may need sideways scrolling.
    page.set_viewport_size({"width": 320, "height": 256})
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at 400% zoom"
    page.set_viewport_size(PHONE)


def _draw(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    for step in range(1, 8):
        page.mouse.move(box["x"] + 20 + step * 30, box["y"] + 20 + (step % 3) * 25)
    page.mouse.up()


def test_officer_journey_on_a_phone(phone, app, session_factory, shots) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto("/notebook")
    _checked(page)
    _fits_at_400_percent(page)
    page.get_by_label("Note").fill(
        "Spoke to Jan KOWALSKI born 27/03/1990 at B3 2BS, call 0121 626 5000"
    )
    page.get_by_text("Add a sketch").click()
    _draw(page, "[data-drawing=sketch_strokes] canvas")
    page.get_by_label("Describe the sketch in words").fill("Road layout: car came from the north")
    page.get_by_text("Add a signature").click()
    page.get_by_label("Who is signing").select_option("witness")
    page.get_by_label("Their name, typed").fill("Mary Jones")
    _draw(page, "[data-drawing=signature_strokes] canvas")
    _fits_at_400_percent(page)  # with the sketch and signature open
    page.get_by_label("Add my location to this entry").check()
    expect(page.locator("[data-latitude]")).to_have_value("52.48142")
    page.screenshot(path=str(shots / "notebook-write-phone.png"), full_page=True)
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url("**/notebook/entries/1?saved=1")
    assert page.locator("a[href='tel:+441216265000']").count() == 1
    assert page.get_by_text("Signed by Mary Jones (witness)").count() == 1
    page.screenshot(path=str(shots / "notebook-entry-phone.png"), full_page=True)
    _checked(page)
    _fits_at_400_percent(page)
    page.get_by_label("Corrected note").fill("Spoke to Jan KOWALSKI at B3 2BT")
    page.get_by_label("Reason for the correction").fill("Postcode misheard")
    page.get_by_role("button", name="Save correction").click()
    page.wait_for_url("**/notebook/entries/2?saved=1")
    page.goto("/notebook/entries/1")
    assert page.locator("del").count() == 1
    page.goto("/notebook/entries/1/records")
    _checked(page)
    assert page.get_by_label("Family name").first.input_value() == "Kowalski"
    page.screenshot(path=str(shots / "notebook-records-phone.png"), full_page=True)
    with session_factory() as session:
        notebook = service.get_notebook(session, officer="alex.morgan")
        first = service.entry_views(session, app.state.notebook.keyring, notebook)[0]
    assert first.content is not None and first.content.sketch is not None
    assert first.content.sketch.drawing.strokes, "the drawn strokes were saved as vectors"
    assert first.content.signatures[0].drawing is not None
    assert first.content.location is not None and first.content.location.latitude == 52.48142


def _browser_storage(page) -> str:  # type: ignore[no-untyped-def]
    """Everything the app keeps in IndexedDB, as text (binary as numbers)."""
    return str(
        page.evaluate("""async () => {
      const db = await new Promise((ok, no) => { const r = indexedDB.open("synergy-notebook");
        r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
      const all = async (store) => new Promise((ok) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result); });
      const dump = (v) => JSON.stringify(v, (k, x) =>
        x instanceof ArrayBuffer ? Array.from(new Uint8Array(x)) :
        x instanceof Uint8Array ? Array.from(x) : x);
      return dump(await all("queue")) + dump(await all("device"));
    }""")
    )


def _entries(session_factory) -> list[tuple[int, str | None, int | None]]:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        rows = session.execute(
            select(Entry.seq, Entry.device_id, Entry.device_seq).order_by(Entry.seq)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def test_offline_entries_are_kept_encrypted_and_synced_once(
    phone, app, session_factory, shots, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto("/notebook/offline")
    status = page.locator("[data-sync-status]")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    _checked(page)
    phone.set_offline(True)
    photo = tmp_path / "door.png"
    photo.write_bytes(a_photo(side=200))
    for number in (1, 2, 3):
        page.get_by_label("Note").fill(f"Offline observation {number}: suspect left via the alley")
        if number == 1:
            page.get_by_label("Add my location to this entry").check()  # GPS needs no signal
        if number == 2:
            page.get_by_text("Add a sketch").click()
            _draw(page, "[data-drawing=sketch_strokes] canvas")
            page.get_by_label("Describe the sketch in words").fill("Alley behind the shops")
        if number == 3:
            page.get_by_text("Add a signature").click()
            page.get_by_label("Who is signing").select_option("witness")
            _draw(page, "[data-drawing=signature_strokes] canvas")
            page.get_by_role("button", name="Save entry").click()
            expect(status).to_contain_text("Not saved: Type the name of the person signing")
            expect(page.get_by_label("Their name, typed")).to_be_focused()
            page.get_by_label("Their name, typed").fill("Mary Jones")
            page.get_by_text("Add a photo").click()
            page.get_by_label("Photo (JPEG or PNG)").set_input_files(str(photo))
            page.get_by_label("Describe the photo").fill("Broken gate at the alley")
        page.get_by_role("button", name="Save entry").click()
        waiting = "1 entry" if number == 1 else f"{number} entries"
        expect(status).to_contain_text(f"Offline: {waiting} waiting to be sent")
    page.screenshot(path=str(shots / "notebook-offline-phone.png"), full_page=True)
    stored = _browser_storage(page)
    assert "client_id" in stored and "Offline observation" not in stored and "alley" not in stored
    assert "Mary Jones" not in stored and "Broken gate" not in stored
    assert base64.b64encode(photo.read_bytes())[100:160].decode() not in stored
    assert _entries(session_factory) == []
    page.reload()  # without signal the service worker serves the page from its copy
    expect(status).to_contain_text("Offline: 3 entries waiting")
    phone.set_offline(False)
    expect(status).to_contain_text("Online: all entries sent", timeout=20_000)
    rows = _entries(session_factory)
    assert [r[0] for r in rows] == [1, 2, 3] and [r[2] for r in rows] == [1, 2, 3]
    page.reload()
    expect(status).to_contain_text("all entries sent")
    assert len(_entries(session_factory)) == 3, "a second sync must not store entries twice"
    with session_factory() as session:
        notebook = service.get_notebook(session, officer="alex.morgan")
        views = service.entry_views(session, app.state.notebook.keyring, notebook)
    assert [v.content.text for v in views if v.content][0].startswith("Offline observation 1")
    assert all(v.from_device and v.server_time >= v.device_time for v in views)
    located = views[0].content.location if views[0].content else None
    assert located is not None and (located.latitude, located.longitude) == (52.48142, -1.89983)
    assert views[1].content is not None and views[1].content.location is None, "box untouched"
    sketch = views[1].content.sketch if views[1].content else None
    assert sketch is not None and sketch.description == "Alley behind the shops"
    assert sketch.drawing.strokes, "the sketch drawn offline arrived as vectors"
    signed = views[2].content
    assert signed is not None and signed.text.startswith("Offline observation 3")
    signature = signed.signatures[0]
    assert (signature.name, signature.role, signature.drawing is not None) == (
        "Mary Jones", "witness", True
    )  # fmt: skip
    assert signature.drawing is not None and signature.drawing.strokes
    assert signed.photos[0].picture() == photo.read_bytes(), "the photo arrived byte for byte"
    assert signed.photos[0].description == "Broken gate at the alley"


def test_vehicle_place_lookup_and_offline_pages_fit_at_400_percent_zoom(
    phone, app, session_factory
) -> None:  # type: ignore[no-untyped-def]
    page = phone.new_page()
    page.goto("/notebook")
    page.get_by_label("Note").fill("Stopped AB12 CDE outside 14 High Street, Birmingham B3 2BS")
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url("**/notebook/entries/1?saved=1")
    page.goto("/notebook/entries/1/records")
    _fits_at_400_percent(page)
    page.get_by_role("button", name="Confirm and send AB12 CDE to records").click()
    page.wait_for_url("**/notebook/entries/1?sent=vehicle")
    page.goto("/notebook/entries/1/records")
    page.get_by_role("button", name="Confirm and send 14 High Street").click()
    page.wait_for_url("**/notebook/entries/1?sent=place")
    for name in ("AB12 CDE", "14 High Street, Birmingham, B3 2BS"):
        page.goto("/notebook/entries/1")
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("link", name="NB-alex.morgan-1")).to_be_visible()
        _fits_at_400_percent(page)
    page.goto("/notebook/lookup?q=ab12")
    expect(page.get_by_role("link", name="AB12 CDE")).to_be_visible()
    _fits_at_400_percent(page)
    page.goto("/notebook/offline")
    for summary in ("Add a sketch", "Add a signature", "Add a photo"):
        page.get_by_text(summary).click()
    _checked(page)  # with every part of the form open
    _fits_at_400_percent(page)
