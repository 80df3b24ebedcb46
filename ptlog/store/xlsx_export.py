"""Export readings (and treatments, on a second sheet) as an Excel workbook.

Dates are real dates and degrees real numbers, so the clinic's spreadsheet can sort, filter and
chart them; the header is frozen and the columns are wide enough to read. The columns are the
CSV export's, so ``ptlog import`` reads the workbook back exactly (both sheets at once).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ptlog.store.audit_outbox import PlannedEvent
from ptlog.store.csv_export import current_readings, current_treatments
from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS
from ptlog.store.output_target import check_output, open_output
from ptlog.store.sheets import TREATMENTS_SHEET

READINGS_SHEET = "Readings"
_WIDTHS = {  # characters; a date-time needs 16
    "chart": 14, "family_name": 18, "given_name": 14, "birth_date": 12, "sex": 5,
    "visit_date": 17, "clinician": 16, "joint": 10, "motion": 22, "side": 5, "mode": 9,
    "position": 10, "degrees": 9, "instrument": 20, "note": 30, "kind": 20, "start_date": 12,
    "end_date": 12, "sessions": 9, "cost": 10,
}
_FORMATS = {"birth_date": "yyyy-mm-dd", "start_date": "yyyy-mm-dd", "end_date": "yyyy-mm-dd"}


def write_xlsx_export(path: str | os.PathLike[str], chart: str | None = None, *,
                      force: bool = False) -> tuple[int, int]:
    """Write the workbook to ``path`` atomically once its export is audited; returns
    (readings, treatments). ``path`` must pass ``output_target.check_output``."""
    from openpyxl import Workbook

    check_output(path, force=force)
    workbook = Workbook(write_only=True)
    readings = _sheet(workbook, READINGS_SHEET, READINGS_COLUMNS, current_readings(chart))
    treatments = _sheet(workbook, TREATMENTS_SHEET, TREATMENTS_COLUMNS,
                        current_treatments(chart))

    def audit_event() -> PlannedEvent:
        return PlannedEvent(
            "export", "export", str(uuid.uuid4()),
            after={"format": "xlsx", "what": "readings and treatments", "patient": chart,
                   "rows": readings, "treatments": treatments, "file": Path(path).name})

    with open_output(path, "wb", force=force, audit_event=audit_event) as handle:
        workbook.save(handle)
    return readings, treatments


def _sheet(workbook: Any, title: str, columns: Sequence[str],
           rows: Iterable[Sequence[object]]) -> int:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for number, name in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(number)].width = _WIDTHS.get(name, 12)
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    formats = [_FORMATS.get(name) for name in columns]
    visit_at = columns.index("visit_date") if "visit_date" in columns else -1
    count = 0
    for row in rows:
        cells: list[object] = []
        for number, value in enumerate(row):
            if isinstance(value, str) and value.startswith("="):
                # text, never a formula: openpyxl would store "=…" as one, and a spreadsheet
                # would run it
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            elif formats[number] is not None and value is not None or number == visit_at:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = formats[number] or (
                    "yyyy-mm-dd" if value.time() == value.time().min else  # type: ignore[attr-defined]
                    "yyyy-mm-dd hh:mm")
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
        count += 1
    return count
