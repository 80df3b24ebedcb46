"""A visit's save in fixed SQL (``store/visit_rows``): the same rows, snapshots and events as
the peewee statements it replaced, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from peewee import PostgresqlDatabase

from ptlog.domain import records as d
from ptlog.store import audit, patients, readings, visit_rows, witness
from ptlog.store import models as m
from ptlog.store.check import check_database
from ptlog.store.errors import NotFoundError

WHEN = dt.datetime(2024, 5, 6, 9, 30)
PANEL = [d.Reading(d.MotionKey("hip", motion), side, d.Mode.ACTIVE, d.Position.SEATED,
                   30.0 + n, WHEN)
         for n, (motion, side) in enumerate(
             [(motion, side) for motion in ("internal_rotation", "external_rotation", "flexion")
              for side in (d.Side.LEFT, d.Side.RIGHT)])]


def _patient(chart: str = "V1") -> d.Patient:
    return patients.add_patient(d.Patient(chart=chart, family_name="Rows", given_name="Ann",
                                          birth_date=dt.date(1970, 1, 1), sex=d.Sex.FEMALE))


def _stored(model: type[m.BaseModel], row_id: int) -> dict[str, Any]:
    """A row as the database gives it back, but its own id and uuid."""
    values = model.select().where(model.id == row_id).dicts().get()
    return {k: v for k, v in values.items() if k not in ("id", "uuid")}


def test_the_look_up_finds_the_patient_the_clinician_and_the_visit(db: object) -> None:
    patient = _patient()
    assert patient.id is not None
    assert visit_rows.look_up(patient.id, "Ann Lee", WHEN) == \
        visit_rows.Found(patient.uuid, None, None)
    saved = readings.save_visit_readings(patient.id, PANEL[:1], visit_at=WHEN,
                                         clinician="Ann Lee")
    clinician = m.Clinician.get(m.Clinician.name == "Ann Lee")
    assert visit_rows.look_up(patient.id, "Ann Lee", WHEN) == \
        visit_rows.Found(patient.uuid, clinician.id, saved.visit.id)
    assert visit_rows.look_up(patient.id, "", WHEN + dt.timedelta(minutes=1)) == \
        visit_rows.Found(patient.uuid, None, None)
    assert visit_rows.look_up(patient.id + 1000, "Ann Lee", WHEN) is None


def test_rows_inserted_with_fixed_sql_equal_those_peewee_inserts(db: object) -> None:
    patient = _patient()
    clinician = m.Clinician.create(name="Ann Lee")

    def visit(minute: int) -> m.Visit:
        return m.Visit(patient=patient.id, visit_at=WHEN + dt.timedelta(minutes=minute),
                       kind="follow_up", clinician=clinician, pain=3, notes="n", created_by="u",
                       updated_by="u", utc_offset=60, late_entry=True)

    ours, theirs = visit(0), visit(1)
    visit_rows.insert([ours])
    theirs.save(force_insert=True)
    assert ours.id is not None
    one, two = _stored(m.Visit, ours.id), _stored(m.Visit, theirs.id)
    assert one.pop("visit_at") != two.pop("visit_at")
    assert one == two

    def panel(on: m.Visit) -> list[m.Reading]:
        return [m.Reading(visit=on, joint=r.motion.joint, motion=r.motion.motion,
                          side=r.side.value, mode=r.mode.value, position=r.position.value,
                          degrees=r.degrees, instrument=r.instrument.value, note="x",
                          created_by="u") for r in PANEL]

    mine, peewee = panel(ours), panel(theirs)
    visit_rows.insert(mine)  # several rows: one round trip on PostgreSQL
    m.Reading.insert_many([row.__data__ for row in peewee]).execute()
    assert len({row.id for row in mine}) == len(PANEL)
    for row in mine:  # each id is its own row's
        assert m.Reading.get_by_id(row.id).uuid == row.uuid
    by_uuid = {r.uuid: r.id for r in m.Reading.select()}
    for a, b in zip(mine, peewee, strict=True):
        first, second = _stored(m.Reading, a.id), _stored(m.Reading, by_uuid[b.uuid])
        assert first.pop("visit") == ours.id
        assert second.pop("visit") == theirs.id
        assert first == second


def test_a_new_visit_and_its_readings_go_in_together_each_reading_on_its_visit(
        db: object) -> None:
    """``insert_with_children``: on a server one statement for the visit, its readings and
    ``then``; on both backends each reading refers to its own visit and has its own id, also
    with another visit inserted in between."""
    from ptlog.store.cohort_series import placeholders

    patient = _patient()

    def visit(minute: int) -> m.Visit:
        return m.Visit(patient=patient.id, visit_at=WHEN + dt.timedelta(minutes=minute),
                       created_by="u", updated_by="u")

    odd = "O'Brien \"quoted\" {braces}, NULL, é 😀 \\ %s ?"  # arrays of text, as stored

    def panel(on: m.Visit) -> list[m.Reading]:
        return [m.Reading(visit=on, joint=r.motion.joint, motion=r.motion.motion,
                          side=r.side.value, mode=r.mode.value, position=r.position.value,
                          degrees=r.degrees, note=odd if n % 2 else "", created_by="u")
                for n, r in enumerate(PANEL)]

    database = m.database_proxy.obj
    server = isinstance(database, PostgresqlDatabase)
    # ``then`` is a SELECT on a server (the NOTIFY): one that leaves a mark in the transaction
    then = ("SELECT set_config('ptlog.then', %s, true)", ("2",)) if server else \
        (placeholders(database, 'INSERT INTO "setting" ("key", "value") VALUES (%s, %s)'),
         ("k", "2"))
    first, second = visit(0), visit(1)
    first_rows, second_rows = panel(first), panel(second)
    with database.atomic():
        visit_rows.insert_with_children(first, first_rows, m.Reading.visit)
        visit_rows.insert([visit(2)])
        visit_rows.insert_with_children(second, second_rows, m.Reading.visit, then=then)
        mark = database.execute_sql("SELECT current_setting('ptlog.then', true)").fetchone()[0] \
            if server else m.Setting.get(m.Setting.key == "k").value
    assert mark == "2"
    for parent, rows in ((first, first_rows), (second, second_rows)):
        assert parent.id is not None
        assert m.Visit.get_by_id(parent.id).uuid == parent.uuid
        for row in rows:
            stored = m.Reading.get_by_id(row.id)
            assert (stored.uuid, stored.visit_id, row.visit_id) == (row.uuid, parent.id,
                                                                     parent.id)
            assert (stored.note, stored.degrees) == (row.note, row.degrees)
    lone = visit(3)
    visit_rows.insert_with_children(lone, [], m.Reading.visit)  # no readings: the visit alone
    assert m.Visit.get_by_id(lone.id).uuid == lone.uuid


def test_a_visit_that_cannot_be_inserted_takes_its_readings_with_it(db: object) -> None:
    """The visit's insert fails (another visit of the patient at that time): its readings,
    queued behind it in the same round trip on a server, are not inserted either."""
    from peewee import IntegrityError

    patient = _patient()
    assert patient.id is not None
    readings.save_visit_readings(patient.id, PANEL[:1], visit_at=WHEN, clinician="Ann Lee")
    before = (m.Visit.select().count(), m.Reading.select().count())
    clash = m.Visit(patient=patient.id, visit_at=WHEN, created_by="u", updated_by="u")
    rows = [m.Reading(visit=clash, joint="hip", motion="flexion", side="L", mode="active",
                      position="supine", degrees=90.0, created_by="u")]
    with pytest.raises(IntegrityError), m.database_proxy.obj.atomic():
        visit_rows.insert_with_children(clash, rows, m.Reading.visit)
    assert (m.Visit.select().count(), m.Reading.select().count()) == before


def test_a_save_through_the_fixed_statements_is_audited_as_before(db: object) -> None:
    patient = _patient()
    assert patient.id is not None
    result = readings.save_visit_readings(patient.id, PANEL, visit_at=WHEN, clinician="Ann Lee",
                                          pain=2, notes="first")
    assert len(result.saved) == len(PANEL)
    assert [r.id for r in result.saved] == [r.id for r in m.Reading.select().order_by(m.Reading.id)]
    assert (result.visit.clinician, result.visit.pain) == ("Ann Lee", 2)
    # every event's snapshot is the row as stored (check compares them)
    for reading in result.saved:
        event = m.AuditEvent.get(m.AuditEvent.entity_uuid == reading.uuid)
        assert event.after == audit.canonical_json(audit.snapshot(m.Reading.get_by_id(reading.id)))
        assert event.patient_uuid == patient.uuid
    visit_event = m.AuditEvent.get(m.AuditEvent.entity_uuid == result.visit.uuid)
    assert visit_event.after == audit.canonical_json(
        audit.snapshot(m.Visit.get_by_id(result.visit.id)))
    # the same visit again with a new note: the visit found, the note appended, nothing doubled
    again = readings.save_visit_readings(patient.id, PANEL, visit_at=WHEN, clinician="Ann Lee",
                                         notes="second")
    assert (len(again.saved), again.already_present) == (0, len(PANEL))
    assert m.Visit.get_by_id(result.visit.id).notes == "first\nsecond"
    assert check_database() == []


def _new_visit(patient_id: int, minute: int, note: str = "") -> tuple[m.Visit, list[m.Reading]]:
    visit = m.Visit(patient=patient_id, visit_at=WHEN + dt.timedelta(minutes=minute),
                    created_by="u", updated_by="u", pain=1, utc_offset=-300)
    return visit, [m.Reading(visit=visit, joint=r.motion.joint, motion=r.motion.motion,
                             side=r.side.value, mode=r.mode.value, position=r.position.value,
                             degrees=r.degrees, note=note, created_by="u") for r in PANEL]


def test_a_new_visit_goes_in_with_its_look_up_on_a_server(db: object) -> None:
    """``look_up_or_insert``: a known clinician, no visit at that time: on a server the visit
    (its clinician the one found) and its readings are in after the one statement, stored as
    ``insert_with_children`` stores them; on SQLite it is the look-up alone."""
    patient = _patient()
    assert patient.id is not None
    clinician = m.Clinician.create(name="Ann Lee")
    server = isinstance(m.database_proxy.obj, PostgresqlDatabase)
    odd = "O'Brien \"quoted\" {braces}, NULL, é 😀 \\ %s ?"
    ours, our_rows = _new_visit(patient.id, 0, odd)
    with m.database_proxy.obj.atomic():
        found = visit_rows.look_up_or_insert(patient.id, "Ann Lee", ours, our_rows, None)
    assert found == visit_rows.Found(patient.uuid, clinician.id, None, inserted=server)
    if not server:
        assert m.Visit.select().count() == 0
        return
    theirs, their_rows = _new_visit(patient.id, 1, odd)
    theirs.clinician = clinician
    visit_rows.insert_with_children(theirs, their_rows, m.Reading.visit)
    assert ours.clinician_id == clinician.id
    one, two = _stored(m.Visit, ours.id), _stored(m.Visit, theirs.id)
    assert one.pop("visit_at") != two.pop("visit_at")
    assert one == two
    for mine, other in zip(our_rows, their_rows, strict=True):
        assert m.Reading.get_by_id(mine.id).uuid == mine.uuid
        first, second = _stored(m.Reading, mine.id), _stored(m.Reading, other.id)
        assert (first.pop("visit"), second.pop("visit")) == (ours.id, theirs.id)
        assert first == second


@pytest.mark.parametrize("case", ["unknown clinician", "visit at that time", "no patient"])
def test_the_look_up_inserts_nothing_where_the_save_must_do_more(db: object, case: str) -> None:
    """An unknown clinician (created first), a visit already there (added to), no patient
    (an error): the look-up's answer as ``look_up`` gives it, and nothing written."""
    patient = _patient()
    assert patient.id is not None
    m.Clinician.create(name="Ann Lee")
    if case == "visit at that time":
        readings.save_visit_readings(patient.id, PANEL[:1], visit_at=WHEN, clinician="Ann Lee")
    name = "Bo Berg" if case == "unknown clinician" else "Ann Lee"
    patient_id = patient.id + 1000 if case == "no patient" else patient.id
    before = [model.select().count() for model in (m.Visit, m.Reading, m.Clinician)]
    visit, rows = _new_visit(patient_id, 0)
    with m.database_proxy.obj.atomic():
        found = visit_rows.look_up_or_insert(patient_id, name, visit, rows, None)
    assert found == visit_rows.look_up(patient_id, name, WHEN)
    assert found is None or not found.inserted
    assert [model.select().count() for model in (m.Visit, m.Reading, m.Clinician)] == before
    assert visit.id is None
    assert all(row.id is None for row in rows)


def test_a_save_with_a_new_clinician_and_one_with_none_are_stored_as_before(db: object) -> None:
    """The saves the look-up cannot insert with itself: the clinician created and audited,
    the visit and readings then inserted; no clinician at all: inserted with the look-up."""
    patient = _patient()
    assert patient.id is not None
    first = readings.save_visit_readings(patient.id, PANEL, visit_at=WHEN, clinician="Bo Berg")
    second = readings.save_visit_readings(patient.id, PANEL, visit_at=WHEN + dt.timedelta(
        minutes=5))
    clinician = m.Clinician.get(m.Clinician.name == "Bo Berg")
    assert (first.visit.clinician, m.Visit.get_by_id(first.visit.id).clinician_id) == \
        ("Bo Berg", clinician.id)
    assert (second.visit.clinician, m.Visit.get_by_id(second.visit.id).clinician_id) == ("", None)
    assert m.AuditEvent.select().where(m.AuditEvent.entity == "clinician").count() == 1
    for result in (first, second):
        assert len(result.saved) == len(PANEL)
        for reading in result.saved:
            assert m.Reading.get_by_id(reading.id).visit_id == result.visit.id
    assert check_database() == []


def test_an_unknown_patient_is_not_found_and_nothing_is_written(db: object) -> None:
    events = m.AuditEvent.select().count()
    with pytest.raises(NotFoundError):
        readings.save_visit_readings(4321, PANEL, visit_at=WHEN, clinician="Ann Lee")
    assert (m.Visit.select().count(), m.Clinician.select().count()) == (0, 0)
    assert m.AuditEvent.select().count() == events


def test_the_head_and_key_in_one_statement_are_last_hash_and_active_key(db: object) -> None:
    patient = _patient()
    assert patient.id is not None
    readings.save_visit_readings(patient.id, PANEL[:2], visit_at=WHEN, clinician="Ann Lee")
    assert audit.head_and_key() == (audit.last_hash(), audit.active_key())


def test_a_witnessed_head_is_stored_with_every_field_but_its_source() -> None:
    head = witness.Head(7, 8, "ab" * 32, "2024-05-06T09:30:00", "2024-05-06T09:31:00", "x")
    assert witness._stored(head) == {k: v for k, v in dataclasses.asdict(head).items()
                                     if k != "source"}


def test_the_statement_after_the_rows_runs_with_them(db: object) -> None:
    from ptlog.store.cohort_series import placeholders

    patient = _patient()
    visit = m.Visit(patient=patient.id, visit_at=WHEN, created_by="u", updated_by="u")
    then = (placeholders(m.database_proxy.obj,
                         'INSERT INTO "setting" ("key", "value") VALUES (%s, %s)'), ("k", "1"))
    visit_rows.insert([visit], then=then)  # one row and a statement: one round trip on a server
    assert m.Setting.get(m.Setting.key == "k").value == "1"
    assert m.Visit.get_by_id(visit.id).uuid == visit.uuid


@pytest.mark.postgres
def test_a_saved_visit_is_announced_to_other_workstations_on_commit(
        pg_server_url: str) -> None:
    import psycopg

    from ptlog.store.change_notifications import CHANNEL, SENDER
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    try:
        patient = _patient()
        assert patient.id is not None
        with psycopg.connect(pg_server_url, autocommit=True) as other:
            other.execute(f"LISTEN {CHANNEL}")
            readings.save_visit_readings(patient.id, PANEL, visit_at=WHEN, clinician="Ann Lee")
            heard = [n.payload for n in other.notifies(timeout=5, stop_after=1)]
        assert heard == [f"{patient.id}:{SENDER}"]
    finally:
        database.close()
