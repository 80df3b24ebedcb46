"""FHIR R4 export: a valid R4B Bundle, current readings only, amended values, audited, 0600."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient as FhirPatient

from ptlog.cli import main
from ptlog.domain import records as d
from ptlog.store import amendments, fhir, patients, readings
from ptlog.store import models as m
from ptlog.store import patient_records as records

HIP_IR = d.MotionKey("hip", "internal_rotation")
KNEE = d.MotionKey("knee", "flexion")


def seed() -> tuple[d.Patient, list[d.Reading]]:
    patient = patients.add_patient(
        d.Patient("F1", "Núñez", "Zoë", dt.date(1981, 2, 3), d.Sex.FEMALE))
    taken = dt.datetime(2026, 2, 1, 14, 30)
    saved = readings.save_visit_readings(
        patient.id or 0,
        [d.Reading(HIP_IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 28, taken),
         d.Reading(HIP_IR, d.Side.RIGHT, d.Mode.ACTIVE, d.Position.SEATED, 36, taken),
         d.Reading(KNEE, d.Side.RIGHT, d.Mode.PASSIVE, d.Position.SUPINE, 120, taken,
                   instrument=d.Instrument.INCLINOMETER, note="end feel firm")],
        visit_at=taken, clinician="Ann Lee", utc_offset=11 * 60,
    ).saved
    return patient, list(saved)


def observations(bundle: dict) -> list[dict]:
    return [e["resource"] for e in bundle["entry"]
            if e["resource"]["resourceType"] == "Observation"]


@pytest.mark.slow
def test_bundle_validates_and_carries_the_clinical_coding(db) -> None:
    patient, (left, right, knee) = seed()
    amended = amendments.amend_reading(left.id or 0, 31, "typo", clinician="Ann Lee")
    amendments.void_reading(knee.id or 0, "wrong patient")
    bundle = fhir.build_bundle([records.load_patient_record(patient.id or 0)])
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    for entry in bundle["entry"]:
        model = Observation if entry["resource"]["resourceType"] == "Observation" else FhirPatient
        model.model_validate(entry["resource"])
    obs = {o["id"]: o for o in observations(bundle)}
    assert set(obs) == {amended.uuid, right.uuid}  # not the original, not the voided knee
    new = obs[amended.uuid]
    assert new["valueQuantity"] == {"value": 31.0, "unit": "deg",
                                    "system": "http://unitsofmeasure.org", "code": "deg"}
    assert new["status"] == "amended"
    assert obs[right.uuid]["status"] == "final"
    assert new["code"]["coding"][0]["code"] == "299238003"
    assert new["code"]["text"] == "Hip internal rotation, active"
    assert new["category"][0]["coding"][0]["code"] == "exam"
    assert new["subject"]["reference"] == f"urn:uuid:{patient.uuid}"
    # the wall clock the PT saw, with the offset it had (Sydney in summer)
    assert new["effectiveDateTime"] == "2026-02-01T14:30:00+11:00"
    assert new["performer"] == [{"display": "Ann Lee"}]
    laterality = new["bodySite"]["extension"][0]
    assert laterality["valueCodeableConcept"]["coding"][0]["code"] == "7771000"
    assert obs[right.uuid]["bodySite"]["extension"][0]["valueCodeableConcept"]["coding"][0][
        "code"] == "24028007"
    position = new["extension"][0]
    assert position["url"].endswith("observation-bodyPosition")
    assert position["valueCodeableConcept"]["coding"][0]["code"] == "33586001"
    assert new["method"]["text"] == "active"
    pat = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
    assert pat["identifier"][0]["value"] == "F1"
    assert pat["gender"] == "female"
    assert pat["birthDate"] == "1981-02-03"


def test_non_hip_motion_uses_the_general_code(db) -> None:
    patient, (_l, _r, knee) = seed()
    bundle = fhir.build_bundle([records.load_patient_record(patient.id or 0)])
    obs = next(o for o in observations(bundle) if o["id"] == knee.uuid)
    assert obs["code"]["coding"][0]["code"] == "364564000"
    assert obs["device"]["display"] == "Inclinometer"
    assert obs["note"] == [{"text": "end feel firm"}]
    assert obs["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "40199007"
    Observation.model_validate(obs)


def test_export_file_is_atomic_owner_only_and_audited(db, db_url: str, tmp_path: Path,
                                                      capsys) -> None:
    patient, _saved = seed()
    out = tmp_path / "bundle.json"
    assert main(["--db", db_url, "export", "--format", "fhir", "--patient", "F1",
                 "-o", str(out)]) == 0
    assert "3 observation(s)" in capsys.readouterr().out
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    Bundle.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert not list(tmp_path.glob(".*.tmp"))
    from ptlog.store.database import open_database

    open_database(db_url)
    event = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert (event.action, event.entity, event.patient_uuid) == ("export", "export", patient.uuid)
    assert json.loads(event.after)["observations"] == 3


def test_export_to_a_missing_folder_changes_nothing(db, db_url: str, tmp_path: Path,
                                                     capsys) -> None:
    seed()
    events = m.AuditEvent.select().count()
    assert main(["--db", db_url, "export", "--format", "fhir",
                 "-o", str(tmp_path / "nope" / "b.json")]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err
    assert err.count("\n") == 1
    from ptlog.store.database import open_database

    open_database(db_url)
    assert m.AuditEvent.select().count() == events


@pytest.mark.parametrize("chart", ["NOPE"])
def test_unknown_chart_is_bad_input(db, db_url: str, tmp_path: Path, chart: str) -> None:
    assert main(["--db", db_url, "export", "--format", "fhir", "--patient", chart,
                 "-o", str(tmp_path / "b.json")]) == 2
    assert not (tmp_path / "b.json").exists()


def test_a_visit_without_a_known_offset_takes_this_machine_zone(db, monkeypatch) -> None:
    """Imported visits carry no offset: the exporting workstation's zone at that time."""
    import time

    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    try:
        patient = patients.add_patient(
            d.Patient("F2", "Lee", "Ann", dt.date(1970, 1, 1), d.Sex.FEMALE))
        evening = dt.datetime(2026, 7, 1, 23, 30)
        readings.save_visit_readings(patient.id or 0, [d.Reading(
            HIP_IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 30, evening)],
            visit_at=evening)
        bundle = fhir.build_bundle([records.load_patient_record(patient.id or 0)])
        assert observations(bundle)[0]["effectiveDateTime"] == "2026-07-01T23:30:00-07:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
