"""Reply latency of the voice line and how many calls one machine can take at once.

    .venv/bin/python bench/voice_latency.py [--engines whisper,pocketsphinx] [--calls 20]
                                            [--concurrency 1,2,4,6,8,10,12]

Each call runs the real pipeline in this process (voice activity, streaming recognition,
understanding, the dialogue engine with its database writes on a scratch SQLite file, flite)
fed in real time with a caller's sentence spoken by flite at 8 kHz, while a sender reads the
reply audio every 20 ms as the RTP sender does.

Latency is from the end of the caller's speech (the packet with their last sound, flite's
trailing silence trimmed off) to the first
reply audio reaching the line's playback buffer (the sender sends it within 20 ms).
A number of simultaneous calls is sustained when every call's final transcript arrives within
1.5 s of the end of its speech and no call falls behind (no recognition errors).
A call the assistant hands over while the caller is still speaking (risk heard in a partial
transcript) has no reply to time: it is counted apart and left out of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from synergy.app import import_all_models
from synergy.contact.voice.audio import chunks, resample, silence
from synergy.contact.voice.frames import TranscriptionFrame
from synergy.contact.voice.session import VoiceServices, VoiceSession
from synergy.contact.voice.speech.tts import FliteEngine
from synergy.core.db import make_engine, make_session_factory, upgrade

SENTENCES = [
    "Someone stole my bicycle from outside the library yesterday.",
    "My car was broken into last night and they took my laptop.",
    "I want to report a lost wallet.",
    "The neighbours are playing loud music every night.",
    "I would like an update on my crime report.",
    "I found a purse in the park this morning.",
    "There is a car parked across my driveway.",
    "I think I have been scammed by a phone call.",
    "Somebody has been damaging cars on our street.",
    "I want to speak to the officer dealing with my case.",
    "My shed was broken into and tools were taken.",
    "Kids keep throwing stones at my windows.",
    "I lost my phone on the bus.",
    "A van has been abandoned outside my house for weeks.",
    "Someone used my bank card without my permission.",
    "I have information about drug dealing near the school.",
    "My garden fence was smashed last night.",
    "I received a threatening letter in the post.",
    "A man tried to sell me a fake parcel delivery.",
    "My son's scooter was stolen from the garage.",
]
SUSTAINED_ASR_LAG = 1.5
RATE = 8000


def replies(results: list[dict]) -> list[float]:  # type: ignore[type-arg]
    """Reply latencies, without calls handed over before the caller finished."""
    return [r["latency"] for r in results if not r["early_handover"]] or [float("inf")]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def one_call(services: VoiceServices, speech: bytes, lead: float) -> dict[str, float]:
    session = VoiceSession(services, line_rate=RATE)
    await session.start()

    async def sender() -> None:
        while True:
            session.playback.read(160)
            await asyncio.sleep(0.02)

    sending = asyncio.ensure_future(sender())
    next_at = time.monotonic()
    speech_end = 0.0
    audio = silence(lead, RATE) + speech
    for chunk in chunks(audio, RATE):
        await session.hear(chunk)
        next_at += 0.02
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    speech_end = time.monotonic()
    for chunk in chunks(silence(6.0, RATE), RATE):
        if session.log.first_reply_audio_at or session.log.errors:
            break
        await session.hear(chunk)
        next_at += 0.02
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
    sending.cancel()
    await session.close()
    finals = [f for f in session.assistant.heard if isinstance(f, TranscriptionFrame) and f.final]
    reply = session.log.first_reply_audio_at
    return {
        "early_handover": float(not reply and session.log.handover is not None),
        "latency": reply[0] - speech_end if reply else float("inf"),
        "asr_lag": finals[0].at - speech_end if finals else float("inf"),
        "errors": float(len(session.log.errors)),
    }


def trimmed(pcm: bytes) -> bytes:
    """Without the silence flite leaves before and after the words, so that the end of the
    audio fed is the end of the speech."""
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    loud = np.nonzero(np.abs(samples) > 32768 * 10 ** (-40 / 20))[0]
    return pcm[2 * loud[0] : 2 * (loud[-1] + 1)] if loud.size else pcm


def spoken_sentences() -> list[bytes]:
    voice = FliteEngine(voice="slt")
    out = []
    for text in SENTENCES:
        pcm, rate = voice.synthesize(text)
        out.append(trimmed(resample(pcm, rate, RATE)))
    return out


async def latency_run(services: VoiceServices, speech: list[bytes], calls: int) -> list[dict]:  # type: ignore[type-arg]
    return [await one_call(services, speech[i % len(speech)], 0.4) for i in range(calls)]


async def concurrent_run(services: VoiceServices, speech: list[bytes], n: int) -> list[dict]:  # type: ignore[type-arg]
    rng = random.Random(n)
    return list(await asyncio.gather(*(
        one_call(services, speech[i % len(speech)], 0.3 + rng.random()) for i in range(n)
    )))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="whisper,pocketsphinx")
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--concurrency", default="1,2,4,6,8,10,12")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}; load average at start: {os.getloadavg()}")
    folder = Path(tempfile.mkdtemp(prefix="synergy-voice-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    upgrade(url)
    import_all_models()
    factory = make_session_factory(make_engine(url))
    speech = spoken_sentences()
    for name in args.engines.split(","):
        services = VoiceServices.build(factory, asr=name)
        services.warm()
        results = asyncio.run(latency_run(services, speech, args.calls))
        latencies = replies(results)
        lags = [r["asr_lag"] for r in results]
        early = sum(r["early_handover"] for r in results)
        print(
            f"{name}: {len(results)} calls, reply latency p50 {statistics.median(latencies):.3f} s"
            f" p95 {percentile(latencies, 0.95):.3f} s; final transcript after speech end p50"
            f" {statistics.median(lags):.3f} s; handed over before the end of the turn: {early:.0f}"
        )
        sustained = 0
        for n in (int(x) for x in args.concurrency.split(",")):
            results = asyncio.run(concurrent_run(services, speech, n))
            worst = max([r["asr_lag"] for r in results if not r["early_handover"]] or [0.0])
            errors = sum(r["errors"] for r in results)
            kept_up = worst <= SUSTAINED_ASR_LAG and not errors
            latencies = replies(results)
            early = sum(r["early_handover"] for r in results)
            print(
                f"  {n:2d} simultaneous: worst final-transcript lag {worst:.2f} s, reply p50 "
                f"{statistics.median(latencies):.2f} s p95 {percentile(latencies, 0.95):.2f} s, "
                f"errors {errors:.0f}, handed over early {early:.0f} -> "
                f"{'keeps up' if kept_up else 'falls behind'}"
            )
            if kept_up:
                sustained = n
            else:
                break
        print(f"  {name}: sustains {sustained} simultaneous calls")
        services.worker.stop()
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
