"""Migration 11: the clinic comparison's series, kept (``store/cohort_series``).

``cohort_series`` holds one row per treatment × series (motion, side, position, mode) with
what the comparison counts — each change already rounded as the ranked statement rounds it,
the treatment's kind, start and cost, and which series the comparison picks — derived from
the readings and treatments, never edited by hand, so no foreign keys (a treatment deleted
leaves its rows until the next comparison recomputes the patient). ``cohort_series_state``
says per motion up to which audit event the rows are current. Nothing is filled here: a motion
is built on its first comparison (or ``ptlog compare --rebuild``).
"""

from __future__ import annotations

from peewee import Database


def statements(dialect: str) -> tuple[str, ...]:
    # the changes are NUMERIC on PostgreSQL (what ROUND(CAST(.. AS NUMERIC), 6) gives: summed
    # exactly, as the statement summed them) and REAL on SQLite (what ROUND gives there)
    change = "NUMERIC" if dialect == "postgresql" else "REAL"
    real = "DOUBLE PRECISION" if dialect == "postgresql" else "REAL"
    changes = ", ".join(f'"{name}" {change}' for name in (
        "best_change", "short_change", "medium_change", "long_change", "short_change_all",
        "medium_change_all", "long_change_all"))
    return (
        'CREATE TABLE "cohort_series" ("patient_id" INTEGER NOT NULL, '
        '"treatment_id" INTEGER NOT NULL, "joint" VARCHAR(30) NOT NULL, '
        '"motion" VARCHAR(40) NOT NULL, "side" VARCHAR(1) NOT NULL, '
        '"position" VARCHAR(10) NOT NULL, "mode" VARCHAR(10) NOT NULL, '
        '"kind" VARCHAR(30) NOT NULL, "start_date" DATE NOT NULL, '
        f'"cost" {real}, "days_after" INTEGER NOT NULL, "change" {change} NOT NULL, '
        f'{changes}, "top" SMALLINT NOT NULL, "top_at_position" SMALLINT NOT NULL, '
        '"pick" SMALLINT NOT NULL, "pick_at_position" SMALLINT NOT NULL)',
        'CREATE INDEX "cohort_series_patient_id" ON "cohort_series" ("patient_id")',
        'CREATE TABLE "cohort_series_state" ("joint" VARCHAR(30) NOT NULL, '
        '"motion" VARCHAR(40) NOT NULL, "audit_id" INTEGER NOT NULL, '
        'PRIMARY KEY ("joint", "motion"))',
    )


def grant(db: Database) -> None:
    """On a clinic server with sign-in roles, every role may bring the kept rows up to date
    (a comparison by any of them does)."""
    from ptlog.store.server_roles import grant_new_table

    grant_new_table(db, "cohort_series")
    grant_new_table(db, "cohort_series_state")
