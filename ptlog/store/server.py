"""Clinic server mode: build a server URL and test a PostgreSQL connection before using it.

How workstations learn of each other's saves lives in ``change_notifications``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peewee import PostgresqlDatabase

from ptlog.store import errors
from ptlog.store.database import describe, parse_url
from ptlog.store.models import database_proxy


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    ok: bool
    message: str


def build_url(host: str, port: int, dbname: str, user: str, sslmode: str = "prefer") -> str:
    """A postgresql:// URL without a password (libpq finds it in ~/.pgpass or PGPASSWORD)."""
    host = host.strip() or "localhost"
    user_part = f"{user.strip()}@" if user.strip() else ""
    query = f"?sslmode={sslmode}" if sslmode and sslmode != "prefer" else ""
    return f"postgresql://{user_part}{host}:{int(port)}/{dbname.strip()}{query}"


# PT028 mistakes this for a pytest test by its name; "test connection" is the dialog's button
def test_connection(url: str, timeout_s: int = 5) -> ConnectionReport:  # noqa: PT028
    """Try to log in and read the server version; never raises."""
    try:
        parsed = parse_url(url)
    except errors.StoreError as exc:
        return ConnectionReport(False, str(exc))
    if parsed.is_sqlite:
        return ConnectionReport(False, "that is a SQLite URL, not a clinic server")
    import psycopg

    params: dict[str, Any] = dict(parsed.pg_params)  # libpq keywords, passed through
    params["connect_timeout"] = str(timeout_s)
    try:
        with psycopg.connect(**params) as conn:
            version = conn.execute("SHOW server_version").fetchone()
            tables = conn.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ptlog_schema'"
            ).fetchone()
    except Exception as exc:  # noqa: BLE001 - every failure becomes a readable report
        translated = errors.translate(exc, describe(url))
        return ConnectionReport(False, str(translated or exc).strip())
    schema = "a ptlog database" if tables and tables[0] else "empty (ptlog will create the tables)"
    server_version = version[0] if version else "?"
    return ConnectionReport(
        True, f"Connected to PostgreSQL {server_version} at {parsed.display}: {schema}"
    )


def password_accepted(password: str, timeout_s: int = 5) -> bool:
    """Does the clinic server accept ``password`` for the signed-in role (a fresh login)?"""
    db = database_proxy.obj
    if not isinstance(db, PostgresqlDatabase) or not password:
        return False
    import psycopg

    params: dict[str, Any] = {k: v for k, v in db.connect_params.items() if k != "password"}
    params.update(dbname=db.database, password=password, connect_timeout=str(timeout_s))
    try:
        with psycopg.connect(**params):
            return True
    except Exception:  # noqa: BLE001 - a refused or failed login does not unlock
        return False
