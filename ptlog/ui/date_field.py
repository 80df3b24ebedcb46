"""A date (or date and time) typed as ISO text, with a calendar pop-up beside it.

QDateEdit's sections took "1981-06-15" as 1981-01-06 and had no empty state, so a forgotten
birth date became 1980-01-01. Here the text is what the PT typed; the domain parses it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from ptlog.ui.qdates import python_date


class DateField(QWidget):
    """``YYYY-MM-DD`` (or ``YYYY-MM-DD HH:MM`` with ``with_time``) plus a calendar button.

    The accessible name goes to the text field itself (what a screen reader and the tests
    find); Alt+Down opens the calendar, Enter or a click picks a day, Escape closes it.
    """

    #: the text changed (typed, picked from the calendar or set)
    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, with_time: bool = False) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("YYYY-MM-DD HH:MM" if with_time else "YYYY-MM-DD")
        self.edit.setMaxLength(16 if with_time else 10)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip(self.tr("Pick the day from a calendar (Alt+Down)"))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down reaches it by keyboard
        self.button.clicked.connect(self.open_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        # no focus proxy: Qt would put this container into the tab chain a second time
        self.edit.textChanged.connect(self.text_changed)
        self.edit.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Alt+Down (or F4) in the text opens the calendar, as in a date combo box."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier  # type: ignore[attr-defined]
            if (key == Qt.Key.Key_Down and alt) or key == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        """The name belongs to the text field (one widget per name, as screen readers expect)."""
        self.edit.setAccessibleName(name)
        self.button.setAccessibleName(f"{name} calendar")

    def accessibleName(self) -> str:  # noqa: N802 - Qt API
        return ""

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API style
        self.edit.setText(text)

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText("" if value is None else value.isoformat())

    def set_datetime(self, value: dt.datetime) -> None:
        self.edit.setText(value.strftime("%Y-%m-%d %H:%M"))

    def _typed_day(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.edit.text().strip()[:10])
        except ValueError:
            return None

    def open_calendar(self) -> None:
        """A calendar under the field on the typed day (today when none); picking fills it."""
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(f"{self.edit.accessibleName()} calendar")
        calendar.setGridVisible(True)
        day = self._typed_day() or dt.date.today()
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        calendar.activated.connect(self._on_calendar_activated)
        calendar.clicked.connect(self._on_calendar_activated)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _on_calendar_activated(self, day: QDate) -> None:
        picked = python_date(day)
        text = picked.isoformat()
        if self.with_time:
            old = self.edit.text().strip()
            text += old[10:] if len(old) > 10 else " 00:00"
        self.edit.setText(text)
        self.edit.setFocus()
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
