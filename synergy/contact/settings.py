"""Contact's own settings: the 101 web chat and conversation API.

Read once with the platform's settings from `SYNERGY_CONTACT_*` environment variables or the
`[contact]` table of the settings file; code reads them with `settings.section(ContactSettings)`.
The voice line has its own section, `synergy.contact.voice.settings.VoiceSettings`.
"""

from __future__ import annotations

from pydantic import Field

from synergy.core.config import ServiceSettings


class ContactSettings(ServiceSettings, env_prefix="SYNERGY_CONTACT_"):
    max_turns: int = Field(
        default=40, ge=2, le=500, description="Caller messages allowed in one conversation"
    )
    max_message_chars: int = Field(
        default=1000, ge=50, le=5000, description="Longest caller message accepted"
    )
    session_minutes: int = Field(
        default=120, ge=5, le=24 * 60, description="A public conversation expires after this"
    )
    starts_per_address_per_hour: int = Field(
        default=30, ge=1, le=100_000, description="New conversations one IP address may start"
    )
