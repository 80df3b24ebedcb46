"""Tools → Check database: runs ``check_database`` off the GUI thread and lists the findings."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.services.check import Finding, check_database_on_worker
from ptlog.store import errors
from ptlog.ui.keyboard import tab_moves_on
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.tasks import run_in_background
from ptlog.ui.translations import QT_TRANSLATE_NOOP, labels

NO_PROBLEMS = QT_TRANSLATE_NOOP("CheckDialog", "No problems found")


class CheckDialog(FittedDialog):
    """Shows "Checking…", then each finding on one line, or "No problems found"."""

    check_finished = Signal(object)  # list[Finding]; empty when the database is sound

    def __init__(self, parent: QWidget | None = None, *, start: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check database"))
        self.resize(640, 360)
        self.status = QLabel(self)
        self.status.setAccessibleName("Check status")
        self.status.setWordWrap(True)
        self.findings = QListWidget(self)
        tab_moves_on(self.findings)
        self.findings.setAccessibleName("Findings")
        self.again_button = QPushButton(self.tr("Check again"), self)
        self.again_button.setAccessibleName("Check again")
        self.again_button.clicked.connect(self.start_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        explain = QLabel(self.tr(
                "Checks the file's integrity, that the audit trail is unbroken, and "
                "that every record still says what was recorded."), self)
        explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.status)
        layout.addWidget(self.findings)
        layout.addWidget(buttons)
        self.running = False
        if start:
            self.start_check()

    def start_check(self) -> None:
        if self.running:
            return
        self.running = True
        self.again_button.setEnabled(False)
        self.findings.clear()
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Checking…"))
        run_in_background(check_database_on_worker, self._on_check_done, self._on_check_failed)

    def _on_check_done(self, found: list[Finding]) -> None:
        self.running = False
        self.again_button.setEnabled(True)
        if found:
            self.status.setText(self.tr(
                "Problems found: {count}. Restore a backup made before the change, or ask your "
                "administrator.").format(count=labels().number(len(found))))
            self.status.setStyleSheet(f"color: {colors.ALERT};")
            self.findings.addItems([str(f) for f in found])
        else:
            self.status.setText(QCoreApplication.translate("CheckDialog", NO_PROBLEMS))
            self.status.setStyleSheet(f"color: {colors.OK};")
        from ptlog.services.check import notes

        try:
            self.findings.addItems([self.tr("note: {note}").format(note=note) for note in notes()])
        except Exception:  # noqa: BLE001 - a note is extra: the check's result stands
            logging.getLogger("ptlog.ui").warning("check notes failed", exc_info=True)
        self.check_finished.emit(found)

    def _on_check_failed(self, error: BaseException) -> None:
        self.running = False
        self.again_button.setEnabled(True)
        if isinstance(error, errors.StoreError):
            text = str(error)
        else:
            logging.getLogger("ptlog.ui").error(
                "database check failed", exc_info=(type(error), error, error.__traceback__))
            text = self.tr("The check itself failed ({error}).").format(
                error=f"{type(error).__name__}: {error}")
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colors.ALERT};")
        found = [Finding("database", "", "", text)]
        self.findings.addItems([str(f) for f in found])
        self.check_finished.emit(found)
