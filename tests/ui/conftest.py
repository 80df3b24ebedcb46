"""GUI fixtures: a main window on a fresh database with one well-known patient."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from ptlog.domain import records as d


def find(parent: QWidget, name: str, kind: type[QWidget] = QWidget) -> QWidget:
    """The one child with accessible name ``name`` (what a screen reader announces)."""
    matches = [w for w in parent.findChildren(kind) if w.accessibleName() == name]
    assert len(matches) == 1, f"{len(matches)} widgets named {name!r}"
    return matches[0]


@pytest.fixture(autouse=True)
def _collect_as_the_window_does(qapp) -> Iterator[None]:
    """Cyclic garbage collected on the GUI thread between events, as in the window
    (``ui.idle_gc``): not in a worker thread, not inside a paint."""
    from ptlog.ui.idle_gc import IdleCollector

    collector = IdleCollector(qapp)
    collector.start()
    yield
    collector.stop()
    collector.setParent(None)
    collector.deleteLater()


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box would hang an offscreen test: record its text and answer it instead.

    ``exec`` answers Discard when offered (closing with typed values), else the default button;
    the static helpers answer Ok/No. Tests that need another answer patch ``exec`` themselves.
    """
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        buttons = box.standardButtons()
        if buttons & QMessageBox.StandardButton.Discard:
            return int(QMessageBox.StandardButton.Discard)
        default = box.defaultButton()
        return int(box.standardButton(default)) if default is not None else 0

    def fake_static(answer: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def show(_parent: object, _title: str, text: str, *_a: object, **_k: object) -> object:
            shown.append(text)
            return answer
        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for name, answer in (("information", QMessageBox.StandardButton.Ok),
                         ("warning", QMessageBox.StandardButton.Ok),
                         ("critical", QMessageBox.StandardButton.Ok),
                         ("question", QMessageBox.StandardButton.No)):
        monkeypatch.setattr(QMessageBox, name, fake_static(answer))
    return shown


@pytest.fixture(autouse=True)
def _no_backup_on_close(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a window whose database changed writes a verified backup (copy, fsyncs, ~35 ms):
    tests/store/test_backup.py covers when, and a test asking for ``real_backup_on_close``
    the window's part; the other window tests skip the copy."""
    if "real_backup_on_close" in request.fixturenames:
        return
    from ptlog.store.backup import AutoBackup

    monkeypatch.setattr(AutoBackup, "on_close", lambda _self, now=None: None)


@pytest.fixture
def real_backup_on_close() -> None:
    """Asked for by a window test that needs the automatic backup on close."""


@pytest.fixture
def ui_db(sqlite_url: str) -> Iterator[str]:
    """The GUI runs on SQLite here; the store suites cover PostgreSQL behind the same calls."""
    from ptlog.store.database import open_database

    database = open_database(sqlite_url)
    yield sqlite_url
    if not database.is_closed():
        database.close()


@pytest.fixture
def patient_with_history(ui_db: str) -> d.Patient:
    """A 40-year-old with seated active hip internal rotation L 30 / R 38 a month ago."""
    from ptlog.store import goals, patients
    from ptlog.store.readings import save_visit_readings

    patient = patients.add_patient(d.Patient(
        "QT-1", "Ørsted-Núñez", "Zoë", dt.date.today().replace(year=dt.date.today().year - 40)
        - dt.timedelta(days=40), d.Sex.FEMALE, diagnosis="hip stiffness",
        referring_physician="Dr. Rao"))
    assert patient.id is not None
    ir = d.MotionKey("hip", "internal_rotation")
    then = dt.datetime.combine(dt.date.today() - dt.timedelta(days=30), dt.time(10))
    save_visit_readings(patient.id, [
        d.Reading(ir, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 30, then),
        d.Reading(ir, d.Side.RIGHT, d.Mode.ACTIVE, d.Position.SEATED, 38, then),
    ], visit_at=then, clinician="Ann Lee")
    goals.add_goal(d.Goal(patient.id, ir, 40, label="deep squat"))
    return patient


@pytest.fixture
def window(qtbot, ui_db: str, patient_with_history: d.Patient) -> Iterator[QWidget]:
    from ptlog.app import create_main_window

    win = create_main_window(ui_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.patient_view.entry.clear_values()
    win.close()
