"""Quitting with a window open and work still running ends the process cleanly (exit 0).

Run in a child process: a thread left running when Qt destroys it aborts the whole process
("QThread: Destroyed while thread is still running"), which no in-process test would survive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from ptlog.app import create_main_window
    from ptlog.ui import tasks

    db_url, marker, how = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    window = create_main_window(db_url)
    window.show()

    def slow_work() -> int:
        time.sleep(1.0)
        marker.write_text("finished")
        return 1

    def start() -> None:
        tasks.run_in_background(slow_work, lambda _n: None, lambda _e: None)
        assert window._live is not None and window._live.is_running()
        # exit() ends the loop without closing windows (a session ending); quit() closes them
        QTimer.singleShot(100, (lambda: app.exit(0)) if how == "exit" else app.quit)

    QTimer.singleShot(200, start)
    code = app.exec()
    import shiboken6
    shiboken6.delete(window)  # what the interpreter does to an unreferenced window
    sys.exit(code)
""")


@pytest.mark.slow
@pytest.mark.parametrize("how", ["exit", "quit"])
def test_quitting_with_a_window_open_and_work_running_exits_0(tmp_path: Path, how: str) -> None:
    db_url = f"sqlite:///{tmp_path / 'ptlog.db'}"
    marker = tmp_path / "work-finished"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "d"),
           "XDG_CONFIG_HOME": str(tmp_path / "c")}
    result = subprocess.run([sys.executable, "-c", CHILD, db_url, str(marker), how],
                            capture_output=True, text=True, timeout=120, env=env, check=False)
    assert "Destroyed while thread" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert marker.read_text() == "finished"  # the running work was waited for, not cut off
