"""How errors reach the user: a plain message for what they can act on, never a traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ptlog.store.errors import StoreError

log = logging.getLogger("ptlog.ui")


def show_error(parent: QWidget | None, error: BaseException, doing: str = "") -> None:
    """A StoreError's own message; anything else is a bug: logged, shown in one sentence."""
    if isinstance(error, StoreError):
        from ptlog.ui.translations import labels

        text = labels().error_text(error)  # in the window's language when it carries its id
        title = "ptlog"
    else:
        log.error("unexpected error%s", f" while {doing}" if doing else "",
                  exc_info=(type(error), error, error.__traceback__))
        # what was being done is in the log: a caller's English fragment cannot be put into
        # a translated sentence
        text = QCoreApplication.translate(
            "messages", "Something unexpected went wrong. Nothing you entered was discarded. "
            "The details are in the log.")
        title = QCoreApplication.translate("messages", "ptlog: unexpected error")
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error_message")
    set_long_text(box, text)
    box.exec()


#: more lines than this go into the box's scrollable details (50,000 bad rows made a box
#: 1,204 pixels tall, its OK button below a laptop's screen)
SHOWN_LINES = 8


def set_long_text(box: QMessageBox, text: str) -> None:
    """The first lines in the box, all of them in its scrollable "Show Details…" area."""
    lines = text.splitlines()
    if len(lines) <= SHOWN_LINES and len(text) <= 1200:
        box.setText(text)
        return
    head = "\n".join(line if len(line) <= 200 else line[:199] + "…"
                     for line in lines[:SHOWN_LINES])
    more = len(lines) - SHOWN_LINES
    if more > 0:
        # worded so the count needs no plural form (pyside6-lupdate marks %n plurals only
        # for a literal count)
        tail = QCoreApplication.translate(
            "messages", "Lines not shown: {count}. Show Details… lists them all.").format(
            count=more)
    else:
        tail = QCoreApplication.translate("messages", "Show Details… has the whole text.")
    box.setText(head + "\n" + tail)
    box.setDetailedText(text)


def install_excepthook() -> None:
    """Log uncaught exceptions in slots instead of letting Qt print or abort."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            show_error(QApplication.activeWindow(), value)

    sys.excepthook = hook
