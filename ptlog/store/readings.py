"""Visits and readings: save a visit's readings in one transaction, read current values back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from peewee import JOIN, ModelSelect

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog, motion_spec
from ptlog.domain.checks import check_plausible
from ptlog.domain.limits import MAX_PAIN
from ptlog.store import audit, convert, visit_rows
from ptlog.store import models as m
from ptlog.store.change_notifications import notify_readings_changed, notify_statement
from ptlog.store.errors import NotFoundError, ValidationError, check_texts
from ptlog.store.transactions import in_transaction


@dataclass(frozen=True, slots=True)
class SaveResult:
    visit: d.Visit
    saved: tuple[d.Reading, ...]
    already_present: int  # identical readings that were stored before (not added twice)


def clinician_row(name: str) -> m.Clinician | None:
    """The clinician with this name, created on first use (names come from settings or CSV)."""
    name = name.strip()
    if not name:
        return None
    row = m.Clinician.get_or_none(m.Clinician.name == name)
    if row is None:
        row = m.Clinician.create(name=name)
        audit.record("create", "clinician", row.uuid, after=audit.snapshot(row))
    return row


def validate_reading(reading: d.Reading) -> None:
    if reading.motion not in catalog():
        raise ValidationError(f"unknown motion {reading.motion}", field=str(reading.motion))
    verdict = check_plausible(reading.degrees, motion_spec(reading.motion))
    if not verdict.accepted:
        raise ValidationError(verdict.message, field=f"{reading.motion} {reading.side.label}")
    check_texts(note=reading.note)


def _found_visit(patient: visit_rows.Found, notes: str,
                 events: list[audit.PendingEvent]) -> m.Visit:
    """The visit found at the save's time (``patient.visit_id``); a new note for it is
    appended (its audit event added to ``events``)."""
    row = m.Visit.get_by_id(patient.visit_id)
    if notes.strip() and notes.strip() != row.notes.strip():
        _add_visit_note(row, notes.strip(), patient.patient_uuid, events)
    return row


def _rows_to_add(visit: m.Visit, readings: Sequence[d.Reading], *,
                 new_visit: bool) -> tuple[list[m.Reading], int]:
    """The readings not stored yet as new rows of ``visit`` (a reading given twice, or stored in
    the visit before, is added once), and how many were left out as present."""
    rows: list[dict[str, object]] = []
    present = 0
    seen: set[tuple[object, ...]] = set()
    for reading in readings:
        key = (reading.motion, reading.side, reading.mode, reading.position,
               float(reading.degrees))
        if key in seen or (not new_visit and _same_original(visit, reading)):
            present += 1
            continue
        seen.add(key)
        rows.append({
            "visit": visit,
            "joint": reading.motion.joint,
            "motion": reading.motion.motion,
            "side": reading.side.value,
            "mode": reading.mode.value,
            "position": reading.position.value,
            "degrees": float(reading.degrees),
            "instrument": reading.instrument.value,
            "note": reading.note,
            "created_by": audit.os_user(),
        })
    return m.new_rows(m.Reading, rows), present


_VISIT_EDITS = [m.Visit.notes, m.Visit.version, m.Visit.updated_at, m.Visit.updated_by]


def _add_visit_note(row: m.Visit, note: str, patient_uuid: str,
                    events: list[audit.PendingEvent]) -> None:
    """A second save of the same visit with a new note: appended, never overwriting (audited
    with the save's other events)."""
    before = audit.snapshot(row)
    row.notes = f"{row.notes.rstrip()}\n{note}" if row.notes.strip() else note
    row.version += 1
    row.updated_at = m.utc_now()
    row.updated_by = audit.os_user()
    row.save(only=_VISIT_EDITS)  # on a clinic server no role may rewrite the other columns
    events.append(("update", "visit", row.uuid, before, audit.snapshot(row), patient_uuid))


def set_visit_notes(visit_id: int, notes: str, *, expected_version: int) -> d.Visit:
    """Replace a visit's notes (the report's notes dialog): versioned and audited."""
    from ptlog.store.errors import ConflictError

    def work() -> d.Visit:
        row = m.Visit.get_or_none(m.Visit.id == visit_id)
        if row is None:
            raise NotFoundError(f"no visit with id {visit_id}")
        if row.version != expected_version:
            raise ConflictError(f"The visit was changed by {row.updated_by or 'someone'} at "
                                f"{row.updated_at} — reload.")
        before = audit.snapshot(row)
        row.notes = notes.strip()
        row.version += 1
        row.updated_at = m.utc_now()
        row.updated_by = audit.os_user()
        row.save(only=_VISIT_EDITS)
        audit.record("update", "visit", row.uuid, before=before, after=audit.snapshot(row),
                     patient_uuid=row.patient.uuid)
        notify_readings_changed(row.patient_id)
        who = m.Clinician.get_or_none(m.Clinician.id == row.clinician_id)
        return convert.visit(row, who.name if who is not None else "")

    return in_transaction(work, where="the visit notes")


def _same_original(visit: m.Visit, reading: d.Reading) -> bool:
    return (
        m.Reading.select()
        .where(
            (m.Reading.visit == visit)
            & (m.Reading.joint == reading.motion.joint)
            & (m.Reading.motion == reading.motion.motion)
            & (m.Reading.side == reading.side.value)
            & (m.Reading.mode == reading.mode.value)
            & (m.Reading.position == reading.position.value)
            & (m.Reading.degrees == reading.degrees)
            & m.Reading.supersedes.is_null()
        )
        .exists()
    )


def save_visit_readings(
    patient_id: int,
    readings: Sequence[d.Reading],
    *,
    visit_at: dt.datetime,
    kind: d.VisitKind = d.VisitKind.FOLLOW_UP,
    clinician: str = "",
    pain: int | None = None,
    notes: str = "",
    utc_offset: int | None = None,
    late_entry: bool = False,
) -> SaveResult:
    """Store a visit and its readings in one transaction: all are saved, or none.

    ``visit_at`` is the clinic's wall clock (naive), ``utc_offset`` its offset in minutes. A
    visit at the same time for the same patient is reused, so a second save during the same
    session adds to it (a new note is appended); identical readings are not stored twice.
    """
    for reading in readings:
        validate_reading(reading)
    if pain is not None and not 0 <= pain <= MAX_PAIN:
        raise ValidationError(f"pain must be between 0 and {MAX_PAIN}", field="pain")
    check_texts(clinician=clinician.strip(), notes=notes)
    visit_at = visit_at.replace(microsecond=0)

    def work() -> SaveResult:
        name = (clinician or audit.current_clinician()).strip()
        # the audit events are written last, together: on a clinic server the chain's lock is
        # then held from there to the commit, not through every insert (16 workstations
        # saving at once queued behind it: 3 saves a second, p95 5 s)
        events: list[audit.PendingEvent] = []
        # a save's usual case, a new visit: on a server it goes in with the look-up itself
        visit = m.Visit(
            patient=patient_id, visit_at=visit_at, kind=kind.value, pain=pain, notes=notes,
            created_by=audit.os_user(), updated_by=audit.os_user(), utc_offset=utc_offset,
            late_entry=late_entry,
        )
        rows, present = _rows_to_add(visit, readings, new_visit=True)
        notify = notify_statement(patient_id) if rows else None
        patient = visit_rows.look_up_or_insert(patient_id, name, visit, rows, notify)
        if patient is None:
            raise NotFoundError(f"no patient with id {patient_id}")
        who = m.Clinician(id=patient.clinician_id, name=name) \
            if name and patient.clinician_id is not None else clinician_row(name)
        if patient.visit_id is not None:  # another save of this visit
            visit = _found_visit(patient, notes, events)
            rows, present = _rows_to_add(visit, readings, new_visit=False)
            notify = notify_statement(patient_id) if rows else None
            if rows:  # one round trip for the visit's readings and the NOTIFY on a server
                visit_rows.insert(rows, then=notify)
        elif not patient.inserted:  # on a server one round trip for all, with the NOTIFY
            visit.clinician = who
            visit_rows.insert_with_children(visit, rows, m.Reading.visit, then=notify)
        if visit.id is not None and patient.visit_id is None:
            events.append(("create", "visit", visit.uuid, None, audit.snapshot_text(visit),
                           patient.patient_uuid))
        saved: list[d.Reading] = []
        for row in rows:
            events.append(("create", "reading", row.uuid, None, audit.snapshot_text(row),
                           patient.patient_uuid))
            saved.append(convert.reading(row, visit.visit_at, who.name if who else ""))
        audit.record_many(events)  # last: on a server the chain's lock is held to the commit
        return SaveResult(convert.visit(visit, who.name if who else ""), tuple(saved), present)

    return in_transaction(work, where="the readings")


def _patient_readings_query(patient_id: int | None) -> ModelSelect[m.Reading]:
    later = m.Reading.alias("later")
    query = (
        m.Reading.select(*convert.READING_COLUMNS, later.id.is_null().alias("current"))
        .join(m.Visit)
        .join(m.Clinician, JOIN.LEFT_OUTER)
        .switch(m.Reading)
        .join(later, JOIN.LEFT_OUTER, on=(later.supersedes == m.Reading.id))
    )
    if patient_id is not None:
        query = query.where(m.Visit.patient == patient_id)
    return query.order_by(m.Visit.visit_at, m.Reading.id)


def readings_for_patient(patient_id: int, *, include_history: bool = False) -> list[d.Reading]:
    """Current readings in time order; with ``include_history`` also superseded/voided rows.

    Opening a patient with 5,000 readings must take well under 100 ms: the rows come straight
    from the driver cursor to ``convert.readings_from_columns``, the fast path.
    """
    sql, params = _patient_readings_query(patient_id).sql()
    cursor = m.database_proxy.obj.execute_sql(sql, params)
    return convert.readings_from_columns(cursor, include_history=include_history)


def all_current_readings() -> list[d.Reading]:
    """Every current reading in the clinic (cohort analyses, export)."""
    return [
        convert.reading_from_columns(row[:-1], True)
        for row in _patient_readings_query(None).tuples().iterator()
        if bool(row[-1]) and not bool(row[15])
    ]


def visits_for_patient(patient_id: int) -> list[d.Visit]:
    """Plain tuples, not model instances: hundreds of visits are read at every patient open."""
    query = (
        m.Visit.select(m.Visit.patient_id, m.Visit.visit_at, m.Visit.kind, m.Clinician.name,
                       m.Visit.pain, m.Visit.notes, m.Visit.id, m.Visit.uuid, m.Visit.version,
                       m.Visit.utc_offset, m.Visit.late_entry)
        .join(m.Clinician, JOIN.LEFT_OUTER)
        .where(m.Visit.patient == patient_id)
        .order_by(m.Visit.visit_at)
    )
    rows = cast("Iterable[tuple[Any, ...]]", query.tuples())  # peewee types rows as models
    return [_visit_from_tuple(row) for row in rows]


def _visit_from_tuple(row: tuple[Any, ...]) -> d.Visit:
    (patient_id, visit_at, kind, clinician, pain, notes, visit_id, uuid, version, utc_offset,
     late_entry) = row
    return d.Visit(patient_id=int(patient_id), visit_at=convert.as_datetime(visit_at),
                   kind=d.VisitKind(kind), clinician=str(clinician or ""),
                   pain=None if pain is None else int(pain), notes=str(notes),
                   id=int(visit_id), uuid=str(uuid), version=int(version),
                   utc_offset=None if utc_offset is None else int(utc_offset),
                   late_entry=bool(late_entry))
