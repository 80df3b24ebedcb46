"""Cyclic garbage is collected on the GUI thread, from its event loop (``ui.idle_gc``)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication

from ptlog.ui.idle_gc import IdleCollector


class _Cycle:
    """An object in a reference cycle that notes, when collected, on which thread."""

    finalized_on: list[str] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.finalized_on.append(threading.current_thread().name)


def test_cycles_made_by_a_worker_are_collected_on_the_gui_thread(qtbot) -> None:
    before = gc.isenabled()
    collector = IdleCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        gc.collect()
        _Cycle.finalized_on.clear()

        def make_garbage() -> None:  # far past the youngest generation's threshold
            for _ in range(gc.get_threshold()[0] * 5):
                _Cycle()

        worker = threading.Thread(target=make_garbage, name="worker")
        worker.start()
        worker.join()
        assert _Cycle.finalized_on == []  # nothing collected where it was made
        qtbot.waitUntil(lambda: bool(_Cycle.finalized_on), timeout=5000)  # the event loop
        assert set(_Cycle.finalized_on) == {threading.main_thread().name}
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.isenabled() == before  # given back as it was


def test_nothing_is_collected_while_nothing_is_due(qtbot) -> None:
    collector = IdleCollector()
    collector.start()
    try:
        gc.collect()
        assert collector.collect_due() == -1
    finally:
        collector.stop()
        collector.deleteLater()


def test_the_window_start_hands_collection_to_the_gui_thread(qtbot) -> None:
    from ptlog.app import collect_from_now

    was_enabled = gc.isenabled()
    app = QCoreApplication.instance()
    already = set(app.findChildren(IdleCollector))  # the suite's own (conftest)
    collect_from_now()
    collectors = [c for c in app.findChildren(IdleCollector) if c not in already]
    try:
        assert collectors
        assert not gc.isenabled()
    finally:
        gc.unfreeze()
        for collector in collectors:
            collector.stop()
            collector.setParent(None)
            collector.deleteLater()
        if not was_enabled:  # the suite's own collector (conftest) keeps it off
            gc.disable()
