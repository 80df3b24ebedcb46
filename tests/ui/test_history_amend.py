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


def _row_of(view, reading_id: int):  # type: ignore[no-untyped-def]
    """The History row of a reading (visits at the top level, their readings below)."""
    from ptlog.ui.visit_history import READING_ID_ROLE

    model = view.model()
    for visit_row in range(model.rowCount()):
        visit = model.index(visit_row, 0)
        for row in range(model.rowCount(visit)):
            index = model.index(row, 0, visit)
            if index.data(READING_ID_ROLE) == reading_id:
                return index
    raise AssertionError(f"reading {reading_id} is not in History")


# the offscreen platform says what it cannot do for a popup menu (a real one is shown)
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)",
                           extend=True)
@pytest.mark.parametrize("side", [d.Side.LEFT, d.Side.RIGHT])
def test_the_menu_key_opens_the_menu_of_the_selected_reading(
        qtbot, window, patient_with_history, monkeypatch: pytest.MonkeyPatch,
        side: d.Side) -> None:
    """A stranger at 1366x768 pressed the Menu key on one reading and amended its neighbour
    below. The offscreen platform makes no menu from the key itself; this sends the event Qt
    makes of it (the selected row's rectangle, by ``inputMethodQuery``) to the focused view."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    open_first(qtbot, window)
    view_tabs = window.patient_view.tabs
    view_tabs.setCurrentIndex(1)  # History
    history = window.patient_view.history
    tree = history.view
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0, timeout=3000)
    chosen = next(r for r in window.patient_view.record.readings if r.side is side)
    tree.setFocus()
    tree.setCurrentIndex(_row_of(tree, chosen.id))
    opened: list[tuple[str, int]] = []
    monkeypatch.setattr(type(history), "open_dialog",
                        lambda _self, name, reading_id: opened.append((name, reading_id)))

    def choose_amend() -> None:  # as the PT would: the open menu's first entry
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        menu.actions()[0].trigger()  # Amend…
        menu.close()

    QTimer.singleShot(0, choose_amend)
    pos = tree.inputMethodQuery(Qt.InputMethodQuery.ImCursorRectangle).center()
    QApplication.sendEvent(tree, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, pos,
                                                   tree.mapToGlobal(pos)))
    assert opened == [("AmendDialog", chosen.id)]
    # a click still means the row under the pointer
    opened.clear()
    other = next(r for r in window.patient_view.record.readings if r.side is not side)
    rect = tree.visualRect(_row_of(tree, other.id))
    QTimer.singleShot(0, choose_amend)
    QApplication.sendEvent(tree.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, rect.center(), tree.viewport().mapToGlobal(rect.center())))
    assert opened == [("AmendDialog", other.id)]
