"""The plot shows what was just saved, on a scale a reader can take in; own saves are not news."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ptlog.domain import records as d
from ptlog.store import patients, treatments
from ptlog.store.readings import save_visit_readings
from ptlog.ui.comparison_panel import ComparisonPanel
from ptlog.ui.plot_ranges import MIN_DEGREE_SPAN
from tests.ui.conftest import find
from tests.ui.test_visit_entry import open_patient

IR = d.MotionKey("hip", "internal_rotation")
ER = d.MotionKey("hip", "external_rotation")


def y_span(plot) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    low, high = plot.getPlotItem().getViewBox().viewRange()[1]
    return low, high


def test_tab_tab_ctrl_s_keeps_the_saved_motion_in_view(qtbot, window) -> None:
    open_patient(qtbot, window)
    view = window.patient_view
    left = find(window, "Hip internal rotation Left", QLineEdit)
    left.setFocus()
    qtbot.keyClicks(left, "34")
    qtbot.keyClick(left, Qt.Key.Key_Tab)
    right = find(window, "Hip internal rotation Right", QLineEdit)
    qtbot.keyClicks(right, "40")
    qtbot.keyClick(right, Qt.Key.Key_Tab)  # the focus moves on to external rotation, empty
    assert find(window, "Hip external rotation Left", QLineEdit).hasFocus()
    with qtbot.waitSignal(view.readings_saved, timeout=3000):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert view.plot.motion == IR  # not the empty motion the focus landed on
    _, ys = view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)
    assert ys[-1] == 34.0
    low, high = y_span(view.plot)
    assert low <= 30
    assert high >= 40
    # typing in external rotation moves the plot there again
    qtbot.keyClicks(window.focusWidget(), "45")
    assert view.plot.motion == ER


def test_an_empty_or_single_reading_motion_has_a_readable_scale(qtbot, window) -> None:
    patient = patients.add_patient(d.Patient("ONE-1", "Solo", "Sam", dt.date(1980, 1, 1),
                                             d.Sex.MALE))
    when = dt.datetime(2026, 2, 1, 10)
    save_visit_readings(patient.id or 0, [d.Reading(ER, d.Side.LEFT, d.Mode.ACTIVE,
                                                    d.Position.SEATED, 30, when)], visit_at=when)
    window.patient_list.reload()
    open_patient(qtbot, window, "ONE-1")
    view = window.patient_view
    picker = find(window, "Plotted motion")
    for motion in (ER, IR):  # one reading; none at all
        picker.setCurrentIndex(picker.findData(str(motion)))
        low, high = y_span(view.plot)
        assert high - low >= MIN_DEGREE_SPAN, (motion, low, high)
        assert low >= -30
        assert high <= 200


def test_a_comparison_with_only_a_baseline_has_readable_axes(qtbot, ui_db,
                                                             patient_with_history) -> None:
    pid = patient_with_history.id or 0
    treatments.add_treatment(d.Treatment(pid, d.TreatmentKind.STEROID_INJECTION,
                                         dt.date.today() - dt.timedelta(days=1)))
    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    from ptlog.store import patient_records as records

    panel.show_patient(records.load_patient_record(pid))
    (x_low, x_high), (y_low, y_high) = panel.outcome_chart.getPlotItem().getViewBox().viewRange()
    assert x_high - x_low >= 60  # days, not ±0.6
    assert MIN_DEGREE_SPAN <= y_high - y_low <= 60
    assert y_low <= 30 <= y_high  # the baseline (30°) in view


@pytest.mark.slow  # over 2 s (session 6's --durations)
def test_own_save_is_not_announced_as_another_workstations(qtbot, window) -> None:
    open_patient(qtbot, window)
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    left = find(window, "Hip internal rotation Left", QLineEdit)
    left.setFocus()
    qtbot.keyClicks(left, "33")
    with qtbot.waitSignal(window.patient_view.readings_saved, timeout=3000):
        qtbot.keyClick(left, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(4500)  # two polls of the SQLite change listener
    assert not any("another workstation" in m for m in messages), messages


def test_typing_in_another_motion_draws_it_with_the_typed_value(qtbot, window) -> None:
    """The picker's switch draws the new motion with what is typed (drawn once, not twice)."""
    open_patient(qtbot, window)
    view = window.patient_view
    assert view.plot.motion == IR
    field = find(window, "Hip external rotation Left", QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "4")
    assert view.plot.motion == ER
    _, ys = view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)
    assert list(ys) == [4.0]
    qtbot.keyClicks(field, "5")  # the same motion: its typed value follows
    _, ys = view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)
    assert list(ys) == [45.0]
