"""Treatments in the store: validation, optimistic locking, audited removal, clinic outcomes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from playhouse.test_utils import count_queries

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store import patients, readings, treatments
from ptlog.store.clinic import clinic_settings, save_clinic_settings
from ptlog.store.errors import ConflictError, NotFoundError, ValidationError

IR = d.MotionKey("hip", "internal_rotation")
START = dt.date(2024, 3, 1)


def _patient(chart: str = "T-1") -> d.Patient:
    return patients.add_patient(d.Patient(chart, "Fam", "Giv", dt.date(1980, 1, 1), d.Sex.FEMALE))


def _visit(patient: d.Patient, offset: int, degrees: float, side: d.Side = d.Side.LEFT,
           position: d.Position = d.Position.SEATED) -> None:
    assert patient.id is not None
    when = dt.datetime.combine(START + dt.timedelta(days=offset), dt.time(10))
    readings.save_visit_readings(patient.id, [
        d.Reading(IR, side, d.Mode.ACTIVE, position, degrees, when)], visit_at=when)


def _treatment(patient: d.Patient, **changes: object) -> d.Treatment:
    assert patient.id is not None
    base = d.Treatment(patient.id, d.TreatmentKind.PHYSICAL_THERAPY, START,
                       START + dt.timedelta(days=56), d.TreatmentSide.LEFT, 10, 9, 990.0,
                       "manual therapy", "")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _events(action: str) -> list[m.AuditEvent]:
    return list(m.AuditEvent.select().where(
        (m.AuditEvent.entity == "treatment") & (m.AuditEvent.action == action)))


def test_add_update_remove_with_audit(db) -> None:
    patient = _patient()
    saved = treatments.add_treatment(_treatment(patient))
    assert saved.id is not None
    assert saved.version == 1
    assert treatments.treatments_for_patient(patient.id or 0) == [saved]
    [created] = _events("create")
    assert json.loads(created.after)["cost"] == 990.0

    edited = treatments.update_treatment(dataclasses.replace(saved, sessions_attended=10,
                                                             notes="all sessions"))
    assert edited.version == 2
    assert edited.sessions_attended == 10
    [update] = _events("update")
    assert json.loads(update.before)["sessions_attended"] == 9
    assert json.loads(update.after)["sessions_attended"] == 10

    treatments.remove_treatment(edited)
    assert treatments.treatments_for_patient(patient.id or 0) == []
    [deleted] = _events("delete")
    before = json.loads(deleted.before)
    assert before["uuid"] == saved.uuid
    assert before["notes"] == "all sessions"
    assert deleted.after is None


def test_conflict_names_who_and_keeps_the_first_save(db) -> None:
    patient = _patient()
    saved = treatments.add_treatment(_treatment(patient))
    treatments.update_treatment(dataclasses.replace(saved, cost=1000.0))
    with pytest.raises(ConflictError, match="changed by .* — reload") as info:
        treatments.update_treatment(dataclasses.replace(saved, cost=5.0))
    assert info.value.changed_by
    assert treatments.get_treatment(saved.id or 0).cost == 1000.0
    with pytest.raises(ConflictError):
        treatments.remove_treatment(saved)  # stale version: refuse to delete
    assert len(treatments.treatments_for_patient(patient.id or 0)) == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": START - dt.timedelta(days=1)}, "end_date"),
        ({"cost": -1.0}, "cost"),
        ({"sessions_planned": -2}, "sessions_planned"),
        ({"sessions_attended": -1}, "sessions_attended"),
        ({"kind": "massage"}, "kind"),
        ({"side": "X"}, "side"),
    ],
)
def test_validation_names_the_field_and_changes_nothing(db, changes, field) -> None:
    patient = _patient()
    events = m.AuditEvent.select().count()
    with pytest.raises(ValidationError) as info:
        treatments.add_treatment(_treatment(patient, **changes))
    assert info.value.field == field
    assert m.Treatment.select().count() == 0
    assert m.AuditEvent.select().count() == events


def test_duplicate_and_missing(db) -> None:
    patient = _patient()
    saved = treatments.add_treatment(_treatment(patient))
    with pytest.raises(ValidationError, match="already has"):
        treatments.add_treatment(_treatment(patient, notes="again"))
    with pytest.raises(NotFoundError):
        treatments.add_treatment(_treatment(patient, patient_id=9999))
    treatments.remove_treatment(saved)
    with pytest.raises(NotFoundError):
        treatments.remove_treatment(saved)
    with pytest.raises(NotFoundError):
        treatments.update_treatment(saved)


def test_clinic_outcomes_bulk_and_filters(db) -> None:
    first, second, untreated = _patient("A-1"), _patient("B-2"), _patient("C-3")
    for patient, gain in ((first, 12), (second, 3)):
        _visit(patient, -5, 20)
        _visit(patient, -5, 30, position=d.Position.PRONE)
        _visit(patient, 30, 20 + gain)
        treatments.add_treatment(_treatment(patient, end_date=None,
                                            kind=d.TreatmentKind.STEROID_INJECTION))
    _visit(untreated, 1, 40)
    with count_queries() as counter:
        outcomes = treatments.clinic_outcomes()
    assert counter.count <= 5  # treatments, patients, readings, settings: not one per patient
    by_chart = {(o.chart, o.position): o for o in outcomes}
    assert set(by_chart) == {("A-1", d.Position.SEATED), ("A-1", d.Position.PRONE),
                             ("B-2", d.Position.SEATED), ("B-2", d.Position.PRONE)}
    assert by_chart[("A-1", d.Position.SEATED)].responder is True
    assert by_chart[("B-2", d.Position.SEATED)].responder is False
    assert by_chart[("A-1", d.Position.PRONE)].responder is None

    seated = treatments.clinic_outcomes(position=d.Position.SEATED)
    assert {o.position for o in seated} == {d.Position.SEATED}
    assert treatments.clinic_outcomes(motion=d.MotionKey("knee", "flexion")) == []
    assert treatments.clinic_outcomes(since=START + dt.timedelta(days=1)) == []
    assert len(treatments.clinic_outcomes(until=START)) == 4

    save_clinic_settings(dataclasses.replace(clinic_settings(),
                                             mdc_overrides={"hip.internal_rotation": 3.0}))
    again = {(o.chart, o.position): o for o in treatments.clinic_outcomes()}
    assert again[("B-2", d.Position.SEATED)].responder is True


def test_clinic_outcomes_come_a_batch_of_patients_at_a_time_in_chart_order(db) -> None:
    """``ptlog compare`` at a million patients: only a batch's readings are in memory at once,
    and the outcomes are the same, in the same (Python's) chart order, whatever the batch."""
    charts = ["b-1", "A-2", "a-3", "C-0", "B-9"]
    for n, chart in enumerate(charts):
        patient = _patient(chart)
        _visit(patient, -5, 20)
        _visit(patient, 30, 22 + n * 3)
        treatments.add_treatment(_treatment(patient, end_date=None))
    whole = treatments.clinic_outcomes()
    assert [o.chart for o in whole] == sorted(charts)  # "A-2", "B-9", "C-0", "a-3", "b-1"
    with count_queries() as counter:
        batched = list(treatments.iter_clinic_outcomes(patients_at_once=2))
    assert batched == whole
    # the treated patients and the settings once, then three queries a batch of two
    assert counter.count == 2 + 3 * 3
    assert list(treatments.iter_clinic_outcomes(since=START + dt.timedelta(days=1),
                                                patients_at_once=2)) == []
