"""Windows and dialogs that fit the screen they open on: a 1366×768 clinic laptop, 150 %.

The window used to open at a fixed 1440×900 (2160×1350 device pixels at 150 %) and the report
preview at 820×960, so buttons sat below the screen's edge. Every top-level window passes here
when it is shown: no larger than the screen's available area, and inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: room left for the window frame (title bar, borders) that the available area does not count
FRAME_ALLOWANCE = QSize(16, 40)


def available_area(widget: QWidget | None = None) -> QRect:
    """The available geometry (without task bars) of the widget's screen, else the primary."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def largest_size(widget: QWidget | None = None) -> QSize:
    """The largest client size whose framed window still fits the available area."""
    area = available_area(widget)
    return QSize(max(200, area.width() - FRAME_ALLOWANCE.width()),
                 max(200, area.height() - FRAME_ALLOWANCE.height()))


def preferred_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width``×``height`` where the screen allows, else what it allows."""
    room = largest_size(widget)
    return QSize(min(width, room.width()), min(height, room.height()))


def fit_into_screen(widget: QWidget) -> None:
    """Shrink the window to the available area (down to its minimum) and move it inside."""
    area = available_area(widget)
    room = largest_size(widget)
    size = widget.size()
    if size.width() > room.width() or size.height() > room.height():
        widget.resize(min(size.width(), room.width()), min(size.height(), room.height()))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))


class ScreenFitter(QObject):
    """Application-wide: each window or dialog is fitted into the screen as it is shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # every event of the application passes here: the cheap test first (most go to child
        # widgets), the event's type (a Python enum made for each call) only for windows
        if isinstance(watched, QWidget) and watched.isWindow() \
                and event.type() == QEvent.Type.Show and watched.windowType() not in _NOT_FITTED:
            fit_into_screen(watched)
        return False


#: menus, tool tips and calendar pop-ups place themselves
_NOT_FITTED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


def install(app: QObject) -> None:
    """Fit every window of ``app`` from now on (once per application)."""
    if app.findChild(ScreenFitter) is None:
        app.installEventFilter(ScreenFitter(app))
