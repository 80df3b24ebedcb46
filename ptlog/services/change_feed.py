"""Changes other workstations make, as they happen (PostgreSQL NOTIFY, or SQLite polling)."""

from __future__ import annotations

from collections.abc import Iterator

from ptlog.services.changes import Changes
from ptlog.store.change_notifications import ChangeListener


class ChangeFeed:
    """Yields what another connection changed; stop() ends the iteration within ``timeout_s``."""

    def __init__(self, url: str | None = None) -> None:
        self._listener = ChangeListener(url)

    def stop(self) -> None:
        self._listener.stop()

    def changes(self, timeout_s: float = 0.5) -> Iterator[Changes]:
        for patient_id in self._listener.events(timeout_s=timeout_s):
            yield Changes.all() if patient_id == 0 else Changes.of(readings=[patient_id])
