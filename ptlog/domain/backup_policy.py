"""Which backups to keep: the newest of each of the last 12 days, then 10 weeks, then 9 months.

A pure selection so the thinning rule is tested with hand-computed dates, apart from any file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

DAILY = 12
WEEKLY = 10
MONTHLY = 9


def backups_to_keep(
    taken: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
) -> set[dt.datetime]:
    """The backup times to keep; every other one may be deleted.

    Walking from the newest, a backup is kept when its day is not yet covered (while daily
    slots remain), else its ISO week (weekly slots), else its month (monthly slots). A kept
    backup covers its day, week and month, so the tiers reach further back without overlap.
    Backups dated after ``now`` (a clock that was wrong) are always kept.
    """
    keep: set[dt.datetime] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    used = {"daily": 0, "weekly": 0, "monthly": 0}
    for when in sorted(set(taken), reverse=True):
        if when > now:
            keep.add(when)
            continue
        day = when.date()
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        month = (day.year, day.month)
        if day not in days and used["daily"] < daily:
            used["daily"] += 1
        elif week not in weeks and used["weekly"] < weekly:
            used["weekly"] += 1
        elif month not in months and used["monthly"] < monthly:
            used["monthly"] += 1
        else:
            continue
        keep.add(when)
        days.add(day)
        weeks.add(week)
        months.add(month)
    return keep
