"""The History tab's flowsheet, reached by keyboard: visits across, flag colours, marks."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ptlog.domain import colors
from ptlog.domain import records as d
from ptlog.store.readings import save_visit_readings
from tests.ui.conftest import find
from tests.ui.test_visit_entry import open_patient
from tests.ui.test_window_languages import in_language  # noqa: F401 - a fixture

IR = d.MotionKey("hip", "internal_rotation")


def test_flowsheet_shows_visits_across_with_flags(qtbot, qtmodeltester, window,
                                                  patient_with_history) -> None:
    when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=5), dt.time(11))
    save_visit_readings(patient_with_history.id or 0, [
        d.Reading(IR, d.Side.LEFT, d.Mode.PASSIVE, d.Position.PRONE, 41, when)], visit_at=when)
    open_patient(qtbot, window)
    view = window.patient_view
    tabs = find(window, "Patient tabs")
    qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # → History
    assert tabs.tabText(tabs.currentIndex()) == "History"
    inner = find(window, "History views")
    inner.setCurrentWidget(view.flowsheet)
    table = find(window, "Flowsheet", QTableView)
    model = table.model()
    qtmodeltester.check(model)
    assert model.columnCount() == 2
    assert model.headerData(0, Qt.Orientation.Vertical) == "Hip internal rotation Left"
    first, second = model.index(0, 0), model.index(0, 1)
    assert first.data() == "30°"
    assert second.data() == "41° †"  # prone, passive: taken another way than before
    assert "prone, passive" in second.data(Qt.ItemDataRole.ToolTipRole)
    assert first.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == colors.ALERT


def test_flowsheet_speaks_the_windows_language(qtbot, in_language,  # noqa: F811
                                                patient_with_history) -> None:
    when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=5), dt.time(11))
    save_visit_readings(patient_with_history.id or 0, [
        d.Reading(IR, d.Side.LEFT, d.Mode.PASSIVE, d.Position.PRONE, 41.5, when)], visit_at=when)
    win = in_language("de")
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(patient_with_history.id)
    tabs = find(win, "Patient tabs")
    qtbot.keyClick(tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # → Verlauf
    assert tabs.tabText(tabs.currentIndex()) == "Verlauf"
    find(win, "History views").setCurrentWidget(win.patient_view.flowsheet)
    model = find(win, "Flowsheet", QTableView).model()
    assert model.headerData(0, Qt.Orientation.Vertical) == "Innen\u00adrotation der Hüfte Links"
    assert model.headerData(0, Qt.Orientation.Horizontal).split("\n")[1] == "Folgetermin"
    second = model.index(0, 1)
    assert second.data() == "41,5° †"  # the decimal comma
    assert second.data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "41,5° in Bauchlage, passiv, innerhalb der Norm",
        "† gemessen in Bauchlage, passiv: anders als beim Termin davor (anders gemessene Werte "
        "werden nicht verglichen)"]
