"""Migration 6: the database itself refuses to change or delete readings and audit events.

ptlog never updates or deletes a reading (a correction is a new row that supersedes it) or an
audit event; these triggers make that hold for every program that connects, as a guard against
accidents and a step more for anyone editing behind ptlog's back (``ptlog check`` still finds
what an insider who drops them does). On PostgreSQL, TRUNCATE is refused too.
"""

from __future__ import annotations

TABLES = ("reading", "audit_event")

_SQLITE = tuple(
    f'CREATE TRIGGER "{table}_append_only_{verb.lower()}" BEFORE {verb} ON "{table}" '
    f"BEGIN SELECT RAISE(ABORT, 'ptlog: {table} rows are append-only (no {verb})'); END"
    for table in TABLES for verb in ("UPDATE", "DELETE")
)

_POSTGRES = (
    "CREATE OR REPLACE FUNCTION ptlog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    # no "%" placeholders: the driver would take them for parameters
    "BEGIN RAISE EXCEPTION USING MESSAGE = 'ptlog: ' || TG_TABLE_NAME || ' rows are "
    "append-only (no ' || TG_OP || ')', ERRCODE = 'insufficient_privilege'; END $$",
    *(
        f'CREATE TRIGGER "{table}_append_only_{verb.lower()}" BEFORE {verb} ON "{table}" '
        f"FOR EACH {'STATEMENT' if verb == 'TRUNCATE' else 'ROW'} "
        "EXECUTE FUNCTION ptlog_append_only()"
        for table in TABLES for verb in ("UPDATE", "DELETE", "TRUNCATE")
    ),
)


def statements(dialect: str) -> tuple[str, ...]:
    return _POSTGRES if dialect == "postgresql" else _SQLITE
