"""Trend-chart markers: one shape per series that draws what a shape per marker drew."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdftext import reader
from report_records import HIP_IR, build_record
from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Rect
from reportlab.lib import colors as rl
from reportlab.pdfgen.canvas import Canvas

from ptlog.domain.records import Side
from ptlog.reports.charts import trend_chart
from ptlog.reports.fast_markers import Markers, plain_markers

BLUE = rl.HexColor("#1F77B4")
_NUMBER = re.compile(r"-?\d*\.?\d+")
_MOVETO, _CURVETO, _CLOSEPATH = 0, 2, 3  # reportlab's Path operator codes


def page_stream(drawing: Drawing) -> str:
    """The uncompressed content stream of one page showing ``drawing``."""
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    contents = reader(out.getvalue()).pages[0].get_contents()
    assert contents is not None
    return str(contents.get_data().decode("latin-1"))


def numbers(text: str) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def painted_outline(stream: str) -> list[str]:
    """The path tokens of the last painted shape: after its dash reset (and its move to the
    point, if any), up to the painting operator."""
    body = stream[stream.rindex("[] 0 d") + len("[] 0 d"):].split()
    if "cm" in body:
        body = body[body.index("cm") + 1:]
    end = next(i for i, token in enumerate(body) if token in ("B", "B*"))
    return [token for token in body[:end] if token != "n"]


@pytest.mark.parametrize(("side", "per_point"), [(Side.LEFT, " c\n"), (Side.RIGHT, " re\n")])
def test_pdf_draws_one_marker_per_point(side: Side, per_point: str) -> None:
    points = [10.0, 20.0, 30.5, 40.25, 50.0, 60.0]
    ops = Markers(points, side, 4.125, BLUE).pdf_operators()
    placements = re.findall(r"q 1 0 0 1 (\S+) (\S+) cm", ops)
    assert [(float(x), float(y)) for x, y in placements] == [(10, 20), (30.5, 40.25), (50, 60)]
    assert ops.count("B Q") == 3
    assert ops.count(per_point) == 3 if side is Side.RIGHT else ops.count(per_point) == 12


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_marker_outline_is_what_a_shape_per_marker_drew(side: Side) -> None:
    """Same outline, colours, line width and paint as the Circle/Rect used before."""
    size = 4.125
    old = Drawing(100, 100)
    if side is Side.LEFT:
        old.add(Circle(0, 0, size / 2, fillColor=BLUE, strokeColor=BLUE))
    else:
        old.add(Rect(-size / 2, -size / 2, size, size, fillColor=BLUE, strokeColor=BLUE))
    new = Drawing(100, 100)
    new.add(Markers([0, 0], side, size, BLUE))
    old_stream, new_stream = page_stream(old), page_stream(new)
    old_path, new_path = painted_outline(old_stream), painted_outline(new_stream)
    assert [t for t in new_path if t.isalpha()] == [t for t in old_path if t.isalpha()]
    assert numbers(" ".join(new_path)) == pytest.approx(numbers(" ".join(old_path)), abs=1e-4)
    for state in (".121569 .466667 .705882 rg", ".121569 .466667 .705882 RG", "1 w", "[] 0 d"):
        assert state in new_stream


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_other_renderers_get_one_path_with_a_sub_path_per_point(side: Side) -> None:
    markers = Markers([10.0, 20.0, 30.0, 40.0], side, 4.0, BLUE)
    path = markers.as_path()
    assert path.operators.count(_MOVETO) == markers.count == 2
    assert path.operators.count(_CLOSEPATH) == 2
    if side is Side.LEFT:
        assert path.operators.count(_CURVETO) == 8
    drawing = Drawing(100, 100)
    drawing.add(markers)
    paths = re.findall(r'<path d="([^"]*)" style="([^"]*)"', renderSVG.drawToString(drawing))
    assert len(paths) == 1
    outline, style = paths[0]
    assert outline.count("M ") == 2
    assert "fill: rgb(12%,46%,70%)" in style
    assert "stroke: rgb(12%,46%,70%)" in style


def test_empty_series_draws_nothing() -> None:
    drawing = Drawing(100, 100)
    drawing.add(Markers([], Side.LEFT, 4.0, BLUE))
    stream = page_stream(drawing)
    after_state = stream[stream.rindex("[] 0 d"):].split()
    assert "cm" not in after_state
    assert "B" not in after_state


def test_chart_has_one_marker_shape_per_series_and_a_marker_per_reading() -> None:
    values = [(day * 7, 20 + day % 5, 30 - day % 4) for day in range(40)]
    chart = trend_chart(build_record(values), HIP_IR, width=480, height=190)
    markers = [node for node in chart.contents if isinstance(node, Markers)]
    legend = [m for m in markers if m.count == 1]
    series = [m for m in markers if m.count > 1]
    assert len(series) == 2  # left and right, seated active
    assert sorted(m.count for m in series) == [40, 40]
    assert len(legend) == 2
    stream = page_stream(chart)
    assert len(re.findall(r"^q 1 0 0 1 \S+ \S+ cm$", stream, re.MULTILINE)) == 82


def test_goal_and_target_captions_are_drawn_over_the_readings() -> None:
    from reportlab.graphics.shapes import PolyLine, String

    chart = trend_chart(build_record(), HIP_IR, width=480, height=190,
                        target=(30.0, "deep squat 30°"))
    contents = list(chart.contents)
    lines = [i for i, shape in enumerate(contents) if isinstance(shape, PolyLine)]
    captions = [i for i, shape in enumerate(contents)
                if isinstance(shape, String) and shape.text == "deep squat 30°"]
    assert lines
    assert captions
    last_series_markers = max(lines) + 1  # each series: its line, then its markers
    assert isinstance(contents[last_series_markers], Markers)
    assert min(captions) > last_series_markers


_COORD = st.floats(0, 500, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=40, deadline=None)
@given(x=_COORD, y=_COORD, size=st.floats(1, 12).map(lambda v: round(v, 3)),
       side=st.sampled_from([Side.LEFT, Side.RIGHT]))
def test_the_fast_marker_paints_the_plain_marker(x: float, y: float, size: float,
                                                 side: Side) -> None:
    """``Markers`` (reportlab's renderer bypassed) against ``plain_markers`` (a Circle or Rect
    through reportlab): the same path operators at the same place, in the same colours."""
    plain, fast = Drawing(600, 600), Drawing(600, 600)
    for shape in plain_markers([x, y], side, size, BLUE):
        plain.add(shape)
    fast.add(Markers([x, y], side, size, BLUE))
    plain_stream, fast_stream = page_stream(plain), page_stream(fast)
    placed = re.search(r"q 1 0 0 1 (\S+) (\S+) cm", fast_stream)
    assert placed is not None
    dx, dy = float(placed.group(1)), float(placed.group(2))
    fast_path, plain_path = painted_outline(fast_stream), painted_outline(plain_stream)
    assert [t for t in fast_path if t.isalpha()] == [t for t in plain_path if t.isalpha()]
    offsets = numbers(" ".join(fast_path))
    if side is Side.RIGHT:  # "x y w h re": the corner moves, the size does not
        moved = [offsets[0] + dx, offsets[1] + dy, *offsets[2:]]
    else:
        moved = [v + (dx if i % 2 == 0 else dy) for i, v in enumerate(offsets)]
    assert moved == pytest.approx(numbers(" ".join(plain_path)), abs=2e-3)
    for state in (".121569 .466667 .705882 rg", ".121569 .466667 .705882 RG"):
        assert state in fast_stream
        assert state in plain_stream


@settings(max_examples=40, deadline=None)
@given(points=st.lists(st.tuples(_COORD, _COORD), max_size=30),
       side=st.sampled_from([Side.LEFT, Side.RIGHT]))
def test_many_fast_markers_are_each_marker_in_turn(points: list[tuple[float, float]],
                                                   side: Side) -> None:
    flat = [v for point in points for v in point]
    together = Markers(flat, side, 4.0, BLUE).pdf_operators()
    one_by_one = [Markers([x, y], side, 4.0, BLUE).pdf_operators() for x, y in points]
    assert together == "\n".join(one_by_one)
    assert Markers(flat, side, 4.0, BLUE).count == len(plain_markers(flat, side, 4.0, BLUE))
