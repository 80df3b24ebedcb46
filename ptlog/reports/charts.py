"""Vector charts for the PDFs (reportlab.graphics), in the screen's left/right colours.

Each series (side + position + mode) is its own line and never joined with another; the age
band, goals and treatments are drawn the way the trend plot shows them on screen.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors as rl
from reportlab.pdfbase import pdfmetrics

from ptlog.domain import colors
from ptlog.domain.exercises import FIGURE_HEIGHT, FIGURE_WIDTH, GHOST, Exercise
from ptlog.domain.i18n import Translator, english
from ptlog.domain.records import (
    Mode,
    MotionKey,
    PatientRecord,
    Position,
    Reading,
    SeriesKey,
)
from ptlog.domain.series import normal_band, split_series
from ptlog.domain.targets import FunctionalTarget
from ptlog.reports.fast_markers import Markers
from ptlog.reports.fonts import BOLD, REGULAR, register_fonts

# position → dash pattern, so series stay apart in black-and-white prints too
_DASHES: dict[Position, list[float] | None] = {
    Position.SEATED: None,
    Position.PRONE: [4, 2],
    Position.SUPINE: [1.5, 1.5],
    Position.STANDING: [6, 2, 1.5, 2],
}


def drawn(text: str) -> str:
    """A text drawn as one line: soft hyphens (the catalogs' break points for long words in
    paragraphs) would show as hyphens in a drawing."""
    return text.replace("\u00ad", "")


def series_caption(key: SeriesKey, tr: Translator | None = None) -> str:
    tr = tr or english()
    return tr("{side}, {position} {mode}", side=tr(key.side.label),
              position=tr(key.position.value), mode=tr(key.mode.value))


def _color(hex_code: str, alpha: float | None = None) -> rl.Color:
    c = rl.HexColor(hex_code)
    if alpha is None:
        return c
    return rl.Color(c.red, c.green, c.blue, alpha=alpha)


def _nice_step(span: float, ticks: int) -> float:
    raw = span / max(ticks, 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _month_ticks(start: dt.date, end: dt.date, max_ticks: int) -> list[dt.date]:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    every = max(1, math.ceil(months / max_ticks))
    ticks = []
    year, month = start.year, start.month
    if start.day > 1:
        month += 1
    index = 0
    while True:
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = dt.date(year, month, 1)
        if day > end:
            break
        if index % every == 0:
            ticks.append(day)
        index += 1
        month += 1
    return ticks


def _legend_columns(plot_w: float, font_size: float) -> int:
    """As many legend columns as fit captions of ~32 characters at this font size."""
    needed = 32 * font_size * 0.56 + 22
    return max(1, min(3, int(plot_w // needed)))


def trend_chart(
    record: PatientRecord,
    motion: MotionKey,
    *,
    width: float,
    height: float,
    font_size: float = 7.5,
    series_filter: Sequence[SeriesKey] | None = None,
    show_treatments: bool = True,
    show_goals: bool = True,
    target: tuple[float, str] | None = None,
    activity_targets: Sequence[FunctionalTarget] = (),
    tr: Translator | None = None,
) -> Drawing:
    """One motion over time: every series as its own line, age band, goals and treatments."""
    register_fonts()
    tr = tr or english()
    readings = [r for r in record.readings if r.motion == motion and r.is_current]
    groups = split_series(readings)
    if series_filter is not None:
        groups = {k: v for k, v in groups.items() if k in series_filter}
    keys = sorted(groups, key=lambda k: (k.side.value, k.position.value, k.mode.value))
    drawing = Drawing(width, height)
    columns = _legend_columns(width - font_size * 4.2 - 8.0, font_size)
    legend_rows = math.ceil((len(keys) + 2) / columns) if keys else 1
    legend_h = legend_rows * (font_size + 4) + 4
    left, right, top, bottom = font_size * 4.2, 8.0, 6.0, font_size * 2.2 + legend_h
    plot_w, plot_h = width - left - right, height - top - bottom
    if not readings:
        drawing.add(String(width / 2, height / 2, tr("no readings"), fontName=REGULAR,
                           fontSize=font_size, textAnchor="middle"))
        return drawing

    start = min(r.taken_on for r in readings) - dt.timedelta(days=10)
    end = max(r.taken_on for r in readings) + dt.timedelta(days=10)
    bands = normal_band(record.patient, motion, start, end)
    goals = [g for g in record.goals if g.motion == motion] if show_goals else []
    values = [r.degrees for r in readings] + [g.target_degrees for g in goals]
    values += [b.low for b in bands] + [b.high for b in bands]
    if target:
        values.append(target[0])
    values += [t.degrees_needed for t in activity_targets]
    step = _nice_step(max(values) - min(min(values), 0) or 10, 5)
    y_min = min(0.0, math.floor(min(values) / step) * step)
    y_max = math.ceil((max(values) + step * 0.3) / step) * step
    span_days = max((end - start).days, 1)

    def px(day: dt.date | dt.datetime) -> float:
        if isinstance(day, dt.datetime):
            days = (day - dt.datetime.combine(start, dt.time())).total_seconds() / 86400
        else:
            days = (day - start).days + 0.5
        return left + plot_w * days / span_days

    def py(value: float) -> float:
        return bottom + plot_h * (value - y_min) / (y_max - y_min)

    grey = rl.HexColor("#888888")
    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=grey,
                     strokeWidth=0.6))
    value = y_min
    while value <= y_max + 1e-9:
        y = py(value)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=rl.HexColor("#E4E4E4"),
                         strokeWidth=0.4))
        drawing.add(String(left - 3, y - font_size / 3, tr.degrees(value), fontName=REGULAR,
                           fontSize=font_size, textAnchor="end"))
        value += step
    for tick in _month_ticks(start, end, max(2, int(plot_w / (font_size * 6)))):
        x = px(tick)
        if x - left < font_size * 2.4 or left + plot_w - x < font_size * 2.4:
            continue  # a label at the very edge would run into the y axis or off the page
        drawing.add(Line(x, bottom, x, bottom - 2.5, strokeColor=grey, strokeWidth=0.6))
        drawing.add(String(x, bottom - font_size - 3, tr.month_year(tick), fontName=REGULAR,
                           fontSize=font_size, textAnchor="middle"))

    for band in bands:
        x0, x1 = px(band.start), px(band.end)
        y0, y1 = py(band.low), py(max(band.high, band.low + 0.6))
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=_color(colors.NORMAL_BAND, 0.16),
                         strokeColor=None))
        drawing.add(Line(x0, y1, x1, y1, strokeColor=_color(colors.NORMAL_BAND),
                         strokeWidth=0.6))

    if show_treatments:
        for number, treatment in enumerate(record.treatments, start=1):
            if treatment.start_date > end or treatment.effective_end < start:
                continue
            x0 = px(max(treatment.start_date, start))
            if treatment.end_date and treatment.end_date > treatment.start_date:
                x1 = px(min(treatment.end_date, end))
                drawing.add(Rect(x0, bottom, x1 - x0, plot_h, strokeColor=None,
                                 fillColor=_color(colors.TREATMENT, 0.14)))
            drawing.add(Line(x0, bottom, x0, bottom + plot_h,
                             strokeColor=_color(colors.TREATMENT), strokeWidth=1.1))
            drawing.add(String(x0 + 2, bottom + plot_h - font_size - 1,
                               tr("T{number}", number=number),
                               fontName=BOLD, fontSize=font_size,
                               fillColor=_color(colors.TREATMENT)))

    for activity in activity_targets:  # dotted, captioned at the left: goals sit at the right
        y = py(activity.degrees_needed)
        drawing.add(Line(left, y, left + plot_w, y, strokeColor=_color(colors.TARGET),
                         strokeWidth=0.8, strokeDashArray=[1.5, 2]))
        caption = activity.describe(tr)
        text_w = pdfmetrics.stringWidth(drawn(caption), REGULAR, font_size * 0.9)
        drawing.add(Rect(left + 2, y + 1, text_w + 3, font_size * 0.9 + 1,
                         fillColor=rl.Color(1, 1, 1, alpha=0.8), strokeColor=None))
        drawing.add(String(left + 3, y + 2, drawn(caption), fontName=REGULAR,
                           fontSize=font_size * 0.9, fillColor=_color(colors.TARGET)))
    lines = [(g.target_degrees,
              tr("goal {degrees} {label}", degrees=tr.degrees(g.target_degrees),
                 label=g.label).strip()) for g in goals]
    if target:
        lines.append(target)
    for degrees, _caption in lines:
        drawing.add(Line(left, py(degrees), left + plot_w, py(degrees),
                         strokeColor=_color(colors.GOAL), strokeWidth=1.1,
                         strokeDashArray=[5, 3]))

    marker = max(3.0, font_size * 0.55)
    for key in keys:
        color = _color(colors.side_color(key.side.value))
        points: list[float] = []
        for reading in groups[key]:
            points += [px(reading.taken_at), py(reading.degrees)]
        if len(points) >= 4:
            drawing.add(PolyLine(points, strokeColor=color, strokeWidth=1.3,
                                 strokeDashArray=_DASHES[key.position]))
        drawing.add(Markers(points, key.side, marker, color))

    for degrees, caption in lines:
        # drawn after the readings, on a light box at the right: data points never hide it
        y = py(degrees)
        text_w = pdfmetrics.stringWidth(drawn(caption), REGULAR, font_size)
        drawing.add(Rect(left + plot_w - text_w - 5, y + 1.5, text_w + 4, font_size + 1,
                         fillColor=rl.Color(1, 1, 1, alpha=0.85), strokeColor=None))
        drawing.add(String(left + plot_w - 3, y + 3, drawn(caption), fontName=REGULAR,
                           fontSize=font_size, textAnchor="end",
                           fillColor=_color(colors.GOAL)))

    # legend: one entry per series, then the band and the goal
    entries: list[tuple[str, str, SeriesKey | None]] = [
        (series_caption(k, tr), colors.side_color(k.side.value), k) for k in keys
    ]
    if bands:
        entries.append((tr("normal for age ({band})", band=tr(bands[-1].label)),
                        colors.NORMAL_BAND, None))
    if show_treatments and record.treatments:
        entries.append((tr("T = treatment start"), colors.TREATMENT, None))
    column_w = plot_w / columns
    for i, (caption, hex_code, entry_key) in enumerate(entries):
        row, col = divmod(i, columns)
        x = left + col * column_w
        y = bottom - font_size * 2.2 - 4 - row * (font_size + 4)
        c = _color(hex_code)
        if entry_key is not None:
            drawing.add(Line(x, y + font_size / 3, x + 16, y + font_size / 3, strokeColor=c,
                             strokeWidth=1.3, strokeDashArray=_DASHES[entry_key.position]))
            drawing.add(Markers([x + 8, y + font_size / 3], entry_key.side, marker, c))
        else:
            drawing.add(Rect(x, y, 16, font_size * 0.7, fillColor=_color(hex_code, 0.3),
                             strokeColor=c, strokeWidth=0.5))
        drawing.add(String(x + 20, y, drawn(caption), fontName=REGULAR, fontSize=font_size))
    return drawing


def main_series(readings: Sequence[Reading], motion: MotionKey) -> tuple[Position, Mode] | None:
    """The position and mode measured most often for a motion (the one a handout shows)."""
    counts: dict[tuple[Position, Mode], int] = {}
    for reading in readings:
        if reading.motion == motion and reading.is_current:
            pair = (reading.position, reading.mode)
            counts[pair] = counts.get(pair, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda pair: counts[pair])


def exercise_drawing(exercise: Exercise, width: float) -> Drawing:
    """The exercise's line figure scaled to ``width`` points (the same data as its SVG)."""
    scale = width / FIGURE_WIDTH
    height = FIGURE_HEIGHT * scale
    drawing = Drawing(width, height)
    ink, accent = rl.HexColor("#222222"), _color(colors.LEFT)

    def pt(x: float, y: float) -> tuple[float, float]:
        return x * scale, height - y * scale

    stroke = 3 * scale
    ghost = rl.HexColor(GHOST)
    for x1, y1, x2, y2 in exercise.figure.ghost_lines:  # the start position, under the end
        drawing.add(Line(*pt(x1, y1), *pt(x2, y2), strokeColor=ghost, strokeWidth=stroke,
                         strokeLineCap=1, strokeDashArray=[3 * scale, 2 * scale]))
    for x1, y1, x2, y2 in exercise.figure.lines:
        drawing.add(Line(*pt(x1, y1), *pt(x2, y2), strokeColor=ink, strokeWidth=stroke,
                         strokeLineCap=1))
    for cx, cy, r in exercise.figure.circles:
        drawing.add(Circle(*pt(cx, cy), r * scale, strokeColor=ink, strokeWidth=stroke,
                           fillColor=None))
    for x1, y1, x2, y2 in exercise.figure.bands:
        drawing.add(Line(*pt(x1, y1), *pt(x2, y2), strokeColor=accent, strokeWidth=2.5 * scale,
                         strokeDashArray=[4 * scale, 2 * scale]))
    for x1, y1, x2, y2 in exercise.figure.arrows:
        (ax, ay), (bx, by) = pt(x1, y1), pt(x2, y2)
        drawing.add(Line(ax, ay, bx, by, strokeColor=accent, strokeWidth=2 * scale))
        angle = math.atan2(by - ay, bx - ax)
        head = 5 * scale
        drawing.add(Polygon([
            bx + head * math.cos(angle), by + head * math.sin(angle),
            bx + head * math.cos(angle + 2.5), by + head * math.sin(angle + 2.5),
            bx + head * math.cos(angle - 2.5), by + head * math.sin(angle - 2.5),
        ], fillColor=accent, strokeColor=accent, strokeWidth=0.5))
    return drawing
