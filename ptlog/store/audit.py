"""The audit chain: one insert-only event per change, each holding the hash of the one before.

Write events inside the same transaction as the change they describe (``record`` does not open
one of its own), so a change and its audit event are committed or lost together. On a clinic
server, when another workstation holds the chain, a change's events wait in ``audit_pending``
(committed with the change) and are chained right after its commit, a group of saves at a time
(``audit_seal``); otherwise (and always on SQLite, for seals and for imports of thousands of
events) they extend the chain in place, under the chain's lock on a server.
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import hashlib
import itertools
import json
import math
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from json.encoder import encode_basestring
from typing import Any

from peewee import SQL, Model, PostgresqlDatabase

from ptlog.domain.limits import CLINICIAN
from ptlog.store import audit_seal
from ptlog.store.bulk_insert import BulkInsert, made_ahead
from ptlog.store.models import AuditEvent, database_proxy, utc_now
from ptlog.store.secret import new_secret, require_secret

GENESIS_HASH = "0" * 64

_clinician: ContextVar[str] = ContextVar("ptlog_clinician", default="")


def set_clinician(name: str) -> None:
    """The clinician selected in the GUI (or ``--clinician``), recorded with every event."""
    _clinician.set(name)


def current_clinician() -> str:
    return _clinician.get()


_signed_in: list[str | None] = [None]  # process-wide: worker threads record the same person


def set_signed_in(name: str | None) -> None:
    """On a clinic server with roles, the database's ``session_user``: every event carries it
    (the server refuses any other name). None elsewhere."""
    _signed_in[0] = name


def signed_in() -> str | None:
    return _signed_in[0]


@functools.cache
def os_user() -> str:
    """The login name, cut to the audit column's size (a domain account can be longer). Read
    once: it does not change while ptlog runs, and a save asked for it nine times."""
    try:
        return getpass.getuser()[:CLINICIAN]
    except Exception:  # noqa: BLE001 - no login name in some containers/services
        return "unknown"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return value  # keep 35.0 as 35.0: JSON round-trips it the same
    return value


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
                      allow_nan=False)


def snapshot(instance: Model) -> dict[str, Any]:
    """The row's stored fields as plain JSON values (foreign keys as their ids)."""
    out: dict[str, Any] = {}
    for name, field in instance._meta.fields.items():
        value = instance.__data__.get(name)
        out[field.column_name if name != field.column_name else name] = _plain(value)
    return out


def snapshot_text(instance: Model) -> str:
    """``canonical_json(snapshot(instance))``, written out field by field: the same text in a
    fifth of the time (a save's seven new rows each have their snapshot written)."""
    data = instance.__data__
    return "{" + ",".join([
        key + (encode_basestring(value) if type(value) is str else _json_of(value))
        for key, value in [(key, data.get(name)) for key, name in _snapshot_keys(type(instance))]
    ]) + "}"


@functools.cache
def _snapshot_keys(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """Each field's JSON key with its colon, and its name, in ``canonical_json``'s key order."""
    fields = sorted(model._meta.fields.items(), key=lambda item: item[1].column_name)
    return tuple((encode_basestring(field.column_name) + ":", name) for name, field in fields)


def _json_of(value: Any) -> str:
    """``canonical_json(_plain(value))`` for a stored field's value other than text (written
    by ``snapshot_text`` itself)."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    if kind is dt.datetime:
        return f'"{value.replace(microsecond=0).isoformat()}"'
    return canonical_json(_plain(value))


def snapshot_of_values(model: type[Model], values: dict[str, Any]) -> dict[str, Any]:
    """``snapshot`` of a row read as a dict (``select().dicts()``): the same keys and values,
    without making a model object per row (``check`` reads every patient)."""
    out: dict[str, Any] = {}
    for name, field in model._meta.fields.items():
        out[field.column_name if name != field.column_name else name] = _plain(values.get(name))
    return out


def event_hash(prev_hash: str, payload: dict[str, Any], key: bytes | None = None) -> str:
    """HMAC-SHA-256 under the clinic secret ``key``; plain SHA-256 for events written before
    the chain was sealed (``key`` None)."""
    return hasher(key)((prev_hash + canonical_json(payload)).encode("utf-8"))


@functools.lru_cache(maxsize=8)
def hasher(key: bytes | None) -> Callable[[bytes], str]:
    """The event hash of a message as hex: HMAC-SHA-256 (RFC 2104) under ``key`` made from
    SHA-256 states that already hold the padded key, so each event costs two hash copies
    instead of a new HMAC (a third of ``hmac.digest``'s time: a million-reading import hashes
    200,000 events); plain SHA-256 without a key."""
    if key is None:
        return lambda message: hashlib.sha256(message).hexdigest()
    block = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def keyed(message: bytes) -> str:
        first = inner.copy()
        first.update(message)
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()

    return keyed


SEAL = "seal"  # the event that starts a key: it and every event after it are HMACs under it


def seal_key_id(after: str | None) -> str:
    """The secret's id a seal event names ("" if it names none)."""
    try:
        return str(json.loads(after or "{}").get("key_id", ""))
    except (ValueError, AttributeError):
        return ""


def active_key_id() -> str:
    """The id of the secret the chain is keyed with now ("" before the chain is sealed)."""
    # the action written into the statement, not a parameter: a plan made for a parameter
    # cannot use the index of the seals alone (migration 5) and walks back the whole chain
    row = (AuditEvent.select(AuditEvent.after).where(AuditEvent.action == SQL(f"'{SEAL}'"))
           .order_by(AuditEvent.id.desc()).limit(1).first())
    return seal_key_id(row.after) if row else ""


def active_key() -> bytes | None:
    """The clinic secret new events are hashed with; an error if this workstation lacks it."""
    kid = active_key_id()
    return require_secret(kid) if kid else None


def event_payload(event: AuditEvent | Any) -> dict[str, Any]:
    """Exactly the fields the hash covers (everything but the id and the hash itself)."""
    return {
        "at": _plain(event.at),
        "os_user": event.os_user,
        "clinician": event.clinician,
        "action": event.action,
        "entity": event.entity,
        "entity_uuid": event.entity_uuid,
        "patient_uuid": event.patient_uuid,
        "before": event.before,
        "after": event.after,
        "prev_hash": event.prev_hash,
    }


def last_hash() -> str:
    row = AuditEvent.select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1).first()
    return row.hash if row else GENESIS_HASH


#: the chain's head and the last seal's ``after`` (naming the secret in force), one statement
_HEAD_AND_SEAL = ('SELECT (SELECT "hash" FROM "audit_event" ORDER BY "id" DESC LIMIT 1), '
                  '(SELECT "after" FROM "audit_event" WHERE "action" = \'seal\' '
                  'ORDER BY "id" DESC LIMIT 1)')


def head_and_key(chain_waiting: bool = False) -> tuple[str, bytes | None]:
    """``last_hash()`` and ``active_key()`` in one statement (a save on a server: one round
    trip less while it holds the chain's lock). ``chain_waiting`` (a clinic server, the
    chain's lock held): the events waiting to be chained are chained first
    (``audit_seal.chain_before_own``), and the head is after them."""
    db = database_proxy.obj
    head, after = audit_seal.chain_before_own(db) if chain_waiting else \
        db.execute_sql(_HEAD_AND_SEAL).fetchone()
    kid = seal_key_id(after) if after is not None else ""
    return (head or GENESIS_HASH), (require_secret(kid) if kid else None)


#: ranges of audit event ids this process wrote: the live view tells its own saves apart
#: from another window's or workstation's (SQLite has no NOTIFY to carry a sender)
_own_ranges: list[tuple[str, int, int]] = []  # (database file, first id, last id)
_own_lock = threading.Lock()


def _database_file() -> str:
    return os.path.realpath(str(getattr(database_proxy.obj, "database", "")))


def _mark_own(first: int, last: int) -> None:
    where = _database_file()
    with _own_lock:
        if _own_ranges and _own_ranges[-1][0] == where and _own_ranges[-1][2] + 1 == first:
            _own_ranges[-1] = (where, _own_ranges[-1][1], last)
        else:
            _own_ranges.append((where, first, last))
            del _own_ranges[:-1000]  # the listener only asks about the last few seconds


def own_events_between(database_file: str, after: int, up_to: int) -> int:
    """How many event ids in (after, up_to] this process wrote to this SQLite file."""
    where = os.path.realpath(database_file)
    with _own_lock:
        return sum(max(0, min(last, up_to) - max(first, after + 1) + 1)
                   for db_file, first, last in _own_ranges if db_file == where)


def record(
    action: str,
    entity: str,
    entity_uuid: str = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    patient_uuid: str = "",
    clinician: str | None = None,
    key: bytes | None = None,
    user: str | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain. Call inside the transaction that makes the change.

    ``key`` is for a seal event only (the new secret it starts); others use ``active_key``.
    ``user``/``at``: an event that waited in ``audit_outbox`` keeps its own (default: now).
    """
    db = database_proxy.obj
    waits = action != SEAL and audit_seal.waits(db)  # a seal names the key: chained at once
    if isinstance(db, PostgresqlDatabase) and not waits:
        lock_chain(db)  # one writer at a time extends the chain; released at commit
    key = key if key is not None or waits else active_key()  # waiting: ``stage`` keys it
    event = AuditEvent(
        at=utc_now() if at is None else at,
        os_user=os_user() if user is None else user,
        clinician=_signed_in[0] if _signed_in[0] is not None else
        current_clinician() if clinician is None else clinician,
        action=action,
        entity=entity,
        entity_uuid=entity_uuid,
        patient_uuid=patient_uuid,
        before=None if before is None else canonical_json(before),
        after=None if after is None else canonical_json(after),
        prev_hash="" if waits else last_hash(),
    )
    if waits:  # chained right after the commit (``audit_seal``); ``hash`` is its own MAC

        def rows(waiting_key: bytes | None) -> list[tuple[Any, ...]]:
            event.hash = event_hash("", event_payload(event), waiting_key)
            return [(event.at, event.os_user, event.clinician, action, entity, entity_uuid,
                     patient_uuid, event.before, event.after, event.hash)]

        audit_seal.stage(rows)
        return event
    event.hash = event_hash(event.prev_hash, event_payload(event), key)
    event.save(force_insert=True)
    _mark_own(int(event.id), int(event.id))
    return event


lock_chain = audit_seal.lock_chain


def seal(kid: str) -> AuditEvent:
    """Key the chain from here on with the secret ``kid`` (on this workstation already).

    The seal's own hash is an HMAC under the new secret over the head before it, so the whole
    chain up to the seal is fixed: events written before ptlog keyed its chain (plain SHA-256)
    cannot be re-computed unseen either. Rotating the secret is another seal."""
    key = require_secret(kid)
    db = database_proxy.obj
    if audit_seal.staged(db):  # events waiting under the old secret join the chain first
        lock_chain(db)
        audit_seal.lock_for_rotation(db)
        audit_seal.chain_waiting(db)
    count = AuditEvent.select().count()
    event = record(SEAL, "chain", kid, after={"key_id": kid, "sealed_head": last_hash(),
                                              "sealed_events": count}, key=key)
    audit_seal.forget_key(db)  # waiting events are keyed with the new secret from here on
    return event


def ensure_sealed() -> str | None:
    """A chain never sealed is sealed with a new clinic secret; returns its id if one was made.

    Run when a database is opened: a new database starts keyed, an existing one (from before
    keyed chains) is sealed at its current head. On PostgreSQL the audit lock makes two
    workstations starting at once seal it once."""
    if active_key_id():
        return None

    def work() -> str | None:
        db = database_proxy.obj
        if isinstance(db, PostgresqlDatabase):
            lock_chain(db)
        if active_key_id():
            return None
        kid = new_secret()
        seal(kid)
        return kid

    from ptlog.store.transactions import in_transaction

    return in_transaction(work, where="the audit trail")


#: one event for ``record_many``: (action, entity, entity_uuid, before, after, patient_uuid);
#: ``before``/``after`` as a dict, or as its ``canonical_json`` text already made
PendingEvent = tuple[str, str, str, dict[str, Any] | str | None, dict[str, Any] | str | None, str]


def payload_writer(
    at: str, user: str, clinician: str
) -> Callable[[str, str, str, str, str | None, str | None, str], str]:
    """``canonical_json(payload)`` for events that share their time, user and clinician, the
    keys written out in sorted order: ``write(action, entity, entity_uuid, patient_uuid,
    before, after, prev_hash)`` gives the same characters in a third of the time (100k events
    in a bulk import). Every value is text or None, as in ``event_payload``."""
    enc = encode_basestring
    head = f',"at":{enc(at)},'
    middle = f',"clinician":{enc(clinician)},'
    user_text = f',"os_user":{enc(user)},'

    def write(action: str, entity: str, entity_uuid: str, patient_uuid: str,
              before: str | None, after: str | None, prev_hash: str) -> str:
        return (
            f'{{"action":{enc(action)},"after":{"null" if after is None else enc(after)}'
            f'{head}"before":{"null" if before is None else enc(before)}'
            f'{middle}"entity":{enc(entity)},"entity_uuid":{enc(entity_uuid)}'
            f'{user_text}"patient_uuid":{enc(patient_uuid)},"prev_hash":{enc(prev_hash)}}}'
        )

    return write


def json_template(fixed: dict[str, Any], slots: Sequence[str]) -> Callable[[Sequence[Any]], str]:
    """``canonical_json`` of ``fixed`` with the keys ``slots`` set per call, made from pieces.

    For many snapshots that differ in a few fields (a bulk insert's rows): ``render(values)``
    returns exactly ``canonical_json({**fixed, **dict(zip(slots, values))})``.
    """
    pieces: list[str] = []  # the text before each slot's value
    order: list[int] = []  # which of ``values`` goes there
    text = "{"
    for i, key in enumerate(sorted({*fixed, *slots})):
        text += ("," if i else "") + encode_basestring(key) + ":"
        if key in slots:
            pieces.append(text)
            order.append(slots.index(key))
            text = ""
        else:
            text += canonical_json(fixed[key])
    tail = text + "}"
    # one %-format: the pieces (any "%" doubled), a %s for each slot's JSON
    form = "".join(piece.replace("%", "%%") + "%s" for piece in pieces) + tail.replace("%", "%%")
    enc = encode_basestring

    def render(values: Sequence[Any]) -> str:
        return form % tuple([
            enc(value) if type(value) is str else
            str(value) if type(value) is int else canonical_json(value)
            for value in [values[slot] for slot in order]
        ])

    return render


def record_many(events: Iterable[PendingEvent], *, chunk: int = 5000) -> int:
    """Append many events in order, exactly as repeated ``record`` calls would, in bulk.

    A 100k-patient import would otherwise read the chain's head and build one INSERT per event;
    here the head is read once and the rows go in with ``executemany``. Call inside the
    transaction that makes the changes. ``events`` may be a generator: it is read in a thread
    of its own (``made_ahead``), so it must not use the database.
    """
    few = isinstance(events, list | tuple) and len(events) <= chunk  # a save: no thread
    pending = iter(events)
    first = next(pending, None)
    if first is None:
        return 0
    db = database_proxy.obj
    sqlite = not isinstance(db, PostgresqlDatabase)
    if few and len(events) <= audit_seal.MOST_STAGED and audit_seal.staged(db):  # type: ignore[arg-type]
        # the chain's lock tried in the staging statement: staged if another holds it, else
        # held, and the events go in place below
        staged = audit_seal.stage_unless_chain_free(_waiting_rows(list(events)))
        if staged is not None:
            return len(staged)
    if not sqlite:
        lock_chain(db)
    at = utc_now()
    at_value: Any = at.isoformat(sep=" ") if sqlite else at
    at_text = _plain(at)
    user, clinician = os_user(), signed_in() or current_clinician()
    head, key = head_and_key(audit_seal.staged(db))
    # a save's few events: one row to a statement, the same text every time (psycopg prepares
    # it and sends the rows in one round trip); an import's thousands: a thousand to one (on a
    # server as many as 999 parameters take), the time and the users written in once (SQLite:
    # as literals, not bound again with every row)
    stamp = {"at": at_value, "os_user": user, "clinician": clinician}
    insert = BulkInsert(db, "audit_event", (*(stamp if few else ()), *_EVENT_COLUMNS),
                        None if few else stamp, rows_per_statement=1 if few else 1000)
    write = payload_writer(at_text, user, clinician)
    prefix = tuple(stamp.values()) if few else ()

    def rows() -> Iterator[list[tuple[Any, ...]]]:
        """The events' rows, a chunk at a time, each hashed with the one before."""
        hash_of = hasher(key)
        prev = head
        made: list[tuple[Any, ...]] = []
        for action, entity, entity_uuid, before, after, patient_uuid in itertools.chain(
            [first], pending
        ):
            before_json = before if before is None or isinstance(before, str) else \
                canonical_json(before)
            after_json = after if after is None or isinstance(after, str) else \
                canonical_json(after)
            payload = write(action, entity, entity_uuid, patient_uuid, before_json, after_json,
                            prev)
            digest = hash_of((prev + payload).encode("utf-8"))  # event_hash, inlined
            made.append((*prefix, action, entity, entity_uuid, patient_uuid, before_json,
                         after_json, prev, digest))
            prev = digest
            if len(made) >= chunk:
                yield made
                made = []
        yield made

    count = 0
    # SQLite holds the write lock: the new ids follow the highest one, none from elsewhere
    before_id = int(db.execute_sql('SELECT MAX("id") FROM "audit_event"').fetchone()[0] or 0) \
        if sqlite else 0
    # thousands of events: made (JSON, hashes) in a thread while SQLite inserts the last chunk
    for made in rows() if few else made_ahead(rows()):
        insert.run(made)
        count += len(made)
    if sqlite and count:
        _mark_own(before_id + 1, before_id + count)
    return count


# an event's columns after its time and users (``record_many``'s rows)
_EVENT_COLUMNS = ("action", "entity", "entity_uuid", "patient_uuid", "before", "after",
                  "prev_hash", "hash")


def _waiting_rows(events: list[PendingEvent]) -> Callable[[bytes | None], list[tuple[Any, ...]]]:
    """``record_many``'s events as ``audit_pending`` rows, each with its own MAC under the
    key ``audit_seal.stage`` gives (they are chained right after the commit)."""
    at = utc_now()
    at_text = _plain(at)
    user, clinician = os_user(), signed_in() or current_clinician()
    write = payload_writer(at_text, user, clinician)
    texts = [(action, entity, entity_uuid, patient_uuid,
              before if before is None or isinstance(before, str) else canonical_json(before),
              after if after is None or isinstance(after, str) else canonical_json(after))
             for action, entity, entity_uuid, before, after, patient_uuid in events]

    def rows(key: bytes | None) -> list[tuple[Any, ...]]:
        mac_of = hasher(key)  # event_hash("", payload), inlined
        return [(at, user, clinician, action, entity, entity_uuid, patient_uuid, before, after,
                 mac_of(write(action, entity, entity_uuid, patient_uuid, before, after, "")
                        .encode("utf-8")))
                for action, entity, entity_uuid, patient_uuid, before, after in texts]

    return rows
