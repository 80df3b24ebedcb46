"""The audit trail's record of a report or handout: who produced which document for whom."""

from __future__ import annotations

import uuid

from ptlog.domain.records import Patient
from ptlog.store import audit
from ptlog.store.models import database_proxy


def record_report(kind: str, patient: Patient, *, paper: str, file_name: str,
                  size_bytes: int) -> None:
    """One insert-only "report" event; call it inside the transaction that guards the file."""
    with database_proxy.atomic():
        audit.record(
            "report", "report", str(uuid.uuid4()), patient_uuid=patient.uuid or "",
            after={"kind": kind, "patient": patient.chart, "paper": paper, "file": file_name,
                   "bytes": size_bytes},
        )
