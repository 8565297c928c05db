"""The SIP agent's settings: where it listens, where it transfers to, who may call it and how
many calls it takes (read once from `Settings`)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from synergy.contact.voice.settings import VoiceSettings
from synergy.contact.voice.telephony.sipendpoint import T1
from synergy.core.config import Settings


@dataclass(frozen=True)
class SipConfig:
    host: str = "127.0.0.1"
    port: int = 5070
    user: str = "assistant"
    rtp_ports: range = range(40000, 41000)
    transfer_uri: str = ""  # e.g. sip:agents@pbx.example; empty: no transfer target
    registrar: str = ""  # e.g. sip:pbx.example; empty: do not register
    username: str = ""
    password: str = ""
    register_expires: int = 300
    ring_seconds: float = 0.0  # ring before answering (lets a test CANCEL first)
    agent_ring_seconds: float = 30.0  # browser callers: how long an agent's phone may ring
    dial_port: int = 0  # browser callers: the SIP port they are put through from; 0: any free
    max_calls: int = 30  # at once; further INVITEs get 503
    trunks: tuple[str, ...] = ("127.0.0.1", "::1")  # addresses or networks INVITEs come from
    caller_username: str = ""  # Digest credentials for INVITEs from other addresses
    caller_password: str = ""
    t1: float = T1  # RFC 3261 timer T1; an unACKed answer is given up after 64*T1

    @classmethod
    def from_settings(cls, settings: Settings) -> SipConfig:
        voice = settings.section(VoiceSettings)
        first, last = (int(part) for part in voice.rtp_ports.split("-"))
        password = voice.sip_password
        caller_password = voice.sip_caller_password
        trunks = tuple(part.strip() for part in voice.sip_trunks.split(",") if part.strip())
        return cls(
            host=voice.sip_host, port=voice.sip_port,
            user=voice.sip_user, rtp_ports=range(first, last + 1),
            transfer_uri=voice.sip_transfer_uri, registrar=voice.sip_registrar,
            username=voice.sip_username,
            password=password.get_secret_value() if password else "",
            agent_ring_seconds=voice.agent_ring_seconds,
            dial_port=voice.sip_dial_port, max_calls=voice.sip_max_calls,
            trunks=trunks, caller_username=voice.sip_caller_username,
            caller_password=caller_password.get_secret_value() if caller_password else "",
        )  # fmt: skip

    def is_trunk(self, address: str) -> bool:
        """Is `address` one of the trunk or SBC addresses calls are taken from?"""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in ipaddress.ip_network(trunk, strict=False) for trunk in self.trunks)
