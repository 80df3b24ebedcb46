"""Reading a spreadsheet as a table of cells: any CSV an office suite writes, or an ``.xlsx``.

A CSV's separator (comma, semicolon or tab) is told from its header line; a byte-order mark and
CRLF line ends are accepted. An ``.xlsx`` is read with openpyxl (read-only, values only): its
first sheet, or the one named. Each cell keeps its place, so a problem can be named where the
user will look for it: ``Sheet1!M12`` in a workbook, ``line 12, column Degrees`` in a CSV.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ptlog.domain.text import composed
from ptlog.store.csv_text import CsvImportError, Problem, decode_file, decode_head

SEPARATORS = (",", ";", "\t")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")

Cells = Sequence[object]


@dataclass
class Table:
    """One sheet: its header texts and, after it, its rows (row number, cell values)."""

    file: str
    sheet: str | None  # the workbook sheet's title; None for a CSV
    header: list[str]
    body: Iterator[tuple[int, Cells]]
    sha256: Callable[[], str]
    separator: str = ","
    header_row: int = 1

    def where(self, row: int, column: int) -> str:
        """A cell's name: ``Sheet1!M12`` (xlsx) or ``12:Degrees`` (CSV line and column)."""
        if self.sheet is not None:
            return f"{sheet_ref(self.sheet)}!{column_letter(column)}{row}"
        name = self.header[column] if column < len(self.header) and self.header[column] \
            else f"column {column + 1}"
        return f"{row}:{name}"


def column_letter(column: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as Excel names columns)."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_ref(title: str) -> str:
    """A sheet title as a cell reference writes it (quoted when it holds spaces or marks)."""
    if title.replace("_", "").isalnum():
        return title
    return "'" + title.replace("'", "''") + "'"


def is_excel(path: Path) -> bool:
    return path.suffix.lower() in EXCEL_SUFFIXES


def open_table(path: Path, sheet: str | None = None) -> Table:
    """The table in ``path``: a workbook's sheet (the first unless named) or a CSV file."""
    _refuse_unreadable(path, sheet)
    if is_excel(path):
        return _excel_table(path, sheet)
    text, sha256 = decode_file(path)
    return csv_table(text, path.name, sha256)


def open_table_head(path: Path, sheet: str | None = None, size: int = 1 << 18
                    ) -> tuple[Table, bool]:
    """``open_table`` for a look at the first rows: a CSV file's first ``size`` bytes only
    (whole lines; the last row read may be cut short where a quoted cell runs on past them),
    and whether that was the whole file. A workbook is read as ``open_table`` reads it
    (openpyxl streams its rows)."""
    _refuse_unreadable(path, sheet)
    if is_excel(path):
        return _excel_table(path, sheet), True
    text, whole = decode_head(path, size)
    return csv_table(text, path.name, _no_digest), whole


def _no_digest() -> str:
    raise AssertionError("a file's head is for a look at it, not for an import")


def _refuse_unreadable(path: Path, sheet: str | None) -> None:
    if path.suffix.lower() == ".xls":
        raise _refused(path, "this is an old Excel .xls file: save it as .xlsx or CSV UTF-8")
    if sheet is not None and not is_excel(path):
        raise _refused(path, "--sheet is for .xlsx workbooks; a CSV file has one table")


def detect_separator(first_line: str) -> str:
    """The separator that cuts the header line into the most fields (comma when none does)."""
    best, most = ",", 1
    for separator in SEPARATORS:
        fields = len(next(csv.reader([first_line], delimiter=separator), []))
        if fields > most:
            best, most = separator, fields
    return best


def csv_table(text: str, name: str, sha256: Callable[[], str]) -> Table:
    end = text.find("\n")  # not ``split``: that would copy the rest of a 100 MB text
    first = (text if end < 0 else text[:end]).rstrip("\r")
    separator = detect_separator(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError([Problem(name, 1, "", "the file is empty (expected a header row)")]
                             ) from None
    except csv.Error as exc:
        raise CsvImportError([Problem(name, 1, "", f"unreadable CSV: {exc}")]) from None

    def body() -> Iterator[tuple[int, Cells]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise CsvImportError([Problem(name, reader.line_num, "",
                                              f"unreadable CSV: {exc}")]) from None
            yield reader.line_num, row

    return Table(name, None, [h.strip() for h in header], body(), sha256, separator)


def _refused(path: Path, message: str) -> CsvImportError:
    return CsvImportError([Problem(path.name, 1, "", message)])


def sheet_names(path: Path) -> list[str]:
    """The titles of a workbook's sheets (for a choice in the import dialog)."""
    workbook = _load(path)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


TREATMENTS_SHEET = "Treatments"


def treatments_sheet(path: Path) -> Table | None:
    """The sheet ptlog's own export writes treatments on, when the workbook has it (and it is
    not the first sheet, which is read anyway)."""
    workbook = _load(path)
    try:
        names = list(workbook.sheetnames)
    finally:
        workbook.close()
    if TREATMENTS_SHEET not in names[1:]:
        return None
    return _excel_table(path, TREATMENTS_SHEET)


def _load(path: Path):  # type: ignore[no-untyped-def]  # openpyxl ships no type hints
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError):
        raise _refused(path, "this is not an Excel .xlsx workbook (or it is damaged or "
                       "password-protected): save it again as .xlsx or CSV UTF-8") from None


def _excel_table(path: Path, sheet: str | None) -> Table:
    workbook = _load(path)
    if sheet is None:
        worksheet = workbook.worksheets[0]
    elif sheet in workbook.sheetnames:
        worksheet = workbook[sheet]
    else:
        names = ", ".join(workbook.sheetnames)
        workbook.close()
        raise _refused(path, f"no sheet named {sheet!r} (the workbook has: {names})")
    if not hasattr(worksheet, "iter_rows"):
        workbook.close()
        raise _refused(path, f"sheet {worksheet.title!r} is a chart, not a table")
    rows = enumerate(worksheet.iter_rows(values_only=True), 1)
    header: list[str] = []
    header_row = 1
    # the header: the first row with two cells or more filled (a title may stand above it)
    for header_row, cells in rows:  # noqa: B007 - the header's row, read after the loop
        if sum(1 for c in cells if c is not None and str(c).strip()) >= 2:
            header = ["" if c is None else composed(str(c).strip()) for c in cells]
            break
    while header and not header[-1]:
        header.pop()
    if not header:
        workbook.close()
        raise CsvImportError([Problem(path.name, 1, "", f"sheet {worksheet.title!r} is empty "
                                      "(expected a header row)")])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    def body() -> Iterator[tuple[int, Cells]]:
        try:
            for number, cells in rows:
                # a workbook's text is what it says: no CSV-style apostrophe protection to
                # undo, so a leading apostrophe is doubled for the row check to keep one
                yield number, tuple((f"'{composed(c)}" if c.startswith("'") else composed(c))
                                    if isinstance(c, str) else c for c in cells)
        finally:
            workbook.close()

    return Table(path.name, worksheet.title, header, body(), lambda: digest,
                 header_row=header_row)
