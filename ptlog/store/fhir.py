"""FHIR R4 export (CLINICAL §9): a Bundle with each Patient and one Observation per reading.

Only current readings are exported, with their amended values; superseded and voided rows stay
in ptlog's history. ``build_bundle`` is a pure function of the records; ``write_fhir_bundle``
loads them, writes the file atomically (owner-only) and audits the export.
"""

from __future__ import annotations

import json
import os
import uuid as uuid_module
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog
from ptlog.domain.visit_time import with_offset
from ptlog.store import models as m
from ptlog.store import patient_records as records
from ptlog.store.audit_outbox import PlannedEvent
from ptlog.store.errors import ValidationError
from ptlog.store.output_target import check_output, write_output

SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
CHART_SYSTEM = "urn:ptlog:chart"
EXT_BODY_POSITION = "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"
EXT_LATERALITY = "http://hl7.org/fhir/StructureDefinition/observation-structureLaterality"

RANGE_OF_MOVEMENT = ("364564000", "Range of joint movement")
HIP_RANGE_OF_MOVEMENT = ("299238003", "Hip joint - range of movement")
JOINT_STRUCTURE = {"hip": ("24136001", "Hip joint structure")}
LATERALITY = {d.Side.LEFT: ("7771000", "Left"), d.Side.RIGHT: ("24028007", "Right")}
BODY_POSITION = {
    d.Position.SEATED: ("33586001", "Sitting position"),
    d.Position.PRONE: ("1240000", "Prone position"),
    d.Position.SUPINE: ("40199007", "Supine body position"),
    d.Position.STANDING: ("10904000", "Orthostatic body position"),
}
GENDER = {d.Sex.FEMALE: "female", d.Sex.MALE: "male", d.Sex.OTHER: "other",
          d.Sex.UNKNOWN: "unknown"}


def _coding(system: str, pair: tuple[str, str]) -> dict[str, str]:
    return {"system": system, "code": pair[0], "display": pair[1]}


def _motion_text(reading: d.Reading) -> str:
    spec = catalog().get(reading.motion)
    label = spec.label if spec else f"{reading.motion.joint} {reading.motion.motion}".replace(
        "_", " ").capitalize()
    return f"{label}, {reading.mode.value}"


def patient_resource(patient: d.Patient) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": patient.uuid,
        "identifier": [{"system": CHART_SYSTEM, "value": patient.chart}],
        "name": [{"family": patient.family_name, "given": [patient.given_name]}],
        "gender": GENDER[patient.sex],
        "birthDate": patient.birth_date.isoformat(),
    }


def observation_resource(reading: d.Reading, patient: d.Patient,
                         utc_offset: int | None = None) -> dict[str, Any]:
    """One reading; an amended value is ``amended`` (FHIR: modified after being final).

    The time is the visit's wall clock with its offset (``2026-02-01T08:30:00+11:00``): the
    date the PT saw and the exact instant. ``utc_offset`` None: this machine's zone then.
    """
    code = HIP_RANGE_OF_MOVEMENT if reading.motion.joint == "hip" else RANGE_OF_MOVEMENT
    body_site: dict[str, Any] = {
        "text": f"{reading.side.label} {reading.motion.joint}",
        "extension": [{
            "url": EXT_LATERALITY,
            "valueCodeableConcept": {"coding": [_coding(SNOMED, LATERALITY[reading.side])]},
        }],
    }
    if reading.motion.joint in JOINT_STRUCTURE:
        body_site["coding"] = [_coding(SNOMED, JOINT_STRUCTURE[reading.motion.joint])]
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": reading.uuid,
        "status": "amended" if reading.supersedes_id else "final",
        "category": [{"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "exam", "display": "Exam",
        }]}],
        "code": {"coding": [_coding(SNOMED, code)], "text": _motion_text(reading)},
        "subject": {"reference": f"urn:uuid:{patient.uuid}", "display": patient.display_name},
        "effectiveDateTime": with_offset(reading.taken_at.replace(microsecond=0),
                                         utc_offset).isoformat(),
        "valueQuantity": {"value": reading.degrees, "unit": "deg", "system": UCUM,
                          "code": "deg"},
        "bodySite": body_site,
        "method": {"text": reading.mode.value},
        "device": {"display": reading.instrument.label},
        "extension": [{
            "url": EXT_BODY_POSITION,
            "valueCodeableConcept": {
                "coding": [_coding(SNOMED, BODY_POSITION[reading.position])],
                "text": reading.position.value,
            },
        }],
    }
    if reading.clinician:
        resource["performer"] = [{"display": reading.clinician}]
    notes = [reading.note] if reading.note else []
    if reading.supersedes_id and reading.reason:
        notes.append(f"Amended: {reading.reason}")
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def build_bundle(patient_records: Iterable[d.PatientRecord]) -> dict[str, Any]:
    """A ``collection`` Bundle: each patient, then an Observation per current reading."""
    entries: list[dict[str, Any]] = []
    for record in patient_records:
        patient = record.patient
        offsets = {visit.id: visit.utc_offset for visit in record.visits}
        entries.append({"fullUrl": f"urn:uuid:{patient.uuid}",
                        "resource": patient_resource(patient)})
        for reading in record.readings:
            if not reading.is_current or reading.is_void:
                continue
            entries.append({"fullUrl": f"urn:uuid:{reading.uuid}",
                            "resource": observation_resource(
                                reading, patient, offsets.get(reading.visit_id))})
    return {
        "resourceType": "Bundle",
        "id": str(uuid_module.uuid4()),
        "type": "collection",
        "timestamp": m.utc_now().isoformat() + "Z",
        "entry": entries,
    }


def bundle_json(bundle: dict[str, Any]) -> bytes:
    """The bundle as UTF-8 JSON; a number that is not finite (only a database edited behind
    ptlog's back holds one) is refused, never written as the invalid word NaN or Infinity."""
    try:
        text = json.dumps(bundle, ensure_ascii=False, indent=1, allow_nan=False)
    except ValueError:
        raise ValidationError("the database holds a value that is not a finite number: run "
                              "'ptlog check' to find it", field="output") from None
    return text.encode("utf-8")


def write_fhir_bundle(path: str | os.PathLike[str], chart: str | None = None, *,
                      force: bool = False) -> int:
    """Export one patient (``chart``) or everyone; returns the number of Observations.

    The file appears only once its audit event is recorded (``output_target.write_output``).
    """
    check_output(path, force=force)  # before the work: a refused name costs nothing
    if chart is not None:
        loaded = [records.load_record_by_chart(chart)]
    else:
        ids = [int(p.id) for p in m.Patient.select(m.Patient.id).order_by(m.Patient.id)]
        loaded = [records.load_patient_record(pid, include_history=False) for pid in ids]
    bundle = build_bundle(loaded)
    count = sum(1 for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation")
    target = Path(path)

    def audit_event() -> PlannedEvent:
        return PlannedEvent(
            "export", "export", bundle["id"],
            after={"format": "fhir", "patient": chart, "observations": count,
                   "file": target.name},
            patient_uuid=loaded[0].patient.uuid or "" if chart is not None else "")

    write_output(target, bundle_json(bundle), force=force, audit_event=audit_event)
    return count
