"""History tab: amend a reading from its context menu; the original stays, struck through."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QTextEdit

from ptlog.domain import records as d
from ptlog.store.readings import readings_for_patient
from ptlog.ui.amend_dialog import AmendDialog
from tests.ui.conftest import find
from tests.ui.test_main_window import open_first


def _type_amendment(dialog: AmendDialog, value: str, reason: str) -> int:
    find(dialog, "New value", QLineEdit).setText(value)
    reason_field = find(dialog, "Reason")
    if isinstance(reason_field, QLineEdit):
        reason_field.setText(reason)
    elif isinstance(reason_field, QPlainTextEdit | QTextEdit):
        reason_field.setPlainText(reason)
    dialog._on_buttons_accepted()
    return int(dialog.result())


def test_amend_from_history_keeps_the_original(qtbot, window, patient_with_history,
                                               monkeypatch: pytest.MonkeyPatch,
                                               qtmodeltester) -> None:
    open_first(qtbot, window)
    history = window.patient_view.history
    left = next(r for r in window.patient_view.record.readings if r.side is d.Side.LEFT)
    monkeypatch.setattr(AmendDialog, "exec",
                        lambda self: _type_amendment(self, "31", "read the wrong scale"))
    with qtbot.waitSignal(history.reading_changed, timeout=3000):
        history.open_dialog("AmendDialog", left.id)
    current = [r for r in readings_for_patient(patient_with_history.id)
               if r.side is d.Side.LEFT]
    assert [r.degrees for r in current] == [31.0]
    everything = readings_for_patient(patient_with_history.id, include_history=True)
    original = next(r for r in everything if r.id == left.id)
    assert original.degrees == 30.0
    assert not original.is_current
    # the view reloaded: the tree shows both rows, the original struck through
    qtbot.waitUntil(lambda: any(not r.is_current for r in window.patient_view.record.history))
    model = history.model
    qtmodeltester.check(model)
    struck = []
    for row in range(model.rowCount()):
        visit = model.index(row, 0)
        for child in range(model.rowCount(visit)):
            cell = model.index(child, 2, visit)
            font = cell.data(Qt.ItemDataRole.FontRole)
            if font is not None and font.strikeOut():
                struck.append(cell.data())
    assert struck == ["30°"]


def test_cancelled_amendment_changes_nothing(qtbot, window, patient_with_history,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    open_first(qtbot, window)
    left = next(r for r in window.patient_view.record.readings if r.side is d.Side.LEFT)
    monkeypatch.setattr(AmendDialog, "exec", lambda self: int(QDialog.DialogCode.Rejected))
    window.patient_view.history.open_dialog("AmendDialog", left.id)
    assert len(readings_for_patient(patient_with_history.id, include_history=True)) == 2
