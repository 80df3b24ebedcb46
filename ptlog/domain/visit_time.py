"""Dates and times as the clinic sees them: birth dates typed in ISO, visit times on the wall clock.

A visit is stored as the wall-clock time in the clinic (naive) with the UTC offset it had, so
the date the PT saw is the date every screen, report and export shows, in any time zone; the
offset lets FHIR write an exact instant. One place for these rules; the UI and the store call it.
"""

from __future__ import annotations

import datetime as dt

from ptlog.domain.i18n import N_, Translator, english
from ptlog.domain.limits import InputError
from ptlog.domain.parse import parse_date
from ptlog.domain.parse import parse_visit_time as _parse_visit_time

#: a visit may be entered up to this much "in the future": clocks of two machines differ a little
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _utc_now() -> dt.datetime:
    """The current instant (aware, UTC); tests replace it to stand just before midnight."""
    return dt.datetime.now(dt.UTC)


def local_now() -> dt.datetime:
    """The wall-clock time here now (naive, whole minutes): what a new visit defaults to."""
    return _utc_now().astimezone().replace(tzinfo=None, second=0, microsecond=0)


def local_today() -> dt.date:
    return local_now().date()


def utc_offset_minutes(wall_clock: dt.datetime) -> int:
    """The offset from UTC of this machine's time zone at that wall-clock time (DST included)."""
    offset = wall_clock.replace(tzinfo=None).astimezone().utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def utc_to_local(utc: dt.datetime) -> dt.datetime:
    """A naive UTC time as this machine's wall clock (naive)."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def with_offset(wall_clock: dt.datetime, offset_minutes: int | None) -> dt.datetime:
    """The visit as an aware time: its own offset, else this machine's zone at that time."""
    if offset_minutes is None:
        offset_minutes = utc_offset_minutes(wall_clock)
    return wall_clock.replace(tzinfo=dt.timezone(dt.timedelta(minutes=offset_minutes)))


def parse_day(text: str, what: str) -> dt.date:
    """``YYYY-MM-DD`` exactly (a treatment's start or end), read by the domain's one parser."""
    return parse_date(text, what)


def parse_birth_date(text: str, *, today: dt.date) -> dt.date:
    """``YYYY-MM-DD``, required, never in the future (the domain's one parser reads it)."""
    if not text.strip():
        raise InputError.said(N_("the birth date is required (YYYY-MM-DD)"), "birth_date")
    return parse_date(text, "birth date", latest=today, field="birth_date")


def parse_visit_time(text: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` as the field shows it (or with ``T``; a date alone is 00:00), read
    by the domain's one parser."""
    raw = text.strip()
    if len(raw) > 10 and raw[10] == " ":
        raw = f"{raw[:10]}T{raw[11:].strip()}"
    return _parse_visit_time(raw, field="visit_date")


def format_visit_time(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M")


def visit_time_problem(visit_at: dt.datetime, *, now: dt.datetime,
                       birth_date: dt.date | None, tr: Translator | None = None) -> str:
    """Why a visit cannot be at ``visit_at`` (wall clock), or "" when it can (in ``tr``'s
    language; the times as typed, ISO)."""
    tr = tr or english()
    if visit_at > now + FUTURE_TOLERANCE:
        return tr("the visit time {time} is in the future", time=format_visit_time(visit_at))
    if birth_date is not None and visit_at.date() < birth_date:
        return tr("the visit date {date} is before the birth date {birth}",
                  date=visit_at.date().isoformat(), birth=birth_date.isoformat())
    return ""


def is_late_entry(visit_at: dt.datetime, entered_at: dt.datetime) -> bool:
    """Documented on a later day than the visit (both wall clock): a late entry, marked so."""
    return entered_at.date() > visit_at.date()
