"""Hand-computed cases for every before/after rule of issue 4."""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain import records as d
from ptlog.domain.treatment_analysis import analyse_patient, window_for

IR = d.MotionKey("hip", "internal_rotation")
ER = d.MotionKey("hip", "external_rotation")
KNEE = d.MotionKey("knee", "flexion")
START = dt.date(2024, 3, 1)
PATIENT = d.Patient("T-1", "Test", "Pat", dt.date(1980, 1, 1), d.Sex.FEMALE, id=1)


def day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def reading(offset: int, degrees: float, side: str = "L", *, motion: d.MotionKey = IR,
            position: d.Position = d.Position.SEATED, mode: d.Mode = d.Mode.ACTIVE,
            hour: int = 9) -> d.Reading:
    return d.Reading(motion, d.Side(side), mode, position, degrees,
                     dt.datetime.combine(day(offset), dt.time(hour)))


def treatment(kind: d.TreatmentKind = d.TreatmentKind.STEROID_INJECTION, *, end: int | None = None,
              side: str = "L", start: int = 0) -> d.Treatment:
    return d.Treatment(1, kind, day(start), day(end) if end is not None else None,
                       d.TreatmentSide(side), id=1)


def analyse(readings: list[d.Reading], *treatments: d.Treatment, **kwargs):  # type: ignore[no-untyped-def]
    record = d.PatientRecord(PATIENT, readings=tuple(readings),
                             treatments=treatments or (treatment(),))
    return analyse_patient(record, **kwargs)


@pytest.mark.parametrize(
    ("days_after", "window"),
    [(0, "short"), (1, "short"), (42, "short"), (43, "medium"), (182, "medium"),
     (183, "long"), (400, "long")],
)
def test_window_edges(days_after: int, window: str) -> None:
    assert window_for(days_after) == window


def test_window_edges_through_the_analysis() -> None:
    [out] = analyse([reading(-5, 20), reading(42, 30), reading(43, 30), reading(182, 30),
                     reading(183, 30)])
    assert [(f.days_after, f.window) for f in out.followups] == [
        (42, "short"), (43, "medium"), (182, "medium"), (183, "long")]


def test_baseline_is_last_reading_on_or_before_start() -> None:
    [out] = analyse([reading(-30, 18), reading(-10, 20), reading(0, 21, hour=8), reading(10, 31)])
    assert out.baseline is not None
    assert (out.baseline.date, out.baseline.degrees) == (START, 21)
    assert [(f.date, f.change) for f in out.followups] == [(day(10), 10.0)]


@pytest.mark.parametrize(("offset", "has_baseline"), [(-60, True), (-61, False)])
def test_sixty_day_baseline_limit(offset: int, has_baseline: bool) -> None:
    [out] = analyse([reading(offset, 20), reading(30, 35)])
    assert (out.baseline is not None) is has_baseline
    if has_baseline:
        assert out.baseline is not None
        assert out.baseline.date == day(-60)
        assert out.responder is True
    else:
        assert out.followups == ()
        assert out.responder is None
        assert out.verdict == "no baseline"
        assert out.as_json()["baseline"] is None


def test_course_readings_during_are_not_followups() -> None:
    course = treatment(d.TreatmentKind.PHYSICAL_THERAPY, end=56)
    [out] = analyse([reading(-3, 20), reading(14, 24), reading(56, 30), reading(70, 33)], course)
    assert [(b.date, b.degrees) for b in out.during] == [(day(14), 24), (day(56), 30)]
    assert [(f.date, f.days_after, f.change, f.window) for f in out.followups] == [
        (day(70), 14, 13.0, "short")]
    assert out.responder is True


def test_one_day_treatment_counts_from_its_start() -> None:
    [out] = analyse([reading(-3, 20), reading(1, 24), reading(44, 26)])
    assert out.during == ()
    assert [(f.days_after, f.window) for f in out.followups] == [(1, "short"), (44, "medium")]


def test_side_filtering() -> None:
    readings = [reading(-3, 20, "L"), reading(-3, 30, "R"), reading(20, 30, "L"),
                reading(20, 31, "R")]
    left = analyse(readings, treatment(side="L"))
    assert [o.side for o in left] == [d.Side.LEFT]
    right = analyse(readings, treatment(side="R"))
    assert [o.side for o in right] == [d.Side.RIGHT]
    assert right[0].followups[0].change == 1.0
    assert right[0].responder is False
    both = analyse(readings, treatment(side="B"))
    assert [o.side for o in both] == [d.Side.LEFT, d.Side.RIGHT]


def test_positions_and_modes_are_never_compared() -> None:
    # seated baseline 20, prone follow-up 35: not a 15° gain, two separate series
    readings = [reading(-3, 20, position=d.Position.SEATED),
                reading(20, 35, position=d.Position.PRONE),
                reading(-2, 25, mode=d.Mode.PASSIVE), reading(21, 27, mode=d.Mode.PASSIVE)]
    outs = analyse(readings)
    by_series = {(o.position, o.mode): o for o in outs}
    assert set(by_series) == {(d.Position.SEATED, d.Mode.ACTIVE),
                              (d.Position.PRONE, d.Mode.ACTIVE),
                              (d.Position.SEATED, d.Mode.PASSIVE)}
    seated = by_series[(d.Position.SEATED, d.Mode.ACTIVE)]
    assert seated.followups == ()
    assert seated.responder is None
    prone = by_series[(d.Position.PRONE, d.Mode.ACTIVE)]
    assert prone.baseline is None
    passive = by_series[(d.Position.SEATED, d.Mode.PASSIVE)]
    assert passive.followups[0].change == 2.0
    assert passive.responder is False


def test_fading_injection_is_transient() -> None:
    [out] = analyse([reading(-7, 20), reading(14, 30), reading(40, 29), reading(100, 22)])
    assert [f.beyond_mdc for f in out.followups] == [True, True, False]
    assert [f.window for f in out.followups] == ["short", "short", "medium"]
    assert out.responder is False
    assert out.transient is True
    assert out.verdict == "gain faded"


def test_no_followup_means_responder_unknown() -> None:
    [out] = analyse([reading(-7, 20)])
    assert out.baseline is not None
    assert out.followups == ()
    assert out.responder is None
    assert out.transient is False
    assert out.verdict == "no follow-up yet"


def test_mdc_edge_and_float_noise() -> None:
    # 30.3 - 23.3 is 6.999999999999998 in floats: still a 7° change, beyond the 7° MDC
    [out] = analyse([reading(-1, 23.3), reading(30, 30.3)])
    assert out.mdc == 7.0
    assert out.followups[0].change == 7.0
    assert out.responder is True
    [below] = analyse([reading(-1, 23.3), reading(30, 30.2)])
    assert below.responder is False
    assert below.verdict == "within measurement error"


def test_mdc_per_motion_and_clinic_override() -> None:
    readings = [reading(-1, 120, motion=KNEE), reading(30, 125, motion=KNEE),
                reading(-1, 30), reading(30, 36)]
    outs = analyse(readings)
    assert {str(o.motion): (o.mdc, o.responder) for o in outs} == {
        "hip.internal_rotation": (7.0, False), "knee.flexion": (5.0, True)}
    outs = analyse(readings, mdc_overrides={"hip.internal_rotation": 6.0})
    assert {str(o.motion): o.responder for o in outs} == {
        "hip.internal_rotation": True, "knee.flexion": True}


def test_motion_filter_and_order() -> None:
    readings = [reading(-1, 30, motion=ER), reading(-1, 20), reading(10, 24),
                reading(10, 38, motion=ER)]
    assert [o.motion for o in analyse(readings)] == [IR, ER]  # catalog order
    assert [o.motion for o in analyse(readings, motion=ER)] == [ER]


def test_each_treatment_gets_its_own_entries() -> None:
    first = treatment(d.TreatmentKind.STEROID_INJECTION)
    second = d.Treatment(1, d.TreatmentKind.PHYSICAL_THERAPY, day(90), day(150),
                         d.TreatmentSide.LEFT, id=2)
    readings = [reading(-1, 20), reading(20, 30), reading(85, 21), reading(120, 25),
                reading(170, 32)]
    inj, pt = analyse(readings, second, first)
    assert inj.treatment is first
    assert pt.treatment is second
    assert pt.baseline is not None
    assert pt.baseline.degrees == 21
    assert [b.degrees for b in pt.during] == [25]
    assert [(f.days_after, f.change) for f in pt.followups] == [(20, 11.0)]
    assert [f.change for f in inj.followups] == [10.0, 1.0, 5.0, 12.0]
    # the PT course began on day 90: the injection's follow-ups after it are confounded
    assert [f.confounded for f in inj.followups] == [False, False, True, True]
    assert [(c.kind, c.start_date) for c in inj.confounded_by] == [
        (d.TreatmentKind.PHYSICAL_THERAPY, day(90))]
    assert pt.confounded_by == ()
    assert inj.in_window("short").date == day(20)  # type: ignore[union-attr]
    assert inj.in_window("medium").date == day(85)  # type: ignore[union-attr]
    assert inj.in_window("medium", include_confounded=True).date == day(170)  # type: ignore[union-attr]
    assert inj.in_window("long") is None


def test_a_treatment_of_the_other_side_does_not_confound() -> None:
    first = treatment(d.TreatmentKind.STEROID_INJECTION)
    other = d.Treatment(1, d.TreatmentKind.PHYSICAL_THERAPY, day(10), day(40),
                        d.TreatmentSide.RIGHT, id=2)
    both = d.Treatment(1, d.TreatmentKind.OTHER, day(60), None, d.TreatmentSide.BOTH, id=3)
    readings = [reading(-1, 20), reading(30, 30), reading(70, 31)]
    inj = next(o for o in analyse(readings, other, first) if o.treatment is first)
    assert inj.confounded_by == ()
    assert not any(f.confounded for f in inj.followups)
    inj = next(o for o in analyse(readings, other, first, both) if o.treatment is first)
    assert [c.kind for c in inj.confounded_by] == [d.TreatmentKind.OTHER]
    assert [f.confounded for f in inj.followups] == [False, True]


def test_json_entry_shape() -> None:
    [out] = analyse([reading(-1, 20), reading(50, 28.5)])
    entry = out.as_json()
    assert entry == {
        "chart": "T-1", "kind": "steroid_injection", "start_date": "2024-03-01",
        "end_date": None, "side": "L", "motion": "hip.internal_rotation",
        "position": "seated", "mode": "active", "mdc": 7.0,
        "baseline": {"date": "2024-02-29", "degrees": 20},
        "followups": [{"date": "2024-04-20", "degrees": 28.5, "days_after": 50,
                       "window": "medium", "change": 8.5, "beyond_mdc": True,
                       "confounded": False}],
        "responder": True, "transient": False, "confounded_by": [],
    }


def test_superseded_and_void_readings_are_ignored() -> None:
    old = d.Reading(IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 50,
                    dt.datetime.combine(day(20), dt.time(9)), is_current=False)
    [out] = analyse([reading(-1, 20), old, reading(30, 22)])
    assert [f.degrees for f in out.followups] == [22]
