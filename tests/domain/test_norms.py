"""Age-matched normal ranges (CLINICAL §2) and the position a norm applies to (§3)."""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain.norms import (
    NormalRange,
    NormFlag,
    classify_against_norm,
    cutoffs_for,
    normal_range_at,
    normal_range_for,
)
from ptlog.domain.records import MotionKey, Patient, Position, Sex

HIP_IR = MotionKey("hip", "internal_rotation")
KNEE_FLEXION = MotionKey("knee", "flexion")


def patient_born(day: dt.date) -> Patient:
    return Patient("C-1", "Núñez", "Ana", day, Sex.FEMALE)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, None),
        (12, None),  # no band is published under 13: none is shown
        (13, (45, 50)),
        (16, (45, 50)),
        (19, (45, 50)),
        (20, (35, 45)),
        (35, (35, 45)),
        (49, (35, 45)),
        (50, (25, 35)),  # "20-50" and "50+" overlap: 50 is 50 and over
        (51, (25, 35)),
        (90, (25, 35)),
    ],
)
def test_hip_internal_rotation_band_by_age(age: int, band: tuple[int, int] | None) -> None:
    norm = normal_range_for(age, HIP_IR)
    if band is None:
        assert norm is None
    else:
        assert norm is not None
        assert (norm.low, norm.high) == band


# born 15 June 2000: the visit dates put the age just before and exactly at each boundary
BIRTH = dt.date(2000, 6, 15)


@pytest.mark.parametrize(
    ("visit", "band"),
    [
        (dt.date(2013, 6, 14), None),  # 12.99 years
        (dt.date(2013, 6, 15), (45, 50)),  # 13th birthday is the visit day
        (dt.date(2020, 6, 14), (45, 50)),  # 19 years 364 days
        (dt.date(2020, 6, 15), (35, 45)),  # 20th birthday
        (dt.date(2050, 6, 14), (35, 45)),  # 49 years 364 days
        (dt.date(2050, 6, 15), (25, 35)),  # 50th birthday: 50 and over
    ],
)
def test_band_uses_age_at_the_visit_date(visit: dt.date, band: tuple[int, int] | None) -> None:
    norm = normal_range_at(patient_born(BIRTH), HIP_IR, visit)
    assert (None if norm is None else (norm.low, norm.high)) == band


def test_age_at_visit_not_today() -> None:
    """A 2010 visit of someone now in their fifties used the band of a 20-year-old."""
    patient = patient_born(dt.date(1970, 1, 10))
    norm = normal_range_at(patient, HIP_IR, dt.date(1990, 1, 10))
    assert norm is not None
    assert (norm.low, norm.high) == (35, 45)


@pytest.mark.parametrize(
    ("day", "age"),
    [
        (dt.date(2013, 2, 28), 12),  # born 29 Feb: the birthday counts from 1 March
        (dt.date(2013, 3, 1), 13),
        (dt.date(2012, 2, 28), 11),
        (dt.date(2012, 2, 29), 12),
    ],
)
def test_age_of_a_leap_day_birth(day: dt.date, age: int) -> None:
    assert patient_born(dt.date(2000, 2, 29)).age_on(day) == age


def test_hip_band_says_seated_position_and_source() -> None:
    norm = normal_range_for(30, HIP_IR)
    assert norm is not None
    assert norm.position is Position.SEATED
    assert "90" in norm.position_note
    assert norm.label == "adults 20-49"
    assert norm.source
    assert norm.describe() == "35–45° (adults 20-49, seated)"


def test_norm_keeps_its_own_position_whatever_was_measured() -> None:
    """Measured prone, the band is still the seated one and says so; the caller shows that."""
    norm = normal_range_for(30, HIP_IR, Position.PRONE)
    assert norm is not None
    assert norm.position is Position.SEATED


def test_other_motions_use_the_aaos_adult_end_range_from_13() -> None:
    assert normal_range_for(12, KNEE_FLEXION) is None
    norm = normal_range_for(13, KNEE_FLEXION)
    assert norm is not None
    assert (norm.low, norm.high) == (135, 135)
    assert norm.position is None
    assert norm.label == "adult reference"
    assert "Orthopaedic" in norm.source
    assert norm.describe() == "135° (adult reference)"
    older = normal_range_for(80, MotionKey("shoulder", "external_rotation"))
    assert older is not None
    assert older.high == 90


@pytest.mark.parametrize(
    ("degrees", "flag"),
    [(44.9, NormFlag.BELOW), (45, NormFlag.WITHIN), (50, NormFlag.WITHIN), (50.1, NormFlag.ABOVE)],
)
def test_classify_against_norm_bounds_are_inclusive(degrees: float, flag: NormFlag) -> None:
    norm = NormalRange(45, 50, "src", "teens (13-19)", Position.SEATED)
    assert classify_against_norm(degrees, norm) is flag


def test_clinical_cutoffs_for_hip_internal_rotation() -> None:
    cutoffs = {c.below: c for c in cutoffs_for(HIP_IR)}
    assert set(cutoffs) == {15.0, 24.0}
    assert "Rheumatology" in cutoffs[15.0].label
    assert "Holla" in cutoffs[24.0].source
    assert cutoffs_for(KNEE_FLEXION) == []
