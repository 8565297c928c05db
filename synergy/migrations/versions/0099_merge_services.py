"""Join the services' migration branches into one head.

Revision ID: 0099_merge_services
Revises: 0002_contact, 0003_evidence, 0004_records, 0005_acro
Create Date: 2026-11-26
"""

from collections.abc import Sequence

revision: str = "0099_merge_services"
down_revision: tuple[str, ...] = ("0002_contact", "0003_evidence", "0004_records", "0005_acro")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
