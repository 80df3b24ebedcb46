"""Cohort numbers per treatment kind, computed by hand."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from ptlog.domain import records as d
from ptlog.domain.cohort import cohort_rows, expected_for, mean_ci95, t_quantile
from ptlog.domain.treatment_analysis import analyse_patient

IR = d.MotionKey("hip", "internal_rotation")
KNEE = d.MotionKey("knee", "flexion")
START = dt.date(2024, 3, 1)
PT = d.TreatmentKind.PHYSICAL_THERAPY
INJ = d.TreatmentKind.STEROID_INJECTION


def _reading(offset: int, degrees: float, side: str = "L", motion: d.MotionKey = IR,
             position: d.Position = d.Position.SEATED) -> d.Reading:
    return d.Reading(motion, d.Side(side), d.Mode.ACTIVE, position, degrees,
                     dt.datetime.combine(START + dt.timedelta(days=offset), dt.time(9)))


def _patient(index: int, kind: d.TreatmentKind, readings: list[d.Reading], *,
             cost: float | None = None, side: str = "L", start: int = 0,
             extra: tuple[d.Treatment, ...] = ()) -> d.PatientRecord:
    patient = d.Patient(f"C-{index}", "Fam", "Giv", dt.date(1970, 1, 1), d.Sex.MALE, id=index)
    treatment = d.Treatment(index, kind, START + dt.timedelta(days=start), None,
                            d.TreatmentSide(side), cost=cost, id=index * 10)
    return d.PatientRecord(patient, readings=tuple(readings), treatments=(treatment, *extra))


@pytest.mark.parametrize(("df", "expected"), [(1, 12.7062), (2, 4.3027), (5, 2.5706),
                                              (10, 2.2281), (30, 2.0423), (200, 1.9719)])
def test_t_quantile_matches_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_mean_ci95() -> None:
    assert mean_ci95([5.0]) is None
    assert mean_ci95([]) is None
    low, high = mean_ci95([10.0, 12.0, 2.0])  # mean 8, sd sqrt(28), n 3
    half = 4.302653 * math.sqrt(28) / math.sqrt(3)
    assert low == pytest.approx(8 - half, abs=1e-4)
    assert high == pytest.approx(8 + half, abs=1e-4)


def _clinic() -> list:  # type: ignore[type-arg]
    records = [
        # PT: +10 (responder, cost 800), +12 (responder, cost 1000), +2 (no, cost unknown)
        _patient(1, PT, [_reading(-1, 20), _reading(30, 30)], cost=800),
        _patient(2, PT, [_reading(-1, 20), _reading(60, 32)], cost=1000),
        _patient(3, PT, [_reading(-1, 20), _reading(90, 22)]),
        # PT without follow-up: not counted
        _patient(4, PT, [_reading(-1, 20)], cost=500),
        # injection that faded: +10 at day 14, +3 at day 100
        _patient(5, INJ, [_reading(-2, 20), _reading(14, 30), _reading(100, 23)], cost=300),
        # a knee-only patient does not count for hip internal rotation
        _patient(6, INJ, [_reading(-2, 100, motion=KNEE), _reading(20, 110, motion=KNEE)]),
    ]
    return [o for r in records for o in analyse_patient(r)]


def test_cohort_rows_by_hand() -> None:
    rows = {row.kind: row for row in cohort_rows(_clinic())}
    assert list(rows) == list(d.TreatmentKind)
    pt = rows[PT]
    assert (pt.patients, pt.responders) == (3, 2)
    assert pt.responder_rate == pytest.approx(2 / 3)
    assert pt.mean_change == pytest.approx(8.0)
    assert pt.ci95 == pytest.approx(mean_ci95([10.0, 12.0, 2.0]))
    assert pt.median_days_to_latest == 60
    assert pt.cost_per_responder == pytest.approx(900.0)  # (800 + 1000) / 2 paying responders
    assert pt.transient == 0
    inj = rows[INJ]
    assert (inj.patients, inj.responders, inj.transient) == (1, 0, 1)
    assert inj.responder_rate == 0.0
    assert inj.ci95 is None
    assert inj.cost_per_responder is None
    arthro = rows[d.TreatmentKind.HIP_ARTHROSCOPY]
    assert arthro.patients == 0
    assert arthro.responder_rate is None
    assert arthro.mean_change is None
    assert arthro.expected.success_low == 0.75
    assert arthro.expected.success_high == 0.9


def test_cohort_for_another_motion() -> None:
    rows = {row.kind: row for row in cohort_rows(_clinic(), KNEE)}
    assert rows[INJ].patients == 1
    assert rows[INJ].responders == 1
    assert rows[PT].patients == 0


def test_a_patient_counts_once_per_kind() -> None:
    # both sides treated, two positions, two PT courses: only the latest course counts, and of
    # its series the one followed longest
    second = d.Treatment(7, PT, START + dt.timedelta(days=200), None, d.TreatmentSide.BOTH,
                         id=71)
    record = _patient(7, PT, [
        _reading(-1, 20, "L"), _reading(-1, 20, "R"), _reading(30, 35, "L"), _reading(30, 35, "R"),
        _reading(199, 25, "L"), _reading(199, 25, "R"), _reading(230, 27, "L"),
        _reading(260, 34, "R"), _reading(199, 30, "L", position=d.Position.PRONE),
        _reading(230, 30, "L", position=d.Position.PRONE),
    ], side="B", extra=(second,))
    [row] = [r for r in cohort_rows(analyse_patient(record)) if r.kind is PT]
    assert row.patients == 1
    assert row.responders == 1  # right side, followed until day 260: +9
    assert row.mean_change == pytest.approx(9.0)
    assert row.median_days_to_latest == 60


def test_expected_comes_from_resources_with_source() -> None:
    pt = expected_for(PT)
    assert (pt.success_low, pt.success_high) == (0.65, 0.8)
    assert pt.recovery == "2-4 months"
    assert "patient-education article" in pt.source
    assert "CLINICAL" not in pt.source
    assert expected_for(d.TreatmentKind.OTHER).success_low is None


def test_json_row_shape() -> None:
    row = next(r for r in cohort_rows(_clinic()) if r.kind is PT).as_json()
    assert {"kind", "patients", "responders", "responder_rate", "mean_change",
            "expected"} <= set(row)
    assert row["kind"] == "physical_therapy"
    assert row["responder_rate"] == 0.667
    assert row["expected"]["success_rate"] == [0.65, 0.8]
    assert row["expected"]["source"]


def test_expected_rate_in_words() -> None:
    from ptlog.domain.cohort import expected_for
    from ptlog.domain.records import TreatmentKind

    assert expected_for(TreatmentKind.PHYSICAL_THERAPY).success_text() == "65–80%"
    assert expected_for(TreatmentKind.STEROID_INJECTION).success_text() == "40%"
    assert expected_for(TreatmentKind.DRY_NEEDLING).success_text() == "not published"
    assert expected_for(TreatmentKind.HIP_ARTHROSCOPY).success_text(dash="-") == "75-90%"


def test_window_rates_count_each_patient_by_the_last_follow_up_in_the_window() -> None:
    """Issue 16: a kind is judged in its own window; confounded follow-ups only when asked."""
    import datetime as dt

    from ptlog.domain import records as d
    from ptlog.domain.cohort import window_rates
    from ptlog.domain.treatment_analysis import analyse_patient

    ir = d.MotionKey("hip", "internal_rotation")
    start = dt.date(2025, 1, 10)

    def reading(days: int, degrees: float) -> d.Reading:
        return d.Reading(ir, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, degrees,
                         dt.datetime.combine(start + dt.timedelta(days=days), dt.time(9)))

    shot = d.Treatment(1, d.TreatmentKind.STEROID_INJECTION, start, None, d.TreatmentSide.LEFT,
                       id=1)
    course = d.Treatment(1, d.TreatmentKind.PHYSICAL_THERAPY, start + dt.timedelta(days=14),
                         start + dt.timedelta(days=70), d.TreatmentSide.LEFT, id=2)
    patient = d.Patient("W-1", "Ward", "Wendy", dt.date(1980, 1, 1), d.Sex.FEMALE, id=1)
    record = d.PatientRecord(patient, readings=(
        reading(-2, 20), reading(10, 29), reading(30, 22), reading(100, 35)),
        treatments=(shot, course))
    injection = [o for o in analyse_patient(record) if o.treatment is shot]
    rates = window_rates(injection)
    assert (rates["short"].patients, rates["short"].responders) == (1, 1)  # day 10, +9
    assert rates["medium"].patients == 0  # day 100 came after the course began
    assert rates["short"].responder_rate == 1.0
    assert rates["medium"].responder_rate is None
    counted = window_rates(injection, include_confounded=True)
    assert (counted["short"].patients, counted["short"].responders) == (1, 0)  # day 30, +2
    assert (counted["medium"].patients, counted["medium"].responders) == (1, 1)
    [row] = [r for r in cohort_rows(injection) if r.kind is d.TreatmentKind.STEROID_INJECTION]
    assert row.judged_window == "short"
    assert row.judged.patients == 1
