"""The motion catalog against CLINICAL §1 (adult ranges) and §4 (MDC defaults and overrides)."""

from __future__ import annotations

import pytest

from ptlog.domain import catalog as cat
from ptlog.domain.records import MotionKey

# CLINICAL §1, transcribed by hand: (joint, motion) -> adult end-range, start 0°
CLINICAL_ADULT_RANGES = {
    ("hip", "flexion"): 120,
    ("hip", "extension"): 30,
    ("hip", "abduction"): 45,
    ("hip", "adduction"): 30,
    ("hip", "internal_rotation"): 45,
    ("hip", "external_rotation"): 45,
    ("knee", "flexion"): 135,
    ("ankle", "dorsiflexion"): 20,
    ("ankle", "plantarflexion"): 50,
    ("ankle", "inversion"): 35,
    ("ankle", "eversion"): 15,
    ("shoulder", "flexion"): 180,
    ("shoulder", "extension"): 60,
    ("shoulder", "abduction"): 180,
    ("shoulder", "internal_rotation"): 70,
    ("shoulder", "external_rotation"): 90,
    ("elbow", "flexion"): 150,
    ("forearm", "pronation"): 80,
    ("forearm", "supination"): 80,
    ("wrist", "flexion"): 80,
    ("wrist", "extension"): 70,
    ("wrist", "radial_deviation"): 20,
    ("wrist", "ulnar_deviation"): 30,
}


def test_catalog_holds_exactly_the_clinical_motions() -> None:
    keys = {(k.joint, k.motion) for k in cat.catalog()}
    assert keys == set(CLINICAL_ADULT_RANGES)


@pytest.mark.parametrize(("joint", "motion"), sorted(CLINICAL_ADULT_RANGES))
def test_adult_range_matches_clinical_table(joint: str, motion: str) -> None:
    spec = cat.motion_spec(MotionKey(joint, motion))
    assert spec.normal_start == 0
    assert spec.normal_end == CLINICAL_ADULT_RANGES[(joint, motion)]


@pytest.mark.parametrize("key", list(cat.catalog()), ids=str)
def test_limits_nest_around_the_normal_range(key: MotionKey) -> None:
    """Impossible outside unusual outside normal: otherwise a normal value could be refused."""
    s = cat.motion_spec(key)
    assert s.impossible_below <= s.unusual_below <= s.normal_start
    assert s.normal_start < s.normal_end <= s.unusual_above <= s.impossible_above
    assert s.label.lower().endswith(s.motion_label)


def test_hip_rotation_mdc_is_7_and_every_other_motion_5() -> None:
    rotations = {MotionKey("hip", "internal_rotation"), MotionKey("hip", "external_rotation")}
    for key, spec in cat.catalog().items():
        assert spec.mdc == (7.0 if key in rotations else 5.0), key
        assert cat.mdc_for(key) == spec.mdc


def test_mdc_override_wins_only_for_its_motion() -> None:
    overrides = {"hip.internal_rotation": 8.6}
    assert cat.mdc_for(MotionKey("hip", "internal_rotation"), overrides) == 8.6
    assert cat.mdc_for(MotionKey("hip", "external_rotation"), overrides) == 7.0
    assert cat.mdc_for(MotionKey("knee", "flexion"), overrides) == 5.0
    assert cat.mdc_for(MotionKey("knee", "flexion"), {}) == 5.0
    assert cat.mdc_for(MotionKey("knee", "flexion"), None) == 5.0


def test_mdc_for_a_motion_outside_the_catalog_is_the_default() -> None:
    assert cat.mdc_for(MotionKey("toe", "flexion")) == cat.DEFAULT_MDC == 5.0


def test_mdc_source_names_gradoz_for_hip_rotation_and_the_rule_of_thumb_elsewhere() -> None:
    assert "Gradoz" in cat.mdc_source(MotionKey("hip", "internal_rotation"))
    assert "Gradoz" in cat.mdc_source(MotionKey("hip", "external_rotation"))
    assert "5" in cat.mdc_source(MotionKey("knee", "flexion"))
    assert "Gradoz" not in cat.mdc_source(MotionKey("knee", "flexion"))


def test_motion_spec_accepts_text_and_names_an_unknown_motion() -> None:
    assert cat.motion_spec("hip.internal_rotation").label == "Hip internal rotation"
    with pytest.raises(KeyError, match=r"hip\.twist"):
        cat.motion_spec("hip.twist")


@pytest.mark.parametrize("text", ["hip", "hip.", ".flexion", "", "hip internal_rotation"])
def test_motion_key_parse_refuses_malformed_text(text: str) -> None:
    with pytest.raises(ValueError, match="JOINT.MOTION"):
        MotionKey.parse(text)


def test_motion_key_round_trips_through_text() -> None:
    key = MotionKey("hip", "internal_rotation")
    assert str(key) == "hip.internal_rotation"
    assert MotionKey.parse(" hip.internal_rotation ") == key


def test_hip_panel_is_the_six_hip_motions_rotation_first() -> None:
    panel = cat.hip_panel()
    assert [str(k) for k in panel] == [
        "hip.internal_rotation",
        "hip.external_rotation",
        "hip.flexion",
        "hip.extension",
        "hip.abduction",
        "hip.adduction",
    ]


def test_known_motions_and_joints() -> None:
    assert cat.is_known_motion("hip", "internal_rotation")
    assert not cat.is_known_motion("hip", "pronation")
    assert cat.joints() == ["hip", "knee", "ankle", "shoulder", "elbow", "forearm", "wrist"]
    assert "Orthopaedic" in cat.normal_source()


def test_labels_for_display() -> None:
    spec = cat.motion_spec("hip.internal_rotation")
    assert spec.joint_label == "Hip"
    assert spec.motion_label == "internal rotation"
