"""A single AAOS reference value is reached within the MDC; a band has hard edges."""

from __future__ import annotations

import datetime as dt

import pytest

from ptlog.domain import records as d
from ptlog.domain.flags import EntryContext, flags_for
from ptlog.domain.norms import NormalRange, NormFlag, classify_against_norm

FLEXION_REF = NormalRange(120, 120, "AAOS", "adult reference", None)
IR_BAND = NormalRange(35, 45, "table", "adults 20-50", d.Position.SEATED)


@pytest.mark.parametrize(("degrees", "expected"), [
    (114.9, NormFlag.BELOW), (115, NormFlag.WITHIN), (120, NormFlag.WITHIN),
    (125, NormFlag.WITHIN), (125.1, NormFlag.ABOVE),
])
def test_reference_value_counts_within_the_mdc(degrees: float, expected: NormFlag) -> None:
    assert classify_against_norm(degrees, FLEXION_REF, mdc=5) is expected


@pytest.mark.parametrize(("degrees", "expected"), [
    (34.9, NormFlag.BELOW), (35, NormFlag.WITHIN), (45, NormFlag.WITHIN), (45.1, NormFlag.ABOVE),
])
def test_band_edges_ignore_the_mdc(degrees: float, expected: NormFlag) -> None:
    assert classify_against_norm(degrees, IR_BAND, mdc=7) is expected


def test_flag_words_for_a_reference_value() -> None:
    patient = d.Patient("R-1", "Ref", "Rita", dt.date(1980, 1, 1), d.Sex.FEMALE)
    day = dt.date(2026, 3, 1)
    context = EntryContext(patient=patient, visit_day=day,
                           visit_at=dt.datetime.combine(day, dt.time(9)),
                           position=d.Position.SUPINE, mode=d.Mode.ACTIVE, history=())
    flexion = d.MotionKey("hip", "flexion")
    near = [f.text for f in flags_for(flexion, d.Side.LEFT, "116", "", context) if f.kind == "norm"]
    assert near == ["at the reference 120° (adult reference), within the MDC"]
    low = [f.text for f in flags_for(flexion, d.Side.LEFT, "100", "", context) if f.kind == "norm"]
    assert low == ["below the reference 120° (adult reference)"]
