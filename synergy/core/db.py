"""The shared data core: engine, sessions, the declarative base and the migration check.

Each service declares its own tables on `Base`; no service reads another service's tables.
The same models and migrations run on SQLite (embedded default) and PostgreSQL (production).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, DateTime, Engine, MetaData, create_engine, event, inspect, text
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from synergy.core.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes that read back the same on SQLite and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use synergy.core.db.utcnow()")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class NotMigrated(Exception):
    """The database schema is not at the latest migration."""


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, start transactions (see _begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    # SQLite allows one writer. Taking the write lock at BEGIN (waiting up to busy_timeout)
    # avoids the "database is locked" failure when two readers both try to upgrade to writers.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _create_private_file(path: Path) -> None:
    """Create the SQLite file readable by the service account only (its -wal and -shm files
    take the same permissions); an existing file is left as it is."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_engine(url: str, *, echo: bool = False, immediate: bool = True) -> Engine:
    """`immediate=False` (SQLite only) is for read-mostly tools such as test inspection:
    its transactions take no lock until they write."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            _create_private_file(Path(path))
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        if immediate:
            event.listen(engine, "begin", _begin_immediate)
        else:
            event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True, pool_size=10, max_overflow=10)


def engine_for(settings: Settings) -> Engine:
    return make_engine(settings.effective_database_url)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
    except BaseException:
        end_transaction(session, commit=False)
        raise
    end_transaction(session, commit=True)


def end_transaction(session: Session, *, commit: bool) -> None:
    """Commit (or roll back) a unit of work and let its connection go; a failed commit is
    rolled back and raised."""
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


def alembic_config(url: str) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revisions() -> tuple[str, ...]:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return tuple(script.get_heads())


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        return revisions_on(connection)


def revisions_on(connection: Connection) -> tuple[str, ...]:
    return tuple(MigrationContext.configure(connection).get_current_heads())


# Each service's migrations are a branch of their own from 0001_core, and `upgrade` goes to
# every head, so a new service never edits a shared file. Databases migrated before that
# stand at the merge revision that used to join the first four branches: it meant exactly
# these heads, and is replaced by them before upgrading.
RETIRED_MERGES = {
    "0099_merge_services": ("0002_contact", "0003_evidence", "0004_records", "0005_acro"),
}


def _replace_retired_merges(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return
            current = set(revisions_on(connection))
            for merge, heads in RETIRED_MERGES.items():
                if merge not in current:
                    continue
                connection.execute(
                    text("DELETE FROM alembic_version WHERE version_num = :merge"),
                    {"merge": merge},
                )
                for head in heads:
                    connection.execute(
                        text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                        {"head": head},
                    )
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "heads") -> None:
    """Migrate to `revision`; by default every service branch's head."""
    from alembic import command

    _replace_retired_merges(url)
    command.upgrade(alembic_config(url), revision)


def ensure_migrated(engine: Engine) -> None:
    """Refuse to run on a database whose schema is older (or newer) than this code."""
    current = set(current_revisions(engine))
    heads = set(head_revisions())
    if current == heads:
        return
    where = engine.url.render_as_string(hide_password=True)
    if not current:
        raise NotMigrated(
            f"The database at {where} has no tables yet. Run `synergy db upgrade` first."
        )
    raise NotMigrated(
        f"The database at {where} is at migration {', '.join(sorted(current))} but this "
        f"version of Synergy needs {', '.join(sorted(heads))}. Run `synergy db upgrade`."
    )
