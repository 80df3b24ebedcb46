"""Issue 14 in the window: it asks before replacing a file, refuses the database and its
backups as a target, asks before creating a database, and respects a read-only file."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton

from ptlog.store import models as m
from ptlog.store.database import parse_url
from tests.ui.conftest import find


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exports() -> int:
    return m.AuditEvent.select().where(m.AuditEvent.action == "export").count()


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(path), "")))


def answer_replace(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton,
                   asked: list[str]) -> None:
    def exec_(box: QMessageBox) -> int:
        asked.append(box.objectName())
        return int(answer)
    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_the_window_asks_before_replacing_a_file(qtbot, window, tmp_path, monkeypatch) -> None:
    target = tmp_path / "letter.csv"
    target.write_text("the physician's letter\n", encoding="utf-8")
    choose(monkeypatch, target)
    asked: list[str] = []
    answer_replace(monkeypatch, QMessageBox.StandardButton.No, asked)
    before = exports()
    window.export_file("csv")
    assert asked == ["replace_question"]
    assert target.read_text(encoding="utf-8") == "the physician's letter\n"
    assert exports() == before
    answer_replace(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    window.export_file("csv")
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10_000)
    assert target.read_text(encoding="utf-8").startswith("chart,")
    assert exports() == before + 1


@pytest.mark.parametrize("which", ["database", "wal", "backup"])
def test_the_window_refuses_the_database_and_its_backups(qtbot, window, ui_db, tmp_path,
                                                         monkeypatch, message_boxes,
                                                         which) -> None:
    from ptlog.store.backup import backup_to

    live = parse_url(ui_db).path
    assert live is not None
    kept = backup_to()
    target = {"database": live, "wal": live.with_name(live.name + "-wal"),
              "backup": kept}[which]
    before = {p: digest(p) for p in (live, kept)}
    choose(monkeypatch, target)
    shown = len(message_boxes)
    window.export_file("fhir")
    assert len(message_boxes) == shown + 1
    assert "refusing to write" in message_boxes[-1]
    assert {p: digest(p) for p in before} == before


def test_a_read_only_database_opens_read_only(qtbot, ui_db, patient_with_history) -> None:
    from ptlog.app import create_main_window
    from ptlog.store.models import database_proxy

    live = parse_url(ui_db).path
    assert live is not None
    database_proxy.obj.close()
    live.chmod(0o444)
    before = digest(live)
    win = create_main_window(ui_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert "read-only" in win.windowTitle()
    assert "read-only" in find(win, "Database in use", QLabel).text()
    box = find(win, "Patient search", QLineEdit)
    qtbot.keyClicks(box, "QT-1")
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert win.patient_view.record is not None  # reading works: the patient and plots
    for key in ("save", "new_patient", "import_csv", "edit_patient", "add_treatment",
                "export_csv"):
        assert not win.actions[key].isEnabled(), key
    assert win.actions["report_preview"].isEnabled()
    assert not win.patient_view.entry.isEnabled()
    assert not find(win, "Save readings", QPushButton).isEnabled()
    win.close()
    assert stat.S_IMODE(live.stat().st_mode) == 0o444
    assert digest(live) == before


def test_an_upper_case_scheme_keeps_automatic_backups(qtbot, ui_db, patient_with_history
                                                      ) -> None:
    from ptlog.app import create_main_window

    win = create_main_window(ui_db.replace("sqlite", "SQLite", 1))
    qtbot.addWidget(win)
    assert win.auto_backup() is not None
    win.close()


def test_closing_the_window_backs_up_what_changed(qtbot, ui_db, patient_with_history,
                                                  real_backup_on_close) -> None:
    """DESIGN §3: a session that changed the database leaves a verified backup when the window
    closes, beside the database."""
    from ptlog.app import create_main_window
    from ptlog.services.backups import list_backups

    win = create_main_window(ui_db)
    qtbot.addWidget(win)
    assert list_backups() == []
    win.close()
    backups = list_backups()
    assert len(backups) == 1
    assert backups[0].path.parent == Path(parse_url(ui_db).path or "").parent / "backups"


def test_the_window_asks_before_creating_a_database(tmp_path, monkeypatch) -> None:
    from ptlog.app import confirm_new_database

    missing = tmp_path / "typo" / "ptlog.db"
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        return int(QMessageBox.StandardButton.Cancel)

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    assert confirm_new_database(f"sqlite:///{missing}") is False
    assert str(missing) in asked[0]
    assert not (tmp_path / "typo").exists()
