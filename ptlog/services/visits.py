"""Save a visit: the readings typed in one session, all stored or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ptlog.domain.records import Reading, VisitKind
from ptlog.services.changes import Changes, Done
from ptlog.store import readings as _readings
from ptlog.store.readings import SaveResult

__all__ = ["SaveResult", "save_visit"]


def save_visit(patient_id: int, readings: Sequence[Reading], *, visit_at: dt.datetime,
               kind: VisitKind = VisitKind.FOLLOW_UP, clinician: str = "",
               pain: int | None = None, notes: str = "") -> Done[SaveResult]:
    """Store the visit and its readings in one transaction (``visit_at`` naive UTC)."""
    result = _readings.save_visit_readings(patient_id, readings, visit_at=visit_at, kind=kind,
                                           clinician=clinician, pain=pain, notes=notes)
    changes = Changes.of(visits=[patient_id], readings=[patient_id] if result.saved else [])
    return Done(result, changes)
