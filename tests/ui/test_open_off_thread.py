"""Opening a patient reads the database off the GUI thread: Return in the search box hands the
event loop back at once (a busy bar shows, the entry takes no keys), the patient is shown when
the read arrives. No timing is asserted: the read is held back by a gate until the test opens it."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from ptlog.domain import records as d
from ptlog.services import patients as patient_service
from tests.ui.conftest import find


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Reads of a patient wait (on their pool thread) until the event is set."""
    opened = threading.Event()
    real = patient_service.load_patient_record

    def held(patient_id: int, **kwargs: object) -> d.PatientRecord:
        opened.wait(20)
        return real(patient_id, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(patient_service, "load_patient_record", held)
    yield opened
    opened.set()  # never leave a pool thread waiting


def press_return_on(qtbot, window, chart: str) -> None:  # type: ignore[no-untyped-def]
    search = find(window, "Patient search", QLineEdit)
    search.setFocus()
    search.selectAll()
    qtbot.keyClicks(search, chart)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    # the search itself runs off the GUI thread too: Return opens what it finds when it answers
    qtbot.waitUntil(lambda: not window.patient_list.searching(), timeout=10_000)


def test_return_hands_the_event_loop_back_before_the_patient_arrives(
        qtbot, window, gate, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    view = window.patient_view
    shown: list[int] = []
    view.patient_changed.connect(shown.append)
    press_return_on(qtbot, window, "QT-1")
    # the key was handled and the read is still held back: the window is busy, not frozen
    assert view.is_loading()
    assert view.busy.isVisible()
    assert not view.entry.isEnabled()  # nothing typed can go to the patient being left
    assert not window.actions["report_preview"].isEnabled()  # nor a report of the last one
    assert view.record is None
    assert shown == []
    tick = QTimer()
    tick.setSingleShot(True)
    with qtbot.waitSignal(tick.timeout, timeout=2000):  # the event loop runs meanwhile
        tick.start(0)
    assert view.is_loading()
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000) as loaded:
        gate.set()
    assert loaded.args == [patient_with_history.id]
    assert shown == [patient_with_history.id]
    assert view.record is not None
    assert view.record.patient.chart == "QT-1"
    assert not view.busy.isVisible()
    assert view.entry.isEnabled()
    assert window.actions["report_preview"].isEnabled()
    first = find(window, "Hip internal rotation Left", QLineEdit)
    qtbot.waitUntil(first.hasFocus, timeout=2000)  # typing can start at once


def test_a_later_open_wins_over_one_still_on_its_way(
        qtbot, window, gate, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    from ptlog.store import patients

    other = patients.add_patient(d.Patient("QT-2", "Other", "Olga", dt.date(1980, 5, 1),
                                           d.Sex.FEMALE))
    window.patient_list.reload()
    view = window.patient_view
    shown: list[int] = []
    view.patient_changed.connect(shown.append)
    window.open_patient(patient_with_history.id)
    window.open_patient(other.id)
    assert view.loading_patient_id() == other.id
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000,
                          check_params_cb=lambda pid: pid == other.id):
        gate.set()
    QApplication.processEvents()  # the first read's answer, if it came later, is dropped
    assert shown == [other.id]
    assert view.record is not None
    assert view.record.patient.chart == "QT-2"
    assert not view.is_loading()


def test_no_report_of_the_last_patient_while_the_next_is_on_its_way(
        qtbot, window, gate, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    from ptlog.store import patients

    other = patients.add_patient(d.Patient("QT-3", "Next", "Nina", dt.date(1975, 2, 1),
                                           d.Sex.FEMALE))
    window.patient_list.reload()
    view = window.patient_view
    gate.set()
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000):
        press_return_on(qtbot, window, "QT-1")
    assert window.actions["report_preview"].isEnabled()
    gate.clear()  # the next read waits
    window.open_patient(other.id)
    assert view.is_loading()
    assert not window.actions["report_preview"].isEnabled()
    assert not window.actions["save"].isEnabled()
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000):
        gate.set()
    assert view.record is not None
    assert view.record.patient.chart == "QT-3"
    assert window.actions["report_preview"].isEnabled()


def test_the_treatments_tab_is_built_in_idle_turns_after_the_first_patient(
        qtbot, window, gate, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    """Its comparison panel in one turn, the table and buttons around it in the next: the
    window answers between them; switching to the tab then only fills it."""
    from ptlog.ui.comparison_panel import ComparisonPanel

    view = window.patient_view
    gate.set()
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000):
        press_return_on(qtbot, window, "QT-1")
    qtbot.waitUntil(lambda: view.treatments is not None, timeout=10_000)
    assert view.treatments is not None
    panels = view.findChildren(ComparisonPanel)
    assert panels == [view.treatments.comparison]  # the one built ahead, placed in the tab
    view.tabs.setCurrentIndex(2)
    comparison = find(view, "Treatment comparison", ComparisonPanel)
    assert comparison is view.treatments.comparison
    qtbot.waitUntil(comparison.isVisible, timeout=2000)
    assert comparison.record is view.record  # filled with the view's record on the switch


def test_a_switch_between_the_two_turns_uses_the_panel_built_ahead(
        qtbot, window, gate, patient_with_history, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ptlog.ui.comparison_panel import ComparisonPanel

    view = window.patient_view
    monkeypatch.setattr(view, "_prepare_treatments", lambda: None)  # the turns run by hand
    gate.set()
    with qtbot.waitSignal(view.patient_loaded, timeout=10_000):
        press_return_on(qtbot, window, "QT-1")
    view._build_comparison_ahead()
    ahead = view._comparison_ahead
    assert ahead is not None
    assert not ahead.isVisible()
    view.tabs.setCurrentIndex(2)  # before the second turn
    assert view.treatments is not None
    assert view.treatments.comparison is ahead
    qtbot.waitUntil(ahead.isVisible, timeout=2000)
    assert ahead.record is view.record
    assert view.findChildren(ComparisonPanel) == [ahead]
    view._build_treatments_if_missing()  # the second turn, come late: nothing more is built
    assert view.findChildren(ComparisonPanel) == [ahead]
