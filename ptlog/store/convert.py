"""Model rows to domain records (the only place that knows both shapes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ptlog.domain import records as d
from ptlog.store import models as m


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _as_datetime(value: dt.datetime | str) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def patient(row: m.Patient) -> d.Patient:
    return d.Patient(
        chart=row.chart,
        family_name=row.family_name,
        given_name=row.given_name,
        birth_date=_as_date(row.birth_date),
        sex=d.Sex(row.sex),
        dominant_side=d.Side(row.dominant_side) if row.dominant_side else None,
        diagnosis=row.diagnosis,
        referring_physician=row.referring_physician,
        contact=row.contact,
        notes=row.notes,
        archived=bool(row.archived),
        id=row.id,
        uuid=row.uuid,
        version=row.version,
        activities=tuple(key for key in (row.activities or "").split(",") if key),
    )


#: the columns ``patient_values`` expects, in order (a list page reads them as plain tuples:
#: building 200 model instances per keystroke cost more than the query)
PATIENT_COLUMNS = (
    m.Patient.chart, m.Patient.family_name, m.Patient.given_name, m.Patient.birth_date,
    m.Patient.sex, m.Patient.dominant_side, m.Patient.diagnosis, m.Patient.referring_physician,
    m.Patient.contact, m.Patient.notes, m.Patient.archived, m.Patient.id, m.Patient.uuid,
    m.Patient.version,
)


def patient_values(values: Sequence[Any]) -> d.Patient:
    """``patient`` for a row of ``PATIENT_COLUMNS`` read as a tuple."""
    (chart, family, given, birth, sex, dominant, diagnosis, physician, contact, notes, archived,
     pid, uuid, version) = values
    return d.Patient(
        chart=chart, family_name=family, given_name=given, birth_date=_as_date(birth),
        sex=d.Sex(sex), dominant_side=d.Side(dominant) if dominant else None,
        diagnosis=diagnosis, referring_physician=physician, contact=contact, notes=notes,
        archived=bool(archived), id=pid, uuid=uuid, version=version,
    )


def clinician(row: m.Clinician) -> d.Clinician:
    return d.Clinician(
        name=row.name, credentials=row.credentials, active=bool(row.active), id=row.id,
        uuid=row.uuid,
    )


def visit(row: m.Visit, clinician_name: str = "") -> d.Visit:
    return d.Visit(
        patient_id=row.patient_id,
        visit_at=_as_datetime(row.visit_at),
        kind=d.VisitKind(row.kind),
        clinician=clinician_name,
        pain=row.pain,
        notes=row.notes,
        id=row.id,
        uuid=row.uuid,
        version=row.version,
    )


def reading(
    row: m.Reading, visit_at: dt.datetime | str, clinician_name: str = "", is_current: bool = True
) -> d.Reading:
    return d.Reading(
        motion=d.MotionKey(row.joint, row.motion),
        side=d.Side(row.side),
        mode=d.Mode(row.mode),
        position=d.Position(row.position),
        degrees=float(row.degrees),
        taken_at=_as_datetime(visit_at),
        instrument=d.Instrument(row.instrument),
        note=row.note,
        clinician=clinician_name,
        visit_id=row.visit_id,
        patient_id=row.visit.patient_id if row.visit_id else None,
        id=row.id,
        uuid=row.uuid,
        created_at=_as_datetime(row.created_at) if row.created_at else None,
        created_by=row.created_by,
        supersedes_id=row.supersedes_id,
        reason=row.reason,
        is_void=bool(row.is_void),
        is_current=is_current,
    )


def treatment(row: m.Treatment) -> d.Treatment:
    return d.Treatment(
        patient_id=row.patient_id,
        kind=d.TreatmentKind(row.kind),
        start_date=_as_date(row.start_date),
        end_date=_as_date(row.end_date) if row.end_date else None,
        side=d.TreatmentSide(row.side),
        sessions_planned=row.sessions_planned,
        sessions_attended=row.sessions_attended,
        cost=row.cost,
        details=row.details,
        notes=row.notes,
        id=row.id,
        uuid=row.uuid,
        version=row.version,
    )


def goal(row: m.Goal) -> d.Goal:
    return d.Goal(
        patient_id=row.patient_id,
        motion=d.MotionKey(row.joint, row.motion),
        target_degrees=float(row.target_degrees),
        side=d.TreatmentSide(row.side),
        label=row.label,
        id=row.id,
        uuid=row.uuid,
    )
