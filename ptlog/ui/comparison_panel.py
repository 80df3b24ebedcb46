"""The comparison panel: this patient's rotation before vs after each treatment, and the clinic's
responder rate per treatment kind against what the literature expects (CLINICAL §7).

The numbers come from ``ptlog.domain.treatment_analysis`` / ``cohort`` (pure functions); this
module only loads, shows and exports them. The clinic analysis runs off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.domain.catalog import catalog, motion_spec
from ptlog.domain.cohort import DEFAULT_MOTION, WINDOW_CAPTIONS, CohortRow
from ptlog.domain.i18n import Translator, english
from ptlog.domain.records import Mode, MotionKey, PatientRecord, Position
from ptlog.domain.treatment_analysis import (
    FollowUp,
    FollowUpWindow,
    TreatmentOutcome,
    analyse_patient,
)
from ptlog.services import patients as record_store
from ptlog.services import settings as clinic_store
from ptlog.services.comparison import clinic_cohort_in_worker
from ptlog.services.interchange import write_output
from ptlog.services.settings import clinic_settings
from ptlog.store.errors import StoreError
from ptlog.ui import tasks
from ptlog.ui.keyboard import DateEdit, tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.plot_ranges import MIN_DEGREE_SPAN, padded_range
from ptlog.ui.qdates import python_date, shown_date
from ptlog.ui.rows_table_model import RowsTableModel
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

_Index = QModelIndex | QPersistentModelIndex
_ANY_DATE = QDate(1900, 1, 1)


def _fmt(value: float | None, pattern: str = "{:.1f}") -> str:
    return "" if value is None else pattern.format(value)


# --- table models ----------------------------------------------------------------------------

# shown through ui(); marked here so pyside6-lupdate extracts them
_BEYOND_MDC = QT_TRANSLATE_NOOP("OutcomeTableModel", "beyond MDC")
_YES = QT_TRANSLATE_NOOP("OutcomeTableModel", "yes")
_NO = QT_TRANSLATE_NOOP("OutcomeTableModel", "no")
_FROM = QT_TRANSLATE_NOOP("OutcomeTableModel", "{kind} from {date}")


class OutcomeTableModel(RowsTableModel[tuple[TreatmentOutcome, FollowUp | None]]):
    """One row per follow-up (or one row for an entry without follow-up) of this patient."""

    headers = (
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Treatment"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Start"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "End"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Side"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Motion"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Position"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Mode"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Baseline date"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Baseline °"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Follow-up date"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Days after"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Window"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Follow-up °"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Change °"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "MDC °"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Beyond MDC"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Verdict"),
        QT_TRANSLATE_NOOP("OutcomeTableModel", "Confounded by"),
    )

    def set_outcomes(self, outcomes: Sequence[TreatmentOutcome]) -> None:
        rows: list[tuple[TreatmentOutcome, FollowUp | None]] = []
        for outcome in outcomes:
            if outcome.followups:
                rows.extend((outcome, f) for f in outcome.followups)
            else:
                rows.append((outcome, None))
        self.set_rows(rows)

    def cells(self, row: tuple[TreatmentOutcome, FollowUp | None]) -> list[str]:
        return self._cells_in(row, labels(), shown_date,
                              lambda text: QCoreApplication.translate("OutcomeTableModel", text))

    def export_cells(self, row: tuple[TreatmentOutcome, FollowUp | None]) -> list[str]:
        """English words, ISO dates and a decimal point: the CSV is a file format."""
        return self._cells_in(row, english(), dt.date.isoformat, str)

    @staticmethod
    def _cells_in(row: tuple[TreatmentOutcome, FollowUp | None], words: Translator,
                  date: Callable[[dt.date], str], ui: Callable[[str], str]) -> list[str]:
        o, f = row
        t = o.treatment
        verdict = words(o.verdict)
        if f is not None and f is not o.followups[-1]:
            verdict = ui(_BEYOND_MDC) if f.beyond_mdc else words("within measurement error")
        return [
            words(t.kind.label), date(t.start_date), date(t.end_date) if t.end_date else "",
            words(o.side.label),
            words(motion_spec(o.motion).label) if o.motion in catalog() else str(o.motion),
            words(o.position.value), words(o.mode.value),
            date(o.baseline.date) if o.baseline else words("no baseline"),
            words.number(o.baseline.degrees) if o.baseline else "",
            date(f.date) if f else "", str(f.days_after) if f else "",
            words(f.window.value) if f else "", words.number(f.degrees) if f else "",
            words.number(f.change, 1, sign=True) if f else "", words.number(o.mdc),
            (ui(_YES) if f.beyond_mdc else ui(_NO)) if f else "", verdict,
            ", ".join(ui(_FROM).format(kind=words(c.kind.label),
                                                      date=date(c.start_date))
                      for c in o.confounded_by if f is not None and c.start_date < f.date),
        ]

    def foreground(self, row: tuple[TreatmentOutcome, FollowUp | None], column: int) -> Any:
        _o, f = row
        if f is not None and column == self.headers.index("Window"):
            return QColor(colors.WINDOW[f.window])
        return None


class CohortTableModel(RowsTableModel[CohortRow]):
    headers = (
        QT_TRANSLATE_NOOP("CohortTableModel", "Treatment"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Patients"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Responders"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Responder rate"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Judged window"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Rate in judged window"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Expected success"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Mean change °"),
        QT_TRANSLATE_NOOP("CohortTableModel", "95% CI °"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Median days to latest"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Cost per responder ({currency})"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Gains faded"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Expected recovery"),
        QT_TRANSLATE_NOOP("CohortTableModel", "Source"),
    )
    currency_code = "USD"  # the clinic's (settings), set when the clinic rows load

    def header_text(self, translated: str) -> str:
        return translated.replace("{currency}", self.currency_code)

    def cells(self, row: CohortRow) -> list[str]:
        return self._cells_in(row, labels())

    def export_cells(self, row: CohortRow) -> list[str]:
        """English words and a decimal point: the CSV is a file format."""
        return self._cells_in(row, english())

    @staticmethod
    def _cells_in(row: CohortRow, words: Translator) -> list[str]:
        exp = row.expected
        expected = exp.success_text()
        ci = "" if row.ci95 is None else words(
            "{start} to {end}", start=words.number(row.ci95[0], 1, sign=True),
            end=words.number(row.ci95[1], 1, sign=True))
        judged = row.judged
        rate = "n=0" if judged.responder_rate is None else \
            f"{words.percent(judged.responder_rate)} (n={judged.patients})"
        return [
            words(row.kind.label), str(row.patients), str(row.responders),
            "" if row.responder_rate is None else words.percent(row.responder_rate),
            words("{window}: {span}", window=words(row.judged_window),
                  span=words(WINDOW_CAPTIONS[row.judged_window])), rate,
            expected,
            "" if row.mean_change is None else words.number(row.mean_change, 1, sign=True), ci,
            _fmt(row.median_days_to_latest, "{:.0f}"),
            "" if row.cost_per_responder is None else words.number(round(row.cost_per_responder)),
            str(row.transient), exp.recovery or "",
            exp.source,
        ]


def write_csv_file(path: str | os.PathLike[str], text: str, *, force: bool = False) -> None:
    """Temp file beside the target, fsync, rename; owner-only (clinical data); the store's
    rule decides whether ``path`` may be written."""
    write_output(path, text.encode("utf-8"), force=force)


# a bar taller than this (percent) shows its count inside, at its foot, not above it
_COUNT_INSIDE_FROM = 80


def _load_clinic(motion: MotionKey, position: Position | None, since: dt.date | None,
                 until: dt.date | None, include_confounded: bool = False) -> list[CohortRow]:
    """Runs on a pool thread (its own connection, closed afterwards); the database counts."""
    return clinic_cohort_in_worker(motion, position, since, until, include_confounded)


# --- the panel -------------------------------------------------------------------------------

class ComparisonPanel(QWidget):
    """Two tabs: "This patient" (slope chart + table) and "Clinic" (bars vs expected + table).

    ``patient_tab=False`` (Tools ▸ Clinic outcomes, where no patient is open) makes the clinic
    tab alone: a chart and a table fewer to build while the window waits (issue 21's stalls).
    """

    patient_shown = Signal(object)  # list[TreatmentOutcome] now in the patient table
    clinic_loaded = Signal(object)  # list[CohortRow] now in the clinic table
    clinic_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, patient_tab: bool = True) -> None:
        super().__init__(parent)
        self.setAccessibleName("Treatment comparison")
        self.has_patient_tab = patient_tab
        self.record: PatientRecord | None = None
        self.outcomes: list[TreatmentOutcome] = []
        self.cohort: list[CohortRow] = []
        self._generation = 0
        self._clinic_loaded_once = False
        self.tabs = QTabWidget(self)
        if patient_tab:
            self._build_patient_tab()
        self.clinic_index = self.tabs.count()  # the clinic tab's place
        self._clinic_page = QWidget(self)
        self.tabs.addTab(self._clinic_page, self.tr("Clinic"))
        self._clinic_built = False
        if not patient_tab:
            self._build_clinic_tab()
        # else on its first showing: the Treatments tab is built in one idle turn after a
        # patient opens, and the clinic's filters, chart and table were a third of that turn
        self._build_buttons()
        self.tabs.currentChanged.connect(self._on_tabs_changed)

    def _build_patient_tab(self) -> None:
        self.series_picker = QComboBox(self)
        self.series_picker.setAccessibleName("Compared series")
        self.series_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.patient_status = self._status(self.tr("No patient open."),
                                           "Patient comparison status")
        self.outcome_chart = self._chart("Outcome chart")
        self.outcome_chart.setLabel("bottom", self.tr("days after the treatment ended"))
        self.outcome_chart.setLabel("left", self.tr("degrees"))
        self.outcome_chart.showGrid(x=True, y=True, alpha=0.2)
        self.outcome_chart.addLegend(offset=(-10, 10))
        self.patient_model = OutcomeTableModel(self)
        self.patient_table = self._table(self.patient_model, "Patient outcomes table")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Compare:"), self))
        top.addWidget(self.series_picker, 1)
        self.outcome_chart.setMinimumHeight(200)
        self._add_tab(self.tr("This patient"), top, self.patient_status, self.outcome_chart,
                      self.patient_table)
        self.series_picker.currentIndexChanged.connect(self._on_series_picker_changed)
        self.patient_table.clicked.connect(self._on_patient_table_clicked)
        self._draw_outcome(None)

    def _build_clinic_tab(self) -> None:
        if self._clinic_built:
            return
        self._clinic_built = True
        self.clinic_motion = QComboBox(self)
        self.clinic_motion.setAccessibleName("Clinic motion")
        for key, spec in catalog().items():
            self.clinic_motion.addItem(labels()(spec.label), str(key))
        self.clinic_motion.setCurrentIndex(self.clinic_motion.findData(str(DEFAULT_MOTION)))
        self.clinic_position = QComboBox(self)
        self.clinic_position.setAccessibleName("Clinic position")
        self.clinic_position.addItem(self.tr("Any position"), "")
        for position in Position:
            self.clinic_position.addItem(labels()(position.label), position.value)
        self.clinic_since = self._date_filter("Treatments from")
        self.clinic_until = self._date_filter("Treatments until")
        self.include_confounded = QCheckBox(self.tr(
                "Count follow-ups after a later treatment"), self)
        self.include_confounded.setAccessibleName("Include confounded follow-ups")
        self.include_confounded.setToolTip(
            self.tr("A follow-up taken after another treatment of the same side began is "
                    "confounded: its change is not this treatment's alone. Left out of the "
                    "window rates unless ticked."))
        self.clinic_status = self._status("", "Clinic status")
        self.clinic_chart = self._chart("Clinic chart")
        self.clinic_chart.setLabel("left", self.tr("responders (%)"))
        self.clinic_chart.setYRange(0, 110)
        self.clinic_chart.getAxis("bottom").setHeight(60)  # kind on 2 lines + window
        self.clinic_chart.setMouseEnabled(x=False, y=False)
        self.clinic_model = CohortTableModel(self)
        self.clinic_table = self._table(self.clinic_model, "Clinic outcomes table")
        # two rows: in one, the Spanish labels made the window wider than a 1366 px screen
        choices = QHBoxLayout()
        for label, widget in ((self.tr("Motion"), self.clinic_motion),
                              (self.tr("Position"), self.clinic_position),
                              (self.tr("Started from"), self.clinic_since),
                              (self.tr("until"), self.clinic_until)):
            choices.addWidget(QLabel(label, self))
            choices.addWidget(widget)
        choices.addStretch(1)
        filters = QVBoxLayout()
        filters.addLayout(choices)
        filters.addWidget(self.include_confounded)
        self.clinic_chart.setMinimumHeight(150)  # at 1366x768 the table below keeps rows
        self._fill_tab(self._clinic_page, filters, self.clinic_status, self.clinic_chart,
                       self.clinic_table)
        self.clinic_motion.currentIndexChanged.connect(self._on_filter_changed)
        self.clinic_position.currentIndexChanged.connect(self._on_filter_changed)
        self.clinic_since.dateChanged.connect(self._on_filter_changed)
        self.clinic_until.dateChanged.connect(self._on_filter_changed)
        self.include_confounded.toggled.connect(self._on_filter_changed)
        if hasattr(self, "copy_button"):  # built after the buttons: Tab reaches it first
            QWidget.setTabOrder(self.clinic_table, self.copy_button)
            QWidget.setTabOrder(self.copy_button, self.export_button)

    def _build_buttons(self) -> None:
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setAccessibleName("Copy table")
        self.copy_button.setToolTip(self.tr("Copy the table on this tab as CSV text"))
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setAccessibleName("Export table as CSV")
        buttons = QHBoxLayout()
        explain = QLabel(
            self.tr("Responder: the latest follow-up gains at least the motion's MDC on the "
                    "treated side. Readings of different position or mode are never "
                    "compared."), self)
        explain.setWordWrap(True)
        buttons.addWidget(explain, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.copy_button.clicked.connect(self.copy_table)
        self.export_button.clicked.connect(self._on_export_clicked)

    def _status(self, text: str, name: str) -> QLabel:
        label = QLabel(text, self)
        label.setAccessibleName(name)
        label.setWordWrap(True)
        return label

    def _chart(self, name: str) -> pg.PlotWidget:
        # no context menu: pyqtgraph builds a view box menu of a dozen widgets per plot (a
        # stack sampler caught it in the clinic comparison dialog's construction)
        chart = pg.PlotWidget(self, enableMenu=False)
        chart.setAccessibleName(name)
        chart.setBackground(None)
        return chart

    def _add_tab(self, title: str, controls: QBoxLayout, status: QLabel,
                 chart: pg.PlotWidget, table: QTableView) -> None:
        tab = QWidget(self)
        self._fill_tab(tab, controls, status, chart, table)
        self.tabs.addTab(tab, title)

    @staticmethod
    def _fill_tab(tab: QWidget, controls: QBoxLayout, status: QLabel,
                  chart: pg.PlotWidget, table: QTableView) -> None:
        """A tab: its controls, a status line, then the chart over the table."""
        split = QSplitter(Qt.Orientation.Vertical, tab)
        split.addWidget(chart)
        split.addWidget(table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(tab)
        box.addLayout(controls)
        box.addWidget(status)
        box.addWidget(split, 1)

    def _table(self, model: QAbstractTableModel, name: str) -> QTableView:
        view = QTableView(self)
        tab_moves_on(view)
        view.setAccessibleName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setVisible(False)
        return view

    def _date_filter(self, name: str) -> QDateEdit:
        edit = DateEdit(self)
        edit.setAccessibleName(name)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_ANY_DATE)
        edit.setSpecialValueText(self.tr("any"))
        edit.setDate(_ANY_DATE)
        return edit

    # --- this patient --------------------------------------------------------------------
    def show_patient(self, record: PatientRecord | None) -> None:
        """Show this patient's comparisons (``None``: no patient open)."""
        self.record = record
        if record is None:
            self.outcomes = []
        else:
            overrides = clinic_store.clinic_settings().mdc_overrides
            self.outcomes = analyse_patient(record, overrides)
        self.patient_model.set_outcomes(self.outcomes)
        compared = [o for o in self.outcomes if o.baseline is not None]
        with QSignalBlocker(self.series_picker):  # refilled: one redraw below, not one per item
            self.series_picker.clear()
            for outcome in compared:
                self.series_picker.addItem(self._series_label(outcome), outcome)
        if record is None:
            self.patient_status.setText(self.tr("No patient open."))
        elif not record.treatments:
            self.patient_status.setText(self.tr("No treatments recorded for this patient."))
        else:
            missing = len(self.outcomes) - len(compared)
            status = self.tr("%Ln before/after comparison(s).", "", len(compared))
            if missing:
                status = self.tr("{compared} %Ln series without a reading in the 60 days "
                                 "before the start (no baseline).", "", missing).format(
                    compared=status)
            self.patient_status.setText(status)
        with QSignalBlocker(self.series_picker):  # drawn once, below (it was drawn twice)
            self.series_picker.setCurrentIndex(self._default_series(compared))
        self._draw_outcome(self.series_picker.currentData())
        self.patient_shown.emit(self.outcomes)

    @staticmethod
    def _series_label(o: TreatmentOutcome) -> str:
        spec = catalog().get(o.motion)
        words = labels()
        return QCoreApplication.translate(
            "ComparisonPanel", "{treatment} {date} — {motion} {side}, {position} {mode}").format(
            treatment=words(o.treatment.kind.label), date=shown_date(o.treatment.start_date),
            motion=words(spec.label) if spec else str(o.motion), side=words(o.side.label),
            position=words(o.position.value), mode=words(o.mode.value))

    @staticmethod
    def _default_series(compared: list[TreatmentOutcome]) -> int:
        """Hip internal rotation with follow-ups of the latest treatment, when there is one."""
        best, best_key = (0 if compared else -1), None
        for i, o in enumerate(compared):
            usual = o.position is Position.SEATED and o.mode is Mode.ACTIVE  # the norm's position
            key = (o.motion == DEFAULT_MOTION, bool(o.followups), usual, o.treatment.start_date)
            if best_key is None or key > best_key:
                best, best_key = i, key
        return best

    def _on_series_picker_changed(self, index: int) -> None:
        self._draw_outcome(self.series_picker.itemData(index) if index >= 0 else None)

    def _on_patient_table_clicked(self, index: QModelIndex) -> None:
        outcome, _f = self.patient_model.row_object(index.row())
        found = self.series_picker.findData(outcome)
        if found >= 0:
            self.series_picker.setCurrentIndex(found)

    def _draw_outcome(self, outcome: TreatmentOutcome | None) -> None:
        """Slope chart: baseline to each follow-up, coloured by window, MDC band at baseline."""
        plot = self.outcome_chart
        plot.clear()
        self.outcome_items: dict[str, Any] = {}
        if outcome is None or outcome.baseline is None:
            plot.setTitle(self.tr("No before/after comparison to show"))
            plot.setXRange(-30, 90, padding=0)  # days around a treatment, not a blank ±1
            plot.setYRange(0, 60, padding=0)
            return
        end = outcome.treatment.effective_end
        base = outcome.baseline
        base_x = float((base.date - end).days)
        spec = catalog().get(outcome.motion)
        words = labels()
        title = self.tr("{motion} {side} ({position}, {mode}) — {treatment}: {verdict}")
        plot.setTitle(title.format(
            motion=words(spec.label) if spec else str(outcome.motion),
            side=words(outcome.side.label), position=words(outcome.position.value),
            mode=words(outcome.mode.value), treatment=words(outcome.treatment.kind.label),
            verdict=words(outcome.verdict)))
        fill = QColor(colors.MDC_BAND)
        fill.setAlpha(60)
        band = pg.LinearRegionItem(
            values=(base.degrees - outcome.mdc, base.degrees + outcome.mdc),
            orientation="horizontal", movable=False, brush=pg.mkBrush(fill),
            pen=pg.mkPen(colors.MDC_BAND, width=1),
        )
        band.setZValue(-10)
        plot.addItem(band)
        self.outcome_items["mdc_band"] = band
        start_x = float((outcome.treatment.start_date - end).days)
        for x in sorted({start_x, 0.0}):
            plot.addItem(pg.InfiniteLine(pos=x, angle=90, pen=pg.mkPen(
                colors.TREATMENT, width=1, style=Qt.PenStyle.DashLine)))
        if outcome.during:
            during = pg.ScatterPlotItem(
                x=np.array([(b.date - end).days for b in outcome.during], dtype=float),
                y=np.array([b.degrees for b in outcome.during], dtype=float),
                symbol="o", size=7, brush=pg.mkBrush(colors.INFO), pen=None,
                name=self.tr("during"))
            plot.addItem(during)
            self.outcome_items["during"] = during
        plot.addItem(pg.ScatterPlotItem(x=[base_x], y=[base.degrees], symbol="s", size=10,
                                        brush=pg.mkBrush(colors.INFO),
                                        name=self.tr("baseline")))
        for window in FollowUpWindow:
            points = [f for f in outcome.followups if f.window == window]
            if not points:
                continue
            xs = np.array([v for f in points for v in (base_x, float(f.days_after))])
            ys = np.array([v for f in points for v in (base.degrees, f.degrees)])
            lines = pg.PlotDataItem(xs, ys, connect="pairs",
                                    pen=pg.mkPen(colors.WINDOW[window], width=2),
                                    symbol="o", symbolSize=8,
                                    symbolBrush=pg.mkBrush(colors.WINDOW[window]),
                                    name=f"{words(window.value)} ({words(window.label)})")
            plot.addItem(lines)
            self.outcome_items[window] = lines
        # every point, the MDC band and the treatment's lines in view; a baseline alone is
        # still drawn on a readable scale (days and degrees), never pyqtgraph's hair-thin one
        days = [base_x, start_x, 0.0, *(f.days_after for f in outcome.followups),
                *((b.date - end).days for b in outcome.during)]
        degrees = [base.degrees - outcome.mdc, base.degrees + outcome.mdc,
                   *(f.degrees for f in outcome.followups), *(b.degrees for b in outcome.during)]
        plot.setXRange(*padded_range(days, min_span=60.0, default=(-30, 90)), padding=0)
        plot.setYRange(*padded_range(degrees, min_span=MIN_DEGREE_SPAN, default=(0, 60)),
                       padding=0)

    # --- clinic --------------------------------------------------------------------------
    def _on_tabs_changed(self, index: int) -> None:
        if index == self.clinic_index:
            self._build_clinic_tab()
        if index == self.clinic_index and not self._clinic_loaded_once:
            self.reload_clinic()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload_clinic()

    def clinic_filters(self) -> tuple[MotionKey, Position | None, dt.date | None, dt.date | None]:
        def day(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == _ANY_DATE else python_date(edit.date())

        position = self.clinic_position.currentData()
        return (MotionKey.parse(self.clinic_motion.currentData()),
                Position(position) if position else None, day(self.clinic_since),
                day(self.clinic_until))

    def reload_clinic(self) -> None:
        """Run the clinic analysis in the background; stale results are dropped."""
        self._build_clinic_tab()
        self._generation += 1
        generation = self._generation
        self._clinic_loaded_once = True
        motion, position, since, until = self.clinic_filters()
        include = self.include_confounded.isChecked()
        self.clinic_status.setText(self.tr("Analysing the clinic's treatments…"))

        def done(rows: list[CohortRow]) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self._show_cohort(rows)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self) and generation == self._generation:
                self.clinic_status.setText(self.tr("The clinic analysis failed."))
                self.clinic_failed.emit(str(error))
                show_error(self, error, "analysing the clinic's treatments")

        tasks.run_in_background(lambda: _load_clinic(motion, position, since, until, include),
                                done, failed)

    def _show_cohort(self, rows: list[CohortRow]) -> None:
        self.cohort = rows
        self.clinic_model.currency_code = clinic_settings().currency_code
        self.clinic_model.set_rows(rows)
        counted = sum(r.patients for r in rows)
        motion = self.clinic_filters()[0]
        explained = self.tr(
            "Each patient counts once per kind (latest treatment). Each kind is judged in the "
            "window its expectation describes (injections up to 6 weeks, PT 6 weeks to 6 "
            "months, arthroscopy over 6 months). Bars: observed responders in that window; "
            "whiskers: expected success range (clinic reference values).")
        confounded = self.tr(
            "Follow-ups after another treatment of the same side began are counted.") \
            if self.include_confounded.isChecked() else self.tr(
            "Follow-ups after another treatment of the same side began are left out.")
        self.clinic_status.setText(self.tr(
            "{motion}: %Ln patient-treatment(s) with a baseline and a follow-up. {explained} "
            "{confounded}", "", counted).format(
            motion=labels()(motion_spec(motion).label), explained=explained,
            confounded=confounded))
        self._draw_cohort(rows)
        self.clinic_loaded.emit(rows)

    def _draw_cohort(self, rows: list[CohortRow]) -> None:
        plot = self.clinic_chart
        plot.clear()
        self.clinic_items: dict[str, Any] = {}
        xs = np.arange(len(rows), dtype=float)
        heights = np.array([(r.judged.responder_rate or 0.0) * 100 for r in rows])
        bars = pg.BarGraphItem(x=xs, height=heights, width=0.6, brush=pg.mkBrush(colors.LEFT),
                               pen=pg.mkPen(None))
        plot.addItem(bars)
        self.clinic_items["bars"] = bars
        counts: list[pg.TextItem] = []
        for x, row, height in zip(xs, rows, heights, strict=True):
            # above its bar; at the foot of a tall one, inside it: above, it was cut off at the
            # chart's top, and at the bar's top it met the expected range's whiskers
            inside = height > _COUNT_INSIDE_FROM
            text = pg.TextItem(f"n={row.judged.patients}", anchor=(0.5, 1.0),
                               color=colors.ON_FILL if inside else colors.INFO)
            text.setPos(float(x), 1.0 if inside else float(height) + 1)
            plot.addItem(text)
            counts.append(text)
        self.clinic_items["labels"] = counts
        known = [(x, r.expected) for x, r in zip(xs, rows, strict=True)
                 if r.expected.success_low is not None]
        if known:
            low = np.array([e.success_low or 0.0 for _x, e in known]) * 100
            high = np.array([e.success_high or 0.0 for _x, e in known]) * 100
            mid = (low + high) / 2
            whiskers = pg.ErrorBarItem(x=np.array([x for x, _e in known]), y=mid,
                                       top=high - mid, bottom=mid - low, beam=0.4,
                                       pen=pg.mkPen(colors.ALERT, width=2))
            plot.addItem(whiskers)
            self.clinic_items["expected"] = whiskers
        plot.getAxis("bottom").setTicks(
            [[(float(x), f"{labels()(r.kind.label).replace(chr(173), '').replace(' ', chr(10), 1)}"
                         f"\n({labels()(r.judged_window)})")
              for x, r in zip(xs, rows, strict=True)]])
        plot.setXRange(-0.6, max(len(rows) - 0.4, 0.6))
        plot.setYRange(0, 110)

    # --- both ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload after a reading or treatment was saved (this patient, and the clinic)."""
        if self.record is not None and self.record.patient.id is not None:
            self.show_patient(record_store.load_patient_record(self.record.patient.id))
        if self._clinic_loaded_once or self.tabs.currentIndex() == self.clinic_index:
            self.reload_clinic()

    def current_model(self) -> RowsTableModel[Any]:
        if self.tabs.currentIndex() == self.clinic_index:
            return self.clinic_model
        return self.patient_model

    def copy_table(self) -> None:
        QGuiApplication.clipboard().setText(self.current_model().as_csv())

    def export_table(self, path: str, *, force: bool = False) -> None:
        """The table is read here; the file is written off the GUI thread (busy cursor), as
        every write: a slow or network disk must not freeze the window."""
        text = self.current_model().as_csv()
        tasks.run_and_wait(lambda: write_csv_file(path, text, force=force))

    def _on_export_clicked(self) -> None:
        name = "clinic-outcomes.csv" if self.tabs.currentIndex() == self.clinic_index else (
            f"{self.record.patient.chart}-treatment-outcomes.csv" if self.record
            else "treatment-outcomes.csv")
        from ptlog.ui.output_files import choose_output_file

        chosen = choose_output_file(self, self.tr("Export table as CSV"), name,
                                    self.tr("CSV files (*.csv)"))
        if chosen is None:
            return
        try:
            self.export_table(str(chosen[0]), force=chosen[1])
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Export table as CSV"), f"{exc}")


class ClinicComparisonDialog(FittedDialog):
    """Tools ▸ Clinic outcomes: the panel on its clinic tab, without a patient."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Clinic outcomes by treatment"))
        self.resize(980, 680)
        self.panel = ComparisonPanel(self, patient_tab=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.reload_clinic()
