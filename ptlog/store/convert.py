"""Model rows to domain records (the only place that knows both shapes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ptlog.domain import records as d
from ptlog.store import models as m


def as_date(value: object) -> dt.date:
    """A date column's value: SQLite's driver gives ISO text, PostgreSQL's a ``date``."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def as_datetime(value: object) -> dt.datetime:
    """A timestamp column's value: ISO text from SQLite, a ``datetime`` from PostgreSQL."""
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def patient(row: m.Patient) -> d.Patient:
    return d.Patient(
        chart=row.chart,
        family_name=row.family_name,
        given_name=row.given_name,
        birth_date=as_date(row.birth_date),
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
        language=row.language or "",
    )


#: the columns ``patient_values`` expects, in order (a list page reads them as plain tuples:
#: building 200 model instances per keystroke cost more than the query)
PATIENT_COLUMNS = (
    m.Patient.chart, m.Patient.family_name, m.Patient.given_name, m.Patient.birth_date,
    m.Patient.sex, m.Patient.dominant_side, m.Patient.diagnosis, m.Patient.referring_physician,
    m.Patient.contact, m.Patient.notes, m.Patient.archived, m.Patient.id, m.Patient.uuid,
    m.Patient.version, m.Patient.activities, m.Patient.language,
)


def patient_values(values: Sequence[Any]) -> d.Patient:
    """``patient`` for a row of ``PATIENT_COLUMNS`` read as a tuple."""
    (chart, family, given, birth, sex, dominant, diagnosis, physician, contact, notes, archived,
     pid, uuid, version, activities, language) = values
    return d.Patient(
        chart=chart, family_name=family, given_name=given, birth_date=as_date(birth),
        sex=d.Sex(sex), dominant_side=d.Side(dominant) if dominant else None,
        diagnosis=diagnosis, referring_physician=physician, contact=contact, notes=notes,
        archived=bool(archived), id=pid, uuid=uuid, version=version,
        activities=tuple(key for key in (activities or "").split(",") if key),
        language=language or "",
    )


def clinician(row: m.Clinician) -> d.Clinician:
    return d.Clinician(
        name=row.name, credentials=row.credentials, active=bool(row.active), id=row.id,
        uuid=row.uuid,
    )


def visit(row: m.Visit, clinician_name: str = "") -> d.Visit:
    return d.Visit(
        patient_id=row.patient_id,
        visit_at=as_datetime(row.visit_at),
        kind=d.VisitKind(row.kind),
        clinician=clinician_name,
        pain=row.pain,
        notes=row.notes,
        id=row.id,
        uuid=row.uuid,
        version=row.version,
        utc_offset=row.utc_offset,
        late_entry=bool(row.late_entry),
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
        taken_at=as_datetime(visit_at),
        instrument=d.Instrument(row.instrument),
        note=row.note,
        clinician=clinician_name,
        visit_id=row.visit_id,
        patient_id=row.visit.patient_id if row.visit_id else None,
        id=row.id,
        uuid=row.uuid,
        created_at=as_datetime(row.created_at) if row.created_at else None,
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
        start_date=as_date(row.start_date),
        end_date=as_date(row.end_date) if row.end_date else None,
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


#: one reading's columns as the bulk queries select them, in ``d.Reading``'s field order
READING_COLUMNS = (
    m.Reading.id, m.Reading.uuid, m.Reading.visit_id, m.Reading.joint, m.Reading.motion,
    m.Reading.side, m.Reading.mode, m.Reading.position, m.Reading.degrees, m.Reading.instrument,
    m.Reading.note, m.Reading.created_at, m.Reading.created_by, m.Reading.supersedes_id,
    m.Reading.reason, m.Reading.is_void, m.Visit.visit_at, m.Clinician.name, m.Visit.patient_id,
)


def reading_from_columns(row: tuple[Any, ...], is_current: bool) -> d.Reading:
    """A row of ``READING_COLUMNS`` (the driver gives untyped values; the schema fixes them).

    The plain reference: ``readings_from_columns`` must give exactly what this gives."""
    (rid, ruuid, visit_id, joint, motion, side, mode, position, degrees, instrument, note,
     created_at, created_by, supersedes_id, reason, is_void, visit_at, clinician, patient_id) = row
    return d.Reading(
        motion=d.MotionKey(str(joint), str(motion)),
        side=d.Side(side),
        mode=d.Mode(mode),
        position=d.Position(position),
        degrees=float(degrees),
        taken_at=as_datetime(visit_at),
        instrument=d.Instrument(instrument),
        note=str(note),
        clinician=str(clinician or ""),
        visit_id=int(visit_id),
        patient_id=int(patient_id),
        id=int(rid),
        uuid=str(ruuid),
        created_at=as_datetime(created_at) if created_at else None,
        created_by=str(created_by),
        supersedes_id=int(supersedes_id) if supersedes_id else None,
        reason=str(reason),
        is_void=bool(is_void),
        is_current=is_current,
    )


def readings_from_columns(rows: Iterable[Sequence[Any]], *,
                          include_history: bool) -> list[d.Reading]:
    """Rows of ``READING_COLUMNS`` plus "no later version" (1/0), as ``Reading`` values.

    The fast path for opening a patient with thousands of readings: repeated values (motions,
    enums, visit times) are converted once each and readings are built positionally (a third
    faster than keywords). It gives what ``reading_from_columns`` gives, row by row
    (tests/store/test_fast_paths.py); without ``include_history`` superseded and voided rows
    are left out.
    """
    motions: dict[tuple[Any, Any], d.MotionKey] = {}
    times: dict[Any, dt.datetime] = {}
    sides = {s.value: s for s in d.Side}
    modes = {x.value: x for x in d.Mode}
    positions = {p.value: p for p in d.Position}
    instruments = {i.value: i for i in d.Instrument}
    out: list[d.Reading] = []
    reading = d.Reading  # positional arguments, in field order: a third faster than keywords
    for row in rows:
        (rid, ruuid, visit_id, joint, motion, side, mode, position, degrees, instrument, note,
         created_at, created_by, supersedes_id, reason, is_void, visit_at, clinician, patient,
         later_missing) = row
        current = bool(later_missing) and not is_void
        if not (current or include_history):
            continue
        key = motions.get((joint, motion))
        if key is None:
            key = motions[(joint, motion)] = d.MotionKey(str(joint), str(motion))
        taken_at = times.get(visit_at)
        if taken_at is None:
            taken_at = times[visit_at] = as_datetime(visit_at)
        if created_at:
            created = times.get(created_at)
            if created is None:
                created = times[created_at] = as_datetime(created_at)
        else:
            created = None
        out.append(reading(
            key, sides[side], modes[mode], positions[position], float(degrees), taken_at,
            instruments[instrument], str(note), str(clinician or ""), int(visit_id),
            int(patient), int(rid), str(ruuid), created, str(created_by),
            int(supersedes_id) if supersedes_id else None, str(reason), bool(is_void), current,
        ))
    return out
