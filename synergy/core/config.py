"""Platform settings: read once, from environment variables and an optional TOML file.

Every setting has a safe default so that `synergy run` works on a fresh machine: an SQLite
database under ./var/, a secret key generated on first start (stored with mode 0600), debug off.
A bad value stops the platform at start with a message that names the setting.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

ENV_PREFIX = "SYNERGY_"
CONFIG_FILE_VARIABLE = "SYNERGY_CONFIG_FILE"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
MIN_SECRET_LENGTH = 32


class ConfigError(Exception):
    """A setting is missing or wrong; the message names it and says what is allowed."""


def _config_file_path() -> Path | None:
    config_file = os.environ.get(CONFIG_FILE_VARIABLE)
    return Path(config_file) if config_file else None


def _read_config_file() -> tuple[Path | None, dict[str, Any]]:
    path = _config_file_path()
    if path is None:
        return None, {}
    try:
        with path.open("rb") as handle:
            return path, tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{CONFIG_FILE_VARIABLE}: no such file: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{CONFIG_FILE_VARIABLE}: {path} is not valid TOML: {exc}") from exc


class _TomlSource(PydanticBaseSettingsSource):
    """Values from the settings file named by SYNERGY_CONFIG_FILE (keys are field names)."""

    def __init__(self, settings_cls: type[BaseSettings], values: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._values = values

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._values.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._values)


class _ReadFromFile(BaseSettings):
    """Settings read from explicit arguments, then the environment, then the settings file."""

    @classmethod
    def file_values(cls) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Explicit arguments win, then the environment, then the file.
        return (init_settings, env_settings, _TomlSource(settings_cls, cls.file_values()))


class ServiceSettings(_ReadFromFile):
    """A service's own settings section, declared by the service, never added to `Settings`.

    Subclass it in the service's `settings.py` with the section's environment prefix:

        class CadSettings(ServiceSettings, env_prefix="SYNERGY_CAD_"):
            board_refresh_seconds: int = Field(default=5, ge=1)

    Values come from explicit arguments, then `SYNERGY_CAD_BOARD_REFRESH_SECONDS`, then the
    `[cad]` table of the settings file. Name the class in the service's declaration
    (`Service(settings=("synergy.cad.settings:CadSettings",))`); `load_settings` then reads it
    once with the rest, and code reads it with `settings.section(CadSettings)`.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    @classmethod
    def section_name(cls) -> str:
        prefix = str(cls.model_config.get("env_prefix") or "")
        if not prefix.startswith(ENV_PREFIX) or not prefix.endswith("_"):
            raise ConfigError(f"{cls.__name__}: env_prefix must look like SYNERGY_NAME_")
        return prefix[len(ENV_PREFIX) : -1].lower()

    @classmethod
    def file_values(cls) -> dict[str, Any]:
        """The `[name]` table of the settings file."""
        path, values = _read_config_file()
        found = values.get(cls.section_name(), {})
        if not isinstance(found, dict):
            raise ConfigError(
                f"{CONFIG_FILE_VARIABLE}: {path}: {cls.section_name()} must be a table"
            )
        return found


SectionT = TypeVar("SectionT", bound=ServiceSettings)


class Settings(_ReadFromFile):
    """One typed settings object, passed explicitly to `create_app(settings)` and the CLI.

    Services' own sections travel inside it: `settings.section(CadSettings)`.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)
    _sections: dict[type[ServiceSettings], ServiceSettings] = PrivateAttr(default_factory=dict)

    data_dir: Path = Field(default=Path("var"), description="Where the database and files live")
    database_url: str = Field(default="", description="SQLAlchemy URL; default SQLite in data_dir")
    secret_key: SecretStr | None = Field(
        default=None, description="Signs tokens; generated if unset"
    )
    debug: bool = False
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    base_url: str = Field(default="", description="Public address, e.g. https://synergy.example")
    behind_tls: bool = Field(default=False, description="Send HSTS and mark cookies Secure")
    session_idle_minutes: int = Field(default=30, ge=1, le=24 * 60)
    session_absolute_hours: int = Field(default=12, ge=1, le=72)
    login_max_failures: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins for one username from one address"
    )
    login_max_failures_per_address: int = Field(
        default=30, ge=1, le=10_000, description="Failed sign-ins from one address, any username"
    )
    login_max_failures_per_account: int = Field(
        default=100, ge=1, le=100_000, description="Failed sign-ins for one username, anywhere"
    )
    lockout_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="The window those failures are counted in"
    )
    second_factor_roles: str = Field(
        default="administrator,supervisor",
        description="Roles that must sign in with a code from an authenticator app",
    )
    metrics_allow: str = Field(
        default="127.0.0.1/32,::1/128", description="Addresses allowed to read /metrics"
    )
    audit_key_file: Path | None = Field(
        default=None,
        description="HMAC and signing keys of the audit chain; default data_dir/audit-keys.json. "
        "Keep it out of the database's backups and readable only by the service account",
    )
    audit_checkpoint_file: Path | None = Field(
        default=None,
        description="Where signed checkpoints of the audit chain are appended; default "
        "data_dir/audit-checkpoints.jsonl (put it on append-only or remote storage)",
    )
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    frontend_dir: Path = Field(
        default=Path("node_modules"), description="Where `npm ci` installed govuk-frontend"
    )

    # --- The mail server services send email through ------------------------------------
    smtp_host: str = Field(default="", description="SMTP server for emails; empty: do not send")
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_sender: str = Field(default="evidence@synergy.invalid", description="From address")

    @field_validator("database_url")
    @classmethod
    def _database_url_is_supported(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must start with sqlite:// or postgresql+psycopg://")
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value

    @field_validator("second_factor_roles")
    @classmethod
    def _roles_exist(cls, value: str) -> str:
        from synergy.core.roles import parse_roles

        if value.strip():
            parse_roles(value)  # ValueError names the unknown role
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url_is_absolute(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @classmethod
    def file_values(cls) -> dict[str, Any]:
        """The file's top-level keys; its tables are services' sections (ServiceSettings)."""
        path, values = _read_config_file()
        values = {k: v for k, v in values.items() if not isinstance(v, dict)}
        unknown = set(values) - set(cls.model_fields)
        if unknown:
            raise ConfigError(
                f"{CONFIG_FILE_VARIABLE}: {path} has unknown settings: {', '.join(sorted(unknown))}"
            )
        return values

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'synergy.db').as_posix()}"

    @property
    def is_sqlite(self) -> bool:
        return self.effective_database_url.startswith("sqlite")

    @property
    def effective_audit_key_file(self) -> Path:
        return self.audit_key_file or self.data_dir / "audit-keys.json"

    @property
    def effective_audit_checkpoint_file(self) -> Path:
        return self.audit_checkpoint_file or self.data_dir / "audit-checkpoints.jsonl"

    def section(self, kind: type[SectionT]) -> SectionT:
        """A service's settings section. `load_settings` reads every installed service's;
        one missing here (a `Settings` built directly, in a test) is read now, once."""
        found = self._sections.get(kind)
        if found is None:
            found = _read_section(kind)
            self._sections[kind] = found
        assert isinstance(found, kind)
        return found

    def with_sections(self, *sections: ServiceSettings) -> Settings:
        """A copy holding these sections (tests use it to set a service's settings)."""
        copy = self.model_copy()
        copy._sections = {**self._sections, **{type(s): s for s in sections}}
        return copy

    def secret(self) -> bytes:
        if self.secret_key is None:
            raise ConfigError("SYNERGY_SECRET_KEY: not loaded; call load_settings()")
        return self.secret_key.get_secret_value().encode()


def _describe(error: ValidationError, *, prefix: str = ENV_PREFIX) -> str:
    lines = []
    for item in error.errors():
        name = prefix + "_".join(str(part) for part in item["loc"]).upper()
        lines.append(f"{name}: {item['msg']} (got {item.get('input')!r})")
    return "Invalid configuration:\n  " + "\n  ".join(lines)


def _load_or_create_secret(data_dir: Path) -> str:
    """Read the generated key, or make one readable only by this user."""
    path = data_dir / SECRET_KEY_FILE
    if path.exists():
        key = path.read_text().strip()
        if len(key) < MIN_SECRET_LENGTH:
            raise ConfigError(f"SYNERGY_SECRET_KEY: {path} holds a key shorter than 32 characters")
        return key
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key


def _read_section(kind: type[SectionT], **values: Any) -> SectionT:
    try:
        return kind(**values)
    except ValidationError as exc:
        prefix = f"{ENV_PREFIX}{kind.section_name().upper()}_"
        raise ConfigError(_describe(exc, prefix=prefix)) from None


def _refuse_section_keys_at_top_level(kinds: Iterable[type[ServiceSettings]]) -> None:
    """A key like `voice_sip_trunks` at the top of the settings file is a service's setting
    written the way it was before services kept their own sections; say where it goes now
    (one spelling per setting, so the file never has two that disagree)."""
    path, values = _read_config_file()
    moved = [
        f"{kind.section_name()}_{field} is now {field} in the [{kind.section_name()}] table"
        for kind in kinds
        for field in kind.model_fields
        if f"{kind.section_name()}_{field}" in values
    ]
    if moved:
        raise ConfigError(f"{CONFIG_FILE_VARIABLE}: {path}: " + "; ".join(moved))


def load_settings(*, sections: Iterable[type[ServiceSettings]] = (), **overrides: Any) -> Settings:
    """Build the settings once, creating the data directory and secret key if needed.

    `sections` are the installed services' settings classes; each is read now, so a bad value
    stops start-up. An override named after a section (`cad={"board_refresh_seconds": 2}`)
    sets values in it.
    """
    kinds = list(sections)
    _refuse_section_keys_at_top_level(kinds)
    section_values = {kind: overrides.pop(kind.section_name(), {}) for kind in kinds}
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None
    loaded = [_read_section(kind, **section_values[kind]) for kind in kinds]
    if settings.secret_key is not None:
        if len(settings.secret_key.get_secret_value()) < MIN_SECRET_LENGTH:
            raise ConfigError("SYNERGY_SECRET_KEY: must be at least 32 characters long")
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return settings.with_sections(*loaded)
    key = _load_or_create_secret(settings.data_dir)
    return settings.model_copy(update={"secret_key": SecretStr(key)}).with_sections(*loaded)
