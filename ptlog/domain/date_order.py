"""Dates written day/month/year or month/day/year, read only when the user says which.

``04/05/2026`` is the 4th of May in Europe and April 5th in the USA: ptlog never guesses. ISO
(``YYYY-MM-DD``) is the default and always accepted; a date written with ``/``, ``.`` or ``-``
after a one- or two-digit number is read in the order the user chose (``DMY`` or ``MDY``), and
without a choice it is refused with a message that says how to choose. The result is ISO text,
which the one date parser then checks like any other date.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from ptlog.domain.i18n import N_
from ptlog.domain.limits import InputError


class DateOrder(StrEnum):
    ISO = "YMD"
    DAY_FIRST = "DMY"
    MONTH_FIRST = "MDY"

    @property
    def label(self) -> str:
        return {"YMD": "Year-month-day (ISO, 2026-06-15)",
                "DMY": "Day/month/year (15/06/2026)",
                "MDY": "Month/day/year (06/15/2026)"}[self.value]


class DateOrderError(InputError):
    """A date that cannot be read in the chosen order (or needs an order to be chosen); it
    carries its catalog message, so the import dialog and the CLI say it in their language."""


# whole sentences, each naming how to choose where it asks for a choice
_NOT_ISO = N_("{text} is not an ISO date (YYYY-MM-DD): choose the date order (--date-order DMY "
              "or MDY, or Date order in the import dialog)")
_NOT_DMY = N_("{text} is not a date in day/month/year order")
_NOT_MDY = N_("{text} is not a date in month/day/year order")
_NO_TIME = N_("{text} has no valid time of day")
_NOT_ORDER = N_("{text} is not a date order (expected YMD, DMY or MDY)")


def _refused(message_id: str, text: str) -> DateOrderError:
    error = DateOrderError.said(message_id, text=repr(text))
    assert isinstance(error, DateOrderError)
    return error

_NUMERIC = re.compile(  # ASCII digits only, as in ptlog.domain.parse ("٠٤/٠٥/٢٠٢٦" is no date)
    r"\s*(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*\Z", re.ASCII)


def iso_text(text: str, order: DateOrder = DateOrder.ISO) -> str:
    """``text`` as an ISO date (``YYYY-MM-DD``, ``THH:MM[:SS]`` if it had a time); any text that
    is not a day/month/year-like date comes back as it is, for the ISO parser to judge."""
    found = _NUMERIC.match(text)
    if found is None:
        return text
    first, _sep, second, year, hour, minute, second_of_minute = found.groups()
    if order is DateOrder.ISO:
        raise _refused(_NOT_ISO, text.strip())
    day, month = (first, second) if order is DateOrder.DAY_FIRST else (second, first)
    try:
        date = dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _refused(_NOT_DMY if order is DateOrder.DAY_FIRST else _NOT_MDY,
                       text.strip()) from None
    if hour is None:
        return date.isoformat()
    if int(hour) > 23 or int(minute) > 59 or int(second_of_minute or 0) > 59:
        raise _refused(_NO_TIME, text.strip())
    clock = f"{int(hour):02d}:{minute}" + (f":{second_of_minute}" if second_of_minute else "")
    return f"{date.isoformat()}T{clock}"


def parse_order(text: str) -> DateOrder:
    """``YMD``/``ISO``, ``DMY`` or ``MDY`` (any case)."""
    key = text.strip().upper()
    if key == "ISO":
        return DateOrder.ISO
    try:
        return DateOrder(key)
    except ValueError:
        raise _refused(_NOT_ORDER, text) from None
