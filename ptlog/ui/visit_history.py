"""Visit history: each visit with its readings; amended and voided originals struck through."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMenu, QMessageBox, QTreeView, QVBoxLayout, QWidget

from ptlog.domain.catalog import catalog
from ptlog.domain.records import PatientRecord, Reading

READING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Date / motion", "Side", "Degrees", "Position", "Mode", "Instrument", "Clinician",
           "Note")


def build_history_model(record: PatientRecord | None, model: QStandardItemModel) -> None:
    model.clear()
    model.setHorizontalHeaderLabels(COLUMNS)
    if record is None:
        return
    by_visit: dict[int | None, list[Reading]] = defaultdict(list)
    for reading in (*record.readings, *record.history):
        by_visit[reading.visit_id].append(reading)
    strike = QFont()
    strike.setStrikeOut(True)
    specs = catalog()
    for visit in sorted(record.visits, key=lambda v: v.visit_at, reverse=True):
        pain = f", pain {visit.pain}/10" if visit.pain is not None else ""
        head = QStandardItem(f"{visit.visit_at:%Y-%m-%d %H:%M}  {visit.kind.label}{pain}")
        head.setEditable(False)
        row = [head] + [QStandardItem("") for _ in COLUMNS[1:]]
        row[6].setText(visit.clinician)
        row[7].setText(visit.notes)
        for item in row:
            item.setEditable(False)
        for reading in sorted(by_visit.get(visit.id, []), key=lambda r: (
                str(r.motion), r.side.value, r.id or 0)):
            spec = specs.get(reading.motion)
            status = ""
            if reading.is_void:
                status = f"voided: {reading.reason}"
            elif reading.supersedes_id and reading.is_current:
                status = f"amended: {reading.reason}"
            elif not reading.is_current:
                status = "superseded"
            cells = [
                QStandardItem(spec.label if spec else str(reading.motion)),
                QStandardItem(reading.side.label),
                QStandardItem(f"{reading.degrees:g}°"),
                QStandardItem(reading.position.value),
                QStandardItem(reading.mode.value),
                QStandardItem(reading.instrument.label),
                QStandardItem(reading.clinician),
                QStandardItem(" · ".join(x for x in (status, reading.note) if x)),
            ]
            entered = (f"entered by {reading.created_by} at {reading.created_at:%Y-%m-%d %H:%M} UTC"
                       if reading.created_at else "")
            for cell in cells:
                cell.setEditable(False)
                cell.setToolTip(entered)
                cell.setData(reading.id, READING_ID_ROLE)
                if not reading.is_current:
                    cell.setFont(strike)
                    cell.setToolTip(status or "superseded by an amendment")
            head.appendRow(cells)
        model.appendRow(row)


class VisitHistory(QWidget):
    """Tree of visits → readings with Amend…/Void…/History… on a reading's context menu."""

    #: a reading was amended or voided through the context menu (patient should reload)
    reading_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self._stale = False
        self.view = QTreeView(self)
        self.view.setAccessibleName("Visit history")
        self.view.setModel(self._model)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.record: PatientRecord | None = None
        build_history_model(None, self._model)

    @property
    def model(self) -> QStandardItemModel:
        """The tree's model, brought up to date first (it is built only when needed)."""
        self._build_if_stale()
        return self._model

    def set_record(self, record: PatientRecord | None) -> None:
        """Show ``record``; 5,000 readings are 40,000 items, so they are built when seen."""
        self.record = record
        self._stale = True
        if self.isVisible():
            self._build_if_stale()

    def _build_if_stale(self) -> None:
        if not self._stale:
            return
        self._stale = False
        build_history_model(self.record, self._model)
        self.view.expandToDepth(0)
        for column, width in enumerate((300, 50, 70, 70, 60, 150, 110)):
            self.view.setColumnWidth(column, width)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._build_if_stale()
        super().showEvent(event)

    def selected_reading_id(self) -> int | None:
        index = self.view.currentIndex()
        value = index.data(READING_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def _on_view_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        reading_id = index.data(READING_ID_ROLE) if index.isValid() else None
        if reading_id is None:
            return
        menu = QMenu(self)
        menu.addAction("Amend…", lambda: self.open_dialog("AmendDialog", int(reading_id)))
        menu.addAction("Void…", lambda: self.open_dialog("VoidDialog", int(reading_id)))
        menu.addAction("History…", lambda: self.open_dialog("ReadingHistoryDialog",
                                                             int(reading_id)))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def open_dialog(self, name: str, reading_id: int) -> None:
        if name == "ReadingHistoryDialog":
            from ptlog.ui.reading_history_dialog import ReadingHistoryDialog

            ReadingHistoryDialog(self, reading_id).exec()
            return
        from ptlog.ui.amend_dialog import AmendDialog

        reading = self._reading(reading_id)
        if reading is None:
            return
        if not reading.is_current:
            QMessageBox.information(self, "Reading", "This reading was already corrected; "
                                    "amend or void its current value instead.")
            return
        if AmendDialog(self, reading, void=name == "VoidDialog").exec():
            self.reading_changed.emit()

    def _reading(self, reading_id: int) -> Reading | None:
        if self.record is None:
            return None
        return next((r for r in (*self.record.readings, *self.record.history)
                     if r.id == reading_id), None)
