"""File → Backups…: the database's backups, Back up now, and Restore… with a confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.domain.visit_time import utc_to_local
from ptlog.services import backups as backup
from ptlog.store.errors import StoreError
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.messages import show_error
from ptlog.ui.qdates import shown_datetime
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.tasks import run_in_background


class BackupsDialog(FittedDialog):
    """Lists ``backup.list_backups()``; a restore asks first and keeps the current database."""

    backup_written = Signal(object)  # Path of the new backup
    database_restored = Signal(object)  # backup.RestoreResult: reload everything shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.setWindowTitle(self.tr("Backups"))
        self.resize(560, 380)
        self.backups = QListWidget(self)
        tab_moves_on(self.backups)
        self.backups.setAccessibleName("Backups")
        self.status = QLabel(self)
        self.status.setAccessibleName("Backup status")
        self.status.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setAccessibleName("Back up now")
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.encrypt = QCheckBox(self.tr("Encrypt with a passphrase (for a copy that leaves the "
                                 "clinic)"), self)
        self.encrypt.setAccessibleName("Encrypt with a passphrase")
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setAccessibleName("Restore")
        self.restore_button.clicked.connect(self._on_restore_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        where = QLabel(self)
        where.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.backups)
        layout.addWidget(self.encrypt)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        try:
            where.setText(self.tr("Backups are kept in {folder} (12 daily, 10 weekly, "
                                  "9 monthly).").format(folder=backup.default_backup_dir()))
        except StoreError as exc:
            where.setText(str(exc))
        self.refresh()

    def reject(self) -> None:
        """Not closed while a backup is being checked: the restore that follows needs the
        window's change listener still paused."""
        if self._busy:
            return
        super().reject()

    def refresh(self) -> None:
        self.backups.clear()
        try:
            found = backup.list_backups()
        except StoreError as exc:
            self._say(str(exc), alert=True)
            return
        for info in found:
            item = QListWidgetItem(self._label(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(str(info.path))
            self.backups.addItem(item)
        if not found:
            self._say(self.tr("No backups yet."))

    def _label(self, info: backup.BackupInfo) -> str:
        """When it was taken (local time, the window's date form), its size, and what kind."""
        text = self.tr("{taken}, {size} KB").format(
            taken=shown_datetime(utc_to_local(info.taken_at)),
            size=QLocale().toString(round(info.size / 1024)))
        if info.before_restore:
            text += " (" + self.tr("kept before a restore") + ")"
        if info.encrypted:
            text += " (" + self.tr("encrypted") + ")"
        return text

    def _say(self, text: str, *, alert: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colors.ALERT};" if alert else "")

    def selected_path(self) -> Path | None:
        item = self.backups.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _ask_passphrase(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Password)
        return text if ok else None

    def _on_backup_clicked(self) -> None:
        passphrase: str | None = None
        if self.encrypt.isChecked():
            passphrase = self._ask_passphrase(
                self.tr("Encrypted backup"),
                self.tr("Passphrase (at least 10 characters; without it the backup is lost):"))
            if passphrase is None:
                return
            problem = backup.passphrase_problem(passphrase)
            if problem is not None:
                self._say(self.tr("Not backed up: {problem}.").format(problem=problem),
                          alert=True)
                return
            if passphrase != self._ask_passphrase(self.tr("Encrypted backup"),
                                                  self.tr("The same passphrase again:")):
                self._say(self.tr("Not backed up: the two passphrases differ."), alert=True)
                return
        self.backup_button.setEnabled(False)
        self._say(self.tr("Backing up…"))
        run_in_background(lambda: backup.backup_on_worker(passphrase), self._on_backup_done,
                          self._on_backup_failed)

    def _on_backup_done(self, path: Path) -> None:
        self.backup_button.setEnabled(True)
        self.refresh()
        self._say(self.tr("Backed up and verified: {file}").format(file=path.name))
        self.backup_written.emit(path)

    def _on_backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        if isinstance(error, StoreError):
            self._say(str(error), alert=True)
        else:
            self._say(self.tr("The backup failed."), alert=True)
            show_error(self, error, "backing up")

    def _accept_broken_audit(self, why: str) -> bool:
        """The backup's audit trail fails verification: restore it only if the person says so
        (their choice is recorded in the new trail)."""
        answer = QMessageBox.warning(
            self, self.tr("Backup's audit trail is broken"),
            self.tr("{why}\n\nRestore it anyway? The audit trail will record that you "
                    "accepted a backup whose trail fails verification.").format(
                why=_without_cli_hint(why)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _on_restore_clicked(self) -> None:
        path = self.selected_path()
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Restore from backup"), "",
                self.tr("ptlog backups (*.db *.dump);;All files (*)"))
            if not chosen:
                return
            path = Path(chosen)
        answer = QMessageBox.question(
            self, self.tr("Restore backup"),
            self.tr("Replace the database with the backup {file}?\n\nThe current database is "
                    "kept as a copy in the backup folder, so this can be undone.").format(
                file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        passphrase: str | None = None
        if backup.is_encrypted(path):
            passphrase = self._ask_passphrase(
                self.tr("Encrypted backup"),
                self.tr("Passphrase of {file}:").format(file=path.name))
            if passphrase is None:
                return
        self._check_then_restore(path, passphrase, accept_broken_audit=False)

    def _check_then_restore(self, path: Path, passphrase: str | None, *,
                            accept_broken_audit: bool) -> None:
        """Check the backup off the GUI thread (decrypt, integrity, audit chain: seconds for a
        large clinic), then swap it in on the GUI thread, which is quick."""
        self._set_busy(True)
        self._say(self.tr("Checking the backup {file}…").format(file=path.name))
        run_in_background(
            lambda: backup.check_backup(path, accept_broken_audit=accept_broken_audit,
                                        passphrase=passphrase),
            self._on_backup_checked,
            lambda error: self._on_check_failed(error, path, passphrase))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.backups.setEnabled(not busy)

    def _on_check_failed(self, error: BaseException, path: Path,
                         passphrase: str | None) -> None:
        self._set_busy(False)
        if isinstance(error, backup.BrokenAuditError):
            if self._accept_broken_audit(str(error)):
                self._check_then_restore(path, passphrase, accept_broken_audit=True)
            else:
                self._say(_without_cli_hint(str(error)), alert=True)
        elif isinstance(error, StoreError):
            self._say(str(error), alert=True)
        else:
            self._say(self.tr("The restore failed; nothing was changed."), alert=True)
            show_error(self, error, "checking the backup")

    def _on_backup_checked(self, checked: backup.CheckedBackup) -> None:
        self._set_busy(False)
        try:
            result = backup.restore_checked(checked).value
        except StoreError as exc:
            self._say(str(exc), alert=True)
            return
        except Exception as exc:  # noqa: BLE001 - a bug: logged and shown in one sentence
            show_error(self, exc, "restoring the backup")
            return
        self.refresh()
        file = checked.named.name
        if result.kept_copy is None:
            self._say(self.tr("Restored from {file}.").format(file=file))
        else:
            self._say(self.tr("Restored from {file}. The previous database was kept as "
                              "{copy}.").format(file=file, copy=result.kept_copy.name))
        self.database_restored.emit(result)


def _without_cli_hint(message: str) -> str:
    """The refusal without its command-line advice (the window asks instead)."""
    return message.split(" To restore it anyway")[0]
