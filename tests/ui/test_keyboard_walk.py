"""Keyboard-complete (issue 15 item 3): Tab and Shift+Tab, pressed on the focused widget, reach
every input of every dialog and panel and leave each again; every dialog is confirmed with Enter
(Ctrl+Enter inside a text box where Enter is a new line).

An input is a visible, enabled widget a person types into or presses (line edits, spin boxes,
combo boxes, text boxes, buttons, check boxes, lists and tables) that takes focus by Tab. The
walk presses Tab on whatever has the focus, as a person would, and fails naming the inputs it
never reached, or the one the focus stayed in (a keyboard trap such as a date edit's sections or
a text box that swallows Tab).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ptlog.domain import records as d

INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit, QAbstractButton,
          QAbstractItemView)


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or widget.objectName()
    if not text and isinstance(widget, QAbstractButton):
        text = widget.text()
    return f"{type(widget).__name__} {text!r}"


def inputs(root: QWidget) -> list[QWidget]:
    """The inputs of ``root``'s window that Tab should reach."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or widget.window() is not root.window():
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # the line edit inside a spin box or combo box: the box is the input
        if widget.focusProxy() is not None:
            continue  # reached through its proxy
        if not (widget.isVisibleTo(root.window()) and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        found.append(widget)
    return found


def owner(widget: QWidget | None, candidates: list[QWidget]) -> QWidget | None:
    """The input the focused widget belongs to (itself, or the box it is the line edit of)."""
    while widget is not None:
        if widget in candidates:
            return widget
        widget = widget.parentWidget()
    return None


def walk(qtbot, root: QWidget, key: Qt.Key) -> None:
    """Press ``key`` (Tab or Backtab) on the focused widget until every input was reached."""
    wanted = inputs(root)
    assert wanted, f"no inputs found in {root.windowTitle()!r}"
    window = root.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is window, timeout=3000)
    reached: list[QWidget] = []
    previous = owner(QApplication.focusWidget(), wanted)
    stayed = 0
    for _ in range(len(wanted) * 2 + 6):
        focused = QApplication.focusWidget()
        assert focused is not None, f"{key.name} left nothing focused"
        assert focused.window() is window, \
            f"{key.name} took the focus out of {window.windowTitle()!r}"
        qtbot.keyClick(focused, key)
        now = owner(QApplication.focusWidget(), wanted)
        if now is not None:
            reached.append(now)
        stayed = stayed + 1 if now is previous and now is not None else 0
        assert stayed < 2, f"{key.name} cannot leave {_name(now)} in {window.windowTitle()!r}"
        previous = now
        if all(w in reached for w in wanted):
            break
    missing = [_name(w) for w in wanted if w not in reached]
    assert not missing, f"{key.name} never reaches {missing} in {window.windowTitle()!r}"


def walk_both_ways(qtbot, root: QWidget) -> None:
    walk(qtbot, root, Qt.Key.Key_Tab)
    walk(qtbot, root, Qt.Key.Key_Backtab)


def show(qtbot, dialog: QDialog) -> QDialog:
    """Shown and active, with the focus where it opens (as a person meets it)."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is dialog, timeout=3000)
    return dialog


def test_main_window_every_tab(qtbot, window, patient_with_history) -> None:
    """The patient list, then each tab of the patient view: Measure, History (visits and
    flowsheet), Treatments."""
    from tests.ui.test_main_window import open_first

    open_first(qtbot, window)
    view = window.patient_view
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        qtbot.waitUntil(lambda i=index: view.tabs.currentIndex() == i)
        page = view.tabs.currentWidget()
        for sub in page.findChildren(type(view.tabs)):  # History: Visits | Flowsheet
            for sub_index in range(sub.count()):
                sub.setCurrentIndex(sub_index)
                walk_both_ways(qtbot, window)
        walk_both_ways(qtbot, window)
    window.patient_view.entry.clear_values()


def _dialogs(window, patient: d.Patient) -> dict[str, Callable[[], QDialog]]:
    from ptlog.services import patients as patient_service
    from ptlog.ui.amend_dialog import AmendDialog
    from ptlog.ui.audit_viewer import AuditViewer
    from ptlog.ui.backups_dialog import BackupsDialog
    from ptlog.ui.check_dialog import CheckDialog
    from ptlog.ui.comparison_panel import ClinicComparisonDialog
    from ptlog.ui.exercise_picker import ExercisePickerDialog
    from ptlog.ui.import_dialog import ImportDialog
    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.report_notes_dialog import ReportNotesDialog
    from ptlog.ui.settings_dialog import SettingsDialog
    from ptlog.ui.treatment_dialog import TreatmentDialog

    record = patient_service.open_record(patient.id or 0)
    return {
        "new patient": lambda: PatientDialog(window),
        "edit patient": lambda: PatientDialog(window, patient),
        "add treatment": lambda: TreatmentDialog(window, patient.id or 0),
        "settings": lambda: SettingsDialog(window),
        "report notes": lambda: ReportNotesDialog(window, record.visits[-1]),
        "exercise picker": lambda: ExercisePickerDialog(window, record),
        "amend reading": lambda: AmendDialog(window, record.readings[-1]),
        "void reading": lambda: AmendDialog(window, record.readings[-1], void=True),
        "audit trail": lambda: AuditViewer(window, chart=patient.chart),
        "backups": lambda: BackupsDialog(window),
        "check database": lambda: CheckDialog(window, start=False),
        "clinic outcomes": lambda: ClinicComparisonDialog(window),
        "import": lambda: ImportDialog(window),
    }


DIALOGS = ["new patient", "edit patient", "add treatment", "settings", "report notes",
           "exercise picker", "amend reading", "void reading", "audit trail", "backups",
           "check database", "clinic outcomes", "import"]


@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog(qtbot, window, patient_with_history, name) -> None:
    dialog = show(qtbot, _dialogs(window, patient_with_history)[name]())
    walk_both_ways(qtbot, dialog)
    dialog.close()


def test_screen_lock(qtbot, window) -> None:
    window.screen_lock.lock()
    cover = window.screen_lock.cover
    qtbot.waitUntil(cover.isVisible)
    walk_both_ways(qtbot, cover)
    # no clinic PIN set: Enter in the PIN field unlocks
    qtbot.keyClick(cover.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not cover.isVisible())


# --- confirming with the keyboard -------------------------------------------------------------

def test_new_patient_is_saved_with_enter(qtbot, window) -> None:
    from ptlog.ui.patient_dialog import PatientDialog

    dialog = show(qtbot, PatientDialog(window))
    for field, text in ((dialog.chart, "KB-1"), (dialog.family_name, "Keys"),
                        (dialog.given_name, "Kim"), (dialog.birth_date.edit, "1975-04-03")):
        field.setFocus()
        qtbot.keyClicks(field, text)
    qtbot.keyClick(dialog.birth_date.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_patient is not None
    assert dialog.saved_patient.birth_date == dt.date(1975, 4, 3)


def test_treatment_is_saved_with_enter(qtbot, window, patient_with_history) -> None:
    from ptlog.ui.treatment_dialog import TreatmentDialog

    dialog = show(qtbot, TreatmentDialog(window, patient_with_history.id or 0))
    dialog.cost.setFocus()
    qtbot.keyClicks(dialog.cost, "120")
    qtbot.keyClick(dialog.cost, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_treatment is not None
    assert dialog.saved_treatment.cost == 120


def test_settings_are_saved_with_enter(qtbot, window) -> None:
    from ptlog.ui.settings_dialog import SettingsDialog

    dialog = show(qtbot, SettingsDialog(window))
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_correction_is_confirmed_with_enter(qtbot, window, patient_with_history) -> None:
    from ptlog.services import patients as patient_service
    from ptlog.ui.amend_dialog import AmendDialog

    record = patient_service.open_record(patient_with_history.id or 0)
    dialog = show(qtbot, AmendDialog(window, record.readings[-1]))
    values = [w for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    assert values
    first = QApplication.focusWidget()
    assert isinstance(first, QLineEdit)
    first.selectAll()
    qtbot.keyClicks(first, "37")
    reason = next(w for w in [*dialog.findChildren(QLineEdit), *dialog.findChildren(QPlainTextEdit)]
                  if "reason" in (w.accessibleName() + w.objectName()).lower())
    reason.setFocus()
    qtbot.keyClicks(reason, "typed the wrong side")
    qtbot.keyClick(reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
                   if isinstance(reason, QPlainTextEdit) else Qt.KeyboardModifier.NoModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_exercise_picker_is_confirmed_with_enter(qtbot, window, patient_with_history) -> None:
    from ptlog.services import patients as patient_service
    from ptlog.ui.exercise_picker import ExercisePickerDialog

    record = patient_service.open_record(patient_with_history.id or 0)
    dialog = show(qtbot, ExercisePickerDialog(window, record))
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
