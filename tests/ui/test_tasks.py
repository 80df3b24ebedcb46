"""Background work: its result or error comes back on the GUI thread, and while it computes the
GUI thread is not kept waiting for the GIL longer than a fraction of a frame."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from ptlog.ui import tasks


@pytest.fixture
def python_default_switch_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's own default
    yield
    sys.setswitchinterval(before)


def test_the_result_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    threads: list[threading.Thread] = []
    got: list[int] = []

    def work() -> int:
        threads.append(threading.current_thread())
        return 42

    def done(value: int) -> None:
        threads.append(threading.current_thread())
        got.append(value)

    signals = tasks.run_in_background(work, done, lambda exc: None)
    with qtbot.waitSignal(signals.finished, timeout=5000):
        pass
    assert got == [42]
    assert threads[0] is not threading.main_thread()
    assert threads[1] is threading.main_thread()


def test_an_error_arrives_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def work() -> int:
        raise ValueError("the file is gone")

    signals = tasks.run_in_background(work, lambda value: None, errors.append)
    with qtbot.waitSignal(signals.failed, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["the file is gone"]


@pytest.mark.usefixtures("python_default_switch_interval")
def test_background_work_hands_the_gil_to_the_gui_thread_within_a_millisecond(
        qtbot) -> None:  # type: ignore[no-untyped-def]
    """Python's 5 ms default, paid at each of the GUI thread's calls into Python in a frame,
    made a 60,000-reading import stall the window 66–109 ms (benchmark session, quiet
    machine); at 1 ms the longest gap was the GUI thread's own 31–35 ms."""
    assert sys.getswitchinterval() == pytest.approx(0.005)
    signals = tasks.run_in_background(lambda: sys.getswitchinterval(), lambda value: None,
                                      lambda exc: None)
    with qtbot.waitSignal(signals.finished, timeout=5000):
        pass
    assert sys.getswitchinterval() <= tasks.GUI_SWITCH_INTERVAL == 0.001
