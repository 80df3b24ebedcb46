"""Patient records: create, edit with optimistic locking, look up and search."""

from __future__ import annotations

import dataclasses
import datetime as dt

from peewee import IntegrityError

from ptlog.domain import records as d
from ptlog.domain.text import fold
from ptlog.store import audit, convert
from ptlog.store import models as m
from ptlog.store.errors import ConflictError, NotFoundError, ValidationError

EDITABLE_FIELDS = (
    "chart", "family_name", "given_name", "birth_date", "sex", "dominant_side", "diagnosis",
    "referring_physician", "contact", "notes", "archived",
)


def validate(patient: d.Patient, today: dt.date | None = None) -> None:
    """Refuse a record a clinic could not use; ``ValidationError.field`` names the input."""
    today = today or dt.date.today()
    if not patient.chart.strip():
        raise ValidationError("the chart number is required", field="chart")
    if len(patient.chart) > 40:
        raise ValidationError("the chart number is longer than 40 characters", field="chart")
    if not patient.family_name.strip():
        raise ValidationError("the family name is required", field="family_name")
    if not patient.given_name.strip():
        raise ValidationError("the given name is required", field="given_name")
    if patient.birth_date > today:
        raise ValidationError("the birth date is in the future", field="birth_date")
    if patient.birth_date.year < 1880:
        raise ValidationError("the birth date is before 1880", field="birth_date")


def _row_values(patient: d.Patient) -> dict[str, object]:
    return {
        "chart": patient.chart.strip(),
        "family_name": patient.family_name.strip(),
        "given_name": patient.given_name.strip(),
        "family_key": fold(patient.family_name),
        "given_key": fold(patient.given_name),
        "birth_date": patient.birth_date,
        "sex": patient.sex.value,
        "dominant_side": patient.dominant_side.value if patient.dominant_side else None,
        "diagnosis": patient.diagnosis,
        "referring_physician": patient.referring_physician,
        "contact": patient.contact,
        "notes": patient.notes,
        "archived": patient.archived,
    }


def add_patient(patient: d.Patient) -> d.Patient:
    validate(patient)
    with m.database_proxy.atomic():
        if m.Patient.select().where(m.Patient.chart == patient.chart.strip()).exists():
            raise ValidationError(
                f"chart number {patient.chart} is already used by another patient", field="chart"
            )
        row = m.Patient.create(**_row_values(patient), updated_by=audit.os_user())
        audit.record("create", "patient", row.uuid, after=audit.snapshot(row),
                     patient_uuid=row.uuid)
    return convert.patient(row)


def update_patient(patient: d.Patient) -> d.Patient:
    """Save an edit made from ``patient.version``; ``ConflictError`` if someone saved first."""
    if patient.id is None:
        raise ValueError("update_patient needs a stored patient")
    validate(patient)
    with m.database_proxy.atomic():
        before = m.Patient.get_or_none(m.Patient.id == patient.id)
        if before is None:
            raise NotFoundError(f"patient {patient.chart} no longer exists")
        clash = m.Patient.get_or_none(
            (m.Patient.chart == patient.chart.strip()) & (m.Patient.id != patient.id)
        )
        if clash is not None:
            raise ValidationError(
                f"chart number {patient.chart} is already used by another patient", field="chart"
            )
        values = _row_values(patient)
        values.update(
            version=m.Patient.version + 1, updated_at=m.utc_now(), updated_by=audit.os_user()
        )
        changed = (
            m.Patient.update(**values)
            .where((m.Patient.id == patient.id) & (m.Patient.version == patient.version))
            .execute()
        )
        if changed != 1:
            raise ConflictError(
                f"{before.family_name}, {before.given_name} was changed by {before.updated_by} at "
                f"{before.updated_at} — reload to see their change, then re-apply yours",
                changed_by=before.updated_by,
                changed_at=str(before.updated_at),
            )
        after = m.Patient.get_by_id(patient.id)
        audit.record("update", "patient", after.uuid, before=audit.snapshot(before),
                     after=audit.snapshot(after), patient_uuid=after.uuid)
    return convert.patient(after)


def set_archived(patient: d.Patient, archived: bool) -> d.Patient:
    return update_patient(dataclasses.replace(patient, archived=archived))


def get_patient(patient_id: int) -> d.Patient:
    row = m.Patient.get_or_none(m.Patient.id == patient_id)
    if row is None:
        raise NotFoundError(f"no patient with id {patient_id}")
    return convert.patient(row)


def find_by_chart(chart: str) -> d.Patient | None:
    row = m.Patient.get_or_none(m.Patient.chart == chart.strip())
    return convert.patient(row) if row else None


def get_by_chart(chart: str) -> d.Patient:
    found = find_by_chart(chart)
    if found is None:
        raise NotFoundError(f"no patient with chart number {chart!r}")
    return found


def search_condition(text: str):  # type: ignore[no-untyped-def]
    """Every word must prefix-match the chart, a name, or the birth date (YYYY-MM-DD)."""
    condition = None
    for word in text.split():
        key = fold(word)
        term = (
            m.Patient.chart.startswith(word)
            | m.Patient.family_key.startswith(key)
            | m.Patient.given_key.startswith(key)
        )
        if word[:1].isdigit():
            term = term | m.Patient.birth_date.cast("text").startswith(word)
        condition = term if condition is None else condition & term
    return condition


def search_patients(
    text: str = "", *, include_archived: bool = False, limit: int | None = None, offset: int = 0
) -> list[d.Patient]:
    query = m.Patient.select()
    condition = search_condition(text)
    if condition is not None:
        query = query.where(condition)
    if not include_archived:
        query = query.where(m.Patient.archived == False)  # noqa: E712 - peewee expression
    query = query.order_by(m.Patient.family_key, m.Patient.given_key, m.Patient.chart)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [convert.patient(row) for row in query]


def count_patients(*, include_archived: bool = True) -> int:
    query = m.Patient.select()
    if not include_archived:
        query = query.where(m.Patient.archived == False)  # noqa: E712
    return int(query.count())


def is_duplicate_chart_error(error: IntegrityError) -> bool:
    return "chart" in str(error).lower()
