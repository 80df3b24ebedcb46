"""Readings split into trend series (same motion, side, position, mode), and the normal band."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ptlog.domain.norms import normal_range_for
from ptlog.domain.records import MotionKey, Patient, Reading, SeriesKey

T = TypeVar("T")


def reading_order(reading: Reading) -> tuple[dt.datetime, int]:
    """The order of a patient's readings: visit time, then id (unsaved ones first)."""
    return (reading.taken_at, reading.id or 0)


def split_series(readings: Iterable[Reading]) -> dict[SeriesKey, list[Reading]]:
    """Group current readings by series, each in time order; series are never joined."""
    groups: dict[SeriesKey, list[Reading]] = defaultdict(list)
    for reading in readings:
        if reading.is_current:
            groups[reading.series].append(reading)
    for values in groups.values():
        values.sort(key=reading_order)
    return dict(groups)


def one_a_visit(series: Sequence[Reading]) -> list[Reading]:
    """A series (in time order) with one reading a visit: the first saved there, the one the
    flowsheet shows (it marks the others). Change over the course of care is measured between
    visits, never within one: a second value at the same visit (measured again, or a
    corrected sheet imported again) made the report call the difference a gain."""
    out: list[Reading] = []
    seen: set[object] = set()
    for reading in series:
        visit = reading.visit_id if reading.visit_id is not None else reading.taken_at
        if visit not in seen:
            seen.add(visit)
            out.append(reading)
    return out


def series_by_motion(
    readings: Iterable[Reading],
) -> dict[MotionKey, dict[SeriesKey, list[Reading]]]:
    """``split_series`` for every motion at once, motions in the order first measured.

    One pass keyed on object identity (a patient's readings share their motion and enum
    objects; hashing the dataclass keys of 5,000 readings cost more than the plots), then
    equal keys made of different objects are joined."""
    by_ids: dict[tuple[int, int, int, int], list[Reading]] = {}
    for reading in readings:
        if reading.is_current:
            ids = (id(reading.motion), id(reading.side), id(reading.position), id(reading.mode))
            group = by_ids.get(ids)
            if group is None:
                group = by_ids[ids] = []
            group.append(reading)
    out: dict[MotionKey, dict[SeriesKey, list[Reading]]] = {}
    for group in by_ids.values():
        key = group[0].series
        series = out.setdefault(key.motion, {})
        series[key] = [*series.get(key, ()), *group]
    for series in out.values():
        for values in series.values():
            values.sort(key=reading_order)
    return out


def merged(existing: Sequence[T], added: Iterable[T], key: Callable[[T], Any]) -> list[T]:
    """``existing`` (already in ``key`` order) with ``added``, in ``key`` order, equal keys
    keeping ``existing`` first. A save adds today's readings after thousands of older ones:
    that is an append, not a sort."""
    extra = sorted(added, key=key)
    if not extra:
        return list(existing)
    if not existing or key(extra[0]) >= key(existing[-1]):
        return [*existing, *extra]
    return sorted([*existing, *extra], key=key)


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
