"""Saving a visit: its audit events written together at the end, repeats not stored twice."""

from __future__ import annotations

import datetime as dt

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store import patients, readings
from ptlog.store.check import check_database

IR = d.MotionKey("hip", "internal_rotation")
WHEN = dt.datetime(2024, 5, 6, 9, 30)


def _patient() -> int:
    patient = patients.add_patient(d.Patient(chart="S1", family_name="Save", given_name="Ann",
                                             birth_date=dt.date(1970, 1, 1), sex=d.Sex.FEMALE))
    assert patient.id is not None
    return patient.id


def _reading(side: d.Side, degrees: float) -> d.Reading:
    return d.Reading(IR, side, d.Mode.ACTIVE, d.Position.SEATED, degrees, WHEN)


def test_a_new_visit_stores_a_repeated_reading_once_and_audits_in_order(db: object) -> None:
    pid = _patient()
    result = readings.save_visit_readings(
        pid, [_reading(d.Side.LEFT, 30), _reading(d.Side.LEFT, 30), _reading(d.Side.RIGHT, 31)],
        visit_at=WHEN, clinician="Ann Lee")
    assert (len(result.saved), result.already_present) == (2, 1)
    assert m.Reading.select().count() == 2
    events = [(e.action, e.entity) for e in m.AuditEvent.select().order_by(m.AuditEvent.id)
              if e.entity in ("visit", "reading")]
    assert events == [("create", "visit"), ("create", "reading"), ("create", "reading")]
    assert check_database() == []


def test_saving_the_same_visit_again_adds_only_what_is_new(db: object) -> None:
    pid = _patient()
    readings.save_visit_readings(pid, [_reading(d.Side.LEFT, 30)], visit_at=WHEN,
                                 clinician="Ann Lee")
    again = readings.save_visit_readings(
        pid, [_reading(d.Side.LEFT, 30), _reading(d.Side.RIGHT, 28.5)], visit_at=WHEN,
        clinician="Ann Lee")
    assert (len(again.saved), again.already_present) == (1, 1)
    assert m.Visit.select().count() == 1
    assert m.Reading.select().count() == 2
    assert check_database() == []
