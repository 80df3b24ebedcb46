"""The treatment dialog: save through the store, messages beside fields, conflicts keep input."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QSpinBox

from ptlog.domain import records as d
from ptlog.store import treatments as treatment_store
from ptlog.ui.treatment_dialog import TreatmentDialog
from tests.ui.conftest import find


@pytest.fixture
def dialog(qtbot, patient_with_history: d.Patient) -> TreatmentDialog:
    assert patient_with_history.id is not None
    dlg = TreatmentDialog(None, patient_with_history.id)
    qtbot.addWidget(dlg)
    return dlg


def _select(combo: QComboBox, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _type_date(qtbot, dialog: TreatmentDialog, name: str, text: str) -> None:
    field = find(dialog, name, QLineEdit)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def test_every_field_has_its_accessible_name(dialog: TreatmentDialog) -> None:
    for name in ("Treatment kind", "Start date", "End date", "Treated side", "Sessions planned",
                 "Sessions attended", "Cost", "Details", "Notes"):
        find(dialog, name)


def test_add_a_course(qtbot, dialog: TreatmentDialog, patient_with_history: d.Patient) -> None:
    _select(find(dialog, "Treatment kind", QComboBox), "physical_therapy")
    _type_date(qtbot, dialog, "Start date", "2026-01-05")
    _type_date(qtbot, dialog, "End date", "2026-03-02")
    _select(find(dialog, "Treated side", QComboBox), "L")
    find(dialog, "Sessions planned", QSpinBox).setValue(10)
    find(dialog, "Sessions attended", QSpinBox).setValue(0)
    qtbot.keyClicks(find(dialog, "Cost", QLineEdit), "$1,100".replace(",", ""))
    qtbot.keyClicks(find(dialog, "Details", QLineEdit), "manual therapy")
    with qtbot.waitSignal(dialog.treatment_saved, timeout=2000) as saved:
        dialog.buttons.accepted.emit()
    stored = treatment_store.treatments_for_patient(patient_with_history.id or 0)
    assert stored == [saved.args[0]]
    [t] = stored
    assert (t.kind, t.start_date, t.end_date, t.side) == (
        d.TreatmentKind.PHYSICAL_THERAPY, dt.date(2026, 1, 5), dt.date(2026, 3, 2),
        d.TreatmentSide.LEFT)
    assert (t.sessions_planned, t.sessions_attended, t.cost) == (10, 0, 1100.0)
    assert t.details == "manual therapy"
    assert dialog.result() == TreatmentDialog.DialogCode.Accepted


def test_one_day_treatment_has_no_end_and_unknown_sessions(qtbot, dialog: TreatmentDialog,
                                                          patient_with_history) -> None:
    _select(find(dialog, "Treatment kind", QComboBox), "steroid_injection")
    end = find(dialog, "End date", QLineEdit)
    assert (end.text(), end.placeholderText()) == ("", "empty: one-day treatment")
    with qtbot.waitSignal(dialog.treatment_saved, timeout=2000) as saved:
        dialog.buttons.accepted.emit()
    t = saved.args[0]
    assert t.end_date is None
    assert t.sessions_planned is None
    assert t.cost is None


def test_bad_input_shows_beside_the_field_and_saves_nothing(qtbot, dialog: TreatmentDialog,
                                                           patient_with_history) -> None:
    _type_date(qtbot, dialog, "Start date", "2026-03-01")
    _type_date(qtbot, dialog, "End date", "2026-02-01")
    assert "before the start" in dialog.error_text("end_date")  # live, while typing
    dialog.buttons.accepted.emit()
    assert "before the start" in dialog.error_text("end_date")
    assert dialog.result() != TreatmentDialog.DialogCode.Accepted
    _type_date(qtbot, dialog, "End date", "2026-03-20")
    assert dialog.error_text("end_date") == ""
    qtbot.keyClicks(find(dialog, "Cost", QLineEdit), "lots")
    dialog.buttons.accepted.emit()
    assert "not an amount" in dialog.error_text("cost")
    find(dialog, "Cost", QLineEdit).setText("-5")
    dialog.buttons.accepted.emit()
    assert "zero or more" in dialog.error_text("cost")
    assert treatment_store.treatments_for_patient(patient_with_history.id) == []


def test_conflict_keeps_the_input(qtbot, patient_with_history: d.Patient) -> None:
    stored = treatment_store.add_treatment(d.Treatment(
        patient_with_history.id or 0, d.TreatmentKind.PHYSICAL_THERAPY, dt.date(2026, 1, 5)))
    dlg = TreatmentDialog(None, patient_with_history.id or 0, stored)
    qtbot.addWidget(dlg)
    # someone else saves first
    treatment_store.update_treatment(dataclasses.replace(stored, notes="theirs"))
    find(dlg, "Details", QLineEdit).setText("my details")
    dlg.buttons.accepted.emit()
    assert "changed by" in dlg.error_text("")
    assert "reload" in dlg.error_text("")
    assert find(dlg, "Details", QLineEdit).text() == "my details"
    assert dlg.result() != TreatmentDialog.DialogCode.Accepted
    assert treatment_store.get_treatment(stored.id or 0).notes == "theirs"


def test_edit_fills_fields_and_remove_asks_first(qtbot, monkeypatch,
                                                patient_with_history: d.Patient) -> None:
    stored = treatment_store.add_treatment(d.Treatment(
        patient_with_history.id or 0, d.TreatmentKind.DRY_NEEDLING, dt.date(2026, 2, 1),
        dt.date(2026, 3, 1), d.TreatmentSide.RIGHT, 5, 4, 350.0, "TFL"))
    dlg = TreatmentDialog(None, patient_with_history.id or 0, stored)
    qtbot.addWidget(dlg)
    assert find(dlg, "Treatment kind", QComboBox).currentData() == "dry_needling"
    assert find(dlg, "End date", QLineEdit).text() == "2026-03-01"
    assert find(dlg, "Cost", QLineEdit).text() == "350"
    assert find(dlg, "Sessions attended", QSpinBox).value() == 4
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    dlg.remove_button.click()
    assert treatment_store.treatments_for_patient(patient_with_history.id or 0) == [stored]
    with qtbot.waitSignal(dlg.treatment_removed, timeout=2000):
        dlg.remove_button.click()
    assert treatment_store.treatments_for_patient(patient_with_history.id or 0) == []


def test_tab_reaches_every_field_from_the_end_date(qtbot, dialog: TreatmentDialog) -> None:
    """The old date box held Tab for 11 presses; now each Tab moves to the next field."""
    dialog.show()
    qtbot.waitExposed(dialog)
    end = find(dialog, "End date", QLineEdit)
    end.setFocus()
    seen = []
    assert dialog.focusWidget() is end
    for _ in range(5):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget().accessibleName())
    assert seen == ["Treated side", "Sessions planned", "Sessions attended", "Cost", "Details"]
    qtbot.keyClicks(dialog.focusWidget(), "TFL")  # typed where the focus is
    assert find(dialog, "Details", QLineEdit).text() == "TFL"


def test_a_malformed_date_is_named_beside_its_field(qtbot, dialog: TreatmentDialog,
                                                   patient_with_history) -> None:
    _type_date(qtbot, dialog, "Start date", "05/01/2026")
    assert "YYYY-MM-DD" in dialog.error_text("start_date")
    dialog.buttons.accepted.emit()
    assert dialog.result() != TreatmentDialog.DialogCode.Accepted
    assert treatment_store.treatments_for_patient(patient_with_history.id) == []
