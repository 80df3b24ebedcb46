"""Save a visit: the readings typed in one session, all stored or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ptlog.domain.records import Reading, Visit, VisitKind
from ptlog.services.changes import Changes, Done
from ptlog.store import readings as _readings
from ptlog.store.readings import SaveResult

__all__ = ["SaveResult", "save_visit", "set_visit_notes"]


def save_visit(patient_id: int, readings: Sequence[Reading], *, visit_at: dt.datetime,
               kind: VisitKind = VisitKind.FOLLOW_UP, clinician: str = "",
               pain: int | None = None, notes: str = "", utc_offset: int | None = None,
               late_entry: bool = False) -> Done[SaveResult]:
    """Store the visit and its readings in one transaction (``visit_at`` on the clinic's wall
    clock, ``utc_offset`` its offset in minutes; ``late_entry`` when documented a later day)."""
    result = _readings.save_visit_readings(patient_id, readings, visit_at=visit_at, kind=kind,
                                           clinician=clinician, pain=pain, notes=notes,
                                           utc_offset=utc_offset, late_entry=late_entry)
    changes = Changes.of(visits=[patient_id], readings=[patient_id] if result.saved else [])
    return Done(result, changes)


def set_visit_notes(visit: Visit, notes: str) -> Done[Visit]:
    """Replace a visit's notes (the progress report's notes): versioned and audited."""
    saved = _readings.set_visit_notes(visit.id or 0, notes, expected_version=visit.version)
    return Done(saved, Changes.of(visits=[visit.patient_id]))
