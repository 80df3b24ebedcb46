"""The window's fields read numbers and texts as the CSV import does (issue 14 items 6, 7):
the same parser, the same limits, the message beside the field, nothing saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ptlog.domain import records as d
from ptlog.store import patients
from ptlog.store import treatments as treatment_store
from ptlog.store.readings import readings_for_patient
from ptlog.ui.patient_dialog import PatientDialog
from ptlog.ui.treatment_dialog import TreatmentDialog
from tests.ui.conftest import find
from tests.ui.test_main_window import IR, open_first


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key presses carrying ``text``: QTest types ASCII only (it aborts on "٣"), so other
    characters come as the key events a keyboard layout or input method sends."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.mark.parametrize("typed", ["٣٠", "３０", "3_0", "1e2", "1,200"])
def test_the_entry_refuses_what_is_no_plain_number(qtbot, window, patient_with_history,
                                                   typed: str) -> None:
    open_first(qtbot, window)
    entry = window.patient_view.entry
    field = entry.field(IR, d.Side.LEFT)
    type_text(qtbot, field, typed)
    assert field.text() == typed
    assert not find(window, "Save readings", QPushButton).isEnabled()
    assert entry.save() is False
    assert "Cannot save" in find(window, "Entry status", QLabel).text()
    assert len(readings_for_patient(patient_with_history.id)) == 2


def test_the_entry_takes_a_decimal_comma_as_the_import_does(qtbot, window,
                                                            patient_with_history) -> None:
    open_first(qtbot, window)
    entry = window.patient_view.entry
    qtbot.keyClicks(entry.field(IR, d.Side.LEFT), "22,5")
    assert entry.save() is True
    assert sorted(r.degrees for r in readings_for_patient(patient_with_history.id)) == [
        22.5, 30, 38]


@pytest.mark.parametrize(("typed", "words"), [
    ("1.7e308", "not an amount"), ("20000000", "more than 10,000,000"),
    ("1,200", "ambiguous"), ("３００", "not an amount"),
])
def test_the_treatment_cost_is_read_like_the_csv_cost(qtbot, patient_with_history,
                                                      typed: str, words: str) -> None:
    dialog = TreatmentDialog(None, patient_with_history.id)
    qtbot.addWidget(dialog)
    type_text(qtbot, find(dialog, "Cost", QLineEdit), typed)
    dialog.buttons.accepted.emit()
    assert words in dialog.error_text("cost")
    assert treatment_store.treatments_for_patient(patient_with_history.id) == []


@pytest.mark.parametrize(("name", "field", "typed", "words"), [
    ("Chart number", "chart", "C" * 41, "the chart number is 41 characters long; at most 40"),
    ("Family name", "family_name", "N" * 121, "the family name is 121 characters long"),
    ("Referring physician", "referring_physician", "R" * 201, "201 characters"),
])
def test_the_patient_form_has_the_limits_of_the_database(qtbot, ui_db, name: str, field: str,
                                                         typed: str, words: str) -> None:
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    for label, text in (("Chart number", "N-1"), ("Family name", "Rossi"),
                        ("Given name", "Mateo")):
        qtbot.keyClicks(find(dialog, label, QLineEdit), text)
    find(dialog, name, QLineEdit).clear()
    qtbot.keyClicks(find(dialog, name, QLineEdit), typed)
    qtbot.keyClicks(find(dialog, "Birth date", QLineEdit), "1990-05-17")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert words in dialog.error_text(field)
    assert patients.count_patients() == 0
