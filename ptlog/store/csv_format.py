"""The CSV interchange contract (DESIGN §5): columns, and parsing one field with a clear message."""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum

from ptlog.domain import records as d
from ptlog.domain.choices import accepted, code_of
from ptlog.domain.date_order import DateOrder, DateOrderError, iso_text

READINGS_COLUMNS = (
    "chart", "family_name", "given_name", "birth_date", "sex", "visit_date", "clinician", "joint",
    "motion", "side", "mode", "position", "degrees", "instrument", "note",
)
TREATMENTS_COLUMNS = (
    "chart", "kind", "start_date", "end_date", "side", "sessions", "cost", "note",
)

SEXES = frozenset(s.value for s in d.Sex)
SIDES = frozenset(s.value for s in d.Side)
TREATMENT_SIDES = frozenset(s.value for s in d.TreatmentSide)
MODES = frozenset(m.value for m in d.Mode)
POSITIONS = frozenset(p.value for p in d.Position)
INSTRUMENTS = frozenset(i.value for i in d.Instrument)
TREATMENT_KINDS = frozenset(k.value for k in d.TreatmentKind)


class FieldError(ValueError):
    """One field is wrong; the message says what was expected."""


def _iso(text: str, order: DateOrder) -> str:
    try:
        return iso_text(text, order)
    except DateOrderError as exc:
        raise FieldError(str(exc)) from None


def parse_date(text: str, *, today: dt.date, order: DateOrder = DateOrder.ISO) -> dt.date:
    """An ISO date, or one in ``order`` (``DMY``/``MDY``) when the user chose it."""
    iso = _iso(text, order)
    try:
        value = dt.date.fromisoformat(iso.strip())
    except ValueError:
        raise FieldError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None
    if value > today:
        raise FieldError(f"{value.isoformat()} is in the future")
    if value.year < 1880:
        raise FieldError(f"{value.isoformat()} is before 1880")
    return value


def parse_visit_time(text: str, *, today: dt.date, order: DateOrder = DateOrder.ISO
                     ) -> dt.datetime:
    """``YYYY-MM-DD`` (stored at 00:00) or ``YYYY-MM-DDTHH:MM[:SS]``, taken as UTC (or the same
    in ``order`` when the user chose one)."""
    raw = _iso(text, order).strip()
    try:
        value = (
            dt.datetime.fromisoformat(raw)
            if ("T" in raw or " " in raw)
            else dt.datetime.combine(dt.date.fromisoformat(raw), dt.time())
        )
    except ValueError:
        raise FieldError(
            f"{text!r} is not a visit date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM)"
        ) from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    if value.date() > today:
        raise FieldError(f"{value.date().isoformat()} is in the future")
    if value.year < 1880:
        raise FieldError(f"{value.date().isoformat()} is before 1880")
    return value.replace(microsecond=0)


def format_visit_time(value: dt.datetime) -> str:
    if value.time() == dt.time():
        return value.date().isoformat()
    if value.second:
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.strftime("%Y-%m-%dT%H:%M")


def parse_number(text: str, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise FieldError(f"{text!r} is not a number of {what}") from None
    if not math.isfinite(value):
        raise FieldError(f"{text!r} is not a finite number of {what}")
    return value


def format_number(value: float | None) -> str:
    """Shortest text that reads back as the same float: 35 for 35.0, 35.5 for 35.5."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def choice(text: str, allowed: frozenset[str], what: str) -> str:
    value = text.strip()
    if value not in allowed:
        raise FieldError(f"{text!r} is not a {what} (expected one of {', '.join(sorted(allowed))})")
    return value


def enum_choice(text: str, kind: type[StrEnum], what: str) -> str:
    """The code of ``kind`` that ``text`` names, as code or as the window's label."""
    code = code_of(kind, text.strip())
    if code is None:
        raise FieldError(f"{text!r} is not a {what} (expected one of {accepted(kind)})")
    return code
