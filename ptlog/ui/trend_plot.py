"""Trend plots: left and right over time per position+mode series, the age-matched normal band,
goals and functional targets, treatments on the time axis. Curves are made once and updated with
``setData`` so a save redraws within a frame."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems import DateAxisItem as date_axes
from PySide6.QtCore import QLineF, QLocale, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ptlog.domain import colors
from ptlog.domain.catalog import motion_spec
from ptlog.domain.records import Mode, MotionKey, PatientRecord, Position, Reading, SeriesKey, Side
from ptlog.domain.series import (
    merged,
    normal_band,
    reading_order,
    split_series,
)
from ptlog.domain.targets import targets_for_activities
from ptlog.ui.plot_ranges import MIN_DEGREE_SPAN, MIN_TIME_SPAN, padded_range
from ptlog.ui.plot_series import series_groups, timestamp, x_of
from ptlog.ui.qdates import shown_date
from ptlog.ui.translations import labels

_SYMBOLS = {(Position.SEATED, Mode.ACTIVE): "o", (Position.SEATED, Mode.PASSIVE): "s",
            (Position.PRONE, Mode.ACTIVE): "t", (Position.PRONE, Mode.PASSIVE): "d",
            (Position.SUPINE, Mode.ACTIVE): "p", (Position.SUPINE, Mode.PASSIVE): "h",
            (Position.STANDING, Mode.ACTIVE): "star", (Position.STANDING, Mode.PASSIVE): "+"}
_STYLES = {Position.SEATED: Qt.PenStyle.SolidLine, Position.PRONE: Qt.PenStyle.DashLine,
           Position.SUPINE: Qt.PenStyle.DotLine, Position.STANDING: Qt.PenStyle.DashDotLine}


def series_of(readings: Sequence[Reading], motion: MotionKey) -> dict[SeriesKey, list[Reading]]:
    """``motion``'s current readings by series, each in time order (do not modify them)."""
    return series_groups(readings).get(motion, {})


def _with_added(groups: dict[SeriesKey, list[Reading]],
                added: dict[SeriesKey, list[Reading]]) -> dict[SeriesKey, list[Reading]]:
    """A copy of ``groups`` with ``added`` merged in; untouched series keep their lists, so
    their curves are not redrawn."""
    out = dict(groups)
    for key, values in added.items():
        out[key] = merged(out.get(key, ()), values, key=reading_order)
    return out


def _union(span: tuple[float, float] | None, other: tuple[float, float]) -> tuple[float, float]:
    return other if span is None else (min(span[0], other[0]), max(span[1], other[1]))


def series_label(key: SeriesKey) -> str:
    words = labels()  # the domain's words in the window's language, as in the PDFs
    return f"{words(key.side.label)} · {words(key.position.value)} {words(key.mode.value)}"


#: a series with more points than this is drawn with a 1-pixel line: dense lines only hide the
#: markers, and a wider line is stroked segment by segment (0.5 ms per 200 points a repaint)
DENSE_POINTS = 80


class _DegreeGrid(pg.GraphicsObject):
    """Faint lines every 10° across the view, as one item: pyqtgraph's axis grid cost ~5 ms a
    repaint, twenty line items ~1 ms; this draws them in one call."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(-30)
        self._pen = pg.mkPen(QColor(128, 128, 128, 45), width=1)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        view = self.getViewBox()
        return QRectF(view.viewRect()) if view is not None else QRectF()

    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph API
        self.prepareGeometryChange()

    def lines(self) -> list[float]:
        """The degrees a line is drawn at in the current view."""
        rect = self.boundingRect()
        low, high = sorted((rect.top(), rect.bottom()))
        return [float(d) for d in range(math.ceil(low / 10) * 10, math.floor(high) + 1, 10)]

    def paint(self, painter: QPainter, *_args: object) -> None:
        rect = self.boundingRect()
        painter.setPen(self._pen)
        painter.drawLines([QLineF(rect.left(), y, rect.right(), y) for y in self.lines()])


class _Series:
    """One position+mode+side line: a curve and hoverable markers, created once."""

    def __init__(self, plot: pg.PlotItem, key: SeriesKey, compact: bool) -> None:
        color = QColor(colors.side_color(key.side.value))
        self._pens = {dense: pg.mkPen(color, width=1 if dense else 1.6 if compact else 2.2,
                                      style=_STYLES[key.position]) for dense in (False, True)}
        self.curve = pg.PlotCurveItem(pen=self._pens[False])
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
            words = labels()
            return (f"{shown_date(data.taken_on)}  {words.degrees(data.degrees)} "
                    f"{words(data.side.label)}\n{words(data.position.value)}, "
                    f"{words(data.mode.value)}, {words(data.instrument.label)}{who}")
        return labels().degrees(y)

    def set_readings(self, readings: Sequence[Reading]) -> None:
        self.readings = list(readings)
        x = x_of(readings)
        y = np.fromiter((r.degrees for r in readings), float, len(readings))
        pen = self._pens[len(readings) > DENSE_POINTS]
        if self.curve.opts["pen"] is not pen:
            self.curve.setPen(pen)
        self.curve.setData(x, y)
        self.points.setData(x=x, y=y, data=self.readings)


class LocalDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis with month and weekday names in the window's language (it writes
    them with ``strftime``, in English whatever the language: "Mar" under a German window).
    The plot's times are shown as they are (``utcOffset=0``)."""

    def __init__(self) -> None:
        super().__init__(utcOffset=0)
        self.zoomLevels[np.inf] = _YEARS_AND_MONTHS  # the coarsest level, in its place

    def tickStrings(self, values: Sequence[float], scale: float,  # noqa: N802 - Qt API
                    spacing: float) -> list[str]:
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        if spec is None or ("%b" not in spec.format and "%a" not in spec.format):
            return list(super().tickStrings(values, scale, spacing))
        locale, short = QLocale(), QLocale.FormatType.ShortFormat
        shown = []
        for value in values:
            try:
                when = _EPOCH + dt.timedelta(seconds=float(value))
            except OverflowError:
                shown.append("")
                continue
            form = spec.format.replace("%b", locale.monthName(when.month, short).replace(
                "%", "%%")).replace("%a", locale.dayName(when.isoweekday(), short).replace(
                    "%", "%%"))
            shown.append(when.strftime(form))
        return shown


_EPOCH = dt.datetime(1970, 1, 1)
# pyqtgraph's coarsest level, but months thinned out (every 2nd, 3rd, 6th) where they do not
# fit instead of left out: a narrow plot of one year's visits (1366x768) showed no date at all
_YEARS_AND_MONTHS = date_axes.ZoomLevel([
    date_axes.TickSpec(date_axes.YEAR_SPACING, date_axes.makeYStepper(1), "%Y",
                       autoSkip=[1, 5, 10, 25]),
    date_axes.TickSpec(date_axes.MONTH_SPACING, date_axes.makeMStepper(1), "%b",
                       autoSkip=[1, 2, 3, 6]),
], "YYYY")


class TrendPlot(pg.PlotWidget):
    """One motion's trend; ``compact`` makes the small-multiple version (click to select)."""

    #: emitted by a compact plot when clicked: the motion it shows
    clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        # no context menus (they were switched off anyway): pyqtgraph builds a view box menu
        # of a dozen widgets per plot otherwise, a fifth of building a small multiple
        super().__init__(parent, axisItems={"bottom": LocalDateAxis()},
                         enableMenu=False)
        self.compact = compact
        self.motion: MotionKey | None = None
        self._series: dict[SeriesKey, _Series] = {}
        self._decor: list[pg.GraphicsObject] = []
        self._stored_source: Sequence[Reading] | None = None
        self._stored_motion: MotionKey | None = None
        self._stored_groups: dict[SeriesKey, list[Reading]] = {}
        self._drawn: dict[SeriesKey, list[Reading]] = {}  # the lists each series shows now
        #: what the view must show besides the readings: the band, goals, targets, treatments
        self._decor_x: tuple[float, float] | None = None
        self._decor_y: tuple[float, float] | None = None
        self._auto_fit = True  # until the user pans or zooms
        self._fit_due = True  # the next update fits even if no curve changed
        self._typed_drawn = False  # values being typed are on the curves
        self._title = ""
        item = self.getPlotItem()
        item.getViewBox().sigRangeChangedManually.connect(self._on_range_changed_manually)
        item.getViewBox().sigResized.connect(self._fit_now)  # marker margins are in pixels
        # labels are in pixels on lines in degrees: placed again whenever the view changes
        item.getViewBox().sigTransformChanged.connect(self._place_line_labels)
        self._line_labels: list[tuple[pg.InfiniteLine, str]] = []  # horizontal, in priority
        self._legend: pg.LegendItem | None = None
        if not compact:
            # below the axes, never over the readings
            self._legend = pg.LegendItem(colCount=2, labelTextSize="8pt")
            item.layout.addItem(self._legend, 4, 1)
        self.degree_grid = _DegreeGrid()
        item.addItem(self.degree_grid, ignoreBounds=True)  # the readings set the range
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
            item.setLabel("left", self.tr("degrees"))
            self.setAccessibleName("Trend plot")
            self.setMinimumSize(280, 240)
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

    def _show_title(self) -> None:
        """The motion's name; a small multiple's is shortened to its width (whole as tooltip):
        pyqtgraph never makes a plot narrower than its title, so a long name pushed the
        plot past its cell and the grid cut it off."""
        if not self.compact:
            self.setTitle(self._title)
            return
        font = QFont(self.font())
        font.setPointSizeF(8)
        # the title sits above the view box, beside the left axis' column
        room = max(20, self.width() - int(self.getPlotItem().getAxis("left").width()) - 12)
        shown = QFontMetrics(font).elidedText(self._title, Qt.TextElideMode.ElideRight, room)
        self.setTitle(f"<span style='font-size:8pt'>{html.escape(shown)}</span>")
        self.setToolTip(self._title)

    def resizeEvent(self, event: QResizeEvent | None) -> None:  # noqa: N802 - Qt override
        # pyqtgraph calls this from its __init__, before ours has set anything
        if getattr(self, "_title", "") and self.compact:
            self._show_title()
        if getattr(self, "_legend", None) is not None:
            self._fit_legend()
        super().resizeEvent(event)

    def _fit_legend(self) -> None:
        """Two columns of series names when they fit beside each other, else one: pyqtgraph
        never makes a plot narrower than its legend, so a wide one pushed the plot (and the
        activity labels) past the widget's right edge at 1366×768."""
        legend = self._legend
        if legend is None:
            return
        widths = [label.boundingRect().width() + 40 for _sample, label in legend.items]
        axis = self.getPlotItem().getAxis("left").width()
        two = len(widths) > 1 and 2 * max(widths) + axis + 30 <= self.width()
        columns = 2 if two else 1
        if legend.columnCount != columns:
            legend.setColumnCount(columns)

    # --- data ------------------------------------------------------------------------
    def show_record(self, record: PatientRecord, motion: MotionKey,
                    pending: Sequence[Reading] = ()) -> None:
        """Draw ``motion`` for this patient; decorations are rebuilt, curves reused."""
        changed_motion = motion != self.motion
        self.motion = motion
        if changed_motion:
            self._title = labels()(motion_spec(motion).label)
            self._show_title()
            self._clear_series()
        self._rebuild_decorations(record, motion)
        self._auto_fit = True
        self._fit_due = True  # new decorations: fit even if no curve changes
        self.update_readings(record.readings, pending)

    def update_readings(self, readings: Sequence[Reading], pending: Sequence[Reading] = ()) -> None:
        """Fast path after a save or a keystroke: ``setData`` on this motion's changed curves."""
        if self.motion is None:
            return
        if readings is not self._stored_source or self.motion != self._stored_motion:
            # typing redraws with the same stored readings: split the 5,000 of them once
            self._stored_source, self._stored_motion = readings, self.motion
            self._stored_groups = series_of(readings, self.motion)
        groups = self._stored_groups
        changed = False
        typed = split_series(r for r in pending if r.motion == self.motion)
        self._typed_drawn = bool(typed)
        if typed:  # what split_series(stored + pending) gives: stable sort, stored ones first
            groups = _with_added(groups, typed)
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
                    self._fit_legend()
            if self._drawn.get(key) is not values:  # an unchanged series keeps its points
                series.set_readings(values)
                self._drawn[key] = values
                changed = True
        for key, series in self._series.items():
            if key not in groups and series.readings:
                series.set_readings([])
                self._drawn.pop(key, None)
                changed = True
        if changed or self._fit_due:  # the same points (a save's second tell): same range
            self._fit_due = False
            self._fit_now()

    def add_saved(self, readings: Sequence[Reading], added: Sequence[Reading] | None) -> None:
        """After a save: ``readings`` are the stored ones plus ``added``. The series gain the
        added readings instead of regrouping thousands (``None``: regroup everything)."""
        if (added is not None and self.motion is not None
                and self._stored_source is not None and self._stored_motion == self.motion):
            mine = split_series(r for r in added if r.motion == self.motion)
            self._stored_source = readings
            if not mine and not self._typed_drawn:
                return  # another motion's readings: nothing here changes
            self._stored_groups = _with_added(self._stored_groups, mine)
        self.update_readings(readings)

    def _fit_now(self, *_args: object) -> None:
        """Fit the view to the readings, the normal band and the treatment courses, now.

        What pyqtgraph's auto-range shows, computed from what is known here: its own asks every
        item for its bounds, per axis, at the next paint (a range found while painting made
        the plot and its axes paint twice)."""
        if not self._auto_fit:
            return
        # per axis: (low, high, marker size in pixels) of everything that must be seen
        spans: tuple[list[tuple[float, float, float]], ...] = ([], [])
        for axis, decor in enumerate((self._decor_x, self._decor_y)):
            if decor is not None:
                spans[axis].append((*decor, 0.0))
        for series in self._series.values():
            if series.readings:
                pad = series.points.pixelPadding()
                for axis, values in enumerate(series.curve.getData()):
                    spans[axis].append((float(values.min()), float(values.max()), pad))
        view = self.getPlotItem().getViewBox()
        ranges = []
        for axis, pixels in ((0, view.width()), (1, view.height())):
            if not spans[axis]:
                ranges.append(self._empty_range(axis))
                continue
            low = min(span[0] for span in spans[axis])
            high = max(span[1] for span in spans[axis])
            size = (high - low) / pixels if pixels > 0 else 0.0
            # as pyqtgraph's auto-range: whole markers, not their centres, stay inside
            low = min(lo - pad * size for lo, _, pad in spans[axis])
            high = max(hi + pad * size for _, hi, pad in spans[axis])
            # one reading, or a flat series, still gets a scale a reader can take in
            ranges.append(padded_range((low, high), pad=0.0, default=(low, high),
                                       min_span=MIN_TIME_SPAN if axis == 0 else MIN_DEGREE_SPAN))
        view.setRange(xRange=ranges[0], yRange=ranges[1])
        # apply the new range now: applied while painting, it moves every item and makes the
        # plot paint twice
        scene = self.scene()
        if scene is not None:
            scene.prepareForPaint()

    def _empty_range(self, axis: int) -> tuple[float, float]:
        """Nothing measured yet: the last month, and the motion's usual degrees."""
        if axis == 0:
            now = timestamp(dt.datetime.now())
            return now - 30 * 24 * 3600.0, now + 24 * 3600.0
        spec = motion_spec(self.motion) if self.motion is not None else None
        return (0.0, spec.normal_end * 1.1) if spec is not None and spec.normal_end > 0 \
            else (0.0, 90.0)

    def _on_range_changed_manually(self, *_args: object) -> None:
        self._auto_fit = False  # the user's view stays until another patient or motion

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
        self._line_labels.clear()
        mine = series_of(record.readings, motion).values()  # each in time order
        if mine:
            start = min(values[0].taken_on for values in mine) - dt.timedelta(days=14)
            end = max(max(values[-1].taken_on for values in mine),
                      dt.date.today()) + dt.timedelta(days=7)
        else:
            end = dt.date.today()
            start = end - dt.timedelta(days=90)
        band_color = QColor(colors.NORMAL_BAND)
        band_color.setAlpha(40)
        self._decor_x, self._decor_y = None, None
        for segment in normal_band(record.patient, motion, start, end):
            x = np.array([timestamp(segment.start), timestamp(segment.end)])
            low = pg.PlotCurveItem(x, np.array([segment.low] * 2), pen=pg.mkPen(None))
            high_value = segment.high if segment.high > segment.low else segment.low + 0.6
            self._decor_x = _union(self._decor_x, (float(x[0]), float(x[1])))
            self._decor_y = _union(self._decor_y, (segment.low, high_value))
            high = pg.PlotCurveItem(x, np.array([high_value] * 2),
                                    pen=pg.mkPen(colors.NORMAL_BAND, width=1))
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(band_color))
            words = labels()
            fill.setToolTip(words("normal for age ({band})", band=words("{span} ({label})",
                                  span=f"{words.number(segment.low)}–"
                                       f"{words.degrees(segment.high)}",
                                  label=words(segment.label))))
            for decor in (low, high, fill):
                item.addItem(decor)
                self._decor.append(decor)
        for goal in record.goals:
            if goal.motion != motion:
                continue
            self._decor_y = _union(self._decor_y, (goal.target_degrees,) * 2)
            line = pg.InfiniteLine(
                pos=goal.target_degrees, angle=0,
                pen=pg.mkPen(colors.GOAL, width=1.5, style=Qt.PenStyle.DashLine),
                label=None if self.compact else labels()(
                    "goal {degrees} {label}", degrees=labels().degrees(goal.target_degrees),
                    label=goal.label),
                labelOpts={"position": 0.02, "color": colors.GOAL, "anchors": [(0, 1), (0, 1)]},
            )
            item.addItem(line)
            self._decor.append(line)
            if _label_of(line) is not None:
                self._line_labels.append((line, "left"))
        if not self.compact:
            # the patient's own activities (walking and a deep squat when none was chosen)
            for target in targets_for_activities(record.patient.activities, motion):
                self._decor_y = _union(self._decor_y, (target.degrees_needed,) * 2)
                line = pg.InfiniteLine(
                    pos=target.degrees_needed, angle=0,
                    pen=pg.mkPen(colors.TARGET, width=1, style=Qt.PenStyle.DotLine),
                    label=target.describe(labels()),
                    labelOpts={"position": 0.98, "color": colors.TARGET,
                               "anchors": [(1, 1), (1, 1)]},
                )
                item.addItem(line)
                self._decor.append(line)
                self._line_labels.append((line, "right"))
        tx_color = QColor(colors.TREATMENT)
        for treatment in record.treatments:
            label = labels()(treatment.kind.label)
            if treatment.end_date and treatment.end_date > treatment.start_date:
                tx_color.setAlpha(45)
                region = pg.LinearRegionItem(
                    values=(timestamp(treatment.start_date), timestamp(treatment.end_date)),
                    movable=False, brush=pg.mkBrush(tx_color), pen=pg.mkPen(None),
                )
                region.setZValue(-20)
                self._decor_x = _union(self._decor_x, region.getRegion())
                region.setToolTip(f"{label}: " + labels()(
                    "{start} to {end}", start=shown_date(treatment.start_date),
                    end=shown_date(treatment.end_date)))
                item.addItem(region)
                self._decor.append(region)
            self._decor_x = _union(self._decor_x, (timestamp(treatment.start_date),) * 2)
            line = pg.InfiniteLine(
                pos=timestamp(treatment.start_date), angle=90,
                pen=pg.mkPen(colors.TREATMENT, width=1.5),
                label=None if self.compact else label,
                # written down from the top of the plot (it ran up past the top, cut off)
                labelOpts={"position": 0.98, "color": colors.TREATMENT, "rotateAxis": (1, 0),
                           "anchors": [(1, 0), (1, 0)]},
            )
            item.addItem(line)
            self._decor.append(line)
        self._place_line_labels()

    def line_labels(self) -> list[pg.TextItem]:
        """The labels drawn on lines (goals, activities, treatments) — used by tests."""
        return [label for d in self._decor
                if isinstance(d, pg.InfiniteLine) and (label := _label_of(d)) is not None]

    def _place_line_labels(self, *_args: object) -> None:
        """Put each goal and activity label where it collides with no other label: above or
        below its line, at its own end first (goals left, activities right), then the other.
        A label with no free place is hidden; its line keeps the words as a tooltip."""
        view = self.getPlotItem().getViewBox()
        # inside the view box, and inside what the widget shows of it
        area = view.sceneBoundingRect().intersected(
            self.mapToScene(self.viewport().rect()).boundingRect())
        if area.width() <= 0 or area.height() <= 0:
            return
        taken = []
        for decor in self._decor:  # the treatments' labels stay where they are
            label = _label_of(decor) if isinstance(decor, pg.InfiniteLine) else None
            if label is not None and decor.angle == 90 and label.isVisible():
                decor.viewTransformChanged()
                label.viewTransformChanged()
                taken.append(label.sceneBoundingRect())
        ends = {"left": (0.02, 0.0), "right": (0.98, 1.0)}
        for line, end in self._line_labels:
            label = line.label  # a line is listed only with its label
            other = "right" if end == "left" else "left"
            line.viewTransformChanged()
            label.setVisible(True)
            for side, vertical in ((end, 1.0), (end, 0.0), (other, 1.0), (other, 0.0)):
                position, horizontal = ends[side]
                label.anchors = [(horizontal, vertical)] * 2
                label.orthoPos = position
                label.viewTransformChanged()  # its position and pixel-sized transform, now
                rect = label.sceneBoundingRect()
                if area.contains(rect) and not any(rect.intersects(r) for r in taken):
                    taken.append(rect)
                    line.setToolTip("")
                    break
            else:
                label.setVisible(False)
                line.setToolTip(label.toPlainText())

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


def _label_of(line: pg.InfiniteLine) -> pg.InfLineLabel | None:
    """The line's label; pyqtgraph gives a line made without one no attribute at all."""
    return getattr(line, "label", None)
