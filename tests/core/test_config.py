"""Settings: safe defaults, a generated secret kept private, and errors that name the setting."""

from __future__ import annotations

import stat

import pytest
from pydantic import Field

from synergy.core.config import ConfigError, ServiceSettings, load_settings


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("SYNERGY_"):
            monkeypatch.delenv(name)


def test_defaults_are_embedded_and_safe(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.effective_database_url == "sqlite:///var/synergy.db"
    assert settings.debug is False
    assert len(settings.secret()) >= 32


def test_secret_key_is_generated_once_with_mode_0600(tmp_path) -> None:
    first = load_settings(data_dir=tmp_path)
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = load_settings(data_dir=tmp_path)
    assert first.secret() == second.secret()


def test_environment_overrides_defaults(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SYNERGY_SESSION_IDLE_MINUTES", "5")
    monkeypatch.setenv("SYNERGY_DATABASE_URL", "postgresql://postgres@db/synergy")
    settings = load_settings()
    assert settings.session_idle_minutes == 5
    assert settings.effective_database_url == "postgresql+psycopg://postgres@db/synergy"


def test_settings_file_is_read_and_environment_wins(tmp_path, monkeypatch) -> None:
    config = tmp_path / "synergy.toml"
    config.write_text(f'data_dir = "{tmp_path}"\nport = 9000\nlockout_minutes = 30\n')
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(config))
    monkeypatch.setenv("SYNERGY_PORT", "9100")
    settings = load_settings()
    assert settings.port == 9100 and settings.lockout_minutes == 30


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("SYNERGY_PORT", "eighty", "SYNERGY_PORT"),
        ("SYNERGY_SESSION_IDLE_MINUTES", "0", "SYNERGY_SESSION_IDLE_MINUTES"),
        ("SYNERGY_DATABASE_URL", "mysql://x", "SYNERGY_DATABASE_URL"),
        ("SYNERGY_LOG_FORMAT", "xml", "SYNERGY_LOG_FORMAT"),
        ("SYNERGY_SECRET_KEY", "short", "SYNERGY_SECRET_KEY"),
        ("SYNERGY_BASE_URL", "synergy.example", "SYNERGY_BASE_URL"),
    ],
)
def test_bad_setting_fails_naming_it(tmp_path, monkeypatch, variable, value, named) -> None:
    monkeypatch.setenv("SYNERGY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=named):
        load_settings()


def test_unknown_key_in_settings_file_is_named(tmp_path, monkeypatch) -> None:
    config = tmp_path / "synergy.toml"
    config.write_text("prot = 80\n")
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(config))
    with pytest.raises(ConfigError, match="prot"):
        load_settings()


def test_missing_settings_file_is_named(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(tmp_path / "nope.toml"))
    with pytest.raises(ConfigError, match="SYNERGY_CONFIG_FILE"):
        load_settings()


class BoardSettings(ServiceSettings, env_prefix="SYNERGY_BOARD_"):
    """A service's own section, as a new service would declare it."""

    refresh_seconds: int = Field(default=5, ge=1)
    title: str = "Incidents"


def test_a_service_section_reads_arguments_then_environment_then_its_table(
    tmp_path, monkeypatch
) -> None:
    config = tmp_path / "synergy.toml"
    config.write_text('debug = true\n[board]\nrefresh_seconds = 3\ntitle = "From file"\n')
    monkeypatch.setenv("SYNERGY_CONFIG_FILE", str(config))
    monkeypatch.setenv("SYNERGY_BOARD_REFRESH_SECONDS", "7")
    settings = load_settings(data_dir=tmp_path, sections=[BoardSettings])
    assert settings.debug is True
    assert settings.section(BoardSettings) == BoardSettings(refresh_seconds=7, title="From file")
    given = load_settings(data_dir=tmp_path, sections=[BoardSettings], board={"title": "Given"})
    assert given.section(BoardSettings).title == "Given"


def test_a_bad_section_value_stops_start_up_naming_the_variable(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SYNERGY_BOARD_REFRESH_SECONDS", "0")
    with pytest.raises(ConfigError, match="SYNERGY_BOARD_REFRESH_SECONDS"):
        load_settings(data_dir=tmp_path, sections=[BoardSettings])


def test_sections_are_read_once_when_the_settings_are_loaded(tmp_path, monkeypatch) -> None:
    settings = load_settings(data_dir=tmp_path, sections=[BoardSettings])
    monkeypatch.setenv("SYNERGY_BOARD_TITLE", "Changed later")
    assert settings.section(BoardSettings).title == "Incidents"


def test_tests_can_set_a_section_explicitly(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path).with_sections(BoardSettings(refresh_seconds=1))
    assert settings.section(BoardSettings).refresh_seconds == 1
