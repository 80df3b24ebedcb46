"""Run slow work off the GUI thread; deliver the result or the error on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self.signals = signals

    def run(self) -> None:
        from ptlog.services.session import close_thread_connection

        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread as is
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)
        finally:
            close_thread_connection()  # pool threads live on; their connection need not


_live: set[_Signals] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> _Signals:
    """Start ``work`` on the global thread pool; callbacks run on the GUI thread (queued)."""
    signals = _Signals()
    _live.add(signals)

    def done(result: Any) -> None:
        _live.discard(signals)
        on_done(result)

    def failed(exc: BaseException) -> None:
        _live.discard(signals)
        on_error(exc)

    signals.finished.connect(done)
    signals.failed.connect(failed)
    QThreadPool.globalInstance().start(_Job(work, signals))
    return signals


def wait_for_background(timeout_ms: int = 30_000) -> bool:
    """Block until every background job finished (used on close and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
