"""Progress reports and patient handouts: build the PDF, and write it with its audit event.

The file and the audit trail's "report" event are one unit for the window and the command
line alike: the file is renamed into place inside the transaction that records the event, so
the trail never names a document that does not exist and no document appears unaudited.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ptlog.domain.records import ClinicSettings, PatientRecord
from ptlog.store.errors import NotFoundError
from ptlog.store.output_target import OutputExistsError, check_output, write_output
from ptlog.store.report_log import record_report, report_event

__all__ = ["Document", "DocumentKind", "OutputExistsError", "build_document", "check_output",
           "record_printed", "save_document"]

if TYPE_CHECKING:
    from ptlog.domain.exercises import Exercise



class DocumentKind(StrEnum):
    """The two documents ptlog writes; the value is the audit trail's and the command's name."""

    REPORT = "report"
    HANDOUT = "handout"

    @property
    def label(self) -> str:
        return "progress report" if self is DocumentKind.REPORT else "handout"


@dataclass(frozen=True, slots=True)
class Document:
    """A finished PDF for one patient, ready to preview, print or save."""

    kind: DocumentKind
    record: PatientRecord
    paper: str
    data: bytes
    language: str = "en"

    @property
    def suggested_name(self) -> str:
        return f"{self.record.patient.chart}-{self.kind.value}.pdf"


def build_document(kind: DocumentKind | str, record: PatientRecord, settings: ClinicSettings,
                   *, paper: str | None = None, clinician_notes: str = "",
                   exercises: Sequence[Exercise] | None = None,
                   next_visit: dt.date | None = None, chain_head: str | None = None,
                   flowsheet: bool = False, language: str | None = None) -> Document:
    """The PDF for ``record``; refuses a patient without readings (nothing to report).

    ``language`` None: a handout speaks the patient's language, a report the clinic's.
    A progress report prints the audit chain head it was made from (``chain_head``, read from
    the open database when not given) in its footer: a witness of the record on paper;
    ``flowsheet`` adds the flowsheet table to a progress report."""
    kind = DocumentKind(kind)
    if not record.readings:
        raise NotFoundError(f"chart {record.patient.chart} has no readings yet: nothing to "
                            "report")
    paper = paper or settings.paper_size
    language = language or document_language(kind, record, settings)
    if kind is DocumentKind.HANDOUT:
        from ptlog.reports.handout import build_handout

        data = build_handout(record, settings, exercises, next_visit=next_visit, paper=paper,
                             language=language)
    else:
        from ptlog.reports.progress_report import build_progress_report

        data = build_progress_report(record, settings, clinician_notes=clinician_notes,
                                     paper=paper, flowsheet=flowsheet, language=language,
                                     chain_head=chain_head if chain_head is not None
                                     else documents_chain_head())
    return Document(kind, record, paper, data, language)


def document_language(kind: DocumentKind | str, record: PatientRecord,
                      settings: ClinicSettings) -> str:
    """The language a document speaks unless asked otherwise: the patient reads the handout
    (their preferred language, else the clinic's); the clinician reads the report."""
    if DocumentKind(kind) is DocumentKind.HANDOUT and record.patient.language:
        return record.patient.language
    return settings.language or "en"


def chain_head() -> str:
    """The short head of the open database's audit chain, as printed on a report."""
    from ptlog.store.audit import last_hash
    from ptlog.store.witness import short_head

    return short_head(last_hash())


documents_chain_head = chain_head  # build_document's parameter hides the function's name


def save_document(document: Document, path: str | os.PathLike[str], *,
                  force: bool = False) -> Path:
    """Write the PDF atomically and record it in the audit trail, both or neither.

    ``path`` must pass ``output_target.check_output`` (``force`` replaces an existing file);
    a file that cannot be written or audited raises a one-line ``StoreError``.
    """
    target = Path(path)
    return write_output(target, document.data, force=force, audit_event=lambda: report_event(
        document.kind.value, document.record.patient, paper=document.paper,
        file_name=target.name, size_bytes=len(document.data)))


def record_printed(document: Document) -> None:
    """A printed copy goes in the audit trail too."""
    record_report(document.kind.value, document.record.patient, paper=document.paper,
                  file_name="(printed)", size_bytes=len(document.data))
