"""Live view: learn off the GUI thread that another workstation saved readings.

The listener runs in a QThread of its own and emits ``readings_changed(patient_id)`` (0 means
"something changed, reload what you show") on the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from ptlog.services.change_feed import ChangeFeed

log = logging.getLogger(__name__)


class _ListenerThread(QThread):
    changed = Signal(int)

    def __init__(self, url: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener = ChangeFeed(url)

    def run(self) -> None:
        try:
            for changes in self._listener.changes(timeout_s=0.5):
                self.changed.emit(0 if changes.everything else min(changes.readings))
        except Exception:  # noqa: BLE001 - a lost server connection must not kill the window
            log.warning("live updates stopped: the change listener failed", exc_info=True)

    def stop(self) -> None:
        self._listener.stop()


class LiveUpdates(QObject):
    """Emits ``readings_changed(patient_id)`` when another connection saves readings."""

    #: id of the patient whose readings changed elsewhere; 0 when the source cannot tell
    readings_changed = Signal(int)

    def __init__(self, url: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._url = url
        self._thread = self._new_thread()
        app = QCoreApplication.instance()
        if app is not None:  # quitting with the window open must not leave the thread running
            app.aboutToQuit.connect(self.stop)

    def _new_thread(self) -> _ListenerThread:
        thread = _ListenerThread(self._url, self)
        thread.changed.connect(self.readings_changed)
        return thread

    def start(self) -> None:
        """Start listening; after ``stop()`` a fresh listener takes over."""
        if self._thread.isRunning():
            return
        if self._thread.isFinished():
            self._thread = self._new_thread()
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and wait for the thread (at most a few seconds)."""
        if self._thread.isRunning():
            self._thread.stop()
            self._thread.wait(5000)

    def is_running(self) -> bool:
        return self._thread.isRunning()
