"""Chart markers drawn fast: the one place in reports/ that reaches into reportlab's renderer.

A trend chart of 5,000 readings has 5,000 markers. ``Markers`` draws a series' markers as one
shape; ``plain_markers`` is the plain way (a reportlab ``Circle`` or ``Rect`` per point) that it
must match, point for point (tests/reports/test_charts.py, a hypothesis property test).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.graphics.shapes import Circle, DirectDraw, Path, Rect, SolidShape
from reportlab.lib import colors as rl
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import FILL_NON_ZERO, PATH_OPS, Canvas
from reportlab.pdfgen.pdfgeom import bezierArc

from ptlog.domain.records import Side


def plain_markers(points: Sequence[float], side: Side, size: float, color: rl.Color
                  ) -> list[Circle | Rect]:
    """The reference: a circle (left) or square (right) of ``size`` at each (x, y) point."""
    half = size / 2
    pairs = [(points[i], points[i + 1]) for i in range(0, len(points), 2)]
    if side is Side.LEFT:
        return [Circle(x, y, half, fillColor=color, strokeColor=color) for x, y in pairs]
    return [Rect(x - half, y - half, size, size, fillColor=color, strokeColor=color)
            for x, y in pairs]


class Markers(SolidShape, DirectDraw):  # type: ignore[misc]  # reportlab has no hints
    """All markers of one series as one shape: left circles, right squares, so sides differ
    by shape, not colour alone.

    A reportlab shape per marker cost a graphics-state push, a save/restore and ~26 numbers
    formatted one call at a time (2,400 markers were half of a progress report's time). Here
    the PDF gets the marker's outline moved to each point (``q 1 0 0 1 x y cm … B Q``): each
    marker is still painted on its own, as before, and the repeated outline compresses to
    almost nothing. Renderers other than PDF get the same geometry as one reportlab ``Path``
    with a sub-path per point.
    """

    def __init__(self, points: Sequence[float], side: Side, size: float,
                 color: rl.Color) -> None:
        SolidShape.__init__(self, {"fillColor": color, "strokeColor": color})
        # private names: not graphics-state properties for the renderer
        self.__dict__.update(_points=list(points), _side=side, _size=size)

    @property
    def count(self) -> int:
        return len(self._points) // 2

    def outline(self) -> tuple[float, ...]:
        """The marker around (0, 0): a square's corner and size, or a circle as reportlab
        draws one (start point, then four Bézier quarters' control and end points)."""
        half = self._size / 2
        if self._side is Side.LEFT:
            return _circle_offsets(half)
        return (-half, -half, self._size, self._size)

    def pdf_operators(self, paint: str = "B") -> str:
        """The PDF operators that draw every marker, one translated outline per point."""
        shape = self.outline()
        if self._side is Side.LEFT:
            outline = "\n".join([f"{fp_str(*shape[:2])} m", *(
                f"{fp_str(*shape[k:k + 6])} c" for k in range(2, len(shape), 6))])
        else:
            outline = f"{fp_str(*shape)} re"
        template = f"q 1 0 0 1 %.3f %.3f cm\n{outline}\n{paint} Q"
        pts = self._points
        return "\n".join(template % (pts[i], pts[i + 1]) for i in range(0, len(pts), 2))

    def as_path(self) -> Path:
        """The same geometry as one reportlab Path, a sub-path per point."""
        path = Path(fillColor=self.fillColor, strokeColor=self.strokeColor,
                    strokeWidth=self.strokeWidth, fillMode=FILL_NON_ZERO)
        shape, pts = self.outline(), self._points
        for i in range(0, len(pts), 2):
            x, y = pts[i], pts[i + 1]
            if self._side is Side.LEFT:
                at = [v + (x if j % 2 == 0 else y) for j, v in enumerate(shape)]
                path.moveTo(*at[:2])
                for k in range(2, len(at), 6):
                    path.curveTo(*at[k:k + 6])
            else:
                x0, y0, w, h = x + shape[0], y + shape[1], shape[2], shape[3]
                path.moveTo(x0, y0)
                path.lineTo(x0 + w, y0)
                path.lineTo(x0 + w, y0 + h)
                path.lineTo(x0, y0 + h)
            path.closePath()
        return path

    def drawDirectly(self, renderer: Any) -> None:  # noqa: N802 - reportlab's name
        """Called by the renderer once it has set this shape's colours and line width."""
        canvas = getattr(renderer, "_canvas", None)
        if not isinstance(canvas, Canvas):
            renderer.drawNode(self.as_path())
        elif self._points:
            canvas.addLiteral(self.pdf_operators(
                PATH_OPS[renderer._stroke, renderer._fill, FILL_NON_ZERO]))


@cache
def _circle_offsets(radius: float) -> tuple[float, ...]:
    curves = bezierArc(-radius, -radius, radius, radius, 0, 360)
    return (*curves[0][:2], *[v for curve in curves for v in curve[2:]])
