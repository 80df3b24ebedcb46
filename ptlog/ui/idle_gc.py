"""Cyclic garbage collected on the GUI thread, between events, never in the middle of one.

CPython runs its cyclic collector whenever allocations pass a threshold: in whichever thread
is allocating (a worker building a PDF or reading a patient) and in the middle of whatever it
is doing (pyqtgraph preparing a scene for painting). A cycle holding Qt objects is then torn
down off the GUI thread, or under a scene that is walking its items. A CI run crashed so: the
window's thread was collecting inside ``GraphicsScene.prepareForPaint`` while a worker built
a progress report. So, once the window is up, the automatic collector is off and this timer
on the GUI thread collects, generation by generation, when the collector's own thresholds
say it would have (what a start made is frozen first: ``app.collect_from_now``).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer, Signal

INTERVAL_MS = 1000  # a second of allocation between collections: a few MB at most


class IdleCollector(QObject):
    """Collects when due, from a timer of the thread it lives on (the GUI thread)."""

    collected = Signal(int)  # the oldest generation collected

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = False

    def start(self) -> None:
        """Automatic collection off; collect from the timer."""
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """The timer stopped; automatic collection as it was before ``start``."""
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def collect_due(self) -> int:
        """Collect the generations whose counts passed their thresholds, as the automatic
        collector would have; the oldest collected, or -1 if none was due."""
        first, second, third = gc.get_count()
        if first <= self._thresholds[0]:
            return -1
        generation = 0
        if second > self._thresholds[1]:
            generation = 2 if third > self._thresholds[2] else 1
        gc.collect(generation)
        self.collected.emit(generation)
        return generation


def collect_on_gui_thread(parent: QObject) -> IdleCollector:
    """Start an ``IdleCollector`` owned by ``parent`` (the application)."""
    collector = IdleCollector(parent)
    collector.start()
    return collector
