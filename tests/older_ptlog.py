"""A store that looks like an older ptlog's, for tests of a later migration: its migrations
and, for a clinic server, the table list its ``server init`` granted."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from ptlog.store import migrations, server_roles

GROUPS = ("clinician", "admin", "readonly")


def as_older_ptlog(patch: pytest.MonkeyPatch, version: int, *,
                   unknown_tables: tuple[str, ...] = ()) -> None:
    """Through ``patch``: the migrations stop at ``version``, and ``unknown_tables`` (made by
    later migrations) are left out of the server roles' grants; ``patch.undo()`` upgrades."""
    patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:version])
    patch.setattr(migrations, "SCHEMA_VERSION", version)
    patch.setattr(server_roles, "_TABLES", tuple(t for t in server_roles._TABLES
                                                 if t not in unknown_tables))


@contextmanager
def server_set_up_at(url: str, version: int, *,
                     unknown_tables: tuple[str, ...] = ()) -> Iterator[tuple[Any, str]]:
    """A clinic server ``server init`` set up at schema ``version`` (roles with a fresh
    prefix), then upgraded by today's migrations as its administrator would: yields an
    autocommit psycopg connection and the roles' prefix; the schema and roles go after."""
    import psycopg

    from ptlog.store import audit
    from ptlog.store import models as m
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(url)
    prefix = f"t{os.getpid()}{uuid.uuid4().hex[:6]}_"
    older = pytest.MonkeyPatch()
    as_older_ptlog(older, version, unknown_tables=unknown_tables)
    try:
        open_database(url)
        server_roles.init_server(prefix)
        older.undo()
        open_database(url)  # the later migrations, run by the administrator
        with psycopg.connect(url, autocommit=True) as conn:
            yield conn, prefix
    finally:
        older.undo()
        audit.set_signed_in(None)
        m.database_proxy.obj.close()
        reset_pg_schema(url)
        with psycopg.connect(url, autocommit=True) as conn:
            for role in (*GROUPS, "owner"):
                if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s",
                                (prefix + role,)).fetchone():
                    conn.execute(f'DROP OWNED BY "{prefix}{role}"')
                conn.execute(f'DROP ROLE IF EXISTS "{prefix}{role}"')
