"""The exercise library and the default home program chosen from the findings."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from ptlog.domain.exercises import (
    MAINTENANCE_PROGRAM,
    ROTATION_PROGRAM,
    default_program,
    exercise_by_id,
    exercise_library,
    figure_svg,
    home_advice,
    rotation_is_limited,
    rotation_threshold,
)
from ptlog.domain.records import (
    Goal,
    Mode,
    MotionKey,
    Patient,
    PatientRecord,
    Position,
    Reading,
    Sex,
    Side,
)
from ptlog.domain.resources import resource_path

HIP_IR = MotionKey("hip", "internal_rotation")
TODAY = dt.date(2025, 6, 1)


def record(left: float | None, right: float | None, *, born: dt.date = dt.date(1990, 1, 1),
           goals: tuple[Goal, ...] = ()) -> PatientRecord:
    patient = Patient("X1", "Zoë", "Ørsted", born, Sex.FEMALE, id=1)
    at = dt.datetime(2025, 5, 20, 9)
    readings = tuple(
        Reading(HIP_IR, side, Mode.ACTIVE, Position.SEATED, value, at)
        for side, value in ((Side.LEFT, left), (Side.RIGHT, right)) if value is not None
    )
    return PatientRecord(patient, readings=readings, goals=goals)


def test_library_covers_clinical_section_8() -> None:
    library = exercise_library()
    ids = {e.id for e in library}
    assert set(ROTATION_PROGRAM) | set(MAINTENANCE_PROGRAM) <= ids
    assert {e.category for e in library} == {"mobility", "strength"}
    assert sum(e.category == "mobility" for e in library) == 3
    for exercise in library:
        assert exercise.how_to
        assert exercise.dose
        assert exercise.frequency
        assert exercise.figure.lines
        assert exercise.figure.circles
        for x1, y1, x2, y2 in exercise.figure.lines:
            assert min(x1, x2) >= 0
            assert max(x1, x2) <= 120
            assert 0 <= min(y1, y2) <= 80
    assert exercise_by_id("seated_band_internal_rotation").dose.startswith("3 sets of 15")
    with pytest.raises(KeyError, match="unknown exercise"):
        exercise_by_id("nope")


def test_shipped_svgs_match_the_figure_data() -> None:
    for exercise in exercise_library():
        path = resource_path("exercises", f"{exercise.id}.svg")
        assert path.read_text(encoding="utf-8") == figure_svg(exercise), (
            f"{path.name} is stale: regenerate it from exercises.json")
        root = ET.fromstring(figure_svg(exercise))
        lines = root.findall(".//{http://www.w3.org/2000/svg}line")
        assert len(lines) == (len(exercise.figure.lines) + len(exercise.figure.ghost_lines)
                              + len(exercise.figure.bands) + len(exercise.figure.arrows))


def test_limited_rotation_gets_the_rotation_drills() -> None:
    program = [e.id for e in default_program(record(18, 20), TODAY)]  # adult band 35–45
    assert program == list(ROTATION_PROGRAM)
    assert any(e.category == "strength" for e in default_program(record(18, 20), TODAY))


def test_normal_symmetric_rotation_gets_maintenance() -> None:
    assert [e.id for e in default_program(record(40, 41), TODAY)] == list(MAINTENANCE_PROGRAM)


def test_asymmetry_of_at_least_the_mdc_counts_as_limited() -> None:
    assert rotation_is_limited(record(36, 44), TODAY)  # 8° apart, MDC 7°
    assert not rotation_is_limited(record(38, 44), TODAY)


def test_a_goal_above_the_current_value_counts() -> None:
    goal = Goal(1, HIP_IR, 50.0, label="pitching")
    assert rotation_is_limited(record(42, 43, goals=(goal,)), TODAY)
    assert rotation_threshold(record(42, 43, goals=(goal,)), Side.LEFT, TODAY) == 50


def test_children_without_a_band_use_the_deep_squat_floor() -> None:
    child = record(18, 19, born=dt.date(2016, 1, 1))
    assert rotation_threshold(child, Side.LEFT, TODAY) == 20
    assert rotation_is_limited(child, TODAY)
    assert not rotation_is_limited(record(26, 27, born=dt.date(2016, 1, 1)), TODAY)


def test_no_readings_means_maintenance() -> None:
    assert [e.id for e in default_program(record(None, None), TODAY)] == list(MAINTENANCE_PROGRAM)


def test_readings_after_today_are_ignored() -> None:
    assert not rotation_is_limited(record(10, 10), dt.date(2025, 5, 1))


def test_home_advice_has_checks_signs_and_habits() -> None:
    advice = home_advice()
    assert {c.name for c in advice.self_checks} == {"Seated figure-4", "Butterfly"}
    assert len(advice.warning_signs) == 5
    assert advice.daily_habits
