"""Readings split into trend series (same motion, side, position, mode), and the normal band."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ptlog.domain.norms import normal_range_for
from ptlog.domain.records import MotionKey, Patient, Reading, SeriesKey


def split_series(readings: Iterable[Reading]) -> dict[SeriesKey, list[Reading]]:
    """Group current readings by series, each in time order; series are never joined."""
    groups: dict[SeriesKey, list[Reading]] = defaultdict(list)
    for reading in readings:
        if reading.is_current:
            groups[reading.series].append(reading)
    for values in groups.values():
        values.sort(key=lambda r: (r.taken_at, r.id or 0))
    return dict(groups)


def measured_motions(readings: Iterable[Reading]) -> list[MotionKey]:
    seen: dict[MotionKey, None] = {}
    for reading in readings:
        seen.setdefault(reading.motion, None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class BandSegment:
    start: dt.date
    end: dt.date
    low: float
    high: float
    label: str


def normal_band(
    patient: Patient, motion: MotionKey, start: dt.date, end: dt.date
) -> list[BandSegment]:
    """The age-matched band between two dates, one segment per age with a band.

    It steps where the patient crosses an age boundary; ages without a band leave a gap.
    """
    segments: list[BandSegment] = []
    if end < start:
        return segments
    day = start
    while day <= end:
        age = patient.age_on(day)
        try:
            next_birthday = patient.birth_date.replace(year=patient.birth_date.year + age + 1)
        except ValueError:  # born on 29 February
            next_birthday = dt.date(patient.birth_date.year + age + 1, 3, 1)
        stop = min(end, next_birthday - dt.timedelta(days=1))
        norm = normal_range_for(age, motion)
        if norm is not None:
            last = segments[-1] if segments else None
            if last and (last.low, last.high) == (norm.low, norm.high) and \
                    last.end + dt.timedelta(days=1) == day:
                segments[-1] = BandSegment(last.start, stop, last.low, last.high, last.label)
            else:
                segments.append(BandSegment(day, stop, norm.low, norm.high, norm.label))
        day = stop + dt.timedelta(days=1)
    return segments


def previous_comparable(
    readings: Sequence[Reading], series: SeriesKey, before: dt.datetime
) -> Reading | None:
    """The latest current reading of the same series taken before ``before``."""
    best: Reading | None = None
    for reading in readings:
        if reading.is_current and reading.series == series and reading.taken_at < before and (
            best is None or reading.taken_at >= best.taken_at
        ):
            best = reading
    return best
