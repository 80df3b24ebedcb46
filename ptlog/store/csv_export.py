"""Export current readings and treatments in the same CSV columns the importer reads.

Text cells that a spreadsheet would run as a formula are protected with a leading apostrophe
(``spreadsheet_safe``), which the importer removes again, so export -> import is exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from peewee import JOIN

from ptlog.domain.parse import format_number
from ptlog.domain.text import spreadsheet_safe as safe
from ptlog.store import convert
from ptlog.store import models as m
from ptlog.store.audit_outbox import PlannedEvent
from ptlog.store.csv_format import (
    READINGS_COLUMNS,
    TREATMENTS_COLUMNS,
    format_visit_time,
)
from ptlog.store.output_target import open_output

ReadingRow = tuple[str, str, str, dt.date, str, dt.datetime, str, str, str, str, str, str,
                   float, str, str]
TreatmentRow = tuple[str, str, dt.date, dt.date | None, str, int | None, float | None, str]


def current_readings(chart: str | None = None) -> Iterator[ReadingRow]:
    """Current readings (not superseded, not voided) in the export's columns and order, as
    values (dates, numbers): the CSV and the workbook export both write these."""
    later = m.Reading.alias("later")
    query = (
        m.Reading.select(
            m.Patient.chart, m.Patient.family_name, m.Patient.given_name, m.Patient.birth_date,
            m.Patient.sex, m.Visit.visit_at, m.Clinician.name, m.Reading.joint, m.Reading.motion,
            m.Reading.side, m.Reading.mode, m.Reading.position, m.Reading.degrees,
            m.Reading.instrument, m.Reading.note,
        )
        .join(m.Visit)
        .join(m.Patient)
        .switch(m.Visit)
        .join(m.Clinician, JOIN.LEFT_OUTER)
        .switch(m.Reading)
        .join(later, JOIN.LEFT_OUTER, on=(later.supersedes == m.Reading.id))
        .where(later.id.is_null() & (m.Reading.is_void == False))
        .order_by(m.Patient.chart, m.Visit.visit_at, m.Reading.joint, m.Reading.motion,
                  m.Reading.side, m.Reading.position, m.Reading.mode, m.Reading.id)
    )
    if chart is not None:
        query = query.where(m.Patient.chart == chart)
    for row in query.tuples().iterator():
        (chart_no, family, given, birth, sex, visit_at, clinician, joint, motion, side, mode,
         position, degrees, instrument, note) = row
        yield (chart_no, family, given, convert.as_date(birth), sex, convert.as_datetime(visit_at),
               clinician or "", joint, motion, side, mode, position, float(degrees), instrument,
               note)


def export_readings_csv(handle: IO[str], chart: str | None = None) -> int:
    """Write current readings (not superseded, not voided); returns the number of rows."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(READINGS_COLUMNS)
    count = 0
    for row in current_readings(chart):
        (chart_no, family, given, birth, sex, visit_at, clinician, joint, motion, side, mode,
         position, degrees, instrument, note) = row
        writer.writerow((
            safe(chart_no), safe(family), safe(given), birth.isoformat(), sex,
            format_visit_time(visit_at), safe(clinician), joint, motion, side, mode,
            position, format_number(degrees), instrument, safe(note),
        ))
        count += 1
    return count


def current_treatments(chart: str | None = None) -> Iterator[TreatmentRow]:
    """Treatments in the export's columns and order, as values."""
    query = (
        m.Treatment.select(
            m.Patient.chart, m.Treatment.kind, m.Treatment.start_date, m.Treatment.end_date,
            m.Treatment.side, m.Treatment.sessions_planned, m.Treatment.cost, m.Treatment.notes,
        )
        .join(m.Patient)
        .order_by(m.Patient.chart, m.Treatment.start_date, m.Treatment.kind, m.Treatment.id)
    )
    if chart is not None:
        query = query.where(m.Patient.chart == chart)
    for chart_no, kind, start, end, side, sessions, cost, notes in query.tuples().iterator():
        yield (chart_no, kind, convert.as_date(start), convert.as_date(end) if end else None,
               side, sessions, None if cost is None else float(cost), notes)


def export_treatments_csv(handle: IO[str], chart: str | None = None) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(TREATMENTS_COLUMNS)
    count = 0
    for chart_no, kind, start, end, side, sessions, cost, notes in current_treatments(chart):
        writer.writerow((
            safe(chart_no), kind, start.isoformat(), end.isoformat() if end else "",
            side, "" if sessions is None else sessions,
            format_number(cost) if cost is not None else "", safe(notes),
        ))
        count += 1
    return count


def write_csv_export(path: str | os.PathLike[str], chart: str | None = None, *,
                     treatments: bool = False, force: bool = False) -> int:
    """Export readings (or treatments) to ``path`` atomically and audit it; returns the rows.

    The command line and the window both export through here; the file appears only once
    its audit event is recorded (``output_target.open_output``).
    """
    writer = export_treatments_csv if treatments else export_readings_csv
    rows = [0]

    def audit_event() -> PlannedEvent:
        return PlannedEvent(
            "export", "export", str(uuid.uuid4()),
            after={"format": "csv", "what": "treatments" if treatments else "readings",
                   "patient": chart, "rows": rows[0], "file": Path(path).name})

    with open_output(path, "w", force=force, audit_event=audit_event, encoding="utf-8",
                     newline="") as handle:
        rows[0] = writer(handle, chart)
    return rows[0]
