"""Each use case does its work and says what it changed; a report's file and its audit event
are one unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from ptlog.domain import records as d
from ptlog.services import amendments, documents, patients, settings, treatments, visits
from ptlog.services.changes import Changes, Done
from ptlog.services.visits import SaveResult
from ptlog.store import models as m
from ptlog.store.errors import StoreError

HIP_IR = d.MotionKey("hip", "internal_rotation")
TAKEN = dt.datetime(2026, 1, 5, 9, 0)


def new_patient() -> d.Patient:
    done = patients.save_patient(d.Patient("UC-1", "Lind", "Eva", dt.date(1970, 3, 4),
                                           d.Sex.FEMALE))
    assert done.value.id is not None
    assert done.changes == Changes.of(patients=[done.value.id])
    return done.value


def save_two(patient: d.Patient) -> Done[SaveResult]:
    return visits.save_visit(
        patient.id or 0,
        [d.Reading(HIP_IR, side, d.Mode.ACTIVE, d.Position.SEATED, deg, TAKEN)
         for side, deg in ((d.Side.LEFT, 28.0), (d.Side.RIGHT, 35.0))],
        visit_at=TAKEN, clinician="Ann Lee")


def events(action: str) -> int:
    return int(m.AuditEvent.select().where(m.AuditEvent.action == action).count())


def test_saving_a_visit_changes_that_patients_visits_and_readings(db) -> None:
    patient = new_patient()
    done = save_two(patient)
    assert len(done.value.saved) == 2
    assert done.changes == Changes.of(visits=[patient.id], readings=[patient.id])
    again = save_two(patient)  # the same readings again: none added, the visit is reused
    assert again.value.already_present == 2
    assert again.changes == Changes.of(visits=[patient.id])


def test_amend_and_void_change_the_readings_of_their_patient(db) -> None:
    patient = new_patient()
    left, right = save_two(patient).value.saved
    amended = amendments.amend_reading(left.id or 0, 31.0, "wrong scale")
    assert amended.value.degrees == 31.0
    assert amended.changes == Changes.of(readings=[patient.id])
    voided = amendments.void_reading(right.id or 0, "wrong patient")
    assert voided.value.is_void
    assert voided.changes == Changes.of(readings=[patient.id])


def test_patient_edits_archive_and_goals(db) -> None:
    patient = new_patient()
    goal = d.Goal(0, HIP_IR, 40.0, label="deep squat")
    edited = patients.save_patient(dataclasses.replace(patient, diagnosis="FAI"),
                                   new_goals=[goal])
    assert edited.value.diagnosis == "FAI"
    assert [g.label for g in patients.goals_for_patient(patient.id or 0)] == ["deep squat"]
    archived = patients.toggle_archived(patient.id or 0)
    assert archived.value.archived
    assert archived.changes.patient_list
    assert not patients.toggle_archived(patient.id or 0).value.archived


def test_treatments_change_the_treatments_of_their_patient(db) -> None:
    patient = new_patient()
    added = treatments.save_treatment(
        d.Treatment(patient.id or 0, d.TreatmentKind.PHYSICAL_THERAPY, dt.date(2026, 1, 6)))
    assert added.value.id is not None
    assert added.changes == Changes.of(treatments=[patient.id])
    removed = treatments.remove_treatment(added.value)
    assert removed.changes == Changes.of(treatments=[patient.id])
    assert patients.open_record(patient.id or 0).treatments == ()


def test_settings_change_every_open_patient(db) -> None:
    done = settings.save_clinic_settings(
        dataclasses.replace(settings.clinic_settings(), clinic_name="Harbour PT"))
    assert done.changes.settings
    assert done.changes.touches(1)
    assert settings.clinic_settings().clinic_name == "Harbour PT"


def test_a_saved_report_is_one_file_and_one_audit_event(db, tmp_path: Path) -> None:
    patient = new_patient()
    save_two(patient)
    record = patients.open_record(patient.id or 0)
    document = documents.build_document("handout", record, settings.clinic_settings())
    assert document.data.startswith(b"%PDF")
    assert document.suggested_name == "UC-1-handout.pdf"
    before = events("report")
    written = documents.save_document(document, tmp_path / "handout.pdf")
    assert written.read_bytes() == document.data
    assert events("report") == before + 1


def test_a_report_that_cannot_be_written_leaves_no_audit_event(db, tmp_path: Path) -> None:
    patient = new_patient()
    save_two(patient)
    document = documents.build_document("report", patients.open_record(patient.id or 0),
                                        settings.clinic_settings())
    before = events("report")
    with pytest.raises(StoreError, match="does not exist"):
        documents.save_document(document, tmp_path / "missing" / "report.pdf")
    assert events("report") == before
    assert not (tmp_path / "missing").exists()


def test_no_readings_no_document(db) -> None:
    from ptlog.store.errors import NotFoundError

    patient = new_patient()
    with pytest.raises(NotFoundError, match="no readings yet"):
        documents.build_document("report", patients.open_record(patient.id or 0),
                                 settings.clinic_settings())
