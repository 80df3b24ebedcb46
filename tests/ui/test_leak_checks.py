"""The suite's leak check (tests/conftest.py) fails a test that leaves Qt objects behind."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

LEAKY = textwrap.dedent("""
    import threading

    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QWidget

    KEEP = []


    def test_window_left_open(qtbot):
        widget = QWidget()
        widget.setWindowTitle("forgotten")
        widget.show()
        KEEP.append(widget)


    def test_timer_left_running(qtbot):
        timer = QTimer()
        timer.setObjectName("ticker")
        timer.start(1000)
        KEEP.append(timer)


    def test_thread_left_running(qtbot):
        stop = threading.Event()

        class Spin(QThread):
            def run(self):
                stop.wait(3)

        thread = Spin()
        thread.start()
        KEEP.append((thread, stop))


    def test_tidy(qtbot):
        widget = QWidget()
        qtbot.addWidget(widget)
        widget.show()
        timer = QTimer(widget)
        timer.start(1000)
""")


@pytest.mark.slow
def test_leaks_fail_the_test_that_made_them(pytester: pytest.Pytester) -> None:
    conftest = Path(__file__).resolve().parent.parent / "conftest.py"
    pytester.makeconftest(conftest.read_text(encoding="utf-8"))
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-o", "qt_api=pyside6")
    result.assert_outcomes(passed=4, errors=3)
    result.stdout.fnmatch_lines([
        "*window left open: QWidget 'forgotten'*",
        "*timer still active: ticker*",
        "*thread still running: Spin*",
    ])
