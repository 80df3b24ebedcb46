"""A read-only Qt table over plain Python rows: the adapter every results table shares.

Subclasses name their ``headers`` and turn one row into its ``cells``; the rows themselves stay
plain domain objects (``row_object``, ``Qt.UserRole``), as STYLE §2 asks of item models.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from ptlog.domain.text import spreadsheet_safe

R = TypeVar("R")
# the roles ``RowsTableModel.data`` answers
_ROLES = frozenset((Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ForegroundRole))
_Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over plain rows: ``headers`` and ``cells(row) -> list[str]``."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._cells: list[list[str]] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [self.cells(row) for row in self._rows]
        self.endResetModel()

    def cells(self, row: R) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def export_cells(self, row: R) -> list[str]:
        """A row as the CSV export writes it: the shown cells unless a subclass shows dates or
        numbers the language's way (a file keeps ISO dates and a decimal point)."""
        return self.cells(row)

    def row_object(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None  # a paint or a resize to contents asks a dozen roles; these have answers
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(self._rows[index.row()], index.column())
        return None

    def foreground(self, row: R, column: int) -> QColor | None:
        return None

    def header_text(self, translated: str) -> str:
        """A column title as shown (a subclass may fill in a placeholder)."""
        return translated

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            # headers are marked with QT_TRANSLATE_NOOP under the subclass's name
            return self.header_text(QCoreApplication.translate(type(self).__name__,
                                                               self.headers[section]))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def as_csv(self) -> str:
        """The table as the user sees it, as CSV text (header row first); cells that would
        start a formula in a spreadsheet carry a leading apostrophe."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([self.header_text(h) for h in self.headers])  # English: a file format
        writer.writerows([spreadsheet_safe(str(cell)) for cell in self.export_cells(row)]
                         for row in self._rows)
        return out.getvalue()
