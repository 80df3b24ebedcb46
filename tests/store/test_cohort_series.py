"""The clinic comparison's kept series: every change after they are built shows in the next
comparison, ``check`` finds rows that disagree with a recomputation, two refreshers at once."""

from __future__ import annotations

import csv
import datetime as dt
import threading
from pathlib import Path

import pytest

from ptlog.domain import records as d
from ptlog.domain.cohort import cohort_rows
from ptlog.store import amendments, cohort_series, patients, readings, treatments
from ptlog.store import models as m
from ptlog.store.check import check_database
from ptlog.store.clinic_cohort import clinic_cohort
from ptlog.store.csv_format import READINGS_COLUMNS
from tests.older_ptlog import GROUPS, server_set_up_at

IR = d.MotionKey("hip", "internal_rotation")
START = dt.date(2024, 1, 1)
LEFT, RIGHT = d.Side.LEFT, d.Side.RIGHT


def _same_as_pure(motion: d.MotionKey = IR) -> None:
    """Both window modes, with and without a position filter, equal the pure reference."""
    for position in (None, d.Position.SEATED):
        for include in (False, True):
            outcomes = treatments.clinic_outcomes(motion, position)
            expected = [row.as_json() for row in cohort_rows(outcomes, motion, include)]
            got = [row.as_json() for row in clinic_cohort(motion, position,
                                                          include_confounded=include)]
            assert got == expected, (position, include)


def _patient(chart: str) -> int:
    row = patients.add_patient(d.Patient(
        chart=chart, family_name="Kept", given_name=chart, birth_date=dt.date(1965, 5, 5),
        sex=d.Sex.FEMALE))
    assert row.id is not None
    return row.id


def _visit(patient_id: int, day: int, values: dict[d.Side, float], hour: int = 9) -> None:
    when = dt.datetime.combine(START + dt.timedelta(days=day), dt.time(hour))
    readings.save_visit_readings(patient_id, [
        d.Reading(IR, side, d.Mode.ACTIVE, d.Position.SEATED, degrees, when)
        for side, degrees in values.items()], visit_at=when, clinician="Ann Lee")


def _patients_counted(kind: d.TreatmentKind) -> int:
    return next(row.patients for row in clinic_cohort(IR) if row.kind is kind)


def _small_clinic() -> tuple[int, int]:
    first, second = _patient("K001"), _patient("K002")
    for pid in (first, second):
        _visit(pid, 0, {LEFT: 20.0, RIGHT: 25.0})
        _visit(pid, 40, {LEFT: 30.0, RIGHT: 26.0})
    treatments.add_treatment(d.Treatment(
        patient_id=first, kind=d.TreatmentKind.PHYSICAL_THERAPY, start_date=START,
        end_date=START + dt.timedelta(days=20), side=d.TreatmentSide.BOTH, cost=100.0))
    return first, second


def test_each_kind_of_change_after_the_build_shows_in_the_next_comparison(db: object) -> None:
    first, second = _small_clinic()
    _same_as_pure()
    assert cohort_series.bring_up_to_date(IR).patients == 0  # current: nothing to do
    pt, injection = d.TreatmentKind.PHYSICAL_THERAPY, d.TreatmentKind.STEROID_INJECTION
    assert _patients_counted(pt) == 1

    _visit(first, 90, {LEFT: 45.0})  # a new follow-up: the latest decides
    refresh = cohort_series.bring_up_to_date(IR)
    assert (refresh.built, refresh.patients) == (False, 1)  # only that patient recomputed
    _same_as_pure()

    stored = readings.readings_for_patient(first)
    latest = max(stored, key=lambda r: (r.taken_at, r.id or 0))
    assert latest.id is not None
    amended = amendments.amend_reading(latest.id, 21.0, "misread")  # now no responder
    _same_as_pure()
    assert amended.id is not None
    amendments.void_reading(amended.id, "wrong patient")  # the amendment voided: day 40 again
    _same_as_pure()

    added = treatments.add_treatment(d.Treatment(
        patient_id=second, kind=injection, start_date=START + dt.timedelta(days=1),
        side=d.TreatmentSide.LEFT, cost=80.0))
    _same_as_pure()
    assert _patients_counted(injection) == 1
    treatments.update_treatment(d.Treatment(  # moved past the follow-ups: no outcome left
        id=added.id, patient_id=second, kind=injection, start_date=START + dt.timedelta(days=60),
        side=d.TreatmentSide.LEFT, cost=80.0, version=added.version))
    _same_as_pure()
    assert _patients_counted(injection) == 0
    treatments.remove_treatment(treatments.get_treatment(int(added.id or 0)))
    _same_as_pure()
    assert cohort_series.disagreements(IR) == []


def _import(folder: Path, rows: list[tuple[str, int, str, float]]) -> None:
    from ptlog.store.csv_import import import_csv

    path = folder / "readings.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(READINGS_COLUMNS)
        for chart, day, side, degrees in rows:
            when = dt.datetime.combine(START + dt.timedelta(days=day), dt.time(11))
            out.writerow([chart, "Kept", chart, "1965-05-05", "F",
                          when.isoformat(timespec="minutes"), "", "hip", "internal_rotation",
                          side, "active", "seated", repr(degrees), "", ""])
    import_csv(path)


def test_an_import_of_readings_names_its_patients_through_its_batch(db: object,
                                                                     tmp_path: Path) -> None:
    first, _second = _small_clinic()
    _same_as_pure()
    # a later follow-up for a stored patient, and a new patient (no treatment yet)
    _import(tmp_path, [("K001", 100, "L", 50.0), ("K003", 0, "L", 10.0)])
    refresh = cohort_series.bring_up_to_date(IR)
    assert (refresh.built, refresh.patients) == (False, 2)
    _same_as_pure()


def test_check_finds_kept_rows_that_disagree_and_a_rebuild_mends_them(db: object) -> None:
    _small_clinic()
    clinic_cohort(IR)
    assert not [f for f in check_database() if f.entity == "cohort_series"]
    # an edit behind ptlog's back: the comparison would count it until rebuilt
    m.database_proxy.obj.execute_sql('UPDATE "cohort_series" SET "change" = 99')
    found = [f for f in check_database() if f.entity == "cohort_series"]
    assert len(found) == 1
    assert "hip.internal_rotation" in str(found[0])
    assert "ptlog compare --rebuild" in str(found[0])
    assert cohort_series.disagreements(IR) == [int(m.Patient.get(m.Patient.chart == "K001").id)]
    assert cohort_series.bring_up_to_date(IR, rebuild=True).built
    assert not [f for f in check_database() if f.entity == "cohort_series"]
    _same_as_pure()
    # rows a comparison dropped or never made are found too
    m.database_proxy.obj.execute_sql('DELETE FROM "cohort_series"')
    assert len([f for f in check_database() if f.entity == "cohort_series"]) == 1


def test_a_restore_rebuilds_the_whole_motion(db: object) -> None:
    from ptlog.store import audit

    _small_clinic()
    _same_as_pure()
    m.database_proxy.obj.execute_sql('DELETE FROM "cohort_series"')  # as a backup might hold
    with m.database_proxy.atomic():
        audit.record("restore", "database", "", after={"file": "x.db"})
    assert cohort_series.bring_up_to_date(IR).built
    _same_as_pure()


def test_two_workstations_building_at_once_keep_one_set_of_rows(db: object) -> None:
    from ptlog.store.database import close_thread_connection

    _small_clinic()
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def compare() -> None:
        try:
            barrier.wait()
            clinic_cohort(IR)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_thread_connection()

    workers = [threading.Thread(target=compare) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert errors == []
    kept = m.database_proxy.obj.execute_sql(
        'SELECT "treatment_id", "side", "position", "mode" FROM "cohort_series"').fetchall()
    assert kept
    assert len(kept) == len(set(kept))  # no series twice
    assert cohort_series.disagreements(IR) == []
    _same_as_pure()


def test_a_read_only_file_is_compared_from_rows_made_for_the_comparison(
        sqlite_url: str) -> None:
    """A file its owner made read-only cannot keep the rows; the comparison still counts the
    same rows (made in a temporary table), new readings included, and writes nothing."""
    import os
    import stat

    from ptlog.store.database import close_database, open_database

    database = open_database(sqlite_url)
    first, _second = _small_clinic()
    _same_as_pure()
    _visit(first, 90, {LEFT: 45.0})  # after the rows were kept: not in them
    close_database(database)
    path = sqlite_url.removeprefix("sqlite:///")
    os.chmod(path, stat.S_IRUSR)
    try:
        database = open_database(sqlite_url)
        _same_as_pure()
        assert _patients_counted(d.TreatmentKind.PHYSICAL_THERAPY) == 1
        mark = database.execute_sql('SELECT "audit_id" FROM "cohort_series_state"').fetchone()[0]
        head = database.execute_sql('SELECT MAX("id") FROM "audit_event"').fetchone()[0]
        assert mark < head  # nothing was written
        close_database(database)
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_a_save_during_a_staged_build_is_counted_by_the_next_comparison(
        sqlite_url: str) -> None:
    """SQLite builds a motion outside the write lock from one snapshot: a save made meanwhile
    is after the rows' mark, so the next comparison recomputes its patient."""
    import time

    from ptlog.store.database import close_database, open_database

    database = open_database(sqlite_url)
    first, _second = _small_clinic()
    staged = cohort_series._staged_build(database, IR)
    _visit(first, 90, {LEFT: 45.0})  # another window saves while the build runs
    try:
        done = cohort_series._replace(database, IR, False, staged, time.perf_counter())
    finally:
        database.execute_sql(f"DROP TABLE IF EXISTS {cohort_series._STAGED}")
    assert done.built
    refresh = cohort_series.bring_up_to_date(IR)
    assert (refresh.built, refresh.patients) == (False, 1)
    _same_as_pure()
    close_database(database)


@pytest.mark.postgres
def test_migration_11_lets_every_role_of_a_signed_in_server_keep_the_series(
        pg_server_url: str) -> None:
    """A clinic server set up before migration 11: after the upgrade every group (a read-only
    user's comparison brings the rows up to date too) may write the kept series."""
    kept = ("cohort_series", "cohort_series_state")
    with server_set_up_at(pg_server_url, 10, unknown_tables=kept) as (conn, prefix):
        for group in GROUPS:  # a build starts with TRUNCATE
            assert conn.execute("SELECT has_table_privilege(%s, 'cohort_series', "
                                "'TRUNCATE')", (prefix + group,)).fetchone() == (True,)
        for table in kept:
            for group in GROUPS:
                assert conn.execute(
                    "SELECT has_table_privilege(%s, %s, 'INSERT'), "
                    "has_table_privilege(%s, %s, 'DELETE'), "
                    "has_table_privilege(%s, %s, 'SELECT')",
                    (prefix + group, table) * 3).fetchone() == (True, True, True), \
                    (table, group)
            owner = conn.execute("SELECT tableowner FROM pg_tables WHERE tablename = %s",
                                 (table,)).fetchone()
            assert owner == (prefix + "owner",)


def test_another_program_holding_the_write_lock_does_not_stop_the_comparison(
        sqlite_url: str) -> None:
    """SQLite: when the refresh cannot get the write lock within the busy timeout, the
    comparison is counted from the readings (the same rows), and refreshed next time."""
    import sqlite3

    from ptlog.store.database import close_database, open_database

    database = open_database(sqlite_url)
    first, _second = _small_clinic()
    _same_as_pure()
    _visit(first, 90, {LEFT: 45.0})
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    try:
        database.execute_sql("PRAGMA busy_timeout = 50")
        _same_as_pure()
        assert cohort_series.disagreements(IR) == []  # a read: the kept rows are only stale
        mark = database.execute_sql('SELECT "audit_id" FROM "cohort_series_state"').fetchone()
        assert mark[0] < database.execute_sql('SELECT MAX("id") FROM "audit_event"').fetchone()[0]
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert cohort_series.bring_up_to_date(IR).patients == 1
    _same_as_pure()
    close_database(database)
