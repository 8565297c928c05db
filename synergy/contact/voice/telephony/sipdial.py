"""Calling the agent queue (RFC 3261 user agent client), for browser callers who need a person.

`AgentDialer` sends an INVITE with a G.711 offer (PCMU, then PCMA) to the transfer address,
retransmits it until the far end answers provisionally, lets it ring for `agent_ring_seconds`
(CANCEL after that, or when the caller hangs up first; a caller who hangs up before any
provisional response is cancelled when one comes, and an answer that comes after they left is
ACKed and ended with BYE at once), answers a 401/407 Digest challenge once when credentials
are set, ACKs every final response and, once answered, carries the audio over RTP until
either side sends BYE. Each outcome is an `AgentOutcome`, so the caller can be
told what happened and the call record can say it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from enum import StrEnum

from synergy.contact.voice.telephony.g711 import CODECS, PCMA, PCMU
from synergy.contact.voice.telephony.rtp import AudioSink, AudioSource, RtpStream, open_rtp
from synergy.contact.voice.telephony.sdp import SdpError, build_sdp, choose_codec, parse_sdp
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipendpoint import T1, USER_AGENT, SipEndpoint
from synergy.contact.voice.telephony.sipmessage import (
    SipMessage,
    SipParseError,
    answer_challenge,
    host_port,
    new_branch,
    new_tag,
    uri_of,
)

log = logging.getLogger(__name__)

ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS"
CANCEL_WAIT = 8.0  # for the 487 after a CANCEL
GIVEN_UP_KEPT = 100


class AgentOutcome(StrEnum):
    CONNECTED = "connected"
    BUSY = "busy"  # 486 Busy Here, 600 Busy Everywhere, 603 Decline
    NO_ANSWER = "no_answer"  # rang for too long (we cancelled), or 408/480
    REFUSED = "refused"  # any other failure response, or an answer we cannot use
    UNREACHABLE = "unreachable"  # no response at all
    NO_ADDRESS = "no_address"  # no transfer address is configured
    CANCELLED = "cancelled"  # the caller hung up first


def outcome_of(status: int) -> AgentOutcome:
    if status in (486, 600, 603):
        return AgentOutcome.BUSY
    if status in (408, 480, 487):
        return AgentOutcome.NO_ANSWER
    return AgentOutcome.REFUSED


@dataclass
class AgentCall:
    call_id: str
    target_uri: str
    target: tuple[str, int]  # where the INVITE goes (the queue's host)
    local_tag: str
    rtp: RtpStream
    rtp_port: int
    source: AudioSource  # what to send the agent: the caller's audio at 8 kHz
    responses: asyncio.Queue[SipMessage] = field(default_factory=asyncio.Queue)
    cseq: int = 1
    invite: SipMessage | None = None  # the last INVITE sent
    ok: SipMessage | None = None  # the 2xx that answered it
    ack: SipMessage | None = None
    dialog_target: tuple[str, int] | None = None  # the agent's Contact
    outcome: AgentOutcome | None = None
    status: int | None = None  # the final SIP status, when there was one
    ringing: asyncio.Event = field(default_factory=asyncio.Event)
    stop_requested: asyncio.Event = field(default_factory=asyncio.Event)
    ended: asyncio.Event = field(default_factory=asyncio.Event)  # after a BYE either way
    ended_by: str | None = None  # "agent" or "caller"


class AgentDialer(SipEndpoint):
    """One SIP socket on `config.host` (port `config.dial_port`, or any free one) for all
    calls out to agents."""

    def __init__(self, config: SipConfig) -> None:
        super().__init__()
        self.config = config
        self.calls: dict[str, AgentCall] = {}
        self._given_up: dict[str, AgentCall] = {}  # unanswered calls, in case a 2xx comes late
        self._lock = asyncio.Lock()

    async def start(self) -> None:
        async with self._lock:
            if self.transport is None:
                await self.bind(self.config.host, self.config.dial_port)

    def close(self) -> None:
        for call in list(self.calls.values()):
            call.rtp.close()
        self.calls.clear()
        self._given_up.clear()
        self.close_endpoint()

    async def open_call(self, *, on_audio: AudioSink, source: AudioSource) -> AgentCall:
        """A call not yet placed, with its RTP port open; `ring` places it."""
        if not self.config.transfer_uri:
            raise ValueError("no transfer address is configured")
        await self.start()

        async def no_keys(digit: str) -> None:
            return None

        rtp = RtpStream(PCMU, PCMU.payload_type, on_audio=on_audio, on_key=no_keys,
                        telephone_event=None)  # fmt: skip
        rtp_port = await open_rtp(rtp, self.config.host, self.config.rtp_ports)
        uri = self.config.transfer_uri
        call = AgentCall(call_id=f"{new_tag()}@{self.config.host}", target_uri=uri,
                         target=host_port(uri), local_tag=new_tag(), rtp=rtp,
                         rtp_port=rtp_port, source=source)  # fmt: skip
        self.calls[call.call_id] = call
        return call

    # --- placing the call --------------------------------------------------------------------

    async def ring(self, call: AgentCall, headers: list[tuple[str, str]]) -> AgentOutcome:
        """Ring the agent queue until it answers, refuses, rings too long or the caller goes."""
        authorization: tuple[str, str] | None = None
        while True:
            invite = self._invite(call, [*headers, *([authorization] if authorization else [])])
            response = await self._invite_transaction(call, invite)
            if response is None:
                stopped = call.stop_requested.is_set()
                lost = AgentOutcome.NO_ANSWER if call.ringing.is_set() else AgentOutcome.UNREACHABLE
                return self._settle(call, AgentOutcome.CANCELLED if stopped else lost)
            if response.status < 300:
                return await self._answered(call, response)
            self._ack_failure(call, invite, response)
            challenged = response.status in (401, 407) and authorization is None
            if challenged and self.config.password and not call.stop_requested.is_set():
                authorization = answer_challenge(
                    response, username=self.config.username or self.config.user,
                    password=self.config.password, method="INVITE", uri=call.target_uri,
                )  # fmt: skip
                continue
            if call.stop_requested.is_set():
                return self._settle(call, AgentOutcome.CANCELLED, response.status)
            return self._settle(call, outcome_of(response.status), response.status)

    def _invite(self, call: AgentCall, headers: list[tuple[str, str]]) -> SipMessage:
        if call.invite is not None:
            call.cseq += 1  # a new transaction: the same INVITE with credentials
        invite = SipMessage(f"INVITE {call.target_uri} SIP/2.0")
        invite.headers = [
            self._via(), ("Max-Forwards", "70"), ("From", self._from(call)),
            ("To", f"<{call.target_uri}>"), ("Call-ID", call.call_id),
            ("CSeq", f"{call.cseq} INVITE"), self._contact(), ("Allow", ALLOW),
            ("User-Agent", USER_AGENT), *headers, ("Content-Type", "application/sdp"),
        ]  # fmt: skip
        invite.body = build_sdp(address=self.config.host, port=call.rtp_port,
                                payload_type=PCMU.payload_type, codec=PCMU.name,
                                also=((PCMA.payload_type, PCMA.name),),
                                telephone_event=None)  # fmt: skip
        call.invite = invite
        return invite

    async def _invite_transaction(self, call: AgentCall, invite: SipMessage) -> SipMessage | None:
        """The INVITE's final response; None if none came (after a CANCEL if it rang)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.config.agent_ring_seconds
        interval, next_send, provisional = T1, loop.time(), False
        while True:
            now = loop.time()
            # A CANCEL may only follow a provisional response (RFC 3261 9.1): a caller who
            # leaves before one keeps the INVITE going, to be cancelled when it comes.
            if provisional and (call.stop_requested.is_set() or now >= deadline):
                return await self._cancel(call, invite)
            if now >= deadline:
                return None
            if not provisional and now >= next_send:
                self._send(invite, call.target)  # retransmitted until a provisional response
                next_send, interval = now + interval, min(interval * 2, 4.0)
            wait = min(deadline, deadline if provisional else next_send) - now
            try:
                response = await asyncio.wait_for(call.responses.get(), min(max(wait, 0), 0.2))
            except TimeoutError:
                continue
            if response.cseq[0] != invite.cseq[0]:
                continue
            if response.status >= 200:
                return response
            provisional = True
            if response.status in (180, 183):
                call.ringing.set()

    async def _cancel(self, call: AgentCall, invite: SipMessage) -> SipMessage | None:
        cancel = SipMessage(f"CANCEL {invite.uri} SIP/2.0", [
            *[(name, invite.get(name) or "") for name in ("Via", "From", "To", "Call-ID")],
            ("CSeq", f"{invite.cseq[0]} CANCEL"), ("Max-Forwards", "70"),
            ("User-Agent", USER_AGENT),
        ])  # fmt: skip
        await self._transact(cancel, call.target)
        try:  # the INVITE's own final response: 487, or a 200 that crossed the CANCEL
            while True:
                response = await asyncio.wait_for(call.responses.get(), CANCEL_WAIT)
                if response.cseq[0] == invite.cseq[0] and response.status >= 200:
                    return response
        except TimeoutError:
            return None

    def _ack_failure(self, call: AgentCall, invite: SipMessage, response: SipMessage) -> None:
        """ACK a non-2xx final response: part of the INVITE transaction (RFC 3261 17.1.1.3)."""
        ack = SipMessage(f"ACK {invite.uri} SIP/2.0", [
            ("Via", invite.get("Via") or ""), ("Max-Forwards", "70"),
            ("From", invite.get("From") or ""), ("To", response.get("To") or ""),
            ("Call-ID", invite.call_id), ("CSeq", f"{invite.cseq[0]} ACK"),
        ])  # fmt: skip
        self._send(ack, call.target)

    def _confirm(self, call: AgentCall, ok: SipMessage) -> None:
        """ACK a 2xx (a request of its own, to the agent's Contact: RFC 3261 13.2.2.4)."""
        call.ok = ok
        contact = ok.get("Contact")
        try:
            call.dialog_target = host_port(uri_of(contact)) if contact else call.target
        except SipParseError:
            call.dialog_target = call.target
        call.ack = self._in_dialog(call, "ACK", cseq=ok.cseq[0])
        self._send(call.ack, call.dialog_target)

    async def _answered(self, call: AgentCall, ok: SipMessage) -> AgentOutcome:
        self._confirm(call, ok)
        if call.stop_requested.is_set():  # answered after the caller hung up: end it at once
            await self.hang_up(call)
            log.info("agent call %s: answered after the caller left; ended", call.call_id)
            call.outcome, call.status = AgentOutcome.CANCELLED, ok.status
            return AgentOutcome.CANCELLED
        try:
            answer = parse_sdp(ok.body)
            payload_type = choose_codec(answer)
        except SdpError as exc:
            log.warning("agent call %s: unusable answer (%s); hanging up", call.call_id, exc)
            await self.hang_up(call)
            return self._settle(call, AgentOutcome.REFUSED, ok.status)
        call.rtp.codec = CODECS[answer.codec_name(payload_type) or "PCMU"]
        call.rtp.payload_type = payload_type
        call.rtp.remote = (answer.address, answer.port)
        call.rtp.start_sending(call.source)
        call.outcome, call.status = AgentOutcome.CONNECTED, ok.status
        return call.outcome

    def _settle(
        self, call: AgentCall, outcome: AgentOutcome, status: int | None = None
    ) -> AgentOutcome:
        call.outcome, call.status = outcome, status
        log.info("agent call %s: %s (%s)", call.call_id, outcome, status)
        self._finish(call)
        self._given_up[call.call_id] = call
        while len(self._given_up) > GIVEN_UP_KEPT:
            del self._given_up[next(iter(self._given_up))]
        return outcome

    def _finish(self, call: AgentCall) -> None:
        call.ended.set()
        call.rtp.close()
        self.calls.pop(call.call_id, None)

    # --- in the dialog -----------------------------------------------------------------------

    async def hang_up(self, call: AgentCall) -> None:
        """The caller has gone: CANCEL a ringing call (through `ring`), BYE an answered one."""
        call.stop_requested.set()
        if call.ok is None or call.ended.is_set():
            return
        call.ended_by = call.ended_by or "caller"
        self._finish(call)
        await self._bye(call)

    async def _bye(self, call: AgentCall) -> None:
        call.cseq += 1
        bye = self._in_dialog(call, "BYE", cseq=call.cseq)
        await self._transact(bye, call.dialog_target or call.target)

    def _in_dialog(self, call: AgentCall, method: str, *, cseq: int) -> SipMessage:
        assert call.ok is not None
        contact = call.ok.get("Contact")
        uri = uri_of(contact) if contact else call.target_uri
        request = SipMessage(f"{method} {uri} SIP/2.0")
        request.headers = [
            self._via(), ("Max-Forwards", "70"), ("From", self._from(call)),
            ("To", call.ok.get("To") or ""), ("Call-ID", call.call_id),
            ("CSeq", f"{cseq} {method}"), ("User-Agent", USER_AGENT),
        ]  # fmt: skip
        return request

    def _response(self, response: SipMessage) -> None:
        call = self.calls.get(response.call_id)
        late = self._given_up.get(response.call_id)
        if response.cseq[1] == "INVITE" and late is not None and response.status < 300:
            # An answer after we stopped waiting: the agent's phone must not stay in a dead call.
            if late.ack is None:
                self._confirm(late, response)
                self._spawn(self._bye(late))
            elif late.dialog_target is not None:
                self._send(late.ack, late.dialog_target)
        elif response.cseq[1] != "INVITE" or call is None:
            super()._response(response)
        elif call.ok is not None and response.status < 300:
            if call.ack is not None and call.dialog_target is not None:
                self._send(call.ack, call.dialog_target)  # our ACK was lost: the 200 repeats
        else:
            call.responses.put_nowait(response)

    async def _request(self, request: SipMessage, addr: tuple[str, int]) -> None:
        call = self.calls.get(request.call_id)
        if request.method == "ACK":
            return
        if request.method == "OPTIONS":
            self._reply(request, addr, 200, "OK", headers=[("Allow", ALLOW)])
        elif call is None or call.ok is None:
            self._reply(request, addr, 481, "Call/Transaction Does Not Exist")
        elif request.method == "BYE":
            self._reply(request, addr, 200, "OK")
            call.ended_by = call.ended_by or "agent"
            self._finish(call)
        elif request.method == "INVITE":  # a re-INVITE: new media address, or hold
            self._reinvite(call, request, addr)
        else:
            self._reply(request, addr, 405, "Method Not Allowed", headers=[("Allow", ALLOW)])

    def _reinvite(self, call: AgentCall, request: SipMessage, addr: tuple[str, int]) -> None:
        try:
            offer = parse_sdp(request.body) if request.body else None
        except SdpError:
            self._reply(request, addr, 488, "Not Acceptable Here")
            return
        if offer is not None:
            call.rtp.remote = (offer.address, offer.port)
        body = build_sdp(address=self.config.host, port=call.rtp_port,
                         payload_type=call.rtp.payload_type, codec=call.rtp.codec.name,
                         telephone_event=None, version=2)  # fmt: skip
        self._reply(request, addr, 200, "OK", to_tag=call.local_tag, body=body,
                    headers=[self._contact(), ("Content-Type", "application/sdp")])  # fmt: skip

    def _via(self) -> tuple[str, str]:
        return ("Via", f"SIP/2.0/UDP {self.config.host}:{self.port};branch={new_branch()};rport")

    def _from(self, call: AgentCall) -> str:
        return f'"Synergy 101" <sip:{self.config.user}@{self.config.host}>;tag={call.local_tag}'

    def _contact(self) -> tuple[str, str]:
        return ("Contact", f"<sip:{self.config.user}@{self.config.host}:{self.port}>")
