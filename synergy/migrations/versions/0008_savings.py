"""savings: contracts and their change history, headline reports, automation savings, renewal alerts

Revision ID: 0008_savings
Revises: 0001_core
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import synergy.core.db

revision: str = "0008_savings"
down_revision: str | None = "0001_core"
branch_labels: str | Sequence[str] | None = ("savings",)
depends_on: str | Sequence[str] | None = None

UTC = synergy.core.db.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "savings_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("supplier", sa.String(length=200), nullable=False),
        sa.Column("application", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("term_years", sa.Integer(), nullable=False),
        sa.Column("renewal_date", sa.Date(), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=False),
        sa.Column("baseline_year", sa.String(length=7), nullable=False),
        sa.Column("original_annual_pence", sa.BigInteger(), nullable=False),
        sa.Column("revised_annual_pence", sa.BigInteger(), nullable=False),
        sa.Column("original_total_pence", sa.BigInteger(), nullable=False),
        sa.Column("revised_total_pence", sa.BigInteger(), nullable=False),
        sa.Column("recurrence", sa.String(length=20), nullable=False),
        sa.Column("cashable", sa.Boolean(), nullable=False),
        sa.Column("implementation_cost_pence", sa.BigInteger(), nullable=False),
        sa.Column("evidence_reference", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("budget_holder_signed_by", sa.String(length=200), nullable=True),
        sa.Column("budget_holder_signed_on", sa.Date(), nullable=True),
        sa.Column("finance_signed_by", sa.String(length=200), nullable=True),
        sa.Column("finance_signed_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("updated_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_contracts")),
        sa.UniqueConstraint("reference", name=op.f("uq_savings_contracts_reference")),
    )
    op.create_index(
        op.f("ix_savings_contracts_application"), "savings_contracts", ["application"]
    )
    op.create_index(
        op.f("ix_savings_contracts_notice_date"), "savings_contracts", ["notice_date"]
    )
    op.create_table(
        "savings_contract_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", UTC(timezone=True), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["savings_contracts.id"],
            name=op.f("fk_savings_contract_changes_contract_id_savings_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_contract_changes")),
    )
    op.create_index(
        op.f("ix_savings_contract_changes_contract_id"), "savings_contract_changes", ["contract_id"]
    )
    op.create_table(
        "savings_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("as_at", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("finalised_by", sa.String(length=64), nullable=True),
        sa.Column("finalised_at", UTC(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_reports")),
    )
    op.create_table(
        "savings_report_figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("figure", sa.String(length=40), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("entered_by", sa.String(length=64), nullable=False),
        sa.Column("entered_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["savings_reports.id"],
            name=op.f("fk_savings_report_figures_report_id_savings_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_report_figures")),
    )
    op.create_index(
        op.f("ix_savings_report_figures_report_id"), "savings_report_figures", ["report_id"]
    )
    op.create_table(
        "savings_report_explanations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("figure", sa.String(length=40), nullable=False),
        sa.Column("difference", sa.BigInteger(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(length=64), nullable=False),
        sa.Column("written_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["savings_reports.id"],
            name=op.f("fk_savings_report_explanations_report_id_savings_reports"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_report_explanations")),
    )
    op.create_index(
        op.f("ix_savings_report_explanations_report_id"),
        "savings_report_explanations",
        ["report_id"],
    )
    op.create_table(
        "savings_automation_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("minutes_per_unit", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("minutes_source", sa.Text(), nullable=False),
        sa.Column("staff_rate_pence_per_hour", sa.Integer(), nullable=False),
        sa.Column("rate_source", sa.Text(), nullable=False),
        sa.Column("set_by", sa.String(length=64), nullable=False),
        sa.Column("set_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_automation_rates")),
    )
    op.create_index(
        op.f("ix_savings_automation_rates_kind"), "savings_automation_rates", ["kind"]
    )
    op.create_table(
        "savings_automation_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("source_key", sa.String(length=200), nullable=False),
        sa.Column("occurred_at", UTC(timezone=True), nullable=False),
        sa.Column("recorded_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_automation_units")),
        sa.UniqueConstraint("source_key", name=op.f("uq_savings_automation_units_source_key")),
    )
    op.create_index(
        op.f("ix_savings_automation_units_kind"), "savings_automation_units", ["kind"]
    )
    op.create_index(
        op.f("ix_savings_automation_units_occurred_at"), "savings_automation_units", ["occurred_at"]
    )
    op.create_table(
        "savings_rpa_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process", sa.String(length=200), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("minutes_per_run", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("staff_rate_pence_per_hour", sa.Integer(), nullable=False),
        sa.Column("cashable_saving_pence", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("entered_by", sa.String(length=64), nullable=False),
        sa.Column("entered_at", UTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_rpa_entries")),
    )
    op.create_table(
        "savings_renewal_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("threshold_days", sa.Integer(), nullable=False),
        sa.Column("notice_date", sa.Date(), nullable=False),
        sa.Column("raised_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["savings_contracts.id"],
            name=op.f("fk_savings_renewal_alerts_contract_id_savings_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_savings_renewal_alerts")),
        sa.UniqueConstraint(
            "contract_id", "threshold_days", "notice_date",
            name=op.f("uq_savings_renewal_alerts_contract_id_threshold_days_notice_date"),
        ),
    )
    op.create_index(
        op.f("ix_savings_renewal_alerts_contract_id"), "savings_renewal_alerts", ["contract_id"]
    )


def downgrade() -> None:
    op.drop_table("savings_renewal_alerts")
    op.drop_table("savings_rpa_entries")
    op.drop_table("savings_automation_units")
    op.drop_table("savings_automation_rates")
    op.drop_table("savings_report_explanations")
    op.drop_table("savings_report_figures")
    op.drop_table("savings_reports")
    op.drop_table("savings_contract_changes")
    op.drop_table("savings_contracts")
