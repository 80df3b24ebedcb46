"""Learn when another workstation saved: NOTIFY on PostgreSQL, polling on SQLite.

A save commits ``NOTIFY ptlog_readings, '<patient id>'`` with its transaction (PostgreSQL delivers
it only on commit). ``ChangeListener`` waits for those on a connection of its own; on SQLite,
where there is no NOTIFY, it polls the audit chain's length instead (two windows on one file).
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Iterator
from typing import Any

from peewee import PostgresqlDatabase

from ptlog.store.audit import own_events_between
from ptlog.store.database import parse_url, resolve_url
from ptlog.store.models import AuditEvent, database_proxy
from ptlog.store.sqlite_files import read_only_uri

CHANNEL = "ptlog_readings"
#: this process, in its NOTIFY payloads ("<patient id>:<sender>"): its own saves are not news
SENDER = uuid.uuid4().hex[:12]
POLL_SECONDS = 2.0


def notify_statement(patient_id: int) -> tuple[str, tuple[str, str]] | None:
    """The statement that tells other workstations this patient's readings changed (delivered
    when the caller commits); None where there is no NOTIFY (SQLite)."""
    if isinstance(database_proxy.obj, PostgresqlDatabase):
        return "SELECT pg_notify(%s, %s)", (CHANNEL, f"{patient_id}:{SENDER}")
    return None


def notify_readings_changed(patient_id: int) -> None:
    """Tell other workstations this patient's readings changed (sent when the caller commits)."""
    statement = notify_statement(patient_id)
    if statement is not None:
        database_proxy.obj.execute_sql(*statement)


class ChangeListener:
    """Yields ids of patients whose readings another connection changed.

    PostgreSQL: LISTEN on a dedicated connection. SQLite: poll the audit chain length and report
    ``0`` ("something changed; reload what you show").
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        self._parsed = parse_url(self.url)
        self._stopped = threading.Event()  # set by stop(); wakes the poll's wait at once
        self._conn: object | None = None

    def stop(self) -> None:
        self._stopped.set()

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
            while not self._stopped.is_set():
                for note in conn.notifies(timeout=timeout_s, stop_after=1):
                    patient, _, sender = note.payload.partition(":")
                    if sender == SENDER:
                        continue  # this window's own save
                    try:
                        yield int(patient)
                    except ValueError:
                        yield 0

    def _poll_sqlite(self, timeout_s: float) -> Iterator[int]:
        import sqlite3

        path = self._parsed.path
        if path is None:
            return
        last: int | None = None
        while not self._stopped.is_set():
            table = AuditEvent._meta.table_name
            foreign = 0
            try:
                # closing(): sqlite3's own "with" commits but leaves the connection open
                with contextlib.closing(sqlite3.connect(read_only_uri(path), uri=True,
                                                        timeout=5)) as conn:
                    row = conn.execute(f'SELECT MAX(id) FROM "{table}"')
                    newest = int(row.fetchone()[0] or 0)
                    if last is not None and newest != last:
                        # events this process wrote are its own saves, not another's news
                        written = int(conn.execute(
                            f'SELECT COUNT(*) FROM "{table}" WHERE id > ? AND id <= ?',
                            (last, newest)).fetchone()[0])
                        foreign = written - own_events_between(str(path), last, newest) \
                            if newest > last else 1  # fewer events: a restore
            except sqlite3.Error:
                newest = last or 0
            if foreign > 0:
                yield 0
            last = newest
            # closing the window stops the wait at once, not at the next tick of a sleep
            self._stopped.wait(max(timeout_s, POLL_SECONDS))
