"""The performance paths of issue 9 give exactly what the plain paths give."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given as for_all
from hypothesis import settings
from hypothesis import strategies as st
from peewee import SqliteDatabase

from ptlog.domain import records as d
from ptlog.store import convert, patients, readings
from ptlog.store import models as m


def _add(chart: str, family: str, given: str, born: dt.date, archived: bool = False) -> None:
    p = patients.add_patient(d.Patient(chart=chart, family_name=family, given_name=given,
                                       birth_date=born, sex=d.Sex.FEMALE))
    if archived:
        patients.set_archived(p, True)


@pytest.fixture
def clinic(db: object) -> None:
    for i, (family, given) in enumerate([("Kowalski", "Anna"), ("Karo", "Ben"), ("Núñez", "Kai"),
                                         ("Smith", "Clara"), ("Stein", "Kwame"), ("Carter", "Zoe"),
                                         ("Klein", "Olga"), ("Novak", "Kim")]):
        _add(f"C{i:04d}", family, given, dt.date(1970 + i, 6, 1), archived=i == 6)


@pytest.mark.slow
@pytest.mark.usefixtures("clinic")
@pytest.mark.parametrize("text", ["k", "ka", "c", "C000", "c0003", "nunez", "n", "1975", "st k",
                                  "", "zz"])
@pytest.mark.parametrize("archived", [False, True])
@pytest.mark.parametrize("sort", ["name", "chart", "birth_date", "diagnosis"])
def test_a_large_match_searched_as_a_scan_gives_the_same_patients(
    monkeypatch: pytest.MonkeyPatch, text: str, archived: bool, sort: str
) -> None:
    def both() -> tuple[int, list[str], list[str]]:
        patients._probe_cache.clear()
        return (patients.count_matching(text, include_archived=archived),
                [p.chart for p in patients.search_patients(text, include_archived=archived,
                                                            sort=sort)],
                [p.chart for p in patients.search_patients(text, include_archived=archived,
                                                            sort=sort, limit=2, offset=1)])

    indexed = both()
    monkeypatch.setattr(patients, "_MANY", 0)  # every non-empty search "matches many"
    assert both() == indexed


def test_readings_from_the_cursor_equal_the_row_conversion(db: object) -> None:
    patient = patients.add_patient(d.Patient(chart="R1", family_name="Ring", given_name="Ada",
                                             birth_date=dt.date(1960, 1, 2), sex=d.Sex.FEMALE))
    assert patient.id is not None
    ir = d.MotionKey("hip", "internal_rotation")
    for day, value in ((1, 20.0), (8, 24.5)):
        readings.save_visit_readings(patient.id, [
            d.Reading(ir, side, d.Mode.ACTIVE, d.Position.SEATED, value + n,
                      dt.datetime(2024, 3, day, 9))
            for n, side in enumerate(d.Side)
        ], visit_at=dt.datetime(2024, 3, day, 9), clinician="Ann Lee")
    query = readings._patient_readings_query(patient.id).tuples()
    expected = [convert.reading_from_columns(row[:-1], bool(row[-1]) and not bool(row[15]))
                for row in query]
    assert readings.readings_for_patient(patient.id, include_history=True) == expected
    assert len(expected) == 4
    assert m.Reading.select().count() == 4


def test_a_remembered_count_follows_writes_here_and_from_another_connection(db: object) -> None:
    import threading

    from ptlog.store.database import close_thread_connection

    for i, (family, given) in enumerate([("Zander", "Ann"), ("Zorn", "Ann"), ("Carter", "Zoe")]):
        _add(f"Z{i}", family, given, dt.date(1980, 1, 1))
    assert patients.count_matching_bounded("z") == (3, True)
    _add("Z9", "Zeller", "Ann", dt.date(1980, 1, 1))  # this connection
    assert patients.count_matching_bounded("z") == (4, True)

    def elsewhere() -> None:  # another connection (a worker thread, another workstation)
        _add("Z8", "Zimmer", "Ann", dt.date(1980, 1, 1))
        close_thread_connection()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert patients.count_matching_bounded("z") == (5, True)
    assert len(patients.search_patients("z")) == 5


def test_the_remembered_count_of_an_empty_search_follows_writes_and_archiving(db: object) -> None:
    for i in range(3):
        _add(f"E{i}", "Egger", "Ann", dt.date(1980, 1, 1))
    assert patients.count_matching_bounded("") == (3, True)
    _add("E9", "Egger", "Bea", dt.date(1981, 1, 1), archived=True)
    assert patients.count_matching_bounded("") == (3, True)
    assert patients.count_matching_bounded("", include_archived=True) == (4, True)
    _add("E8", "Egger", "Cleo", dt.date(1982, 1, 1))
    assert patients.count_matching_bounded("") == (4, True)


def test_a_list_page_read_as_tuples_equals_the_model_conversion(db: object) -> None:
    _add("T1", "Tuple", "Ann", dt.date(1970, 2, 3))
    patients.update_patient(dataclasses.replace(patients.get_by_chart("T1"),
                                                dominant_side=d.Side.LEFT, diagnosis="hip OA",
                                                activities=("pitching",)))
    expected = [convert.patient(row) for row in m.Patient.select().order_by(m.Patient.id)]
    assert patients.search_patients("") == expected


_TIMES = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2030, 1, 1))
_ROW = st.tuples(
    st.integers(1, 10**6), st.uuids().map(str), st.integers(1, 50),
    st.sampled_from(["hip", "knee"]), st.sampled_from(["internal_rotation", "flexion"]),
    st.sampled_from([s.value for s in d.Side]), st.sampled_from([x.value for x in d.Mode]),
    st.sampled_from([p.value for p in d.Position]),
    st.floats(-20, 180, allow_nan=False) | st.integers(-20, 180),
    st.sampled_from([i.value for i in d.Instrument]), st.text(max_size=5),
    st.none() | _TIMES.map(lambda t: t.isoformat(sep=" ")) | _TIMES,
    st.text(max_size=5), st.none() | st.integers(1, 99), st.text(max_size=5), st.booleans(),
    _TIMES.map(lambda t: t.isoformat(sep=" ")) | _TIMES, st.none() | st.text(max_size=5),
    st.integers(1, 40), st.sampled_from([0, 1]),
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@for_all(rows=st.lists(_ROW, max_size=12), include_history=st.booleans())
def test_the_fast_row_conversion_gives_what_the_plain_one_gives(
    rows: list[tuple[object, ...]], include_history: bool
) -> None:
    """Driver rows as SQLite (ISO text) or PostgreSQL (datetime) give them, repeats and all."""
    plain = [convert.reading_from_columns(row[:-1], bool(row[-1]) and not row[15])
             for row in rows]
    if not include_history:
        plain = [r for r in plain if r.is_current]
    assert convert.readings_from_columns(rows, include_history=include_history) == plain


def test_the_empty_search_is_counted_exactly_on_sqlite_and_bounded_on_a_server(
        db: object, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(4):
        _add(f"B{i}", "Bound", "Ann", dt.date(1980, 1, 1))
    monkeypatch.setattr(patients, "_MANY", 2)
    expected = (4, True) if db_url.startswith("sqlite") else (3, False)
    assert patients.count_matching_bounded("") == expected
    assert len(patients.search_patients("")) == 4


def test_a_remembered_count_is_never_taken_for_a_later_connections(db: object) -> None:
    """A closed connection's address is reused by the next one, which starts with the same
    change counter and data version: its count must not come back for the new connection."""
    import threading

    from ptlog.store.database import close_thread_connection

    for i in range(3):
        _add(f"R{i}", "Reuse", "Ann", dt.date(1980, 1, 1))
    seen: list[tuple[int, bool]] = []

    def count_in_a_thread_of_its_own() -> None:  # a fresh connection each time
        seen.append(patients.count_matching_bounded(""))
        close_thread_connection()

    for extra in range(4):
        worker = threading.Thread(target=count_in_a_thread_of_its_own)
        worker.start()
        worker.join()
        assert seen[-1] == (3 + extra, True)
        _add(f"S{extra}", "Reuse", "Bea", dt.date(1981, 1, 1))  # from this thread's connection
    if isinstance(m.database_proxy.obj, SqliteDatabase):  # the cache is SQLite's
        patients.count_matching_bounded("")  # the next count drops closed connections' entries
        assert all(patients._is_open(key[0]) for key in patients._probe_cache)
