"""Add or edit a treatment: validated fields with the message beside the field; remove with a
confirmation. Saving goes through ``ptlog.services.treatments`` (audited, optimistic locking).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain.limits import MAX_SESSIONS
from ptlog.domain.parse import InputError, parse_money
from ptlog.domain.records import Treatment, TreatmentKind, TreatmentSide
from ptlog.domain.visit_time import parse_day
from ptlog.services import treatments as treatment_service
from ptlog.services.settings import clinic_settings
from ptlog.store.errors import ConflictError, NotFoundError, StoreError, ValidationError
from ptlog.ui.data_changes import announce
from ptlog.ui.date_field import DateField
from ptlog.ui.field_messages import FieldMessages
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.qdates import shown_date
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.tasks import run_and_wait
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

_SIDES = (TreatmentSide.BOTH, TreatmentSide.LEFT, TreatmentSide.RIGHT)
FIELD_NAMES = {
    "kind": QT_TRANSLATE_NOOP("TreatmentDialog", "Treatment kind"),
    "start_date": QT_TRANSLATE_NOOP("TreatmentDialog", "Start date"),
    "end_date": QT_TRANSLATE_NOOP("TreatmentDialog", "End date"),
    "side": QT_TRANSLATE_NOOP("TreatmentDialog", "Treated side"),
    "sessions_planned": QT_TRANSLATE_NOOP("TreatmentDialog", "Sessions planned"),
    "sessions_attended": QT_TRANSLATE_NOOP("TreatmentDialog", "Sessions attended"),
    "cost": QT_TRANSLATE_NOOP("TreatmentDialog", "Cost"),
    "details": QT_TRANSLATE_NOOP("TreatmentDialog", "Details"),
    "notes": QT_TRANSLATE_NOOP("TreatmentDialog", "Notes"),
}


class TreatmentDialog(FittedDialog):
    """New treatment (``treatment=None``) or edit one; ``saved_treatment`` holds the result."""

    treatment_saved = Signal(object)  # the stored Treatment, after add or edit
    treatment_removed = Signal(object)  # the Treatment as it was before removal

    def __init__(self, parent: QWidget | None, patient_id: int,
                 treatment: Treatment | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit treatment") if treatment else self.tr("Add treatment"))
        self.setMinimumWidth(460)
        self._patient_id = patient_id
        self._original = treatment
        self.saved_treatment: Treatment | None = None
        self.messages = FieldMessages(self)
        self.general_error = self.messages.general
        self.general_error.setAccessibleName("Treatment message")

        self.kind = QComboBox(self)
        for kind in TreatmentKind:
            self.kind.addItem(labels()(kind.label), kind.value)
        # ISO text with a calendar (Alt+Down): a QDateEdit showing "one-day treatment" kept
        # Tab inside its date sections, so nothing after it could be reached by keyboard
        self.start_date = DateField(self)
        self.end_date = DateField(self)
        self.end_date.edit.setPlaceholderText(self.tr("empty: one-day treatment"))
        self.side = QComboBox(self)
        for side in _SIDES:
            self.side.addItem(labels()(side.label), side.value)  # the domain's label
        self.sessions_planned = QSpinBox(self)
        self.sessions_attended = QSpinBox(self)
        for spin in (self.sessions_planned, self.sessions_attended):
            spin.setRange(-1, MAX_SESSIONS)
            spin.setSpecialValueText(self.tr("not recorded"))  # -1: unknown, 0 is a real count
            spin.setValue(-1)
        self.cost = QLineEdit(self)
        self._currency = clinic_settings()
        self.cost.setPlaceholderText(self.tr("{currency}, e.g. 1200 (empty if unknown)").format(
            currency=self._currency.currency_code))
        self.details = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        tab_moves_on(self.notes)
        self.notes.setFixedHeight(60)

        form = QFormLayout()
        for field, label in FIELD_NAMES.items():
            self.messages.add_row(form, field, getattr(self, field),
                                  QCoreApplication.translate("TreatmentDialog", label),
                                  required=field in ("kind", "start_date"))

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        self.remove_button: QPushButton | None = None
        if treatment is not None:
            self.remove_button = self.buttons.addButton(
                self.tr("Remove…"), QDialogButtonBox.ButtonRole.DestructiveRole)
            self.remove_button.setAccessibleName("Remove treatment")
            self.remove_button.clicked.connect(self._on_remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self.start_date.text_changed.connect(self._on_dates_changed)
        self.end_date.text_changed.connect(self._on_dates_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        if treatment is not None:
            self._fill(treatment)
        else:
            self.start_date.set_date(dt.date.today())
            self.end_date.set_date(None)
        self._on_dates_changed()

    # --- fields ---------------------------------------------------------------------
    def _fill(self, treatment: Treatment) -> None:
        self.kind.setCurrentIndex(self.kind.findData(treatment.kind.value))
        self.start_date.set_date(treatment.start_date)
        self.end_date.set_date(treatment.end_date)
        self.side.setCurrentIndex(self.side.findData(treatment.side.value))
        for spin, value in ((self.sessions_planned, treatment.sessions_planned),
                            (self.sessions_attended, treatment.sessions_attended)):
            spin.setValue(-1 if value is None else value)
        self.cost.setText("" if treatment.cost is None else f"{treatment.cost:g}")
        self.details.setText(treatment.details)
        self.notes.setPlainText(treatment.notes)

    def _on_kind_changed(self, _index: int) -> None:
        # a course (PT, dry needling) usually has an end; suggest none for one-day treatments
        if self._original is None and self.kind.currentData() in (
                TreatmentKind.STEROID_INJECTION.value, TreatmentKind.HIP_ARTHROSCOPY.value):
            self.end_date.set_date(None)

    def _start(self) -> dt.date:
        try:
            return parse_day(self.start_date.text(), "start date")
        except ValueError as exc:
            raise ValidationError.from_input(exc, field="start_date") from None

    def _end(self) -> dt.date | None:
        """None for a one-day treatment (the field left empty)."""
        if not self.end_date.text().strip():
            return None
        try:
            return parse_day(self.end_date.text(), "end date")
        except ValueError as exc:
            raise ValidationError.from_input(exc, field="end_date") from None

    def _on_dates_changed(self, *_args: object) -> None:
        """Each date's problem beside it while typing (a half-typed date is not one yet)."""
        messages = {"start_date": "", "end_date": ""}
        start = end = None
        try:
            start = self._start()
        except ValidationError as exc:
            messages["start_date"] = labels().error_text(exc) \
                if len(self.start_date.text().strip()) >= 10 else ""
        try:
            end = self._end()
        except ValidationError as exc:
            messages["end_date"] = labels().error_text(exc) \
                if len(self.end_date.text().strip()) >= 10 else ""
        if start is not None and end is not None and end < start:
            messages["end_date"] = self.tr("the end date is before the start date ({start})"
                                           ).format(start=shown_date(start))
        for field, message in messages.items():
            self._show_error(field, message)

    def _show_error(self, field: str, message: str) -> None:
        self.messages.show(field, message)

    def error_text(self, field: str) -> str:
        """The message shown beside ``field`` ("" when none), or the general one for ""."""
        return self.messages.text(field)

    def _parse_cost(self) -> float | None:
        text = self.cost.text()
        if not text.strip():
            return None
        try:
            return parse_money(text, symbol=self._currency.currency_symbol)
        except InputError as exc:
            raise ValidationError.from_input(exc, field="cost") from None

    def treatment_from_fields(self) -> Treatment:
        """The treatment as typed; ``ValidationError`` for input that is not even a number."""
        base = self._original or Treatment(self._patient_id, TreatmentKind.OTHER, dt.date.today())
        planned, attended = self.sessions_planned.value(), self.sessions_attended.value()
        return dataclasses.replace(
            base,
            kind=TreatmentKind(self.kind.currentData()),
            start_date=self._start(),
            end_date=self._end(),
            side=TreatmentSide(self.side.currentData()),
            sessions_planned=None if planned < 0 else planned,
            sessions_attended=None if attended < 0 else attended,
            cost=self._parse_cost(),
            details=self.details.text().strip(),
            notes=self.notes.toPlainText().strip(),
        )

    # --- actions --------------------------------------------------------------------
    def _clear_errors(self) -> None:
        self.messages.clear()

    def _on_save(self) -> None:
        self._clear_errors()
        try:
            treatment = self.treatment_from_fields()
            done = run_and_wait(lambda: treatment_service.save_treatment(treatment),
                                busy=self.parentWidget(), text=self.tr("Saving the treatment…"))
        except ValidationError as exc:
            self._show_error(exc.field if self.messages.has(exc.field) else "",
                             labels().error_text(exc))
            return
        except (ConflictError, NotFoundError) as exc:
            self._show_error("", self.tr("{error} Your input is still in the form.").format(
                error=exc))
            return
        except StoreError as exc:
            self._show_error("", str(exc))
            return
        announce(done.changes, self)
        self.saved_treatment = done.value
        self.treatment_saved.emit(done.value)
        self.accept()

    def _on_remove(self) -> None:
        assert self._original is not None
        original = self._original
        answer = QMessageBox.question(
            self, self.tr("Remove treatment"),
            self.tr("Remove the treatment “{kind}” of {date}? Its before/after comparison "
                    "disappears; the audit log keeps a copy.").format(
                kind=labels()(original.kind.label), date=shown_date(original.start_date)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._clear_errors()
        try:
            removed = run_and_wait(lambda: treatment_service.remove_treatment(original),
                                   busy=self.parentWidget(), text=self.tr(
                                           "Removing the treatment…"))
        except StoreError as exc:
            self._show_error("", str(exc))
            return
        announce(removed.changes, self)
        self.treatment_removed.emit(original)
        self.accept()
