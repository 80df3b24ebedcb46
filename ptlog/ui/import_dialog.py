"""File → Import…: bring a spreadsheet in (ptlog's CSV, any CSV, an .xlsx) with a mapping.

Choose a file, see its first rows as the importer reads them, say what each column holds (a
field or a measurement; the header text suggests one), choose the date order and what the sheet
lacks (defaults), then *Check*: every problem is listed with its cell before anything is
written. *Import* writes all or nothing on a worker thread; the progress bar counts rows and
Cancel rolls back. The mapping is kept for the next file with the same columns and can be saved
as a ``--map`` file for ``ptlog import``.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog
from ptlog.domain.date_order import DateOrder
from ptlog.domain.i18n import Translator
from ptlog.input_files import NotAFile, not_a_file
from ptlog.services.interchange import (
    FIELDS,
    CsvImportError,
    ImportCancelled,
    ImportOptions,
    ImportResult,
    Mapping,
    Measurement,
    Target,
    cell_text,
    import_file,
    is_excel,
    mapping_from_json,
    open_table_head,
    sheet_names,
    suggest,
)
from ptlog.store.errors import StoreError
from ptlog.ui import tasks
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

PREVIEW_ROWS = 12
_PREVIEW_BYTES = 1 << 18  # the start of a CSV file read for its preview (256 KiB)
_WARNINGS_SHOWN = 5  # in the "Import finished" message; the rest under "Show Details…"
_WARNINGS_LISTED = 1000  # in the list and under "Show Details…"
NOT_IMPORTED = QT_TRANSLATE_NOOP("ImportDialog", "(not imported)")
# what each column of ptlog's CSV is called in the window (the column name stays beside it:
# it is the file format, the same in every language)
FIELD_LABELS = {
    "chart": QT_TRANSLATE_NOOP("ImportDialog", "Chart"),
    "family_name": QT_TRANSLATE_NOOP("ImportDialog", "Family name"),
    "given_name": QT_TRANSLATE_NOOP("ImportDialog", "Given name"),
    "birth_date": QT_TRANSLATE_NOOP("ImportDialog", "Birth date"),
    "sex": QT_TRANSLATE_NOOP("ImportDialog", "Sex"),
    "visit_date": QT_TRANSLATE_NOOP("ImportDialog", "Visit date"),
    "clinician": QT_TRANSLATE_NOOP("ImportDialog", "Clinician"),
    "joint": QT_TRANSLATE_NOOP("ImportDialog", "Joint"),
    "motion": QT_TRANSLATE_NOOP("ImportDialog", "Motion"),
    "side": QT_TRANSLATE_NOOP("ImportDialog", "Side"),
    "mode": QT_TRANSLATE_NOOP("ImportDialog", "Mode"),
    "position": QT_TRANSLATE_NOOP("ImportDialog", "Position"),
    "degrees": QT_TRANSLATE_NOOP("ImportDialog", "Degrees"),
    "instrument": QT_TRANSLATE_NOOP("ImportDialog", "Instrument"),
    "note": QT_TRANSLATE_NOOP("ImportDialog", "Note"),
    "kind": QT_TRANSLATE_NOOP("ImportDialog", "Kind"),
    "start_date": QT_TRANSLATE_NOOP("ImportDialog", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("ImportDialog", "End date"),
    "sessions": QT_TRANSLATE_NOOP("ImportDialog", "Sessions"),
    "cost": QT_TRANSLATE_NOOP("ImportDialog", "Cost"),
}
# the fields a sheet often lacks, with what the clinic would type
DEFAULTS = (
    ("chart", QT_TRANSLATE_NOOP("ImportDialog", "e.g. 2024-117")), ("family_name", ""),
    ("given_name", ""), ("birth_date", "YYYY-MM-DD"),
    ("sex", QT_TRANSLATE_NOOP("ImportDialog", "Female, Male, Other, Unknown")),
    ("clinician", ""),
    ("position", QT_TRANSLATE_NOOP("ImportDialog", "Seated, Prone, Supine, Standing")),
    ("mode", QT_TRANSLATE_NOOP("ImportDialog", "Active, Passive")),
    ("instrument", QT_TRANSLATE_NOOP("ImportDialog", "Universal goniometer")),
)

DATE_ORDERS = {
    "YMD": QT_TRANSLATE_NOOP("ImportDialog", "Year-month-day (ISO, 2026-06-15)"),
    "DMY": QT_TRANSLATE_NOOP("ImportDialog", "Day/month/year (15/06/2026)"),
    "MDY": QT_TRANSLATE_NOOP("ImportDialog", "Month/day/year (06/15/2026)"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text) if text else ""


def _field_label(name: str) -> str:
    return _tr(FIELD_LABELS[name]) if name in FIELD_LABELS else name.replace("_", " ")


def _target_label(target: Target) -> str:
    words = labels()
    if isinstance(target, Measurement):
        spec = catalog()[d.MotionKey(target.joint, target.motion)]
        return f"{words(spec.label)}, {words(d.Side(target.side).label)}"
    return f"{_field_label(target)} ({target})"


def _targets() -> list[Target]:
    out: list[Target] = list(FIELDS)
    for key in catalog():
        out += [Measurement(key.joint, key.motion, side.value) for side in d.Side]
    return out


def _mapping_key(header: list[str]) -> str:
    """The settings key of the mapping kept for a sheet with these columns."""
    text = "\x1f".join(" ".join(h.casefold().split()) for h in header)
    return "import/mappings/" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class _Progress(QObject):
    """Rows counted on the worker thread, shown on the GUI thread (queued signal)."""

    counted = Signal(int, int)


class ImportDialog(FittedDialog):
    """The import dialog; ``imported`` is emitted with the result when rows were written."""

    imported = Signal(object)
    file_read = Signal()  # a chosen file's first rows are shown, or why they cannot be

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import readings or treatments"))
        self.resize(1000, 680)
        self.header: list[str] = []
        self.targets: dict[int, Target | None] = {}
        self._choices = _targets()
        self._cancel = threading.Event()
        self._busy = False
        self._reading = 0  # the file read last asked for: a late answer to an older one is dropped

        self.path = QLineEdit(self)
        self.path.setAccessibleName("File to import")
        self.path.setPlaceholderText(self.tr(
                "a .csv or .xlsx file — type its path and press Enter, "
                "or Choose…"))
        self.choose = QPushButton(self.tr("&Choose…"), self)
        self.choose.setAccessibleName("Choose file")
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet")
        self.date_order = QComboBox(self)
        self.date_order.setAccessibleName("Date order")
        for order in DateOrder:
            self.date_order.addItem(_tr(DATE_ORDERS[order.value]), order.value)

        self.preview = QTableWidget(self)
        self.preview.setAccessibleName("Preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setTabKeyNavigation(False)
        self.preview.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)

        self.columns = QListWidget(self)
        tab_moves_on(self.columns)
        self.columns.setAccessibleName("Columns")
        self.holds = QComboBox(self)
        self.holds.setAccessibleName("Column holds")
        self.holds.addItem(_tr(NOT_IMPORTED), None)
        for target in self._choices:
            self.holds.addItem(_target_label(target), target)
        self.holds.setMaxVisibleItems(20)

        self.defaults: dict[str, QLineEdit] = {}
        defaults_box = QGroupBox(self.tr("When the sheet has no column for it"), self)
        defaults_form = QFormLayout(defaults_box)
        for name, hint in DEFAULTS:
            edit = QLineEdit(defaults_box)
            edit.setAccessibleName(f"Default {name.replace('_', ' ')}")
            edit.setPlaceholderText(_tr(hint))
            self.defaults[name] = edit
            defaults_form.addRow(_field_label(name), edit)

        self.problems = QListWidget(self)
        tab_moves_on(self.problems)
        self.problems.setAccessibleName("Problems")
        self.status = QLabel(self.tr("Choose a file."), self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Import status")

        self.check = QPushButton(self.tr("C&heck"), self)
        self.check.setAccessibleName("Check")
        self.run = QPushButton(self.tr("&Import"), self)
        self.run.setAccessibleName("Import")
        self.save = QPushButton(self.tr("&Save mapping…"), self)
        self.save.setAccessibleName("Save mapping")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName("Close")
        for button in (self.choose, self.check, self.run, self.save, self.close_button):
            button.setAutoDefault(False)

        top = QGridLayout()
        top.addWidget(self._label(self.tr("&File"), self.path), 0, 0)
        top.addWidget(self.path, 0, 1)
        top.addWidget(self.choose, 0, 2)
        top.addWidget(self._label(self.tr("Shee&t"), self.sheet), 1, 0)
        top.addWidget(self.sheet, 1, 1)
        top.addWidget(self._label(self.tr("&Dates"), self.date_order), 2, 0)
        top.addWidget(self.date_order, 2, 1)

        mapping = QGridLayout()
        mapping.addWidget(QLabel(self.tr("Columns of the sheet"), self), 0, 0)
        mapping.addWidget(self.columns, 1, 0, 2, 1)
        mapping.addWidget(self._label(self.tr("&What this column holds"), self.holds), 0, 1)
        mapping.addWidget(self.holds, 1, 1)
        # the nine fields scroll (Tab brings each into view) rather than take the preview's
        # rows: on a 768-pixel screen the preview kept two of its twelve rows
        defaults_area = QScrollArea(self)
        defaults_area.setWidget(defaults_box)
        defaults_area.setWidgetResizable(True)
        defaults_area.setFrameShape(QScrollArea.Shape.NoFrame)
        defaults_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.defaults_area = defaults_area
        mapping.addWidget(defaults_area, 2, 1)
        mapping.setColumnStretch(0, 1)
        mapping.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addStretch(1)
        buttons.addWidget(self.check)
        buttons.addWidget(self.run)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("First rows, as the importer reads them"), self))
        layout.addWidget(self.preview, 4)
        layout.addLayout(mapping, 4)
        layout.addWidget(QLabel(self.tr("Problems (nothing is written while there are any)"), self))
        layout.addWidget(self.problems, 2)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.path.returnPressed.connect(self._on_path_entered)
        self.choose.clicked.connect(self._on_choose_clicked)
        self.sheet.activated.connect(self._on_sheet_activated)
        self.columns.currentRowChanged.connect(self._on_columns_current_changed)
        self.holds.currentIndexChanged.connect(self._on_holds_changed)
        self.check.clicked.connect(self._on_check_clicked)
        self.run.clicked.connect(self._on_import_clicked)
        self.save.clicked.connect(self._on_save_clicked)
        self.close_button.clicked.connect(self.reject)
        self._set_loaded(False)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # --- choosing the file -------------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import"), "",
            self.tr("Spreadsheets (*.csv *.xlsx *.xlsm *.txt);;All files (*)"))
        if path:
            self.path.setText(path)
            self.load(Path(path))

    def _on_path_entered(self) -> None:
        if self.path.text().strip():
            self.load(Path(self.path.text().strip()))

    def _on_sheet_activated(self, _index: int) -> None:
        self.load(Path(self.path.text().strip()), self.sheet.currentText())

    def load(self, path: Path, sheet: str | None = None) -> None:
        """Read the file's header and first rows on a worker thread (a 100,000-reading
        workbook takes seconds to open, a million-reading CSV a third of a second: the window
        must not stop for them); then show them and propose a mapping (the one kept for these
        columns, else suggestions from the header text). ``file_read`` tells it is done."""
        self.problems.clear()
        self._set_loaded(False)
        self._reading += 1
        ticket = self._reading
        self.status.setText(self.tr("Reading {file}…").format(file=path.name))

        def shown(first: _FirstRows) -> None:
            if ticket == self._reading:  # not a file chosen since, nor a closed dialog
                self._show_file(path, first)
                self.file_read.emit()

        def refused(exc: BaseException) -> None:
            if ticket != self._reading:
                return
            if isinstance(exc, StoreError | _NotAFile):
                text = exc.text(labels()) if isinstance(exc, CsvImportError | _NotAFile) \
                    else str(exc)
                self.status.setText(text.splitlines()[0])  # in the window's language
            else:
                self.status.setText("")
                show_error(self, exc, "reading the file")
            self.file_read.emit()

        tasks.run_in_background(lambda: _first_rows(path, sheet), shown, refused)

    def _show_file(self, path: Path, first: _FirstRows) -> None:
        """The rows ``load`` read: the sheets, the preview, the mapping, the status line."""
        names = first.sheet_names
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        if first.sheet is not None:
            self.sheet.setCurrentText(first.sheet)
        self.sheet.setEnabled(len(names) > 1)
        self.sheet.blockSignals(False)
        self.header = first.header
        self._show_preview(first.rows)
        saved = QSettings().value(_mapping_key(self.header))
        if isinstance(saved, str) and self._apply_saved(saved):
            note = self.tr("the mapping kept from the last import of a sheet with these columns")
        else:
            self.targets = {n: suggest(h) for n, h in enumerate(self.header) if h}
            note = self.tr("suggestions from the header: check each column")
        self._fill_columns()
        self._set_loaded(True)
        if first.sheet:
            what = self.tr("sheet “{sheet}”").format(sheet=first.sheet)
        elif first.separator == ";":
            what = self.tr("semicolon-separated text")
        elif first.separator == "\t":
            what = self.tr("tab-separated text")
        else:
            what = self.tr("comma-separated text")
        self.status.setText(self.tr("{file}: {what}, %Ln column(s); mapping: {note}.", "",
                                    len(self.header)).format(file=path.name, what=what,
                                                             note=note))

    def _show_preview(self, rows: list[list[str]]) -> None:
        self.preview.clear()
        self.preview.setColumnCount(len(self.header))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(self.header)
        for r, row in enumerate(rows):
            for c, text in enumerate(row[:len(self.header)]):
                self.preview.setItem(r, c, QTableWidgetItem(text))

    def _apply_saved(self, text: str) -> bool:
        try:
            mapping = mapping_from_json(json.loads(text))
        except (ValueError, StoreError):
            return False
        by_text = {h: n for n, h in enumerate(self.header)}
        self.targets = {by_text[h]: t for h, t in mapping.columns.items() if h in by_text}
        for name, edit in self.defaults.items():
            edit.setText(mapping.defaults.get(name, ""))
        self.date_order.setCurrentIndex(self.date_order.findData(mapping.date_order.value))
        return True

    def _fill_columns(self) -> None:
        self.columns.blockSignals(True)
        self.columns.clear()
        for number, text in enumerate(self.header):
            if text:
                self.columns.addItem(self._column_text(number))
        self.columns.blockSignals(False)
        self.columns.setCurrentRow(0)

    def _column_number(self, row: int) -> int:
        named = [n for n, h in enumerate(self.header) if h]
        return named[row] if 0 <= row < len(named) else -1

    def _column_text(self, number: int) -> str:
        target = self.targets.get(number)
        holds = _tr(NOT_IMPORTED) if target is None else _target_label(target)
        return f"{self.header[number]}  →  {holds}"

    # --- the mapping -------------------------------------------------------------------------

    def _on_columns_current_changed(self, row: int) -> None:
        number = self._column_number(row)
        if number < 0:
            return
        target = self.targets.get(number)
        index = 0 if target is None else self._choices.index(target) + 1
        self.holds.blockSignals(True)
        self.holds.setCurrentIndex(index)
        self.holds.blockSignals(False)

    def _on_holds_changed(self, index: int) -> None:
        row = self.columns.currentRow()
        number = self._column_number(row)
        if number < 0:
            return
        self.targets[number] = None if index <= 0 else self._choices[index - 1]
        self.columns.item(row).setText(self._column_text(number))
        self._update_defaults()

    def _update_defaults(self) -> None:
        """A default is for what no column holds: the others are greyed out."""
        mapped = {t for t in self.targets.values() if isinstance(t, str)}
        for name, edit in self.defaults.items():
            edit.setEnabled(bool(self.header) and not self._busy and name not in mapped)

    def mapping(self) -> Mapping:
        """What the dialog says, as a mapping (the same as a ``--map`` file)."""
        columns = {self.header[n]: t for n, t in sorted(self.targets.items()) if t is not None}
        mapped = {t for t in columns.values() if isinstance(t, str)}
        defaults = {name: edit.text().strip() for name, edit in self.defaults.items()
                    if edit.text().strip() and name not in mapped}
        return Mapping(columns, defaults, DateOrder(self.date_order.currentData()))

    def _options(self, dry_run: bool) -> ImportOptions:
        sheet = self.sheet.currentText() if self.sheet.count() else None
        mapping = self.mapping()
        return ImportOptions(sheet=sheet, mapping=mapping, date_order=mapping.date_order,
                             dry_run=dry_run)

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save mapping"), "ptlog-mapping.json",
                                              self.tr("Mapping (*.json)"))
        if not path:
            return
        try:
            self.mapping().save(Path(path))
        except OSError as exc:
            show_error(self, StoreError(f"cannot write {path}: {exc.strerror}"), "saving")
            return
        self.status.setText(self.tr("Mapping saved to {path}: use it with {command}").format(
            path=path, command=f"ptlog import FILE --map {Path(path).name}"))

    # --- check and import --------------------------------------------------------------------

    def _on_check_clicked(self) -> None:
        self._start(dry_run=True)

    def _on_import_clicked(self) -> None:
        self._start(dry_run=False)

    def _start(self, dry_run: bool) -> None:
        if self._busy or not self.header:
            return
        path = Path(self.path.text().strip())
        options = self._options(dry_run)
        self.problems.clear()
        self._busy = True
        self._set_loaded(True)
        self._cancel.clear()
        progress = QProgressDialog(
            self.tr("Checking every row…") if dry_run else self.tr("Importing…"),
            self.tr("Cancel"), 0, 0, self)
        progress.setAccessibleName("Import progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self._cancel.set)
        progress.rejected.connect(self._cancel.set)  # Escape
        self.progress_dialog = progress
        counter = _Progress(self)

        def counted(done: int, total: int) -> None:
            if total:
                progress.setMaximum(total)
                progress.setLabelText(self.tr("Writing: %Ln row(s) of {total}", "", done).format(
                    total=QLocale().toString(total)))
            else:
                progress.setLabelText(self.tr("Checking: %Ln row(s) read", "", done))
            progress.setValue(done if total else 0)

        counter.counted.connect(counted)
        cancel = self._cancel

        def report(done: int, total: int) -> None:  # on the worker thread
            if cancel.is_set():
                raise ImportCancelled()
            counter.counted.emit(done, total)

        def work() -> ImportResult:
            if cancel.is_set():
                raise ImportCancelled()
            return import_file(path, progress=report, options=options).value

        def finished(result: ImportResult) -> None:
            progress.close()
            self._busy = False
            self._set_loaded(True)
            self._remember()
            warnings = self._warnings(result)
            if dry_run:
                self.problems.addItem(self.tr("No problems found."))
                self.problems.addItems(warnings)
                self.status.setText(self.tr(
                    "Checked, nothing written. The import would bring: {counts}.").format(
                    counts=self.summary(result)))
                return
            done = self.tr("Imported: {counts}.").format(counts=self.summary(result))
            self.status.setText(done)
            self.imported.emit(result)
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import finished"), done,
                              QMessageBox.StandardButton.Ok, self)
            if warnings:  # said, not only in the command line's output: the user must see them
                box.setIcon(QMessageBox.Icon.Warning)
                box.setInformativeText("\n\n".join(warnings[:_WARNINGS_SHOWN]))
                box.setDetailedText("\n".join(warnings))
            box.exec()
            self.accept()

        def failed(exc: BaseException) -> None:
            progress.close()
            self._busy = False
            self._set_loaded(True)
            if isinstance(exc, CsvImportError):
                words = labels()
                for problem in exc.problems:  # the cell, then the message in the language
                    self.problems.addItem(f"{problem.where()}: {words.error_text(problem)}"
                                          if problem.message_id else str(problem))
                if exc.total > len(exc.problems):
                    self.problems.addItem(self.tr("… and %Ln more", "",
                                                  exc.total - len(exc.problems)))
                self.status.setText(self.tr(
                    "%Ln problem(s): nothing was written. Fix the sheet, or the mapping, and "
                    "check again.", "", exc.total))
                self.problems.setCurrentRow(0)
            elif isinstance(exc, ImportCancelled):
                self.status.setText(self.tr("Cancelled: nothing was imported."))
            elif isinstance(exc, StoreError):
                self.problems.addItem(str(exc))
                self.status.setText(self.tr("Nothing was written."))
            else:
                show_error(self, exc, "importing")

        progress.show()
        tasks.run_in_background(work, finished, failed)

    def _warnings(self, result: ImportResult) -> list[str]:
        """The import's warnings (an unusual value, a value added beside a stored one) as lines
        in the window's language: the first ``_WARNINGS_LISTED``, then how many more (a file of
        unusual values must not fill the list with a million lines)."""
        words = labels()
        shown = [self.tr("Warning: {warning}").format(warning=problem.text(words))
                 for problem in result.warnings[:_WARNINGS_LISTED]]
        if len(result.warnings) > _WARNINGS_LISTED:
            shown.append(self.tr("… and %Ln more", "", len(result.warnings) - _WARNINGS_LISTED))
        return shown

    def summary(self, result: ImportResult) -> str:
        """What an import added, counted with the language's plural forms (Qt's %Ln)."""
        if result.kind == "treatments":
            added, present = result.treatments_added, result.already_present
        else:
            added, present = result.treatments_added, result.treatments_present
        treatments = [self.tr("%Ln treatment(s) added", "", added),
                      self.tr("%Ln treatment(s) already present", "", present)]
        if result.kind == "treatments":
            return "; ".join(treatments)
        parts = [self.tr("%Ln reading(s) added", "", result.readings_added),
                 self.tr("%Ln reading(s) already present", "", result.already_present),
                 self.tr("%Ln patient(s)", "", result.patients_total),
                 self.tr("%Ln new patient(s)", "", result.patients_new),
                 self.tr("%Ln new visit(s)", "", result.visits_new)]
        if added or present:
            parts += treatments
        return "; ".join(parts)

    def _remember(self) -> None:
        """Keep the mapping for the next sheet with the same columns."""
        QSettings().setValue(_mapping_key(self.header),
                             json.dumps(self.mapping().to_json(), ensure_ascii=False))

    def _set_loaded(self, loaded: bool) -> None:
        if not loaded:
            self.header = []
        for widget in (self.columns, self.holds, self.check, self.run, self.save):
            widget.setEnabled(loaded and not self._busy)
        self._update_defaults()

    def reject(self) -> None:
        if self._busy:  # the worker is writing: Cancel rolls it back, then close
            self._cancel.set()
            return
        super().reject()

    def done(self, result: int) -> None:
        self._reading += 1  # a file still being read is not shown in a closed dialog
        super().done(result)


@dataclass(frozen=True)
class _FirstRows:
    """What ``load`` shows of a file: a workbook's sheets, the table read, its first rows."""

    sheet_names: list[str]
    sheet: str | None  # the workbook sheet read; None for a CSV
    header: list[str]
    separator: str
    rows: list[list[str]]


def _first_rows(path: Path, sheet: str | None) -> _FirstRows:
    """On a worker thread: the header and the first ``PREVIEW_ROWS`` rows with cells, read from
    the start of the file only (more of it while those rows run past what was read)."""
    if (reason := not_a_file(path)) is not None:
        raise _NotAFile(path, reason)
    names = sheet_names(path) if is_excel(path) else []
    size = _PREVIEW_BYTES
    while True:
        table, whole = open_table_head(path, sheet if names else None, size)
        rows: list[list[str]] = []
        try:
            for _number, cells in table.body:
                if len(rows) > PREVIEW_ROWS:  # one more begun: the ones before it are whole
                    break
                if any(c is not None and c != "" for c in cells):
                    rows.append([cell_text(c) for c in cells])
        finally:
            table.body.close()  # type: ignore[attr-defined]
        if whole or len(rows) > PREVIEW_ROWS:
            return _FirstRows(names, table.sheet, table.header, table.separator,
                              rows[:PREVIEW_ROWS])
        size *= 16


class _NotAFile(Exception):
    """The path typed or chosen is not a file to read (``input_files``): said in the
    window's language on the GUI thread."""

    def __init__(self, path: Path, reason: NotAFile) -> None:
        super().__init__(reason.value.format(path=path))
        self.path, self.reason = path, reason

    def text(self, tr: Translator) -> str:
        return tr(self.reason.value, path=self.path)
