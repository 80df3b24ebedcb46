"""New / edit patient: validated fields with the message beside the field, and goals."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain.catalog import catalog
from ptlog.domain.i18n import N_
from ptlog.domain.records import Goal, MotionKey, Patient, Sex, Side, TreatmentSide
from ptlog.domain.targets import functional_targets
from ptlog.domain.visit_time import local_today, parse_birth_date
from ptlog.services import patients as patient_service
from ptlog.store.errors import ConflictError, StoreError, ValidationError
from ptlog.ui.data_changes import announce
from ptlog.ui.date_field import DateField
from ptlog.ui.field_messages import FieldMessages
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.tasks import run_and_wait
from ptlog.ui.translations import labels, language_choices

HIP_IR = MotionKey("hip", "internal_rotation")


class PatientDialog(FittedDialog):
    """Create a patient (``patient=None``) or edit one; ``saved_patient`` holds the result."""

    def __init__(self, parent: QWidget | None = None, patient: Patient | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        words = labels()
        self.setMinimumWidth(520)
        self._original = patient
        self.saved_patient: Patient | None = None
        self.messages = FieldMessages(self)
        self.general_error = self.messages.general

        self.chart = QLineEdit(self)
        self.family_name = QLineEdit(self)
        self.given_name = QLineEdit(self)
        # empty until typed: a forgotten birth date must not become a plausible one
        self.birth_date = DateField(self)
        self.sex = QComboBox(self)
        for sex in Sex:
            self.sex.addItem(words(sex.label), sex.value)
        self.dominant_side = QComboBox(self)
        self.dominant_side.addItem(self.tr("Not recorded"), "")
        for side in Side:
            self.dominant_side.addItem(words(side.label), side.value)
        # the language of the patient's handout; the report speaks the clinic's
        self.language = QComboBox(self)
        self.language.addItem(self.tr("The clinic's language"), "")
        for name, code in language_choices():
            self.language.addItem(name, code)
        self.diagnosis = QLineEdit(self)
        self.referring_physician = QLineEdit(self)
        self.contact = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        tab_moves_on(self.notes)
        self.notes.setFixedHeight(60)
        # the activities and sports whose rotation targets the plot, report and handout show
        self.activities = QListWidget(self)
        tab_moves_on(self.activities)
        self.activities.setFixedHeight(92)
        self.activities.setToolTip(self.tr(
                "The activities and sports this patient needs: their hip "
                "rotation targets are shown. None ticked: walking and a "
                "deep squat."))
        for target in functional_targets(HIP_IR):
            item = QListWidgetItem(target.describe(words), self.activities)
            item.setData(Qt.ItemDataRole.UserRole, target.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        names = {
            "chart": self.tr("Chart number"), "family_name": self.tr("Family name"),
            "given_name": self.tr("Given name"), "birth_date": self.tr("Birth date"),
            "sex": self.tr("Sex"), "dominant_side": self.tr("Dominant side"),
            "language": self.tr("Handout language"), "diagnosis": self.tr("Diagnosis"),
            "referring_physician": self.tr("Referring physician"),
            "contact": self.tr("Contact"), "notes": self.tr("Notes"),
            "activities": self.tr("Activities and sports"),
        }
        form = QFormLayout()
        for field, label in names.items():
            self.messages.add_row(form, field, getattr(self, field), label, required=field in (
                "chart", "family_name", "given_name", "birth_date"))

        self.goal_list = QListWidget(self)
        tab_moves_on(self.goal_list)
        self.goal_list.setAccessibleName("Goals")
        self.goal_list.setFixedHeight(70)
        self.goal_motion = QComboBox(self)
        self.goal_motion.setAccessibleName("Goal motion")
        for key, spec in catalog().items():
            self.goal_motion.addItem(words(spec.label), str(key))
        self.goal_side = QComboBox(self)
        self.goal_side.setAccessibleName("Goal side")
        for goal_side in (TreatmentSide.BOTH, TreatmentSide.LEFT, TreatmentSide.RIGHT):
            self.goal_side.addItem(words(goal_side.label), goal_side.value)
        self.goal_target = QDoubleSpinBox(self)
        self.goal_target.setAccessibleName("Goal target degrees")
        self.goal_target.setRange(0, 200)
        self.goal_target.setSuffix("°")
        self.goal_target.setValue(30)
        self.goal_label = QComboBox(self)
        self.goal_label.setEditable(True)
        self.goal_label.setAccessibleName("Goal label")
        for target in functional_targets():
            self.goal_label.addItem(words(target.label), target.degrees_needed)
        self.goal_label.setCurrentText("")
        self.goal_label.activated.connect(self._on_goal_label_activated)
        add_goal = QPushButton(self.tr("Add goal"), self)
        add_goal.clicked.connect(self._on_add_goal)
        remove_goal = QPushButton(self.tr("Remove"), self)
        remove_goal.clicked.connect(self._on_remove_goal)
        goal_row = QHBoxLayout()
        for widget in (self.goal_motion, self.goal_side, self.goal_target, self.goal_label,
                       add_goal):
            goal_row.addWidget(widget)
        goals_box = QGroupBox(self.tr("Goals"), self)
        goals_layout = QVBoxLayout(goals_box)
        list_row = QHBoxLayout()
        list_row.addWidget(self.goal_list, 1)
        list_row.addWidget(remove_goal, 0, Qt.AlignmentFlag.AlignTop)
        goals_layout.addLayout(list_row)
        goals_layout.addLayout(goal_row)
        self._pending_goals: list[Goal] = []
        self._removed_goal_ids: list[int] = []

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(goals_box)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        for required in (self.chart, self.family_name, self.given_name):
            required.textChanged.connect(self._on_required_changed)
        self.birth_date.text_changed.connect(self._on_required_changed)
        if patient:
            self._fill(patient)
        self._on_required_changed()

    def _fill(self, patient: Patient) -> None:
        self.chart.setText(patient.chart)
        self.family_name.setText(patient.family_name)
        self.given_name.setText(patient.given_name)
        self.birth_date.set_date(patient.birth_date)
        self.sex.setCurrentIndex(self.sex.findData(patient.sex.value))
        self.dominant_side.setCurrentIndex(
            self.dominant_side.findData(
                patient.dominant_side.value if patient.dominant_side else "")
        )
        self.language.setCurrentIndex(max(0, self.language.findData(patient.language)))
        self.diagnosis.setText(patient.diagnosis)
        self.referring_physician.setText(patient.referring_physician)
        self.contact.setText(patient.contact)
        self.notes.setPlainText(patient.notes)
        for row in range(self.activities.count()):
            item = self.activities.item(row)
            chosen = item.data(Qt.ItemDataRole.UserRole) in patient.activities
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        if patient.id is not None:
            for goal in patient_service.goals_for_patient(patient.id):
                self._add_goal_item(goal)

    def _add_goal_item(self, goal: Goal) -> None:
        spec = catalog().get(goal.motion)
        side = {"B": "both sides", "L": "left", "R": "right"}[goal.side.value]
        item = QListWidgetItem(
            f"{spec.label if spec else goal.motion}: {goal.target_degrees:g}° ({side})"
            f"{' — ' + goal.label if goal.label else ''}"
        )
        item.setData(Qt.ItemDataRole.UserRole, goal)
        self.goal_list.addItem(item)

    def _on_goal_label_activated(self, index: int) -> None:
        degrees = self.goal_label.itemData(index)
        if degrees is not None:
            self.goal_target.setValue(float(degrees))
            self.goal_motion.setCurrentIndex(self.goal_motion.findData("hip.internal_rotation"))

    def _on_add_goal(self) -> None:
        goal = Goal(
            patient_id=self._original.id if self._original and self._original.id else 0,
            motion=MotionKey.parse(self.goal_motion.currentData()),
            target_degrees=self.goal_target.value(),
            side=TreatmentSide(self.goal_side.currentData()),
            label=self.goal_label.currentText().strip(),
        )
        self._pending_goals.append(goal)
        self._add_goal_item(goal)

    def _on_remove_goal(self) -> None:
        row = self.goal_list.currentRow()
        if row < 0:
            return
        goal: Goal = self.goal_list.item(row).data(Qt.ItemDataRole.UserRole)
        if goal.id is not None:
            self._removed_goal_ids.append(goal.id)
        elif goal in self._pending_goals:
            self._pending_goals.remove(goal)
        self.goal_list.takeItem(row)

    def birth_date_value(self) -> dt.date | None:
        """The typed birth date, or None while it is empty or not a date."""
        try:
            return parse_birth_date(self.birth_date.text(), today=local_today())
        except ValueError:
            return None

    def _on_required_changed(self, *_args: object) -> None:
        complete = all(w.text().strip() for w in (self.chart, self.family_name, self.given_name))
        problem = ""
        if self.birth_date.text().strip():
            try:
                parse_birth_date(self.birth_date.text(), today=local_today())
            except ValueError as exc:
                problem = labels().error_text(exc)
        self._show_error("birth_date", problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            complete and self.birth_date_value() is not None
        )

    def _show_error(self, field: str, message: str) -> None:
        self.messages.show(field, message)

    def error_text(self, field: str) -> str:
        return self.messages.text(field)

    def patient_from_fields(self) -> Patient:
        side = self.dominant_side.currentData()
        birth = self.birth_date_value()
        if birth is None:
            raise ValidationError.said(N_("the birth date is required (YYYY-MM-DD)"),
                                       field="birth_date")
        base = self._original or Patient("", "", "", birth, Sex.UNKNOWN)
        return dataclasses.replace(
            base,
            chart=self.chart.text().strip(),
            family_name=self.family_name.text().strip(),
            given_name=self.given_name.text().strip(),
            birth_date=birth,
            sex=Sex(self.sex.currentData()),
            dominant_side=Side(side) if side else None,
            diagnosis=self.diagnosis.text().strip(),
            referring_physician=self.referring_physician.text().strip(),
            contact=self.contact.text().strip(),
            notes=self.notes.toPlainText().strip(),
            activities=self.chosen_activities(),
            language=str(self.language.currentData() or ""),
        )

    def chosen_activities(self) -> tuple[str, ...]:
        """The ticked activities' target keys, in the list's order."""
        items = (self.activities.item(row) for row in range(self.activities.count()))
        return tuple(item.data(Qt.ItemDataRole.UserRole) for item in items
                     if item.checkState() == Qt.CheckState.Checked)

    def _on_save(self) -> None:
        self.messages.clear()
        try:
            patient = self.patient_from_fields()
            goals, removed = list(self._pending_goals), list(self._removed_goal_ids)
            done = run_and_wait(lambda: patient_service.save_patient(
                patient, new_goals=goals, removed_goal_ids=removed),
                busy=self.parentWidget(), text=self.tr("Saving the patient…"))
        except ValidationError as exc:
            self._show_error(exc.field, labels().error_text(exc))
            return
        except ConflictError as exc:
            self._show_error("", self.tr("{error} Your changes are still in the form.").format(
                error=exc))
            return
        except StoreError as exc:
            self._show_error("", str(exc))
            return
        announce(done.changes, self)
        self.saved_patient = done.value
        self._pending_goals.clear()
        self._removed_goal_ids.clear()
        self.accept()
