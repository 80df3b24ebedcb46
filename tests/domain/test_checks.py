"""Plausibility (CLINICAL §1), change vs MDC (§4) and left/right asymmetry (§5)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptlog.domain.catalog import motion_spec
from ptlog.domain.checks import (
    PERCENT_FORMULA,
    Asymmetry,
    Change,
    ChangeVerdict,
    Plausibility,
    check_plausible,
)

HIP_IR = motion_spec("hip.internal_rotation")  # impossible < -30 or > 90; unusual < 0 or > 60


@pytest.mark.parametrize(
    ("degrees", "verdict"),
    [
        (-30.5, Plausibility.IMPOSSIBLE),
        (-30, Plausibility.UNUSUAL),  # exact limit: accepted with a warning
        (-0.5, Plausibility.UNUSUAL),
        (0, Plausibility.OK),
        (35, Plausibility.OK),
        (60, Plausibility.OK),
        (60.5, Plausibility.UNUSUAL),  # hypermobile: warned, not refused
        (90, Plausibility.UNUSUAL),
        (90.5, Plausibility.IMPOSSIBLE),
        (170, Plausibility.IMPOSSIBLE),  # CLINICAL §1's typo example
        (math.nan, Plausibility.IMPOSSIBLE),
        (math.inf, Plausibility.IMPOSSIBLE),
    ],
)
def test_plausibility_of_hip_internal_rotation(degrees: float, verdict: Plausibility) -> None:
    check = check_plausible(degrees, HIP_IR)
    assert check.verdict is verdict
    assert check.accepted is (verdict is not Plausibility.IMPOSSIBLE)
    assert bool(check.message) is (verdict is not Plausibility.OK)


def test_plausibility_messages_name_motion_and_limits() -> None:
    refused = check_plausible(170, HIP_IR).message
    assert "170°" in refused
    assert "hip internal rotation" in refused
    assert "-30 to 90" in refused
    warned = check_plausible(65, HIP_IR).message
    assert "65°" in warned
    assert "unusual" in warned
    assert "0–45°" in warned


def test_every_adult_normal_end_range_is_plausible() -> None:
    from ptlog.domain.catalog import catalog

    for spec in catalog().values():
        assert check_plausible(spec.normal_end, spec).verdict is Plausibility.OK, spec.label
        assert check_plausible(spec.normal_start, spec).verdict is Plausibility.OK, spec.label


# -- asymmetry: signed L − R, percent |L − R| / max(L, R) × 100, flag at >= MDC --


@pytest.mark.parametrize(
    ("left", "right", "signed", "percent", "flagged", "smaller"),
    [
        (30, 40, -10, 25.0, True, "L"),
        (40, 33, 7, 17.5, True, "R"),  # exactly the MDC of 7: flagged
        (40, 33.5, 6.5, 16.25, False, "R"),  # just under the MDC
        (33, 40, -7, 17.5, True, "L"),
        (36, 36, 0, 0.0, False, None),
        (0, 0, 0, 0.0, False, None),  # no division by zero
        (0, 10, -10, 100.0, True, "L"),
    ],
)
def test_asymmetry_hand_computed(
    left: float, right: float, signed: float, percent: float, flagged: bool, smaller: str | None
) -> None:
    asym = Asymmetry(left, right, mdc=7)
    assert asym.signed_difference == signed
    assert asym.percent == pytest.approx(percent)
    assert asym.flagged is flagged
    assert asym.smaller_side == smaller


def test_asymmetry_flag_follows_the_motion_mdc() -> None:
    assert Asymmetry(40, 35, mdc=5).flagged
    assert not Asymmetry(40, 35, mdc=7).flagged


def test_asymmetry_describe_says_formula_and_verdict() -> None:
    text = Asymmetry(30, 40, mdc=7).describe()
    assert text.startswith("asymmetric")
    assert "L − R = -10°" in text
    assert "25% of the larger side" in text
    assert "MDC of 7°" in text
    assert Asymmetry(40, 36, mdc=7).describe().startswith("symmetric within measurement error")
    assert PERCENT_FORMULA == "|L − R| / max(L, R) × 100"


def test_percent_is_not_shown_when_a_side_is_below_neutral() -> None:
    """|L − R| / max(L, R) assumes both sides start at 0: -10 vs 10 would read 200%."""
    asym = Asymmetry(-10, 10, mdc=5)
    assert not asym.percent_applies
    assert asym.percent == 100.0
    assert asym.flagged
    assert "%" not in asym.describe()
    assert "L − R = -20°" in asym.describe()


angles = st.floats(min_value=-30, max_value=210, allow_nan=False)
positive_angles = st.floats(min_value=0, max_value=210, allow_nan=False)
mdcs = st.floats(min_value=0.5, max_value=15, allow_nan=False)


@given(angles, angles, mdcs)
def test_asymmetry_percent_in_range_and_symmetric(left: float, right: float, mdc: float) -> None:
    ab, ba = Asymmetry(left, right, mdc), Asymmetry(right, left, mdc)
    assert 0.0 <= ab.percent <= 100.0
    assert ab.percent == ba.percent
    assert ab.signed_difference == -ba.signed_difference
    assert ab.flagged is ba.flagged
    assert ab.flagged is (abs(left - right) >= mdc)


@given(positive_angles, positive_angles)
def test_asymmetry_percent_matches_the_formula(left: float, right: float) -> None:
    asym = Asymmetry(left, right, 5)
    expected = 0.0 if max(left, right) == 0 else abs(left - right) / max(left, right) * 100
    assert asym.percent_applies
    assert asym.percent == pytest.approx(expected)


# -- change since the previous comparable reading vs MDC --


@pytest.mark.parametrize(
    ("previous", "current", "mdc", "verdict"),
    [
        (30, 37, 7, ChangeVerdict.IMPROVED),  # exactly the MDC is a real change
        (30, 36.9, 7, ChangeVerdict.WITHIN_ERROR),
        (30, 23.5, 7, ChangeVerdict.WITHIN_ERROR),
        (30, 23, 7, ChangeVerdict.WORSENED),
        (30, 30, 7, ChangeVerdict.WITHIN_ERROR),
        (15, 32, 7, ChangeVerdict.IMPROVED),  # CLINICAL §7's arthroscopy example
        (100, 104, 5, ChangeVerdict.WITHIN_ERROR),
        (100, 105, 5, ChangeVerdict.IMPROVED),
    ],
)
def test_change_against_mdc(
    previous: float, current: float, mdc: float, verdict: ChangeVerdict
) -> None:
    change = Change(previous, current, mdc)
    assert change.delta == pytest.approx(current - previous)
    assert change.verdict is verdict


def test_change_within_error_is_never_called_gain_or_loss() -> None:
    text = Change(30, 34, 7).describe()
    assert "within measurement error" in text
    assert "gain" not in text
    assert "loss" not in text
    assert "+4°" in text
    assert "real gain" in Change(15, 32, 7).describe()
    assert "real loss" in Change(30, 20, 7).describe()


@given(angles, angles, mdcs)
def test_change_verdict_is_antisymmetric(a: float, b: float, mdc: float) -> None:
    forth, back = Change(a, b, mdc).verdict, Change(b, a, mdc).verdict
    swap = {
        ChangeVerdict.IMPROVED: ChangeVerdict.WORSENED,
        ChangeVerdict.WORSENED: ChangeVerdict.IMPROVED,
        ChangeVerdict.WITHIN_ERROR: ChangeVerdict.WITHIN_ERROR,
    }
    assert back is swap[forth]
