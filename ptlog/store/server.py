"""Clinic server mode: test a PostgreSQL connection, and learn when another workstation saved.

A save commits ``NOTIFY ptlog_readings, '<patient id>'`` with its transaction (PostgreSQL delivers
it only on commit). ``ChangeListener`` waits for those on a connection of its own; on SQLite,
where there is no NOTIFY, it polls the audit chain's length instead (two windows on one file).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from peewee import PostgresqlDatabase

from ptlog.store import errors
from ptlog.store.database import describe, parse_url, resolve_url
from ptlog.store.models import AuditEvent, database_proxy

CHANNEL = "ptlog_readings"
POLL_SECONDS = 2.0


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


def notify_readings_changed(patient_id: int) -> None:
    """Tell other workstations this patient's readings changed (sent when the caller commits)."""
    db = database_proxy.obj
    if isinstance(db, PostgresqlDatabase):
        db.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, str(patient_id)))


class ChangeListener:
    """Yields ids of patients whose readings another connection changed.

    PostgreSQL: LISTEN on a dedicated connection. SQLite: poll the audit chain length and report
    ``0`` ("something changed; reload what you show").
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self._parsed = parse_url(self.url)
        self._stopped = False
        self._conn: object | None = None

    def stop(self) -> None:
        self._stopped = True

    def events(self, timeout_s: float = 1.0) -> Iterator[int]:
        if self._parsed.is_sqlite:
            yield from self._poll_sqlite(timeout_s)
        else:
            yield from self._listen_postgres(timeout_s)

    def _listen_postgres(self, timeout_s: float) -> Iterator[int]:
        import psycopg

        params: dict[str, Any] = dict(self._parsed.pg_params)  # libpq keywords
        params.setdefault("connect_timeout", "10")
        with psycopg.connect(autocommit=True, **params) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            while not self._stopped:
                for note in conn.notifies(timeout=timeout_s, stop_after=1):
                    try:
                        yield int(note.payload)
                    except ValueError:
                        yield 0

    def _poll_sqlite(self, timeout_s: float) -> Iterator[int]:
        import sqlite3

        path = self._parsed.path
        if path is None:
            return
        last: int | None = None
        while not self._stopped:
            try:
                # closing(): sqlite3's own "with" commits but leaves the connection open
                with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                                        timeout=5)) as conn:
                    row = conn.execute(f'SELECT MAX(id) FROM "{AuditEvent._meta.table_name}"')
                    newest = int(row.fetchone()[0] or 0)
            except sqlite3.Error:
                newest = last or 0
            if last is not None and newest != last:
                yield 0
            last = newest
            deadline = time.monotonic() + max(timeout_s, POLL_SECONDS)
            while not self._stopped and time.monotonic() < deadline:
                time.sleep(0.1)
