"""The trend plots' speed tricks, in one place, each beside the plain code it must equal.

Opening a patient draws up to nine plots of the same 5,000 readings; converting every visit
time and grouping every series once per plot cost ~20 ms. Here both are done once and
remembered: ``x_of`` remembers visit times, ``series_groups`` the grouping of the readings it
was last given (by identity: a record's readings are an immutable tuple, held here so its id
cannot be reused). ``x_of_plain`` and ``series_by_motion`` are the references;
tests/ui/test_plot_series.py checks that both give the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from ptlog.domain.records import MotionKey, Reading, SeriesKey
from ptlog.domain.series import series_by_motion

__all__ = ["motions_of", "series_by_motion", "series_groups", "timestamp", "x_of",
           "x_of_plain"]


def timestamp(value: dt.datetime | dt.date) -> float:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(12))
    return value.replace(tzinfo=dt.UTC).timestamp()


_stamps: dict[dt.datetime, float] = {}


def x_of(readings: Sequence[Reading]) -> np.ndarray:
    """The readings' visit times as plot x values; a patient's visit times are converted once
    for all of its plots and redraws."""
    if len(_stamps) > 100_000:
        _stamps.clear()
    get = _stamps.get
    out = np.empty(len(readings))
    for i, reading in enumerate(readings):
        x = get(reading.taken_at)
        if x is None:
            x = _stamps[reading.taken_at] = timestamp(reading.taken_at)
        out[i] = x
    return out


_grouped: tuple[Sequence[Reading] | None, dict[MotionKey, dict[SeriesKey, list[Reading]]]] = (
    None, {})


def series_groups(readings: Sequence[Reading]) -> dict[MotionKey, dict[SeriesKey, list[Reading]]]:
    """The series of every motion; the eight plots of one patient share one grouping pass
    (each plot grouping 5,000 readings again cost 20 ms of opening a patient)."""
    global _grouped
    source, groups = _grouped
    if source is not readings:
        groups = series_by_motion(readings)
        _grouped = (readings, groups)
    return groups


def motions_of(readings: Sequence[Reading]) -> list[MotionKey]:
    """The motions with current readings, in the order first measured."""
    return list(series_groups(readings))


def x_of_plain(readings: Sequence[Reading]) -> np.ndarray:
    """The reference for ``x_of``: each visit time converted on its own."""
    return np.array([timestamp(r.taken_at) for r in readings], dtype=float)
