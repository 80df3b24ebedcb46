"""Load everything about one patient as a ``PatientRecord`` for views, analyses and reports."""

from __future__ import annotations

from ptlog.domain import records as d
from ptlog.store import convert, goals, patients, readings
from ptlog.store import models as m


def treatments_for_patient(patient_id: int) -> list[d.Treatment]:
    query = (
        m.Treatment.select()
        .where(m.Treatment.patient == patient_id)
        .order_by(m.Treatment.start_date, m.Treatment.id)
    )
    return [convert.treatment(row) for row in query]


def load_patient_record(patient_id: int, *, include_history: bool = True) -> d.PatientRecord:
    patient = patients.get_patient(patient_id)
    every = readings.readings_for_patient(patient_id, include_history=include_history)
    return d.PatientRecord(
        patient=patient,
        visits=tuple(readings.visits_for_patient(patient_id)),
        readings=tuple(r for r in every if r.is_current),
        treatments=tuple(treatments_for_patient(patient_id)),
        goals=tuple(goals.goals_for_patient(patient_id)),
        history=tuple(r for r in every if not r.is_current),
    )


def load_record_by_chart(chart: str) -> d.PatientRecord:
    return load_patient_record(patients.get_by_chart(chart).id or 0)
