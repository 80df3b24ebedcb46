"""The patient view's Treatments tab: the patient's treatments (add, edit, remove) above the
comparison panel, which follows every save.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from ptlog.domain.records import PatientRecord, Treatment
from ptlog.services import patients as record_store
from ptlog.services.changes import Changes
from ptlog.services.settings import clinic_settings
from ptlog.store.errors import NotFoundError
from ptlog.ui.comparison_panel import ComparisonPanel
from ptlog.ui.data_changes import data_changes
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.qdates import shown_date
from ptlog.ui.rows_table_model import RowsTableModel
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels
from ptlog.ui.treatment_dialog import TreatmentDialog


class TreatmentListModel(RowsTableModel[Treatment]):
    headers = (QT_TRANSLATE_NOOP("TreatmentListModel", "Treatment"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "Start"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "End"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "Side"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "Sessions"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "Cost ({currency})"),
               QT_TRANSLATE_NOOP("TreatmentListModel", "Details"))
    currency_code = "USD"  # the clinic's (settings), set when the panel loads

    def header_text(self, translated: str) -> str:
        return translated.replace("{currency}", self.currency_code)

    def cells(self, t: Treatment) -> list[str]:
        words = labels()
        sessions = ""
        if t.sessions_planned is not None or t.sessions_attended is not None:
            sessions = words("{attended} of {planned}",
                             attended="" if t.sessions_attended is None else t.sessions_attended,
                             planned="" if t.sessions_planned is None else t.sessions_planned)
        return [words(t.kind.label), shown_date(t.start_date),
                shown_date(t.end_date) if t.end_date else self.tr("one day"),
                words(t.side.label), sessions,
                "" if t.cost is None else f"{round(t.cost):,}".replace(",", words.formats.group),
                t.details]


class TreatmentPanel(QWidget):
    """``set_patient(id)`` to show a patient; ``refresh()`` after readings were saved."""

    treatments_changed = Signal(int)  # patient id, after an add, edit or removal

    def __init__(self, parent: QWidget | None = None, *, reads_changes: bool = True,
                 comparison: ComparisonPanel | None = None) -> None:
        """``reads_changes=False``: a host that reads the patient itself (the patient view,
        off the GUI thread) hands each record to ``show_record``; the panel reads nothing.
        ``comparison``: a comparison panel built beforehand (in an idle turn of its own), to
        be placed here instead of building one."""
        super().__init__(parent)
        self._patient_id: int | None = None
        self._stale = False
        self._reads_changes = reads_changes
        self.model = TreatmentListModel(self)
        self.table = QTableView(self)
        tab_moves_on(self.table)
        self.table.setAccessibleName("Treatments table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self.tr("Add treatment…"), self)
        self.add_button.setAccessibleName("Add treatment")
        self.edit_button = QPushButton(self.tr("Edit / remove…"), self)
        self.edit_button.setAccessibleName("Edit treatment")
        self.comparison = comparison if comparison is not None else ComparisonPanel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.comparison)
        self.comparison.setVisible(True)  # one built beforehand was hidden until placed here
        split.setStretchFactor(1, 3)
        split.setSizes([150, 650])  # a few treatments; the comparison gets the room
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        data_changes().changed.connect(self._on_data_changed)
        self._update_buttons()

    def set_patient(self, patient_id: int | None) -> None:
        self._patient_id = patient_id
        self.refresh()

    def show_record(self, record: PatientRecord, currency_code: str) -> None:
        """Show a patient its host has read already: no query on the GUI thread (re-reading
        the 5,000-reading patient here held the window 75-160 ms on a switch to this tab)."""
        self._patient_id = record.patient.id
        self._stale = False
        self.model.currency_code = currency_code
        self.model.set_rows(record.treatments)
        self.comparison.show_patient(record)
        if self.comparison.tabs.currentIndex() == 1:
            self.comparison.reload_clinic()
        self._update_buttons()

    def refresh(self) -> None:
        self._stale = False
        if self._patient_id is None:
            self.model.set_rows([])
            self.comparison.show_patient(None)
        else:
            try:
                record = record_store.load_patient_record(self._patient_id)
            except NotFoundError:  # no longer in the database (a restore of an older backup)
                self.set_patient(None)
                return
            self.model.currency_code = clinic_settings().currency_code
            self.model.set_rows(record.treatments)
            self.comparison.show_patient(record)
            if self.comparison.tabs.currentIndex() == 1:
                self.comparison.reload_clinic()
        self._update_buttons()

    def _update_buttons(self) -> None:
        from ptlog.services.session import is_read_only

        writable = not is_read_only()
        self.add_button.setEnabled(writable and self._patient_id is not None)
        self.edit_button.setEnabled(writable and self.model.rowCount() > 0)

    def selected_treatment(self) -> Treatment | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows and self.model.rowCount() == 1:
            return self.model.row_object(0)
        return self.model.row_object(rows[0].row()) if rows else None

    def open_dialog(self, treatment: Treatment | None) -> TreatmentDialog:
        """The dialog, connected to this panel (tests drive it; the buttons ``exec`` it)."""
        assert self._patient_id is not None
        dialog = TreatmentDialog(self, self._patient_id, treatment)
        dialog.treatment_saved.connect(self._on_dialog_changed)
        dialog.treatment_removed.connect(self._on_dialog_changed)
        return dialog

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if not self._reads_changes or not changes.touches(self._patient_id):
            return  # (a host re-reads the patient and hands the record over)
        if self.isVisible() or self.isWindow():
            self.refresh()
        else:  # on a tab not shown: re-read when shown, not on every save
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_dialog_changed(self, _treatment: Any) -> None:
        # the table was refreshed when the dialog announced the change
        if self._patient_id is not None:
            self.treatments_changed.emit(self._patient_id)

    def _on_add_clicked(self) -> None:
        if self._patient_id is not None:
            self.open_dialog(None).exec()

    def _on_edit_clicked(self) -> None:
        treatment = self.selected_treatment()
        if treatment is not None and self._patient_id is not None:
            self.open_dialog(treatment).exec()

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self._on_edit_clicked()
