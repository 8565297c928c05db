"""The installed services' own settings sections: core keeps only platform-wide settings, and
each service's variables keep the names they had when they lived in core."""

from __future__ import annotations

import pytest

from synergy.acro.settings import AcroSettings
from synergy.contact.settings import ContactSettings
from synergy.contact.voice.settings import VoiceSettings
from synergy.core.config import ConfigError, Settings, load_settings
from synergy.evidence.settings import EvidenceSettings
from synergy.services import declared_services, settings_sections

MOVED_PREFIXES = ("acro_", "evidence_", "contact_", "voice_")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("SYNERGY_"):
            monkeypatch.delenv(name)


def _load(tmp_path) -> Settings:
    return load_settings(data_dir=tmp_path, sections=settings_sections(declared_services()))


def test_core_settings_hold_no_service_settings() -> None:
    moved = [name for name in Settings.model_fields if name.startswith(MOVED_PREFIXES)]
    assert moved == []


def test_the_services_declare_their_sections() -> None:
    sections = settings_sections(declared_services())
    for section in (AcroSettings, EvidenceSettings, ContactSettings, VoiceSettings):
        assert section in sections


def test_service_variables_keep_their_names(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNERGY_VOICE_SIP_TRUNKS", "192.0.2.0/24,198.51.100.7")
    monkeypatch.setenv("SYNERGY_ACRO_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("SYNERGY_EVIDENCE_DIR", str(tmp_path / "footage"))
    monkeypatch.setenv("SYNERGY_CONTACT_MAX_TURNS", "12")
    settings = _load(tmp_path)
    assert settings.section(VoiceSettings).sip_trunks == "192.0.2.0/24,198.51.100.7"
    assert settings.section(AcroSettings).max_attempts == 3
    assert settings.section(EvidenceSettings).dir == tmp_path / "footage"
    assert settings.section(ContactSettings).max_turns == 12


def test_defaults_are_unchanged(tmp_path) -> None:
    settings = _load(tmp_path)
    assert settings.section(VoiceSettings).sip_trunks == "127.0.0.1,::1"
    assert settings.section(AcroSettings).gateway_url == "http://127.0.0.1:8790"
    assert settings.section(EvidenceSettings).fsync is True
    assert settings.section(ContactSettings).session_minutes == 120


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SYNERGY_VOICE_SIP_TRUNKS", "not-a-network"),
        ("SYNERGY_VOICE_RTP_PORTS", "40000"),
        ("SYNERGY_ACRO_MAX_ATTEMPTS", "0"),
        ("SYNERGY_EVIDENCE_ABANDONED_HOURS", "0"),
        ("SYNERGY_CONTACT_MAX_TURNS", "1"),
    ],
)
def test_a_bad_service_value_stops_start_up_naming_the_variable(
    tmp_path, monkeypatch, variable, value
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        _load(tmp_path)


def test_service_settings_are_read_from_their_tables(tmp_path, monkeypatch) -> None:
    config = tmp_path / "synergy.toml"
    config.write_text(
        '[voice]\nsip_trunks = "10.0.0.0/8"\n[acro]\nmax_attempts = 5\n'
        '[evidence]\ns3_bucket = "footage"\n[contact]\nmax_turns = 20\n'
    )
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(config))
    settings = _load(tmp_path)
    assert settings.section(VoiceSettings).sip_trunks == "10.0.0.0/8"
    assert settings.section(AcroSettings).max_attempts == 5
    assert settings.section(EvidenceSettings).s3_bucket == "footage"
    assert settings.section(ContactSettings).max_turns == 20


def test_a_service_setting_at_the_top_of_the_file_is_refused_naming_its_table(
    tmp_path, monkeypatch
) -> None:
    config = tmp_path / "synergy.toml"
    config.write_text('port = 9000\nvoice_sip_trunks = "10.0.0.0/8"\nacro_max_attempts = 5\n')
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(config))
    with pytest.raises(ConfigError) as refused:
        _load(tmp_path)
    message = str(refused.value)
    assert "voice_sip_trunks is now sip_trunks in the [voice] table" in message
    assert "acro_max_attempts is now max_attempts in the [acro] table" in message
