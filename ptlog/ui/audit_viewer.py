"""The audit trail in a table: filter by patient chart, user and dates; export what is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.services import audit_trail as audit_query
from ptlog.services import patients
from ptlog.services.audit_trail import AuditEntry
from ptlog.store.errors import StoreError
from ptlog.ui.keyboard import DateEdit, tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.qdates import shown_datetime
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

COLUMNS = (QT_TRANSLATE_NOOP("AuditEventModel", "Time (UTC)"),
           QT_TRANSLATE_NOOP("AuditEventModel", "User"),
           QT_TRANSLATE_NOOP("AuditEventModel", "Clinician"),
           QT_TRANSLATE_NOOP("AuditEventModel", "Action"),
           QT_TRANSLATE_NOOP("AuditEventModel", "Entity"),
           QT_TRANSLATE_NOOP("AuditEventModel", "Patient"),
           QT_TRANSLATE_NOOP("AuditEventModel", "Details"))
_ANY_DATE = QDate(2000, 1, 1)  # the date edits' special value: no bound
_Index = QModelIndex | QPersistentModelIndex


# the audit trail's action and entity codes as the window says them; the codes stay in the
# trail and its CSV export (a code ptlog does not know is shown as it is)
_WORDS = frozenset((
    QT_TRANSLATE_NOOP("AuditEventModel", "create"),
    QT_TRANSLATE_NOOP("AuditEventModel", "update"),
    QT_TRANSLATE_NOOP("AuditEventModel", "delete"),
    QT_TRANSLATE_NOOP("AuditEventModel", "amend"),
    QT_TRANSLATE_NOOP("AuditEventModel", "void"),
    QT_TRANSLATE_NOOP("AuditEventModel", "import"),
    QT_TRANSLATE_NOOP("AuditEventModel", "export"),
    QT_TRANSLATE_NOOP("AuditEventModel", "report"),
    QT_TRANSLATE_NOOP("AuditEventModel", "restore"),
    QT_TRANSLATE_NOOP("AuditEventModel", "seal"),
    QT_TRANSLATE_NOOP("AuditEventModel", "patient"),
    QT_TRANSLATE_NOOP("AuditEventModel", "visit"),
    QT_TRANSLATE_NOOP("AuditEventModel", "reading"),
    QT_TRANSLATE_NOOP("AuditEventModel", "treatment"),
    QT_TRANSLATE_NOOP("AuditEventModel", "goal"),
    QT_TRANSLATE_NOOP("AuditEventModel", "clinician"),
    QT_TRANSLATE_NOOP("AuditEventModel", "setting"),
    QT_TRANSLATE_NOOP("AuditEventModel", "database"),
    QT_TRANSLATE_NOOP("AuditEventModel", "chain"),
))


def _word(code: str) -> str:
    return QCoreApplication.translate("AuditEventModel", code) if code in _WORDS else code


def _details(entry: AuditEntry) -> str:
    text = entry.after or entry.before or ""
    return text if len(text) <= 160 else text[:157] + "…"


class AuditEventModel(QAbstractTableModel):
    """Rows of ``audit_query.list_events`` loaded a page at a time as the view scrolls."""

    def __init__(self, parent: QWidget | None = None, page_size: int = audit_query.PAGE) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self.filters: dict[str, Any] = {}
        self._rows: list[AuditEntry] = []
        self._total = 0
        self._fetching = False  # views and testers may ask again while rows are inserted

    def set_filters(self, **filters: Any) -> None:
        """Start over with these filters (``list_events`` keyword arguments)."""
        self.beginResetModel()
        self.filters = filters
        self._rows = []
        self._total = audit_query.count_events(**filters)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def entry(self, row: int) -> AuditEntry:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._fetching:
            return
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        page = audit_query.list_events(**self.filters, limit=self.page_size,
                                       offset=len(self._rows))
        page = page[: self._total - len(self._rows)]
        if not page:
            self._total = len(self._rows)  # rows vanished under us: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (shown_datetime(entry.at, seconds=True), entry.os_user, entry.clinician,
                      _word(entry.action), _word(entry.entity), entry.patient_chart,
                      _details(entry))
            if role == Qt.ItemDataRole.ToolTipRole:
                return entry.after or entry.before or None
            return values[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("AuditEventModel", COLUMNS[section])
        return None


class AuditViewer(FittedDialog):
    """Browse and export the audit trail (Tools → Audit trail)."""

    exported = Signal(str, int)  # path written, number of events

    def __init__(self, parent: QWidget | None = None, *, chart: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Audit trail"))
        self.resize(900, 520)
        self.chart = QLineEdit(chart, self)
        self.chart.setAccessibleName("Patient chart")
        self.chart.setPlaceholderText(self.tr("all patients"))
        self.user = QComboBox(self)
        self.user.setAccessibleName("User")
        self.user.setEditable(True)
        self.user.addItem("")
        self.user.addItems(audit_query.users())
        self.since = DateEdit(self)
        self.since.setAccessibleName("From")
        self.until = DateEdit(self)
        self.until.setAccessibleName("To")
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
            edit.setMinimumDate(_ANY_DATE)
            edit.setSpecialValueText(self.tr("any"))
            edit.setDate(_ANY_DATE)
        self.apply_button = QPushButton(self.tr("Filter"), self)
        self.apply_button.setAccessibleName("Filter")
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.chart.returnPressed.connect(self._on_apply_clicked)

        self.model = AuditEventModel(self)
        self.table = QTableView(self)
        tab_moves_on(self.table)
        self.table.setAccessibleName("Audit events")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(self)
        self.status.setAccessibleName("Audit status")

        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setAccessibleName("Export CSV")
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        for label, widget in ((self.tr("Patient"), self.chart), (self.tr("User"), self.user),
                              (self.tr("From"), self.since), (self.tr("To"), self.until)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget)
        filters.addWidget(self.apply_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(bottom)
        self._on_apply_clicked()

    def current_filters(self) -> dict[str, Any] | None:
        """The filters as typed, or None (with a message) when the chart is unknown."""
        filters: dict[str, Any] = {}
        chart = self.chart.text().strip()
        if chart:
            found = patients.find_by_chart(chart)
            if found is None:
                self._say(self.tr("No patient with chart number {chart}.").format(chart=chart),
                          alert=True)
                return None
            filters["patient_uuid"] = found.uuid
        user = self.user.currentText().strip()
        if user:
            filters["user"] = user
        for key, edit in (("since", self.since), ("until", self.until)):
            if edit.date() != _ANY_DATE:
                qdate = edit.date()
                filters[key] = dt.date(qdate.year(), qdate.month(), qdate.day())
        if "since" in filters and "until" in filters and filters["since"] > filters["until"]:
            self._say(self.tr("The “From” date is after the “To” date."), alert=True)
            return None
        return filters

    def _say(self, text: str, *, alert: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colors.ALERT};" if alert else "")

    def _on_apply_clicked(self) -> None:
        filters = self.current_filters()
        if filters is None:
            return
        try:
            self.model.set_filters(**filters)
        except StoreError as exc:
            self._say(str(exc), alert=True)
            return
        if self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self._say(self.tr("Events: {count}").format(count=labels().number(self.model.total)))

    def _on_export_clicked(self) -> None:
        filters = self.current_filters()
        if filters is None:
            return
        from ptlog.ui.output_files import choose_output_file

        chosen = choose_output_file(self, self.tr("Export audit trail"), "audit-trail.csv",
                                    self.tr("CSV files (*.csv)"))
        if chosen is None:
            return
        path = str(chosen[0])
        try:
            count = audit_query.write_events_csv(path, **filters, force=chosen[1])
        except StoreError as exc:
            self._say(str(exc), alert=True)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: logged and shown in one sentence
            show_error(self, exc, "exporting the audit trail")
            return
        self._say(self.tr("Exported to {path}, events: {count}").format(
            path=path, count=labels().number(count)))
        self.exported.emit(path, count)
        self.model.set_filters(**self.model.filters)  # the export itself is a new event
        if self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
