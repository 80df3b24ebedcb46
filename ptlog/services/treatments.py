"""Record, change and remove a patient's treatments (PT courses, injections, surgery)."""

from __future__ import annotations

from ptlog.domain.limits import MAX_SESSIONS
from ptlog.domain.records import Treatment
from ptlog.services.changes import Changes, Done
from ptlog.store import treatments as _treatments

__all__ = ["MAX_SESSIONS", "remove_treatment", "save_treatment"]


def save_treatment(treatment: Treatment) -> Done[Treatment]:
    """Add a treatment (no id yet) or update it (optimistic lock)."""
    saved = _treatments.add_treatment(treatment) if treatment.id is None \
        else _treatments.update_treatment(treatment)
    return Done(saved, Changes.of(treatments=[saved.patient_id]))


def remove_treatment(treatment: Treatment) -> Done[None]:
    """Remove a treatment; the audit trail keeps a copy."""
    _treatments.remove_treatment(treatment)
    return Done(None, Changes.of(treatments=[treatment.patient_id]))
