"""Amend / void dialogs and the reading history: validated input, stored through the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTableWidget

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store import readings
from ptlog.ui.amend_dialog import AmendDialog
from ptlog.ui.reading_history_dialog import ReadingHistoryDialog
from tests.ui.conftest import find


@pytest.fixture
def left(patient_with_history: d.Patient) -> d.Reading:
    current = readings.readings_for_patient(patient_with_history.id or 0)
    return next(r for r in current if r.side is d.Side.LEFT)


def _dialog(qtbot, reading: d.Reading, void: bool = False) -> AmendDialog:
    dlg = AmendDialog(None, reading, void=void)
    qtbot.addWidget(dlg)
    return dlg


def test_amend_stores_the_new_value_and_keeps_the_original(qtbot, left, patient_with_history
                                                           ) -> None:
    dlg = _dialog(qtbot, left)
    qtbot.keyClicks(find(dlg, "New value", QLineEdit), "33,5")
    qtbot.keyClicks(find(dlg, "Reason", QLineEdit), "misread the scale")
    with qtbot.waitSignal(dlg.reading_amended, timeout=2000) as signal:
        dlg.buttons.accepted.emit()
    new = signal.args[0]
    assert new.degrees == 33.5
    assert new.supersedes_id == left.id
    assert dlg.result() == AmendDialog.DialogCode.Accepted
    current = readings.readings_for_patient(patient_with_history.id or 0)
    assert sorted(r.degrees for r in current) == [33.5, 38.0]
    assert m.Reading.get_by_id(left.id).degrees == 30.0


@pytest.mark.parametrize(
    ("value", "reason", "message"),
    [
        ("", "typo", "Enter the corrected value"),
        ("abc", "typo", "not a number"),
        ("400", "typo", "not possible"),
        ("30", "typo", "recorded value"),
        ("32", "", "reason is required"),
    ],
)
def test_bad_input_is_refused_beside_the_field(qtbot, left, value: str, reason: str,
                                               message: str) -> None:
    dlg = _dialog(qtbot, left)
    before = m.Reading.select().count()
    qtbot.keyClicks(find(dlg, "New value", QLineEdit), value)
    qtbot.keyClicks(find(dlg, "Reason", QLineEdit), reason)
    with qtbot.assertNotEmitted(dlg.reading_amended):
        dlg.buttons.accepted.emit()
    shown = find(dlg, "Amendment message", QLabel)
    assert message in shown.text()
    assert not shown.isHidden()
    assert m.Reading.select().count() == before
    assert dlg.result() != AmendDialog.DialogCode.Accepted


def test_value_is_checked_as_typed(qtbot, left) -> None:
    dlg = _dialog(qtbot, left)
    qtbot.keyClicks(find(dlg, "New value", QLineEdit), "300")
    assert "not possible" in find(dlg, "Amendment message", QLabel).text()
    find(dlg, "New value", QLineEdit).clear()
    assert find(dlg, "Amendment message", QLabel).isHidden()


def test_void_needs_only_a_reason(qtbot, left, patient_with_history) -> None:
    dlg = _dialog(qtbot, left, void=True)
    assert find(dlg, "New value", QLineEdit).isHidden()
    qtbot.keyClicks(find(dlg, "Reason", QLineEdit), "wrong patient")
    with qtbot.waitSignal(dlg.reading_amended, timeout=2000) as signal:
        dlg.buttons.accepted.emit()
    assert signal.args[0].is_void
    current = readings.readings_for_patient(patient_with_history.id or 0)
    assert [r.side for r in current] == [d.Side.RIGHT]


def test_a_superseded_reading_cannot_be_amended_again(qtbot, left) -> None:
    from ptlog.store import amendments

    amendments.amend_reading(left.id or 0, 31, "typo")
    dlg = _dialog(qtbot, left)  # a stale view still shows the old reading
    qtbot.keyClicks(find(dlg, "New value", QLineEdit), "32")
    qtbot.keyClicks(find(dlg, "Reason", QLineEdit), "again")
    with qtbot.assertNotEmitted(dlg.reading_amended):
        dlg.buttons.accepted.emit()
    assert "already amended" in find(dlg, "Amendment message", QLabel).text()


def test_history_lists_every_version_struck_through(qtbot, left) -> None:
    from ptlog.store import amendments

    first = amendments.amend_reading(left.id or 0, 31, "typo")
    amendments.amend_reading(first.id or 0, 32, "re-measured")
    dlg = ReadingHistoryDialog(None, left.id or 0)
    qtbot.addWidget(dlg)
    table = find(dlg, "Versions", QTableWidget)
    assert table.rowCount() == 3
    values = [table.item(row, 0).text() for row in range(3)]
    assert values == ["30°", "31°", "32°"]
    assert [table.item(row, 0).font().strikeOut() for row in range(3)] == [True, True, False]
    assert table.item(2, 1).text() == "current (amended)"
    assert table.item(1, 4).text() == "typo"
    assert "30" in table.item(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
