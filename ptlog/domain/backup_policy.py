"""Which backups to keep: the newest of each of the last 12 days, then 10 weeks, then 9 months.

A pure selection so the thinning rule is tested with hand-computed dates, apart from any file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

DAILY = 12
WEEKLY = 10
MONTHLY = 9


def _day(when: dt.datetime) -> object:
    return when.date()


def _week(when: dt.datetime) -> object:
    iso = when.date().isocalendar()
    return (iso.year, iso.week)


def _month(when: dt.datetime) -> object:
    return (when.year, when.month)


def backups_to_keep(
    taken: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    daily: int = DAILY,
    weekly: int = WEEKLY,
    monthly: int = MONTHLY,
) -> set[dt.datetime]:
    """The backup times to keep; every other one may be deleted.

    Walking from the newest: the daily tier keeps the newest backup of each day until its
    slots are used, then the weekly tier the newest of each ISO week not yet covered, then the
    monthly tier the newest of each month not yet covered. Backups dated after ``now`` (a clock
    that was wrong) are always kept.
    """
    tiers: tuple[tuple[int, Callable[[dt.datetime], object]], ...] = (
        (daily, _day),
        (weekly, _week),
        (monthly, _month),
    )
    covered: list[set[object]] = [set(), set(), set()]
    used = [0, 0, 0]
    tier = 0
    keep: set[dt.datetime] = set()
    for when in sorted(set(taken), reverse=True):
        if when > now:
            keep.add(when)
            continue
        while tier < len(tiers) and used[tier] >= tiers[tier][0]:
            tier += 1
        if tier == len(tiers):
            break
        if tiers[tier][1](when) in covered[tier]:
            continue
        used[tier] += 1
        keep.add(when)
        for index, (_limit, key) in enumerate(tiers):
            covered[index].add(key(when))
    return keep
