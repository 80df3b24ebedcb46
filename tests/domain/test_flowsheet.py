"""The flowsheet: rows motion × side (hip panel first, clinical order), visits across,
like compared with like, changes of position or mode marked, norm flags."""

from __future__ import annotations

import datetime as dt

from ptlog.domain import records as d
from ptlog.domain.flowsheet import build_flowsheet
from ptlog.domain.norms import NormFlag

IR = d.MotionKey("hip", "internal_rotation")
ER = d.MotionKey("hip", "external_rotation")
KNEE = d.MotionKey("knee", "flexion")
PATIENT = d.Patient("F1", "Lee", "Ann", dt.date(1980, 1, 1), d.Sex.FEMALE, id=1)


def reading(visit: int, motion: d.MotionKey, side: d.Side, degrees: float,
            position: d.Position = d.Position.SEATED, mode: d.Mode = d.Mode.ACTIVE
            ) -> d.Reading:
    when = dt.datetime(2026, 1, visit, 9)
    return d.Reading(motion, side, mode, position, degrees, when, visit_id=visit, patient_id=1)


def test_rows_columns_flags_and_changed_position() -> None:
    visits = tuple(d.Visit(1, dt.datetime(2026, 1, n, 9), id=n) for n in (3, 1, 2))
    record = d.PatientRecord(PATIENT, visits, (
        reading(1, KNEE, d.Side.LEFT, 130),
        reading(1, IR, d.Side.RIGHT, 38), reading(1, IR, d.Side.LEFT, 25),
        reading(1, ER, d.Side.LEFT, 40),
        reading(2, IR, d.Side.LEFT, 36, d.Position.PRONE, d.Mode.PASSIVE),
        reading(3, IR, d.Side.LEFT, 31),
        reading(3, IR, d.Side.LEFT, 37, d.Position.PRONE, d.Mode.PASSIVE),
    ))
    sheet = build_flowsheet(record)
    assert [v.id for v in sheet.visits] == [1, 2, 3]  # oldest first
    assert [sheet.row_label(r) for r in range(len(sheet.rows))] == [
        "Hip internal rotation Left", "Hip internal rotation Right",
        "Hip external rotation Left", "Knee flexion Left"]
    first, second, third = (sheet.cell(0, c) for c in range(3))
    assert (first.degrees, first.flag, first.changed_how) == (25, NormFlag.BELOW, False)
    assert (second.degrees, second.how, second.changed_how) == (36, "prone, passive", True)
    # the third visit has both: the one taken like the cell before it (prone) is shown
    assert (third.degrees, third.changed_how, [r.degrees for r in third.others]) == (
        37, False, [31])
    assert sheet.cell(1, 0).flag is NormFlag.WITHIN  # 38° at 46: within 35–45°
    assert sheet.cell(1, 1) is None  # not measured at visit 2
