"""How long a browser caller waits after pressing "Start call".

    .venv/bin/python bench/voice_call_start.py [--calls 10]

Prints how long the speech engines take to load (done in the background as the page opens,
or as the server starts with SYNERGY_VOICE_PRELOAD, so no longer in the caller's wait), then
how long the server takes to answer a browser's WebRTC offer once they are loaded, and until
the call is connected and greeted. The offers come from aiortc (a real WebRTC stack) on
127.0.0.1, with a scratch SQLite database.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from synergy.app import import_all_models
from synergy.contact.voice.loading import EngineLoader, build_from_settings
from synergy.contact.voice.telephony.webrtc import WebRTCGateway
from synergy.core.config import load_settings
from synergy.core.db import make_engine, make_session_factory, upgrade
from synergy.services import declared_services, settings_sections


async def one_call(gateway: WebRTCGateway) -> tuple[float, float]:
    """Seconds to the answer, and to the greeting starting on a connected call."""
    import aiortc

    pc = aiortc.RTCPeerConnection(aiortc.RTCConfiguration(iceServers=[]))
    pc.addTrack(aiortc.mediastreams.AudioStreamTrack())
    pc.createDataChannel("events")
    await pc.setLocalDescription(await pc.createOffer())
    started = time.monotonic()
    call, answer = await gateway.answer(pc.localDescription.sdp, source="127.0.0.1")
    answered = time.monotonic() - started
    await pc.setRemoteDescription(aiortc.RTCSessionDescription(sdp=answer, type="answer"))
    while not call.session.log.spoken:
        await asyncio.sleep(0.01)
    greeted = time.monotonic() - started
    await pc.close()
    await call.close()
    return answered, greeted


async def main(calls: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        settings = load_settings(
            sections=settings_sections(declared_services()), data_dir=Path(scratch),
            database_url=f"sqlite:///{scratch}/bench.db", secret_key="x" * 40,
        )  # fmt: skip
        import_all_models()
        upgrade(settings.database_url)
        engine = make_engine(settings.database_url)
        loader = EngineLoader(build_from_settings(settings, make_session_factory(engine)))
        started = time.monotonic()
        services = await loader.services()
        print(f"engines loaded in {time.monotonic() - started:.2f} s (in the background)")
        gateway = WebRTCGateway(services, addresses=["127.0.0.1"], per_visitor=calls,
                                per_address=calls)  # fmt: skip
        results = [await one_call(gateway) for _ in range(calls)]
        await gateway.close()
        services.worker.stop()
        answers, greetings = zip(*results, strict=True)
        print(f"{calls} calls once loaded: offer answered p50 {statistics.median(answers):.3f} s "
              f"(max {max(answers):.3f}); greeting starts p50 "
              f"{statistics.median(greetings):.3f} s (max {max(greetings):.3f})")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10)
    asyncio.run(main(parser.parse_args().calls))
