"""Amend or void one reading: the new value and a reason; the original stays on record."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.domain import records as d
from ptlog.domain.catalog import motion_spec
from ptlog.domain.checks import Plausibility, check_plausible
from ptlog.domain.parse import InputError, degrees_or_none
from ptlog.services import amendments
from ptlog.store.errors import StoreError, ValidationError
from ptlog.ui.data_changes import announce
from ptlog.ui.messages import show_error
from ptlog.ui.qdates import shown_date
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.tasks import run_and_wait
from ptlog.ui.translations import labels


def describe_reading(reading: d.Reading) -> str:
    try:
        label = labels()(motion_spec(reading.motion).label)
    except KeyError:
        label = str(reading.motion)
    return QCoreApplication.translate(
        "AmendDialog", "{motion}, {side}, {mode}, {position} — {degrees}° on {date}").format(
        motion=label, side=labels()(reading.side.label).lower(), mode=labels()(reading.mode.value),
        position=labels()(reading.position.value), degrees=labels().number(reading.degrees),
        date=shown_date(reading.taken_at.date()))


class AmendDialog(FittedDialog):
    """Amend (``void=False``) or void a current reading through ``ptlog.services.amendments``."""

    reading_amended = Signal(object)  # the new row: the amended reading, or the void marker

    def __init__(self, parent: QWidget | None, reading: d.Reading, void: bool = False) -> None:
        super().__init__(parent)
        self._reading = reading
        self._void = void
        self.result_reading: d.Reading | None = None
        self.setWindowTitle(self.tr("Void reading") if void else self.tr("Amend reading"))
        self.setMinimumWidth(420)

        self.summary = QLabel(describe_reading(reading), self)
        self.summary.setAccessibleName("Reading")
        self.summary.setWordWrap(True)
        self.new_value = QLineEdit(self)
        self.new_value.setAccessibleName("New value")
        self.new_value.setPlaceholderText(self.tr("degrees, e.g. 32"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText(
            self.tr("why it is void, e.g. entered for the wrong patient") if void else
            self.tr("why it changes, e.g. misread the scale"))
        self.message = QLabel(self)
        self.message.setAccessibleName("Amendment message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("Reading"), self.summary)
        if not void:
            form.addRow(self.tr("New value *"), self.new_value)
        else:
            self.new_value.setVisible(False)
        form.addRow(self.tr("Reason *"), self.reason)
        note = QLabel(self.tr("The original value stays on record and in the audit trail."), self)
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Void") if void else self.tr("Amend"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.new_value.textChanged.connect(self._on_new_value_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.reason if void else self.new_value).setFocus()

    def _say(self, text: str, *, alert: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colors.ALERT};" if alert else "")
        self.message.setVisible(bool(text))

    def _parsed(self) -> tuple[float | None, str, bool]:
        """The typed value, what to say about it, and whether it may be saved."""
        try:
            value = degrees_or_none(self.new_value.text())
        except InputError as exc:
            return None, labels().error_text(exc), False
        if value is None:
            return None, self.tr("Enter the corrected value in degrees."), False
        verdict = check_plausible(value, motion_spec(self._reading.motion))
        if verdict.verdict is Plausibility.IMPOSSIBLE:
            return value, verdict.describe(labels()), False
        if value == self._reading.degrees:
            return value, self.tr("That is the recorded value ({value}°).").format(
                value=labels().number(value)), False
        return value, verdict.describe(labels()), True

    def _on_new_value_changed(self, _text: str) -> None:
        if not self.new_value.text().strip():
            self._say("")
            return
        _value, text, ok = self._parsed()
        self._say(text, alert=not ok)

    def _on_buttons_accepted(self) -> None:
        reason = self.reason.text().strip()
        value: float | None = None
        if not self._void:
            value, text, ok = self._parsed()
            if not ok:
                self._say(text)
                self.new_value.setFocus()
                return
        if not reason:
            self._say(self.tr("A reason is required: it is kept with the record."))
            self.reason.setFocus()
            return
        try:
            if self._void:
                reading_id = self._reading.id or 0
                done = run_and_wait(lambda: amendments.void_reading(reading_id, reason),
                                    busy=self.parentWidget(), text=self.tr(
                                            "Saving the correction…"))
            else:
                assert value is not None
                reading_id, degrees = self._reading.id or 0, value
                done = run_and_wait(
                    lambda: amendments.amend_reading(reading_id, degrees, reason),
                    busy=self.parentWidget(), text=self.tr("Saving the correction…"))
        except ValidationError as exc:
            self._say(str(exc))
            return
        except StoreError as exc:
            self._say(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a bug: logged and shown in one sentence
            show_error(self, exc, "saving the correction")
            return
        announce(done.changes, self)
        self.result_reading = done.value
        self.reading_amended.emit(done.value)
        self.accept()
