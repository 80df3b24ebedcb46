"""``audit.snapshot_text`` writes exactly the text ``canonical_json(snapshot(row))`` does.

An audit event's hash covers that text: one character of difference and ``check`` would call
a save's own events altered.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptlog.store import audit
from ptlog.store import models as m

_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)), st.dates(),
)


@pytest.mark.parametrize("model", [m.Visit, m.Reading, m.Patient, m.Treatment, m.Clinician])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_snapshot_text_is_the_canonical_json_of_the_snapshot(model: type[m.BaseModel],
                                                             data: st.DataObject) -> None:
    row = model()
    for name in model._meta.fields:
        if data.draw(st.booleans()):
            row.__data__[name] = data.draw(_values)
        else:
            row.__data__.pop(name, None)  # a field never set: null
    assert audit.snapshot_text(row) == audit.canonical_json(audit.snapshot(row))


def test_a_saved_reading_is_written_as_before() -> None:
    visit = m.Visit(id=5, patient=3, visit_at=dt.datetime(2020, 1, 1, 8, 0, 0, 123456),
                    kind="follow_up", notes='say "ouch" \u00e9\n', created_by="root",
                    updated_by="root", late_entry=False)
    reading = m.Reading(id=9, visit=visit, joint="hip", motion="flexion", side="L",
                        mode="active", position="seated", degrees=-0.0, created_by="root")
    for row in (visit, reading):
        assert audit.snapshot_text(row) == audit.canonical_json(audit.snapshot(row))


def test_a_value_json_cannot_hold_is_refused_as_before() -> None:
    reading = m.Reading(degrees=float("nan"))
    with pytest.raises(ValueError, match="[Oo]ut of range float values are not JSON compliant"):
        audit.canonical_json(audit.snapshot(reading))
    with pytest.raises(ValueError, match="[Oo]ut of range float values are not JSON compliant"):
        audit.snapshot_text(reading)
