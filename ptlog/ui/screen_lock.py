"""The window locks itself when nobody has touched it for a while (automatic logoff).

A cover over the whole window hides patient data and asks for the clinic PIN (one workstation)
or the signed-in person's password (clinic server). Everything under it is only disabled, not
cleared: typed, unsaved values are there again after unlocking.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.services import settings as clinic
from ptlog.ui import tasks

_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.Wheel, QEvent.Type.TouchBegin}


class LockCover(QFrame):
    """What shows while the window is locked: no patient data, one field, one button."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel(self.tr("ptlog is locked"), self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setMinimumWidth(480)  # centred in the layout: a wrapped label needs a width
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Unlock")
        self.secret.setMaximumWidth(280)
        self.unlock_button = QPushButton(self.tr("Unlock"), self)
        self.unlock_button.setAccessibleName("Unlock button")
        self.message = QLabel(self)
        self.message.setAccessibleName("Lock message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.title, self.hint, self.secret, self.unlock_button, self.message):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()
        parent.installEventFilter(self)  # follow the window's size (a standard overlay)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class ScreenLock(QObject):
    """Watches the input of the application's windows; after ``idle_minutes`` without any,
    locks ``window``."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.cover = LockCover(window)
        self.cover.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.cover.secret.returnPressed.connect(self._on_unlock_clicked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._focus_before: QWidget | None = None
        self._disabled: list[QWidget] = []
        self._checking = False
        # input reaches a window's QWindow before any of its widgets: watching the windows
        # people type into sees every key and click, where an application-wide filter would
        # bring every event of every widget (paint, layout, polish) through Python first
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch)
            self._watch(app.focusWindow())
        self.reload()

    def reload(self) -> None:
        """Read the idle time from the clinic's settings (after Settings was saved)."""
        minutes = clinic.screen_lock_settings().idle_minutes
        if minutes <= 0:
            self.timer.stop()
        else:
            self.timer.setInterval(minutes * 60_000)
            if not self.is_locked:
                self.timer.start()

    @property
    def is_locked(self) -> bool:
        return self.cover.isVisible()

    def _watch(self, window: QWindow | None) -> None:
        """Count the input of ``window`` from when it first has the focus (keys go to the
        focused window; the main window has it from the start). Qt keeps one filter per
        object however often it is installed."""
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # every event of a watched window passes here: the running timer is asked first, the
        # event's type (a Python enum made for each call) only when the lock is on
        if self.timer.isActive() and self.timer.interval() > 0 and event.type() in _ACTIVITY \
                and not self.is_locked:
            self.timer.start()  # any input restarts the idle time
        return False

    def lock(self) -> None:
        if self.is_locked:
            return
        self._focus_before = QApplication.focusWidget()
        self._disabled = [w for w in (self.window.centralWidget(), self.window.menuBar())
                          if w is not None and w.isEnabled()]
        for widget in self._disabled:
            widget.setEnabled(False)
        server = clinic.signed_in_clinician()
        if server is not None:
            self.cover.hint.setText(self.tr("Type the password of {user} to go on.").format(
                user=server))
        elif clinic.screen_lock_settings().pin is not None:
            self.cover.hint.setText(self.tr("Type the clinic PIN to go on."))
        else:
            self.cover.hint.setText(self.tr(
                    "No clinic PIN is set (Settings → Security): press Unlock "
                    "to go on."))
        self.cover.message.clear()
        self.cover.secret.clear()
        self.cover.setGeometry(self.window.rect())
        self.cover.show()
        self.cover.raise_()
        self.cover.secret.setFocus()
        self.locked.emit()

    def _on_unlock_clicked(self) -> None:
        """Check the answer off the GUI thread: on a clinic server it is a fresh login, which a
        far or busy server may take seconds to answer."""
        if self._checking or not self.is_locked:
            return
        text = self.cover.secret.text()
        self.cover.secret.clear()
        self._set_checking(True)
        tasks.run_in_background(lambda: clinic.unlock_with(text), self._on_unlock_answer,
                                self._on_unlock_failed)

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.cover.secret.setEnabled(not checking)
        self.cover.unlock_button.setEnabled(not checking)
        self.cover.message.setText(self.tr("Checking…") if checking else "")

    def _on_unlock_failed(self, exc: BaseException) -> None:
        self._set_checking(False)
        self.cover.secret.setFocus()
        self.cover.message.setText(
            f"<span style='color:{colors.ALERT}'>✗ {html.escape(str(exc))}</span>")

    def _on_unlock_answer(self, accepted: bool) -> None:
        self._set_checking(False)
        if not accepted:
            self.cover.secret.setFocus()
            self.cover.message.setText(
                f"<span style='color:{colors.ALERT}'>✗ "
                + self.tr("That is not it. Try again.") + "</span>")
            return
        self.cover.hide()
        for widget in self._disabled:
            widget.setEnabled(True)
        self._disabled = []
        if self._focus_before is not None:
            self._focus_before.setFocus()
        self.reload()
        self.unlocked.emit()
