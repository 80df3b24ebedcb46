"""The live view hears another workstation's save, on PostgreSQL (NOTIFY) and SQLite (polling)."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest

from ptlog.domain import records as d
from ptlog.store import patients
from ptlog.ui.live_updates import LiveUpdates


def _save_from_another_process(url: str, patient_id: int) -> None:
    from ptlog.store.database import open_database
    from ptlog.store.readings import save_visit_readings

    open_database(url)
    reading = d.Reading(
        d.MotionKey("hip", "internal_rotation"), d.Side.RIGHT, d.Mode.ACTIVE, d.Position.PRONE,
        36, dt.datetime(2026, 4, 2, 10),
    )
    save_visit_readings(patient_id, [reading], visit_at=dt.datetime(2026, 4, 2, 10))


@pytest.mark.slow
def test_live_updates_signal_another_workstations_save(qtbot, db, db_url: str) -> None:
    patient = patients.add_patient(
        d.Patient("LV1", "Live", "Viktor", dt.date(1975, 6, 1), d.Sex.MALE)
    )
    live = LiveUpdates(db_url)
    live.start()
    try:
        qtbot.waitUntil(live.is_running, timeout=2000)
        qtbot.wait(1500)  # let LISTEN / the first poll happen before the other side saves
        with qtbot.waitSignal(live.readings_changed, timeout=10_000) as blocker:
            ctx = multiprocessing.get_context("spawn")
            child = ctx.Process(target=_save_from_another_process, args=(db_url, patient.id))
            child.start()
            child.join(30)
            assert child.exitcode == 0
        if db_url.startswith("postgresql"):
            assert blocker.args == [patient.id]
    finally:
        live.stop()
    assert not live.is_running()
