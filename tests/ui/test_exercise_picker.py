"""The exercise picker: suggested exercises ticked from the findings, choices and next visit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QListWidget, QPushButton

from ptlog.domain.exercises import MAINTENANCE_PROGRAM, ROTATION_PROGRAM
from ptlog.domain.records import (
    Mode,
    MotionKey,
    Patient,
    PatientRecord,
    Position,
    Reading,
    Sex,
    Side,
)
from ptlog.ui.exercise_picker import ExercisePickerDialog

TODAY = dt.date(2025, 6, 1)


def record(left: float, right: float) -> PatientRecord:
    patient = Patient("P1", "Zoë", "Núñez", dt.date(1980, 1, 1), Sex.FEMALE, id=1)
    at = dt.datetime(2025, 5, 28, 10)
    readings = tuple(Reading(MotionKey("hip", "internal_rotation"), side, Mode.ACTIVE,
                             Position.SEATED, value, at)
                     for side, value in ((Side.LEFT, left), (Side.RIGHT, right)))
    return PatientRecord(patient, readings=readings)


def named(dialog, kind, name):  # type: ignore[no-untyped-def]
    found = [w for w in dialog.findChildren(kind) if w.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def make(qtbot, left: float, right: float) -> ExercisePickerDialog:  # type: ignore[no-untyped-def]
    dialog = ExercisePickerDialog(None, record(left, right), today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_limited_rotation_ticks_the_rotation_program(qtbot) -> None:
    dialog = make(qtbot, 15, 18)
    assert [e.id for e in dialog.selected_exercises()] == list(ROTATION_PROGRAM)


def test_normal_rotation_ticks_maintenance(qtbot) -> None:
    dialog = make(qtbot, 40, 41)
    assert sorted(e.id for e in dialog.selected_exercises()) == sorted(MAINTENANCE_PROGRAM)


def test_pt_can_change_the_choice_and_reset(qtbot) -> None:
    dialog = make(qtbot, 15, 18)
    exercises = named(dialog, QListWidget, "Exercises")
    for row in range(exercises.count()):
        item = exercises.item(row)
        wanted = item.data(Qt.ItemDataRole.UserRole) == "side_lying_clamshell"
        item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
    assert [e.id for e in dialog.selected_exercises()] == ["side_lying_clamshell"]
    named(dialog, QPushButton, "Reset to suggested").click()
    assert [e.id for e in dialog.selected_exercises()] == list(ROTATION_PROGRAM)


def test_next_visit_defaults_to_two_weeks_and_can_be_left_out(qtbot) -> None:
    dialog = make(qtbot, 40, 41)
    assert dialog.next_visit() == TODAY + dt.timedelta(days=14)
    named(dialog, QDateEdit, "Next visit").setDate(QDate(2025, 7, 3))
    assert dialog.next_visit() == dt.date(2025, 7, 3)
    named(dialog, QCheckBox, "Include next visit").setChecked(False)
    assert dialog.next_visit() is None
    assert not named(dialog, QDateEdit, "Next visit").isEnabled()
