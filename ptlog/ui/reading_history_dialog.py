"""Every version of one reading, oldest first; superseded values struck through."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import records as d
from ptlog.services import amendments
from ptlog.ui.amend_dialog import describe_reading
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.qdates import shown_datetime
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

COLUMNS = (QT_TRANSLATE_NOOP("ReadingHistoryDialog", "Value"),
           QT_TRANSLATE_NOOP("ReadingHistoryDialog", "Status"),
           QT_TRANSLATE_NOOP("ReadingHistoryDialog", "Recorded (UTC)"),
           QT_TRANSLATE_NOOP("ReadingHistoryDialog", "By"),
           QT_TRANSLATE_NOOP("ReadingHistoryDialog", "Reason"))


# shown through _tr(); marked here so pyside6-lupdate extracts them
_VOIDED = QT_TRANSLATE_NOOP("ReadingHistoryDialog", "voided")
_CURRENT = QT_TRANSLATE_NOOP("ReadingHistoryDialog", "current")
_CURRENT_AMENDED = QT_TRANSLATE_NOOP("ReadingHistoryDialog", "current (amended)")
_ORIGINAL = QT_TRANSLATE_NOOP("ReadingHistoryDialog", "original, superseded")
_AMENDMENT = QT_TRANSLATE_NOOP("ReadingHistoryDialog", "amendment, superseded")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReadingHistoryDialog", text)


def status_of(reading: d.Reading, index: int) -> str:
    if reading.is_void:
        return _tr(_VOIDED)
    if reading.is_current:
        return _tr(_CURRENT) if index == 0 else _tr(_CURRENT_AMENDED)
    return _tr(_ORIGINAL) if index == 0 else _tr(_AMENDMENT)


class ReadingHistoryDialog(FittedDialog):
    """Read-only: the chain from ``amendments.reading_history`` for the reading given."""

    def __init__(self, parent: QWidget | None, reading_id: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reading history"))
        self.setMinimumWidth(620)
        self.history = amendments.reading_history(reading_id)
        header = QLabel(describe_reading(self.history[0]), self)
        header.setAccessibleName("Reading")
        header.setWordWrap(True)
        self.table = QTableWidget(len(self.history), len(COLUMNS), self)
        tab_moves_on(self.table)
        self.table.setAccessibleName("Versions")
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for row, reading in enumerate(self.history):
            value = "—" if reading.is_void else labels().degrees(reading.degrees)
            when = shown_datetime(reading.created_at) if reading.created_at else ""
            cells = (value, status_of(reading, row), when, reading.created_by, reading.reason)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not reading.is_current and column == 0:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{text} ({_tr(COLUMNS[column])})")
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
