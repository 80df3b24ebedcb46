"""Correct or void a reading: a new row supersedes the old one, which stays readable."""

from __future__ import annotations

from ptlog.domain.records import Reading
from ptlog.services.changes import Changes, Done
from ptlog.store import amendments as _amendments

reading_history = _amendments.reading_history


def _done(reading: Reading) -> Done[Reading]:
    return Done(reading, Changes.of(readings=[reading.patient_id]))


def amend_reading(reading_id: int, new_degrees: float, reason: str, *,
                  clinician: str = "") -> Done[Reading]:
    """A corrected value with its reason; returns the new current reading."""
    return _done(_amendments.amend_reading(reading_id, new_degrees, reason, clinician=clinician))


def void_reading(reading_id: int, reason: str, *, clinician: str = "") -> Done[Reading]:
    """A mistaken entry retired with its reason; returns the void marker."""
    return _done(_amendments.void_reading(reading_id, reason, clinician=clinician))
