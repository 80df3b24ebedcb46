"""Tab leaves every input: the keyboard traps Qt's defaults set, undone in one place.

A date edit's Tab walks its day, month and year and never leaves; a text box types a tab
character; a table or list moves from cell to cell. Each keeps the person who works without a
mouse inside it (tests/ui/test_keyboard_walk.py walks every dialog and panel).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDateEdit, QPlainTextEdit, QTextEdit, QWidget


class DateEdit(QDateEdit):
    """A date edit Tab and Shift+Tab leave; its sections follow the arrow keys and typing."""

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt API
        return QWidget.focusNextPrevChild(self, next)


def tab_moves_on(*widgets: QWidget) -> None:
    """Text boxes pass Tab on (Ctrl+Tab types none either); tables and lists leave on Tab."""
    for widget in widgets:
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            widget.setTabChangesFocus(True)
        elif isinstance(widget, QAbstractItemView):
            widget.setTabKeyNavigation(False)
