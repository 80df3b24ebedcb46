"""Corrections to readings without losing the original: amend (a new value) or void (a mistake).

Readings are append-only. Either way a new row supersedes the original with a reason, author
and time; the original row is never changed, so every value ever recorded stays readable.
"""

from __future__ import annotations

import math

from peewee import JOIN

from ptlog.domain import records as d
from ptlog.domain.catalog import motion_spec
from ptlog.domain.checks import check_plausible
from ptlog.store import audit, convert
from ptlog.store import models as m
from ptlog.store.change_notifications import notify_readings_changed
from ptlog.store.errors import NotFoundError, ValidationError, check_texts
from ptlog.store.transactions import in_transaction


def _current_row(reading_id: int) -> m.Reading:
    """The reading to correct; refuses one that was already amended or voided."""
    row = m.Reading.get_or_none(m.Reading.id == reading_id)
    if row is None:
        raise NotFoundError(f"no reading with id {reading_id}")
    later = m.Reading.get_or_none(m.Reading.supersedes == row.id)
    if later is not None:
        what = "voided" if later.is_void else "amended"
        raise ValidationError(
            f"this reading was already {what} on {later.created_at} by {later.created_by}: "
            "correct the current value instead",
            field="reading",
        )
    if row.is_void:
        raise ValidationError("this entry is a void, not a reading: it cannot be corrected",
                              field="reading")
    return row


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError("a reason is required for a correction", field="reason")
    check_texts(reason=reason)
    return reason


def _supersede(reading_id: int, degrees: float | None, reason: str, *, void: bool,
               clinician: str) -> d.Reading:
    reason = _clean_reason(reason)
    check_texts(clinician=clinician.strip())  # recorded in the audit trail's clinician column

    def work() -> d.Reading:
        original = _current_row(reading_id)
        visit = m.Visit.get_by_id(original.visit_id)
        patient = m.Patient.get_by_id(visit.patient_id)
        new_degrees = float(original.degrees) if degrees is None else float(degrees)
        if not void and new_degrees == float(original.degrees):
            raise ValidationError(
                f"the new value equals the recorded {new_degrees:g}°: nothing to amend",
                field="degrees",
            )
        row = m.Reading.create(
            visit=original.visit_id,
            joint=original.joint,
            motion=original.motion,
            side=original.side,
            mode=original.mode,
            position=original.position,
            degrees=new_degrees,
            instrument=original.instrument,
            note=original.note,
            created_by=audit.os_user(),
            supersedes=original.id,
            reason=reason,
            is_void=void,
        )
        audit.record(
            "void" if void else "amend", "reading", row.uuid,
            before=audit.snapshot(original), after=audit.snapshot(row),
            patient_uuid=patient.uuid, clinician=clinician or None,
        )
        notify_readings_changed(patient.id)
        who = m.Clinician.get_or_none(m.Clinician.id == visit.clinician_id)
        return convert.reading(row, visit.visit_at, who.name if who else "", is_current=not void)

    return in_transaction(work, where="the reading")


def amend_reading(reading_id: int, new_degrees: float, reason: str, *, clinician: str = ""
                  ) -> d.Reading:
    """Record a corrected value that supersedes the reading; returns the new current reading."""
    if not isinstance(new_degrees, int | float) or not math.isfinite(new_degrees):
        raise ValidationError("the new value is not a number of degrees", field="degrees")
    row = m.Reading.get_or_none(m.Reading.id == reading_id)
    if row is None:
        raise NotFoundError(f"no reading with id {reading_id}")
    verdict = check_plausible(float(new_degrees), motion_spec(d.MotionKey(row.joint, row.motion)))
    if not verdict.accepted:
        raise ValidationError(verdict.message, field="degrees")
    return _supersede(reading_id, float(new_degrees), reason, void=False, clinician=clinician)


def void_reading(reading_id: int, reason: str, *, clinician: str = "") -> d.Reading:
    """Retire a mistaken entry (wrong patient, wrong side…); returns the void marker row."""
    return _supersede(reading_id, None, reason, void=True, clinician=clinician)


def reading_history(reading_id: int) -> list[d.Reading]:
    """Every version of this reading, oldest first: the original, its amendments, any void."""
    start = m.Reading.get_or_none(m.Reading.id == reading_id)
    if start is None:
        raise NotFoundError(f"no reading with id {reading_id}")
    root = start
    seen = {root.id}
    while root.supersedes_id is not None and root.supersedes_id not in seen:
        root = m.Reading.get_by_id(root.supersedes_id)
        seen.add(root.id)
    chain = [root]
    while True:
        later = m.Reading.get_or_none(m.Reading.supersedes == chain[-1].id)
        if later is None or later.id in {r.id for r in chain}:
            break
        chain.append(later)
    visit_row = (
        m.Visit.select(m.Visit, m.Clinician.name.alias("clinician_name"))
        .join(m.Clinician, JOIN.LEFT_OUTER)
        .where(m.Visit.id == root.visit_id)
        .objects()
        .get()
    )
    who = getattr(visit_row, "clinician_name", None) or ""
    out = []
    for index, row in enumerate(chain):
        last = index == len(chain) - 1
        out.append(convert.reading(row, visit_row.visit_at, who,
                                   is_current=last and not row.is_void))
    return out


def current_version_of(reading_id: int) -> d.Reading | None:
    """The reading that now stands for this one (None once voided)."""
    history = reading_history(reading_id)
    return history[-1] if history[-1].is_current else None
