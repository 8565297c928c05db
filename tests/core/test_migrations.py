"""Migrations: each service's branch has one head, `upgrade` reaches them all from nothing or
from a database made before the branches were left unmerged, and the app refuses to start on a
database that is not migrated."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from synergy.app import create_app, import_all_models
from synergy.core.db import (
    RETIRED_MERGES,
    Base,
    NotMigrated,
    alembic_config,
    current_revisions,
    ensure_migrated,
    head_revisions,
    make_engine,
    upgrade,
)
from synergy.services import declared_services

CORE_REVISION = "0001_core"


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def _branch_of(script: ScriptDirectory, head: str) -> set[str]:
    """The branch labels on the way down from `head` to the core revision."""
    labels: set[str] = set()
    for revision in script.walk_revisions(base="base", head=head):
        labels |= set(revision.branch_labels)
    return labels


def test_every_head_is_the_one_head_of_one_service_branch() -> None:
    script = _scripts()
    owners = {head: _branch_of(script, head) for head in script.get_heads()}
    for head, labels in owners.items():
        assert len(labels) == 1, (
            f"head {head} belongs to branches {sorted(labels) or 'none'}: a service's first "
            f"migration revises {CORE_REVISION} and carries branch_labels=(its name,); later "
            "ones revise its previous migration (docs/architecture.md, migrations)"
        )
    branches = [label for labels in owners.values() for label in labels]
    duplicated = sorted({b for b in branches if branches.count(b) > 1})
    assert not duplicated, f"branches with several heads: {duplicated}"


def test_service_branches_are_named_after_installed_services() -> None:
    script = _scripts()
    installed = {"core"} | {service.name for service in declared_services()}
    for head in script.get_heads():
        assert _branch_of(script, head) <= installed, f"{head}: branch of no installed service"


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


def test_empty_database_upgrades_to_every_head(tmp_path, database_url) -> None:
    if database_url.startswith("postgresql"):
        url = database_url  # the session database was built from empty by the same call
    else:
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
        upgrade(url)
    engine = make_engine(url)
    assert set(current_revisions(engine)) == set(head_revisions())
    engine.dispose()


def test_a_database_at_the_old_merge_revision_upgrades_to_every_head(tmp_path) -> None:
    (merge, merged_heads) = next(iter(RETIRED_MERGES.items()))
    url = f"sqlite:///{tmp_path / 'before.db'}"
    upgrade(url, "0005_acro")
    for head in merged_heads:
        upgrade(url, head)
    engine = make_engine(url)
    with engine.begin() as connection:  # as the old merge revision left it
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:m)"), {"m": merge})
    with pytest.raises(NotMigrated, match="synergy db upgrade"):
        ensure_migrated(engine)
    upgrade(url)
    assert set(current_revisions(engine)) == set(head_revisions())
    engine.dispose()
