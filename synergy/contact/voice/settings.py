"""The 101 voice line's own settings: speech engines, SIP telephony and browser calls.

Read once with the platform's settings from `SYNERGY_VOICE_*` environment variables or the
`[voice]` table of the settings file; code reads them with `settings.section(VoiceSettings)`.
A section of its own, apart from contact's web chat (`synergy.contact.settings`), because the
voice line is set up apart: its trunk, ports and engines.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from synergy.core.config import ServiceSettings


class VoiceSettings(ServiceSettings, env_prefix="SYNERGY_VOICE_"):
    asr_engine: Literal["whisper", "pocketsphinx"] = Field(
        default="whisper", description="Offline speech recognition engine"
    )
    asr_model_dir: Path | None = Field(
        default=None, description="A CTranslate2 Whisper model folder; default: the bundled tiny.en"
    )
    asr_threads: int = Field(default=2, ge=1, le=64, description="Recognitions at once")
    tts_engine: Literal["flite", "espeak-ng"] = "flite"
    tts_voice: str = Field(default="", description="Voice name; default awb / en-gb")
    silence_timeout: float = Field(default=0.45, ge=0.2, le=5.0)
    hesitant_timeout: float = Field(default=1.6, ge=0.3, le=10.0)
    asr_deadline: float = Field(
        default=8.0, ge=1.0, le=60.0, description="Later than this, the caller goes to a person"
    )
    sip_host: str = Field(default="127.0.0.1", description="Address the SIP agent binds")
    sip_port: int = Field(default=5070, ge=1, le=65535)
    sip_user: str = "assistant"
    sip_dial_port: int = Field(
        default=0, ge=0, le=65535,
        description="SIP port the web server calls the agent queue from; 0: any free port",
    )  # fmt: skip
    rtp_ports: str = Field(default="40000-40999", pattern=r"^\d+-\d+$")
    sip_transfer_uri: str = Field(default="", description="Agent queue, e.g. sip:q@pbx")
    sip_registrar: str = Field(default="", description="Register here, e.g. sip:pbx")
    sip_username: str = ""
    sip_password: SecretStr | None = None
    agent_ring_seconds: float = Field(
        default=30.0, ge=5.0, le=300.0,
        description="Browser callers put through to the agent queue: ring this long, then say 101",
    )  # fmt: skip
    webrtc_addresses: str = Field(
        default="", description="ICE host addresses to offer, e.g. 127.0.0.1; default: all"
    )
    webrtc_max_calls: int = Field(default=10, ge=1, le=1000)
    webrtc_calls_per_visitor: int = Field(
        default=1, ge=1, le=100, description="Browser calls one visitor (cookie) may have open"
    )
    webrtc_calls_per_address: int = Field(
        default=3, ge=1, le=1000, description="Browser calls one network address may have open"
    )
    webrtc_connect_seconds: float = Field(
        default=10.0, ge=2.0, le=120.0, description="A browser call not connected by then ends"
    )
    preload: bool = Field(
        default=False, description="Load the speech engines when the web server starts"
    )
    media_timeout: float = Field(
        default=20.0, ge=2.0, le=600.0, description="No audio from the caller this long: end"
    )
    silent_caller_seconds: float = Field(
        default=60.0, ge=5.0, le=3600.0,
        description="The assistant heard no speech or key this long: say so and end",
    )  # fmt: skip
    max_call_minutes: float = Field(default=60.0, ge=1.0, le=1440.0)
    sip_max_calls: int = Field(
        default=30, ge=1, le=10000, description="Calls at once; more INVITEs get 503"
    )
    sip_trunks: str = Field(
        default="127.0.0.1,::1",
        description="Addresses or networks (comma-separated) INVITEs are taken from",
    )  # fmt: skip
    sip_caller_username: str = Field(
        default="", description="Digest user for INVITEs from other addresses; empty: refuse them"
    )
    sip_caller_password: SecretStr | None = None

    @field_validator("sip_trunks")
    @classmethod
    def _trunks_are_networks(cls, value: str) -> str:
        for part in value.split(","):
            if part.strip():
                ipaddress.ip_network(part.strip(), strict=False)  # ValueError names the bad one
        return value
