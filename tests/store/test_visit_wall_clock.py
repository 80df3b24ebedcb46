"""Visits on the clinic's wall clock: migration 7 moves the window's UTC stamps, nothing else."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from ptlog.domain import records as d
from ptlog.store import audit, migrations, patients
from ptlog.store import models as m
from ptlog.store import patient_records as records
from ptlog.store.check import check_database
from ptlog.store.database import open_database

HIP_IR = d.MotionKey("hip", "internal_rotation")


@pytest.fixture
def zone() -> Iterator[object]:
    """Set the process's time zone (TZ + tzset), restored afterwards."""
    patch = pytest.MonkeyPatch()

    def set_zone(name: str) -> None:
        patch.setenv("TZ", name)
        time.tzset()
    yield set_zone
    patch.undo()
    time.tzset()


@pytest.fixture
def older() -> Iterator[pytest.MonkeyPatch]:
    """Patches that make this ptlog an older one; ``older.undo()`` upgrades it. Not the test's
    shared monkeypatch: undoing that would also undo conftest's isolated data folders."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def _patient_at_schema_6(chart: str) -> m.Patient:
    """A patient as ptlog 6 wrote it: without the columns of later migrations (9: language)."""
    row = m.Patient(chart=chart, family_name="Lee", given_name="Ann", family_key="lee",
                    given_key="ann", birth_date=dt.date(1970, 1, 1), sex="F", updated_by="pt")
    fields = [f for name, f in m.Patient._meta.fields.items() if name not in ("id", "language")]
    db = m.database_proxy.obj
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join(db.param for _ in fields)
    with db.atomic():  # raw SQL: peewee would add the later columns' defaults
        db.execute_sql(f'INSERT INTO "patient" ({columns}) VALUES ({marks})',
                       [f.db_value(getattr(row, f.name)) for f in fields])
    row.id = m.Patient.select(m.Patient.id).where(m.Patient.uuid == row.uuid).scalar()
    after = {k: v for k, v in audit.snapshot(row).items() if k != "language"}
    audit.record("create", "patient", row.uuid, after=after, patient_uuid=row.uuid)
    return row


def _visit_at_schema_3(chart: str, visit_at: dt.datetime, created_at: dt.datetime,
                       batch: str | None = None) -> str:
    """A visit as ptlog before migration 7 wrote it (raw SQL: the new columns do not exist)."""
    patient = _patient_at_schema_6(chart)
    db = m.database_proxy.obj
    uuid = m.new_uuid()
    p = db.param
    with db.atomic():
        db.execute_sql(
            'INSERT INTO "visit" ("uuid", "patient_id", "visit_at", "kind", "notes", "version", '
            '"created_at", "created_by", "updated_at", "updated_by", "import_batch") VALUES '
            f'({p}, {p}, {p}, {p}, {p}, 1, {p}, {p}, {p}, {p}, {p})',
            (uuid, patient.id, visit_at, "follow_up", "", created_at, "pt", created_at, "pt",
             batch))
        fields = [f for name, f in m.Visit._meta.fields.items()
                  if name not in ("utc_offset", "late_entry")]
        row = m.Visit.select(*fields).where(m.Visit.uuid == uuid).get()
        after = {k: v for k, v in audit.snapshot(row).items()
                 if k not in ("utc_offset", "late_entry")}
        audit.record("create", "visit", uuid, after=after,
                     patient_uuid=patient.uuid or "")
    return uuid


def test_migration_moves_window_visits_to_the_local_date(db_url: str, zone, older) -> None:
    zone("Australia/Sydney")
    older.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])
    older.setattr(migrations, "SCHEMA_VERSION", 6)
    # as ptlog 6 stored a patient: no search words yet (migration 8 fills them)
    older.setattr(patients, "set_search_words", lambda *_args: None)
    open_database(db_url)
    # saved from the window at 03:47 on 2 March in Sydney = 16:47 UTC on 1 March
    saved = dt.datetime(2026, 3, 1, 16, 47)
    window = _visit_at_schema_3("W1", saved, saved + dt.timedelta(seconds=2))
    # an imported visit and a demo visit already carry the wall clock: left alone
    imported = _visit_at_schema_3("I1", dt.datetime(2026, 3, 1, 16, 47), saved,
                                  batch=m.new_uuid())
    demo = _visit_at_schema_3("DEMO-000001", saved, saved)
    older.undo()
    zone("Australia/Sydney")
    open_database(db_url)  # runs migration 7
    visits = {v.uuid: v for v in m.Visit.select()}
    assert visits[window].visit_at == dt.datetime(2026, 3, 2, 3, 47)
    assert visits[window].utc_offset == 11 * 60
    assert visits[imported].visit_at == dt.datetime(2026, 3, 1, 16, 47)
    assert visits[demo].visit_at == saved
    record = records.load_record_by_chart("W1")
    assert record.visits[0].visit_date == dt.date(2026, 3, 2)
    # the move is audited: the chain and every row still check out (the import is not
    # audited as an import here, so only its batch is reported)
    findings = [f for f in check_database() if f.entity != "import"]
    assert findings == []


def test_los_angeles_evening_visit_stays_on_its_evening(db_url: str, zone, older) -> None:
    zone("America/Los_Angeles")
    older.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:6])
    older.setattr(migrations, "SCHEMA_VERSION", 6)
    # as ptlog 6 stored a patient: no search words yet (migration 8 fills them)
    older.setattr(patients, "set_search_words", lambda *_args: None)
    open_database(db_url)
    saved = dt.datetime(2026, 7, 2, 3, 30)  # 20:30 on 1 July in Los Angeles (PDT)
    uuid = _visit_at_schema_3("W2", saved, saved)
    older.undo()
    zone("America/Los_Angeles")
    open_database(db_url)
    row = m.Visit.get(m.Visit.uuid == uuid)
    assert row.visit_at == dt.datetime(2026, 7, 1, 20, 30)
    assert row.utc_offset == -7 * 60


def test_a_second_save_of_the_visit_appends_its_note_and_adds_no_copies(db) -> None:
    from ptlog.store import readings

    patient = patients.add_patient(d.Patient("N1", "Lee", "Ann", dt.date(1970, 1, 1),
                                             d.Sex.FEMALE))
    when = dt.datetime(2026, 3, 2, 9, 30)
    reading = d.Reading(HIP_IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 30, when)
    readings.save_visit_readings(patient.id or 0, [reading], visit_at=when, notes="Stiff.")
    again = readings.save_visit_readings(patient.id or 0, [reading], visit_at=when,
                                         notes="Better after warm-up.")
    assert (len(again.saved), again.already_present) == (0, 1)
    [visit] = readings.visits_for_patient(patient.id or 0)
    assert visit.notes == "Stiff.\nBetter after warm-up."
    assert visit.version == 2
    assert check_database() == []  # the note's change is audited
