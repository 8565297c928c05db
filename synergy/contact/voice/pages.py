"""The public "call 101 online" page and its WebRTC signalling endpoint.

The page is plain GOV.UK Frontend; its script (served from here, so no inline code is needed
under the content security policy) sends the browser's SDP offer to `/api/contact/voice/offers`
with the page's CSRF token, and the server answers it with aiortc. The speech engines load on
the first call and are shared by all later ones.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, field_validator

from synergy.contact.deps import OnlineCaller
from synergy.core.deps import BROWSER_COOKIE, client_ip
from synergy.core.errors import InvalidRequest, ServiceUnavailable, TooManyRequests
from synergy.core.web import render

if TYPE_CHECKING:
    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

router = APIRouter()

PAGE_PATH = "/contact/call-online"
SCRIPT_PATH = f"{PAGE_PATH}/call-online.js"
OFFER_PATH = "/api/contact/voice/offers"
TITLE = "Call us online about a non-emergency"
SCRIPT = Path(__file__).resolve().parent / "static" / "call_online.js"
MAX_SDP_CHARS = 20_000


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


@router.get(PAGE_PATH, response_class=HTMLResponse, summary="Call 101 online")
def call_online_page(request: Request, _: OnlineCaller) -> Response:
    return render(request, "contact/voice/call_online.html", {
        "title": TITLE, "offer_url": OFFER_PATH, "script_url": SCRIPT_PATH,
    })  # fmt: skip


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
        state.voice_gateway_lock = asyncio.Lock()  # one per app: engines load once
    async with state.voice_gateway_lock:
        gateway: WebRTCGateway | None = getattr(state, "voice_gateway", None)
        if gateway is None:
            gateway = await asyncio.to_thread(_build_gateway, request)
            state.voice_gateway = gateway
    return gateway


def _build_gateway(request: Request) -> WebRTCGateway:
    from synergy.contact.voice.session import VoiceServices
    from synergy.contact.voice.speech.asr import EngineNotInstalled
    from synergy.contact.voice.speech.tts import SynthesisFailed
    from synergy.contact.voice.telephony.sip import SipConfig
    from synergy.contact.voice.telephony.webrtc import WebRTCGateway

    settings = request.app.state.settings
    try:
        services = VoiceServices.from_settings(settings, request.app.state.session_factory)
        services.warm()
        addresses = [a.strip() for a in settings.voice_webrtc_addresses.split(",") if a.strip()]
        return WebRTCGateway(
            services, addresses=addresses, max_calls=settings.voice_webrtc_max_calls,
            per_visitor=settings.voice_webrtc_calls_per_visitor,
            per_address=settings.voice_webrtc_calls_per_address,
            connect_seconds=settings.voice_webrtc_connect_seconds,
            sip=SipConfig.from_settings(settings),
        )  # fmt: skip
    except (EngineNotInstalled, SynthesisFailed, ModuleNotFoundError) as exc:
        raise ServiceUnavailable(
            "Calling online is not available at the moment. Please call 101 or use our web chat."
        ) from exc
