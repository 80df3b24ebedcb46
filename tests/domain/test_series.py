"""Trend series never join positions or modes (CLINICAL §3); the normal band steps at birthdays."""

from __future__ import annotations

import datetime as dt

from ptlog.domain.records import Mode, MotionKey, Patient, Position, Reading, SeriesKey, Sex, Side
from ptlog.domain.series import BandSegment, measured_motions, normal_band, split_series

HIP_IR = MotionKey("hip", "internal_rotation")
KNEE = MotionKey("knee", "flexion")
D = dt.date


def r(
    degrees: float,
    day: dt.date,
    side: Side = Side.LEFT,
    position: Position = Position.SEATED,
    mode: Mode = Mode.ACTIVE,
    motion: MotionKey = HIP_IR,
    current: bool = True,
    id: int | None = None,
) -> Reading:
    at = dt.datetime.combine(day, dt.time(9))
    return Reading(motion, side, mode, position, degrees, at, id=id, is_current=current)


def test_split_series_keeps_position_mode_and_side_apart() -> None:
    readings = [
        r(30, D(2024, 2, 1)),
        r(35, D(2024, 1, 1)),
        r(40, D(2024, 1, 1), position=Position.PRONE),
        r(28, D(2024, 1, 1), mode=Mode.PASSIVE),
        r(33, D(2024, 1, 1), side=Side.RIGHT),
        r(99, D(2024, 1, 15), current=False),  # superseded: not on the trend line
    ]
    groups = split_series(readings)
    seated_left = SeriesKey(HIP_IR, Side.LEFT, Position.SEATED, Mode.ACTIVE)
    assert len(groups) == 4
    assert [x.degrees for x in groups[seated_left]] == [35, 30]  # time order
    assert [x.degrees for x in groups[SeriesKey(HIP_IR, Side.LEFT, Position.PRONE, Mode.ACTIVE)]] \
        == [40]
    assert all(x.is_current for values in groups.values() for x in values)


def test_split_series_orders_same_time_by_id() -> None:
    readings = [r(31, D(2024, 1, 1), id=9), r(30, D(2024, 1, 1), id=2)]
    (values,) = split_series(readings).values()
    assert [x.id for x in values] == [2, 9]


def test_measured_motions_in_first_seen_order() -> None:
    readings = [r(1, D(2024, 1, 1), motion=KNEE), r(1, D(2024, 1, 1)), r(2, D(2024, 2, 1))]
    assert measured_motions(readings) == [KNEE, HIP_IR]


def patient(birth: dt.date) -> Patient:
    return Patient("C-3", "Berg", "Lena", birth, Sex.FEMALE)


def test_band_gap_before_13_then_steps_at_20() -> None:
    band = normal_band(patient(D(2000, 6, 15)), HIP_IR, D(2013, 1, 1), D(2021, 12, 31))
    assert band == [
        BandSegment(D(2013, 6, 15), D(2020, 6, 14), 45, 50, "teens (13-19)"),
        BandSegment(D(2020, 6, 15), D(2021, 12, 31), 35, 45, "adults 20-49"),
    ]


def test_band_steps_at_the_50th_birthday() -> None:
    """The source's "20-50" and "50+" overlap at 50: a 50-year-old is in "50 and over"."""
    band = normal_band(patient(D(1971, 10, 1)), HIP_IR, D(2021, 1, 1), D(2021, 12, 31))
    assert [(s.start, s.end, s.low, s.high) for s in band] == [
        (D(2021, 1, 1), D(2021, 9, 30), 35, 45),
        (D(2021, 10, 1), D(2021, 12, 31), 25, 35),
    ]


def test_band_for_a_leap_day_birth_starts_on_1_march() -> None:
    band = normal_band(patient(D(2008, 2, 29)), HIP_IR, D(2021, 1, 1), D(2021, 12, 31))
    assert [(s.start, s.end) for s in band] == [(D(2021, 3, 1), D(2021, 12, 31))]


def test_band_for_a_child_is_empty_and_for_a_reversed_span_too() -> None:
    child = patient(D(2015, 1, 1))
    assert normal_band(child, HIP_IR, D(2020, 1, 1), D(2024, 12, 31)) == []
    assert normal_band(patient(D(1980, 1, 1)), HIP_IR, D(2024, 2, 1), D(2024, 1, 1)) == []


def test_adult_reference_band_is_one_segment_across_birthdays() -> None:
    band = normal_band(patient(D(1980, 6, 1)), KNEE, D(2020, 1, 1), D(2024, 1, 1))
    assert band == [BandSegment(D(2020, 1, 1), D(2024, 1, 1), 135, 135, "adult reference")]


def test_series_by_motion_is_split_series_per_motion_with_equal_keys_joined() -> None:
    from ptlog.domain.series import series_by_motion

    day = dt.datetime(2026, 1, 5, 9)
    readings = [
        Reading(HIP_IR, Side.LEFT, Mode.ACTIVE, Position.SEATED, 30, day, id=3),
        Reading(KNEE, Side.LEFT, Mode.ACTIVE, Position.SEATED, 120, day, id=1),
        # an equal motion key made elsewhere (a typed reading) joins the same series, in order
        Reading(MotionKey("hip", "internal_rotation"), Side.LEFT, Mode.ACTIVE, Position.SEATED,
                28, day - dt.timedelta(days=7), id=9),
        Reading(HIP_IR, Side.RIGHT, Mode.ACTIVE, Position.SEATED, 35, day, id=4,
                is_current=False),
    ]
    grouped = series_by_motion(readings)
    assert list(grouped) == [HIP_IR, KNEE]
    for motion, series in grouped.items():
        assert series == split_series(r for r in readings if r.motion == motion)
    (ir_left,) = grouped[HIP_IR].values()
    assert [r.degrees for r in ir_left] == [28, 30]


def test_merged_appends_when_it_can_and_sorts_when_it_must() -> None:
    from ptlog.domain.series import merged

    assert merged([1, 3, 5], [7, 6], key=lambda v: v) == [1, 3, 5, 6, 7]
    assert merged([1, 3, 5], [2], key=lambda v: v) == [1, 2, 3, 5]
    assert merged([], [2, 1], key=lambda v: v) == [1, 2]
    # equal keys: the existing item stays first, as a stable sort of existing + added would
    first, second = (5, "stored"), (5, "added")
    assert merged([first], [second], key=lambda v: v[0]) == [first, second]
