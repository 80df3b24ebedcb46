"""QDate to ``datetime.date`` with its type known (PySide's ``toPython`` is typed ``object``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def python_date(date: QDate) -> dt.date:
    """The calendar day a date edit shows."""
    return dt.date(date.year(), date.month(), date.day())
