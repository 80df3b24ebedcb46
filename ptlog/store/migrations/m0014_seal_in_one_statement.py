"""Migration 14: the audit chain's group seal copies its events in one statement (clinic server).

``ptlog_seal_events`` copied a group of waiting events into the chain one ``INSERT`` each,
inside a PL/pgSQL loop; sixteen workstations saving at once made groups of about forty, and
starting those statements was two thirds of the server's time for the group. The function now
checks the links as before, then copies the whole group with one ``INSERT … SELECT`` in the
order given. Same name, arguments, checks and messages; SQLite has no such function.
"""

from __future__ import annotations

from peewee import Database


def statements(_dialect: str) -> tuple[str, ...]:
    return ()


def install(db: Database) -> None:
    """The function made anew on a clinic server (``audit_seal.create_seal_function``), and
    where people sign in, run as the schema's owner and executable by the groups alone again
    (``server_roles.install_seal_function``): replacing a function resets how it runs."""
    from peewee import PostgresqlDatabase

    if not isinstance(db, PostgresqlDatabase):
        return
    from ptlog.store.audit_seal import create_seal_function
    from ptlog.store.server_roles import install_seal_function

    create_seal_function(db)
    install_seal_function(db)
