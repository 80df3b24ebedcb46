"""``ptlog check``: is the database sound, and does every row still say what was audited?

A value changed behind ptlog's back (the sqlite3 shell, a script) no longer equals the ``after``
of the row's last audit event, so it is reported with the entity and the field. Imported rows
are covered by their import's batch digest instead of one event each.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from ptlog.store import audit, audit_seal, errors, witness
from ptlog.store import models as m
from ptlog.store.chain import ChainVerifier
from ptlog.store.import_digest import NO_ROWS_DIGEST, batch_digests
from ptlog.store.witness import Head

Progress = Callable[[str], None]

# entity name in the audit trail -> model whose rows must match their last audited state
AUDITED: tuple[tuple[str, Any], ...] = (
    ("patient", m.Patient),
    ("clinician", m.Clinician),
    ("visit", m.Visit),
    ("reading", m.Reading),
    ("treatment", m.Treatment),
    ("goal", m.Goal),
)
#: entities whose last audited state is kept while the chain is read (settings have no model)
_STATE_KEPT = frozenset({name for name, _ in AUDITED} | {"setting"})
_MAX_PER_KIND = 200  # a wholesale tampering is reported, not listed row by row forever


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong, said in one line: what, which row, which field, and why it matters."""

    entity: str
    uuid: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.entity + (f" {self.uuid}" if self.uuid else "")
        if self.field:
            where += f" field {self.field}"
        return f"{where}: {self.message}"


def _sqlite_checks(db: SqliteDatabase) -> list[Finding]:
    out: list[Finding] = []
    rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        for text in rows[:_MAX_PER_KIND]:
            out.append(Finding("database", "", "", f"integrity check: {text}"))
    for table, rowid, parent, _fk in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        out.append(Finding(str(table), str(rowid), "", f"refers to a missing {parent} row"))
    return out


def _events() -> Iterator[Any]:
    """Every event in chain order, as named tuples with the fields of ``m.AuditEvent`` (no
    model object per event: a fifth of the chain's time)."""
    events: Iterator[Any] = m.AuditEvent.select().order_by(m.AuditEvent.id).namedtuples() \
        .iterator()
    return events


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _same(stored: Any, audited: Any) -> bool:
    if isinstance(stored, bool) or isinstance(audited, bool):
        return bool(stored) == bool(audited) and stored in (0, 1, True, False) \
            and audited in (0, 1, True, False)
    return bool(stored == audited)


def check_database(progress: Progress | None = None) -> list[Finding]:
    """Every problem found, one ``Finding`` each; an empty list means the database is sound."""
    db = m.database_proxy.obj
    findings: list[Finding] = []
    say = progress or (lambda _text: None)

    if isinstance(db, SqliteDatabase):
        say("integrity")
        findings.extend(_sqlite_checks(db))

    # 1. the chain: each event names the hash before it, and its own hash is what it says
    say("audit chain")
    broken = 0
    last_state: dict[tuple[str, str], tuple[str, str | None]] = {}
    imports: dict[str, dict[str, Any]] = {}
    witnessed = _witnessed_heads()
    wanted = {h.hash for h in witnessed}
    found: set[str] = set()
    restores: list[Any] = []
    verifier = ChainVerifier()
    # read before the chain: an event chained meanwhile is then seen (twice), never missed
    waiting = audit_seal.waiting_rows(db)
    for event in _events():
        if event.hash in wanted:
            found.add(event.hash)
        if event.action == "restore" and event.entity == "database":
            restores.append(event.at)
        for problem in verifier.step(event.id, event.at, event.action, event.entity,
                                     event.after, audit.event_payload(event), event.prev_hash,
                                     event.hash):
            if broken < _MAX_PER_KIND:
                broken += 1
                findings.append(Finding("audit_event", str(event.id), problem.field,
                                        problem.message))
        if event.entity in _STATE_KEPT and event.entity_uuid:
            last_state[(event.entity, event.entity_uuid)] = (event.action, event.after)
        elif event.entity == "import" and event.after:
            try:
                imports[event.entity_uuid] = json.loads(event.after)
            except ValueError:
                imports[event.entity_uuid] = {}

    for problem in verifier.finish():
        findings.append(Finding("audit_event", str(problem.event_id or ""), problem.field,
                                problem.message))
    count = verifier.count
    # events still waiting to be chained (a clinic server's saves of the last moment)
    findings.extend(_waiting_findings(waiting, verifier, last_state))

    # the chain still holds every head a workstation or a backup saw (else it was cut short)
    findings.extend(_witness_findings(witnessed, found, count, restores))

    # 2. every stored row equals its last audited state
    for entity, model in AUDITED:
        say(entity)
        findings.extend(_check_rows(entity, model, last_state))
    say("settings")
    findings.extend(_check_settings(last_state))

    # 3. rows the audit trail says exist but are gone
    say("missing rows")
    expected: dict[str, list[str]] = {}
    for (entity, uuid), (action, _after) in last_state.items():
        if action != "delete" and entity != "setting":
            expected.setdefault(entity, []).append(uuid)
    missing = 0
    for entity, uuids in expected.items():
        model = dict(AUDITED)[entity]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            found = {u for (u,) in model.select(model.uuid).where(model.uuid.in_(chunk)).tuples()}
            for uuid in chunk:
                if uuid not in found and missing < _MAX_PER_KIND:
                    missing += 1
                    findings.append(Finding(entity, uuid, "",
                                            "was deleted without an audit event"))

    # 4. imports: the stored rows still hash to the digest the import recorded
    say("imports")
    digests = batch_digests()  # every batch found in the rows, one pass over each table
    for batch in sorted(set(digests) | {b for b, a in imports.items() if a.get("digest")}):
        recorded = imports.get(batch)
        if recorded is None or not recorded.get("digest"):
            findings.append(Finding("import", batch, "",
                                    "rows carry this import batch but no import was audited"))
            continue
        if digests.get(batch, NO_ROWS_DIGEST) != recorded["digest"]:
            findings.append(Finding(
                "import", batch, "rows",
                f"the visits/readings imported from {recorded.get('file', '?')} were changed or "
                "deleted after the import",
            ))

    # 5. the clinic comparison's kept series say what their readings and treatments say
    say("clinic comparison")
    findings.extend(_check_cohort_series())
    return findings


def _check_cohort_series() -> list[Finding]:
    """Kept rows changed behind ptlog's back would be counted by every comparison until
    rebuilt: compared with a recomputation of every patient."""
    from ptlog.store import cohort_series

    out: list[Finding] = []
    for motion in cohort_series.kept_motions():
        wrong = cohort_series.disagreements(motion)
        if wrong:
            out.append(Finding(
                "cohort_series", str(motion), "",
                f"the clinic comparison's kept series of {len(wrong)} patient(s) differ from "
                "their readings and treatments, so the comparison counts them wrongly: run "
                f"'ptlog compare --rebuild --motion {motion}'"))
    return out


def _waiting_findings(waiting: list[dict[str, Any]], verifier: ChainVerifier,
                      last_state: dict[tuple[str, str], tuple[str, str | None]]) -> list[Finding]:
    """Waiting events count as their rows' last audited state (a save of a moment ago); one
    waiting longer than ``STALE`` was left by a workstation that stopped, and one without the
    right keyed hash was not written by ptlog: both are named."""
    out: list[Finding] = []
    now = m.utc_now()
    can_verify = not (verifier.sealed and verifier.key is None)
    for row in waiting:
        at = row["at"] if isinstance(row["at"], dt.datetime) else _when(str(row["at"]))
        if can_verify and not audit_seal.genuine(row, verifier.key):
            out.append(Finding("audit_pending", str(row["id"]), "mac",
                               f"this audit event waiting to be chained ({row['at']} "
                               f"{row['action']} {row['entity']}) was not written by ptlog "
                               "with the clinic secret: forged or altered"))
            continue
        if at is None or now - at > audit_seal.STALE:
            out.append(Finding("audit_pending", str(row["id"]), "",
                               f"this audit event ({row['at']} {row['action']} "
                               f"{row['entity']}) is still waiting to be added to the audit "
                               "chain: a workstation stopped right after saving; the next save "
                               "adds it"))
        if row["entity"] in _STATE_KEPT and row["entity_uuid"]:
            last_state[(row["entity"], row["entity_uuid"])] = (row["action"], row["after"])
    return out


def _witnessed_heads() -> list[Head]:
    """Every head seen outside the database: this workstation's witness, the backups' heads."""
    from ptlog.store.backup import backup_heads

    try:
        return [*witness.read_witness(), *backup_heads()]
    except errors.StoreError:  # no backup folder for this database (in-memory)
        return witness.read_witness()


def _witness_findings(witnessed: list[Head], found: set[str], count: int,
                      restores: list[Any]) -> list[Finding]:
    """A head seen earlier that the chain no longer holds: events were removed or rewritten.

    A restore recorded after a head was seen explains it (the chain went back on purpose)."""
    out: list[Finding] = []
    by_source: dict[str, list[Head]] = {}
    for head in witnessed:
        by_source.setdefault(head.source, []).append(head)
    for source, heads in by_source.items():
        last = heads[-1]
        if last.hash in found:
            continue
        seen = _when(last.seen_at)
        if seen is not None and any(at >= seen for at in restores if isinstance(at, dt.datetime)):
            continue
        if count < last.count:
            message = (f"the last {last.count - count} audit event(s) were removed: {source} saw "
                       f"{last.count} events up to {last.event_at} UTC (head {last.short}), the "
                       f"database now has {count}")
        else:
            held = [h for h in heads if h.hash in found]
            since = (f"after {held[-1].event_at} UTC (event {held[-1].event_id}, head "
                     f"{held[-1].short})" if held else "")
            message = (f"the audit chain was rewritten {since or 'from an unknown point'}: "
                       f"{source} saw head {last.short} at event {last.event_id} "
                       f"({last.event_at} UTC), which the database no longer holds")
        out.append(Finding("audit_event", "", "", message))
    return out


def _when(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text).replace(microsecond=0) if text else None
    except ValueError:
        return None


def _check_settings(last_state: dict[tuple[str, str], tuple[str, str | None]]) -> list[Finding]:
    """Settings change numbers (MDC overrides, clinic details): each must match its audit."""
    out: list[Finding] = []
    present: set[str] = set()
    for row in m.Setting.select().order_by(m.Setting.id):
        present.add(row.key)
        state = last_state.get(("setting", row.key))
        if state is None or state[1] is None:
            out.append(Finding("setting", row.key, "", "has no audit event (added behind "
                                                       "ptlog's back)"))
            continue
        try:
            stored = json.loads(row.value)
        except ValueError:
            stored = row.value
        audited = json.loads(state[1]).get("value")
        if stored != audited:
            out.append(Finding("setting", row.key, "value",
                               f"is {_short(stored)} but was last recorded as {_short(audited)} "
                               "(changed behind ptlog's back)"))
    for (entity, key), (action, _after) in last_state.items():
        if entity == "setting" and key not in present and action != "delete":
            out.append(Finding("setting", key, "", "was deleted without an audit event"))
    return out


def _check_rows(
    entity: str,
    model: Any,  # a peewee model class from AUDITED
    last_state: dict[tuple[str, str], tuple[str, str | None]],
) -> list[Finding]:
    out: list[Finding] = []
    query = model.select().order_by(model.id)
    if "import_batch" in model._meta.fields:
        # imported rows are covered by their batch digest (checked with the imports)
        query = query.where(model.import_batch.is_null())
    for values in query.dicts().iterator():  # no model object per row
        if len(out) >= _MAX_PER_KIND:
            out.append(Finding(entity, "", "", f"more than {_MAX_PER_KIND} findings; stopped"))
            break
        uuid = str(values["uuid"])
        state = last_state.get((entity, uuid))
        if state is None:
            out.append(Finding(entity, uuid, "", "has no audit event (added behind ptlog's "
                                                 "back)"))
            continue
        action, after_text = state
        if action == "delete" or after_text is None:
            out.append(Finding(entity, uuid, "", f"exists although its last audit event is "
                                                 f"'{action}'"))
            continue
        stored = audit.snapshot_of_values(model, values)
        if audit.canonical_json(stored) == after_text:
            continue  # the usual case, and the quick one: the row is as it was audited
        audited = json.loads(after_text)
        for name in sorted(set(stored) | set(audited)):
            if name not in audited or name not in stored:
                continue  # a column added by a later migration: nothing audited to compare
            if not _same(stored[name], audited[name]):
                out.append(Finding(
                    entity, uuid, name,
                    f"is {_short(stored[name])} but was last recorded as {_short(audited[name])}"
                    " (changed behind ptlog's back)",
                ))
    return out


def check_database_on_worker(progress: Progress | None = None) -> list[Finding]:
    """``check_database`` for a worker thread: closes that thread's own connection afterwards."""
    try:
        return check_database(progress)
    finally:
        if m.database_proxy.obj is not None:
            m.database_proxy.obj.close()
