"""Windows open inside the screen without an application-wide event filter: ptlog's dialogs
are fitted before they appear, Qt's own when they take the focus; the screen lock counts the
input of the windows people type into."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox

import ptlog.ui
from ptlog.ui import screen_fit
from ptlog.ui.screen_fit import FittedDialog


def _ptlog_dialog_classes() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(ptlog.ui.__path__, "ptlog.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_dialog_of_ptlog_is_fitted_before_it_appears() -> None:
    dialogs = _ptlog_dialog_classes()
    assert len(dialogs) >= 15  # the walk found them (import dialog, settings, preview, …)
    assert [cls.__name__ for cls in dialogs if not issubclass(cls, FittedDialog)] == []


def test_a_dialog_larger_than_the_screen_opens_inside_it(qtbot) -> None:
    dialog = FittedDialog()
    qtbot.addWidget(dialog)
    room = screen_fit.largest_size(dialog)
    dialog.resize(room.width() + 400, room.height() + 300)
    dialog.move(-50, -80)
    dialog.show()  # fitted in its show event: before it appears
    assert dialog.width() <= room.width()
    assert dialog.height() <= room.height()
    area = screen_fit.available_area(dialog)
    assert area.contains(dialog.frameGeometry().topLeft())


def test_qts_own_dialog_is_fitted_when_it_takes_the_focus(qtbot) -> None:
    app = QGuiApplication.instance()
    screen_fit.install(app)
    screen_fit.install(app)  # once per application
    box = QMessageBox(QMessageBox.Icon.Information, "ptlog", "A message")
    qtbot.addWidget(box)
    room = screen_fit.largest_size(box)
    box.setMinimumSize(QSize(0, 0))
    box.show()
    box.resize(room.width() + 300, room.height() + 200)
    box.activateWindow()
    qtbot.waitUntil(lambda: box.width() <= room.width() and box.height() <= room.height(),
                    timeout=3000)


def test_input_to_the_focused_window_restarts_the_idle_time(qtbot, window) -> None:
    lock = window.screen_lock
    lock.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one rounds remainingTime
    lock.timer.setInterval(600_000)
    lock.timer.start()
    handle = window.windowHandle()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is handle, timeout=3000)
    qtbot.waitUntil(lambda: lock.timer.remainingTime() < 600_000 - 30, timeout=3000)
    before = lock.timer.remainingTime()
    QTest.keyClick(handle, Qt.Key.Key_Shift)  # through the window, as a real key arrives
    assert lock.timer.remainingTime() > before
    qtbot.waitUntil(lambda: lock.timer.remainingTime() < 600_000 - 30, timeout=3000)
    before = lock.timer.remainingTime()
    QTest.mouseMove(handle, window.rect().center())
    assert lock.timer.remainingTime() > before
