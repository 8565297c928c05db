"""The SIP agent cannot be held or flooded: unACKed answers and silent or dead lines end,
calls are capped, INVITEs come only from the trunk (or with Digest), bad offers get a 4xx."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import random

from sqlalchemy import func, select

from synergy.contact.models import ContactCall
from synergy.contact.voice.session import LineLimits
from synergy.contact.voice.telephony.rtp import RtpPacket
from synergy.contact.voice.telephony.sip import SipUserAgent
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipmessage import (
    SipMessage,
    answer_challenge,
    parse_message,
    tag_of,
)

from ..conftest import ScriptedRecognizer, ToneSynthesizer, make_services
from .test_sip import Peer, _answered_call

_ports = itertools.count(46000, 40)
FAST_T1 = 0.05  # 64*T1 = 3.2 s


def _run(session_factory, test, *, line=None, recognizer=None, **config):
    services = make_services(session_factory, recognizer or ScriptedRecognizer(""),
                             ToneSynthesizer())  # fmt: skip
    services.line = line or LineLimits()
    start = next(_ports)

    async def main():
        ua = SipUserAgent(SipConfig(port=0, rtp_ports=range(start, start + 40), **config), services)
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


async def _until(condition, timeout=30.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_an_answer_never_acked_is_retransmitted_then_ended_with_bye(session_factory):
    async def test(ua, port, peer):
        peer.request("INVITE", port, body=peer.offer())
        first = await peer.next(200)
        again = await peer.next(200, timeout=10)  # retransmitted while no ACK comes
        assert again.get("To") == first.get("To")
        bye = await peer.next("BYE", timeout=30)  # RFC 3261 13.3.1.4: after 64*T1
        assert bye.call_id == "c1"
        await _until(lambda: not ua.calls)
        assert ua.finished[0].ended_because == "no ACK"

    _run(session_factory, test, t1=FAST_T1)
    # The greeting waits for the ACK: a call never confirmed is not stored.
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ContactCall)) == 0


def test_a_call_with_no_audio_from_the_caller_ends_after_the_media_timeout(session_factory):
    async def test(ua, port, peer):
        await _answered_call(peer, port)
        bye = await peer.next("BYE", timeout=30)
        peer.send(_ok(bye), port)
        await _until(lambda: not ua.calls)
        assert ua.finished[0].ended_because == "no audio from the caller"

    _run(session_factory, test, line=LineLimits(media_seconds=1.0))


def test_a_caller_who_stays_silent_is_told_and_the_call_ends(session_factory):
    async def test(ua, port, peer):
        ok = await _answered_call(peer, port)
        sending = asyncio.ensure_future(_send_silence(peer, ok))
        try:
            bye = await peer.next("BYE", timeout=60)
        finally:
            sending.cancel()
        peer.send(_ok(bye), port)
        await _until(lambda: not ua.calls)
        call = ua.finished[0]
        assert call.ended_because == "the caller said nothing" and call.bye_status == 200
        assert "I cannot hear anything" in call.session.log.spoken[-1]

    _run(session_factory, test, line=LineLimits(silent_seconds=2.0, media_seconds=10.0))


async def _send_silence(peer, ok):
    from synergy.contact.voice.telephony.sdp import parse_sdp

    port = parse_sdp(ok.body).port
    for sequence in itertools.count():
        packet = RtpPacket(8, sequence, sequence * 160, 99, b"\xd5" * 160)
        peer.rtp_transport.sendto(packet.encode(), ("127.0.0.1", port))
        await asyncio.sleep(0.02)


def _ok(request):
    from synergy.contact.voice.telephony.sipmessage import response_to

    return response_to(request, 200, "OK")


def test_invites_beyond_the_maximum_calls_get_503(session_factory):
    async def test(ua, port, peer):
        for number in range(3):
            peer.request("INVITE", port, call_id=f"c{number}", body=peer.offer())
        busy = await peer.next(503)
        assert busy.call_id == "c2" and busy.get("Retry-After")
        assert set(ua.calls) == {"c0", "c1"}

    _run(session_factory, test, max_calls=2)


def test_an_invite_from_an_address_that_is_not_a_trunk_is_forbidden(session_factory):
    async def test(ua, port, peer):
        peer.request("INVITE", port, body=peer.offer())
        assert (await peer.next(403)).cseq == (1, "INVITE")
        assert not ua.calls

    _run(session_factory, test, trunks=("192.0.2.0/24",))


def test_a_caller_elsewhere_gets_through_with_digest_credentials(session_factory):
    async def test(ua, port, peer):
        peer.request("INVITE", port, body=peer.offer())
        challenge = await peer.next(401)
        wrong = answer_challenge(challenge, username="trunk", password="wrong", method="INVITE",
                                 uri=f"sip:bot@127.0.0.1:{port}")  # fmt: skip
        peer.request("INVITE", port, cseq=2, body=peer.offer(), extra=[wrong])
        assert (await peer.next(401)).cseq == (2, "INVITE")
        right = answer_challenge(challenge, username="trunk", password="s3cret", method="INVITE",
                                 uri=f"sip:bot@127.0.0.1:{port}")  # fmt: skip
        peer.request("INVITE", port, cseq=3, body=peer.offer(), extra=[right])
        assert (await peer.next(200)).cseq == (3, "INVITE")

    _run(session_factory, test, trunks=("192.0.2.0/24",), caller_username="trunk",
         caller_password="s3cret")  # fmt: skip


def test_an_offer_with_port_99999_is_refused_with_488_and_nothing_fails(session_factory, caplog):
    async def test(ua, port, peer):
        peer.request("INVITE", port, body=peer.offer(port=99999))
        refused = await peer.next(488)
        assert "port 99999" in refused.get("Warning")
        peer.request("INVITE", port, call_id="c2", body=peer.offer().replace("127.0.0.1", "x y"))
        assert (await peer.next(488)).call_id == "c2"
        await asyncio.sleep(0.5)
        assert not ua.calls

    with caplog.at_level(logging.WARNING):
        _run(session_factory, test)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _junk(rng: random.Random, valid: bytes) -> bytes:
    """A datagram an attacker might send: truncated, corrupted or random."""
    kind = rng.randrange(5)
    if kind == 0:
        return valid[: rng.randrange(len(valid))]
    if kind == 1:
        data = bytearray(valid)
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == 2:
        cseq = rng.choice([b"CSeq: x INVITE", b"CSeq: 1", b"CSeq: 99999999999 INVITE"])
        return valid.replace(b"CSeq: 1 INVITE", cseq)
    if kind == 3:
        length = rng.choice(
            [b"Content-Length: 9999", b"Content-Length: -1", b"Content-Length: \xc2\xb2"]
        )
        return valid.replace(b"Content-Length: ", length)
    return rng.randbytes(rng.randrange(1, 1500))


def test_an_invite_flood_leaves_no_call_socket_or_task_behind(session_factory, caplog):
    """600 datagrams: 250 usable INVITEs never ACKed (new Call-IDs), the rest junk. At most
    `max_calls` are answered, every one ends by itself, and a real caller then gets through."""

    async def test(ua, port, peer):
        await asyncio.sleep(0.2)
        fds, tasks = _open_fds(), len(asyncio.all_tasks())
        rng = random.Random(16)
        for number in range(600):
            invite = _invite(peer, port, f"flood-{number}")
            data = invite if number % 12 < 5 else _junk(rng, invite)
            peer.transport.sendto(data, ("127.0.0.1", port))
            if number % 50 == 0:
                await asyncio.sleep(0.01)
        await _until(lambda: len(ua.calls) == 10, timeout=30)
        await _until(lambda: not ua.calls, timeout=60)  # 64*T1 each, then BYE
        await _until(lambda: _open_fds() == fds and len(asyncio.all_tasks()) <= tasks, 30)
        while not peer.messages.empty():
            peer.messages.get_nowait()
        peer.request("INVITE", port, call_id="real-caller", body=peer.offer())
        ok = await peer.next(200, timeout=30)
        assert ok.call_id == "real-caller"
        peer.request("ACK", port, call_id="real-caller", to_tag=tag_of(ok.get("To")))
        await _until(lambda: len(peer.rtp) > 10)

    with caplog.at_level(logging.WARNING):
        _run(session_factory, test, t1=FAST_T1, max_calls=10)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def _invite(peer: Peer, port: int, call_id: str) -> bytes:
    message = SipMessage(f"INVITE sip:bot@127.0.0.1:{port} SIP/2.0", [
        ("Via", f"SIP/2.0/UDP 127.0.0.1:{peer.port};branch=z9hG4bK{call_id}"),
        ("From", "<sip:caller@127.0.0.1>;tag=flood"), ("To", "<sip:bot@127.0.0.1>"),
        ("Call-ID", call_id), ("CSeq", "1 INVITE"), ("Max-Forwards", "70"),
        ("Contact", f"<sip:caller@127.0.0.1:{peer.port}>"), ("Content-Type", "application/sdp"),
    ], peer.offer())  # fmt: skip
    data = message.encode()
    parse_message(data)  # a valid one, to corrupt
    return data
