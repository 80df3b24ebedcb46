"""Migration 7: visits on the clinic's wall clock, with their UTC offset and a late-entry mark.

Until now a visit saved from the window was stamped in UTC while demo and imported visits
carried the clinic's local time, so at 03:47 in Sydney a visit showed the day before and a US
evening visit the day after. From now on every visit is stored as the wall-clock time the PT
saw, with the offset from UTC it had (``utc_offset``, minutes; FHIR writes the instant from it).

The visits saved from the window are recognisable: no import batch, not a demo chart, and
their time within ten minutes of the row's own creation time (both UTC). They are moved to
this workstation's local time, the best knowledge of where the clinic is. A visit that would
land on the time of another visit of the same patient is left as it was (and logged).
"""

from __future__ import annotations

import datetime as dt
import logging

from peewee import Database

from ptlog.domain.visit_time import utc_offset_minutes, utc_to_local

log = logging.getLogger(__name__)

#: a visit saved from the window was stamped "now" moments before its row was created
SAVED_FROM_WINDOW = dt.timedelta(minutes=10)


def statements(dialect: str) -> tuple[str, ...]:
    false = "FALSE" if dialect == "postgresql" else "0"
    return (
        'ALTER TABLE "visit" ADD COLUMN "utc_offset" INTEGER',
        f'ALTER TABLE "visit" ADD COLUMN "late_entry" BOOLEAN NOT NULL DEFAULT {false}',
    )


def _as_datetime(value: object) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def convert(db: Database) -> int:
    """Move the window's UTC visits to the local wall clock; returns how many were moved."""
    p = db.param
    rows = db.execute_sql(
        'SELECT v."id", v."patient_id", v."visit_at", v."created_at" FROM "visit" v '
        'JOIN "patient" pt ON pt."id" = v."patient_id" '
        f'WHERE v."import_batch" IS NULL AND pt."chart" NOT LIKE {p}', ("DEMO-%",)).fetchall()
    moved = 0
    for visit_id, patient_id, visit_at, created_at in rows:
        utc, created = _as_datetime(visit_at), _as_datetime(created_at)
        if abs(created - utc) > SAVED_FROM_WINDOW:
            continue
        local = utc_to_local(utc)
        clash = db.execute_sql(
            f'SELECT 1 FROM "visit" WHERE "patient_id" = {p} AND "visit_at" = {p} AND "id" <> {p}',
            (patient_id, local, visit_id)).fetchone()
        if clash:
            log.warning("visit %s left at %s UTC: another visit is at %s local", visit_id, utc,
                        local)
            continue
        _move(db, visit_id, local)
        moved += 1
    return moved


def _move(db: Database, visit_id: int, local: dt.datetime) -> None:
    """One visit to its wall-clock time, audited like every change (the chain stays whole)."""
    from ptlog.store import audit
    from ptlog.store import models as m

    with db.bind_ctx(m.ALL_MODELS):
        row = m.Visit.get_by_id(visit_id)
        before = audit.snapshot(row)
        row.visit_at = local
        row.utc_offset = utc_offset_minutes(local)
        row.save()
        # the patient's uuid only: the patient row of this schema lacks later migrations'
        # columns (9: language), which the whole model would select
        patient_uuid = m.Patient.select(m.Patient.uuid).where(
            m.Patient.id == row.patient_id).scalar()
        audit.record("update", "visit", row.uuid, before=before, after=audit.snapshot(row),
                     patient_uuid=patient_uuid, clinician="schema migration 7")
