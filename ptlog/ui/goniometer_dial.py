"""A protractor dial that draws the value being typed, the normal arc and the other side."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ptlog.domain import colors
from ptlog.ui.translations import labels


class GoniometerDial(QWidget):
    """0° points right along the fixed arm; the moving arm sweeps counter-clockwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Goniometer dial")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(200, 130)
        self.title = ""
        self.side = "L"
        self.value: float | None = None
        self.other_value: float | None = None
        self.normal: tuple[float, float] | None = None
        self.scale_max = 180.0

    def sizeHint(self) -> QSize:
        return QSize(280, 170)

    def set_reading(
        self,
        title: str,
        side: str,
        value: float | None,
        other_value: float | None,
        normal: tuple[float, float] | None,
        scale_max: float,
    ) -> None:
        self.title = title
        self.side = side
        self.value = value
        self.other_value = other_value
        self.normal = normal
        self.scale_max = 90.0 if scale_max <= 90 else 180.0
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        if self.value is None:
            return f"{self.title}: no value"
        return f"{self.title} {'left' if self.side == 'L' else 'right'}: {self.value:g}°"

    def angle_for(self, degrees: float) -> float:
        """Screen angle (degrees from the fixed arm) drawn for ``degrees`` of motion."""
        clamped = max(-30.0, min(self.scale_max, degrees))
        return clamped * 180.0 / self.scale_max

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_color = palette.windowText().color()
        w, h = self.width(), self.height()
        radius = max(40.0, min(w / 2 - 16, h - 44))
        center = QPointF(w / 2, h - 26)
        rect = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)

        # protractor face
        painter.setPen(QPen(text_color, 1.2))
        face = QColor(palette.base().color())
        painter.setBrush(face)
        painter.drawPie(rect, 0, 180 * 16)
        # normal arc
        if self.normal is not None:
            band = QColor(colors.NORMAL_BAND)
            band.setAlpha(70)
            start = self.angle_for(self.normal[0])
            span = max(2.0, self.angle_for(self.normal[1]) - start)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(band)
            inner = radius * 0.62
            path = QPainterPath()
            path.arcMoveTo(rect, start)
            path.arcTo(rect, start, span)
            small = QRectF(center.x() - inner, center.y() - inner, 2 * inner, 2 * inner)
            path.arcTo(small, start + span, -span)
            path.closeSubpath()
            painter.drawPath(path)
        # ticks every 10°, labels every 30°
        painter.setPen(QPen(text_color, 1))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        step = 10 if self.scale_max == 180 else 5
        for tick in range(0, int(self.scale_max) + 1, step):
            a = math.radians(self.angle_for(tick))
            major = tick % (30 if self.scale_max == 180 else 15) == 0
            r1 = radius * (0.86 if major else 0.92)
            p1 = QPointF(center.x() + r1 * math.cos(a), center.y() - r1 * math.sin(a))
            p2 = QPointF(center.x() + radius * math.cos(a), center.y() - radius * math.sin(a))
            painter.drawLine(p1, p2)
            if major:
                rl = radius * 0.76
                label_pos = QPointF(center.x() + rl * math.cos(a), center.y() - rl * math.sin(a))
                painter.drawText(QRectF(label_pos.x() - 14, label_pos.y() - 8, 28, 16),
                                 Qt.AlignmentFlag.AlignCenter, f"{tick}")
        # fixed arm
        painter.setPen(QPen(text_color, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(center, QPointF(center.x() + radius, center.y()))
        # other side (thin, dashed) then this side (thick)
        other_color = QColor(colors.side_color("R" if self.side == "L" else "L"))
        if self.other_value is not None:
            self._draw_arm(painter, center, radius * 0.95, self.other_value, other_color, 2,
                           Qt.PenStyle.DashLine)
        if self.value is not None:
            self._draw_arm(painter, center, radius, self.value,
                           QColor(colors.side_color(self.side)), 4, Qt.PenStyle.SolidLine)
        painter.setBrush(text_color)
        painter.drawEllipse(center, 4, 4)
        # caption
        painter.setPen(text_color)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        words = labels()
        side_word = words("Left") if self.side == "L" else words("Right")
        caption = f"{self.title} — {side_word}" if self.title else self.tr("Goniometer")
        if self.value is not None:
            caption += f": {words.degrees(self.value)}"
        painter.drawText(QRectF(0, h - 22, w, 20), Qt.AlignmentFlag.AlignCenter, caption)
        painter.end()

    def _draw_arm(self, painter: QPainter, center: QPointF, length: float, degrees: float,
                  color: QColor, width: float, style: Qt.PenStyle) -> None:
        a = math.radians(self.angle_for(degrees))
        painter.setPen(QPen(color, width, style, Qt.PenCapStyle.RoundCap))
        painter.drawLine(center, QPointF(center.x() + length * math.cos(a),
                                         center.y() - length * math.sin(a)))
