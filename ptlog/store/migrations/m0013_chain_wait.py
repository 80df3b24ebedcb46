"""Migration 13: a saver's wait for the audit chain in one statement (clinic server).

Right after its commit a saver whose events wait in ``audit_pending`` queues for the chain's
lock and, once it has it, asks whether a group sealed before took its events along. The lock
must be had before that question's snapshot is taken, so both were two statements in one
psycopg pipeline; ``ptlog_wait_for_own`` is both in one call (each statement of a PL/pgSQL
function takes a snapshot of its own). Sixteen workstations saving at once spent a quarter
less of their CPU on it. SQLite has no such wait: nothing to do there.
"""

from __future__ import annotations

from peewee import Database


def statements(_dialect: str) -> tuple[str, ...]:
    return ()


def install(db: Database) -> None:
    """The function, on a clinic server (``audit_seal.create_wait_function``), and where
    people sign in, handed to the schema's owner and the groups
    (``server_roles.install_wait_function``)."""
    from peewee import PostgresqlDatabase

    if not isinstance(db, PostgresqlDatabase):
        return
    from ptlog.store.audit_seal import create_wait_function
    from ptlog.store.server_roles import install_wait_function

    create_wait_function(db)
    install_wait_function(db)
