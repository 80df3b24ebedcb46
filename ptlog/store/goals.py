"""Functional goals a patient works toward (target degrees for a motion and side)."""

from __future__ import annotations

from ptlog.domain import records as d
from ptlog.store import audit, convert
from ptlog.store import models as m
from ptlog.store.errors import NotFoundError, ValidationError, check_texts
from ptlog.store.transactions import in_transaction


def goals_for_patient(patient_id: int) -> list[d.Goal]:
    query = m.Goal.select().where(m.Goal.patient == patient_id).order_by(m.Goal.id)
    return [convert.goal(row) for row in query]


def add_goal(goal: d.Goal) -> d.Goal:
    if not 0 <= goal.target_degrees <= 200:
        raise ValidationError("a goal must be between 0 and 200 degrees", field="target_degrees")
    check_texts(label=goal.label)

    def work() -> d.Goal:
        patient = m.Patient.get_or_none(m.Patient.id == goal.patient_id)
        if patient is None:
            raise NotFoundError(f"no patient with id {goal.patient_id}")
        row = m.Goal.create(
            patient=patient, joint=goal.motion.joint, motion=goal.motion.motion,
            side=goal.side.value, target_degrees=goal.target_degrees, label=goal.label,
        )
        audit.record("create", "goal", row.uuid, after=audit.snapshot(row),
                     patient_uuid=patient.uuid)
        return convert.goal(row)

    return in_transaction(work, where="the goals")


def remove_goal(goal_id: int) -> None:
    def work() -> None:
        row = m.Goal.get_or_none(m.Goal.id == goal_id)
        if row is None:
            raise NotFoundError(f"no goal with id {goal_id}")
        audit.record("delete", "goal", row.uuid, before=audit.snapshot(row),
                     patient_uuid=row.patient.uuid)
        row.delete_instance()

    in_transaction(work, where="the goals")
