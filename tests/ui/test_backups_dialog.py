"""File → Backups…: list, Back up now (off the GUI thread), Restore… only after confirming."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel, QListWidget, QMessageBox, QPushButton

from ptlog.domain import records as d
from ptlog.store import backup, patients
from ptlog.ui.backups_dialog import BackupsDialog
from ptlog.ui.tasks import wait_for_background
from tests.ui.conftest import find


@pytest.fixture
def dialog(qtbot, patient_with_history) -> BackupsDialog:
    dlg = BackupsDialog(None)
    qtbot.addWidget(dlg)
    return dlg


def _back_up(qtbot, dlg: BackupsDialog):
    with qtbot.waitSignal(dlg.backup_written, timeout=10_000) as signal:
        find(dlg, "Back up now", QPushButton).click()
    wait_for_background()
    return signal.args[0]


def test_back_up_now_lists_the_new_backup(qtbot, dialog: BackupsDialog) -> None:
    assert find(dialog, "Backups", QListWidget).count() == 0
    path = _back_up(qtbot, dialog)
    listed = find(dialog, "Backups", QListWidget)
    assert listed.count() == 1
    assert dialog.selected_path() is None
    listed.setCurrentRow(0)
    assert dialog.selected_path() == path
    assert "verified" in find(dialog, "Backup status", QLabel).text()


def _add_patient() -> None:
    patients.add_patient(d.Patient("LATE", "After", "Backup", dt.date(1990, 1, 1), d.Sex.MALE))


def test_restore_asks_and_cancel_changes_nothing(qtbot, dialog, monkeypatch) -> None:
    _back_up(qtbot, dialog)
    _add_patient()
    asked: list[str] = []

    def cancel(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    find(dialog, "Backups", QListWidget).setCurrentRow(0)
    with qtbot.assertNotEmitted(dialog.database_restored):
        find(dialog, "Restore", QPushButton).click()
    assert len(asked) == 1
    assert "kept as a copy" in asked[0]
    assert patients.find_by_chart("LATE") is not None


def test_restore_confirmed_replaces_and_keeps_a_copy(qtbot, dialog, monkeypatch) -> None:
    _back_up(qtbot, dialog)
    _add_patient()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    find(dialog, "Backups", QListWidget).setCurrentRow(0)
    with qtbot.waitSignal(dialog.database_restored, timeout=10_000) as signal:
        find(dialog, "Restore", QPushButton).click()
    assert patients.find_by_chart("LATE") is None
    assert signal.args[0].kept_copy.exists()
    assert find(dialog, "Backups", QListWidget).count() == 2  # the backup and the kept copy
    assert "kept as" in find(dialog, "Backup status", QLabel).text()
    assert any(b.before_restore for b in backup.list_backups())


def test_corrupt_backup_is_refused_with_a_message(qtbot, dialog, monkeypatch, tmp_path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x07" * 5000)
    monkeypatch.setattr("ptlog.ui.backups_dialog.QFileDialog.getOpenFileName",
                        lambda *_a, **_k: (str(bad), ""))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    status = find(dialog, "Backup status", QLabel)
    with qtbot.assertNotEmitted(dialog.database_restored):
        find(dialog, "Restore", QPushButton).click()
        qtbot.waitUntil(lambda: "nothing was changed" in status.text(), timeout=10_000)
    assert find(dialog, "Restore", QPushButton).isEnabled()
    assert patients.find_by_chart("QT-1") is not None


def test_encrypted_backup_from_the_dialog_and_restore_with_its_passphrase(
        qtbot, dialog, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCheckBox, QInputDialog

    from ptlog.store import backup_crypto

    answers = ["clinic passphrase 1", "clinic passphrase 1"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: (answers.pop(0), True))
    box = find(dialog, "Encrypt with a passphrase", QCheckBox)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    path = _back_up(qtbot, dialog)
    assert path.name.endswith(".db.enc")
    assert backup_crypto.is_encrypted(path)
    assert "(encrypted)" not in path.name
    _add_patient()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    find(dialog, "Backups", QListWidget).setCurrentRow(0)
    answers[:] = ["not the passphrase"]
    status = find(dialog, "Backup status", QLabel)
    with qtbot.assertNotEmitted(dialog.database_restored):
        find(dialog, "Restore", QPushButton).click()
        qtbot.waitUntil(lambda: "wrong passphrase" in status.text(), timeout=10_000)
    assert patients.find_by_chart("LATE") is not None
    answers[:] = ["clinic passphrase 1"]
    with qtbot.waitSignal(dialog.database_restored, timeout=10_000):
        find(dialog, "Restore", QPushButton).click()
    assert patients.find_by_chart("LATE") is None


def test_the_backup_is_checked_off_the_gui_thread_and_the_dialog_waits_for_it(
        qtbot, dialog, monkeypatch) -> None:
    """Checking a large backup takes seconds: the window keeps painting meanwhile, Restore and
    Back up are disabled, Escape does not close the dialog (the swap that follows needs the
    change listener paused), and the database is replaced only once the check passed."""
    import threading

    from PySide6.QtCore import Qt

    from ptlog.services import backups as services_backups

    _back_up(qtbot, dialog)
    _add_patient()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    release = threading.Event()
    real_check = services_backups.check_backup
    on_gui_thread: list[bool] = []

    def slow_check(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(services_backups, "check_backup", slow_check)
    find(dialog, "Backups", QListWidget).setCurrentRow(0)
    dialog.show()
    qtbot.waitExposed(dialog)
    find(dialog, "Restore", QPushButton).click()
    qtbot.waitUntil(lambda: on_gui_thread == [False])
    assert "Checking" in find(dialog, "Backup status", QLabel).text()
    assert not find(dialog, "Restore", QPushButton).isEnabled()
    assert not find(dialog, "Back up now", QPushButton).isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert patients.find_by_chart("LATE") is not None  # nothing replaced before the check
    with qtbot.waitSignal(dialog.database_restored, timeout=10_000):
        release.set()
    assert patients.find_by_chart("LATE") is None
    assert find(dialog, "Restore", QPushButton).isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_backup_with_a_broken_audit_trail_asks_and_records_the_choice(
        qtbot, dialog, monkeypatch) -> None:
    import json

    from ptlog.store import models as m
    from tests.insider import drop_guards

    drop_guards(m.database_proxy.obj)
    victim = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    m.AuditEvent.update(clinician="someone else").where(m.AuditEvent.id == victim.id).execute()
    saved = backup.backup_to()
    m.AuditEvent.update(clinician=victim.clinician).where(
        m.AuditEvent.id == victim.id).execute()
    _add_patient()
    dialog.refresh()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def warning(*args, **_kwargs):
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    listed = find(dialog, "Backups", QListWidget)
    row = next(i for i in range(listed.count())
               if listed.item(i).data(0x0100) == str(saved))
    listed.setCurrentRow(row)
    status = find(dialog, "Backup status", QLabel)
    with qtbot.assertNotEmitted(dialog.database_restored):
        find(dialog, "Restore", QPushButton).click()
        qtbot.waitUntil(lambda: f"event {victim.id}" in status.text(), timeout=10_000)
    assert "Restore it anyway" in asked[0]
    assert "--accept-broken-audit" not in status.text()
    assert patients.find_by_chart("LATE") is not None
    with qtbot.waitSignal(dialog.database_restored, timeout=10_000):
        find(dialog, "Restore", QPushButton).click()
    assert patients.find_by_chart("LATE") is None
    last = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert last.action == "restore"
    assert json.loads(last.after)["accepted_broken_audit"] is True
