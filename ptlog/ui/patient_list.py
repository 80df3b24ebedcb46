"""The patient list: search as you type over a lazy, paged model that stays fast at 100k rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain.records import Patient
from ptlog.services import patients as patient_store
from ptlog.services.changes import Changes
from ptlog.ui import tasks
from ptlog.ui.data_changes import data_changes
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.qdates import shown_date
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

PAGE = 200
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A search of the patient list: its text, whether archived patients count, the order."""

    text: str
    include_archived: bool
    sort: str
    descending: bool


def first_page(query: SearchQuery) -> tuple[int, bool, list[Patient]]:
    """The bounded count and the first page for ``query``; on a clinic server with a million
    patients a short prefix takes seconds, so the panel runs it off the GUI thread."""
    total, exact = patient_store.count_matching_bounded(
        query.text, include_archived=query.include_archived)
    rows = patient_store.search_patients(
        query.text, include_archived=query.include_archived, limit=PAGE, offset=0,
        sort=query.sort, descending=query.descending)
    return total, exact, rows


class PatientTableModel(QAbstractTableModel):
    """Rows are fetched a page at a time (``canFetchMore``/``fetchMore``), sorted in SQL."""

    COLUMNS = (QT_TRANSLATE_NOOP("PatientTableModel", "Chart"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Name"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Birth date"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Age"),
               QT_TRANSLATE_NOOP("PatientTableModel", "Diagnosis"))
    _SORT = {0: "chart", 1: "name", 2: "birth_date", 3: "birth_date", 4: "diagnosis"}
    PatientIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Patient] = []
        self._total = 0
        self._query = SearchQuery("", False, "name", False)
        self._today = dt.date.today()
        self._fetching = False
        self._loaded = False
        self._exact = True  # False: more than the bounded count match; pages until a short one

    # --- query state -------------------------------------------------------------------
    def set_query(self, text: str, include_archived: bool | None = None) -> None:
        self._query = dataclasses.replace(
            self._query, text=text, include_archived=self._query.include_archived
            if include_archived is None else include_archived)
        self.refresh()

    def refresh(self) -> None:
        self.show_found(self._query, *first_page(self._query))

    def query(self) -> SearchQuery:
        """What the list asks for now (text, archived, order): a search can run elsewhere."""
        return self._query

    def show_found(self, query: SearchQuery, total: int, exact: bool,
                   rows: list[Patient]) -> None:
        """Show the first page found for ``query`` (read here or on a worker thread)."""
        self._query = query
        self._fetching = True  # no page may be inserted while the reset is announced
        try:
            self.beginResetModel()
            self._total, self._rows, self._exact = total, rows, exact
            self._loaded = True
            self.endResetModel()
        finally:
            self._fetching = False

    def total(self) -> int:
        """Matching patients; a lower bound while ``is_exact()`` is False."""
        return self._total

    def is_exact(self) -> bool:
        return self._exact

    def patient_at(self, row: int) -> Patient | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, patient_id: int) -> int:
        for row, patient in enumerate(self._rows):
            if patient.id == patient_id:
                return row
        return -1

    # --- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return (not parent.isValid() and not self._fetching
                and (len(self._rows) < self._total or not self._exact))

    def fetchMore(self, parent: _Index) -> None:
        # views (and the model tester) may ask again from inside the insert notification
        if parent.isValid() or self._fetching:
            return
        more = patient_store.search_patients(
            self._query.text, include_archived=self._query.include_archived, limit=PAGE,
            offset=len(self._rows), sort=self._query.sort, descending=self._query.descending,
        )
        if len(more) < PAGE:  # the last page: now the total is known
            self._exact = True
            self._total = len(self._rows) + len(more)
        if not more:
            return
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self._total = max(self._total, len(self._rows))
            self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        patient = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return patient.chart
            if column == 1:
                name = patient.display_name
                return f"{name} (archived)" if patient.archived else name
            if column == 2:
                return shown_date(patient.birth_date)
            if column == 3:
                return patient.age_on(self._today)
            if column == 4:
                return patient.diagnosis
        if role == self.PatientIdRole:
            return patient.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{patient.display_name}\n{patient.diagnosis}\n{patient.referring_physician}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (QCoreApplication.translate("PatientTableModel", self.COLUMNS[section])
                    if 0 <= section < len(self.COLUMNS) else None)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._SORT.get(column, "name")
        descending = order == Qt.SortOrder.DescendingOrder
        # age sorts opposite to birth date
        descending = (not descending) if column == 3 else descending
        if self._loaded and (key, descending) == (self._query.sort, self._query.descending):
            return  # the view re-announces the same order while it is set up: no new query
        self._query = dataclasses.replace(self._query, sort=key, descending=descending)
        self.refresh()


class PatientListPanel(QWidget):
    """Search field + table; emits ``patient_activated(id)`` on Enter or double-click."""

    #: the id of the patient the user opened (Enter or double-click)
    patient_activated = Signal(int)
    #: emitted after each search with the number of matching patients
    search_finished = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setAccessibleName("Patient search")
        self.search.setPlaceholderText(self.tr("Search chart, name or birth date (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.archived = QCheckBox(self.tr("Show archived"), self)
        self.archived.setAccessibleName("Show archived patients")
        self.model = PatientTableModel(self)
        self.view = QTableView(self)
        tab_moves_on(self.view)
        self.view.setAccessibleName("Patients")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # the indicator first, so enabling sorting asks for this order (not chart descending)
        self.view.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 160, 88, 38)):
            self.view.setColumnWidth(column, width)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Patient count")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(self._run_search)
        self._searches = 0  # searches started: an answer for an older one is dropped
        self._answered = 0
        self._open_when_found = False
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return)
        self.archived.toggled.connect(self._run_search)
        self.view.activated.connect(self._on_view_activated)
        self.view.doubleClicked.connect(self._on_view_activated)
        data_changes().changed.connect(self._on_data_changed)
        self._update_count()

    def reload(self) -> None:
        self.model.refresh()
        self._update_count()

    def _on_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.patient_list:  # names, archive flags or who exists may differ
            self.reload()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def select_patient(self, patient_id: int) -> None:
        row = self.model.row_of(patient_id)
        if row >= 0:
            self.view.selectRow(row)

    def _on_search_text_changed(self, _text: str) -> None:
        self._debounce.start()

    def _run_search(self) -> None:
        """Search off the GUI thread (a million patients on a server: seconds for a short
        prefix); the newest search wins, and the list keeps its rows until it answers."""
        self._debounce.stop()
        self._searches += 1
        number = self._searches
        query = dataclasses.replace(self.model.query(), text=self.search.text(),
                                    include_archived=self.archived.isChecked())

        def found(result: tuple[int, bool, list[Patient]]) -> None:
            if number == self._searches and shiboken6.isValid(self):
                self._answered = number
                self._show_search(query, *result)

        def failed(error: BaseException) -> None:
            if number == self._searches and shiboken6.isValid(self):
                self._answered = number
                self._open_when_found = False
                show_error(self, error, "searching for patients")

        tasks.run_in_background(lambda: first_page(query), found, failed)

    def _show_search(self, query: SearchQuery, total: int, exact: bool,
                     rows: list[Patient]) -> None:
        self.model.show_found(query, total, exact, rows)
        self._update_count()
        if self.model.rowCount() and not self.view.selectionModel().hasSelection():
            self.view.selectRow(0)
        self.search_finished.emit(self.model.total())
        if self._open_when_found:
            self._open_when_found = False
            self._open_current()

    def searching(self) -> bool:
        """A search typed or asked for has not answered yet."""
        return self._debounce.isActive() or self._answered != self._searches

    def _on_search_return(self) -> None:
        if self.searching():
            self._open_when_found = True  # Return before the list answered: open what it finds
            if self._debounce.isActive():
                self._run_search()
            return
        self._open_current()

    def _open_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._on_view_activated(index)

    def _on_view_activated(self, index: QModelIndex) -> None:
        patient_id = self.model.data(index, PatientTableModel.PatientIdRole)
        if patient_id is not None:
            self.patient_activated.emit(int(patient_id))

    def _update_count(self) -> None:
        total = self.model.total()
        if not self.model.is_exact():
            self.count_label.setText(self.tr("more than {count} patients — keep typing to "
                                             "narrow").format(count=f"{total - 1:,}"))
            return
        # the domain's plural forms (the same words as ptlog patients prints)
        self.count_label.setText(labels().plural("{n} patient", "{n} patients", total))
