"""Read the audit trail for the audit viewer: filtered, newest first, a page at a time."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid as uuid_module
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import JOIN

from ptlog.domain.text import spreadsheet_safe as safe
from ptlog.store import convert
from ptlog.store import models as m

PAGE = 200
CSV_COLUMNS = ("id", "at_utc", "os_user", "clinician", "action", "entity", "entity_uuid",
               "patient_chart", "patient_uuid", "before", "after", "hash")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit event as the viewer shows it (before/after are canonical JSON text)."""

    id: int
    at: dt.datetime  # UTC, naive
    os_user: str
    clinician: str
    action: str
    entity: str
    entity_uuid: str
    patient_uuid: str
    patient_chart: str
    before: str | None
    after: str | None
    hash: str



def _bound(value: dt.date | dt.datetime, *, end: bool) -> dt.datetime:
    """A date filter covers the whole day: ``until`` a date means up to its midnight."""
    if isinstance(value, dt.datetime):
        return value
    start = dt.datetime.combine(value, dt.time())
    return start + dt.timedelta(days=1) if end else start


def _query(patient_uuid: str | None, user: str | None, since: dt.date | dt.datetime | None,
           until: dt.date | dt.datetime | None) -> Any:
    query = (
        m.AuditEvent.select(m.AuditEvent, m.Patient.chart.alias("patient_chart"))
        .join(m.Patient, JOIN.LEFT_OUTER, on=(m.Patient.uuid == m.AuditEvent.patient_uuid))
    )
    if patient_uuid:
        query = query.where(m.AuditEvent.patient_uuid == patient_uuid)
    if user:
        query = query.where((m.AuditEvent.os_user == user) | (m.AuditEvent.clinician == user))
    if since is not None:
        query = query.where(m.AuditEvent.at >= _bound(since, end=False))
    if until is not None:
        query = query.where(m.AuditEvent.at < _bound(until, end=True))
    return query


def list_events(
    patient_uuid: str | None = None,
    user: str | None = None,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
    limit: int = PAGE,
    offset: int = 0,
) -> list[AuditEntry]:
    """Events matching every filter given, newest first; ``user`` is the OS user or clinician."""
    query = (_query(patient_uuid, user, since, until)
             .order_by(m.AuditEvent.id.desc()).limit(limit).offset(offset))
    return [
        AuditEntry(
            id=row.id, at=convert.as_datetime(row.at), os_user=row.os_user, clinician=row.clinician,
            action=row.action, entity=row.entity, entity_uuid=row.entity_uuid,
            patient_uuid=row.patient_uuid,
            patient_chart=getattr(row, "patient_chart", None) or "",
            before=row.before, after=row.after, hash=row.hash,
        )
        for row in query.objects()
    ]


def count_events(
    patient_uuid: str | None = None,
    user: str | None = None,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
) -> int:
    return int(_query(patient_uuid, user, since, until).count())


def users() -> list[str]:
    """Every OS user and clinician named in the trail (for the viewer's filter)."""
    names = {str(e.os_user) for e in m.AuditEvent.select(m.AuditEvent.os_user).distinct()}
    names |= {str(e.clinician) for e in m.AuditEvent.select(m.AuditEvent.clinician).distinct()}
    return sorted(n for n in names if n)


def events_csv(
    patient_uuid: str | None = None,
    user: str | None = None,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
) -> tuple[str, int]:
    """The filtered events as CSV text (oldest first) and how many rows it holds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    offset = 0
    pages: list[list[AuditEntry]] = []
    while True:
        page = list_events(patient_uuid, user, since, until, limit=5000, offset=offset)
        if not page:
            break
        pages.append(page)
        offset += len(page)
    for page in reversed(pages):
        for e in reversed(page):
            writer.writerow((e.id, e.at.isoformat(sep=" "), safe(e.os_user), safe(e.clinician),
                             e.action, e.entity, e.entity_uuid, safe(e.patient_chart),
                             e.patient_uuid, e.before or "", e.after or "", e.hash))
            count += 1
    return out.getvalue(), count


def write_events_csv(
    path: str | Path,
    patient_uuid: str | None = None,
    user: str | None = None,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
    *,
    force: bool = False,
) -> int:
    """Write the filtered trail to ``path`` atomically (0600) once its export is audited."""
    from ptlog.store.output_target import check_output, write_output

    check_output(path, force=force)
    text, count = events_csv(patient_uuid, user, since, until)
    target = Path(path)

    from ptlog.store.audit_outbox import PlannedEvent

    def audit_event() -> PlannedEvent:
        return PlannedEvent(
            "export", "export", str(uuid_module.uuid4()),
            after={"format": "csv", "what": "audit trail", "rows": count,
                   "file": target.name, "patient_uuid": patient_uuid, "user": user,
                   "since": str(since) if since else None,
                   "until": str(until) if until else None},
            patient_uuid=patient_uuid or "")

    write_output(target, text.encode("utf-8"), force=force, audit_event=audit_event)
    return count
