"""Audit events of exports and reports that could not wait for another program's write.

Readers never wait for writers (issue 14), but an export must be audited before its file
appears. When another program holds SQLite's write lock, the export's event is appended
(fsynced) to ``.<database>.audit-pending.jsonl`` beside the database instead, and the file is
written; the next ptlog that opens the database for writing adds the waiting events to the
audit chain (with their own time, user and clinician) and empties the file. ``ptlog check``
names events still waiting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from peewee import SqliteDatabase

from ptlog.store import audit
from ptlog.store import models as m

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: one process appends at a time anyway
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class PlannedEvent:
    """An audit event described before it is recorded (or deferred)."""

    action: str
    entity: str
    entity_uuid: str
    after: dict[str, Any] = field(default_factory=dict)
    patient_uuid: str = ""


def record_planned(event: PlannedEvent) -> None:
    """Record ``event`` in the chain now, in a transaction of its own (or the caller's)."""
    with m.database_proxy.atomic():
        audit.record(event.action, event.entity, event.entity_uuid, after=event.after,
                     patient_uuid=event.patient_uuid)


def outbox_path(db: Any = None) -> Path | None:
    """Where deferred events of the SQLite database ``db`` (default: the bound one) wait."""
    from ptlog.store.database import database_file

    db = db if db is not None else m.database_proxy.obj
    if not isinstance(db, SqliteDatabase):
        return None
    path = database_file(db)
    return None if path is None else path.with_name(f".{path.name}.audit-pending.jsonl")


@contextlib.contextmanager
def _locked(path: Path, mode: str) -> Iterator[IO[str]]:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | (os.O_APPEND if mode == "a" else 0), 0o600)
    with os.fdopen(fd, "r+" if mode != "a" else "a", encoding="utf-8") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield handle


def defer(event: PlannedEvent) -> Path:
    """Append ``event`` with this moment, user and clinician; on disk when this returns."""
    path = outbox_path()
    if path is None:
        raise RuntimeError("only a SQLite database defers audit events")
    line = json.dumps({**asdict(event), "at": m.utc_now().isoformat(),
                       "os_user": audit.os_user(), "clinician": audit.current_clinician()},
                      ensure_ascii=False, sort_keys=True)
    with _locked(path, "a") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path


def _read(handle: IO[str]) -> list[dict[str, Any]]:
    handle.seek(0)
    events = []
    for line in handle.read().splitlines():
        with contextlib.suppress(ValueError):  # a line cut by a crash: never fsynced, so
            events.append(json.loads(line))    # its export was never written either
    return events


def pending() -> int:
    """How many deferred events wait to join the audit chain."""
    path = outbox_path()
    if path is None or not path.exists():
        return 0
    with _locked(path, "r") as handle:
        return len(_read(handle))


def flush() -> int:
    """Add the waiting events to the audit chain (one transaction), then empty the file.

    An event already in the chain (same action and uuid: a flush interrupted after its
    commit) is not added twice. Returns the number added.
    """
    path = outbox_path()
    if path is None or not path.exists() or path.stat().st_size == 0:
        return 0
    added = 0
    with _locked(path, "r") as handle:
        events = _read(handle)
        with m.database_proxy.atomic():
            for event in events:
                known = m.AuditEvent.select().where(
                    (m.AuditEvent.action == event["action"])
                    & (m.AuditEvent.entity_uuid == event["entity_uuid"])).exists()
                if known:
                    continue
                audit.record(event["action"], event["entity"], event["entity_uuid"],
                             after=event["after"], patient_uuid=event["patient_uuid"],
                             clinician=event["clinician"], user=event["os_user"],
                             at=dt.datetime.fromisoformat(event["at"]))
                added += 1
        handle.seek(0)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
    return added
