"""Functional demands on hip internal rotation (CLINICAL §6)."""

from __future__ import annotations

import pytest

from ptlog.domain.records import MotionKey
from ptlog.domain.targets import functional_targets, target_by_key

HIP_IR = MotionKey("hip", "internal_rotation")


@pytest.mark.parametrize(
    ("key", "low", "high", "needed", "text"),
    [
        ("walking", 15, 20, 20, "Walking (stance phase): 15–20°"),
        ("running", 15, 20, 20, "Running (stance phase): 15–20°"),
        ("deep_squat", 20, 30, 30, "Deep squat without knee cave-in: 20–30°"),
        ("cycling", 25, 25, 25, "Cycling (pedal stroke): about 25°"),
        ("pitching", 50, None, 50, "Baseball pitching (follow-through): 50° or more"),
    ],
)
def test_targets_match_clinical_table(
    key: str, low: float, high: float | None, needed: float, text: str
) -> None:
    target = target_by_key(key)
    assert target.motion == HIP_IR
    assert (target.low, target.high) == (low, high)
    assert target.degrees_needed == needed
    assert target.describe() == text
    assert target.source


def test_all_five_targets_are_for_hip_internal_rotation() -> None:
    assert [t.key for t in functional_targets(HIP_IR)] == [
        "walking",
        "running",
        "deep_squat",
        "cycling",
        "pitching",
    ]
    assert functional_targets() == functional_targets(HIP_IR)
    assert functional_targets(MotionKey("knee", "flexion")) == []


def test_unknown_target_is_named() -> None:
    with pytest.raises(KeyError, match="golf"):
        target_by_key("golf")
