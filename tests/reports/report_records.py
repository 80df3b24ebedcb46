"""Hand-built patient records for the PDF tests (domain objects only: no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

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
    Treatment,
    TreatmentKind,
    TreatmentSide,
    Visit,
)

HIP_IR = MotionKey("hip", "internal_rotation")
START = dt.datetime(2025, 1, 6, 9, 0)


def build_record(
    values: Sequence[tuple[int, float, float]] = ((0, 20, 30), (30, 24, 31), (90, 33, 32)),
    *,
    family: str = "Ørsted-Núñez",
    given: str = "Zoë",
    birth: dt.date = dt.date(1990, 3, 15),
    treatments: Sequence[Treatment] = (),
    goals: Sequence[Goal] = (),
    history: Sequence[Reading] = (),
    extra: Sequence[Reading] = (),
) -> PatientRecord:
    """``values``: (day offset, left, right) of seated active hip internal rotation."""
    patient = Patient(chart="C-0042", family_name=family, given_name=given, birth_date=birth,
                      sex=Sex.FEMALE, dominant_side=Side.RIGHT, diagnosis="hip stiffness",
                      referring_physician="Dr. Ana Løvgren", id=1, uuid="p-1")
    visits, readings = [], []
    next_id = 1
    for number, (offset, left, right) in enumerate(values, start=1):
        at = START + dt.timedelta(days=offset)
        visits.append(Visit(patient_id=1, visit_at=at, clinician="Jana Dvořák", pain=3,
                            id=number))
        for side, degrees in ((Side.LEFT, left), (Side.RIGHT, right)):
            readings.append(Reading(HIP_IR, side, Mode.ACTIVE, Position.SEATED, degrees, at,
                                    clinician="Jana Dvořák", visit_id=number, patient_id=1,
                                    id=next_id))
            next_id += 1
    return PatientRecord(patient=patient, visits=tuple(visits),
                         readings=tuple(sorted((*readings, *extra), key=lambda r: r.taken_at)),
                         treatments=tuple(treatments), goals=tuple(goals), history=tuple(history))


def pt_course(start_offset: int = 5, end_offset: int = 60) -> Treatment:
    return Treatment(patient_id=1, kind=TreatmentKind.PHYSICAL_THERAPY,
                     start_date=(START + dt.timedelta(days=start_offset)).date(),
                     end_date=(START + dt.timedelta(days=end_offset)).date(),
                     side=TreatmentSide.LEFT, sessions_planned=10, sessions_attended=9,
                     cost=1100.0, id=7)
