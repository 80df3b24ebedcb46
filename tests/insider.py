"""What an insider who edits the database behind ptlog's back does first: drop the
append-only triggers of migration 5 (tests of ``check`` then see what they change)."""

from __future__ import annotations

from typing import Any

from ptlog.store.migrations.m0006_append_only import TABLES

#: for the sqlite3 shell
DROP_GUARDS_SQL = "".join(f'DROP TRIGGER IF EXISTS "{table}_append_only_{verb}";'
                          for table in TABLES for verb in ("update", "delete"))


def drop_guards(db: Any) -> None:
    """Drop the triggers on the peewee database ``db`` (SQLite or PostgreSQL)."""
    from peewee import PostgresqlDatabase

    postgres = isinstance(db, PostgresqlDatabase)
    for table in TABLES:
        for verb in ("update", "delete", "truncate"):
            if postgres:
                db.execute_sql(f'DROP TRIGGER IF EXISTS "{table}_append_only_{verb}" ON "{table}"')
            elif verb != "truncate":
                db.execute_sql(f'DROP TRIGGER IF EXISTS "{table}_append_only_{verb}"')
