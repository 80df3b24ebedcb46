"""History as a flowsheet table: motion × side down the side, visits across, flag colours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from ptlog.domain import colors
from ptlog.domain.flowsheet import Flowsheet, build_flowsheet, column_title
from ptlog.domain.norms import NormFlag
from ptlog.domain.records import PatientRecord
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

_FLAG_COLOURS = {NormFlag.BELOW: colors.ALERT, NormFlag.ABOVE: colors.WARN,
                 NormFlag.WITHIN: colors.OK}
_FLAG_WORDS = {NormFlag.BELOW: QT_TRANSLATE_NOOP("FlowsheetModel", "below normal"),
               NormFlag.ABOVE: QT_TRANSLATE_NOOP("FlowsheetModel", "above normal"),
               NormFlag.WITHIN: QT_TRANSLATE_NOOP("FlowsheetModel", "within normal")}
#: beside a value taken in another position or mode than the one before it in its row
CHANGED_MARK = "†"

_Index = QModelIndex | QPersistentModelIndex


class FlowsheetModel(QAbstractTableModel):
    """A thin adapter over ``Flowsheet`` (built in the domain)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = Flowsheet((), ())
        self._words = labels()  # the window's language, once: data() runs for every cell
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_record(self, record: PatientRecord | None,
                   mdc_overrides: dict[str, float] | None = None) -> None:
        self.beginResetModel()
        self._words = labels()
        self.sheet = build_flowsheet(record, mdc_overrides) if record is not None \
            else Flowsheet((), ())
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.sheet.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.sheet.visits)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_title(self.sheet.visits[section], self._words)
        return self.sheet.row_label(section, self._words)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.sheet.cell(index.row(), index.column())
        if cell is None:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._words.degrees(cell.degrees) + (f" {CHANGED_MARK}" if cell.changed_how
                                                     else "")
        if role == Qt.ItemDataRole.ForegroundRole and cell.flag is not None:
            return QBrush(QColor(_FLAG_COLOURS[cell.flag]))
        if role == Qt.ItemDataRole.FontRole and cell.changed_how:
            return self._italic
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            words = self._words
            how = cell.how_in(words)
            lines = [f"{words.degrees(cell.degrees)} {how}"
                     + (f", {self.tr(_FLAG_WORDS[cell.flag])}" if cell.flag else "")]
            if cell.changed_how:
                lines.append(self.tr("{mark} taken {how}: not the way of the visit before "
                                     "(values taken differently are not compared)").format(
                    mark=CHANGED_MARK, how=how))
            lines += [self.tr("also {degrees} {position}, {mode}").format(
                degrees=words.degrees(r.degrees), position=words(r.position.value),
                mode=words(r.mode.value)) for r in cell.others]
            return "\n".join(lines)
        return None


class FlowsheetView(QWidget):
    """The flowsheet of the open patient; built when it is first seen after a change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FlowsheetModel(self)
        self.table = QTableView(self)
        tab_moves_on(self.table)
        self.table.setAccessibleName("Flowsheet")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setDefaultSectionSize(92)
        legend = QLabel(self.tr(
                "Colours: <span style='color:{alert}'>below</span>, <span style='color:{ok}'>"
                "within</span>, <span style='color:{warn}'>above</span> the age norm at the visit. "
                "{mark} = taken in another position or mode than the visit before (hover for how)."
        ).format(alert=colors.ALERT, ok=colors.OK, warn=colors.WARN, mark=CHANGED_MARK), self)
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        self._record: PatientRecord | None = None
        self._mdc: dict[str, float] | None = None
        self._stale = False

    def set_record(self, record: PatientRecord | None,
                   mdc_overrides: dict[str, float] | None = None) -> None:
        self._record, self._mdc, self._stale = record, mdc_overrides, True
        if self.isVisible():
            self._build_if_stale()

    def _build_if_stale(self) -> None:
        if self._stale:
            self._stale = False
            self.model.set_record(self._record, self._mdc)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self._build_if_stale()
        super().showEvent(event)
