"""Trend plots: series kept apart by position and mode, age-stepped band, treatments, dial."""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain import records as d
from ptlog.ui.goniometer_dial import GoniometerDial
from ptlog.ui.trend_plot import TrendPlot, timestamp

IR = d.MotionKey("hip", "internal_rotation")


def _record(birth: dt.date, readings: list[d.Reading],
            treatments: tuple[d.Treatment, ...] = ()) -> d.PatientRecord:
    patient = d.Patient("T-1", "Trend", "Tess", birth, d.Sex.FEMALE, id=1)
    return d.PatientRecord(patient, readings=tuple(readings), treatments=treatments)


def _reading(day: dt.date, side: d.Side, degrees: float,
             position: d.Position = d.Position.SEATED, mode: d.Mode = d.Mode.ACTIVE) -> d.Reading:
    return d.Reading(IR, side, mode, position, degrees, dt.datetime.combine(day, dt.time(9)))


def test_positions_and_modes_are_never_joined(qtbot) -> None:
    day = dt.date(2026, 3, 1)
    readings = [
        _reading(day, d.Side.LEFT, 30), _reading(day + dt.timedelta(days=30), d.Side.LEFT, 33),
        _reading(day, d.Side.LEFT, 36, d.Position.PRONE),
        _reading(day, d.Side.LEFT, 34, d.Position.SEATED, d.Mode.PASSIVE),
        _reading(day, d.Side.RIGHT, 40),
    ]
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(_record(dt.date(1980, 1, 1), readings), IR)
    assert len(plot.series_keys()) == 4
    assert plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)[1] == [30.0, 33.0]
    assert plot.curve_data(d.Side.LEFT, d.Position.PRONE, d.Mode.ACTIVE)[1] == [36.0]
    assert plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.PASSIVE)[1] == [34.0]
    assert plot.curve_data(d.Side.RIGHT, d.Position.SEATED, d.Mode.ACTIVE)[1] == [40.0]


def test_normal_band_steps_at_the_age_boundary(qtbot) -> None:
    birth = dt.date(1976, 5, 10)  # turns 51 on 2027-05-10, 20-50 band → 51+ band
    readings = [_reading(dt.date(2027, 3, 1), d.Side.LEFT, 30),
                _reading(dt.date(2027, 7, 1), d.Side.LEFT, 28)]
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(_record(birth, readings), IR)
    tips = sorted(item.toolTip() for item in plot.band_items())
    assert len(tips) == 2
    assert any("35–45" in tip for tip in tips)
    assert any("25–35" in tip for tip in tips)


def test_no_band_is_drawn_for_children(qtbot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(_record(dt.date(2016, 1, 1), [_reading(dt.date(2026, 3, 1),
                                                           d.Side.LEFT, 40)]), IR)
    assert plot.band_items() == []


def test_update_readings_reuses_the_curves(qtbot) -> None:
    day = dt.date(2026, 3, 1)
    first = [_reading(day, d.Side.LEFT, 30)]
    record = _record(dt.date(1980, 1, 1), first)
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(record, IR)
    items_before = len(plot.getPlotItem().items)
    plot.update_readings([*first, _reading(day + dt.timedelta(days=7), d.Side.LEFT, 34)])
    assert plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)[1] == [30.0, 34.0]
    assert len(plot.getPlotItem().items) == items_before  # setData, no new items


def test_treatment_course_is_marked_on_the_time_axis(qtbot) -> None:
    import pyqtgraph as pg

    course = d.Treatment(1, d.TreatmentKind.PHYSICAL_THERAPY, dt.date(2026, 3, 5),
                         dt.date(2026, 4, 30))
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(_record(dt.date(1980, 1, 1), [_reading(dt.date(2026, 3, 1), d.Side.LEFT,
                                                            30)], (course,)), IR)
    regions = [i for i in plot.getPlotItem().items if isinstance(i, pg.LinearRegionItem)]
    assert len(regions) == 1
    assert regions[0].getRegion() == pytest.approx(
        (timestamp(course.start_date), timestamp(course.end_date)))


def test_small_multiple_click_selects_its_motion(qtbot) -> None:
    from PySide6.QtCore import QPoint, Qt

    plot = TrendPlot(compact=True)
    qtbot.addWidget(plot)
    plot.resize(120, 90)
    plot.show_record(_record(dt.date(1980, 1, 1), [_reading(dt.date(2026, 3, 1), d.Side.LEFT,
                                                            30)]), IR)
    plot.show()
    with qtbot.waitSignal(plot.clicked, timeout=2000) as blocker:
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 45))
    assert blocker.args == [IR]


def test_dial_draws_the_typed_angle_and_the_other_side(qtbot) -> None:
    dial = GoniometerDial()
    qtbot.addWidget(dial)
    dial.set_reading("Hip internal rotation", "L", 30.0, 42.0, (35.0, 45.0), 90.0)
    assert dial.describe() == "Hip internal rotation left: 30°"
    assert dial.accessibleDescription() == dial.describe()
    assert dial.angle_for(45.0) == pytest.approx(90.0)  # half the 0–90 scale: straight up
    image = dial.grab().toImage()
    assert not image.isNull()
    dial.set_reading("Hip internal rotation", "L", None, None, None, 90.0)
    assert dial.describe() == "Hip internal rotation: no value"
