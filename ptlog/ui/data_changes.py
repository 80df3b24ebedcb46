"""The application's one change signal: what a use case or another workstation changed.

Whoever runs a use case announces its ``Changes``; live updates announce what other
workstations saved. Each panel listens and decides for itself what to refresh (Anki's
``operation_did_execute``), so no window wires reload chains by hand. Delivery is direct and on
the GUI thread; a panel that is deleted is disconnected by Qt.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

from ptlog.services.changes import Changes


class DataChanges(QObject):
    """Carries ``changed(changes, initiator)``; the initiator is who made them (None: elsewhere)."""

    #: (Changes, the object that ran the use case, or None for another workstation)
    changed = Signal(object, object)


_hub: DataChanges | None = None


def data_changes() -> DataChanges:
    """The one hub of this application (made on first use, owned by the QApplication)."""
    global _hub
    if _hub is None or not shiboken6.isValid(_hub):
        _hub = DataChanges(QCoreApplication.instance())
    return _hub


def announce(changes: Changes, initiator: object | None = None) -> None:
    """Tell every panel what changed; nothing is sent when nothing changed."""
    if changes:
        data_changes().changed.emit(changes, initiator)
