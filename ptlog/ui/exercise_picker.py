"""The PT picks the home exercises and the next visit for a handout; defaults follow findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain.exercises import Exercise, default_program, exercise_library, rotation_is_limited
from ptlog.domain.records import PatientRecord
from ptlog.ui.keyboard import DateEdit, tab_moves_on
from ptlog.ui.qdates import python_date
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import QT_TRANSLATE_NOOP, current_language

DEFAULT_NEXT_VISIT_DAYS = 14
_EXERCISE_ROLE = Qt.ItemDataRole.UserRole


CATEGORIES = {"mobility": QT_TRANSLATE_NOOP("ExercisePickerDialog", "mobility"),
              "strength": QT_TRANSLATE_NOOP("ExercisePickerDialog", "strength")}


def _category(name: str) -> str:
    return QCoreApplication.translate("ExercisePickerDialog", CATEGORIES.get(name, name))


class ExercisePickerDialog(FittedDialog):
    """A checkable list of the library (defaults ticked) and the next visit date."""

    def __init__(self, parent: QWidget | None, record: PatientRecord,
                 today: dt.date | None = None,
                 mdc_overrides: Mapping[str, float] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handout for {patient}").format(
            patient=record.patient.display_name))
        self.resize(640, 400)  # exercise lines carry name, kind and dose: room to read them
        self.setAccessibleName("Handout exercises")
        self._record = record
        self._today = today or dt.date.today()
        self._mdc_overrides = dict(mdc_overrides or {})  # the clinic's MDC, as the handout uses

        limited = rotation_is_limited(record, self._today, self._mdc_overrides)
        hint = QLabel(
            self.tr("Internal rotation is limited: the rotation drills and strength work are "
                    "ticked.")
            if limited else self.tr(
                "Rotation is within range: a general maintenance set is ticked."),
            self,
        )
        hint.setWordWrap(True)

        self.exercise_list = QListWidget(self)
        tab_moves_on(self.exercise_list)
        self.exercise_list.setAccessibleName("Exercises")
        for exercise in exercise_library(current_language()):
            item = QListWidgetItem(
                f"{exercise.name} ({_category(exercise.category)}) — {exercise.dose}, "
                f"{exercise.frequency}")
            item.setData(_EXERCISE_ROLE, exercise.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setToolTip("\n".join(part for part in (
                " ".join(exercise.how_to), exercise.notes,
                self.tr("Muscle action: {action}").format(action=exercise.muscle_action)
                if exercise.muscle_action else "",
                self.tr("Source: {source}").format(source="; ".join(exercise.source_names()))
                if exercise.sources else "",
            ) if part))
            self.exercise_list.addItem(item)
        reset = QPushButton(self.tr("&Reset to suggested"), self)
        reset.setAccessibleName("Reset to suggested")
        reset.clicked.connect(self._on_reset_clicked)

        self.next_visit_known = QCheckBox(self.tr("&Next visit:"), self)
        self.next_visit_known.setAccessibleName("Include next visit")
        self.next_visit_known.setChecked(True)
        self.next_visit_edit = DateEdit(self)
        self.next_visit_edit.setAccessibleName("Next visit")
        self.next_visit_edit.setCalendarPopup(True)
        self.next_visit_edit.setDisplayFormat("yyyy-MM-dd")
        self.next_visit_edit.setMinimumDate(_qdate(self._today))
        self.next_visit_edit.setDate(
            _qdate(self._today + dt.timedelta(days=DEFAULT_NEXT_VISIT_DAYS)))
        self.next_visit_known.toggled.connect(self.next_visit_edit.setEnabled)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create handout"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        visit_row = QHBoxLayout()
        visit_row.addWidget(self.next_visit_known)
        visit_row.addWidget(self.next_visit_edit)
        visit_row.addStretch(1)
        visit_row.addWidget(reset)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.exercise_list, 1)
        layout.addLayout(visit_row)
        layout.addWidget(buttons)
        self._on_reset_clicked()

    def _on_reset_clicked(self) -> None:
        suggested = {e.id for e in default_program(self._record, self._today,
                                                         self._mdc_overrides)}
        for row in range(self.exercise_list.count()):
            item = self.exercise_list.item(row)
            checked = item.data(_EXERCISE_ROLE) in suggested
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_exercises(self) -> list[Exercise]:
        """The ticked exercises, in library order."""
        ticked = set()
        for row in range(self.exercise_list.count()):
            item = self.exercise_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.add(item.data(_EXERCISE_ROLE))
        return [e for e in exercise_library() if e.id in ticked]

    def next_visit(self) -> dt.date | None:
        if not self.next_visit_known.isChecked():
            return None
        return python_date(self.next_visit_edit.date())


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
