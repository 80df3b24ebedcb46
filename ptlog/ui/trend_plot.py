"""Trend plots: left and right over time per position+mode series, the age-matched normal band,
goals and functional targets, treatments on the time axis. Curves are made once and updated with
``setData`` so a save redraws within a frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from ptlog.domain import colors
from ptlog.domain.catalog import motion_spec
from ptlog.domain.records import Mode, MotionKey, PatientRecord, Position, Reading, SeriesKey, Side
from ptlog.domain.series import normal_band, split_series
from ptlog.domain.targets import functional_targets

_SYMBOLS = {(Position.SEATED, Mode.ACTIVE): "o", (Position.SEATED, Mode.PASSIVE): "s",
            (Position.PRONE, Mode.ACTIVE): "t", (Position.PRONE, Mode.PASSIVE): "d",
            (Position.SUPINE, Mode.ACTIVE): "p", (Position.SUPINE, Mode.PASSIVE): "h",
            (Position.STANDING, Mode.ACTIVE): "star", (Position.STANDING, Mode.PASSIVE): "+"}
_STYLES = {Position.SEATED: Qt.PenStyle.SolidLine, Position.PRONE: Qt.PenStyle.DashLine,
           Position.SUPINE: Qt.PenStyle.DotLine, Position.STANDING: Qt.PenStyle.DashDotLine}


def timestamp(value: dt.datetime | dt.date) -> float:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(12))
    return value.replace(tzinfo=dt.UTC).timestamp()


_grouped: tuple[Sequence[Reading] | None, dict[MotionKey, list[Reading]]] = (None, {})


def readings_of(readings: Sequence[Reading], motion: MotionKey) -> list[Reading]:
    """``motion``'s readings, in order; the seven plots of one patient share one grouping pass
    (5,000 readings filtered seven times cost 20 ms of opening a patient)."""
    global _grouped
    source, groups = _grouped
    if source is not readings:
        groups = {}
        for reading in readings:
            groups.setdefault(reading.motion, []).append(reading)
        _grouped = (readings, groups)
    return groups.get(motion, [])


def series_label(key: SeriesKey) -> str:
    return f"{key.side.label} · {key.position.value} {key.mode.value}"


class _Series:
    """One position+mode+side line: a curve and hoverable markers, created once."""

    def __init__(self, plot: pg.PlotItem, key: SeriesKey, compact: bool) -> None:
        color = QColor(colors.side_color(key.side.value))
        pen = pg.mkPen(color, width=1.6 if compact else 2.2, style=_STYLES[key.position])
        self.curve = pg.PlotCurveItem(pen=pen)
        self.points = pg.ScatterPlotItem(
            size=5 if compact else 9, pen=pg.mkPen(color), brush=pg.mkBrush(color),
            symbol=_SYMBOLS.get((key.position, key.mode), "o"), hoverable=not compact,
            tip=self._tip, hoverSize=12,
        )
        plot.addItem(self.curve)
        plot.addItem(self.points)
        self.readings: list[Reading] = []

    @staticmethod
    def _tip(x: float, y: float, data: object) -> str:
        if isinstance(data, Reading):
            who = f"\n{data.clinician}" if data.clinician else ""
            return (f"{data.taken_on.isoformat()}  {data.degrees:g}° {data.side.label}\n"
                    f"{data.position.value}, {data.mode.value}, "
                    f"{data.instrument.label.lower()}{who}")
        return f"{y:g}°"

    def set_readings(self, readings: Sequence[Reading]) -> None:
        self.readings = list(readings)
        times: dict[dt.datetime, float] = {}  # a visit's readings share its time
        x = np.fromiter((times[r.taken_at] if r.taken_at in times else
                         times.setdefault(r.taken_at, timestamp(r.taken_at)) for r in readings),
                        float, len(readings))
        y = np.fromiter((r.degrees for r in readings), float, len(readings))
        self.curve.setData(x, y)
        self.points.setData(x=x, y=y, data=self.readings)


class TrendPlot(pg.PlotWidget):
    """One motion's trend; ``compact`` makes the small-multiple version (click to select)."""

    #: emitted by a compact plot when clicked: the motion it shows
    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(utcOffset=0)})
        self.compact = compact
        self.motion: MotionKey | None = None
        self._series: dict[SeriesKey, _Series] = {}
        self._decor: list[pg.GraphicsObject] = []
        self._stored_source: Sequence[Reading] | None = None
        self._stored_motion: MotionKey | None = None
        self._stored_groups: dict[SeriesKey, list[Reading]] = {}
        self._drawn: dict[SeriesKey, list[Reading]] = {}  # the lists each series shows now
        item = self.getPlotItem()
        self._legend: pg.LegendItem | None = None
        if not compact:
            # below the axes, never over the readings
            self._legend = pg.LegendItem(colCount=2, labelTextSize="8pt")
            item.layout.addItem(self._legend, 4, 1)
        self._add_degree_grid(item)
        item.setMenuEnabled(False)
        self.setBackground(None)
        if compact:
            item.hideAxis("bottom")
            item.getAxis("left").setWidth(28)
            item.setMouseEnabled(False, False)
            self.setMinimumSize(60, 70)
            # small multiples share the row evenly, whatever their titles ask for
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            item.hideButtons()
        else:
            item.setLabel("left", "degrees")
            self.setAccessibleName("Trend plot")
            self.setMinimumSize(280, 240)
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

    @staticmethod
    def _add_degree_grid(item: pg.PlotItem) -> None:
        """Faint lines every 10°: an axis grid costs ~5 ms a repaint, these a fraction of 1."""
        pen = pg.mkPen(QColor(128, 128, 128, 45), width=1)
        for degrees in range(-30, 181, 10):
            line = pg.InfiniteLine(pos=degrees, angle=0, movable=False, pen=pen)
            line.setZValue(-30)
            item.addItem(line, ignoreBounds=True)  # the readings, not the grid, set the range

    # --- data ------------------------------------------------------------------------
    def show_record(self, record: PatientRecord, motion: MotionKey,
                    pending: Sequence[Reading] = ()) -> None:
        """Draw ``motion`` for this patient; decorations are rebuilt, curves reused."""
        changed_motion = motion != self.motion
        self.motion = motion
        title = motion_spec(motion).label
        if self.compact:
            self.setTitle(f"<span style='font-size:8pt'>{title}</span>")
        else:
            self.setTitle(title)
        if changed_motion:
            self._clear_series()
        self._rebuild_decorations(record, motion)
        self.update_readings(record.readings, pending)
        self.getPlotItem().enableAutoRange()
        self._fit_now()

    def update_readings(self, readings: Sequence[Reading], pending: Sequence[Reading] = ()) -> None:
        """Fast path after a save: ``setData`` on the curves of this motion only."""
        if self.motion is None:
            return
        if readings is not self._stored_source or self.motion != self._stored_motion:
            # typing redraws with the same stored readings: split the 5,000 of them once
            self._stored_source, self._stored_motion = readings, self.motion
            self._stored_groups = split_series(readings_of(readings, self.motion))
        groups = self._stored_groups
        typed = split_series(r for r in pending if r.motion == self.motion)
        if typed:  # what split_series(stored + pending) gives: stable sort, stored ones first
            groups = dict(groups)
            for key, values in typed.items():
                groups[key] = sorted((*groups.get(key, ()), *values),
                                     key=lambda r: (r.taken_at, r.id or 0))
        if self.compact:
            groups = {k: v for k, v in groups.items() if k.position is Position.SEATED
                      and k.mode is Mode.ACTIVE} or groups
        for key, values in groups.items():
            series = self._series.get(key)
            if series is None:
                series = _Series(self.getPlotItem(), key, self.compact)
                self._series[key] = series
                if self._legend is not None:
                    self._legend.addItem(series.curve, series_label(key))
            if self._drawn.get(key) is not values:  # an unchanged series keeps its points
                series.set_readings(values)
                self._drawn[key] = values
        for key, series in self._series.items():
            if key not in groups and series.readings:
                series.set_readings([])
                self._drawn.pop(key, None)
        self._fit_now()

    def _fit_now(self) -> None:
        """Fit the range before the paint, not during it: a range found while painting makes
        the plot and its axes paint twice (20 ms of opening a 5,000-reading patient)."""
        scene = self.scene()
        if scene is not None:
            scene.prepareForPaint()

    def curve_data(self, side: Side, position: Position,
                   mode: Mode) -> tuple[list[float], list[float]]:
        """(timestamps, degrees) currently drawn for one series — used by tests."""
        if self.motion is None:
            return [], []
        series = self._series.get(SeriesKey(self.motion, side, position, mode))
        if series is None:
            return [], []
        x, y = series.curve.getData()
        if x is None:
            return [], []
        return list(map(float, x)), list(map(float, y))

    def series_keys(self) -> list[SeriesKey]:
        return [k for k, s in self._series.items() if s.readings]

    def band_items(self) -> list[pg.GraphicsObject]:
        return [d for d in self._decor if isinstance(d, pg.FillBetweenItem)]

    # --- decorations ------------------------------------------------------------------
    def _clear_series(self) -> None:
        item = self.getPlotItem()
        for series in self._series.values():
            item.removeItem(series.curve)
            item.removeItem(series.points)
            if self._legend is not None:
                self._legend.removeItem(series.curve)
        self._series.clear()
        self._drawn.clear()

    def _rebuild_decorations(self, record: PatientRecord, motion: MotionKey) -> None:
        item = self.getPlotItem()
        for decor in self._decor:
            item.removeItem(decor)
        self._decor.clear()
        mine = readings_of(record.readings, motion)
        if mine:
            start = min(r.taken_on for r in mine) - dt.timedelta(days=14)
            end = max(max(r.taken_on for r in mine), dt.date.today()) + dt.timedelta(days=7)
        else:
            end = dt.date.today()
            start = end - dt.timedelta(days=90)
        band_color = QColor(colors.NORMAL_BAND)
        band_color.setAlpha(40)
        for segment in normal_band(record.patient, motion, start, end):
            x = np.array([timestamp(segment.start), timestamp(segment.end)])
            low = pg.PlotCurveItem(x, np.array([segment.low] * 2), pen=pg.mkPen(None))
            high_value = segment.high if segment.high > segment.low else segment.low + 0.6
            high = pg.PlotCurveItem(x, np.array([high_value] * 2),
                                    pen=pg.mkPen(colors.NORMAL_BAND, width=1))
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(band_color))
            fill.setToolTip(f"normal {segment.low:g}–{segment.high:g}° ({segment.label})")
            for decor in (low, high, fill):
                item.addItem(decor)
                self._decor.append(decor)
        for goal in record.goals:
            if goal.motion != motion:
                continue
            line = pg.InfiniteLine(
                pos=goal.target_degrees, angle=0,
                pen=pg.mkPen(colors.GOAL, width=1.5, style=Qt.PenStyle.DashLine),
                label=None if self.compact else f"goal {goal.target_degrees:g}° {goal.label}",
                labelOpts={"position": 0.02, "color": colors.GOAL, "anchors": [(0, 1), (0, 1)]},
            )
            item.addItem(line)
            self._decor.append(line)
        if not self.compact:
            for target in functional_targets(motion):
                if target.key not in ("walking", "deep_squat", "pitching"):
                    continue
                line = pg.InfiniteLine(
                    pos=target.degrees_needed, angle=0,
                    pen=pg.mkPen(colors.TARGET, width=1, style=Qt.PenStyle.DotLine),
                    label=target.describe(),
                    labelOpts={"position": 0.98, "color": colors.TARGET,
                               "anchors": [(1, 1), (1, 1)]},
                )
                item.addItem(line)
                self._decor.append(line)
        tx_color = QColor(colors.TREATMENT)
        for treatment in record.treatments:
            label = treatment.kind.label
            if treatment.end_date and treatment.end_date > treatment.start_date:
                tx_color.setAlpha(45)
                region = pg.LinearRegionItem(
                    values=(timestamp(treatment.start_date), timestamp(treatment.end_date)),
                    movable=False, brush=pg.mkBrush(tx_color), pen=pg.mkPen(None),
                )
                region.setZValue(-20)
                region.setToolTip(f"{label}: {treatment.start_date} to {treatment.end_date}")
                item.addItem(region)
                self._decor.append(region)
            line = pg.InfiniteLine(
                pos=timestamp(treatment.start_date), angle=90,
                pen=pg.mkPen(colors.TREATMENT, width=1.5),
                label=None if self.compact else label,
                labelOpts={"position": 0.92, "color": colors.TREATMENT, "rotateAxis": (1, 0),
                           "anchors": [(0, 0), (0, 0)]},
            )
            item.addItem(line)
            self._decor.append(line)

    def mousePressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.compact and self.motion is not None:
            self.clicked.emit(self.motion)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if self.compact:
            event.accept()  # the press already selected this motion
            return
        super().mouseReleaseEvent(event)
