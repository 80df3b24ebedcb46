"""Axis ranges that a reader can take in: never a 0.6° span around one reading, never ±400.

pyqtgraph's auto-range pads a single value by a hair (one reading showed 30.0–30.6° and a
baseline alone −400…400 ×0.001); every chart of ptlog asks here instead.
"""

from __future__ import annotations

from collections.abc import Iterable

#: the narrowest degree axis worth drawing: a minimal detectable change (5–7°) stays visible
MIN_DEGREE_SPAN = 20.0
#: the narrowest time axis of a trend, in seconds (two weeks)
MIN_TIME_SPAN = 14 * 24 * 3600.0


def padded_range(values: Iterable[float], *, min_span: float, default: tuple[float, float],
                 pad: float = 0.06) -> tuple[float, float]:
    """The values' range widened to ``min_span`` (centred) and padded; ``default`` when empty."""
    numbers = [float(v) for v in values]
    if not numbers:
        return default
    low, high = min(numbers), max(numbers)
    if high - low < min_span:
        middle = (low + high) / 2
        low, high = middle - min_span / 2, middle + min_span / 2
    margin = (high - low) * pad
    return low - margin, high + margin
