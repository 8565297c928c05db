"""The digital pocket notebook: each officer's numbered, hash-chained, encrypted entries
(free text, sketches, signatures, photos), corrections that strike through, PDF extracts,
encrypted backups, retention and the offline app."""

from synergy.core.roles import Role
from synergy.core.services import Service, ServiceInfo

SERVICE = Service(
    name="notebook",
    tile=ServiceInfo(
        name="Pocket notebook",
        description="Write notes, sketches and signatures that cannot be lost or changed unseen.",
        url="/notebook",
        roles=frozenset({Role.OFFICER, Role.SUPERVISOR}),
    ),
    routers=("synergy.notebook.pages:router", "synergy.notebook.routes:router"),
    models=("synergy.notebook.models",),
    commands=("synergy.notebook.cli:app",),
    settings=("synergy.notebook.settings:NotebookSettings",),
    startup=("synergy.notebook.deps:install",),
    demo=("synergy.notebook.demo:write_demo_entries",),
    page_examples=("tests.notebook.page_examples",),
)
