"""What the entry panel says beside a typed value: every Flag kind, and parse_degrees."""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain.flags import EntryContext, Flag, Severity, flags_for, worst
from ptlog.domain.parse import degrees_or_none
from ptlog.domain.records import Mode, MotionKey, Patient, Position, Reading, Sex, Side

HIP_IR = MotionKey("hip", "internal_rotation")
VISIT_AT = dt.datetime(2024, 3, 1, 10, 0)


@pytest.mark.parametrize(
    ("text", "degrees"),
    [
        ("35", 35.0),
        ("37,5", 37.5),  # decimal comma
        ("37.5", 37.5),
        ("35°", 35.0),
        (" 35 ° ", 35.0),
        ("-5", -5.0),
        ("+5", 5.0),
        (",5", 0.5),
        ("", None),
        ("   ", None),
        ("°", None),  # only the unit: nothing typed yet
    ],
)
def test_parse_degrees_accepts(text: str, degrees: float | None) -> None:
    assert degrees_or_none(text) == degrees


@pytest.mark.parametrize(
    "text", ["abc", "3 5", "35.5.1", "1_5", "1e2", "nan", "inf", "--5", "35 deg", "°35x"]
)
def test_parse_degrees_refuses_junk(text: str) -> None:
    """float() alone would take "1_5" as 15 and "1e2" as 100: typos must not become angles."""
    with pytest.raises(ValueError, match="not a number of degrees"):
        degrees_or_none(text)


def adult(birth: dt.date = dt.date(1990, 5, 20)) -> Patient:
    return Patient("C-7", "Okafor", "Chidi", birth, Sex.MALE)


def reading(
    degrees: float,
    at: dt.datetime,
    side: Side = Side.LEFT,
    position: Position = Position.SEATED,
    mode: Mode = Mode.ACTIVE,
    current: bool = True,
) -> Reading:
    return Reading(HIP_IR, side, mode, position, degrees, at, is_current=current)


def context(
    patient: Patient | None = None,
    history: tuple[Reading, ...] = (),
    position: Position = Position.SEATED,
    overrides: dict[str, float] | None = None,
) -> EntryContext:
    return EntryContext(
        patient=patient or adult(),
        visit_day=VISIT_AT.date(),
        visit_at=VISIT_AT,
        position=position,
        mode=Mode.ACTIVE,
        history=history,
        mdc_overrides=overrides,
    )


def by_kind(flags: list[Flag]) -> dict[str, Flag]:
    kinds = [f.kind for f in flags]
    assert len(kinds) == len(set(kinds)), kinds
    return {f.kind: f for f in flags}


def test_empty_field_has_no_flags() -> None:
    assert flags_for(HIP_IR, Side.LEFT, "  ", "40", context()) == []


def test_junk_is_one_error_and_nothing_else() -> None:
    flags = flags_for(HIP_IR, Side.LEFT, "4o", "", context())
    assert flags == [Flag("plausibility", Severity.ERROR, "'4o' is not a number of degrees")]
    assert worst(flags) is Severity.ERROR


def test_impossible_value_is_refused_alone() -> None:
    flags = flags_for(HIP_IR, Side.LEFT, "170", "40", context())
    assert len(flags) == 1
    assert flags[0].kind == "plausibility"
    assert flags[0].severity is Severity.ERROR
    assert "170°" in flags[0].text


def test_unusual_value_is_warned_and_still_checked() -> None:
    kinds = by_kind(flags_for(HIP_IR, Side.LEFT, "65", "", context()))
    assert kinds["plausibility"].severity is Severity.WARN
    assert kinds["norm"].severity is Severity.WARN  # above the adult 35–45
    assert "above normal" in kinds["norm"].text


@pytest.mark.parametrize(
    ("text", "severity", "words"),
    [
        ("30", Severity.ALERT, "below normal 35–45°"),
        ("35", Severity.OK, "within normal 35–45°"),
        ("45", Severity.OK, "within normal"),
        ("46", Severity.WARN, "above normal"),
    ],
)
def test_norm_flag_for_a_33_year_old(text: str, severity: Severity, words: str) -> None:
    kinds = by_kind(flags_for(HIP_IR, Side.RIGHT, text, "", context()))
    assert "plausibility" not in kinds
    assert kinds["norm"].severity is severity
    assert words in kinds["norm"].text


def test_no_norm_under_13_is_said_not_invented() -> None:
    child = adult(birth=dt.date(2011, 3, 2))  # 12 on the visit day, 13 the next day
    kinds = by_kind(flags_for(HIP_IR, Side.LEFT, "40", "", context(child)))
    assert kinds["norm"].severity is Severity.INFO
    assert kinds["norm"].text == "no published normal range at age 12"


def test_norm_flag_says_when_the_position_differs() -> None:
    kinds = by_kind(flags_for(HIP_IR, Side.LEFT, "40", "", context(position=Position.PRONE)))
    assert "the norm is for seated, you measure prone" in kinds["norm"].text
    same = by_kind(flags_for(HIP_IR, Side.LEFT, "40", "", context()))
    assert "you measure" not in same["norm"].text


@pytest.mark.parametrize(
    ("side", "text", "other", "severity", "signed"),
    [
        (Side.LEFT, "30", "40", Severity.ALERT, "L − R = -10°"),
        (Side.RIGHT, "30", "40", Severity.ALERT, "L − R = +10°"),  # other is the left
        (Side.LEFT, "40", "33", Severity.ALERT, "L − R = +7°"),  # exactly the MDC of 7
        (Side.LEFT, "40", "34", Severity.OK, "L − R = +6°"),
    ],
)
def test_asymmetry_flag(
    side: Side, text: str, other: str, severity: Severity, signed: str
) -> None:
    kinds = by_kind(flags_for(HIP_IR, side, text, other, context()))
    assert kinds["asymmetry"].severity is severity
    assert signed in kinds["asymmetry"].text


@pytest.mark.parametrize("other", ["", "abc", "170"])
def test_no_asymmetry_without_a_usable_other_side(other: str) -> None:
    assert "asymmetry" not in by_kind(flags_for(HIP_IR, Side.LEFT, "40", other, context()))


def test_mdc_override_changes_the_asymmetry_verdict() -> None:
    flags = flags_for(HIP_IR, Side.LEFT, "40", "34", context(overrides={str(HIP_IR): 5}))
    assert by_kind(flags)["asymmetry"].severity is Severity.ALERT


def test_first_reading_says_so() -> None:
    kinds = by_kind(flags_for(HIP_IR, Side.LEFT, "40", "", context()))
    assert kinds["change"].severity is Severity.INFO
    assert kinds["change"].text == "first reading in this position and mode"


@pytest.mark.parametrize(
    ("now", "severity", "words"),
    [
        ("37", Severity.OK, "real gain"),  # +7 = MDC
        ("36", Severity.INFO, "within measurement error"),
        ("23", Severity.ALERT, "real loss"),
    ],
)
def test_change_since_previous_comparable(now: str, severity: Severity, words: str) -> None:
    history = (reading(30, dt.datetime(2024, 1, 10, 9, 0)),)
    change = by_kind(flags_for(HIP_IR, Side.LEFT, now, "", context(history=history)))["change"]
    assert change.severity is severity
    assert words in change.text
    assert "was 30° on 2024-01-10" in change.text


def test_change_ignores_other_series_later_and_superseded_readings() -> None:
    history = (
        reading(30, dt.datetime(2024, 1, 10)),
        reading(10, dt.datetime(2024, 2, 1), position=Position.PRONE),
        reading(10, dt.datetime(2024, 2, 1), mode=Mode.PASSIVE),
        reading(10, dt.datetime(2024, 2, 1), side=Side.RIGHT),
        reading(10, dt.datetime(2024, 2, 1), current=False),
        reading(10, dt.datetime(2024, 4, 1)),  # after this visit
        reading(10, VISIT_AT),  # this visit itself
    )
    change = by_kind(flags_for(HIP_IR, Side.LEFT, "33", "", context(history=history)))["change"]
    assert "was 30° on 2024-01-10" in change.text
    assert change.severity is Severity.INFO


def test_change_uses_the_mdc_override() -> None:
    history = (reading(30, dt.datetime(2024, 1, 10)),)
    ctx = context(history=history, overrides={str(HIP_IR): 3})
    change = by_kind(flags_for(HIP_IR, Side.LEFT, "33", "", ctx))["change"]
    assert change.severity is Severity.OK


def test_worst_severity() -> None:
    assert worst([]) is Severity.INFO
    flags = [Flag("norm", Severity.OK, ""), Flag("asymmetry", Severity.ALERT, "")]
    assert worst(flags) is Severity.ALERT


@pytest.mark.parametrize(("text", "other", "history_degrees", "briefs"), [
    ("30", "38", 35.0, {"norm": "below normal 35–45°", "asymmetry": "asymmetric, L -8°",
                        "change": "Δ -5°: within error"}),
    ("44", "43", 30.0, {"norm": "within normal 35–45°", "asymmetry": "symmetric, L +1°",
                        "change": "Δ +14°: real gain"}),
    ("20", "", 35.0, {"norm": "below normal 35–45°", "change": "Δ -15°: real loss"}),
    ("40", "", None, {"norm": "within normal 35–45°", "change": "first reading"}),
    ("170", "", None, {"plausibility": "not possible: -30 to 90°"}),
])
def test_every_flag_has_a_brief_form_for_beside_the_field(text, other, history_degrees,
                                                          briefs) -> None:
    history = [reading(history_degrees, VISIT_AT - dt.timedelta(days=14))] \
        if history_degrees is not None else []
    flags = flags_for(HIP_IR, Side.LEFT, text, other, context(history=history))
    assert {f.kind: f.short for f in flags} == briefs
    for flag in flags:
        assert len(flag.short) <= 26
        assert len(flag.short) <= len(flag.text)


def test_a_reference_value_brief_puts_the_number_first() -> None:
    flexion = MotionKey("hip", "flexion")
    flags = flags_for(flexion, Side.LEFT, "95", "", context())
    assert by_kind(flags)["norm"].short == "below 120° (reference)"
    flags = flags_for(flexion, Side.LEFT, "119", "", context())
    assert by_kind(flags)["norm"].short == "at 120° (reference)"
