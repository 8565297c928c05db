"""Voice commands: `synergy voice-sip` (answer the 101 line), `synergy voice-say` and
`synergy voice-transcribe` (try the speech engines on their own)."""

from __future__ import annotations

import asyncio
import dataclasses
import signal
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command("voice-sip")
def voice_sip(
    ctx: typer.Context,
    port: Annotated[
        int | None, typer.Option(help="SIP port (default SYNERGY_VOICE_SIP_PORT)")
    ] = None,
) -> None:
    """Answer calls from the SIP trunk or PBX until interrupted."""
    from synergy.contact.voice.session import VoiceServices
    from synergy.contact.voice.speech.asr import EngineNotInstalled
    from synergy.contact.voice.telephony.sip import SipUserAgent
    from synergy.contact.voice.telephony.sipconfig import SipConfig
    from synergy.core.commands import command_settings, fail
    from synergy.core.db import NotMigrated, engine_for, ensure_migrated, make_session_factory

    config = command_settings(ctx)
    engine = engine_for(config)
    try:
        ensure_migrated(engine)
        services = VoiceServices.from_settings(config, make_session_factory(engine))
    except (NotMigrated, EngineNotInstalled) as exc:
        raise fail(str(exc)) from None
    services.warm()
    sip = SipConfig.from_settings(config)
    if port is not None:
        sip = dataclasses.replace(sip, port=port)

    async def serve() -> None:
        agent = SipUserAgent(sip, services)
        bound = await agent.start()
        typer.echo(f"answering SIP calls on {sip.host}:{bound} (Ctrl-C to stop)")
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        await agent.stop()

    try:
        asyncio.run(serve())
    finally:
        services.worker.stop()
        engine.dispose()


@app.command("voice-say")
def voice_say(
    ctx: typer.Context,
    text: str,
    out: Annotated[Path, typer.Option(help="WAV file to write")] = Path("speech.wav"),
) -> None:
    """Speak TEXT with the configured offline voice into a WAV file."""
    from synergy.contact.voice.audio import write_wav
    from synergy.contact.voice.settings import VoiceSettings
    from synergy.contact.voice.speech.tts import SynthesisFailed, make_synthesizer
    from synergy.core.commands import command_settings, fail

    voice = command_settings(ctx).section(VoiceSettings)
    try:
        synthesizer = make_synthesizer(voice.tts_engine, voice.tts_voice or None)
        pcm, rate = synthesizer.synthesize(text)
    except SynthesisFailed as exc:
        raise fail(str(exc)) from None
    write_wav(out, pcm, rate)
    typer.echo(f"wrote {out} ({len(pcm) / 2 / rate:.1f} s, {synthesizer.name})")


@app.command("voice-transcribe")
def voice_transcribe(
    ctx: typer.Context,
    wav: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    engine: Annotated[str | None, typer.Option(help="whisper or pocketsphinx")] = None,
) -> None:
    """Transcribe a 16-bit WAV file offline with the configured speech engine."""
    from synergy.contact.voice.audio import read_wav
    from synergy.contact.voice.settings import VoiceSettings
    from synergy.contact.voice.speech.asr import EngineNotInstalled, make_engine
    from synergy.core.commands import command_settings, fail

    voice = command_settings(ctx).section(VoiceSettings)
    try:
        recognizer = make_engine(engine or voice.asr_engine, model_dir=voice.asr_model_dir)
        pcm, rate = read_wav(wav)
    except (EngineNotInstalled, ValueError) as exc:
        raise fail(str(exc)) from None
    typer.echo(recognizer.transcribe(pcm, rate))
