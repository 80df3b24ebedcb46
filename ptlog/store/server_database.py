"""The clinic server's connection: a transaction's BEGIN goes with its first statement.

peewee sends BEGIN as a statement of its own, so every transaction on a server paid a round
trip for it before doing anything: a client's wait and a server process's wake-up, about a
twentieth of what a save costs the two of them together when sixteen workstations share a
server (``tests/benchmarks/README.md``, session 17). Here ``begin`` only notes that one is
owed; the transaction's first statement sends it in the same psycopg pipeline, one round trip
for both. The transaction starts no later in any sense PostgreSQL gives it: its first
snapshot is taken at its first statement either way. Code that takes the connection or a
cursor itself (a pipeline of its own, ``executemany``) gets the BEGIN sent first, alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from peewee import PostgresqlDatabase

from ptlog.store import server_statements
from ptlog.store.drivers import driver_errors

_T = TypeVar("_T")
_OWED = "ptlog_begin_owed"  # on peewee's per-thread state: (connection, BEGIN statement)


class ServerDatabase(PostgresqlDatabase):
    """``PostgresqlDatabase`` whose BEGIN rides on the transaction's first statement.

    (peewee's stubs leave its per-thread ``_state``, query hooks and adapter out: they are
    reached through ``_internals``.)"""

    def _internals(self) -> Any:
        return self

    def begin(self, isolation_level: Any = None) -> None:
        db = self._internals()
        level = isolation_level or db._isolation_level
        statement = "BEGIN" if not level else \
            f"BEGIN TRANSACTION ISOLATION LEVEL {db._adapter.isolation_level_str(level)}"
        setattr(db._state, _OWED, (super().connection(), statement))  # type: ignore[no-untyped-call]

    def _take_owed(self) -> str | None:
        """The BEGIN this thread's connection is owed (no longer owed after), if any."""
        state = self._internals()._state
        owed = getattr(state, _OWED, None)
        if owed is None:
            return None
        setattr(state, _OWED, None)
        conn, statement = owed
        return statement if conn is state.conn and not self.is_closed() else None

    def _pay_owed(self) -> None:
        statement = self._take_owed()
        if statement is not None:
            with driver_errors():
                self._internals()._state.conn.execute(statement)

    def connection(self) -> Any:
        conn = super().connection()  # type: ignore[no-untyped-call]
        self._pay_owed()
        return conn

    def cursor(self, named_cursor: Any = None) -> Any:
        cursor = super().cursor(named_cursor)  # type: ignore[no-untyped-call]
        self._pay_owed()
        return cursor

    def _execute_cursor(self, sql: str, params: Any, **cursor_options: Any) -> Any:
        db = self._internals()
        statement = self._take_owed()
        if statement is None:
            return super()._execute_cursor(sql, params, **cursor_options)  # type: ignore[misc]
        db._log_query(sql, params)
        conn = db._state.conn

        def run() -> Any:
            cursor = conn.cursor()
            with conn.pipeline():
                conn.execute(statement)
                cursor.execute(sql, params or ())
            return cursor

        return self._hooked(sql, params, run)

    def _hooked(self, sql: str, params: Any, run: Callable[[], _T]) -> _T:
        """``run()`` with driver errors as peewee's, the query hooks told of ``sql`` as peewee
        tells them (an error too)."""
        db = self._internals()
        start = time.perf_counter() if db.query_hooks else None
        try:
            with driver_errors():
                result = run()
        except Exception as exc:
            if start is not None:
                db._notify_hooks(sql, params, start, exc)
            raise
        if start is not None:
            db._notify_hooks(sql, params, start, None)
        return result

    def first_row(self, name: str, sql: str, params: Sequence[object]
                  ) -> tuple[str | None, ...] | None:
        """``server_statements.first_row`` on this thread's connection (an owed BEGIN sent
        in the same round trip), its errors as peewee's, the query hooks told as for
        ``execute_sql``."""
        begin = self._take_owed()  # sent in the statement's round trip
        conn = self._internals()._state.conn if begin is not None else self.connection()
        return self._hooked(sql, params, lambda: server_statements.first_row(
            conn, name, sql, params, begin=begin))

    def commit(self) -> None:
        if self._take_owed() is None:  # COMMIT straight through libpq: ``server_statements``
            with driver_errors():
                server_statements.commit(self._internals()._state.conn)
        # else: nothing was run since BEGIN was asked for, so nothing was begun to commit

    def rollback(self) -> None:
        if self._take_owed() is None:
            super().rollback()
