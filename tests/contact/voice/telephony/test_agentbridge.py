"""Putting a handed-over caller through to a person, against a scripted agent queue on
127.0.0.1: answered (audio both ways, BYE), busy, ringing too long, a Digest challenge, the
caller hanging up while it rings (or before it rings, or as the agent answers), an answer after
the dialler gave up, the ringing tone the caller hears, and no queue configured. Each failure
is told to the caller and written on the call."""

from __future__ import annotations

import asyncio
import itertools
import socket

import numpy as np

from synergy.contact.voice.session import VoiceSession
from synergy.contact.voice.telephony.agentbridge import AgentBridge
from synergy.contact.voice.telephony.rtp import RtpPacket
from synergy.contact.voice.telephony.sdp import parse_sdp
from synergy.contact.voice.telephony.sipconfig import SipConfig
from synergy.contact.voice.telephony.sipdial import AgentDialer, AgentOutcome
from synergy.contact.voice.telephony.sipmessage import digest_response, parse_challenge, response_to

from ..conftest import ScriptedRecognizer, ToneSynthesizer, make_services
from .test_sip import Peer

_ports = itertools.count(44000, 4)
CALLER_RATE = 48000


def _answer_sdp(peer: Peer) -> str:
    return (
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        f"m=audio {peer.rtp_port} RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n"
    )


def _run(session_factory, test, *, queue: bool = True, **config):  # type: ignore[no-untyped-def]
    """`test(bridge, peer, session, events)` with a caller who has pressed 0 for a person."""
    services = make_services(session_factory, ScriptedRecognizer(""), ToneSynthesizer())
    start = next(_ports)

    async def main():
        peer = await Peer().open()
        sip = SipConfig(rtp_ports=range(start, start + 4),
                        transfer_uri=f"sip:agents@127.0.0.1:{peer.port}" if queue else "",
                        **{"agent_ring_seconds": 30.0, **config})  # fmt: skip
        dialer = AgentDialer(sip) if queue else None
        session = VoiceSession(services, line_rate=CALLER_RATE)
        events: list[dict] = []
        session.on_event = events.append
        await session.start()
        await session.key("0")
        await asyncio.wait_for(session.finished.wait(), 10)
        bridge = AgentBridge(dialer, session, events.append, caller_rate=CALLER_RATE)
        try:
            await asyncio.wait_for(test(bridge, peer, session, events), 30)
        finally:
            await bridge.hang_up()
            await session.close()
            peer.close()
            if dialer is not None:
                dialer.close()
        return session.assistant.call_id

    try:
        call_id = asyncio.run(main())
    finally:
        services.worker.stop()
    return services, call_id


def _agent_events(events: list[dict]) -> list[str]:
    return [event["state"] for event in events if event.get("event") == "agent"]


def _told(events: list[dict]) -> list[str]:
    return [event["text"] for event in events if event.get("speaker") == "assistant"]


async def _until_state(events: list[dict], state: str) -> None:
    while state not in _agent_events(events):
        await asyncio.sleep(0.02)


def _rms(pcm: bytes | None) -> float:
    samples = np.frombuffer(pcm or b"", dtype="<i2").astype(np.float64)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0


def _ok(invite, peer):  # type: ignore[no-untyped-def]
    return response_to(invite, 200, "OK", to_tag="agent", body=_answer_sdp(peer),
                       headers=[("Contact", f"<sip:agent@127.0.0.1:{peer.port}>"),
                                ("Content-Type", "application/sdp")])  # fmt: skip


async def _retransmitted_invite(peer: Peer) -> list[str]:
    """What the queue receives until the INVITE comes again: proof it is still going."""
    seen = []
    while True:
        message = await asyncio.wait_for(peer.messages.get(), 10)
        seen.append(message.method if message.is_request else message.status)
        if message.method == "INVITE":
            return seen


def test_an_answered_agent_hears_the_caller_and_the_caller_hears_the_agent(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        assert invite.get("X-Synergy-Call") == str(session.assistant.call_id)
        assert invite.get("X-Synergy-Reason") == "handover_requested"
        assert invite.get("X-Synergy-Queue") == "normal" and invite.get("Priority") == "normal"
        offer = parse_sdp(invite.body)
        assert offer.payload_types == [0, 8]
        peer.send(response_to(invite, 180, "Ringing", to_tag="agent"), bridge.dialer.port)
        ok = response_to(invite, 200, "OK", to_tag="agent", body=_answer_sdp(peer),
                         headers=[("Contact", f"<sip:agent@127.0.0.1:{peer.port}>"),
                                  ("Content-Type", "application/sdp")])  # fmt: skip
        peer.send(ok, bridge.dialer.port)
        assert (await peer.next("ACK")).cseq == (1, "ACK")
        assert await putting_through is AgentOutcome.CONNECTED
        # The caller speaks (16 kHz, as recognised) and the agent receives PCMA at 8 kHz...
        tone = (np.sin(np.arange(320) / 3) * 8000).astype("<i2").tobytes()
        for _ in range(50):
            bridge.hear(tone, 16000)
            await asyncio.sleep(0.02)
        assert sum(1 for packet in peer.rtp if packet.payload_type == 8) > 20
        assert any(max(packet.payload) - min(packet.payload) > 20 for packet in peer.rtp)
        # ...and the agent's voice reaches the caller at the browser's rate.
        for number in range(10):
            packet = RtpPacket(8, number, number * 160, 99, bytes(range(60, 220)))
            peer.rtp_transport.sendto(packet.encode(), ("127.0.0.1", offer.port))
        await asyncio.sleep(0.3)
        heard = bridge.to_caller.read(960)
        assert heard is not None and len(heard) == 1920 and any(heard)
        # The agent hangs up.
        bye = peer.request("BYE", bridge.dialer.port, call_id=invite.call_id, cseq=5,
                           to_tag=None)  # fmt: skip
        assert (await peer.next(200)).cseq == (5, "BYE") and bye
        await asyncio.wait_for(bridge.wait_for_agent_to_leave(), 5)
        assert bridge.call.ended_by == "agent"
        assert _agent_events(events) == ["connecting", "ringing", "connected"]

    services, call_id = _run(session_factory, test)
    summary = services.calls.call_summary(call_id)
    assert summary["status"] == "taken"


def test_the_caller_hanging_up_ends_the_agents_call_with_bye(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        ok = response_to(invite, 200, "OK", to_tag="agent", body=_answer_sdp(peer),
                         headers=[("Contact", f"<sip:agent@127.0.0.1:{peer.port}>")])  # fmt: skip
        peer.send(ok, bridge.dialer.port)
        await peer.next("ACK")
        assert await putting_through is AgentOutcome.CONNECTED
        hanging_up = asyncio.ensure_future(bridge.hang_up())
        bye = await peer.next("BYE")
        assert bye.uri == f"sip:agent@127.0.0.1:{peer.port}" and "tag=agent" in bye.get("To")
        peer.send(response_to(bye, 200, "OK"), bridge.dialer.port)
        await hanging_up
        assert bridge.call.ended_by == "caller"

    _run(session_factory, test)


def test_a_busy_agent_queue_is_told_to_the_caller_with_the_number_to_call(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        peer.send(response_to(invite, 180, "Ringing", to_tag="q"), bridge.dialer.port)
        await _until_state(events, "ringing")
        assert _rms(bridge.caller_audio(960)) > 1000  # the ringing tone...
        peer.send(response_to(invite, 486, "Busy Here", to_tag="q"), bridge.dialer.port)
        ack = await peer.next("ACK")
        assert ack.cseq == (1, "ACK") and ack.get("Via") == invite.get("Via")
        assert await putting_through is AgentOutcome.BUSY
        assert bridge.caller_audio(960) is None  # ...stops when the attempt fails
        unavailable = [e for e in events if e.get("state") == "unavailable"][0]
        assert unavailable["phone"] == "101" and "all our staff are busy" in unavailable["text"]
        await asyncio.sleep(0.5)  # the message is spoken: its caption comes with it
        assert any("please call 101" in text for text in _told(events))

    services, call_id = _run(session_factory, test)
    assert services.calls.call_summary(call_id)["status"] == "waiting"
    said = [text for speaker, text in services.calls.transcript(call_id) if speaker == "assistant"]
    assert "all our staff are busy" in said[-1] and "call 101" in said[-1]


def test_an_agent_queue_that_rings_too_long_is_cancelled(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        peer.send(response_to(invite, 180, "Ringing", to_tag="q"), bridge.dialer.port)
        cancel = await peer.next("CANCEL", timeout=10)
        assert cancel.cseq == (1, "CANCEL") and cancel.get("Via") == invite.get("Via")
        peer.send(response_to(cancel, 200, "OK", to_tag="q"), bridge.dialer.port)
        peer.send(response_to(invite, 487, "Request Terminated", to_tag="q"), bridge.dialer.port)
        assert (await peer.next("ACK")).cseq == (1, "ACK")
        assert await putting_through is AgentOutcome.NO_ANSWER
        unavailable = [e for e in events if e.get("state") == "unavailable"][0]
        assert "nobody answered in time" in unavailable["text"]

    services, call_id = _run(session_factory, test, agent_ring_seconds=1.0)
    said = [text for speaker, text in services.calls.transcript(call_id) if speaker == "assistant"]
    assert "nobody answered" in said[-1]


def test_an_agent_queue_that_never_responds_is_unreachable(session_factory):
    async def test(bridge, peer, session, events):
        outcome = await bridge.put_through()
        assert outcome is AgentOutcome.UNREACHABLE
        invites = []
        while not peer.messages.empty():
            invites.append(peer.messages.get_nowait())
        assert len(invites) >= 2  # retransmitted, as UDP needs

    _run(session_factory, test, agent_ring_seconds=2.0)


def test_a_digest_challenge_from_the_agent_queue_is_answered(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        first = await peer.next("INVITE")
        asked = ("Proxy-Authenticate", 'Digest realm="pbx", nonce="n1", qop="auth"')
        challenge = response_to(first, 407, "Proxy Authentication Required", to_tag="p",
                                headers=[asked])  # fmt: skip
        peer.send(challenge, bridge.dialer.port)
        await peer.next("ACK")
        second = await peer.next("INVITE")
        params = parse_challenge(second.get("Proxy-Authorization"))
        expected = digest_response(
            username="bot", password="s3cret", realm="pbx", nonce="n1", method="INVITE",
            uri=params["uri"], qop="auth", nc=params["nc"], cnonce=params["cnonce"],
        )  # fmt: skip
        assert params["response"] == expected and second.cseq == (2, "INVITE")
        assert second.call_id == first.call_id
        ok = response_to(second, 200, "OK", to_tag="agent", body=_answer_sdp(peer))
        peer.send(ok, bridge.dialer.port)
        assert (await peer.next("ACK")).cseq == (2, "ACK")
        assert await putting_through is AgentOutcome.CONNECTED

    _run(session_factory, test, username="bot", password="s3cret")


def test_a_caller_hanging_up_while_the_agent_rings_cancels_the_call(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        peer.send(response_to(invite, 180, "Ringing", to_tag="q"), bridge.dialer.port)
        await asyncio.sleep(0.3)
        await bridge.hang_up()
        cancel = await peer.next("CANCEL")
        peer.send(response_to(cancel, 200, "OK", to_tag="q"), bridge.dialer.port)
        peer.send(response_to(invite, 487, "Request Terminated", to_tag="q"), bridge.dialer.port)
        await peer.next("ACK")
        assert await putting_through is AgentOutcome.CANCELLED

    services, call_id = _run(session_factory, test)
    said = [text for speaker, text in services.calls.transcript(call_id) if speaker == "assistant"]
    assert "you hung up" in said[-1]
    assert services.calls.call_summary(call_id)["status"] == "waiting"


def test_a_caller_who_leaves_before_the_queue_responds_is_cancelled_once_it_rings(
    session_factory,
):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        await bridge.hang_up()
        # No CANCEL before a provisional response (RFC 3261 9.1); the INVITE keeps going.
        assert "CANCEL" not in await _retransmitted_invite(peer)
        peer.send(response_to(invite, 180, "Ringing", to_tag="q"), bridge.dialer.port)
        cancel = await peer.next("CANCEL", timeout=10)
        assert cancel.cseq == (1, "CANCEL") and cancel.get("Via") == invite.get("Via")
        peer.send(response_to(cancel, 200, "OK", to_tag="q"), bridge.dialer.port)
        peer.send(response_to(invite, 487, "Request Terminated", to_tag="q"), bridge.dialer.port)
        assert (await peer.next("ACK", timeout=10)).cseq == (1, "ACK")
        assert await putting_through is AgentOutcome.CANCELLED

    services, call_id = _run(session_factory, test)
    said = [text for speaker, text in services.calls.transcript(call_id) if speaker == "assistant"]
    assert "you hung up" in said[-1]


def test_an_agent_who_answers_after_the_caller_left_gets_ack_then_bye(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        await bridge.hang_up()
        await _retransmitted_invite(peer)
        peer.send(_ok(invite, peer), bridge.dialer.port)
        assert (await peer.next("ACK", timeout=10)).cseq == (1, "ACK")
        bye = await peer.next("BYE", timeout=10)
        assert bye.uri == f"sip:agent@127.0.0.1:{peer.port}" and "tag=agent" in bye.get("To")
        assert bye.cseq == (2, "BYE")
        peer.send(response_to(bye, 200, "OK"), bridge.dialer.port)
        assert await putting_through is AgentOutcome.CANCELLED
        assert bridge.call.ended_by == "caller"
        assert not peer.rtp  # the agent was never sent audio from a caller who had gone

    services, call_id = _run(session_factory, test)
    assert services.calls.call_summary(call_id)["status"] == "waiting"


def test_an_answer_after_the_dialler_gave_up_is_ended_with_bye(session_factory):
    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE", timeout=10)
        assert await putting_through is AgentOutcome.UNREACHABLE
        peer.send(_ok(invite, peer), bridge.dialer.port)
        assert (await peer.next("ACK", timeout=10)).cseq == (1, "ACK")
        bye = await peer.next("BYE", timeout=10)
        peer.send(response_to(bye, 200, "OK"), bridge.dialer.port)
        peer.send(_ok(invite, peer), bridge.dialer.port)  # the 200 again: ACKed, no new BYE
        assert (await peer.next("ACK", timeout=10)).cseq == (1, "ACK")

    _run(session_factory, test, agent_ring_seconds=2.0)


def test_the_caller_hears_the_uk_ringing_tone_until_the_agent_answers(session_factory):
    frame = CALLER_RATE // 50  # 20 ms, as the browser's track asks for it

    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        assert bridge.caller_audio(frame) is None  # not ringing yet: nothing to play
        peer.send(response_to(invite, 180, "Ringing", to_tag="agent"), bridge.dialer.port)
        await _until_state(events, "ringing")
        heard = b"".join(bridge.caller_audio(frame) for _ in range(300))  # two 3 s cycles
        samples = np.frombuffer(heard, dtype="<i2").astype(np.float64).reshape(300, frame)
        sounding = [bool(level > 1000) for level in np.sqrt((samples**2).mean(axis=1))]
        cycle = [True] * 20 + [False] * 10 + [True] * 20 + [False] * 100  # 0.4, 0.2, 0.4, 2.0 s
        assert sounding == cycle * 2
        assert not samples[20:30].any() and not samples[50:150].any()  # silent between rings
        burst = samples[:20].ravel()  # the first 0.4 s: 2.5 Hz per FFT bin
        spectrum = np.abs(np.fft.rfft(burst))
        frequencies = np.fft.rfftfreq(len(burst), 1 / CALLER_RATE)
        loudest = sorted(frequencies[np.argsort(spectrum)[-2:]])
        assert loudest == [400.0, 450.0]
        assert spectrum[(frequencies < 380) | (frequencies > 470)].max() < 0.05 * spectrum.max()
        peer.send(_ok(invite, peer), bridge.dialer.port)
        await peer.next("ACK")
        assert await putting_through is AgentOutcome.CONNECTED
        assert bridge.caller_audio(frame) is None  # answered: the tone has stopped

    _run(session_factory, test)


def test_the_dialler_calls_from_the_configured_sip_port(session_factory):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free a moment ago; a PBX's firewall would name it

    async def test(bridge, peer, session, events):
        putting_through = asyncio.ensure_future(bridge.put_through())
        invite = await peer.next("INVITE")
        assert f"127.0.0.1:{port};" in invite.get("Via")
        assert invite.get("Contact").endswith(f"@127.0.0.1:{port}>")
        peer.send(_ok(invite, peer), port)
        assert (await peer.next("ACK")).cseq == (1, "ACK")
        assert await putting_through is AgentOutcome.CONNECTED

    _run(session_factory, test, dial_port=port)


def test_without_an_agent_queue_the_caller_is_told_to_call_101(session_factory):
    async def test(bridge, peer, session, events):
        assert await bridge.put_through() is AgentOutcome.NO_ADDRESS
        assert _agent_events(events) == ["connecting", "unavailable"]
        unavailable = [e for e in events if e.get("state") == "unavailable"][0]
        assert unavailable["phone"] == "101" and "cannot be put through" in unavailable["text"]

    services, call_id = _run(session_factory, test, queue=False)
    said = [text for speaker, text in services.calls.transcript(call_id) if speaker == "assistant"]
    assert "call 101" in said[-1]
    assert services.calls.call_summary(call_id)["status"] == "waiting"
