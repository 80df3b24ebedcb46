"""A save's hot statements on the clinic server, sent through libpq directly.

psycopg's Python layer costs a statement about 40 µs of the workstation's CPU (a cursor, its
adapters, the prepare manager, the result's loaders), and a save on a busy clinic server runs
its audit events' staging, its COMMIT and its wait for the chain after the ones that write
its rows: with sixteen workstations sharing the server's cores, every such microsecond is one
the others wait for (``tests/benchmarks/README.md``, session 19). These few fixed statements
go through psycopg's own libpq connection (``Connection.pgconn``, which lets go of the GIL
while it waits): prepared once per connection under names of their own, their parameters
sent as text, their first row read back as text, both in the connection's own encoding (as
psycopg encodes: a database in LATIN1 gets LATIN1). Errors are psycopg's, as from ``execute``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import select
import weakref
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # psycopg is imported only once a clinic server is used (``drivers``)
    import psycopg

#: names this module prepared, per connection (a new connection prepares them again)
_prepared: weakref.WeakKeyDictionary[psycopg.Connection[Any], set[bytes]] = \
    weakref.WeakKeyDictionary()
_GONE = b"26000"  # invalid_sql_statement_name: a DISCARD ALL dropped the prepared statements


@functools.cache
def _pq() -> Any:
    from psycopg import pq

    return pq


def first_row(conn: psycopg.Connection[Any], name: str, sql: str, params: Sequence[object],
              *, begin: str | None = None) -> tuple[str | None, ...] | None:
    """The first row of ``sql`` (psycopg's ``%s`` parameters) run with ``params``, each
    column as text (None for NULL); None if it gave no row. Prepared as ``name`` on first use.
    ``begin``: the transaction's BEGIN, sent first in the same round trip (a libpq pipeline)."""
    pq = _pq()
    pgconn = _open(conn)
    key, text = _statement(name, sql)
    encoding = conn.info.encoding
    values = [_text(value, encoding) for value in params]
    known = _prepared.setdefault(conn, set())
    for attempt in range(2):
        if key not in known:
            _check(conn, pgconn.prepare(key, text))
            known.add(key)
        if begin is None:
            result = pgconn.exec_prepared(key, values)
        else:
            began, result = _pipelined(pgconn, begin.encode(), key, values)
            _check(conn, began)
        if attempt == 0 and result.status == pq.ExecStatus.FATAL_ERROR and \
                result.error_field(pq.DiagnosticField.SQLSTATE) == _GONE:
            known.clear()  # a DISCARD or DEALLOCATE took every one: prepared again, once
            if begin is not None:  # the transaction it began holds nothing else yet
                _check(conn, pgconn.exec_(b"ROLLBACK"))
                continue
            if pgconn.transaction_status == pq.TransactionStatus.IDLE:
                continue  # (inside a transaction the error aborted it: said below)
        _check(conn, result)
        break
    if not result.ntuples:
        return None
    return tuple(None if value is None else value.decode(encoding)
                 for value in (result.get_value(0, column) for column in range(result.nfields)))


def _pipelined(pgconn: Any, begin: bytes, key: bytes, values: list[bytes | None]
               ) -> tuple[Any, Any]:
    """``begin`` and the prepared statement ``key`` in one round trip (libpq's pipeline mode,
    waited for with ``select``, which lets go of the GIL); their two results."""
    pq = _pq()
    results: list[Any] = []
    pgconn.enter_pipeline_mode()
    try:
        pgconn.send_query_params(begin, None)
        pgconn.send_query_prepared(key, values)
        pgconn.pipeline_sync()
        while pgconn.flush():
            select.select([], [pgconn.socket], [])
        while True:
            while pgconn.is_busy():
                select.select([pgconn.socket], [], [])
                pgconn.consume_input()
            result = pgconn.get_result()
            if result is None:
                continue  # the end of one statement's results
            if result.status == pq.ExecStatus.PIPELINE_SYNC:
                break
            results.append(result)
    finally:
        with contextlib.suppress(Exception):  # not idle after a broken connection
            pgconn.exit_pipeline_mode()
    return results[0], results[1]


def commit(conn: psycopg.Connection[Any]) -> None:
    """COMMIT the open transaction (nothing if none is open), as ``Connection.commit``."""
    pgconn = _open(conn)
    if pgconn.transaction_status == _pq().TransactionStatus.IDLE:
        return
    _check(conn, pgconn.exec_(b"COMMIT"))


def _open(conn: psycopg.Connection[Any]) -> Any:
    import psycopg

    if conn.closed or conn.pgconn.status == _pq().ConnStatus.BAD:
        raise psycopg.OperationalError("the connection to the clinic server is closed")
    return conn.pgconn


def _check(conn: psycopg.Connection[Any], result: Any) -> None:
    pq = _pq()
    if result.status in (pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
        return
    import psycopg
    from psycopg import errors

    if conn.pgconn.status == pq.ConnStatus.BAD:
        message = conn.pgconn.error_message.decode("utf-8", "replace").strip()
        raise psycopg.OperationalError(message or "the clinic server closed the connection")
    raise errors.error_from_result(result, encoding=conn.info.encoding)


@functools.lru_cache(maxsize=64)
def _statement(name: str, sql: str) -> tuple[bytes, bytes]:
    """The name ``sql`` is prepared under (``name`` and a checksum of the text: another text
    under the same name is another statement) and its text with ``$1``, ``$2`` … for ``%s``."""
    count = iter(range(1, sql.count("%s") + 1))
    text = re.sub(r"%s", lambda _match: f"${next(count)}", sql).encode()
    return f"{name}_{zlib.crc32(text):08x}".encode(), text


def _text(value: object, encoding: str = "utf-8") -> bytes | None:
    """A parameter as PostgreSQL's text form, in the connection's ``encoding``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return b"t" if value else b"f"
    if isinstance(value, str):
        return value.encode(encoding)
    if isinstance(value, int):
        return str(value).encode()
    if isinstance(value, float):
        return repr(value).encode()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat().encode()
    if isinstance(value, list | tuple) and all(type(item) is int for item in value):
        return ("{" + ",".join(map(str, value)) + "}").encode()
    raise TypeError(f"{type(value).__name__} is not a parameter this module sends")


def boolean(text: str | None) -> bool | None:
    return None if text is None else text == "t"


def integers(text: str | None) -> list[int]:
    """An ``integer[]`` column's text (``{1,2,3}``) as its numbers (none for NULL)."""
    if text is None or text == "{}":
        return []
    return [int(item) for item in text[1:-1].split(",")]


def words(text: str | None) -> list[str]:
    """A text array's text whose elements need no quoting (``{a,b}``: UUIDs) as a list."""
    if text is None or text == "{}":
        return []
    return text[1:-1].split(",")
