"""Migrations: one head, build an empty database from nothing, and the app refuses to start
on a database that is not migrated."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from synergy.app import create_app, import_all_models
from synergy.core.db import (
    Base,
    NotMigrated,
    current_revisions,
    head_revisions,
    make_engine,
    upgrade,
)


def test_migrations_have_one_head() -> None:
    assert len(head_revisions()) == 1, f"several heads: {head_revisions()}; add a merge revision"


def test_migrated_schema_matches_the_models(migrated_engine) -> None:
    import_all_models()
    tables = set(inspect(migrated_engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)


def test_migrations_autogenerate_nothing_new(migrated_engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import_all_models()
    with migrated_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == [], f"models and migrations differ: {differences}"


def test_app_refuses_an_unmigrated_database(settings, tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    with pytest.raises(NotMigrated, match="synergy db upgrade"):
        create_app(settings, engine=engine)


def test_empty_database_upgrades_to_head(tmp_path, database_url) -> None:
    if database_url.startswith("postgresql"):
        url = database_url  # the session database was built from empty by the same call
    else:
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
        upgrade(url)
    engine = make_engine(url)
    assert set(current_revisions(engine)) == set(head_revisions())
    engine.dispose()
