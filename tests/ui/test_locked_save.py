"""A save while another program holds the database's write lock: the window keeps running,
the typed values stay until the write succeeds, and then it is saved."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from ptlog.domain import records as d
from ptlog.store.readings import readings_for_patient
from tests.ui.conftest import find
from tests.ui.test_main_window import IR, type_left_ir

HOLD_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1])
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.rollback()
"""


def test_save_waits_for_the_lock_without_freezing_the_window(qtbot, window, ui_db,
                                                             patient_with_history) -> None:
    view = type_left_ir(qtbot, window, "33")
    field = view.entry.field(IR, d.Side.LEFT)
    path = ui_db.removeprefix("sqlite:///")
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, path, "1.5"],
                          stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        seen: list[tuple[str, str]] = []
        ticker = QTimer()
        ticker.setInterval(50)
        ticker.timeout.connect(lambda: seen.append(
            (field.text(), window.statusBar().currentMessage())))
        ticker.start()
        try:
            with qtbot.waitSignal(view.readings_saved, timeout=20_000):
                assert view.save_readings()
        finally:
            ticker.stop()
    # the event loop ran while the write waited: a frozen window fires no timer at all
    assert len(seen) >= 10, seen
    assert all(text == "33" for text, _ in seen)  # typed values stay until the write succeeds
    assert any("Saving the readings" in message for _, message in seen)
    assert QApplication.overrideCursor() is None
    assert field.text() == ""
    saved = [r.degrees for r in readings_for_patient(patient_with_history.id)]
    assert saved.count(33.0) == 1
    assert "Saved 1 reading" in find(window, "Entry status", QLabel).text()


def _while_locked(qtbot, path: str, seconds: str, action) -> list[str]:  # noqa: ANN001
    """Run ``action`` while another process holds the write lock; the status bar messages
    seen every 50 ms meanwhile (none: the window froze)."""
    seen: list[str] = []
    with subprocess.Popen([sys.executable, "-c", HOLD_LOCK, path, seconds],
                          stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        ticker = QTimer()
        ticker.setInterval(50)
        window = QApplication.activeWindow()
        ticker.timeout.connect(lambda: seen.append(
            window.statusBar().currentMessage() if window is not None else ""))
        ticker.start()
        try:
            action()
        finally:
            ticker.stop()
    return seen


@pytest.mark.slow
def test_archiving_and_settings_wait_for_the_lock_without_freezing(qtbot, window, ui_db,
                                                                    patient_with_history) -> None:
    from ptlog.services import patients as patient_service
    from ptlog.services import settings as clinic
    from ptlog.ui.settings_dialog import SettingsDialog
    from tests.ui.test_main_window import open_first

    open_first(qtbot, window)
    window.activateWindow()
    path = ui_db.removeprefix("sqlite:///")
    seen = _while_locked(qtbot, path, "1.0", window.toggle_archived)
    assert len(seen) >= 5, seen
    assert any("Archiving the patient" in message for message in seen)
    assert patient_service.get_patient(patient_with_history.id).archived

    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("Clinic under lock")
    seen = _while_locked(qtbot, path, "1.0", dialog.save)
    assert len(seen) >= 5, seen
    assert any("Saving the settings" in message for message in seen)
    assert clinic.clinic_settings().clinic_name == "Clinic under lock"
    assert QApplication.overrideCursor() is None
