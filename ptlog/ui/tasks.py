"""Run slow work off the GUI thread; deliver the result or the error on the GUI thread.

``run_in_background(work, on_done, on_error)`` is generic over the result: ``on_done`` gets
exactly what ``work`` returned, with its type. Work still running when the application quits
is waited for (``aboutToQuit``), so no worker outlives the event loop.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QStatusBar, QWidget

T = TypeVar("T")

#: how long quitting waits for work still running (an import can take this long)
QUIT_WAIT_MS = 60_000
#: How long a worker computing in Python keeps the GIL from a thread that asks for it
#: (seconds; Python's default is 5 ms). The GUI thread asks each time Qt calls into Python
#: (a timer, a signal, a paint), several times a frame: at 5 ms a wait each, a frame during an
#: import or a comparison could take 50 ms or more. At 1 ms the waits stay within a frame.
#: The worker pays only while the GUI thread runs Python too (a hand-over costs microseconds);
#: the 60,000-reading import of the benchmark's session took the same 0.7 s either way.
GUI_SWITCH_INTERVAL = 0.001


class _Signals(QObject):
    """Lives on the GUI thread; queued signals carry the end of the job back to it.

    Owned by the application (its parent) and deleted with ``deleteLater`` once the job's end
    is handled, never with a Python reference that a pool thread lets go of last."""

    finished = Signal()
    failed = Signal(object)


class _Outcome(Generic[T]):
    """What the worker produced, read on the GUI thread once ``finished`` arrives."""

    def __init__(self) -> None:
        self._values: list[T] = []  # empty until the work returned (None is a result too)

    def keep(self, value: T) -> None:
        self._values.append(value)

    @property
    def value(self) -> T:
        return self._values[0]


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], outcome: _Outcome[T], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._outcome = outcome
        self._signals = signals

    def run(self) -> None:
        """``work``, then its end sent to the GUI thread. What ``work`` holds (a dialog that
        asked for it, say) is let go of here before the end is sent: the GUI thread may drop
        its own references as soon as it has the end, and a widget's last reference must not
        be let go of on this thread (a widget destroyed off the GUI thread: a crash)."""
        from ptlog.services.session import close_thread_connection

        work, outcome, signals = self._work, self._outcome, self._signals
        del self._work, self._outcome
        try:
            value = work()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread as is
            del work
            close_thread_connection()  # pool threads live on; their connection need not
            signals.failed.emit(exc)
        else:
            del work
            outcome.keep(value)
            del value, outcome
            close_thread_connection()
            signals.finished.emit()


_live: set[_Signals] = set()


def run_in_background(
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
) -> _Signals:
    """Start ``work`` on the global thread pool; callbacks run on the GUI thread (queued)."""
    _wait_on_quit()
    if sys.getswitchinterval() > GUI_SWITCH_INTERVAL:
        sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    signals = _Signals(QCoreApplication.instance())
    outcome: _Outcome[T] = _Outcome()
    _live.add(signals)

    def ended() -> None:
        _live.discard(signals)
        signals.deleteLater()  # on this (the GUI) thread, once the handler has returned

    def done() -> None:
        ended()
        on_done(outcome.value)

    def failed(exc: BaseException) -> None:
        ended()
        on_error(exc)

    signals.finished.connect(done)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, outcome, signals))
    return signals


def import_in_background(name: str, on_done: Callable[[ModuleType], None]) -> None:
    """Import module ``name`` on a pool thread (the big ones held the window 80-130 ms), then,
    on the GUI thread, set what it made aside from the collector as the start's was
    (``gc.freeze``: classes and functions kept for good, which every full collection on the
    GUI thread would otherwise walk again) and call ``on_done``. A failed import is left to
    the first use, which imports the module again and meets the error there."""

    def imported(module: ModuleType) -> None:
        gc.freeze()
        on_done(module)

    run_in_background(lambda: importlib.import_module(name), imported, lambda _exc: None)


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Block until every background job finished (used on close and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def _wait_on_quit() -> None:
    """Once per application: quitting waits for running work instead of leaving it behind."""
    app = QCoreApplication.instance()
    if app is not None and not app.property("ptlog_tasks_wait_on_quit"):
        app.setProperty("ptlog_tasks_wait_on_quit", True)
        app.aboutToQuit.connect(lambda: wait_for_background(QUIT_WAIT_MS))


def run_and_wait(work: Callable[[], T], *, busy: QWidget | None = None,
                 text: str = "Saving…") -> T:
    """Run a write off the GUI thread and wait for it without freezing the window.

    The window keeps painting (and live updates keep arriving) while ``work`` waits for a
    locked database; keys and clicks are held back until it is done, so nothing typed can
    change under the write. ``busy`` shows ``text`` in the status bar of its window and a busy
    cursor meanwhile. Returns what ``work`` returned, or raises what it raised.
    """
    outcome: _Outcome[T] = _Outcome()
    errors: list[BaseException] = []
    loop = QEventLoop()

    def done(value: T) -> None:
        outcome.keep(value)
        loop.quit()

    def failed(exc: BaseException) -> None:
        errors.append(exc)
        loop.quit()

    bar = _status_bar(busy)
    if bar is not None:
        bar.showMessage(text)
    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        run_in_background(work, done, failed)
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        QApplication.restoreOverrideCursor()
        if bar is not None and bar.currentMessage() == text:
            bar.clearMessage()
    if errors:
        raise errors[0]
    return outcome.value


def _status_bar(widget: QWidget | None) -> QStatusBar | None:
    window = widget.window() if widget is not None else None
    return window.statusBar() if isinstance(window, QMainWindow) else None
