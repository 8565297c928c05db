"""The public "call 101 online" page and its WebRTC signalling endpoint.

The page is plain GOV.UK Frontend; its script (served from here, so no inline code is needed
under the content security policy) sends the browser's SDP offer to `/api/contact/voice/offers`
with the page's CSRF token, and the server answers it with aiortc. The speech engines load in the
background (`loading.py`) when the server starts, or when the page's script first asks
`/api/contact/voice/status` how ready the line is; the page shows the progress.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, field_validator

from synergy.contact.deps import OnlineCaller
from synergy.contact.voice.loading import EnginesUnavailable, engine_loader
from synergy.contact.voice.settings import VoiceSettings
from synergy.core.deps import BROWSER_COOKIE, client_ip
from synergy.core.errors import InvalidRequest, ServiceUnavailable, TooManyRequests
from synergy.core.web import render

if TYPE_CHECKING:
    from synergy.contact.voice.session import VoiceServices
    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

router = APIRouter()

PAGE_PATH = "/contact/call-online"
SCRIPT_PATH = f"{PAGE_PATH}/call-online.js"
OFFER_PATH = "/api/contact/voice/offers"
TITLE = "Call us online about a non-emergency"
SCRIPT = Path(__file__).resolve().parent / "static" / "call_online.js"
STATUS_PATH = "/api/contact/voice/status"
MAX_SDP_CHARS = 20_000
UNAVAILABLE = "Calling online is not available at the moment. Please call 101 or use our web chat."


class Offer(BaseModel):
    sdp: str = Field(min_length=10, max_length=MAX_SDP_CHARS)
    type: Literal["offer"]

    @field_validator("sdp")
    @classmethod
    def _a_browser_audio_offer(cls, sdp: str) -> str:
        # Checked before any call slot or speech engine is touched: a malformed offer costs
        # the server nothing.
        problem = browser_offer_problem(sdp)
        if problem:
            raise ValueError(problem)
        return sdp


def browser_offer_problem(sdp: str) -> str | None:
    """What makes this not a WebRTC audio offer from a browser, or None."""
    if not sdp.isascii() or any(c not in "\r\n\t" and not c.isprintable() for c in sdp):
        return "the offer must be plain SDP text"
    lines = [line for line in sdp.replace("\r\n", "\n").split("\n") if line]
    if not lines or lines[0] != "v=0":
        return "the offer must be SDP starting with v=0"
    if any(len(line) < 2 or line[1] != "=" for line in lines):
        return "every SDP line must be of the form x=value"
    if not any(line.startswith("m=audio ") for line in lines):
        return "the offer must include an audio stream"
    for needed in ("a=fingerprint:", "a=ice-ufrag:", "a=ice-pwd:"):
        if not any(line.startswith(needed) for line in lines):
            return f"the offer lacks {needed[2:-1]} (not a WebRTC offer)"
    return None


class Answer(BaseModel):
    sdp: str
    type: Literal["answer"] = "answer"


class LineStatus(BaseModel):
    """How far the call line is from ready, for the page to show while it loads."""

    state: Literal["idle", "loading", "ready", "unavailable"]
    step: int | None = None
    steps: int | None = None
    loading: str | None = None


@router.get(PAGE_PATH, response_class=HTMLResponse, summary="Call 101 online")
def call_online_page(request: Request, _: OnlineCaller) -> Response:
    return render(request, "contact/voice/call_online.html", {
        "title": TITLE, "offer_url": OFFER_PATH, "script_url": SCRIPT_PATH,
        "status_url": STATUS_PATH,
    })  # fmt: skip


@router.get(STATUS_PATH, summary="Call 101 online: whether the line is ready (starts loading it)")
def line_status(request: Request, _: OnlineCaller) -> LineStatus:
    """Asked by the page's script as soon as the page opens: loading starts then, in the
    background, so the engines are ready by the time the visitor presses Start."""
    if getattr(request.app.state, "voice_gateway", None) is not None:
        return LineStatus(state="ready")
    loader = engine_loader(request.app)
    loader.start()
    return LineStatus(**loader.status())


@router.get(SCRIPT_PATH, summary="Call 101 online: the page's script")
def call_online_script(_: OnlineCaller) -> Response:
    return Response(SCRIPT.read_text(), media_type="text/javascript")


@router.post(OFFER_PATH, summary="Start a browser call: answer its WebRTC offer")
async def answer_offer(request: Request, offer: Offer, _: OnlineCaller) -> Answer:
    from synergy.contact.voice.telephony.webrtc import TooManyCalls, UnusableOffer

    gateway = await _gateway(request)
    try:
        visitor = request.cookies.get(BROWSER_COOKIE)  # present: the CSRF check needs it
        _call, sdp = await gateway.answer(offer.sdp, source=client_ip(request), visitor=visitor)
    except TooManyCalls as exc:
        raise TooManyRequests(str(exc)) from None
    except UnusableOffer as exc:
        raise InvalidRequest(f"That call offer cannot be answered: {exc}") from None
    return Answer(sdp=sdp)


async def _gateway(request: Request) -> WebRTCGateway:
    state = request.app.state
    if getattr(state, "voice_gateway_lock", None) is None:
        state.voice_gateway_lock = asyncio.Lock()  # one per app: one gateway
    async with state.voice_gateway_lock:
        gateway: WebRTCGateway | None = getattr(state, "voice_gateway", None)
        if gateway is None:
            gateway = _build_gateway(request, await _loaded_services(request))
            state.voice_gateway = gateway
    return gateway


async def _loaded_services(request: Request) -> VoiceServices:
    try:
        return await engine_loader(request.app).services()
    except EnginesUnavailable as exc:
        raise ServiceUnavailable(UNAVAILABLE) from exc


def _build_gateway(request: Request, services: VoiceServices) -> WebRTCGateway:
    from synergy.contact.voice.telephony.sipconfig import SipConfig
    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

    settings = request.app.state.settings
    voice = settings.section(VoiceSettings)
    addresses = [a.strip() for a in voice.webrtc_addresses.split(",") if a.strip()]
    try:
        return WebRTCGateway(
            services, addresses=addresses, max_calls=voice.webrtc_max_calls,
            per_visitor=voice.webrtc_calls_per_visitor,
            per_address=voice.webrtc_calls_per_address,
            connect_seconds=voice.webrtc_connect_seconds,
            sip=SipConfig.from_settings(settings),
        )  # fmt: skip
    except ModuleNotFoundError as exc:  # aiortc, from the voice extra
        raise ServiceUnavailable(UNAVAILABLE) from exc
