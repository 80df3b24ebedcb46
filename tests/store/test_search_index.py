"""Search as you type on a clinic server uses migration 10's indexes (issue 21 item 3).

Tables this small are read whole by the planner's choice; with sequential scans switched off
the plan shows whether the statement *can* walk the index at all (a query the index does not
fit still scans), which is what a million patients need.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store import patients

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_db(pg_server_url: str) -> object:
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    for i, (family, given) in enumerate([("Ørsted-Núñez", "Zoë"), ("Nunn", "Ada"),
                                         ("Karo", "Ben"), ("O'Neil", "Nuno")]):
        patients.add_patient(d.Patient(f"N{i:03d}", family, given, dt.date(1970 + i, 1, 2),
                                       d.Sex.FEMALE))
    yield database
    database.close()


def _plan(database: object, text: str) -> str:
    query = patients._search_query(text, False).order_by(
        *(c.asc() for c in patients.SORT_KEYS["name"])).limit(200)
    sql, params = query.sql()
    with database.atomic():  # type: ignore[attr-defined]
        database.execute_sql("SET LOCAL enable_seqscan = off")  # type: ignore[attr-defined]
        rows = database.execute_sql("EXPLAIN " + sql, params).fetchall()  # type: ignore[attr-defined]
    return "\n".join(r[0] for r in rows)


def test_each_keystroke_can_walk_the_byte_order_indexes(pg_db: object) -> None:
    plan = _plan(pg_db, "nu")
    for index in ("patient_family_key_c", "patient_given_key_c", "patient_chart_c",
                  "patient_word_word_c"):
        assert index in plan, plan
    assert "Seq Scan on patient " not in plan
    assert [p.chart for p in patients.search_patients("nu")] == ["N001", "N003", "N000"]
    assert [p.chart for p in patients.search_patients("o'n")] == ["N003"]


def test_migration_10_made_its_indexes(pg_db: object) -> None:
    names = {r[0] for r in pg_db.execute_sql(  # type: ignore[attr-defined]
        "SELECT indexname FROM pg_indexes WHERE tablename IN ('patient', 'patient_word')")}
    assert {"patient_family_key_c", "patient_given_key_c", "patient_chart_c",
            "patient_word_word_c"} <= names
    assert 10 in {r[0] for r in m.database_proxy.obj.execute_sql(
        'SELECT "version" FROM "ptlog_schema"')}


def test_a_broad_match_walks_the_name_order_and_finds_the_same(
        pg_db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of matches: the page walks the name order (the first page at once) instead
    of gathering every id; the patients found are the same either way."""
    selective = [p.chart for p in patients.search_patients("nu")]
    count = patients.count_matching("nu")
    monkeypatch.setattr(patients, "_MANY", 1)  # three matches now count as "many"
    assert patients._matches_many("nu", False)
    assert "ANY" not in patients._search_query("nu", False, True).sql()[0]
    assert [p.chart for p in patients.search_patients("nu")] == selective
    assert patients.count_matching("nu") == count
