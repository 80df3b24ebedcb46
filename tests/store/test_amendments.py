"""Amendments and voids: the original stays, the new value stands, every step is audited."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ptlog.domain import records as d
from ptlog.store import amendments, audit, check, patients, readings
from ptlog.store import models as m
from ptlog.store.errors import NotFoundError, ValidationError

HIP_IR = d.MotionKey("hip", "internal_rotation")


def seed() -> tuple[d.Patient, list[d.Reading]]:
    patient = patients.add_patient(
        d.Patient("C7", "Lind", "Eva", dt.date(1970, 3, 4), d.Sex.FEMALE))
    taken = dt.datetime(2026, 1, 5, 9, 0)
    result = readings.save_visit_readings(
        patient.id or 0,
        [d.Reading(HIP_IR, side, d.Mode.ACTIVE, d.Position.SEATED, deg, taken)
         for side, deg in ((d.Side.LEFT, 28.0), (d.Side.RIGHT, 35.0))],
        visit_at=taken, clinician="Ann Lee",
    )
    return patient, list(result.saved)


def test_amend_keeps_original_and_shows_new_value(db) -> None:
    patient, (left, _right) = seed()
    amended = amendments.amend_reading(left.id or 0, 31.5, "read the wrong scale",
                                       clinician="Bo Ek")
    assert amended.degrees == 31.5
    assert amended.supersedes_id == left.id
    assert amended.reason == "read the wrong scale"
    assert amended.is_current
    current = readings.readings_for_patient(patient.id or 0)
    assert sorted(r.degrees for r in current) == [31.5, 35.0]
    history = readings.readings_for_patient(patient.id or 0, include_history=True)
    original = next(r for r in history if r.id == left.id)
    assert original.degrees == 28.0
    assert not original.is_current
    event = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert (event.action, event.entity, event.entity_uuid) == ("amend", "reading", amended.uuid)
    assert event.clinician == "Bo Ek"
    assert event.patient_uuid == patient.uuid
    assert json.loads(event.before)["degrees"] == 28.0
    assert json.loads(event.after)["degrees"] == 31.5
    assert check.check_database() == []


def test_void_retires_the_reading(db) -> None:
    patient, (left, right) = seed()
    marker = amendments.void_reading(right.id or 0, "measured the wrong patient")
    assert marker.is_void
    assert not marker.is_current
    current = readings.readings_for_patient(patient.id or 0)
    assert [r.id for r in current] == [left.id]
    assert m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get().action == "void"
    assert amendments.current_version_of(right.id or 0) is None
    assert check.check_database() == []


def test_history_is_the_whole_chain_oldest_first(db) -> None:
    _patient, (left, _right) = seed()
    first = amendments.amend_reading(left.id or 0, 30, "typo")
    second = amendments.amend_reading(first.id or 0, 32, "re-measured the same day")
    for start in (left.id, first.id, second.id):
        chain = amendments.reading_history(start or 0)
        assert [r.degrees for r in chain] == [28.0, 30.0, 32.0]
        assert [r.is_current for r in chain] == [False, False, True]
        assert chain[0].clinician == "Ann Lee"
    marker = amendments.void_reading(second.id or 0, "wrong side")
    chain = amendments.reading_history(left.id or 0)
    assert [r.id for r in chain] == [left.id, first.id, second.id, marker.id]
    assert not any(r.is_current for r in chain)


def _audit_count() -> int:
    return int(m.AuditEvent.select().count())


@pytest.mark.parametrize(
    ("degrees", "reason", "message"),
    [
        (31.0, "", "reason is required"),
        (31.0, "   ", "reason is required"),
        (28.0, "same", "nothing to amend"),
        (400.0, "typo", "not possible"),
        (float("nan"), "typo", "not a number"),
    ],
)
def test_bad_amendment_changes_nothing(db, degrees: float, reason: str, message: str) -> None:
    _patient, (left, _right) = seed()
    before = (_audit_count(), m.Reading.select().count())
    with pytest.raises(ValidationError, match=message):
        amendments.amend_reading(left.id or 0, degrees, reason)
    assert (_audit_count(), m.Reading.select().count()) == before


def test_only_the_current_reading_can_be_corrected(db) -> None:
    _patient, (left, right) = seed()
    amendments.amend_reading(left.id or 0, 30, "typo")
    with pytest.raises(ValidationError, match="already amended"):
        amendments.amend_reading(left.id or 0, 31, "again")
    with pytest.raises(ValidationError, match="already amended"):
        amendments.void_reading(left.id or 0, "oops")
    marker = amendments.void_reading(right.id or 0, "wrong patient")
    with pytest.raises(ValidationError, match="already voided"):
        amendments.amend_reading(right.id or 0, 30, "typo")
    with pytest.raises(ValidationError, match="void"):
        amendments.amend_reading(marker.id or 0, 30, "typo")
    with pytest.raises(NotFoundError):
        amendments.amend_reading(99999, 30, "typo")
    with pytest.raises(NotFoundError):
        amendments.reading_history(99999)


def test_amended_reading_is_audited_as_current_state(db) -> None:
    """The chain still verifies and the original row is untouched after corrections."""
    _patient, (left, _right) = seed()
    original = audit.snapshot(m.Reading.get_by_id(left.id))
    amendments.amend_reading(left.id or 0, 30, "typo")
    assert audit.snapshot(m.Reading.get_by_id(left.id)) == original


@pytest.mark.parametrize("sql", [
    'UPDATE "reading" SET "degrees" = 99',
    'DELETE FROM "reading"',
    'UPDATE "audit_event" SET "clinician" = \'x\'',
    'DELETE FROM "audit_event"',
])
def test_the_database_refuses_to_change_readings_and_audit_events(db, sql: str) -> None:
    """Append-only is the database's rule too (migration 5), on SQLite and PostgreSQL; an
    amendment and a void are new rows, so they still work."""
    from peewee import DatabaseError

    _patient, (left, right) = seed()
    before = [tuple(r) for r in m.Reading.select().order_by(m.Reading.id).tuples()]
    events = m.AuditEvent.select().count()
    with pytest.raises(DatabaseError, match="append-only"), m.database_proxy.atomic():
        m.database_proxy.obj.execute_sql(sql)
    assert [tuple(r) for r in m.Reading.select().order_by(m.Reading.id).tuples()] == before
    assert m.AuditEvent.select().count() == events
    amendments.amend_reading(left.id or 0, 31.5, "read the wrong scale", clinician="Bo Ek")
    amendments.void_reading(right.id or 0, "wrong patient", clinician="Bo Ek")
    assert m.Reading.select().count() == 4
    assert check.check_database() == []


@pytest.mark.postgres
def test_postgres_refuses_truncate_of_readings(pg_server_url: str) -> None:
    from peewee import DatabaseError

    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    try:
        seed()
        with pytest.raises(DatabaseError, match="append-only"), m.database_proxy.atomic():
            m.database_proxy.obj.execute_sql('TRUNCATE "reading" CASCADE')
        assert m.Reading.select().count() == 2
    finally:
        database.close()


def test_amendment_texts_have_the_database_limits(db: object) -> None:
    """A reason or clinician beyond the audit columns is refused before any write (PostgreSQL
    raised DataError on a 121-character clinician; SQLite stored it)."""
    patient = patients.add_patient(d.Patient("L1", "Lim", "Ada", dt.date(1970, 1, 1),
                                             d.Sex.FEMALE))
    assert patient.id is not None
    at = dt.datetime(2025, 1, 6, 9)
    saved = readings.save_visit_readings(patient.id, [d.Reading(
        d.MotionKey("hip", "internal_rotation"), d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED,
        20, at)], visit_at=at).saved[0]
    assert saved.id is not None
    events = m.AuditEvent.select().count()
    for reason, clinician, words in (("typo", "C" * 121, "clinician is 121 characters"),
                                     ("typo", "Ann\x1b[2J", "control character"),
                                     ("typo\x00", "", "reason holds a control character")):
        with pytest.raises(ValidationError, match=words):
            amendments.amend_reading(saved.id, 22, reason, clinician=clinician)
    assert m.AuditEvent.select().count() == events
    assert m.Reading.select().count() == 1
