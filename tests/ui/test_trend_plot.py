"""Trend plots: series kept apart by position and mode, age-stepped band, treatments, dial."""

from __future__ import annotations

import dataclasses
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
    birth = dt.date(1977, 5, 10)  # turns 50 on 2027-05-10: 20-49 band → 50 and over
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


def _view_range(plot: TrendPlot) -> tuple[list[float], list[float]]:
    x, y = plot.getPlotItem().getViewBox().viewRange()
    return list(x), list(y)


def test_view_fits_readings_goal_and_targets(qtbot) -> None:
    day = dt.date(2026, 3, 1)
    readings = [_reading(day, d.Side.LEFT, 30), _reading(day + dt.timedelta(days=60),
                                                         d.Side.RIGHT, 34)]
    record = _record(dt.date(1980, 1, 1), readings)
    record = d.PatientRecord(record.patient, readings=record.readings,
                             goals=(d.Goal(1, IR, 60.0, label="pitching"),))
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(500, 400)
    plot.show()
    plot.show_record(record, IR)
    (x0, x1), (y0, y1) = _view_range(plot)
    assert x0 < timestamp(day)
    assert x1 > timestamp(day + dt.timedelta(days=60))
    assert y0 < 30
    assert y1 > 60
    # a typed value beyond the range widens it (drawn live)
    typed = d.Reading(IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 75.0,
                      dt.datetime.combine(day + dt.timedelta(days=61), dt.time(9)))
    plot.update_readings(record.readings, [typed])
    assert _view_range(plot)[1][1] > 75


def test_a_zoom_by_the_user_is_kept_until_another_motion(qtbot) -> None:
    day = dt.date(2026, 3, 1)
    record = _record(dt.date(1980, 1, 1), [_reading(day, d.Side.LEFT, 30)])
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(record, IR)
    view = plot.getPlotItem().getViewBox()
    view.scaleBy((0.5, 0.5))
    view.sigRangeChangedManually.emit(view.state["mouseEnabled"])
    zoomed = _view_range(plot)
    later = d.Reading(IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 80.0,
                      dt.datetime.combine(day + dt.timedelta(days=90), dt.time(9)))
    plot.update_readings(record.readings, [later])
    assert _view_range(plot) == zoomed
    plot.show_record(record, d.MotionKey("hip", "flexion"))
    assert _view_range(plot) != zoomed


def test_add_saved_draws_what_a_full_redraw_draws(qtbot) -> None:
    day = dt.date(2026, 3, 1)
    stored = [_reading(day + dt.timedelta(days=i), d.Side.LEFT, 20 + i) for i in range(5)]
    stored = [dataclasses.replace(r, id=i + 1) for i, r in enumerate(stored)]
    record = _record(dt.date(1980, 1, 1), stored)
    added = [dataclasses.replace(_reading(day + dt.timedelta(days=2), d.Side.LEFT, 99), id=10),
             dataclasses.replace(_reading(day + dt.timedelta(days=9), d.Side.RIGHT, 41), id=11)]
    incremental, full = TrendPlot(), TrendPlot()
    for plot in (incremental, full):
        qtbot.addWidget(plot)
    incremental.show_record(record, IR)
    both = tuple(sorted((*stored, *added), key=lambda r: (r.taken_at, r.id)))
    incremental.add_saved(both, added)
    full.show_record(_record(dt.date(1980, 1, 1), list(both)), IR)
    for side in d.Side:
        assert (incremental.curve_data(side, d.Position.SEATED, d.Mode.ACTIVE)
                == full.curve_data(side, d.Position.SEATED, d.Mode.ACTIVE))
    assert incremental.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)[1][:4] == [
        20.0, 21.0, 22.0, 99.0]


def test_dense_series_are_drawn_with_thin_lines(qtbot) -> None:
    from ptlog.ui.trend_plot import DENSE_POINTS

    day = dt.date(2025, 1, 1)
    few = [_reading(day + dt.timedelta(days=i), d.Side.LEFT, 30) for i in range(3)]
    many = [_reading(day + dt.timedelta(days=i), d.Side.RIGHT, 30)
            for i in range(DENSE_POINTS + 1)]
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(_record(dt.date(1980, 1, 1), few + many), IR)
    widths = {key.side: plot._series[key].curve.opts["pen"].widthF() for key in plot.series_keys()}
    assert widths[d.Side.LEFT] > 2
    assert widths[d.Side.RIGHT] == 1


def test_degree_grid_draws_a_line_every_ten_degrees_in_view(qtbot) -> None:
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.getPlotItem().getViewBox().setRange(yRange=(12, 47), padding=0)
    assert plot.degree_grid.lines() == [20.0, 30.0, 40.0]


@pytest.mark.slow
def test_add_saved_leaves_a_plot_of_another_motion_alone(qtbot, monkeypatch) -> None:
    from ptlog.ui import trend_plot

    day = dt.date(2026, 3, 1)
    record = _record(dt.date(1980, 1, 1), [dataclasses.replace(_reading(day, d.Side.LEFT, 30),
                                                                id=1)])
    plot = TrendPlot(compact=True)
    qtbot.addWidget(plot)
    plot.show_record(record, IR)
    redrawn: list[object] = []
    monkeypatch.setattr(trend_plot._Series, "set_readings", lambda *args: redrawn.append(args))
    knee = d.Reading(d.MotionKey("knee", "flexion"), d.Side.LEFT, d.Mode.ACTIVE,
                     d.Position.SEATED, 120, dt.datetime(2026, 3, 9, 9), id=2)
    plot.add_saved((*record.readings, knee), [knee])
    assert redrawn == []
    more = dataclasses.replace(_reading(day + dt.timedelta(days=8), d.Side.LEFT, 33), id=3)
    plot.add_saved((*record.readings, knee, more), [more])
    assert len(redrawn) == 1


def _target_labels(plot: TrendPlot) -> list[str]:
    import pyqtgraph as pg

    return sorted(item.label.format for item in plot._decor
                  if isinstance(item, pg.InfiniteLine) and item.label is not None
                  and not item.label.format.startswith("goal"))


def test_targets_are_the_patients_activities(qtbot) -> None:
    """A 45-year-old office worker is not shown the pitcher's 50° (issue 16)."""
    import dataclasses

    record = _record(dt.date(1980, 1, 1), [_reading(dt.date(2026, 3, 1), d.Side.LEFT, 30)])
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.show_record(record, IR)
    assert _target_labels(plot) == ["Deep squat without knee cave-in: 20–30°",
                                    "Walking (stance phase): 15–20°"]
    pitcher = dataclasses.replace(record, patient=dataclasses.replace(
        record.patient, activities=("pitching", "cycling")))
    plot.show_record(pitcher, IR)
    assert _target_labels(plot) == ["Baseball pitching (follow-through): 50° or more",
                                    "Cycling (pedal stroke): about 25°"]


@pytest.mark.parametrize("size", [(430, 330), (300, 250), (900, 500)])
def test_goal_and_activity_labels_never_overlap(qtbot, size) -> None:
    """The demo's 'goal 30° deep squat' sits on the deep squat's 20–30° line: both are read,
    neither over the other, inside the plot, at any size (a label with no free place is
    hidden and its line tells it as a tooltip)."""
    day = dt.date(2026, 3, 1)
    readings = [_reading(day + dt.timedelta(days=7 * i), d.Side.LEFT, 22 + i) for i in range(8)]
    record = _record(dt.date(1982, 1, 1), readings, treatments=(
        d.Treatment(1, d.TreatmentKind.HIP_ARTHROSCOPY, day + dt.timedelta(days=3)),))
    record = d.PatientRecord(record.patient, readings=record.readings,
                             treatments=record.treatments,
                             goals=(d.Goal(1, IR, 30.0, label="deep squat"),))
    plot = TrendPlot()
    qtbot.addWidget(plot)
    plot.resize(*size)
    plot.show()
    qtbot.waitExposed(plot)
    plot.show_record(record, IR)
    plot.resize(size[0] + 1, size[1])  # placed again when the view changes
    labels = plot.line_labels()
    texts = [label.toPlainText() for label in labels]
    assert any(text.startswith("goal 30°") for text in texts)
    assert "Deep squat without knee cave-in: 20–30°" in texts
    shown = [label for label in labels if label.isVisible()]
    area = plot.getPlotItem().getViewBox().sceneBoundingRect()
    for i, label in enumerate(shown):
        rect = label.sceneBoundingRect()
        assert area.contains(rect), label.toPlainText()  # never cut at the plot's edge
        for other in shown[i + 1:]:
            assert not rect.intersects(other.sceneBoundingRect()), \
                (label.toPlainText(), other.toPlainText())
    for label in labels:
        if not label.isVisible():
            assert label.line.toolTip() == label.toPlainText()
    if size[0] >= 430:  # room enough: the goal and the squat are both written on the plot
        assert {t for lab, t in zip(labels, texts, strict=True) if lab.isVisible()} >= {
            texts[0], "Deep squat without knee cave-in: 20–30°"}
