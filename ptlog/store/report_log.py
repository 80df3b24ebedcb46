"""The audit trail's record of a report or handout: who produced which document for whom."""

from __future__ import annotations

import uuid

from ptlog.domain.records import Patient
from ptlog.store.audit_outbox import PlannedEvent, record_planned


def report_event(kind: str, patient: Patient, *, paper: str, file_name: str,
                 size_bytes: int) -> PlannedEvent:
    """The "report" event of a document saved or printed for ``patient``."""
    return PlannedEvent(
        "report", "report", str(uuid.uuid4()), patient_uuid=patient.uuid or "",
        after={"kind": kind, "patient": patient.chart, "paper": paper, "file": file_name,
               "bytes": size_bytes})


def record_report(kind: str, patient: Patient, *, paper: str, file_name: str,
                  size_bytes: int) -> None:
    """One insert-only "report" event (a printout: nothing to rename, so recorded at once)."""
    record_planned(report_event(kind, patient, paper=paper, file_name=file_name,
                                size_bytes=size_bytes))
