"""Migration 12: audit events wait in ``audit_pending`` until they are chained (clinic server).

On PostgreSQL a save writes its events here, in its own transaction, each with its own HMAC;
right after the commit one workstation chains every waiting event into ``audit_event`` (see
``ptlog.store.audit_seal``), so the saves of sixteen workstations commit in parallel instead of
one after the other behind the chain's lock. Rows may not be updated or truncated; only the
sealing function (``ptlog_seal_events``, created by ``install``) removes the ones it chained.
SQLite gets the table too (one schema) but never uses it: its one writer chains in place.
Numbered 12, not 11: 11 was left to the clinic comparison's table, worked on at the same time.
"""

from __future__ import annotations

from peewee import Database


def statements(dialect: str) -> tuple[str, ...]:
    key, at = ("SERIAL", "TIMESTAMP") if dialect == "postgresql" else ("INTEGER", "DATETIME")
    table = (
        f'CREATE TABLE "audit_pending" ("id" {key} NOT NULL PRIMARY KEY, "at" {at} NOT NULL, '
        '"os_user" VARCHAR(120) NOT NULL, "clinician" VARCHAR(120) NOT NULL, '
        '"action" VARCHAR(30) NOT NULL, "entity" VARCHAR(30) NOT NULL, '
        '"entity_uuid" VARCHAR(36) NOT NULL, "patient_uuid" VARCHAR(36) NOT NULL, '
        '"before" TEXT, "after" TEXT, "mac" VARCHAR(64) NOT NULL)'
    )
    if dialect != "postgresql":
        return (table,)
    return (
        table,
        *(f'CREATE TRIGGER "audit_pending_append_only_{verb.lower()}" BEFORE {verb} ON '
          f'"audit_pending" FOR EACH {"STATEMENT" if verb == "TRUNCATE" else "ROW"} '
          "EXECUTE FUNCTION ptlog_append_only()" for verb in ("UPDATE", "TRUNCATE")),
    )


def install(db: Database) -> None:
    """The sealing function, and on a server with sign-in roles the grants and rules the new
    table needs (``server_roles.install_audit_pending``)."""
    from peewee import PostgresqlDatabase

    if not isinstance(db, PostgresqlDatabase):
        return
    from ptlog.store.audit_seal import create_seal_function
    from ptlog.store.server_roles import install_audit_pending

    create_seal_function(db)
    install_audit_pending(db)
