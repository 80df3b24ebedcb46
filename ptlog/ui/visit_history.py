"""Visit history: each visit with its readings; amended and voided originals struck through."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QFont, QShowEvent
from PySide6.QtWidgets import QMenu, QMessageBox, QTreeView, QVBoxLayout, QWidget

from ptlog.domain.catalog import catalog
from ptlog.domain.records import PatientRecord, Reading, Visit
from ptlog.domain.visit_time import utc_to_local
from ptlog.ui import idle
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.qdates import shown_datetime
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

READING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "Date / motion"),
           QT_TRANSLATE_NOOP("HistoryModel", "Side"), QT_TRANSLATE_NOOP("HistoryModel", "Degrees"),
           QT_TRANSLATE_NOOP("HistoryModel", "Position"),
           QT_TRANSLATE_NOOP("HistoryModel", "Mode"),
           QT_TRANSLATE_NOOP("HistoryModel", "Instrument"),
           QT_TRANSLATE_NOOP("HistoryModel", "Clinician"),
           QT_TRANSLATE_NOOP("HistoryModel", "Note"))


# shown through _tr(); marked here so pyside6-lupdate extracts them
_VOIDED = QT_TRANSLATE_NOOP("HistoryModel", "voided: {reason}")
_AMENDED = QT_TRANSLATE_NOOP("HistoryModel", "amended: {reason}")
_SUPERSEDED = QT_TRANSLATE_NOOP("HistoryModel", "superseded")
_SUPERSEDED_TIP = QT_TRANSLATE_NOOP("HistoryModel", "superseded by an amendment")
_ENTERED = QT_TRANSLATE_NOOP("HistoryModel", "entered by {user} at {time}")
_LATE_TIP = QT_TRANSLATE_NOOP(
    "HistoryModel", "Documented on a later day than the visit (a late entry)")
_PAIN = QT_TRANSLATE_NOOP("HistoryModel", ", pain {pain}/10")
_LATE = QT_TRANSLATE_NOOP("HistoryModel", "late entry")


# the roles ``HistoryModel.data`` answers
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, READING_ID_ROLE, Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.ToolTipRole))


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


def _status(reading: Reading) -> str:
    if reading.is_void:
        return _tr(_VOIDED).format(reason=reading.reason)
    if reading.supersedes_id and reading.is_current:
        return _tr(_AMENDED).format(reason=reading.reason)
    if not reading.is_current:
        return _tr(_SUPERSEDED)
    return ""


class HistoryModel(QAbstractItemModel):
    """Visits (newest first) with their readings below, every cell made when asked for.

    A tree of item objects made 40,000 items for 5,000 readings: 1.5 s with the GUI thread
    stalled whenever the History tab was opened; this model only sorts the readings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visits: list[Visit] = []
        self._readings: list[list[Reading]] = []
        # a reading's row of texts, made once: a paint asks for every cell of a row, and
        # made anew per cell the first paint of the tree cost ~30 ms
        self._cells: dict[int, tuple[str, ...]] = {}
        self._strike = QFont()
        self._strike.setStrikeOut(True)

    def set_record(self, record: PatientRecord | None) -> None:
        self.beginResetModel()
        self._visits, self._readings, self._cells = [], [], {}
        if record is not None:
            by_visit: dict[int | None, list[Reading]] = defaultdict(list)
            for reading in (*record.readings, *record.history):
                by_visit[reading.visit_id].append(reading)
            self._visits = sorted(record.visits, key=lambda v: v.visit_at, reverse=True)
            self._readings = [sorted(by_visit.get(visit.id, []), key=lambda r: (
                str(r.motion), r.side.value, r.id or 0)) for visit in self._visits]
        self.endResetModel()

    def reading_at(self, index: QModelIndex | QPersistentModelIndex) -> Reading | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._readings[index.internalId() - 1][index.row()]

    # --- Qt model API ------------------------------------------------------------------
    def index(self, row: int, column: int,
              parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # hasIndex() asks rowCount and columnCount back through Python: expanding 209 visits
        # of 5,000 readings made ~6,000 of these calls; the bounds are checked here directly,
        # with as few calls into Qt as can say it (an invalid parent's row is -1: the root)
        if row < 0 or not 0 <= column < len(COLUMNS):
            return QModelIndex()
        visit_row = parent.row()
        if visit_row < 0:
            return self.createIndex(row, column, 0) if row < len(self._visits) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0 \
                or row >= len(self._readings[visit_row]):
            return QModelIndex()
        return self.createIndex(row, column, visit_row + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()  # type: ignore[override]  # noqa: B008, E501
               ) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008, N802
                 ) -> int:
        visit_row = parent.row()  # -1: the root (an invalid index)
        if visit_row < 0:
            return len(self._visits)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._readings[visit_row])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008, N802
                    ) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("HistoryModel", COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # a paint asks for a dozen roles a cell; these few have answers
        reading = self.reading_at(index)
        if reading is None:
            return self._visit_data(self._visits[index.row()], index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._cells.get(id(reading))
            if cells is None:
                cells = self._cells[id(reading)] = self._reading_cells(reading)
            return cells[index.column()]
        if role == READING_ID_ROLE:
            return reading.id
        if role == Qt.ItemDataRole.FontRole and not reading.is_current:
            return self._strike
        if role == Qt.ItemDataRole.ToolTipRole:
            if not reading.is_current:
                return _status(reading) or _tr(_SUPERSEDED_TIP)
            return (_tr(_ENTERED).format(
                user=reading.created_by, time=shown_datetime(utc_to_local(reading.created_at)))
                if reading.created_at else "")
        return None

    @staticmethod
    def _visit_data(visit: Visit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and visit.late_entry:
            return _tr(_LATE_TIP)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            words = labels()
            pain = _tr(_PAIN).format(pain=visit.pain) if visit.pain is not None \
                else ""
            late = "  · " + _tr(_LATE) if visit.late_entry else ""
            return f"{shown_datetime(visit.visit_at)}  {words(visit.kind.label)}{pain}{late}"
        return visit.clinician if column == 6 else visit.notes if column == 7 else ""

    @staticmethod
    def _reading_cells(reading: Reading) -> tuple[str, ...]:
        spec = catalog().get(reading.motion)
        words = labels()
        return (words(spec.label) if spec else str(reading.motion), words(reading.side.label),
                words.degrees(reading.degrees), words(reading.position.value),
                words(reading.mode.value), words(reading.instrument.label), reading.clinician,
                " · ".join(x for x in (_status(reading), reading.note) if x))


class VisitHistory(QWidget):
    """Tree of visits → readings with Amend…/Void…/History… on a reading's context menu."""

    #: a reading was amended or voided through the context menu (patient should reload)
    reading_changed = Signal()
    # rows (readings and visits) opened when a record is shown, and in each later turn of the
    # event loop until every visit is open
    FIRST_ROWS, EXPAND_ROWS = 100, 1200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = HistoryModel(self)
        self._stale = False
        self._expanded = 0  # visits opened so far, from the top
        self._generation = 0  # which record's expansion is running
        self.view = QTreeView(self)
        tab_moves_on(self.view)
        self.view.setAccessibleName("Visit history")
        self.view.setModel(self._model)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        # the Menu key (or Shift+F10) asks for the menu of the selected reading: its event
        # comes to the view itself, a click's to the viewport (``_on_view_context_menu``)
        self._menu_from_keyboard = False
        self.view.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.record: PatientRecord | None = None

    @property
    def model(self) -> HistoryModel:
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
        self._model.set_record(self.record)
        for column, width in enumerate((300, 50, 70, 70, 60, 150, 110)):
            self.view.setColumnWidth(column, width)
        self._expanded = 0
        self._generation += 1
        self._expand_some(self._generation, self.FIRST_ROWS)

    def _expand_some(self, generation: int, rows: int) -> None:
        """Open the next visits (newest first) until about ``rows`` rows are shown, the rest
        in later turns of the event loop, ``EXPAND_ROWS`` a turn: 209 visits of 5,000
        readings opened at once (``expandToDepth``) held the GUI thread 60-100 ms (a few calls
        from the view into the model's Python a reading), and the tree's paint follows. The
        first turn opens what fills the view; the rest open below it, out of sight."""
        if generation != self._generation:
            return  # another record since: its own expansion runs
        model, shown = self._model, 0
        current = self.view.currentIndex()  # where the keys went meanwhile (End: the oldest)
        while self._expanded < model.rowCount() and shown < rows:
            index = model.index(self._expanded, 0)
            self.view.expand(index)
            shown += model.rowCount(index) + 1
            self._expanded += 1
        if current.isValid():  # rows opened above it must not push it out of sight
            self.view.scrollTo(current)
        if self._expanded < model.rowCount():
            idle.later(self, lambda: self._expand_some(generation, self.EXPAND_ROWS))

    def fully_expanded(self) -> bool:
        """Whether every visit is open (they open a few at a time after a record is shown)."""
        return not self._stale and self._expanded >= self._model.rowCount()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # built in a later turn of the event loop: the tab switch paints first, and the
        # tree of 5,000 readings (model, expansion, its own paint) does not add to that stall
        if self._stale:
            idle.later(self, self._build_if_stale)
        super().showEvent(event)

    def selected_reading_id(self) -> int | None:
        index = self.view.currentIndex()
        value = index.data(READING_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.view and event.type() == QEvent.Type.ContextMenu:
            assert isinstance(event, QContextMenuEvent)
            self._menu_from_keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        return super().eventFilter(watched, event)

    def _on_view_context_menu(self, pos: QPoint) -> None:
        """The menu of the reading clicked, or, from the keyboard, of the one selected: Qt
        places a keyboard menu by the selected row's rectangle in the viewport's coordinates
        but gives it in the view's, a header's height lower, so the point named the next row
        down (a correction typed for one reading went to its neighbour)."""
        from_keyboard, self._menu_from_keyboard = self._menu_from_keyboard, False
        index = self.view.currentIndex() if from_keyboard else self.view.indexAt(pos)
        if from_keyboard:
            pos = self.view.visualRect(index).center()
        reading_id = index.data(READING_ID_ROLE) if index.isValid() else None
        if reading_id is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Amend…"), lambda: self.open_dialog("AmendDialog",
                                                                   int(reading_id)))
        menu.addAction(self.tr("Void…"), lambda: self.open_dialog("VoidDialog", int(reading_id)))
        menu.addAction(self.tr("History…"), lambda: self.open_dialog("ReadingHistoryDialog",
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
            QMessageBox.information(self, self.tr(
                    "Reading"), self.tr("This reading was already corrected; "
                    "amend or void its current value instead."))
            return
        if AmendDialog(self, reading, void=name == "VoidDialog").exec():
            self.reading_changed.emit()

    def _reading(self, reading_id: int) -> Reading | None:
        if self.record is None:
            return None
        return next((r for r in (*self.record.readings, *self.record.history)
                     if r.id == reading_id), None)
