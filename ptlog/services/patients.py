"""Find, open, create and edit patients (demographics, goals, the archive flag)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ptlog.domain.records import Goal, Patient, PatientRecord
from ptlog.services.changes import Changes, Done
from ptlog.store import goals as _goals
from ptlog.store import patient_records as _records
from ptlog.store import patients as _patients

search_patients = _patients.search_patients
count_matching_bounded = _patients.count_matching_bounded
count_patients = _patients.count_patients
get_patient = _patients.get_patient
find_by_chart = _patients.find_by_chart
get_by_chart = _patients.get_by_chart
goals_for_patient = _goals.goals_for_patient
load_patient_record = _records.load_patient_record
load_record_by_chart = _records.load_record_by_chart


def save_patient(patient: Patient, *, new_goals: Iterable[Goal] = (),
                 removed_goal_ids: Iterable[int] = ()) -> Done[Patient]:
    """Add the patient (no id yet) or update them (optimistic lock), then their goals."""
    saved = _patients.add_patient(patient) if patient.id is None \
        else _patients.update_patient(patient)
    assert saved.id is not None
    for goal_id in removed_goal_ids:
        _goals.remove_goal(goal_id)
    for goal in new_goals:
        _goals.add_goal(dataclasses.replace(goal, patient_id=saved.id))
    return Done(saved, Changes.of(patients=[saved.id]))


def set_archived(patient_id: int, archived: bool) -> Done[Patient]:
    """Archive a patient (hidden from the list, kept with every reading) or bring them back."""
    patient = _patients.set_archived(_patients.get_patient(patient_id), archived)
    return Done(patient, Changes.of(patients=[patient_id]))


def toggle_archived(patient_id: int) -> Done[Patient]:
    """Archive an active patient, restore an archived one."""
    return set_archived(patient_id, not _patients.get_patient(patient_id).archived)


def open_record(patient_id: int) -> PatientRecord:
    """Everything about one patient the views show: visits, current readings, treatments…"""
    return _records.load_patient_record(patient_id)
