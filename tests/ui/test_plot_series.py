"""The trend plots' remembered conversions give what the plain code gives, call after call."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given as for_all
from hypothesis import settings
from hypothesis import strategies as st

from ptlog.domain import records as d
from ptlog.ui.plot_series import series_by_motion, series_groups, x_of, x_of_plain

_READING = st.builds(
    d.Reading,
    motion=st.sampled_from([d.MotionKey("hip", "internal_rotation"),
                            d.MotionKey("hip", "flexion"), d.MotionKey("knee", "flexion")]),
    side=st.sampled_from(list(d.Side)), mode=st.sampled_from(list(d.Mode)),
    position=st.sampled_from(list(d.Position)), degrees=st.floats(0, 150, allow_nan=False),
    taken_at=st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@for_all(batches=st.lists(st.lists(_READING, max_size=15).map(tuple), min_size=1, max_size=4))
def test_remembered_conversions_equal_the_plain_ones(batches: list[tuple[d.Reading, ...]]
                                                     ) -> None:
    """Several records in turn, each asked twice, as nine plots of one patient ask."""
    for readings in [*batches, *batches]:
        assert np.array_equal(x_of(readings), x_of_plain(readings))
        assert series_groups(readings) == series_by_motion(readings)
