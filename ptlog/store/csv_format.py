"""The CSV interchange contract (DESIGN §5): columns, enum fields and how times are written.

Numbers and dates are read by the domain's one parser (``ptlog.domain.parse``) and checked
against the domain's limits (``ptlog.domain.limits``), as the window's fields are; a date in a
day/month/year order the user chose is made ISO first (``ptlog.domain.date_order``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from ptlog.domain import records as d
from ptlog.domain.choices import accepted, code_of
from ptlog.domain.date_order import DateOrder, iso_text
from ptlog.domain.limits import InputError
from ptlog.domain.parse import parse_date, parse_visit_time

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


def _iso(text: str, order: DateOrder) -> str:
    return iso_text(text, order)  # a DateOrderError is an InputError with its catalog message


def read_date(text: str, *, today: dt.date, order: DateOrder = DateOrder.ISO) -> dt.date:
    """A date as the domain's one parser reads it, up to ``today``; one written day/month/year
    or month/day/year is first made ISO when the user chose that ``order``."""
    return parse_date(_iso(text, order), latest=today)


def read_visit_time(text: str, *, today: dt.date, order: DateOrder = DateOrder.ISO
                    ) -> dt.datetime:
    """A visit's date and wall-clock time as the domain's one parser reads it (``YYYY-MM-DD``
    or ``YYYY-MM-DDTHH:MM[:SS]``), after the same ``order`` step as ``read_date``."""
    return parse_visit_time(_iso(text, order), latest=today)


def format_visit_time(value: dt.datetime) -> str:
    if value.time() == dt.time():
        return value.date().isoformat()
    if value.second:
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.strftime("%Y-%m-%dT%H:%M")


def choice(text: str, allowed: frozenset[str], what: str) -> str:
    value = text.strip()
    if value not in allowed:
        raise InputError(f"{text!r} is not a {what} (expected one of {', '.join(sorted(allowed))})")
    return value


def enum_choice(text: str, kind: type[StrEnum], what: str) -> str:
    """The code of ``kind`` that ``text`` names, as code or as the window's label."""
    code = code_of(kind, text.strip())
    if code is None:
        raise InputError(f"{text!r} is not a {what} (expected one of {accepted(kind)})")
    return code
