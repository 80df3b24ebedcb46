"""Windows and dialogs that fit the screen they open on: a 1366×768 clinic laptop, 150 %.

The window used to open at a fixed 1440×900 (2160×1350 device pixels at 150 %) and the report
preview at 820×960, so buttons sat below the screen's edge. Every top-level window passes here
when it is shown: no larger than the screen's available area, and inside it. ptlog's dialogs
are ``FittedDialog`` (fitted before they appear), the main window fits itself as it restores
its geometry, and Qt's own dialogs are fitted as they take the focus (``install``).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

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


class FittedDialog(QDialog):
    """A dialog fitted into the screen as it is shown (before it appears): every dialog of
    ptlog derives from it (a test walks them)."""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        fit_into_screen(self)
        super().showEvent(event)


#: menus, tool tips and calendar pop-ups place themselves
_NOT_FITTED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)


def _fit_focused(window: QWindow | None) -> None:
    """Qt's own dialogs (message boxes, file dialogs): fitted when they take the focus, just
    after they appear; ptlog's windows were fitted before."""
    app = QApplication.instance()
    widget = app.activeWindow() if isinstance(app, QApplication) else None
    if window is None or widget is None or widget.windowHandle() is not window:
        return
    if widget.windowType() not in _NOT_FITTED:
        fit_into_screen(widget)


def install(app: QGuiApplication) -> None:
    """Fit the windows of ``app`` that ptlog did not make itself (once per application).

    No application-wide event filter: it would bring every event of every widget through
    Python (about 150 million instructions of a start, and more in every repaint)."""
    if not app.property("ptlog_screen_fit"):
        app.setProperty("ptlog_screen_fit", True)
        app.focusWindowChanged.connect(_fit_focused)
