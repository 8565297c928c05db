"""The layers of docs/architecture.md, held against the code: every import in `synergy` is
read (including imports inside functions) and checked against the allowed directions."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "synergy"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
TOP_LEVEL = {"app", "cli", "worker", "demo", "services", "__main__", "migrations"}
PUBLIC_MODULES = {"service", "schemas", "events"}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(path: Path) -> Iterator[Import]:
    name = module_name(path)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # `from synergy.records import service` imports the module synergy.records.service.
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                if _is_module(candidate):
                    yield Import(name, candidate, node.lineno)
                else:
                    yield Import(name, target, node.lineno)


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def all_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found.extend(i for i in imports_in(path) if i.imported.split(".")[0] == "synergy")
    return found


def layer_of(module: str) -> str:
    """ "core", "top" or the service's name."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in TOP_LEVEL:
        return "top"
    return parts[1]


def allowed_directions(text: str) -> dict[str, set[str]]:
    table = re.search(
        r"<!-- allowed-service-dependencies -->(.*?)<!-- /allowed-service-dependencies -->",
        text,
        re.S,
    )
    assert table, "docs/architecture.md has lost its table of allowed service dependencies"
    allowed: dict[str, set[str]] = {}
    for row in table.group(1).strip().splitlines()[2:]:
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        allowed[cells[0]] = {name.strip() for name in cells[1].split(",") if name.strip()}
    return allowed


def is_public(module: str) -> bool:
    parts = module.split(".")
    return len(parts) == 2 or (len(parts) == 3 and parts[2] in PUBLIC_MODULES)


def violations(imports: list[Import], allowed: dict[str, set[str]]) -> list[str]:
    problems = []
    for found in imports:
        source, target = layer_of(found.importer), layer_of(found.imported)
        if source == "top" or source == target or target == "core":
            continue
        where = f"{found.importer} (line {found.line}) imports {found.imported}"
        if source == "core":
            problems.append(f"{where}: the core imports nothing above it")
        elif target == "top":
            problems.append(f"{where}: a service never imports the top level")
        elif target not in allowed.get(source, set()):
            problems.append(f"{where}: {source} may not use {target} (docs/architecture.md)")
        elif not is_public(found.imported):
            problems.append(f"{where}: only {target}'s service, schemas and events are public")
    return problems


def test_imports_follow_the_layers_in_docs_architecture() -> None:
    problems = violations(all_imports(), allowed_directions(ARCHITECTURE.read_text()))
    assert not problems, "\n".join(problems)


def test_the_import_walk_sees_imports_inside_functions() -> None:
    # Lazy imports count as much as any other: records once reached into acro from a function.
    cli = [i.imported for i in all_imports() if i.importer == "synergy.cli"]
    assert "synergy.demo" in cli and "synergy.identity.service" in cli


@pytest.mark.parametrize(
    ("importer", "imported", "complaint"),
    [
        ("synergy.core.deps", "synergy.identity.service", "the core imports nothing above it"),
        ("synergy.core.pages", "synergy.services", "the core imports nothing above it"),
        ("synergy.records.pages", "synergy.acro.service", "records may not use acro"),
        ("synergy.acro.pages", "synergy.records.models", "only records's service"),
        ("synergy.evidence.cli", "synergy.cli", "a service never imports the top level"),
    ],
)
def test_a_forbidden_import_is_reported(importer: str, imported: str, complaint: str) -> None:
    allowed = allowed_directions(ARCHITECTURE.read_text())
    (problem,) = violations([Import(importer, imported, 1)], allowed)
    assert complaint in problem


def test_allowed_imports_are_not_reported() -> None:
    allowed = allowed_directions(ARCHITECTURE.read_text())
    fine = [
        Import("synergy.acro.events", "synergy.records.service", 1),
        Import("synergy.acro.service", "synergy.records.schemas", 1),
        Import("synergy.admin.pages", "synergy.identity", 1),
        Import("synergy.records.pages", "synergy.core.deps", 1),
        Import("synergy.app", "synergy.records.pages", 1),
    ]
    assert violations(fine, allowed) == []


# --- Tables: one owner each, used only by the owner's code ------------------------------------


def table_owners_in_docs() -> dict[str, str]:
    table = re.search(
        r"<!-- table-owners -->(.*?)<!-- /table-owners -->", ARCHITECTURE.read_text(), re.S
    )
    assert table, "docs/architecture.md has lost its table of table owners"
    owners = {}
    for row in table.group(1).strip().splitlines()[2:]:
        owner, tables = (cell.strip() for cell in row.strip().strip("|").split("|"))
        owners.update({name.strip(): owner for name in tables.split(",")})
    return owners


def mapped_classes() -> dict[str, tuple[str, str]]:
    """Each mapped class name: (the module defining it, its table)."""
    from synergy.app import import_all_models
    from synergy.core.db import Base

    import_all_models()
    return {
        mapper.class_.__name__: (mapper.class_.__module__, mapper.local_table.name)
        for mapper in Base.registry.mappers
    }


def test_every_table_has_one_owner_and_is_defined_by_it() -> None:
    from synergy.core.db import Base
    from synergy.services import declared_services

    owners = table_owners_in_docs()
    classes = mapped_classes()
    assert set(owners) == set(Base.metadata.tables), "docs/architecture.md lists other tables"
    declared = {m for s in declared_services() for m in s.models}
    for module, table in classes.values():
        owner = owners[table]
        assert table.startswith(f"{owner}_"), f"{table} is not named after its owner {owner}"
        assert layer_of(module) == owner, f"{table} is defined in {module}, not by {owner}"
        assert owner == "core" or module in declared, f"{owner} does not declare {module}"


def model_uses(source: str, classes: dict[str, tuple[str, str]]) -> Iterator[tuple[str, int]]:
    """Mapped classes a module imports, and tables its SQL text names."""
    tree = ast.parse(source)
    tables = {table for _, table in classes.values()}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name in classes:
                    yield classes[alias.name][1], node.lineno
        elif isinstance(node, ast.Attribute) and node.attr in classes:
            yield classes[node.attr][1], node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for table in tables:
                if re.search(rf"\b{table}\b", node.value):
                    yield table, node.lineno


def table_trespasses(modules: dict[str, str]) -> list[str]:
    """Uses of another owner's tables in these modules (name: source)."""
    owners = table_owners_in_docs()
    classes = mapped_classes()
    problems = []
    for module, source in modules.items():
        user = layer_of(module)
        if user == "top":
            continue
        for table, line in model_uses(source, classes):
            if owners[table] != user:
                problems.append(f"{module} (line {line}) uses {table}, which {owners[table]} owns")
    return problems


def test_only_the_owner_of_a_table_reads_or_writes_it() -> None:
    sources = {module_name(p): p.read_text() for p in sorted(PACKAGE.rglob("*.py"))}
    problems = table_trespasses(sources)
    assert not problems, "\n".join(problems)


def test_a_service_touching_another_owners_table_is_reported() -> None:
    # What ACRO once did to delay an event: edit the core's outbox row itself.
    trespasser = (
        "from synergy.core.events import OutboxEvent\n"
        "SQL = 'UPDATE records_persons SET family_name = 1'\n"
    )
    problems = table_trespasses({"synergy.acro._trespass_probe": trespasser})
    assert problems == [
        "synergy.acro._trespass_probe (line 1) uses core_outbox_events, which core owns",
        "synergy.acro._trespass_probe (line 2) uses records_persons, which records owns",
    ]


# --- Pages and routes: input, one service call, a page ----------------------------------------

SESSION_QUERIES = {"execute", "scalar", "scalars", "query", "get", "get_one"}
STATEMENTS = {"select", "insert", "update", "delete"}


def route_modules() -> dict[str, str]:
    """Each service module that defines routes (it makes an `APIRouter`): name to source."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, source = module_name(path), path.read_text()
        if layer_of(name) not in ("top", "core") and "APIRouter(" in source:
            found[name] = source
    return found


def model_queries(source: str) -> Iterator[tuple[str, int]]:
    """Queries a module runs itself: a session's read methods and SQL statements it builds."""
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if isinstance(called, ast.Name) and called.id in STATEMENTS:
            yield f"{called.id}()", node.lineno
        elif (
            isinstance(called, ast.Attribute)
            and called.attr in SESSION_QUERIES
            and isinstance(called.value, ast.Name)
            and called.value.id in ("db", "session")
        ):
            yield f"{called.value.id}.{called.attr}()", node.lineno


def test_pages_and_routes_query_no_models() -> None:
    modules = route_modules()
    assert {"synergy.records.pages", "synergy.contact.desk.live", "synergy.evidence.tus"} <= set(
        modules
    )
    problems = [
        f"{module} (line {line}) runs {query}: ask its service instead"
        for module, source in modules.items()
        for query, line in model_queries(source)
    ]
    assert not problems, "\n".join(problems)


def test_a_page_querying_a_model_is_reported() -> None:
    page = (
        "def show(db, arrest_id):\n"
        "    record = db.get(ArrestRecord, arrest_id)\n"
        "    return db.execute(select(ArrestRecord)).scalars()\n"
    )
    assert sorted(model_queries(page)) == [("db.execute()", 3), ("db.get()", 2), ("select()", 3)]


def test_every_service_writes_its_access_rules_in_its_deps_module() -> None:
    from synergy.services import declared_services

    for service in declared_services():
        assert (PACKAGE / service.name / "deps.py").exists(), f"{service.name} has no deps.py"
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "deps.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("allow", "signed_in")
            ):
                problems.append(f"{module_name(path)} (line {node.lineno}) calls {node.func.id}()")
    assert not problems, "role rules belong in the service's deps.py:\n" + "\n".join(problems)


def test_forms_are_read_only_by_the_cores_form_helpers() -> None:
    # synergy.core.deps: FormFields (text fields) and FormWithFiles (uploads, closed after).
    readers = [
        module_name(path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if re.search(r"\.form\(\)", path.read_text())
    ]
    assert readers == ["synergy.core.deps"]


# --- Transactions: one a request, except where docs/architecture.md says why -----------------


def own_transactions(source: str) -> list[int]:
    """Lines where a module opens a session or transaction of its own, or commits."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        called = node.func
        if isinstance(called, ast.Name):
            name, receiver = called.id, ""
        elif isinstance(called, ast.Attribute):
            name, receiver = called.attr, ast.unparse(called.value)
        else:
            continue
        if name in ("transaction", "factory", "session_factory") or (
            name == "commit" and receiver != "savepoint"  # a savepoint stays in the transaction
        ):
            lines.append(node.lineno)
    return lines


def test_the_places_with_more_than_one_transaction_are_those_docs_architecture_lists() -> None:
    text = ARCHITECTURE.read_text()
    section = text[text.index("### More than one transaction in a request") :]
    section = section[: section.index("\n## ")] if "\n## " in section else section
    listed = set(re.findall(r"`(synergy/[\w/]+\.py)`", section))
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        # The top level, the core, commands and demo steps are jobs: each opens its own.
        if layer_of(name) in ("top", "core") or name.rsplit(".", 1)[-1] in ("cli", "demo"):
            continue
        if own_transactions(path.read_text()):
            found.add(str(path.relative_to(ROOT)))
    assert found == listed


def test_every_core_module_is_in_the_cores_table_in_docs_architecture() -> None:
    text = ARCHITECTURE.read_text()
    table = text[text.index("## The core") : text.index("## Services")]
    named = set(re.findall(r"`(\w+)\.py`", table))
    modules = {p.stem for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__"}
    assert modules - named == set(), "core modules missing from docs/architecture.md"


def test_the_voice_lines_telephony_and_speech_do_not_import_each_other() -> None:
    # SIP, RTP and G.711 know nothing of speech engines, nor the engines of SIP; both use the
    # voice line's shared frames, audio and pipeline, and the core.
    voice, problems = "synergy.contact.voice", []
    for found in all_imports():
        for part, other in (("telephony", "speech"), ("speech", "telephony")):
            if not found.importer.startswith(f"{voice}.{part}"):
                continue
            imported = found.imported
            if imported.startswith(f"{voice}.{other}") or not imported.startswith(
                (voice, "synergy.core")
            ):
                problems.append(f"{found.importer} (line {found.line}) imports {imported}")
    assert not problems, "\n".join(problems)
