"""Dates between Qt and Python, and the one way the window shows a date.

The window shows a date as its language's locale writes it (``15/6/1981`` in Spanish,
``15.06.1981`` in German, ``6/15/1981`` in American English): Qt's short format, with the
year widened to four digits because a birth date spans a century ("81" could be 1881 or
2081 in a record kept for decades). Without a language (the C locale) a date is ISO. What is
typed stays ISO (``DateField``), and CSV, JSON and FHIR always write ISO.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

_ISO_DATE = "yyyy-MM-dd"
_ISO_TIME = "HH:mm"
# "yy" alone (not part of "yyyy"): the two-digit year of a short format
_TWO_DIGIT_YEAR = re.compile(r"(?<!y)yy(?!y)")


def python_date(date: QDate) -> dt.date:
    """The calendar day a date edit shows."""
    return dt.date(date.year(), date.month(), date.day())


def _locale() -> QLocale:
    return QLocale()  # the default, set by translations.install to the window's language


def date_format(locale: QLocale | None = None) -> str:
    """The window's date pattern (Qt's notation): the locale's short one with a 4-digit year."""
    locale = locale or _locale()
    if locale.language() == QLocale.Language.C:
        return _ISO_DATE
    return _TWO_DIGIT_YEAR.sub("yyyy", locale.dateFormat(QLocale.FormatType.ShortFormat))


def time_format(locale: QLocale | None = None, *, seconds: bool = False) -> str:
    """The locale's short time ("HH:mm", "h:mm AP"), with seconds where an audit needs them."""
    locale = locale or _locale()
    pattern = _ISO_TIME if locale.language() == QLocale.Language.C \
        else locale.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in pattern:
        pattern = re.sub(r"mm", "mm:ss", pattern, count=1)
    return pattern


def shown_date(day: dt.date) -> str:
    """A date as the window shows it everywhere (lists, History, comparisons, dialogs)."""
    locale = _locale()
    return locale.toString(QDate(day.year, day.month, day.day), date_format(locale))


def shown_datetime(moment: dt.datetime, *, seconds: bool = False) -> str:
    """A date and wall-clock time as the window shows it (a visit, an audit event)."""
    locale = _locale()
    qt = QDateTime(QDate(moment.year, moment.month, moment.day),
                   QTime(moment.hour, moment.minute, moment.second))
    return locale.toString(qt, f"{date_format(locale)} {time_format(locale, seconds=seconds)}")
