"""Numbered schema migrations, run at open under a lock so several workstations may start at once.

Each migration is ``(number, description, statements_for_dialect)``. The database records the
highest number applied in ``ptlog_schema``; a database newer than this ptlog is refused.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable

from peewee import Database, PostgresqlDatabase

from ptlog.store.errors import DatabaseReadOnlyError, DatabaseUnavailableError, SchemaTooNewError
from ptlog.store.migrations import (
    m0001_initial,
    m0002_reading_indexes,
    m0003_reading_batch_index,
    m0004_patient_activities,
    m0005_audit_seal_index,
    m0006_append_only,
    m0007_visit_wall_clock,
    m0008_patient_words,
    m0009_patient_language,
    m0010_search_prefix,
    m0011_cohort_series,
    m0012_audit_pending,
    m0013_chain_wait,
    m0014_seal_in_one_statement,
)
from ptlog.store.models import utc_now

Migration = tuple[int, str, Callable[[str], tuple[str, ...]]]

MIGRATIONS: tuple[Migration, ...] = (
    (1, "initial schema", m0001_initial.statements),
    (2, "fewer reading index entries", m0002_reading_indexes.statements),
    (3, "no reading index on the import batch", m0003_reading_batch_index.statements),
    (4, "patient activities and sports", m0004_patient_activities.statements),
    (5, "an index of the audit chain's seals", m0005_audit_seal_index.statements),
    (6, "readings and audit events append-only", m0006_append_only.statements),
    (7, "visits on the wall clock with their UTC offset", m0007_visit_wall_clock.statements),
    (8, "search words inside names and chart numbers", m0008_patient_words.statements),
    (9, "the patient's preferred language", m0009_patient_language.statements),
    (10, "prefix search indexes in byte order on PostgreSQL", m0010_search_prefix.statements),
    (11, "the clinic comparison's series, kept", m0011_cohort_series.statements),
    (12, "audit events wait to be chained after their commit", m0012_audit_pending.statements),
    (13, "a saver's wait for the audit chain in one statement", m0013_chain_wait.statements),
    (14, "the audit chain's group seal in one statement",
     m0014_seal_in_one_statement.statements),
)

#: data steps that SQL alone cannot do (they need this workstation's time zone), run after the
#: migration's statements in the same transaction
DATA_STEPS: dict[int, Callable[[Database], object]] = {
    7: m0007_visit_wall_clock.convert,
    8: m0008_patient_words.fill,
    11: m0011_cohort_series.grant,
    12: m0012_audit_pending.install,
    13: m0013_chain_wait.install,
    14: m0014_seal_in_one_statement.install,
}

SCHEMA_VERSION = MIGRATIONS[-1][0]

# an arbitrary constant shared by every ptlog: pg_advisory_xact_lock key for migrations
_PG_MIGRATION_LOCK = 0x7074_6C6F_67


def dialect_of(db: Database) -> str:
    return "postgresql" if isinstance(db, PostgresqlDatabase) else "sqlite"


def _has_schema_table(db: Database) -> bool:
    return "ptlog_schema" in db.get_tables()


def current_version(db: Database) -> int:
    if not _has_schema_table(db):
        return 0
    row = db.execute_sql('SELECT MAX("version") FROM "ptlog_schema"').fetchone()
    return int(row[0] or 0)


def applied_versions(db: Database) -> set[int]:
    """Every migration this database has had (numbers reserved by parallel work may land out of
    order: a database that has 10 still gets 9 when it arrives)."""
    if not _has_schema_table(db):
        return set()
    return {int(r[0]) for r in db.execute_sql('SELECT "version" FROM "ptlog_schema"').fetchall()}


def check_not_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"This database was written by a newer ptlog (schema {version}; this ptlog knows up "
            f"to {SCHEMA_VERSION}). Update ptlog on this workstation; nothing was changed."
        )


def migrate(db: Database, *, read_only: bool = False) -> int:
    """Bring the schema up to date; returns the number of migrations applied.

    An up-to-date database is only read: no write transaction, so opening never waits for
    another program that is writing (SQLite WAL readers do not block on writers).
    """
    dialect = dialect_of(db)
    found = current_version(db)
    check_not_newer(found)
    if found == SCHEMA_VERSION and all(n in applied_versions(db) for n, _d, _s in MIGRATIONS):
        return 0
    if read_only:
        raise DatabaseReadOnlyError(
            f"This database is read-only and was written by an older ptlog (schema {found}); "
            "it needs an upgrade this ptlog cannot write: make the file writable first.")
    try:
        return _apply(db, dialect)
    except Exception as exc:
        if dialect == "postgresql" and any(
                marker in str(exc) for marker in ("permission denied", "must be owner")):
            raise DatabaseUnavailableError(
                f"This database needs an upgrade to schema {SCHEMA_VERSION} (it is at {found}) "
                "that your role on the clinic server may not make: the administrator opens it "
                "once with this ptlog (for example 'ptlog --db postgresql://ADMIN@SERVER/"
                "DATABASE check'), then everyone can. Nothing was changed.") from exc
        raise


def _apply(db: Database, dialect: str) -> int:
    """The migrations this database has not had, in one transaction; how many."""
    applied = 0
    # SQLite: the database is opened with lock_type IMMEDIATE, so this holds the write lock
    with db.atomic():
        if dialect == "postgresql":
            # serialise concurrent first starts: the second waits, then sees the work done
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_PG_MIGRATION_LOCK,))
        check_not_newer(current_version(db))
        done = applied_versions(db)
        for number, _description, statements in MIGRATIONS:
            if number in done:
                continue
            for sql in statements(dialect):
                db.execute_sql(sql)
            step = DATA_STEPS.get(number)
            if step is not None:
                step(db)
            db.execute_sql(
                'INSERT INTO "ptlog_schema" ("version", "applied_at", "applied_by") '
                f"VALUES ({db.param}, {db.param}, {db.param})",
                (number, utc_now().isoformat(), getpass.getuser()),
            )
            applied += 1
    return applied
