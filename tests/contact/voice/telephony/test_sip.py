"""The SIP user agent against a scripted peer on 127.0.0.1: each message checked."""

import asyncio
import itertools

from sqlalchemy import select

from synergy.contact.models import ContactTurn
from synergy.contact.voice.telephony.dtmf import telephone_event_payload
from synergy.contact.voice.telephony.rtp import RtpPacket
from synergy.contact.voice.telephony.sdp import parse_sdp
from synergy.contact.voice.telephony.sip import SipUserAgent
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipmessage import (
    SipMessage,
    digest_response,
    parse_challenge,
    parse_message,
    response_to,
    tag_of,
)

from ..conftest import ScriptedRecognizer, ToneSynthesizer, make_services

_ports = itertools.count(41000, 2)


class Peer(asyncio.DatagramProtocol):
    """A scripted SIP endpoint (the 'trunk'), with an RTP socket of its own."""

    def __init__(self):
        self.messages: asyncio.Queue[SipMessage] = asyncio.Queue()
        self.rtp: list[RtpPacket] = []

    def datagram_received(self, data, addr):
        self.messages.put_nowait(parse_message(data))

    async def open(self):
        loop = asyncio.get_running_loop()
        self.transport, _ = await loop.create_datagram_endpoint(
            lambda: self, local_addr=("127.0.0.1", 0)
        )
        self.port = self.transport.get_extra_info("sockname")[1]
        rtp_peer = self

        class Rtp(asyncio.DatagramProtocol):
            def datagram_received(self, data, addr):
                rtp_peer.rtp.append(RtpPacket.decode(data))
                rtp_peer.rtp_from = addr

        self.rtp_transport, _ = await loop.create_datagram_endpoint(
            Rtp, local_addr=("127.0.0.1", 0)
        )
        self.rtp_port = self.rtp_transport.get_extra_info("sockname")[1]
        return self

    async def next(self, method_or_status, timeout=5.0):
        while True:
            message = await asyncio.wait_for(self.messages.get(), timeout)
            if method_or_status in (message.method if message.is_request else message.status,):
                return message

    def send(self, message, ua_port):
        self.transport.sendto(message.encode(), ("127.0.0.1", ua_port))

    def request(self, method, ua_port, *, call_id="c1", cseq=1, to_tag=None, body="", extra=()):
        to = "<sip:bot@127.0.0.1>" + (f";tag={to_tag}" if to_tag else "")
        message = SipMessage(f"{method} sip:bot@127.0.0.1:{ua_port} SIP/2.0", [
            ("Via", f"SIP/2.0/UDP 127.0.0.1:{self.port};branch=z9hG4bK{method}{cseq}"),
            ("From", "<sip:caller@127.0.0.1>;tag=peer"), ("To", to), ("Call-ID", call_id),
            ("CSeq", f"{cseq} {method}"), ("Contact", f"<sip:caller@127.0.0.1:{self.port}>"),
            ("Max-Forwards", "70"), *extra,
        ], body)  # fmt: skip
        if body:
            message.headers.append(("Content-Type", "application/sdp"))
        self.send(message, ua_port)
        return message

    def offer(self, port=None, codecs="8 0 101"):
        return (
            "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            f"m=audio {port or self.rtp_port} RTP/AVP {codecs}\r\n"
            "a=rtpmap:101 telephone-event/8000\r\n"
        )

    def close(self):
        self.transport.close()
        self.rtp_transport.close()


def _with_ua(session_factory, test, **config):
    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())
    start = next(_ports)

    async def main():
        ua = SipUserAgent(SipConfig(port=0, rtp_ports=range(start, start + 2), **config), services)
        port = await ua.start()
        peer = await Peer().open()
        try:
            await asyncio.wait_for(test(ua, port, peer), 90)
        finally:
            peer.close()
            await ua.stop()

    try:
        asyncio.run(main())
    finally:
        services.worker.stop()
    return services


async def _answered_call(peer, port):
    peer.request("INVITE", port, body=peer.offer())
    await peer.next(100)
    await peer.next(180)
    ok = await peer.next(200)
    peer.request("ACK", port, cseq=1, to_tag=tag_of(ok.get("To")))
    return ok


def test_options_is_answered_with_the_methods_we_allow(session_factory):
    async def test(ua, port, peer):
        peer.request("OPTIONS", port)
        ok = await peer.next(200)
        assert "INVITE" in ok.get("Allow") and "REFER" in ok.get("Allow")

    _with_ua(session_factory, test)


def test_a_call_is_answered_in_the_callers_codec_and_pressing_0_transfers_it(session_factory):
    async def test(ua, port, peer):
        ok = await _answered_call(peer, port)
        answer = parse_sdp(ok.body)
        assert answer.payload_types[0] == 8 and answer.telephone_event() == 101
        await asyncio.sleep(0.5)
        assert peer.rtp and {packet.payload_type for packet in peer.rtp} == {8}
        ssrc = 1234
        for end in (False, False, True):  # one key, repeated as RFC 4733 says
            payload = telephone_event_payload("0", end=end, duration=800)
            peer.rtp_transport.sendto(RtpPacket(101, 1, 8000, ssrc, payload).encode(),
                                      ("127.0.0.1", answer.port))  # fmt: skip
        refer = await peer.next("REFER", timeout=10)
        assert refer.get("Refer-To") == "<sip:agents@127.0.0.1:5099>"
        peer.send(response_to(refer, 202, "Accepted"), port)
        notify = SipMessage(f"NOTIFY sip:bot@127.0.0.1:{port} SIP/2.0", [
            ("Via", f"SIP/2.0/UDP 127.0.0.1:{peer.port};branch=z9hG4bKn1"),
            ("From", refer.get("To")), ("To", refer.get("From")), ("Call-ID", "c1"),
            ("CSeq", "2 NOTIFY"), ("Event", "refer"), ("Content-Type", "message/sipfrag"),
        ], "SIP/2.0 200 OK\r\n")  # fmt: skip
        peer.send(notify, port)
        await peer.next(200)
        bye = await peer.next("BYE")
        peer.send(response_to(bye, 200, "OK"), port)
        await asyncio.sleep(0.2)
        call = ua.finished[0]
        assert call.transferred_to == "sip:agents@127.0.0.1:5099"
        assert call.session.assistant.decisions[-1] == "handover_requested"

    services = _with_ua(session_factory, test, transfer_uri="sip:agents@127.0.0.1:5099")
    assert services.calls.call_summary(1)["status"] == "waiting"


def test_cancel_while_ringing_ends_the_invite_with_487(session_factory):
    async def test(ua, port, peer):
        invite = peer.request("INVITE", port, body=peer.offer())
        await peer.next(180)
        same = [(k, v) for k, v in invite.headers if k in ("Via", "From", "To", "Call-ID")]
        cancel = f"CANCEL sip:bot@127.0.0.1:{port} SIP/2.0"
        peer.send(SipMessage(cancel, [*same, ("CSeq", "1 CANCEL")]), port)
        assert (await peer.next(200)).cseq == (1, "CANCEL")
        assert (await peer.next(487)).cseq == (1, "INVITE")
        await asyncio.sleep(1.2)
        assert not ua.calls

    _with_ua(session_factory, test, ring_seconds=1.0)


def test_bye_ends_the_call_and_an_unknown_dialog_gets_481(session_factory):
    async def test(ua, port, peer):
        ok = await _answered_call(peer, port)
        peer.request("BYE", port, cseq=2, to_tag=tag_of(ok.get("To")))
        assert (await peer.next(200)).cseq == (2, "BYE")
        await asyncio.sleep(0.1)
        assert not ua.calls and len(ua.finished) == 1
        peer.request("BYE", port, call_id="nobody", cseq=3, to_tag="x")
        assert (await peer.next(481)).call_id == "nobody"

    _with_ua(session_factory, test)


def test_a_reinvite_moves_the_media_to_the_new_address(session_factory):
    async def test(ua, port, peer):
        ok = await _answered_call(peer, port)
        new_port = peer.rtp_port + 1000
        peer.request("INVITE", port, cseq=2, to_tag=tag_of(ok.get("To")), body=peer.offer(new_port))
        answer = await peer.next(200)
        assert (
            answer.cseq == (2, "INVITE") and parse_sdp(answer.body).port == parse_sdp(ok.body).port
        )
        assert ua.calls["c1"].rtp.remote == ("127.0.0.1", new_port)

    _with_ua(session_factory, test)


def test_an_offer_without_g711_is_refused_with_488(session_factory):
    async def test(ua, port, peer):
        peer.request("INVITE", port, body=peer.offer(codecs="9 101"))
        assert (await peer.next(488)).cseq == (1, "INVITE")

    _with_ua(session_factory, test)


def test_registration_answers_the_digest_challenge(session_factory):
    async def registrar(ua, port, peer):
        first = await peer.next("REGISTER")
        assert first.get("Authorization") is None
        challenge = response_to(first, 401, "Unauthorized", to_tag="r", headers=[
            ("WWW-Authenticate", 'Digest realm="pbx", nonce="abc123", qop="auth"')])  # fmt: skip
        peer.send(challenge, port)
        second = await peer.next("REGISTER")
        params = parse_challenge(second.get("Authorization"))
        expected = digest_response(
            username="bot", password="s3cret", realm="pbx", nonce="abc123", method="REGISTER",
            uri=params["uri"], qop="auth", nc=params["nc"], cnonce=params["cnonce"],
        )  # fmt: skip
        assert params["response"] == expected and second.cseq[0] == 2
        peer.send(response_to(second, 200, "OK", to_tag="r", headers=[("Expires", "120")]), port)
        await asyncio.wait_for(ua.registered.wait(), 5)

    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())

    async def main():
        peer = await Peer().open()
        config = SipConfig(port=0, registrar=f"sip:127.0.0.1:{peer.port}", username="bot",
                           password="s3cret")  # fmt: skip
        ua = SipUserAgent(config, services)
        port = await ua.start()
        try:
            await asyncio.wait_for(registrar(ua, port, peer), 10)
        finally:
            peer.close()
            await ua.stop()

    asyncio.run(main())
    services.worker.stop()


def test_a_caller_who_needs_a_person_and_cannot_be_transferred_is_told_of_a_call_back(
    session_factory,
):
    """No transfer address: the caller promised a person is not just hung up on."""

    async def test(ua, port, peer):
        identity = ("P-Asserted-Identity", "<sip:+447700900123@127.0.0.1>")
        peer.request("INVITE", port, body=peer.offer(), extra=[identity])
        ok = await peer.next(200)
        peer.request("ACK", port, cseq=1, to_tag=tag_of(ok.get("To")))
        answer = parse_sdp(ok.body)
        while ua.calls["c1"].session.assistant.token is None:  # greeted: the call is stored
            await asyncio.sleep(0.05)
        for end in (False, True):
            payload = telephone_event_payload("0", end=end, duration=800)
            peer.rtp_transport.sendto(RtpPacket(101, 1, 8000, 77, payload).encode(),
                                      ("127.0.0.1", answer.port))  # fmt: skip
        bye = await peer.next("BYE", timeout=60)
        peer.send(response_to(bye, 200, "OK"), port)
        for _ in range(100):
            if ua.finished:
                break
            await asyncio.sleep(0.05)
        call = ua.finished[0]
        assert call.bye_status == 200
        told = call.session.log.spoken[-1]
        assert "call you back on the number you are calling from, ending 1 2 3" in told
        assert "call 999" in told

    services = _with_ua(session_factory, test)
    summary = services.calls.call_summary(1)
    assert summary["status"] == "waiting" and summary["handed_over"]
    assert "call you back" in services.calls.transcript(1)[-1][1]
    with session_factory() as session:
        last = session.scalars(select(ContactTurn).order_by(ContactTurn.id.desc())).first()
        assert "call back on +447700900123" in last.reasons
