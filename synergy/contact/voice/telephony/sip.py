"""A SIP user agent for the 101 line: answers calls from a trunk or PBX over UDP.

It answers INVITEs (100 Trying, 180 Ringing, 200 OK with a G.711 SDP answer, retransmitted
until the ACK), runs each call through a `VoiceSession`, and ends calls with BYE or when the
caller sends BYE or CANCEL. It takes re-INVITEs (new media address, hold), answers OPTIONS
pings, registers with Digest authentication when a registrar is configured, and transfers a
call to a person with REFER (RFC 3515) to the agent queue's address.

Why our own: the maintained Python SIP libraries either need a C stack we cannot install
from PyPI or, like pyVoIP 1.6.8, would not complete a call with baresip (it requires a
registrar and fails on an empty `Supported:` header). This is the small subset of RFC 3261
a back-to-back answering machine needs, over UDP only, tested against baresip.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from synergy.contact.voice.session import (
    SILENT_CALLER,
    SILENT_CALLER_TEXT,
    VoiceServices,
    VoiceSession,
    watch_line,
)
from synergy.contact.voice.telephony.callback import callback_text, caller_number
from synergy.contact.voice.telephony.g711 import CODECS
from synergy.contact.voice.telephony.rtp import UNSPECIFIED, RtpStream, open_rtp
from synergy.contact.voice.telephony.sdp import SdpError, build_sdp, choose_codec, parse_sdp
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipendpoint import USER_AGENT, SipEndpoint
from synergy.contact.voice.telephony.sipmessage import (
    DigestChallenger,
    SipMessage,
    SipParseError,
    answer_challenge,
    host_port,
    new_branch,
    new_tag,
    tag_of,
    uri_of,
)
from synergy.core.errors import SynergyError

log = logging.getLogger(__name__)

ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, REFER, NOTIFY"


def warning(exc: Exception) -> str:
    """A Warning header (RFC 3261 20.43) saying what was wrong, safe to quote."""
    text = "".join(c for c in str(exc) if c.isprintable() and c not in '"\\')[:120]
    return f'399 synergy "{text}"'


def dialog_target(invite: SipMessage, addr: tuple[str, int]) -> tuple[str, int]:
    """Where in-dialog requests go: the caller's Contact when it names an IP address, else
    the address the INVITE came from (never a name to look up, nor a port that cannot be)."""
    contact = invite.get("Contact")
    if contact:
        try:
            host, port = host_port(uri_of(contact))
            ipaddress.ip_address(host)
            return host, port
        except (SipParseError, ValueError):
            pass
    return addr


@dataclass
class SipCall:
    call_id: str
    invite: SipMessage
    peer: tuple[str, int]
    local_tag: str
    remote_tag: str | None
    local_uri: str  # our To header value
    remote_uri: str  # their From header value
    target: tuple[str, int]  # where in-dialog requests go (their Contact)
    rtp: RtpStream
    rtp_port: int
    session: VoiceSession
    answer: SipMessage | None = None
    confirmed: asyncio.Event = field(default_factory=asyncio.Event)
    ended: asyncio.Event = field(default_factory=asyncio.Event)
    transfer_answered: asyncio.Event = field(default_factory=asyncio.Event)
    cseq: int = 1
    sdp_version: int = 1
    transferred_to: str | None = None
    refer_status: int | None = None
    notify_bodies: list[str] = field(default_factory=list)
    task: asyncio.Task[None] | None = None
    held: bool = False  # put on hold by the caller: no audio expected from them
    bye_status: int | None = None  # the answer to our BYE (None: none came, or theirs)
    ended_because: str = ""


def _last_media(call: SipCall) -> float:
    """When the caller's audio last came; a held call is not waiting for any."""
    return time.monotonic() if call.held else call.rtp.last_received_at


class SipUserAgent(SipEndpoint):
    def __init__(self, config: SipConfig, services: VoiceServices) -> None:
        super().__init__()
        self.config = config
        self.services = services
        self.calls: dict[str, SipCall] = {}
        self.finished: list[SipCall] = []
        self.registered = asyncio.Event()
        self.on_call_ended: Callable[[SipCall], None] | None = None
        self._digest = DigestChallenger(realm=config.host)
        self._setting_up: set[str] = set()

    # --- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> int:
        port = await self.bind(self.config.host, self.config.port)
        if self.config.registrar:
            self._spawn(self.register_forever())
        return port

    async def stop(self) -> None:
        for call in list(self.calls.values()):
            await self.hang_up(call, wait=False)
        self.close_endpoint()

    # --- requests from the other side ------------------------------------------------------

    async def _request(self, request: SipMessage, addr: tuple[str, int]) -> None:
        method = request.method
        call = self.calls.get(request.call_id)
        if method == "INVITE":
            if call is None:
                await self._new_call(request, addr)
            elif tag_of(request.get("To")) is None:
                if call.answer is not None:
                    self._send(call.answer, addr)  # a retransmitted INVITE
            else:
                await self._reinvite(call, request, addr)
        elif method == "ACK":
            if call is not None:
                call.confirmed.set()
        elif method == "OPTIONS":
            self._reply(
                request, addr, 200, "OK", headers=[("Allow", ALLOW), ("Accept", "application/sdp")]
            )
        elif call is None:
            self._reply(request, addr, 481, "Call/Transaction Does Not Exist")
        elif method == "BYE":
            self._reply(request, addr, 200, "OK")
            await self._end(call, "caller hung up")
        elif method == "CANCEL":
            self._reply(request, addr, 200, "OK")
            if call.answer is None:
                self._reply(
                    call.invite, call.peer, 487, "Request Terminated", to_tag=call.local_tag
                )
                await self._end(call, "caller cancelled")
        elif method == "NOTIFY":
            self._reply(request, addr, 200, "OK")
            call.notify_bodies.append(request.body)
            if "SIP/2.0 2" in request.body:
                call.transfer_answered.set()
        else:
            self._reply(request, addr, 405, "Method Not Allowed", headers=[("Allow", ALLOW)])

    async def _new_call(self, invite: SipMessage, addr: tuple[str, int]) -> None:
        """Checked in order of cost, before anything is kept: who is calling, whether there
        is a free line, then the offer. Only then are an RTP port and a session taken."""
        local_tag = new_tag()
        if not self._caller_allowed(invite, addr, local_tag):
            return
        if invite.call_id in self._setting_up:
            return  # a retransmission of an INVITE whose call is being set up
        if len(self.calls) + len(self._setting_up) >= self.config.max_calls:
            self._reply(invite, addr, 503, "Service Unavailable", to_tag=local_tag,
                        headers=[("Retry-After", "30")])  # fmt: skip
            return
        self._setting_up.add(invite.call_id)  # a line taken while its RTP port opens
        try:
            await self._set_up_call(invite, addr, local_tag)
        finally:
            self._setting_up.discard(invite.call_id)

    async def _set_up_call(self, invite: SipMessage, addr: tuple[str, int], local_tag: str) -> None:
        try:
            offer = parse_sdp(invite.body)
            payload_type = choose_codec(offer)
        except SdpError as exc:
            self._reply(invite, addr, 488, "Not Acceptable Here", to_tag=local_tag,
                        headers=[("Warning", warning(exc))])  # fmt: skip
            return
        self._reply(invite, addr, 100, "Trying")
        codec = CODECS[offer.codec_name(payload_type) or "PCMU"]
        session = VoiceSession(self.services, line_rate=8000, source=addr[0])
        rtp = RtpStream(codec, payload_type, on_audio=session.hear, on_key=session.key,
                        telephone_event=offer.telephone_event())  # fmt: skip
        try:
            rtp_port = await open_rtp(rtp, self.config.host, self.config.rtp_ports)
        except OSError:
            self._reply(invite, addr, 503, "Service Unavailable", to_tag=local_tag)
            await session.close()
            return
        rtp.remote = (offer.address, offer.port)
        call = SipCall(
            call_id=invite.call_id, invite=invite, peer=addr, local_tag=local_tag,
            remote_tag=tag_of(invite.get("From")), local_uri=invite.get("To") or "",
            remote_uri=invite.get("From") or "", target=dialog_target(invite, addr), rtp=rtp,
            rtp_port=rtp_port, session=session,
        )  # fmt: skip
        self.calls[call.call_id] = call
        self._reply(invite, addr, 180, "Ringing", to_tag=local_tag, headers=[self._contact()])
        call.task = asyncio.get_running_loop().create_task(self._run_call(call))

    def _caller_allowed(self, invite: SipMessage, addr: tuple[str, int], local_tag: str) -> bool:
        """INVITEs come from the trunk or SBC; from elsewhere only with Digest credentials."""
        if self.config.is_trunk(addr[0]):
            return True
        if not (self.config.caller_username and self.config.caller_password):
            log.warning("refused an INVITE from %s: not a trunk address", addr[0])
            self._reply(invite, addr, 403, "Forbidden", to_tag=local_tag)
            return False
        if self._digest.accepts(invite, self.config.caller_username, self.config.caller_password):
            return True
        self._reply(invite, addr, 401, "Unauthorized", to_tag=local_tag,
                    headers=[("WWW-Authenticate", self._digest.challenge())])  # fmt: skip
        return False

    def _contact(self) -> tuple[str, str]:
        return ("Contact", f"<sip:{self.config.user}@{self.config.host}:{self.port}>")

    def _sdp(self, call: SipCall) -> str:
        call.sdp_version += 1
        return build_sdp(address=self.config.host, port=call.rtp_port,
                         payload_type=call.rtp.payload_type, codec=call.rtp.codec.name,
                         telephone_event=call.rtp.telephone_event or 101,
                         version=call.sdp_version)  # fmt: skip

    async def _run_call(self, call: SipCall) -> None:
        try:
            if self.config.ring_seconds:
                await asyncio.sleep(self.config.ring_seconds)
            if call.ended.is_set():
                return
            call.answer = self._reply(
                call.invite, call.peer, 200, "OK", to_tag=call.local_tag,
                headers=[self._contact(), ("Allow", ALLOW), ("Content-Type", "application/sdp")],
                body=self._sdp(call),
            )  # fmt: skip
            if not await self._retransmit_until_ack(call):
                if not call.ended.is_set():
                    # RFC 3261 13.3.1.4: no ACK after 64*T1, so the session ends with a BYE.
                    call.ended_because = "no ACK"
                    await self.hang_up(call, wait=False)
                return
            call.rtp.last_received_at = time.monotonic()
            call.rtp.start_sending(call.session.playback.read)
            await call.session.start()  # stores the call and starts the greeting
            await self._converse(call)
        finally:
            if call.call_id in self.calls:
                await self._end(call, "call finished", send_bye=not call.ended.is_set())

    async def _retransmit_until_ack(self, call: SipCall) -> bool:
        """Send the 200 again at T1, 2*T1, ... (at most T2 apart) until the ACK; False if none
        came within 64*T1 or the call ended first."""
        t1 = self.config.t1
        deadline = time.monotonic() + 64 * t1
        interval = t1
        while not call.ended.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                await asyncio.wait_for(call.confirmed.wait(), min(interval, left))
                return True
            except TimeoutError:
                if call.answer is None or time.monotonic() >= deadline:
                    continue
                self._send(call.answer, call.peer)
                interval = min(interval * 2, 8 * t1)  # T2 = 4 s when T1 = 0.5 s
        return False

    async def _converse(self, call: SipCall) -> None:
        """Until the caller hangs up, the line goes unused, or the assistant finishes or
        hands over."""
        ended = asyncio.ensure_future(call.ended.wait())
        finished = asyncio.ensure_future(call.session.finished.wait())
        watch = asyncio.ensure_future(watch_line(call.session, lambda: _last_media(call)))
        try:
            await asyncio.wait({ended, finished, watch}, return_when=asyncio.FIRST_COMPLETED)
            if call.ended.is_set():
                return
            if watch.done():
                await self._end_unused(call, watch.result())
                return
            await call.session.play_out()
            if call.session.log.handover is not None and not await self.transfer(call):
                await self._no_person_to_transfer_to(call)
            await asyncio.sleep(0.2)
            await self.hang_up(call)
        finally:
            for waiter in (ended, finished, watch):
                waiter.cancel()

    async def _end_unused(self, call: SipCall, why: str) -> None:
        log.info("call %s: ending it, %s", call.call_id, why)
        call.ended_because = why
        if why == SILENT_CALLER:
            await call.session.say(SILENT_CALLER_TEXT)
            await call.session.play_out(limit=20.0)
            await asyncio.sleep(0.2)
        await self.hang_up(call)

    async def _no_person_to_transfer_to(self, call: SipCall) -> None:
        """The caller was promised a person but cannot be put through: they are told what
        happens instead (a call back, 999 if in danger), and the call stays in the staff queue
        with the number to call back on."""
        why = "no transfer address" if not self.config.transfer_uri else "transfer refused"
        number = caller_number(call.invite)
        told = callback_text(number)
        call.ended_because = f"needs a person, {why}; call back {number or 'not possible'}"
        await call.session.say(told)
        call_id = call.session.assistant.call_id
        if call_id is not None:
            reasons = [
                f"SIP line: {why}",
                f"call back on {number}" if number else "number withheld",
            ]
            try:
                await asyncio.to_thread(call.session.assistant.calls.record_put_through, call_id,
                                        connected=False, told=told, reasons=reasons,
                                        agent=self.config.transfer_uri or "none")  # fmt: skip
            except SynergyError as exc:
                log.error("could not record call %s's call back: %s", call.call_id, exc.message)
        await call.session.play_out()

    async def _reinvite(self, call: SipCall, request: SipMessage, addr: tuple[str, int]) -> None:
        try:
            offer = parse_sdp(request.body) if request.body else None
        except SdpError as exc:
            self._reply(
                request, addr, 488, "Not Acceptable Here", headers=[("Warning", warning(exc))]
            )
            return
        if offer is not None:
            call.rtp.remote = (offer.address, offer.port)  # a new address, or 0.0.0.0 for hold
            call.held = offer.address in UNSPECIFIED or offer.direction in ("inactive", "recvonly")
        self._reply(request, addr, 200, "OK",
                    headers=[self._contact(), ("Content-Type", "application/sdp")],
                    body=self._sdp(call))  # fmt: skip

    # --- requests we send --------------------------------------------------------------------

    def _in_dialog(self, call: SipCall, method: str, headers: list[tuple[str, str]]) -> SipMessage:
        call.cseq += 1
        request = SipMessage(
            f"{method} {uri_of(call.invite.get('Contact') or call.remote_uri)} SIP/2.0"
        )
        request.headers = [
            ("Via", f"SIP/2.0/UDP {self.config.host}:{self.port};branch={new_branch()};rport"),
            ("Max-Forwards", "70"),
            ("From", self._local_party(call)),
            ("To", call.remote_uri),
            ("Call-ID", call.call_id),
            ("CSeq", f"{call.cseq} {method}"),
            ("User-Agent", USER_AGENT),
            *headers,
        ]  # fmt: skip
        return request

    @staticmethod
    def _local_party(call: SipCall) -> str:
        if ";tag=" in call.local_uri:
            return call.local_uri
        return f"{call.local_uri};tag={call.local_tag}"

    async def hang_up(self, call: SipCall, *, wait: bool = True) -> None:
        """Send BYE (retransmitted until answered, unless `wait` is False) and end the call."""
        if call.ended.is_set():
            return
        call.ended.set()
        bye = self._in_dialog(call, "BYE", [])
        if wait:
            response = await self._transact(bye, call.target)
            call.bye_status = response.status if response is not None else None
        else:
            self._send(bye, call.target)
        await self._end(call, "assistant hung up", send_bye=False)

    async def transfer(self, call: SipCall) -> bool:
        """Hand the caller to a person by REFER to the agent queue; True if accepted.

        If there is no transfer address, or the caller's side refuses the REFER, the call is
        kept open (it is already in the staff queue) rather than dropped.
        """
        target = self.config.transfer_uri
        if not target:
            log.warning("call %s needs a person but no transfer address is set", call.call_id)
            return False
        refer = self._in_dialog(call, "REFER", [
            ("Refer-To", f"<{target}>"),
            ("Referred-By", f"<sip:{self.config.user}@{self.config.host}:{self.port}>"),
            self._contact(),
        ])  # fmt: skip
        response = await self._transact(refer, call.target)
        call.refer_status = response.status if response is not None else None
        if response is None or response.status >= 300:
            log.warning("call %s: transfer refused (%s)", call.call_id, call.refer_status)
            return False
        call.transferred_to = target
        ended = asyncio.ensure_future(call.ended.wait())
        answered = asyncio.ensure_future(call.transfer_answered.wait())
        # The person answered (NOTIFY with 200), or the caller's side hung up on us.
        await asyncio.wait({ended, answered}, timeout=10.0, return_when=asyncio.FIRST_COMPLETED)
        ended.cancel()
        answered.cancel()
        await self.hang_up(call)
        return True

    async def _end(self, call: SipCall, reason: str, *, send_bye: bool = False) -> None:
        if send_bye and not call.ended.is_set():
            await self.hang_up(call)
            return
        call.ended.set()
        if self.calls.pop(call.call_id, None) is None:
            return
        log.info("call %s ended: %s", call.call_id, reason)
        call.rtp.close()
        await call.session.close()
        self.finished.append(call)
        if self.on_call_ended is not None:
            self.on_call_ended(call)

    # --- registration ------------------------------------------------------------------------

    async def register_forever(self) -> None:
        while True:
            expires = await self.register()
            await asyncio.sleep(max(30.0, expires * 0.8) if expires else 60.0)

    async def register(self) -> int:
        """REGISTER with the registrar, answering a Digest challenge; the granted expiry."""
        config = self.config
        registrar = host_port(config.registrar)
        user = config.username or config.user
        aor = f"sip:{user}@{registrar[0]}"
        call_id, tag = new_tag() + "@synergy", new_tag()
        authorization: tuple[str, str] | None = None
        for cseq in (1, 2):
            request = SipMessage(f"REGISTER {config.registrar} SIP/2.0")
            request.headers = [
                ("Via", f"SIP/2.0/UDP {config.host}:{self.port};branch={new_branch()};rport"),
                ("Max-Forwards", "70"), ("From", f"<{aor}>;tag={tag}"), ("To", f"<{aor}>"),
                ("Call-ID", call_id), ("CSeq", f"{cseq} REGISTER"), self._contact(),
                ("Expires", str(config.register_expires)), ("User-Agent", USER_AGENT),
            ]  # fmt: skip
            if authorization:
                request.headers.append(authorization)
            response = await self._transact(request, registrar)
            if response is None:
                return 0
            if response.status in (401, 407) and authorization is None:
                authorization = answer_challenge(response, username=user,
                                                 password=config.password, method="REGISTER",
                                                 uri=config.registrar)  # fmt: skip
                continue
            if response.status == 200:
                self.registered.set()
                return int(response.get("Expires") or config.register_expires)
            log.warning("registration refused: %s", response.start_line)
            return 0
        return 0
