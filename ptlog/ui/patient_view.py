"""The patient view: header, today's entry with the dial and live plots, history, treatments."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ptlog.domain.catalog import catalog, hip_panel, motion_spec
from ptlog.domain.norms import normal_range_for
from ptlog.domain.parse import degrees_or_none
from ptlog.domain.records import (
    ClinicSettings,
    MotionKey,
    PatientRecord,
    Reading,
    Sex,
    Side,
    Visit,
)
from ptlog.domain.series import merged, reading_order
from ptlog.services import patients as records
from ptlog.services import settings as clinic
from ptlog.services.changes import Changes
from ptlog.services.visits import SaveResult
from ptlog.store.errors import NotFoundError
from ptlog.ui import idle, tasks
from ptlog.ui.data_changes import data_changes
from ptlog.ui.entry_panel import EntryPanel
from ptlog.ui.flowsheet_view import FlowsheetView
from ptlog.ui.goniometer_dial import GoniometerDial
from ptlog.ui.messages import show_error
from ptlog.ui.plot_series import motions_of, series_groups, x_of
from ptlog.ui.translations import labels
from ptlog.ui.visit_history import VisitHistory

if TYPE_CHECKING:
    from ptlog.ui.comparison_panel import ComparisonPanel
    from ptlog.ui.treatment_panel import TreatmentPanel
    from ptlog.ui.trend_plot import TrendPlot

#: The trend plots' module: it brings pyqtgraph (~100 ms of imports here, a third of the start)
#: and the window shows no plot until a patient is opened, so it is imported on a pool thread
#: once the window has painted (``PatientView.paintEvent``), and by ``fetch_patient`` before a
#: patient is shown: the GUI thread never waits for it.
PLOT_MODULE = "ptlog.ui.trend_plot"

IR = MotionKey("hip", "internal_rotation")
# the narrowest a small multiple is drawn before the grid takes a column away (pixels)
SMALL_MULTIPLE_WIDTH = 100
# small multiples drawn at most (the first motions measured)
SMALL_MULTIPLES = 8


def with_saved_readings(record: PatientRecord, visit: Visit,
                        saved: Sequence[Reading]) -> PatientRecord:
    """``record`` plus a save's visit and readings, in the order a reload would give."""
    visits = tuple(merged([v for v in record.visits if v.id != visit.id], [visit],
                          key=lambda v: (v.visit_at, v.id or 0)))
    readings = tuple(merged(record.readings, saved, key=reading_order)) if saved \
        else record.readings
    return dataclasses.replace(record, visits=visits, readings=readings)


@dataclasses.dataclass(frozen=True)
class LoadedPatient:
    """What opening (or re-reading) a patient needs from the database, read off the GUI thread."""

    record: PatientRecord
    settings: ClinicSettings
    clinicians: list[str]
    default_clinician: str
    signed_in: str | None


def fetch_patient(patient_id: int) -> LoadedPatient:
    """Read a patient and what the entry needs; runs on a pool thread. The plots' grouping of
    the readings and their visit times are worked out here too (both are remembered), so the
    GUI thread only draws."""
    importlib.import_module(PLOT_MODULE)  # at once if loaded since start-up, as it usually is
    record = records.load_patient_record(patient_id)
    series_groups(record.readings)
    x_of(record.readings)
    names, default = clinic.signing_clinicians()
    return LoadedPatient(record, clinic.clinic_settings(), names, default,
                         clinic.signed_in_clinician())


class PatientView(QWidget):
    """Everything about the open patient; the main window hosts one."""

    #: readings of this patient were saved (patient id)
    readings_saved = Signal(int)
    #: another patient was opened (patient id, 0 for none)
    patient_changed = Signal(int)
    # a patient's data arrived and is shown, after an open or a reload (patient id)
    patient_loaded = Signal(int)
    #: the trend plots' module was loaded after the first paint (``plots_ready``)
    plots_loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PatientRecord | None = None
        self.settings = ClinicSettings()
        self.header = QLabel(self)
        self.header.setAccessibleName("Patient header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # shown while a patient is read off the GUI thread (the window keeps answering)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName("Loading patient")
        self.busy.setVisible(False)
        # the patient being read, and a number that makes every earlier read's result stale
        self._loading: int | None = None
        self._loading_keeps = False  # the read under way is a reload (typed values stay)
        self._entry_enabled = False
        self._load_number = 0
        self._saves = 0  # saves of this view's entry: a re-read started before one is stale

        self.entry = EntryPanel(self)
        self.dial = GoniometerDial(self)
        self._plot: TrendPlot | None = None  # made when first needed (``plot``)
        self._plot_module_asked = False  # PLOT_MODULE is being imported on a pool thread
        self._plot_module_loaded = False  # it was: a plot can be made without waiting
        self._pictures_shown = False
        self.motion_picker = QComboBox(self)
        self.motion_picker.setAccessibleName("Plotted motion")
        self.small_multiples: list[TrendPlot] = []
        self._multiples_queue: list[MotionKey] = []  # still to draw, one per event-loop turn
        self._multiples_drawn = 0
        self._multiple_due = False  # the next one is queued (``idle.later``)
        self._multiples_prepared = False  # their plots are being built ahead
        self._multiples_box = QWidget(self)
        self._multiples_grid = QGridLayout(self._multiples_box)
        self._multiples_grid.setContentsMargins(0, 0, 0, 0)
        self._multiples_grid.setSpacing(4)
        self._multiples_arranged = (0, 0)  # (columns, plots) as laid out
        self._multiples_box.installEventFilter(self)

        self.history = VisitHistory(self)
        self.treatments: TreatmentPanel | None = None
        self._comparison_ahead: ComparisonPanel | None = None  # built before the tab's rest
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Patient tabs")

        measure = QWidget(self)
        entry_scroll = QScrollArea(self)
        entry_scroll.setWidgetResizable(True)
        entry_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        entry_scroll.setWidget(self.entry)
        # never narrower than the panel: a sideways scroll hid the right-hand fields and the
        # calendar button at 1920x1080, 150 %; the trend plot gives way instead
        entry_scroll.setMinimumWidth(self.entry.minimumSizeHint().width()
                                     + entry_scroll.verticalScrollBar().sizeHint().width() + 4)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(entry_scroll, 1)
        self.dial.setMaximumHeight(200)
        left_layout.addWidget(self.dial)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        picker_row = QHBoxLayout()
        picker_row.addWidget(QLabel(self.tr("Trend of"), self))
        picker_row.addWidget(self.motion_picker, 1)
        right_layout.addLayout(picker_row)
        self._right_layout = right_layout  # the plot goes second, when it is made
        # the small multiples scroll when the screen is too short for all their rows
        self._multiples_scroll = QScrollArea(self)
        self._multiples_scroll.setWidgetResizable(True)
        self._multiples_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._multiples_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._multiples_scroll.setWidget(self._multiples_box)
        self._multiples_scroll.setMinimumHeight(74)  # one row
        right_layout.addWidget(self._multiples_scroll, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, measure)
        splitter.setObjectName("measure_splitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([660, 470])
        measure_layout = QVBoxLayout(measure)
        measure_layout.setContentsMargins(0, 0, 0, 0)
        measure_layout.addWidget(splitter)
        self.tabs.addTab(measure, self.tr("Measure"))
        # History: every visit as a tree, or as a flowsheet (motions × visits)
        self.flowsheet = FlowsheetView(self)
        self.history_views = QTabWidget(self)
        self.history_views.setAccessibleName("History views")
        self.history_views.setTabPosition(QTabWidget.TabPosition.South)
        self.history_views.addTab(self.history, self.tr("Visits"))
        self.history_views.addTab(self.flowsheet, self.tr("Flowsheet"))
        self.tabs.addTab(self.history_views, self.tr("History"))
        # the Treatments tab (table + comparison: 40 ms of start-up to import and build) is
        # made the first time it is shown; until then its page is empty
        self._treatments_page = QWidget(self)
        QVBoxLayout(self._treatments_page).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self._treatments_page, self.tr("Treatments"))

        layout = QVBoxLayout(self)
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header_row)
        layout.addWidget(self.tabs, 1)

        self.entry.value_changed.connect(self._on_entry_value_changed)
        self.entry.visit_saved.connect(self._on_entry_visit_saved)
        self.motion_picker.currentIndexChanged.connect(self._on_motion_picker_changed)
        data_changes().changed.connect(self._on_data_changed)
        self._treatments_stale = False
        self._treatments_prepared = False  # the Treatments tab's module is being imported
        #: after a save the big plot stays on the saved motion until the PT types again
        self._holding_saved = False
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.set_patient(None)

    # --- public API ------------------------------------------------------------------
    def set_patient(self, patient_id: int | None) -> None:
        """Open a patient: read off the GUI thread, shown when it arrives (``patient_changed``,
        then ``patient_loaded``); meanwhile the busy bar shows and the entry takes no keys, so
        nothing typed can go to the patient being left. ``None`` closes, at once."""
        if patient_id is None:
            self._cancel_load()
            self.record = None
            self.header.setText(self.tr(
                    "<h2>No patient open</h2>Search for a patient on the left, or "
                    "create one with File → New patient (Ctrl+N)."))
            self.entry.set_record(None, self.settings, [])
            self.history.set_record(None)
            self.flowsheet.set_record(None)
            self.setEnabled(True)
            self.tabs.setEnabled(False)
            self._show_pictures(False)  # empty axes would only puzzle
            self.patient_changed.emit(0)
            return
        self._entry_enabled = self.entry.isEnabledTo(self)  # back to this if the read fails
        self.entry.setEnabled(False)
        self._prepare_multiples()
        self._start_load(patient_id, keep_values=False)
        if self._plot_module_loaded:
            _ = self.plot  # the first open makes it here, while the patient is read

    # once the plot module is loaded after the window's first paint, the big trend plot is
    # made ahead (``plot``) this long after, not when the first patient is opened
    PLOT_AHEAD_MS = 500

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._plot_module_asked:
            # once the window's first frame is painted (the timer fires after it): begun at
            # show, the import's hold on the GIL delayed that frame by 30-90 ms
            self._plot_module_asked = True
            QTimer.singleShot(0, self, self._load_plot_module)

    def _load_plot_module(self) -> None:
        tasks.import_in_background(PLOT_MODULE, self._on_plot_module_loaded)

    def _on_plot_module_loaded(self, _module: object) -> None:
        if not isValid(self):  # closed while it loaded
            return
        self._plot_module_loaded = True
        if self._plot is None:
            QTimer.singleShot(self.PLOT_AHEAD_MS, self, lambda: idle.later(self, lambda: self.plot))
        self.plots_loaded.emit()

    @property
    def plot(self) -> TrendPlot:
        """The big trend plot, made the first time it is needed or ahead, in a turn of its own
        once its module is loaded (``paintEvent``): with no patient open it is hidden, and making
        it before the window's first paint was a tenth of ptlog's share of the start
        (measured in instructions); made when the first patient opened, it was a third of that
        open's longest stall (20-35 ms)."""
        if self._plot is None:
            from ptlog.ui.trend_plot import TrendPlot

            self._plot = TrendPlot(self)
            self._plot.setVisible(self._pictures_shown)
            self._right_layout.insertWidget(1, self._plot, 3)
        return self._plot

    def _show_pictures(self, visible: bool) -> None:
        self._pictures_shown = visible
        if visible or self._plot is not None:
            self.plot.setVisible(visible)
        for widget in (self.dial, self._multiples_scroll):
            widget.setVisible(visible)

    def reload(self) -> None:
        """Re-read the patient (another workstation saved, or an amendment); typed values stay.

        Read off the GUI thread; a patient no longer in the database (a restore of an older
        backup) is closed when the answer comes."""
        if self._loading is not None:  # read again: what is under way may predate the change
            self._start_load(self._loading, keep_values=self._loading_keeps)
        elif self.record is not None and self.record.patient.id is not None:
            self._start_load(self.record.patient.id, keep_values=True)

    def is_loading(self) -> bool:
        """A patient is being read or its small multiples drawn (scripts and tests wait for
        ``patient_loaded``)."""
        return self._loading is not None or bool(self._multiples_queue)

    def show_entry(self) -> None:
        """Bring the Measure tab (today's entry) to the front."""
        self.tabs.setCurrentIndex(0)

    def plots_ready(self) -> bool:
        """The trend plots' module is loaded (``PLOT_MODULE``): a patient's plots are drawn
        without waiting for it (the benchmark's start-up figure to a ready plot)."""
        return self._plot_module_loaded

    def loading_patient_id(self) -> int | None:
        return self._loading

    def has_unsaved_changes(self) -> bool:
        return self.entry.has_unsaved_changes()

    def save_readings(self) -> bool:
        return self.entry.save()

    def undo_stack(self) -> QUndoStack:
        return self.entry.undo_stack

    def patient_id(self) -> int | None:
        return self.record.patient.id if self.record else None

    # --- loading ---------------------------------------------------------------------
    def _start_load(self, patient_id: int, *, keep_values: bool) -> None:
        self._load_number += 1
        number, saves = self._load_number, self._saves
        self._loading, self._loading_keeps = patient_id, keep_values
        self.busy.setVisible(True)

        def done(loaded: LoadedPatient) -> None:
            if number != self._load_number:
                return  # another patient was asked for meanwhile
            if self._saves != saves:  # read before this view's own save: read again
                self._start_load(patient_id, keep_values=keep_values)
                return
            self._end_load()
            self._apply(loaded, keep_values=keep_values)

        def failed(exc: BaseException) -> None:
            if number != self._load_number:
                return
            self._end_load()
            self.busy.setVisible(False)
            if isinstance(exc, NotFoundError) and keep_values:
                self.set_patient(None)  # gone from the database (an older backup restored)
                return
            self.entry.setEnabled(self._entry_enabled)
            self.patient_changed.emit(self.patient_id() or 0)  # still the one shown
            show_error(self.window(), exc, "opening the patient")

        tasks.run_in_background(lambda: fetch_patient(patient_id), done, failed)

    def _end_load(self) -> None:
        self._loading = None

    def _cancel_load(self) -> None:
        self._load_number += 1
        self._end_load()
        self._multiples_queue.clear()
        self.busy.setVisible(False)

    def _apply(self, loaded: LoadedPatient, *, keep_values: bool) -> None:
        """Show what ``fetch_patient`` read (on the GUI thread: widgets only, no queries)."""
        opened = not keep_values
        if opened:
            self.tabs.setEnabled(True)
            self._show_pictures(True)
        self.record = loaded.record
        self.settings = loaded.settings
        names, default = loaded.clinicians, loaded.default_clinician
        signed_in = loaded.signed_in
        if signed_in is not None:  # a clinic server with sign-in: the person who signed in
            names, default = [signed_in], signed_in
        self.entry.clinician.setEnabled(signed_in is None)
        with QSignalBlocker(self.entry):  # the plots are drawn once below, not per change
            self.entry.set_record(self.record, self.settings, names, keep_values=keep_values,
                                  default_clinician=default)
            if signed_in is not None:
                self.entry.clinician.setCurrentText(signed_in)
        self.entry.announce_state()  # what the blocked signals would have said, once
        focused = self.entry.focused_value()
        if focused is not None:
            self._show_on_dial(*focused)
        self._show_header()
        self.history.set_record(self.record)
        self.flowsheet.set_record(self.record, self.settings.mdc_overrides)
        self._fill_motion_picker()
        self._draw_plots()
        self._treatments_stale = True  # the Treatments tab catches up when it is shown
        self._update_treatments_if_shown()
        if opened:
            self.patient_changed.emit(self.record.patient.id or 0)
        if not self._multiples_queue:  # else when the last small multiple is drawn
            self._finish_load()

    def _finish_load(self) -> None:
        self.busy.setVisible(False)
        if self.record is not None:
            self.patient_loaded.emit(self.record.patient.id or 0)
            self._prepare_treatments()

    def _show_header(self) -> None:
        assert self.record is not None
        p = self.record.patient
        age = p.age_on(dt.date.today())
        words = labels()
        goals = ", ".join(
            f"{words(motion_spec(g.motion).label)} {words.degrees(g.target_degrees)}"
            f"{' (' + g.label + ')' if g.label else ''}" for g in self.record.goals
        ) or self.tr("none set")
        sex = (self.tr("sex {sex}").format(sex=words(p.sex.in_words)) if p.sex is Sex.UNKNOWN
               else words(p.sex.in_words))
        archived = (f" <span style='color:#B3261E'>{self.tr('(archived)')}</span>"
                    if p.archived else "")
        self.header.setText(self.tr(
                "<span style='font-size:15pt; font-weight:600'>{family}, {given}</span>{archived} "
                "&nbsp; {age} years, {sex} &nbsp;·&nbsp; chart <b>{chart}</b><br>Diagnosis: "
                "{diagnosis} &nbsp;·&nbsp; Referred by: {physician} &nbsp;·&nbsp; Goals: {goals}"
        ).format(family=p.family_name, given=p.given_name, archived=archived, age=age, sex=sex,
                 chart=p.chart, diagnosis=p.diagnosis or "—",
                 physician=p.referring_physician or "—", goals=goals))

    def _fill_motion_picker(self) -> None:
        assert self.record is not None
        current = self.motion_picker.currentData()
        measured = motions_of(self.record.readings)
        motions = list(dict.fromkeys([*measured, *hip_panel()]))
        with QSignalBlocker(self.motion_picker):  # refilled: the plots are drawn once after
            self.motion_picker.clear()
            for key in motions:
                self.motion_picker.addItem(labels()(catalog()[key].label), str(key))
            index = self.motion_picker.findData(current or str(IR))
            self.motion_picker.setCurrentIndex(max(0, index))

    def selected_motion(self) -> MotionKey:
        data = self.motion_picker.currentData()
        return MotionKey.parse(data) if data else IR

    def _draw_plots(self) -> None:
        """The big plot now, the small multiples one per turn of the event loop: each is a plot
        of its own to build, fill and paint, and all eight at once held the window 100–300 ms
        (the window paints and takes keys between them)."""
        if self.record is None:
            return
        self.plot.show_record(self.record, self.selected_motion(), self.entry.pending_readings())
        measured = motions_of(self.record.readings)[:SMALL_MULTIPLES]
        for small in self.small_multiples[len(measured):]:
            small.setVisible(False)
        self._multiples_queue = list(measured)
        self._multiples_drawn = 0
        self._queue_next_multiple()

    def _queue_next_multiple(self) -> None:
        if not self._multiple_due:
            self._multiple_due = True
            idle.later(self, self._draw_next_multiple)

    def _draw_next_multiple(self) -> None:
        """One small multiple (built the first time it is needed); the last one ends the load."""
        self._multiple_due = False
        if not self._multiples_queue or self.record is None:
            return
        motion = self._multiples_queue.pop(0)
        index = self._multiples_drawn
        self._multiples_drawn += 1
        if index >= len(self.small_multiples):
            self._add_multiple()
        small = self.small_multiples[index]
        small.show_record(self.record, motion)
        small.setVisible(True)
        if self._multiples_queue:
            self._queue_next_multiple()
        else:
            self._finish_load()

    def _add_multiple(self) -> None:
        """One more small multiple, hidden until it is drawn (placed in the grid, a plot that
        is not hidden is shown by the layout)."""
        if len(self.small_multiples) >= SMALL_MULTIPLES:
            return
        from ptlog.ui.trend_plot import TrendPlot

        small = TrendPlot(self._multiples_box, compact=True)
        small.setVisible(False)
        small.clicked.connect(self._on_small_multiple_clicked)
        self.small_multiples.append(small)
        self._arrange_multiples()

    def _prepare_multiples(self) -> None:
        """When the first patient is asked for: the small multiples are built while it is read
        and drawn, one per idle turn and hidden (no layout or paint of the others each time).
        Built as the first patient was drawn, each new plot and the relayout it caused held
        the window 60-90 ms. Not before PLOT_MODULE is loaded: they are made as drawn then."""
        if not self._multiples_prepared and self._plot_module_loaded:
            self._multiples_prepared = True
            for _ in range(SMALL_MULTIPLES):
                idle.later(self, self._add_multiple)

    def _draw_multiples_now(self) -> None:
        """Draw the small multiples still queued (a save must find them showing this patient)."""
        while self._multiples_queue:
            self._draw_next_multiple()

    def _multiples_columns(self) -> int:
        """As many columns as plots of a readable width fit (at most four): at 1366×768 four
        columns left each plot narrower than its own name and the grid cut the last off."""
        spacing = self._multiples_grid.spacing()
        width = self._multiples_box.width()
        return max(1, min(4, (width + spacing) // (SMALL_MULTIPLE_WIDTH + spacing)))

    def _arrange_multiples(self) -> None:
        """Put the small multiples in rows of as many columns as fit the box now."""
        columns = self._multiples_columns()
        grid = self._multiples_grid
        if self._multiples_arranged == (columns, len(self.small_multiples)):
            return
        self._multiples_arranged = (columns, len(self.small_multiples))
        for small in self.small_multiples:
            grid.removeWidget(small)
        for index, small in enumerate(self.small_multiples):
            grid.addWidget(small, index // columns, index % columns)
        for column in range(4):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._multiples_box and event.type() == QEvent.Type.Resize:
            self._arrange_multiples()
        return super().eventFilter(watched, event)

    # --- slots -----------------------------------------------------------------------
    def _on_motion_picker_changed(self, _index: int) -> None:
        if self.record is not None:
            self.plot.show_record(self.record, self.selected_motion(),
                                  self.entry.pending_readings())

    def _show_motion(self, motion: MotionKey) -> None:
        """Put ``motion`` on the big trend plot (added to the picker when first measured)."""
        index = self.motion_picker.findData(str(motion))
        if index < 0:
            self.motion_picker.addItem(labels()(catalog()[motion].label), str(motion))
            index = self.motion_picker.count() - 1
        self.motion_picker.setCurrentIndex(index)

    def _on_small_multiple_clicked(self, motion: MotionKey) -> None:
        index = self.motion_picker.findData(str(motion))
        if index >= 0:
            self.motion_picker.setCurrentIndex(index)

    def _on_entry_value_changed(self, motion: MotionKey, side: Side, text: str) -> None:
        if self.record is None:
            return
        self._show_on_dial(motion, side, text)
        self._follow_on_plot(motion, side, text)

    def _show_on_dial(self, motion: MotionKey, side: Side, text: str) -> None:
        """The dial shows the value being typed against its normal range."""
        assert self.record is not None
        row = self.entry.rows()[motion]
        try:
            value = degrees_or_none(text)
            other = degrees_or_none(row.fields[side.other].text())
        except ValueError:
            value = other = None
        age = self.record.patient.age_on(dt.date.today())
        norm = normal_range_for(age, motion)
        spec = motion_spec(motion)
        self.dial.set_reading(labels()(spec.label), side.value, value, other,
                              (norm.low, norm.high) if norm else None, spec.normal_end * 1.3)

    def _follow_on_plot(self, motion: MotionKey, side: Side, text: str) -> None:
        """The plot shows the typed value live (and the saved motion just after a save)."""
        assert self.record is not None
        if self._holding_saved and not text.strip():
            # just saved: the focus moved on to an empty field; keep the saved motion in view
            # until something is typed, so the PT sees the reading arrive
            self.plot.update_readings(self.record.readings, self.entry.pending_readings())
            return
        self._holding_saved = False
        if motion != self.selected_motion():
            index = self.motion_picker.findData(str(motion))
            if index >= 0:
                # the picker's change draws this motion with the values typed so far, the one
                # just typed too; drawing them again after it re-set the typed series' points
                # and refitted (25-40 ms for the 5,000-reading patient, in the key's handler)
                self.motion_picker.setCurrentIndex(index)
                return
        # the typed value appears on the trend as it is entered (setData only)
        self.plot.update_readings(self.record.readings, self.entry.pending_readings())

    def _on_data_changed(self, changes: Changes, initiator: object) -> None:
        """Re-read the patient when a use case or another workstation changed them; a save of
        this view's own entry was added as it happened (``_on_entry_visit_saved``)."""
        if initiator is not self.entry and changes.touches(self.patient_id()):
            self.reload()

    def _on_entry_visit_saved(self, result: SaveResult) -> None:
        assert self.record is not None
        self._saves += 1
        self._draw_multiples_now()
        patient_id = result.visit.patient_id
        if self.record.patient.id == patient_id:
            # what was saved is known: add it instead of re-reading 5,000 readings (one frame)
            self.record = with_saved_readings(self.record, result.visit, result.saved)
            added: Sequence[Reading] | None = result.saved
        else:
            self.record = records.load_patient_record(patient_id)
            added = None
        self.entry.set_history(self.record)
        self.history.set_record(self.record)
        self.flowsheet.set_record(self.record, self.settings.mdc_overrides)
        saved_motions = list(dict.fromkeys(r.motion for r in (added or ())))
        if saved_motions and self.selected_motion() not in saved_motions:
            self._show_motion(saved_motions[0])
        self._holding_saved = bool(saved_motions)
        for plot in (self.plot, *self.small_multiples):
            if plot is self.plot or plot.isVisible():
                plot.add_saved(self.record.readings, added)
        self.readings_saved.emit(patient_id)

    def _update_treatments_if_shown(self) -> None:
        """The Treatments tab shows this view's record (no query of its own); done when it is
        visible, not on every open."""
        if self.tabs.currentWidget() is not self._treatments_page:
            return
        if self.treatments is None:
            self._build_treatments()
        assert self.treatments is not None
        if not self._treatments_stale or self.record is None:
            return
        self._treatments_stale = False
        self.treatments.show_record(self.record, self.settings.currency_code)

    def _build_treatments(self) -> None:
        from ptlog.ui.treatment_panel import TreatmentPanel

        comparison, self._comparison_ahead = self._comparison_ahead, None
        self.treatments = TreatmentPanel(self._treatments_page, reads_changes=False,
                                         comparison=comparison)
        page_layout = self._treatments_page.layout()
        assert page_layout is not None
        page_layout.addWidget(self.treatments)
        self._treatments_stale = self.record is not None

    def _prepare_treatments(self) -> None:
        """Once, after the first patient is shown: import the Treatments tab's module on a pool
        thread (80 ms of imports, the window answering meanwhile), then build the tab in two
        idle turns of the event loop, so the first switch to it only fills it."""
        if self._treatments_prepared or self.treatments is not None:
            return
        self._treatments_prepared = True

        def imported(_module: object) -> None:
            idle.later(self, self._build_comparison_ahead)  # else built on first show

        tasks.import_in_background("ptlog.ui.treatment_panel", imported)

    def _build_comparison_ahead(self) -> None:
        """The Treatments tab's comparison panel (its chart, table and picker), in an idle turn
        of its own; the rest of the tab in the next one (together they held the window
        ~50 ms)."""
        if self.treatments is None and self._comparison_ahead is None:
            from ptlog.ui.comparison_panel import ComparisonPanel

            self._comparison_ahead = ComparisonPanel(self._treatments_page)
            self._comparison_ahead.setVisible(False)  # until the tab is built around it
            idle.later(self, self._build_treatments_if_missing)

    def _build_treatments_if_missing(self) -> None:
        if self.treatments is None:
            self._build_treatments()

    def _on_tabs_current_changed(self, _index: int) -> None:
        self._update_treatments_if_shown()
