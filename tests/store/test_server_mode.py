"""Clinic server helpers: connection test, URL building, change notifications."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from ptlog.domain import records as d
from ptlog.store import change_notifications, patients, readings, server


def test_build_url_never_holds_a_password() -> None:
    url = server.build_url("db.clinic", 5433, "ptlog", "ann", "require")
    assert url == "postgresql://ann@db.clinic:5433/ptlog?sslmode=require"
    assert server.build_url("", 5432, "ptlog", "", "prefer") == "postgresql://localhost:5432/ptlog"


def test_connection_report_refused_port() -> None:
    report = server.test_connection("postgresql://postgres@127.0.0.1:1/postgres", timeout_s=2)
    assert not report.ok
    assert "refused" in report.message.lower() or "cannot reach" in report.message.lower()


def test_connection_report_sqlite_url_is_not_a_server(sqlite_url: str) -> None:
    report = server.test_connection(sqlite_url)
    assert not report.ok
    assert "SQLite" in report.message
    from ptlog.domain.i18n import translator

    # the report carries its catalog message: Settings says it in the window's language
    assert translator("de").error_text(report) == "das ist eine SQLite-URL, kein Praxisserver"


@pytest.mark.postgres
def test_connection_report_ok(pg_server_url: str) -> None:
    report = server.test_connection(pg_server_url)
    assert report.ok, report.message
    assert "PostgreSQL" in report.message
    from ptlog.domain.i18n import translator

    assert translator("es").error_text(report).startswith("Conectado a PostgreSQL ")


def _save_one(patient_id: int, degrees: float) -> None:
    reading = d.Reading(
        d.MotionKey("hip", "internal_rotation"), d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED,
        degrees, dt.datetime(2026, 3, 1, 9),
    )
    readings.save_visit_readings(patient_id, [reading], visit_at=dt.datetime(2026, 3, 1, 9))


def _save_elsewhere(url: str, patient_id: int) -> None:
    from ptlog.store.database import open_database

    open_database(url)
    _save_one(patient_id, 33)


@pytest.mark.slow
def test_listener_hears_a_save_from_another_connection(db, db_url: str) -> None:
    patient = patients.add_patient(
        d.Patient("L1", "Listen", "Lena", dt.date(1990, 1, 1), d.Sex.FEMALE)
    )
    listener = change_notifications.ChangeListener(db_url)
    heard: list[int] = []
    ready = threading.Event()

    def listen() -> None:
        events = listener.events(timeout_s=0.2)
        ready.set()
        for patient_id in events:
            heard.append(patient_id)
            listener.stop()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    ready.wait(5)
    # give the listener time to LISTEN / take its first poll before the save
    threading.Event().wait(1.0 if db_url.startswith("postgresql") else 2.5)
    _save_one(patient.id or 0, 31)  # this process's own save is not news ...
    threading.Event().wait(1.0 if db_url.startswith("postgresql") else 2.5)
    assert heard == []
    import multiprocessing  # ... another process's is

    child = multiprocessing.get_context("spawn").Process(
        target=_save_elsewhere, args=(db_url, patient.id or 0))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    thread.join(timeout=15)
    listener.stop()
    assert heard, "no change event within 15 s"
    if db_url.startswith("postgresql"):
        assert heard[0] == patient.id
