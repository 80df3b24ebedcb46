"""A save while another program holds the database's write lock: the window keeps running,
the typed values stay until the write succeeds, and then it is saved."""

from __future__ import annotations

import subprocess
import sys

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
