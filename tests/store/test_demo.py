"""Demo data: deterministic, idempotent, and covering the stories the product needs."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store.csv_export import export_readings_csv, export_treatments_csv
from ptlog.store.database import open_database
from ptlog.store.demo import generate_demo

# builds demo clinics or runs subprocesses: over 2 s a test
pytestmark = pytest.mark.slow

TODAY = dt.date(2026, 6, 1)


def _exports(url: str, seed: int = 3) -> tuple[str, str]:
    db = open_database(url)
    generate_demo(14, seed, today=TODAY)
    readings, treatments = io.StringIO(), io.StringIO()
    export_readings_csv(readings)
    export_treatments_csv(treatments)
    db.close()
    return readings.getvalue(), treatments.getvalue()


def test_same_seed_same_data(tmp_path) -> None:
    first = _exports(f"sqlite:///{tmp_path / 'a.db'}")
    second = _exports(f"sqlite:///{tmp_path / 'b.db'}")
    assert first == second
    assert first != _exports(f"sqlite:///{tmp_path / 'c.db'}", seed=4)


def test_demo_covers_ages_sides_positions_and_every_treatment(db) -> None:
    result = generate_demo(16, 1, today=TODAY)
    assert result.created == 16
    kinds = {row.kind for row in m.Treatment.select()}
    assert kinds == {k.value for k in d.TreatmentKind}
    positions = {r.position for r in m.Reading.select(m.Reading.position).distinct()}
    assert {"seated", "prone"} <= positions
    sides = {r.side for r in m.Reading.select(m.Reading.side).distinct()}
    assert sides == {"L", "R"}
    ages = [
        d.Patient("x", "x", "x", p.birth_date if isinstance(p.birth_date, dt.date)
                  else dt.date.fromisoformat(p.birth_date), d.Sex.UNKNOWN).age_on(TODAY)
        for p in m.Patient.select()
    ]
    assert min(ages) < 13
    assert max(ages) > 50
    assert any(13 <= a <= 19 for a in ages)
    assert m.Goal.select().count() == 16


def test_demo_twice_adds_nothing(db) -> None:
    generate_demo(5, 2, today=TODAY)
    counts = (m.Patient.select().count(), m.Reading.select().count())
    again = generate_demo(5, 2, today=TODAY)
    assert again.created == 0
    assert again.already_present == 5
    assert (m.Patient.select().count(), m.Reading.select().count()) == counts


def test_demo_diagnoses_fit_the_age(db) -> None:
    """No osteoarthritis in a child, no growth-plate problem in an adult (issue 16)."""
    from ptlog.store.demo import _DIAGNOSES, age_group

    generate_demo(28, 1, today=TODAY)
    rows = list(m.Patient.select())
    groups = set()
    for row in rows:
        birth = row.birth_date if isinstance(row.birth_date, dt.date) else \
            dt.date.fromisoformat(row.birth_date)
        first = min(v.visit_at for v in m.Visit.select().where(m.Visit.patient == row.id))
        first_day = first.date() if isinstance(first, dt.datetime) else \
            dt.datetime.fromisoformat(first).date()
        age = d.Patient("x", "x", "x", birth, d.Sex.UNKNOWN).age_on(first_day)
        group = age_group(age)
        groups.add(group)
        allowed = {dx for (g, _kind), names in _DIAGNOSES.items() if g == group for dx in names}
        assert row.diagnosis in allowed, (row.chart, age, row.diagnosis)
        if age < 20:
            assert "osteoarthritis" not in row.diagnosis
            kinds = {t.kind for t in m.Treatment.select().where(m.Treatment.patient == row.id)}
            if age < 13:
                assert not kinds & {"hip_arthroscopy", "dry_needling"}
        else:
            assert "epiphysis" not in row.diagnosis
            assert "Perthes" not in row.diagnosis
    assert groups == {"child", "teen", "adult", "older"}
    assert age_group(12) == "child"
    assert age_group(13) == "teen"
    assert age_group(49) == "adult"
    assert age_group(50) == "older"


def test_patient_activities_round_trip_and_unknown_ones_are_refused(db) -> None:
    import pytest

    from ptlog.store import patients
    from ptlog.store.errors import ValidationError

    saved = patients.add_patient(d.Patient("A-1", "Ng", "Mei", dt.date(1990, 1, 1), d.Sex.FEMALE,
                                           activities=("running", "deep_squat")))
    assert patients.get_by_chart("A-1").activities == ("running", "deep_squat")
    updated = patients.update_patient(_replace(saved, activities=()))
    assert updated.activities == ()
    with pytest.raises(ValidationError, match="not an activity") as caught:
        patients.add_patient(d.Patient("A-2", "Ng", "Lu", dt.date(1990, 1, 1), d.Sex.FEMALE,
                                       activities=("skydiving",)))
    assert caught.value.field == "activities"
    assert patients.find_by_chart("A-2") is None


def _replace(patient: d.Patient, **changes: object) -> d.Patient:
    import dataclasses

    return dataclasses.replace(patient, **changes)  # type: ignore[arg-type]
