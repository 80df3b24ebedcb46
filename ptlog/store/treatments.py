"""Treatments: add, edit with optimistic locking, remove (audited), and the clinic's outcomes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import cast

from ptlog.domain import records as d
from ptlog.domain.i18n import N_, Figure
from ptlog.domain.limits import MAX_COST, MAX_SESSIONS
from ptlog.domain.treatment_analysis import TreatmentOutcome, analyse_patient
from ptlog.store import audit, clinic, convert
from ptlog.store import models as m
from ptlog.store.change_notifications import notify_readings_changed
from ptlog.store.errors import ConflictError, NotFoundError, ValidationError, check_texts
from ptlog.store.patient_records import treatments_for_patient
from ptlog.store.readings import _patient_readings_query
from ptlog.store.transactions import in_transaction

__all__ = [
    "add_treatment", "clinic_outcomes", "clinic_outcomes_in_worker", "get_treatment",
    "iter_clinic_outcomes", "remove_treatment", "treatments_for_patient", "update_treatment",
    "validate",
]



def validate(treatment: d.Treatment) -> None:
    """Refuse a treatment the analysis could not use; ``field`` names the input."""
    if not isinstance(treatment.kind, d.TreatmentKind):
        try:
            d.TreatmentKind(str(treatment.kind))
        except ValueError:
            raise ValidationError(f"{treatment.kind!r} is not a treatment kind",
                                  field="kind") from None
    if not isinstance(treatment.side, d.TreatmentSide):
        try:
            d.TreatmentSide(str(treatment.side))
        except ValueError:
            raise ValidationError(f"{treatment.side!r} is not a side (L, R or B)",
                                  field="side") from None
    if not isinstance(treatment.start_date, dt.date):
        raise ValidationError.said(N_("the start date is required"), field="start_date")
    if treatment.end_date is not None and treatment.end_date < treatment.start_date:
        raise ValidationError.said(
            N_("the end date ({end}) is before the start date ({start})"), field="end_date",
            end=treatment.end_date.isoformat(), start=treatment.start_date.isoformat())
    for name, value, label in (
        ("sessions_planned", treatment.sessions_planned, "sessions planned"),
        ("sessions_attended", treatment.sessions_attended, "sessions attended"),
    ):
        if value is not None and not 0 <= value <= MAX_SESSIONS:
            raise ValidationError(f"{label} must be between 0 and {MAX_SESSIONS}", field=name)
    if treatment.cost is not None and not 0 <= treatment.cost <= MAX_COST:
        raise ValidationError.said(N_("the cost must be from 0 to {maximum}"), field="cost",
                                   maximum=Figure(MAX_COST))
    check_texts(details=treatment.details, notes=treatment.notes)


def _row_values(treatment: d.Treatment) -> dict[str, object]:
    return {
        "kind": d.TreatmentKind(treatment.kind).value,
        "start_date": treatment.start_date,
        "end_date": treatment.end_date,
        "side": d.TreatmentSide(treatment.side).value,
        "sessions_planned": treatment.sessions_planned,
        "sessions_attended": treatment.sessions_attended,
        "cost": None if treatment.cost is None else float(treatment.cost),
        "details": treatment.details,
        "notes": treatment.notes,
    }


def _duplicate(patient_id: int, treatment: d.Treatment) -> bool:
    """The schema allows one treatment per patient, kind, start date and side."""
    query = m.Treatment.select().where(
        (m.Treatment.patient == patient_id)
        & (m.Treatment.kind == d.TreatmentKind(treatment.kind).value)
        & (m.Treatment.start_date == treatment.start_date)
        & (m.Treatment.side == d.TreatmentSide(treatment.side).value)
    )
    if treatment.id is not None:
        query = query.where(m.Treatment.id != treatment.id)
    return bool(query.exists())


def _duplicate_error(treatment: d.Treatment) -> ValidationError:
    return ValidationError(
        f"this patient already has a {d.TreatmentKind(treatment.kind).label.lower()} starting "
        f"{treatment.start_date} on side {d.TreatmentSide(treatment.side).value}",
        field="start_date")


def get_treatment(treatment_id: int) -> d.Treatment:
    row = m.Treatment.get_or_none(m.Treatment.id == treatment_id)
    if row is None:
        raise NotFoundError(f"no treatment with id {treatment_id}")
    return convert.treatment(row)


def add_treatment(treatment: d.Treatment) -> d.Treatment:
    validate(treatment)

    def work() -> d.Treatment:
        patient = m.Patient.get_or_none(m.Patient.id == treatment.patient_id)
        if patient is None:
            raise NotFoundError(f"no patient with id {treatment.patient_id}")
        if _duplicate(patient.id, treatment):
            raise _duplicate_error(treatment)
        row = m.Treatment.create(patient=patient, **_row_values(treatment),
                                 updated_by=audit.os_user())
        audit.record("create", "treatment", row.uuid, after=audit.snapshot(row),
                     patient_uuid=patient.uuid)
        notify_readings_changed(patient.id)
        return convert.treatment(row)

    return in_transaction(work, where="the treatments")


def update_treatment(treatment: d.Treatment) -> d.Treatment:
    """Save an edit made from ``treatment.version``; ``ConflictError`` if someone saved first."""
    if treatment.id is None:
        raise ValueError("update_treatment needs a stored treatment")
    validate(treatment)

    def work() -> d.Treatment:
        before = m.Treatment.get_or_none(m.Treatment.id == treatment.id)
        if before is None:
            raise NotFoundError("this treatment no longer exists (someone removed it) — reload")
        if _duplicate(before.patient_id, treatment):
            raise _duplicate_error(treatment)
        values = _row_values(treatment)
        values.update(version=m.Treatment.version + 1, updated_at=m.utc_now(),
                      updated_by=audit.os_user())
        changed = (
            m.Treatment.update(**values)
            .where((m.Treatment.id == treatment.id) & (m.Treatment.version == treatment.version))
            .execute()
        )
        if changed != 1:
            raise ConflictError(
                f"this {d.TreatmentKind(before.kind).label.lower()} was changed by "
                f"{before.updated_by or 'someone'} at {before.updated_at} — reload to see their "
                "change, then re-apply yours",
                changed_by=before.updated_by, changed_at=str(before.updated_at),
            )
        after = m.Treatment.get_by_id(treatment.id)
        patient = m.Patient.get_by_id(after.patient_id)
        audit.record("update", "treatment", after.uuid, before=audit.snapshot(before),
                     after=audit.snapshot(after), patient_uuid=patient.uuid)
        notify_readings_changed(patient.id)
        return convert.treatment(after)

    return in_transaction(work, where="the treatments")


def remove_treatment(treatment: d.Treatment) -> None:
    """Delete a treatment; the audit event keeps its last state. Refused if edited meanwhile."""
    if treatment.id is None:
        raise ValueError("remove_treatment needs a stored treatment")

    def work() -> None:
        row = m.Treatment.get_or_none(m.Treatment.id == treatment.id)
        if row is None:
            raise NotFoundError("this treatment no longer exists (someone removed it) — reload")
        if row.version != treatment.version:
            raise ConflictError(
                f"this {d.TreatmentKind(row.kind).label.lower()} was changed by "
                f"{row.updated_by or 'someone'} at {row.updated_at} — reload before removing it",
                changed_by=row.updated_by, changed_at=str(row.updated_at),
            )
        patient = m.Patient.get_by_id(row.patient_id)
        snapshot = audit.snapshot(row)
        m.Treatment.delete().where(m.Treatment.id == row.id).execute()
        audit.record("delete", "treatment", row.uuid, before=snapshot, patient_uuid=patient.uuid)
        notify_readings_changed(patient.id)

    in_transaction(work, where="the treatments")


def clinic_outcomes(
    motion: d.MotionKey | None = None,
    position: d.Position | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[TreatmentOutcome]:
    """Every patient's treatment outcomes, in chart order (``iter_clinic_outcomes``, kept)."""
    return list(iter_clinic_outcomes(motion, position, since, until))


#: patients whose readings are in memory at once while the clinic's outcomes are made
OUTCOME_PATIENTS_AT_ONCE = 2000


def iter_clinic_outcomes(
    motion: d.MotionKey | None = None,
    position: d.Position | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    *,
    patients_at_once: int = OUTCOME_PATIENTS_AT_ONCE,
) -> Iterator[TreatmentOutcome]:
    """Every patient's treatment outcomes in chart order, made ``patients_at_once`` patients
    at a time, three bulk queries each (no query per patient).

    Memory stays that of a batch whatever the clinic's size: loading every treated patient's
    readings at once grew past 16 GB at a million patients. ``since``/``until`` keep
    treatments that started in that range (inclusive); ``motion`` and ``position`` keep those
    series. Archived patients count: their history is still the clinic's.
    """
    treated = m.Treatment.select(m.Treatment.patient)
    if since is not None:
        treated = treated.where(m.Treatment.start_date >= since)
    if until is not None:
        treated = treated.where(m.Treatment.start_date <= until)
    # in chart order as Python sorts text (a server's collation may sort otherwise)
    charts = cast("list[tuple[int, str]]", list(
        m.Patient.select(m.Patient.id, m.Patient.chart).where(
            m.Patient.id.in_(treated.distinct())).tuples()))
    patient_ids = [pid for pid, _chart in sorted(charts, key=lambda row: row[1])]
    del charts
    if not patient_ids:
        return
    overrides = clinic.clinic_settings().mdc_overrides
    for start in range(0, len(patient_ids), patients_at_once):
        batch = patient_ids[start:start + patients_at_once]
        # every treatment of these patients: one outside the dates can still confound one inside
        treatments: dict[int, list[d.Treatment]] = defaultdict(list)
        for row in m.Treatment.select().where(m.Treatment.patient.in_(batch)).order_by(
                m.Treatment.patient, m.Treatment.start_date, m.Treatment.id):
            treatments[row.patient_id].append(convert.treatment(row))
        patients = {row.id: convert.patient(row)
                    for row in m.Patient.select().where(m.Patient.id.in_(batch))}
        query = _patient_readings_query(None).where(m.Visit.patient.in_(batch))
        if motion is not None:
            query = query.where((m.Reading.joint == motion.joint)
                                & (m.Reading.motion == motion.motion))
        if position is not None:
            query = query.where(m.Reading.position == position.value)
        readings: dict[int, list[d.Reading]] = defaultdict(list)
        for row in query.tuples().iterator():
            if bool(row[-1]) and not bool(row[15]):  # current and not voided
                reading = convert.reading_from_columns(row[:-1], True)
                readings[reading.patient_id or 0].append(reading)
        for patient_id in batch:  # in chart order
            record = d.PatientRecord(
                patient=patients[patient_id],
                readings=tuple(readings.get(patient_id, ())),
                treatments=tuple(treatments[patient_id]),
            )
            yield from (
                o for o in analyse_patient(record, overrides, motion)
                if (since is None or o.treatment.start_date >= since)
                and (until is None or o.treatment.start_date <= until))


def clinic_outcomes_in_worker(
    motion: d.MotionKey | None = None,
    position: d.Position | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[TreatmentOutcome]:
    """``clinic_outcomes`` for a pool thread: closes that thread's own connection afterwards."""
    try:
        return clinic_outcomes(motion, position, since, until)
    finally:
        if m.database_proxy.obj is not None:
            m.database_proxy.obj.close()  # peewee connections are per thread: only this one
