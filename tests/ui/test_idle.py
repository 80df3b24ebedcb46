"""``idle.later``: deferred GUI work runs one piece per turn of the event loop, in order, and a
timer that fell due during a piece runs before the next piece (no timing asserted)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from shiboken6 import delete

from ptlog.ui import idle


def test_pieces_run_in_order_one_per_turn(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    ran: list[str] = []
    done = QTimer()  # fires when the last piece ran

    def first() -> None:
        ran.append("first")
        QTimer.singleShot(0, lambda: ran.append("timer due meanwhile"))

    idle.later(owner, first)
    idle.later(owner, lambda: ran.append("second"))
    idle.later(owner, lambda: (ran.append("third"), done.start(0)))
    with qtbot.waitSignal(done.timeout, timeout=5000):
        pass
    assert ran == ["first", "timer due meanwhile", "second", "third"]


def test_a_piece_whose_owner_was_deleted_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    kept, gone = QObject(), QObject()
    ran: list[str] = []
    done = QTimer()
    idle.later(gone, lambda: ran.append("gone"))
    idle.later(kept, lambda: (ran.append("kept"), done.start(0)))
    delete(gone)
    with qtbot.waitSignal(done.timeout, timeout=5000):
        pass
    assert ran == ["kept"]
