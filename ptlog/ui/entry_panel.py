"""Left/right entry for today's visit: a hip panel template plus any catalog motion.

Each value is checked as typed (``ptlog.domain.flags``): refused when impossible, warned when
unusual, compared with the age norm, the other side and the previous comparable reading — in
words and colour. Edits are undoable; Save stores the whole visit in one transaction.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.domain.catalog import catalog, hip_panel, motion_spec
from ptlog.domain.checks import PERCENT_FORMULA
from ptlog.domain.flags import EntryContext, Flag, Severity, flags_for, worst
from ptlog.domain.parse import degrees_or_none
from ptlog.domain.records import (
    ClinicSettings,
    Instrument,
    Mode,
    MotionKey,
    PatientRecord,
    Position,
    Reading,
    Side,
    VisitKind,
)
from ptlog.domain.visit_time import (
    is_late_entry,
    local_now,
    parse_visit_time,
    utc_offset_minutes,
    visit_time_problem,
)
from ptlog.ui.data_changes import announce
from ptlog.ui.date_field import DateField
from ptlog.ui.flag_lines import FlagLines
from ptlog.ui.qdates import shown_date
from ptlog.ui.tasks import run_and_wait
from ptlog.ui.translations import labels

if TYPE_CHECKING:
    from ptlog.services.visits import SaveResult

#: lines of flags beside a field; the asymmetry takes one line under the motion's name. Rows
#: keep one height, so the fields never move while a value is typed or cleared.
FLAG_LINES = 2


def flag_column_width(advance: Callable[[str], int]) -> int:
    """Room for the usual flags whole, in the window's language: "▲ below normal 100–120°" and
    "• Δ -15°: within error" were cut to "▲ below normal 3…" at 1366×768. The words are the
    domain's (``ptlog.domain.flags``); a rarer, longer one still shows whole in the tooltip."""
    return min(260, max(120, max(advance(text) for text in _flag_samples()) + 8))


def _flag_samples() -> tuple[str, ...]:
    words = labels()  # the domain's catalogs (not Qt's): "tr(" would be taken by lupdate
    span = "100–120°"
    samples = (words("below normal {span}", span=span), words("above normal {span}", span=span),
               words("within normal {span}", span=span), f"Δ -15°: {words('within error')}",
               f"Δ -15°: {words('real loss')}", f"Δ +15°: {words('real gain')}")
    return tuple(f"▲ {text}" for text in samples)


# ``flag_column_width`` by font and samples (which follow the language): twelve flag columns
# of one panel ask the same, and measuring the text took a start's share
_flag_widths: dict[tuple[str, tuple[str, ...]], int] = {}


def _flag_width(widget: QWidget) -> int:
    key = (widget.font().key(), _flag_samples())
    if key not in _flag_widths:
        _flag_widths[key] = flag_column_width(widget.fontMetrics().horizontalAdvance)
    return _flag_widths[key]


class _EditCommand(QUndoCommand):
    """One field edit; consecutive keystrokes in the same field merge into one undo step."""

    def __init__(self, panel: EntryPanel, field: QLineEdit, old: str, new: str) -> None:
        super().__init__(f"edit {field.accessibleName()}")
        self.panel, self.field, self.old, self.new = panel, field, old, new

    def id(self) -> int:
        return 4711

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if isinstance(other, _EditCommand) and other.field is self.field:
            self.new = other.new
            return True
        return False

    def redo(self) -> None:
        self.panel._set_text_silently(self.field, self.new)

    def undo(self) -> None:
        self.panel._set_text_silently(self.field, self.old)


class _UndoKeys(QObject):
    """Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) inside a degree field undo the panel's edits.

    A QLineEdit claims those keys for its own little history (which the panel's silent
    updates reset), so the Edit menu's shortcut never fired with the focus in a field. This
    filter takes the keys first and hands them to the panel's one undo stack.
    """

    def __init__(self, stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.stack = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or \
                not isinstance(event, QKeyEvent):
            return False
        undo = event.matches(QKeySequence.StandardKey.Undo)
        redo = event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            (self.stack.undo if undo else self.stack.redo)()
        return True


class MotionRow:
    """The widgets of one motion: label, Left and Right fields, their flags, the asymmetry."""

    def __init__(self, panel: EntryPanel, motion: MotionKey) -> None:
        spec = motion_spec(motion)
        self.motion = motion
        self.label = QLabel(labels()(spec.label), panel)
        self.fields: dict[Side, QLineEdit] = {}
        self.flag_labels: dict[Side, FlagLines] = {}
        for side in (Side.LEFT, Side.RIGHT):
            field = QLineEdit(panel)
            field.setAccessibleName(f"{spec.label} {side.label}")
            field.setPlaceholderText("°")
            field.setMaxLength(6)
            field.setFixedWidth(64)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setProperty("side", side.value)
            self.fields[side] = field
            flags = FlagLines(FLAG_LINES, panel)
            flags.setAccessibleName(f"{spec.label} {side.label} flags")
            flags.setMinimumWidth(_flag_width(flags))
            flags.setMaximumWidth(300)
            self.flag_labels[side] = flags
        self.flags: dict[Side, list[Flag]] = {Side.LEFT: [], Side.RIGHT: []}


class EntryPanel(QWidget):
    """Today's readings for one patient."""

    #: the focused field's motion, side and typed text changed (drives the dial and plots)
    value_changed = Signal(object, object, str)
    #: the visit was saved: its ``SaveResult`` (visit and readings stored), for the view to add
    visit_saved = Signal(object)
    #: whether there are unsaved values
    dirty_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record: PatientRecord | None = None
        self.settings = ClinicSettings()
        self.undo_stack = QUndoStack(self)
        self._undo_keys = _UndoKeys(self.undo_stack, self)
        self._rows: dict[MotionKey, MotionRow] = {}
        self._texts: dict[QLineEdit, str] = {}

        self.mode = QComboBox(self)
        self.position = QComboBox(self)
        self.instrument = QComboBox(self)
        self.clinician = QComboBox(self)
        self.clinician.setEditable(True)
        self.visit_kind = QComboBox(self)
        self.pain = QSpinBox(self)
        self.pain.setRange(-1, 10)
        self.pain.setSpecialValueText("–")
        self.pain.setValue(-1)
        for combo, values, name in (
            (self.mode, list(Mode), "Mode"), (self.position, list(Position), "Position"),
            (self.instrument, list(Instrument), "Instrument"),
            (self.visit_kind, list(VisitKind), "Visit kind"),
        ):
            combo.setAccessibleName(name)
            for value in values:
                # the domain's label (imports read it), in the window's language
                combo.addItem(labels()(value.label), value.value)
        self.clinician.setAccessibleName("Clinician")
        self.pain.setAccessibleName("Pain 0 to 10")
        # the visit's wall-clock time: now by default, earlier for a late entry
        self.visit_date = DateField(self, with_time=True)
        self.visit_date.setAccessibleName("Visit date")
        self.visit_date.setToolTip(self.tr(
                "When the patient was seen (YYYY-MM-DD HH:MM, local time). "
                "Change it to document a visit later: it is marked as a "
                "late entry."))
        self.visit_date.text_changed.connect(self._recheck_all)
        self.visit_note = QPlainTextEdit(self)
        self.visit_note.setAccessibleName("Visit note")
        self.visit_note.setPlaceholderText(self.tr("Visit note (saved with the readings)"))
        self.visit_note.setTabChangesFocus(True)
        self.visit_note.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.visit_note.textChanged.connect(self._update_save_state)
        self.mode.currentIndexChanged.connect(self._recheck_all)
        self.position.currentIndexChanged.connect(self._recheck_all)

        selectors = QGridLayout()
        for column, (label, widget) in enumerate((
            (self.tr("Position"), self.position), (self.tr("Mode"), self.mode),
            (self.tr("Instrument"), self.instrument),
        )):
            selectors.addWidget(QLabel(label, self), 0, column)
            selectors.addWidget(widget, 1, column)
        for column, (label, control) in enumerate((
            (self.tr("Clinician"), self.clinician), (self.tr("Visit"), self.visit_kind),
            (self.tr("Pain (0–10)"), self.pain),
        )):
            selectors.addWidget(QLabel(label, self), 2, column)
            selectors.addWidget(control, 3, column)
        # the visit's time on a line of its own: a fourth column made the panel too wide for
        # a 1366-pixel laptop (the calendar button went off the edge at 150 %)
        when = QHBoxLayout()
        when.addWidget(QLabel(self.tr("Visit date and time"), self))
        when.addWidget(self.visit_date, 1)
        selectors.addLayout(when, 4, 0, 1, 3)

        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        for column, text in enumerate((self.tr("Motion · Left − Right"), self.tr("Left"), "",
                                       self.tr("Right"), "")):
            header = QLabel(f"<b>{text}</b>", self)
            self.grid.addWidget(header, 0, column)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(4, 1)
        self._next_grid_row = 1
        for motion in hip_panel():
            self._add_row(motion)

        self.extra_motion = QComboBox(self)
        self.extra_motion.setAccessibleName("Add motion")
        for key, spec in catalog().items():
            if key not in hip_panel():
                self.extra_motion.addItem(labels()(spec.label), str(key))
        add_button = self.add_motion_button = QPushButton(self.tr("Add motion"), self)
        add_button.clicked.connect(self._on_add_motion)
        self.save_button = QPushButton(self.tr("Save readings"), self)
        self.save_button.setAccessibleName("Save readings")
        self.save_button.setToolTip(self.tr("Store every value of this visit in one step (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(self)
        self.status.setAccessibleName("Entry status")
        self.status.setWordWrap(True)

        panel_box = QGroupBox(self.tr("Hip panel and other motions"), self)
        panel_layout = QVBoxLayout(panel_box)
        panel_layout.addLayout(self.grid)
        extra = QHBoxLayout()
        extra.addWidget(self.extra_motion, 1)
        extra.addWidget(add_button)
        panel_layout.addLayout(extra)
        panel_layout.addWidget(self.visit_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(selectors)
        layout.addWidget(panel_box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self._fix_tab_order()
        self._update_save_state()

    # --- rows ------------------------------------------------------------------------
    def _add_row(self, motion: MotionKey) -> MotionRow:
        row = MotionRow(self, motion)
        self._rows[motion] = row
        r = self._next_grid_row
        # the motion's name with its left/right asymmetry underneath: one glance per motion
        name_cell = QWidget(self)
        name_layout = QVBoxLayout(name_cell)
        name_layout.setContentsMargins(0, 0, 0, 0)
        name_layout.setSpacing(0)
        name_layout.addWidget(row.label)
        name_layout.addWidget(self.asymmetry_label(row))
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(name_cell, r, 0, top)
        self.grid.addWidget(row.fields[Side.LEFT], r, 1, top)
        self.grid.addWidget(row.flag_labels[Side.LEFT], r, 2, top)
        self.grid.addWidget(row.fields[Side.RIGHT], r, 3, top)
        self.grid.addWidget(row.flag_labels[Side.RIGHT], r, 4, top)
        self._next_grid_row += 1
        for side, field in row.fields.items():
            self._texts[field] = ""
            field.installEventFilter(self._undo_keys)
            field.textEdited.connect(lambda text, f=field: self._on_field_edited(f, text))
            field.textChanged.connect(lambda _t, m=motion: self._recheck(m))
            field.cursorPositionChanged.connect(
                lambda _a, _b, m=motion, s=side: self._emit_value(m, s)
            )
        return row

    def asymmetry_label(self, row: MotionRow) -> FlagLines:
        label = getattr(row, "asym_label", None)
        if label is None:
            label = FlagLines(1, self)
            label.setAccessibleName(f"{motion_spec(row.motion).label} asymmetry")
            label.setMaximumWidth(170)
            row.asym_label = label  # type: ignore[attr-defined]
        return label

    def _on_add_motion(self) -> None:
        key = MotionKey.parse(self.extra_motion.currentData())
        if key in self._rows:
            self._rows[key].fields[Side.LEFT].setFocus()
            return
        row = self._add_row(key)
        self.extra_motion.removeItem(self.extra_motion.currentIndex())
        self._fix_tab_order()
        row.fields[Side.LEFT].setFocus()

    def _fix_tab_order(self) -> None:
        """The visit's details, then Left and Right down the panel, the visit note, Save: a hip
        panel needs no mouse, and Shift+Tab from the first field reaches the visit date."""
        chain: list[QWidget] = [self.position, self.mode, self.instrument, self.visit_date.edit,
                                self.clinician, self.visit_kind, self.pain]
        for row in self._rows.values():
            chain.extend((row.fields[Side.LEFT], row.fields[Side.RIGHT]))
        chain.extend((self.visit_note, self.save_button, self.extra_motion,
                      self.add_motion_button))
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def rows(self) -> dict[MotionKey, MotionRow]:
        return self._rows

    def field(self, motion: MotionKey, side: Side) -> QLineEdit:
        return self._rows[motion].fields[side]

    # --- context ---------------------------------------------------------------------
    def set_record(self, record: PatientRecord | None, settings: ClinicSettings,
                   clinicians: list[str], *, keep_values: bool = False,
                   default_clinician: str | None = None) -> None:
        """Show a patient; ``keep_values`` keeps typed values (live reload from elsewhere).

        ``default_clinician``: who the form starts with when no one is chosen yet ("" for
        nobody: a demo clinician never signs a real visit by default)."""
        same_patient = (self.record is not None and record is not None
                        and self.record.patient.id == record.patient.id)
        self.record = record
        self.settings = settings
        with self._one_update():  # each row re-checked once, not per combo change
            current = self.clinician.currentText()
            self.clinician.clear()
            self.clinician.addItems(clinicians)
            if current:
                self.clinician.setCurrentText(current)
            elif default_clinician is not None:
                self.clinician.setCurrentText(default_clinician)
            if not (keep_values and same_patient):
                for combo, value in ((self.position, settings.default_position),
                                     (self.mode, settings.default_mode),
                                     (self.instrument, settings.default_instrument)):
                    combo.setCurrentIndex(combo.findData(value.value))
                self.clear_values()
                self.visit_date.set_datetime(local_now())
                self.visit_note.clear()
                earlier = len(record.visits) if record is not None else 0
                self.visit_kind.setCurrentIndex(
                    self.visit_kind.findData(VisitKind.default_for(earlier).value))
                self.undo_stack.clear()
            from ptlog.services.session import is_read_only

            # a database its owner made read-only is shown, never typed into
            self.setEnabled(record is not None and not is_read_only())
            self._recheck_all()

    def visit_at(self) -> dt.datetime | None:
        """The typed visit time (wall clock), or None while it is not a time."""
        try:
            return parse_visit_time(self.visit_date.text())
        except ValueError:
            return None

    def visit_time_problem(self) -> str:
        """Why the visit time cannot be saved ("" when it can)."""
        try:
            when = parse_visit_time(self.visit_date.text())
        except ValueError as exc:
            return labels().error_text(exc)
        birth = self.record.patient.birth_date if self.record is not None else None
        return visit_time_problem(when, now=local_now(), birth_date=birth, tr=labels())

    def context(self) -> EntryContext | None:
        if self.record is None:
            return None
        now = self.visit_at() or local_now()
        return EntryContext(
            patient=self.record.patient, visit_day=now.date(), visit_at=now,
            position=Position(self.position.currentData()), mode=Mode(self.mode.currentData()),
            history=self.record.readings, mdc_overrides=self.settings.mdc_overrides,
            tr=labels(), date_text=shown_date,
        )

    # --- typing ----------------------------------------------------------------------
    def _set_text_silently(self, field: QLineEdit, text: str) -> None:
        """Set a field's text without an undo step: ``setText`` emits ``textChanged`` (the row
        is re-checked) but never ``textEdited``, which alone records an edit."""
        field.setText(text)
        self._texts[field] = text
        if not self._in_one_update():
            self._update_save_state()

    def _on_field_edited(self, field: QLineEdit, text: str) -> None:
        old = self._texts.get(field, "")
        self._texts[field] = text
        self.undo_stack.push(_EditCommand(self, field, old, text))
        self._update_save_state()

    def _fields(self) -> list[QLineEdit]:
        return [field for row in self._rows.values() for field in row.fields.values()]

    def _in_one_update(self) -> bool:
        """Inside ``_one_update``: the fields' signals are blocked (Qt's own state, no flag)."""
        fields = self._fields()
        return bool(fields) and fields[0].signalsBlocked()

    @contextmanager
    def _one_update(self) -> Iterator[None]:
        """Changes to many fields (clear after a save, a new history) re-check each row once
        and tell the dial and plots once, instead of once per field and signal: the fields'
        signals are blocked meanwhile, and every row is re-checked at the end."""
        if self._in_one_update():  # already inside one: that one re-checks at its end
            yield
            return
        blockers = [QSignalBlocker(field) for field in self._fields()]
        try:
            yield
        finally:
            for blocker in blockers:
                blocker.unblock()
            for motion in self._rows:
                self._check_row(motion)
            self._update_save_state()
            focus = self._focused()
            if focus is not None:
                self._emit_value(*focus)

    def _recheck(self, motion: MotionKey) -> None:
        self._check_row(motion)
        self._update_save_state()
        focus = self._focused()
        if focus is not None and focus[0] == motion:
            self._emit_value(*focus)

    def announce_state(self) -> None:
        """Say whether there are unsaved values (after a caller blocked this panel's signals)."""
        self.dirty_changed.emit(self.has_unsaved_changes())

    def focused_value(self) -> tuple[MotionKey, Side, str] | None:
        """The field the clinician is in and its text, if any."""
        focus = self._focused()
        return None if focus is None else (*focus, self._rows[focus[0]].fields[focus[1]].text())

    def _focused(self) -> tuple[MotionKey, Side] | None:
        """The field the clinician is in, if any: the dial and plots follow it."""
        return next(((motion, side) for motion, row in self._rows.items()
                     for side, field in row.fields.items() if field.hasFocus()), None)

    def _check_row(self, motion: MotionKey) -> None:
        """Flags of one row's two fields and its asymmetry, in words and colour."""
        row = self._rows[motion]
        context = self.context()
        for side in (Side.LEFT, Side.RIGHT):
            text = row.fields[side].text()
            other = row.fields[side.other].text()
            flags = flags_for(motion, side, text, other, context) if context else []
            row.flags[side] = flags
            row.flag_labels[side].set_flags([f for f in flags if f.kind != "asymmetry"],
                                            [f.text for f in flags if f.kind == "asymmetry"])
            bad = worst(flags) is Severity.ERROR
            style = f"border: 2px solid {colors.ALERT};" if bad else ""
            if row.fields[side].styleSheet() != style:  # re-polishing costs even when equal
                row.fields[side].setStyleSheet(style)
        asym = [f for f in row.flags[Side.LEFT] if f.kind == "asymmetry"]
        formula = self.tr("Percent = {formula}").format(formula=PERCENT_FORMULA)
        self.asymmetry_label(row).set_flags(asym[:1], [formula])

    def _recheck_all(self, *_args: object) -> None:
        with self._one_update():
            pass  # its end re-checks every row

    def set_history(self, record: PatientRecord) -> None:
        """The same patient with more readings (a save): the change flags compare with them."""
        self.record = record
        self._recheck_all()

    def _emit_value(self, motion: MotionKey, side: Side) -> None:
        if self._in_one_update():
            return  # its end tells once
        self.value_changed.emit(motion, side, self._rows[motion].fields[side].text())

    # --- state -----------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        """Typed values or a typed visit note (closing would lose them)."""
        return self._has_values() or bool(self.visit_note.toPlainText().strip())

    def _has_values(self) -> bool:
        return any(f.text().strip() for row in self._rows.values() for f in row.fields.values())

    def errors(self) -> list[str]:
        out: list[str] = []
        if self.record is not None and self._has_values():
            problem = self.visit_time_problem()
            if problem:
                out.append(self.tr("Visit date: {problem}").format(problem=problem))
        for row in self._rows.values():
            for side, flags in row.flags.items():
                out.extend(f"{labels()(motion_spec(row.motion).label)} "
                           f"{labels()(side.label)}: {f.text}"
                           for f in flags if f.severity is Severity.ERROR)
        return out

    def _update_save_state(self) -> None:
        has_values = self._has_values()
        errors = self.errors()
        self.save_button.setEnabled(has_values and not errors and self.record is not None)
        if errors:
            self.status.setText(f"<span style='color:{colors.ALERT}'>" + self.tr(
                "Cannot save: {problem}").format(problem=html.escape(errors[0])) + "</span>")
        elif has_values and self.status.property("saved_message"):
            self.status.setProperty("saved_message", False)
            self.status.setText("")
        self.dirty_changed.emit(self.has_unsaved_changes())

    def clear_values(self) -> None:
        with self._one_update():
            for row in self._rows.values():
                for field in row.fields.values():
                    if field.text() or self._texts.get(field):
                        self._set_text_silently(field, "")

    def pending_readings(self) -> list[Reading]:
        """The typed values as readings (valid ones only), for saving or live plotting."""
        context = self.context()
        if context is None:
            return []
        out = []
        for motion, row in self._rows.items():
            for side, field in row.fields.items():
                try:
                    degrees = degrees_or_none(field.text())
                except ValueError:
                    continue
                if degrees is None or worst(row.flags[side]) is Severity.ERROR:
                    continue
                out.append(Reading(
                    motion=motion, side=side, mode=context.mode, position=context.position,
                    degrees=degrees, taken_at=context.visit_at,
                    instrument=Instrument(self.instrument.currentData()),
                    clinician=self.clinician.currentText().strip(),
                    patient_id=self.record.patient.id if self.record else None,
                ))
        return out

    def save(self) -> bool:
        """Store every typed value in one transaction; on failure keep them and say why."""
        from ptlog.services.visits import save_visit
        from ptlog.store.errors import StoreError

        if self.record is None or self.record.patient.id is None:
            return False
        if self.errors():
            self.status.setText(f"<span style='color:{colors.ALERT}'>" + self.tr(
                "Cannot save: {problem}").format(problem=html.escape(self.errors()[0]))
                + "</span>")
            return False
        readings = self.pending_readings()
        if not readings:
            return False
        context = self.context()
        assert context is not None
        pain = self.pain.value()
        patient_id = self.record.patient.id
        kind = VisitKind(self.visit_kind.currentData())
        clinician = self.clinician.currentText().strip()
        notes = self.visit_note.toPlainText().strip()
        visit_at = context.visit_at
        offset = utc_offset_minutes(visit_at)
        late = is_late_entry(visit_at, local_now())
        try:
            # off the GUI thread: a database locked by another workstation must not freeze
            # the window; the typed values stay until the write succeeded
            done = run_and_wait(lambda: save_visit(
                patient_id, readings, visit_at=visit_at, kind=kind,
                clinician=clinician, pain=None if pain < 0 else pain, notes=notes,
                utc_offset=offset, late_entry=late,
            ), busy=self, text=self.tr("Saving the readings…"))
        except StoreError as exc:
            self.status.setText(f"<span style='color:{colors.ALERT}'>" + self.tr(
                "Not saved: {error} Your values are still here.").format(
                error=html.escape(str(exc))) + "</span>")
            return False
        result: SaveResult = done.value
        message = self.tr("Saved %Ln reading(s)", "", len(result.saved))
        if result.already_present:
            message = self.tr("{saved}; %Ln already recorded", "", result.already_present).format(
                saved=message)
        with self._one_update():  # the view adds the readings; one re-check, one redraw
            self.clear_values()
            self.visit_note.clear()  # saved with the visit; History shows it
            self.undo_stack.clear()
            self.status.setText(f"<span style='color:{colors.OK}'>✓ {message}.</span>")
            self.status.setProperty("saved_message", True)
            self.visit_saved.emit(result)
        announce(done.changes, self)
        return True
