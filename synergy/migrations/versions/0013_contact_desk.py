"""Contact: the agent desktop's notes and outcomes, callbacks and their attempts, staff skills.

Revision ID: 0013_contact_desk
Revises: 0002_contact
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0013_contact_desk"
down_revision: str | None = "0002_contact"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = synergy.core.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "contact_desk_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["contact_calls.id"],
            name=op.f("fk_contact_desk_entries_call_id_contact_calls"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_desk_entries")),
    )
    op.create_index(op.f("ix_contact_desk_entries_call_id"), "contact_desk_entries", ["call_id"])
    op.create_table(
        "contact_desk_outcomes",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("closing_code", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("closed_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["contact_calls.id"],
            name=op.f("fk_contact_desk_outcomes_call_id_contact_calls"),
        ),
        sa.PrimaryKeyConstraint("call_id", name=op.f("pk_contact_desk_outcomes")),
    )
    op.create_index(op.f("ix_contact_desk_outcomes_agent"), "contact_desk_outcomes", ["agent"])
    op.create_index(
        op.f("ix_contact_desk_outcomes_closed_at"), "contact_desk_outcomes", ["closed_at"]
    )
    op.create_table(
        "contact_desk_callbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("due_at", WHEN, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("booked_by", sa.String(length=200), nullable=False),
        sa.Column("booked_at", WHEN, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["contact_calls.id"],
            name=op.f("fk_contact_desk_callbacks_call_id_contact_calls"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_desk_callbacks")),
    )
    op.create_index(
        op.f("ix_contact_desk_callbacks_call_id"), "contact_desk_callbacks", ["call_id"]
    )
    op.create_index(op.f("ix_contact_desk_callbacks_due_at"), "contact_desk_callbacks", ["due_at"])
    op.create_index(op.f("ix_contact_desk_callbacks_status"), "contact_desk_callbacks", ["status"])
    op.create_table(
        "contact_desk_callback_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("callback_id", sa.Integer(), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("result", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["callback_id"],
            ["contact_desk_callbacks.id"],
            name=op.f("fk_contact_desk_callback_attempts_callback_id_contact_desk_callbacks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_desk_callback_attempts")),
    )
    op.create_index(
        op.f("ix_contact_desk_callback_attempts_callback_id"),
        "contact_desk_callback_attempts",
        ["callback_id"],
    )
    op.create_table(
        "contact_desk_skills",
        sa.Column("username", sa.String(length=200), nullable=False),
        sa.Column("skills", sa.JSON(), nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_contact_desk_skills")),
    )


def downgrade() -> None:
    op.drop_table("contact_desk_skills")
    op.drop_table("contact_desk_callback_attempts")
    op.drop_table("contact_desk_callbacks")
    op.drop_table("contact_desk_outcomes")
    op.drop_table("contact_desk_entries")
