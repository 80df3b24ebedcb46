"""``store/server_statements``: a save's hot statements straight through libpq, against the
local PostgreSQL — the same answers and errors as psycopg's ``execute``."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from ptlog.store import server_statements

pytestmark = pytest.mark.postgres


@pytest.fixture
def conn(pg_server_url: str) -> Iterator[Any]:
    import psycopg

    with psycopg.connect(pg_server_url, autocommit=True) as connection:
        yield connection


def test_the_first_row_comes_back_as_text_with_its_nulls(conn: Any) -> None:
    row = server_statements.first_row(
        conn, "t_first", "SELECT %s::int + 1, %s::text, NULL::text, %s::boolean, "
        "ARRAY[%s::int, 2], %s::timestamp, %s::float8, %s::int[]",
        [41, "é 'x' \"y\"", True, 1, dt.datetime(2026, 1, 2, 3, 4, 5), 0.1, [3, 4]])
    assert row == ("42", "é 'x' \"y\"", None, "t", "{1,2}", "2026-01-02 03:04:05", "0.1",
                   "{3,4}")
    assert server_statements.integers(row[4]) == [1, 2]
    assert server_statements.integers("{}") == []
    assert server_statements.integers(None) == []
    assert server_statements.boolean(row[3]) is True
    assert server_statements.words("{a-1,b-2}") == ["a-1", "b-2"]
    assert server_statements.first_row(conn, "t_none", "SELECT 1 WHERE false", []) is None


def test_text_goes_and_comes_back_in_the_connections_encoding(pg_server_url: str) -> None:
    """A clinic database in LATIN1 (client encoding LATIN1, as psycopg would speak it): the
    accented name goes in and comes back as typed, not as UTF-8 bytes read as LATIN1."""
    import psycopg

    from tests.conftest import _with_dbname

    name = f"ptlog_latin1_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} ENCODING 'LATIN1' TEMPLATE template0 "
                      "LC_COLLATE 'C' LC_CTYPE 'C'")
    try:
        with psycopg.connect(_with_dbname(pg_server_url, name), autocommit=True) as latin:
            assert latin.info.encoding == "iso8859-1"
            latin.execute("CREATE TABLE t (name text)")
            row = server_statements.first_row(
                latin, "t_latin", "INSERT INTO t VALUES (%s) RETURNING name, length(name)",
                ["Ørsted-Núñez"])
            assert row == ("Ørsted-Núñez", "12")
            assert latin.execute("SELECT name FROM t").fetchone() == ("Ørsted-Núñez",)
    finally:
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_statement_dropped_on_the_server_is_prepared_again(conn: Any) -> None:
    assert server_statements.first_row(conn, "t_again", "SELECT %s::int", [1]) == ("1",)
    conn.execute("DEALLOCATE ALL")
    assert server_statements.first_row(conn, "t_again", "SELECT %s::int", [2]) == ("2",)


def test_another_text_under_the_same_name_is_another_statement(conn: Any) -> None:
    assert server_statements.first_row(conn, "t_same", "SELECT 'a', %s::int", [1]) == \
        ("a", "1")
    assert server_statements.first_row(conn, "t_same", "SELECT 'b', %s::int", [1]) == \
        ("b", "1")


def test_errors_are_psycopgs_and_leave_the_connection_usable(conn: Any) -> None:
    from psycopg import errors

    with pytest.raises(errors.DivisionByZero, match="division by zero"):
        server_statements.first_row(conn, "t_zero", "SELECT 1 / %s::int", [0])
    with pytest.raises(errors.UndefinedTable):
        server_statements.first_row(conn, "t_missing", "SELECT * FROM no_such_table", [])
    assert server_statements.first_row(conn, "t_after", "SELECT %s::int", [7]) == ("7",)


def test_a_begin_goes_in_the_statements_round_trip(conn: Any) -> None:
    from psycopg import errors
    from psycopg.pq import TransactionStatus

    row = server_statements.first_row(conn, "t_begin", "SELECT %s::int * 2", [21],
                                      begin="BEGIN")
    assert row == ("42",)
    assert conn.info.transaction_status == TransactionStatus.INTRANS
    conn.execute("ROLLBACK")
    with pytest.raises(errors.DivisionByZero):
        server_statements.first_row(conn, "t_begin_zero", "SELECT 1 / %s::int", [0],
                                    begin="BEGIN")
    assert conn.info.transaction_status == TransactionStatus.INERROR
    conn.execute("ROLLBACK")
    conn.execute("DEALLOCATE ALL")  # gone: the transaction it began is let go, then again
    assert server_statements.first_row(conn, "t_begin", "SELECT %s::int * 2", [4],
                                       begin="BEGIN") == ("8",)
    assert conn.info.transaction_status == TransactionStatus.INTRANS
    conn.execute("ROLLBACK")


def test_other_threads_run_while_a_statement_waits_for_the_server(conn: Any) -> None:
    """The waits let go of the GIL (the window's thread paints while a save waits)."""
    import threading

    done = threading.Event()
    counted = [0]

    def count() -> None:
        while not done.is_set():
            counted[0] += 1

    counter = threading.Thread(target=count)
    counter.start()
    try:
        server_statements.first_row(conn, "t_sleep", "SELECT pg_sleep(%s::float8)", [0.3],
                                    begin="BEGIN")
        between = counted[0]
        server_statements.first_row(conn, "t_sleep", "SELECT pg_sleep(%s::float8)", [0.3])
    finally:
        done.set()
        counter.join()
        conn.execute("ROLLBACK")
    # held through the waits, the GIL let the counter run ~5% of the time (~0.2 million)
    assert between > 500_000
    assert counted[0] - between > 500_000


def test_commit_commits_and_does_nothing_outside_a_transaction(conn: Any,
                                                             pg_server_url: str) -> None:
    import psycopg

    server_statements.commit(conn)  # idle: nothing to commit, no warning
    conn.execute("CREATE TABLE IF NOT EXISTS t_commit_kept (x int)")
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t_commit_kept VALUES (1)")
    server_statements.commit(conn)
    with psycopg.connect(pg_server_url, autocommit=True) as other:
        assert other.execute("SELECT count(*) FROM t_commit_kept").fetchone() == (1,)
        other.execute("DROP TABLE t_commit_kept")


def test_a_closed_connection_is_an_operational_error(conn: Any) -> None:
    import psycopg

    conn.close()
    with pytest.raises(psycopg.OperationalError, match="closed"):
        server_statements.first_row(conn, "t_closed", "SELECT 1", [])
    with pytest.raises(psycopg.OperationalError, match="closed"):
        server_statements.commit(conn)


def test_a_parameter_it_cannot_send_is_refused() -> None:
    with pytest.raises(TypeError, match="dict"):
        server_statements._text({"a": 1})
    assert server_statements._text(False) == b"f"
    assert server_statements._text(dt.date(2026, 1, 2)) == b"2026-01-02"


def test_through_the_database_errors_are_peewees_and_hooks_are_told(
        pg_server_url: str) -> None:
    """``ServerDatabase.first_row``: peewee's IntegrityError for a unique violation (so a lost
    race is retried as before), the query hooks told, BEGIN sent first when it is owed."""
    from peewee import IntegrityError

    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    told: list[str] = []
    database.query_hooks.append(lambda event: told.append(event.sql))
    try:
        database.execute_sql("CREATE TABLE t_unique (x int PRIMARY KEY)")
        with database.atomic():  # BEGIN owed: sent before the statement
            database.first_row("t_ins", "INSERT INTO t_unique VALUES (%s) RETURNING x", [1])
            assert database.connection().info.transaction_status.name == "INTRANS"
        with pytest.raises(IntegrityError), database.atomic():
            database.first_row("t_ins", "INSERT INTO t_unique VALUES (%s) RETURNING x", [1])
        assert database.execute_sql("SELECT count(*) FROM t_unique").fetchone() == (1,)
        assert told.count("INSERT INTO t_unique VALUES (%s) RETURNING x") == 2
    finally:
        database.close()


def test_a_save_with_accents_on_a_latin1_clinic_database_is_chained_and_sound(
        pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole save on a LATIN1 database, its events made to wait (the chain busy) and then
    chained: the names and the note come back as typed, and every event's keyed hash, made
    over the text the workstation sent, checks out."""
    import psycopg

    from ptlog.domain import records as d
    from ptlog.store import audit_seal, check, patients, readings
    from ptlog.store import models as m
    from ptlog.store.database import close_database, open_database
    from tests.conftest import _with_dbname

    monkeypatch.setattr(audit_seal, "waits", audit_seal.staged)
    monkeypatch.setattr(audit_seal, "_STAGE_UNLESS_FREE", audit_seal._STAGE_UNLESS_FREE.replace(
        "pg_try_advisory_xact_lock(%s)", "(%s::bigint IS NULL)"))
    name = f"ptlog_latin1_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg_server_url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} ENCODING 'LATIN1' TEMPLATE template0 "
                      "LC_COLLATE 'C' LC_CTYPE 'C'")
    database = None
    try:
        database = open_database(_with_dbname(pg_server_url, name))
        patient = patients.add_patient(d.Patient("LAT-1", "Ørsted-Núñez", "Zoë",
                                                 dt.date(1970, 3, 4), d.Sex.FEMALE))
        assert patient.id is not None
        when = dt.datetime(2026, 1, 5, 9)
        saved = readings.save_visit_readings(
            patient.id, [d.Reading(d.MotionKey("hip", "internal_rotation"), d.Side.LEFT,
                                   d.Mode.ACTIVE, d.Position.SEATED, 31.0, when,
                                   note="gêné à droite")],
            visit_at=when, clinician="Núñez", notes="Ça va")
        assert saved.visit.clinician == "Núñez"
        assert m.Reading.get_by_id(saved.saved[0].id).note == "gêné à droite"
        assert m.Clinician.get_by_id(m.Visit.get_by_id(saved.visit.id).clinician_id).name == \
            "Núñez"
        assert audit_seal.waiting_rows(m.database_proxy.obj) == []  # chained
        assert check.check_database() == []
    finally:
        if database is not None:
            close_database(database)
        with psycopg.connect(pg_server_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
