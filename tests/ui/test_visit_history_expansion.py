"""The History tab opens a long record's visits a few at a time: what fills the view at once,
the rest in later turns of the event loop, so that no single turn holds the window."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTabWidget

from ptlog.domain import records as d
from ptlog.ui.visit_history import VisitHistory

IR = d.MotionKey("hip", "internal_rotation")


def _record(visits: int, each: int, chart: str = "H-1") -> d.PatientRecord:
    patient = d.Patient(chart, "Lee", "Ann", dt.date(1980, 5, 1), d.Sex.FEMALE, id=1)
    start = dt.datetime(2025, 1, 6, 9)
    shown = [d.Visit(1, start + dt.timedelta(days=7 * n), id=n + 1) for n in range(visits)]
    readings = tuple(
        d.Reading(IR, d.Side.LEFT if k % 2 else d.Side.RIGHT, d.Mode.ACTIVE, d.Position.SEATED,
                  20.0 + k, visit.visit_at, visit_id=visit.id, patient_id=1,
                  id=visit.id * 1000 + k)  # type: ignore[operator]
        for visit in shown for k in range(each))
    return d.PatientRecord(patient, tuple(shown), readings)


def _open_visits(history: VisitHistory) -> int:
    model = history.model
    return sum(history.view.isExpanded(model.index(row, 0)) for row in range(model.rowCount()))


@pytest.fixture
def tabs(qtbot, monkeypatch: pytest.MonkeyPatch) -> QTabWidget:
    """A History tab behind another tab, opening 10 rows at first and 30 a turn after."""
    monkeypatch.setattr(VisitHistory, "FIRST_ROWS", 10)
    monkeypatch.setattr(VisitHistory, "EXPAND_ROWS", 30)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QTabWidget(), "Measure")
    widget = VisitHistory()
    tabs.addTab(widget, "History")
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs


def test_a_long_record_opens_its_newest_visits_first_and_the_rest_in_later_turns(
        qtbot, tabs: QTabWidget) -> None:
    history = tabs.widget(1)
    assert isinstance(history, VisitHistory)
    history.set_record(_record(visits=40, each=4))  # 200 rows: 10, then 30 a turn
    tabs.setCurrentWidget(history)  # the tab is built in a later turn, then opens visits
    qtbot.waitUntil(lambda: _open_visits(history) > 0)
    assert _open_visits(history) <= 2  # what fills the view: 2 visits of 5 rows
    newest = history.model.index(0, 0)
    assert history.view.isExpanded(newest)  # newest first: at the top, in sight
    qtbot.waitUntil(history.fully_expanded)
    assert _open_visits(history) == 40
    assert history.model.rowCount(newest) == 4


def test_another_record_shown_meanwhile_stops_the_first_ones_opening(
        qtbot, tabs: QTabWidget) -> None:
    history = tabs.widget(1)
    assert isinstance(history, VisitHistory)
    tabs.setCurrentWidget(history)
    history.set_record(_record(visits=60, each=4, chart="FIRST"))
    assert 0 < _open_visits(history) < 60
    history.set_record(_record(visits=8, each=2, chart="SECOND"))
    qtbot.waitUntil(history.fully_expanded)
    assert history.model.rowCount() == 8
    assert _open_visits(history) == 8
    qtbot.wait(50)  # the first record's queued turns find they are not wanted any more
    assert history.model.rowCount() == 8
    assert _open_visits(history) == 8


def test_the_row_the_keys_went_to_stays_in_sight_while_visits_above_it_open(
        qtbot, tabs: QTabWidget) -> None:
    history = tabs.widget(1)
    assert isinstance(history, VisitHistory)
    tabs.setCurrentWidget(history)
    history.set_record(_record(visits=60, each=4))
    view = history.view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_End)  # the oldest visit, before the ones above it open
    oldest = history.model.index(59, 0)
    assert view.currentIndex() == oldest
    assert not history.fully_expanded()
    qtbot.waitUntil(history.fully_expanded)
    assert view.viewport().rect().intersects(view.visualRect(oldest))
