"""Deferred GUI work, one piece per turn of the event loop.

Work that can wait (the small multiples of a patient just opened, the Treatments tab built
ahead) was scheduled with 0 ms timers of its own: timers that fall due together run in the same
turn, so two such pieces (a small multiple and the comparison panel, 40 ms each) held the window
as one. Here every piece waits in one queue and a single timer runs the next only after the
event loop has turned once more (painted, taken keys, served the timers that fell due meanwhile).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import isValid


class IdleQueue(QObject):
    """Runs queued callables one per turn, in the order queued; a job whose owner (a widget)
    was deleted meanwhile is dropped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: deque[tuple[QObject, Callable[[], object]]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    def add(self, owner: QObject, job: Callable[[], object]) -> None:
        self._jobs.append((owner, job))
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> int:
        return len(self._jobs)

    def _run_one(self) -> None:
        while self._jobs:
            owner, job = self._jobs.popleft()
            if isValid(owner):
                try:
                    job()
                finally:
                    # started after the job: timers that fell due during it run first
                    if self._jobs:
                        self._timer.start()
                return


_queue: IdleQueue | None = None


def later(owner: QObject, job: Callable[[], object]) -> None:
    """Run ``job`` in a later turn of the event loop, after the work queued before it, one
    piece per turn; never if ``owner`` is deleted first."""
    global _queue
    if _queue is None or not isValid(_queue):
        _queue = IdleQueue(QCoreApplication.instance())
    _queue.add(owner, job)
