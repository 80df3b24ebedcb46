"""The one parser for numbers and dates that people type or files bring.

The window's fields and dialogs, the CSV import and anything else that reads a number or a date
call these functions, so a value means the same wherever it is entered:

- a number is ASCII digits with an optional sign and at most one decimal separator, a point or
  a comma (``22.5`` = ``22,5``); a comma followed by exactly three digits (``1,200``) could be a
  thousands separator and is refused rather than guessed. No exponent (``1e2``), no underscores
  (``3_0``), no other digit scripts (``٣٠``, ``３０``), no ``nan``/``inf``.
- a date is ``YYYY-MM-DD``; a visit may add the clinic's wall-clock time, ``THH:MM`` (or
  ``THH:MM:SS``, which ptlog writes for a visit saved to the second). Nothing else: no week
  dates (``2026-W05-5``), no ``20260130``, no time zone.

Every problem raises ``InputError`` (``ptlog.domain.limits``) with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from ptlog.domain.i18n import N_, Figure
from ptlog.domain.limits import EARLIEST_DATE, MAX_COST, MAX_SESSIONS, InputError

__all__ = [
    "InputError", "degrees_or_none", "format_number", "parse_count", "parse_date",
    "parse_decimal", "parse_degrees", "parse_money", "parse_visit_time",
]

# re.ASCII: without it [0-9] is the same, but \d would take every script's digits
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)", re.ASCII)
_THOUSANDS = re.compile(r",[0-9]{3}$", re.ASCII)
_COUNT = re.compile(r"[0-9]+", re.ASCII)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_VISIT = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?", re.ASCII)
_LONGEST_COUNT = 12  # digits: more is no count (and int() refuses thousands of them)
# what a typed value should have been, as the messages name it (translated where shown)
_TERMS = (N_("number"), N_("a number"), N_("a finite number"), N_("number of degrees"),
          N_("a number of degrees"), N_("a finite number of degrees"), N_("amount"),
          N_("an amount"), N_("a finite amount"), N_("date"), N_("birth date"),
          N_("start date"), N_("end date"))


def parse_decimal(text: str, what: str = "number", field: str = "") -> float:
    """A plain decimal number (see the module's rules); -0 reads as 0."""
    return _decimal(text.strip(), text, what, field)


def _decimal(raw: str, text: str, what: str, field: str) -> float:
    """``raw`` (``text`` stripped of blanks and a unit) as a number; messages show ``text``."""
    if not raw:
        raise InputError.said(N_("no {what} given"), field, terms=("what",), what=what)
    if not _DECIMAL.fullmatch(raw):
        raise InputError.said(N_("{text} is not {what}"), field, terms=("what",),
                              text=_show(text), what=_a(what))
    if _THOUSANDS.search(raw):
        raise InputError.said(
            N_("{text} is ambiguous: a comma before three digits may be a thousands separator "
               "(write {whole} for the whole number, or {decimal} with a decimal point)"),
            field, text=_show(text),
            whole=raw.replace(",", ""), decimal=raw.replace(",", "."))
    value = float(raw.replace(",", ".")) + 0.0
    if not math.isfinite(value):  # "1" and 400 zeros
        raise InputError.said(N_("{text} is not {what}"), field, terms=("what",),
                              text=_show(text), what=_a("finite " + what))
    return value


def parse_degrees(text: str, field: str = "degrees") -> float:
    """An angle in degrees, with or without a trailing "°"."""
    return _decimal(text.strip().removesuffix("°").strip(), text, "number of degrees", field)


def degrees_or_none(text: str, field: str = "degrees") -> float | None:
    """A typed field's degrees, or None while nothing (or only "°") is typed."""
    if not text.strip().removesuffix("°").strip():
        return None
    return parse_degrees(text, field)


def parse_money(text: str, field: str = "cost", symbol: str = "$") -> float:
    """An amount, optionally written with "$" or the clinic's currency ``symbol`` before or
    after it ("€ 120", "120 €"): zero up to ``MAX_COST``."""
    bare = text.strip()
    for sign in dict.fromkeys(("$", symbol.strip())):
        if sign:
            bare = bare.removeprefix(sign).removesuffix(sign).strip()
    # the clinic's currency is a setting: the messages name no currency of their own
    value = _decimal(bare, text, "amount", field)
    if value < 0:
        raise InputError.said(N_("{text} is negative: a cost is zero or more"), field,
                              text=_show(text))
    if value > MAX_COST:
        raise InputError.said(N_("{text} is more than {maximum}"), field, text=_show(text),
                              maximum=Figure(MAX_COST))
    return value


def parse_count(text: str, what: str = "sessions", maximum: int = MAX_SESSIONS,
                field: str = "") -> int:
    """A whole number from 0 to ``maximum`` (sessions, pain): digits only."""
    raw = text.strip().removeprefix("+")
    of = f" of {what}" if what else ""
    if not _COUNT.fullmatch(raw) or len(raw) > _LONGEST_COUNT:
        raise InputError(f"{_show(text)} is not a whole number{of} (0-{maximum})", field)
    value = int(raw)
    if value > maximum:
        raise InputError(f"{_show(text)} is more than {maximum}{' ' + what if what else ''}",
                         field)
    return value


def parse_date(text: str, what: str = "date", *, latest: dt.date | None = None,
               field: str = "") -> dt.date:
    """``YYYY-MM-DD``, from ``EARLIEST_DATE`` up to ``latest`` (when given)."""
    match = _DATE.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        value = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError.said(N_("{text} is not a {what} (expected YYYY-MM-DD)"), field,
                              terms=("what",), text=_show(text), what=what) from None
    _check_range(value, latest, field)
    return value


def parse_visit_time(text: str, *, latest: dt.date | None = None,
                     field: str = "visit_date") -> dt.datetime:
    """``YYYY-MM-DD`` (at 00:00) or ``YYYY-MM-DDTHH:MM[:SS]``: the clinic's wall-clock time."""
    match = _VISIT.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
        value = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        raise InputError.said(N_("{text} is not a visit date (expected YYYY-MM-DD or "
                                 "YYYY-MM-DDTHH:MM)"), field, text=_show(text)) from None
    _check_range(value.date(), latest, field)
    return value


def _check_range(day: dt.date, latest: dt.date | None, field: str) -> None:
    if latest is not None and day > latest:
        raise InputError.said(N_("{day} is in the future"), field, day=day.isoformat())
    if day < EARLIEST_DATE:
        raise InputError.said(N_("{day} is before {year}"), field, day=day.isoformat(),
                              year=EARLIEST_DATE.year)


def format_number(value: float | None) -> str:
    """Shortest text that ``parse_decimal`` reads back as the same float, never with an
    exponent: 35 for 35.0, 35.5 for 35.5, 0.00001 for 1e-05."""
    if value is None:
        return ""
    value = float(value) + 0.0
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is no number to write")
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _a(what: str) -> str:
    return f"{'an' if what[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {what}"


def _show(text: str) -> str:
    """The offending text, quoted and cut short for a one-line message."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def is_plain_number(text: str) -> bool:
    """Whether ``text`` is a number as ``parse_decimal`` writes and reads it (``-5``, ``22.5``):
    a spreadsheet takes it as a number, never as a formula."""
    return _DECIMAL.fullmatch(text) is not None
