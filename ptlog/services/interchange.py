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
from ptlog.store.csv_import import ImportCancelled, ImportOptions, ImportResult
from ptlog.store.csv_text import CsvImportError
from ptlog.store.output_target import OutputExistsError, check_output, write_output
from ptlog.store.sheet_mapping import (
    FIELDS,
    Mapping,
    MappingError,
    Measurement,
    Target,
    cell_text,
    load_mapping,
    mapping_from_json,
    suggest,
)
from ptlog.store.sheets import is_excel, open_table, open_table_head, sheet_names

# the import dialog previews a file as the importer reads it: the readers and the mapping's
# vocabulary come through here, so the window reaches the store only through the use cases
__all__ = ["FIELDS", "CsvImportError", "ImportCancelled", "ImportOptions", "ImportResult",
           "Mapping", "MappingError", "Measurement", "OutputExistsError", "Target",
           "cell_text", "check_output", "export_file", "export_workbook", "import_file",
           "is_excel", "load_mapping", "mapping_from_json", "open_table", "open_table_head",
           "sheet_names", "suggest", "write_output"]

Progress = Callable[[int, int], None]


def import_file(path: str | os.PathLike[str], *, progress: Progress | None = None,
                options: ImportOptions | None = None) -> Done[ImportResult]:
    """Import a readings or treatments file (ptlog CSV, any CSV, .xlsx; with a mapping), all
    or nothing; errors name line and column, or the cell. A dry run changes nothing."""
    result = _csv_import.import_csv(Path(path), progress=progress, options=options)
    if options is not None and options.dry_run:
        return Done(result, Changes())
    added = result.readings_added + result.treatments_added + result.patients_new
    return Done(result, Changes.all() if added else Changes())


#: what an export's file name says it holds
EXPORT_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".json": "fhir"}


def export_format(path: str | os.PathLike[str], asked: str | None) -> str:
    """The format to export to ``path``: ``asked``, else the one its name says (.xlsx, .json
    for FHIR), else CSV. A name that says another format than the one asked is refused
    (ValueError): ``-o clinic.xlsx`` wrote CSV text under that name, which neither Excel nor
    ptlog's own import could open."""
    named = EXPORT_SUFFIXES.get(Path(path).suffix.lower())
    if asked is None:
        return named or "csv"
    if named is not None and named != asked:
        raise ValueError(f"{Path(path).name} names a {named.upper()} file, but --format is "
                         f"{asked}: give a file name ending in "
                         f"{next(s for s, f in EXPORT_SUFFIXES.items() if f == asked)}, or "
                         "leave --format out")
    return asked


def export_file(path: str | os.PathLike[str], file_format: str, chart: str | None = None, *,
                treatments: bool = False, force: bool = False) -> int:
    """Write readings (or, for CSV, treatments) of one patient or everyone; rows written.

    ``file_format`` is ``csv`` or ``fhir``; an unknown ``chart`` raises ``NotFoundError``
    before anything is written; ``path`` must pass ``check_output`` (``force`` replaces an
    existing file).
    """
    check_output(path, force=force)
    if chart is not None:
        _patients.get_by_chart(chart)
    if file_format == "fhir":
        return _fhir.write_fhir_bundle(path, chart, force=force)
    return _csv_export.write_csv_export(path, chart, treatments=treatments, force=force)


def export_workbook(path: str | os.PathLike[str], chart: str | None = None, *,
                    force: bool = False) -> tuple[int, int]:
    """Write readings and treatments as an .xlsx workbook; (readings, treatments) written."""
    from ptlog.store import xlsx_export

    check_output(path, force=force)
    if chart is not None:
        _patients.get_by_chart(chart)
    return xlsx_export.write_xlsx_export(path, chart, force=force)
