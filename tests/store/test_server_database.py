"""The clinic server's connection sends a transaction's BEGIN with its first statement: the
transaction must be exactly as atomic as with BEGIN on its own (against the local server)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_server_url: str) -> Iterator[Any]:
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    database.execute_sql("CREATE TABLE scratch (n integer PRIMARY KEY)")
    try:
        yield database
    finally:
        database.execute_sql("DROP TABLE IF EXISTS scratch")
        database.close()


def _stored(db: Any) -> list[int]:
    return [int(r[0]) for r in db.execute_sql("SELECT n FROM scratch ORDER BY n").fetchall()]


def _idle(db: Any) -> bool:
    import psycopg

    return bool(db.connection().info.transaction_status == psycopg.pq.TransactionStatus.IDLE)


def test_begin_goes_in_one_pipeline_with_the_first_statement(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    begun: list[bool] = []  # for each BEGIN sent: was it in a pipeline?
    real = psycopg.Connection.execute

    def execute(conn: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if str(query).startswith("BEGIN"):
            begun.append(conn._pipeline is not None)
        return real(conn, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "execute", execute)
    with server.atomic():
        server.execute_sql("INSERT INTO scratch VALUES (1)")
        server.execute_sql("INSERT INTO scratch VALUES (2)")
    assert begun == [True]
    assert _stored(server) == [1, 2]
    assert _idle(server)


def _fails_after(db: Any, *work: Any) -> None:
    """Run each of ``work`` (callables) in one transaction, then fail it."""
    with db.atomic():
        for step in work:
            step()
        raise RuntimeError("the save went wrong after its statements")


def test_a_transaction_whose_first_statement_is_pipelined_with_begin_rolls_back_whole(
        server: Any) -> None:
    with pytest.raises(RuntimeError):
        _fails_after(server, lambda: server.execute_sql("INSERT INTO scratch VALUES (1)"),
                     lambda: server.execute_sql("INSERT INTO scratch VALUES (2)"))
    assert _stored(server) == []
    assert _idle(server)


def test_a_failing_first_statement_is_the_drivers_error_and_nothing_stays_open(
        server: Any) -> None:
    from peewee import IntegrityError

    server.execute_sql("INSERT INTO scratch VALUES (1)")
    with pytest.raises(IntegrityError), server.atomic():
        server.execute_sql("INSERT INTO scratch VALUES (1)")  # the first statement fails
    assert _idle(server)
    with server.atomic():  # the connection goes on as before
        server.execute_sql("INSERT INTO scratch VALUES (2)")
    assert _stored(server) == [1, 2]


def test_code_that_takes_a_cursor_itself_is_inside_the_transaction(server: Any) -> None:
    """``executemany`` on a cursor of its own (``visit_rows.insert``): BEGIN is sent first."""
    with pytest.raises(RuntimeError):
        _fails_after(server, lambda: server.cursor().executemany(
            "INSERT INTO scratch VALUES (%s)", [(1,), (2,)]))
    assert _stored(server) == []
    with pytest.raises(RuntimeError):
        _fails_after(server, lambda: server.connection().execute("INSERT INTO scratch VALUES (3)"))
    assert _stored(server) == []


def test_an_empty_transaction_commits_nothing_and_a_savepoint_first_still_nests(
        server: Any) -> None:
    with server.atomic():
        pass
    assert _idle(server)
    with server.atomic():
        with pytest.raises(RuntimeError):  # its atomic() a SAVEPOINT, the first statement
            _fails_after(server, lambda: server.execute_sql("INSERT INTO scratch VALUES (1)"))
        server.execute_sql("INSERT INTO scratch VALUES (2)")
    assert _stored(server) == [2]


def test_an_isolation_level_asked_for_is_the_transactions(server: Any) -> None:
    with server.atomic(isolation_level="SERIALIZABLE"):
        level = server.execute_sql("SHOW transaction_isolation").fetchone()[0]
    assert level == "serializable"
    with server.atomic():
        level = server.execute_sql("SHOW transaction_isolation").fetchone()[0]
    assert level == "read committed"
