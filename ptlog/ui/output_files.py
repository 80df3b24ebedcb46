"""Choosing a file to write from the window: the store's one rule, and a question before a
file is replaced (the window's ``--force``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ptlog.services.interchange import OutputExistsError, check_output
from ptlog.store.errors import StoreError


def confirm_output(parent: QWidget | None, title: str, path: str) -> tuple[Path, bool] | None:
    """``(path, force)`` when ptlog may write ``path``; None after saying why not, or when the
    user would rather not replace the existing file."""
    try:
        return check_output(path), False
    except OutputExistsError as exists:
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          QCoreApplication.translate(
                              "OutputFiles", "{name} already exists in {folder}. Replace it?")
                          .format(name=exists.path.name, folder=exists.path.parent),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
        box.setObjectName("replace_question")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
    except StoreError as exc:
        QMessageBox.warning(parent, title, f"{exc}")
        return None
    try:
        return check_output(path, force=True), True
    except StoreError as exc:
        QMessageBox.warning(parent, title, f"{exc}")
        return None


def choose_output_file(parent: QWidget | None, title: str, suggested: str,
                       filters: str) -> tuple[Path, bool] | None:
    """Ask for a file name (the dialog does not ask about replacing: ``confirm_output`` does,
    after the store's rule has refused the database, backups and other SQLite files)."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, title, suggested, filters, options=QFileDialog.Option.DontConfirmOverwrite)
    if not path:
        return None
    return confirm_output(parent, title, path)
