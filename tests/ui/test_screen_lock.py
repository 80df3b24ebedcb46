"""The window locks itself when left alone, hides patient data, and keeps what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from ptlog.domain.screen_lock import ScreenLockSettings, hash_pin, pin_matches
from ptlog.services import settings as clinic
from tests.ui.conftest import find
from tests.ui.test_main_window import open_first


def test_pin_is_stored_as_a_salted_hash() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first["salt"] != second["salt"]
    assert first["hash"] != second["hash"]
    assert "4711" not in str(first)
    assert pin_matches("4711", first)
    assert not pin_matches("4712", first)


def test_idle_window_locks_and_the_pin_unlocks_with_typed_values_kept(qtbot, window) -> None:
    clinic.save_screen_lock(ScreenLockSettings(10, hash_pin("2468")))
    lock = window.screen_lock
    lock.reload()
    assert lock.timer.isActive()
    assert lock.timer.interval() == 10 * 60_000  # the default: ten minutes
    open_first(qtbot, window)
    field = find(window, "Hip internal rotation Left", QLineEdit)
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClicks(field, "33")
    lock.timer.setInterval(50)  # ten minutes, shortened for the test
    lock.timer.start()
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    cover = lock.cover
    assert cover.isVisible()
    # the cover follows the window's size (the platform may still be resizing it)
    qtbot.waitUntil(lambda: cover.geometry() == window.rect(), timeout=3000)
    assert not window.centralWidget().isEnabled()  # nothing under the cover takes input
    secret = find(window, "Unlock", QLineEdit)
    assert QApplication.focusWidget() is secret
    qtbot.keyClicks(secret, "1111")
    qtbot.keyClick(secret, Qt.Key.Key_Return)
    message = find(window, "Lock message", QLabel)
    qtbot.waitUntil(lambda: "not it" in message.text(), timeout=3000)
    assert lock.is_locked
    qtbot.waitUntil(secret.hasFocus, timeout=3000)
    with qtbot.waitSignal(lock.unlocked, timeout=3000):
        qtbot.keyClicks(secret, "2468")
        qtbot.keyClick(secret, Qt.Key.Key_Return)
    assert not cover.isVisible()
    assert window.centralWidget().isEnabled()
    assert field.text() == "33"  # the unsaved value survived the lock
    assert window.patient_view.has_unsaved_changes()
    assert lock.timer.isActive()


def test_zero_minutes_never_locks(qtbot, window) -> None:
    clinic.save_screen_lock(ScreenLockSettings(0, None))
    window.screen_lock.reload()
    assert not window.screen_lock.timer.isActive()
