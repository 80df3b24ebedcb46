"""Bring readings and treatments in from a file, and write them out (CSV, FHIR R4)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ptlog.services.changes import Changes, Done
from ptlog.store import csv_export as _csv_export
from ptlog.store import csv_import as _csv_import
from ptlog.store import fhir as _fhir
from ptlog.store import patients as _patients
from ptlog.store.csv_import import ImportResult

__all__ = ["ImportResult", "export_file", "import_file"]

Progress = Callable[[int, int], None]


def import_file(path: str | os.PathLike[str], *,
                progress: Progress | None = None) -> Done[ImportResult]:
    """Import a readings or treatments file, all or nothing; errors name line and column."""
    result = _csv_import.import_csv(Path(path), progress=progress)
    added = result.readings_added + result.treatments_added + result.patients_new
    return Done(result, Changes.all() if added else Changes())


def export_file(path: str | os.PathLike[str], file_format: str, chart: str | None = None, *,
                treatments: bool = False) -> int:
    """Write readings (or, for CSV, treatments) of one patient or everyone; rows written.

    ``file_format`` is ``csv`` or ``fhir``; an unknown ``chart`` raises ``NotFoundError``
    before anything is written.
    """
    if chart is not None:
        _patients.get_by_chart(chart)
    if file_format == "fhir":
        return _fhir.write_fhir_bundle(path, chart)
    return _csv_export.write_csv_export(path, chart, treatments=treatments)
