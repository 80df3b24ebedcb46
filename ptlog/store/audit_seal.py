"""Group sealing on a clinic server: events wait beside their change, then join the chain.

One hash chain orders every audit event, so extending it is serial: while a save held the
chain's lock until its commit, sixteen workstations committed one after the other (p95 of a
save 3-12× that of the same rows inserted in parallel). On PostgreSQL a save whose first
event finds the chain's lock free takes it and chains in place (one commit, as before); one
that finds it taken by another (``waits``) writes its events to ``audit_pending`` instead,
each with its own HMAC under the clinic secret (``mac``: the event hash with an empty link,
so no one without the secret makes one that ptlog accepts), and commits in parallel with the
others (the server's group commit). Right after the commit the saver queues for the chain's
lock; at its turn it finds its events chained already (the lock is let go in that statement,
on the server: no round trip under it) or chains *every* committed waiting event in id order
in one short transaction (``ptlog_seal_events`` copies them into ``audit_event`` with the links
the saver computed and removes them from ``audit_pending``). The saves queued behind it then
find theirs chained and return: one chain commit for a group of saves. A save that chains in
place chains the waiting events before its own (``chain_before_own``).

The rules that keep this as safe as chaining inside the save:

* a save returns only when its events are in the chain (``seal_after_commit`` raises
  otherwise), so no one is told "saved" about an unchained change;
* the change and its events still commit together (the pending rows are in its transaction):
  the deferred trigger that wants the signed-in person's event with each changed row finds it
  in ``audit_pending``, and the sign-in trigger stamps the person's name on it there;
* only a pending event whose ``mac`` is right is chained; a forged one stays waiting, and
  ``ptlog check`` names it, as it names events waiting longer than ``STALE`` (a workstation
  that stopped between its commit and the chaining: the next save or start chains them);
* ``audit_event`` keeps its form, order and append-only triggers: check, witnesses, backups
  and restores read the same chain. ``audit_pending`` may not be updated or truncated; on a
  server with roles nobody but ``ptlog_seal_events`` (SECURITY DEFINER, the schema's owner)
  removes rows from it or writes an event in another person's name, and it copies each
  pending row verbatim, linked to the chain's head under the lock.

SQLite has one writer at a time: events are chained in the save's transaction as before.
A transaction that writes thousands of events (an import) chains them in place too (the lock
is then held to its commit, as before): copying them through ``audit_pending`` would double
the work and the sealing transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from collections.abc import Callable, Collection, Sequence
from types import SimpleNamespace
from typing import Any

from peewee import Database, PostgresqlDatabase

from ptlog.store import errors, json_rows, server_statements
from ptlog.store.drivers import driver_errors
from ptlog.store.models import database_proxy

#: the pending rows' columns, in this order (``audit_event``'s without the link and the hash)
COLUMNS = ("at", "os_user", "clinician", "action", "entity", "entity_uuid", "patient_uuid",
           "before", "after", "mac")
STALE = dt.timedelta(seconds=30)  # a pending event older than this was left by a stopped saver
MOST_STAGED = 500  # more events in one transaction (an import) are chained in place
#: pg_advisory_xact_lock key of the chain: one writer extends it at a time
CHAIN_LOCK = 0x7074_6C6F_68

_ENABLED_ATTRIBUTE = "_ptlog_audit_pending"


def enable(db: Database) -> None:
    """Stage this database's events (called once it is migrated: the table exists)."""
    if isinstance(db, PostgresqlDatabase) and hasattr(db, "after_commit") \
            and "audit_pending" in db.get_tables():
        setattr(db, _ENABLED_ATTRIBUTE, True)


def staged(db: Database) -> bool:
    """Do this database's saves stage their events (a migrated clinic server)?"""
    return bool(getattr(db, _ENABLED_ATTRIBUTE, False))


_MODE_ATTRIBUTE = "_ptlog_events_wait"
_JUST_LOCKED_ATTRIBUTE = "_ptlog_chain_just_locked"


def waits(db: Database) -> bool:
    """Do this transaction's events wait to be chained after its commit (True), or go into the
    chain in place (False)? Decided at its first event, once: in place when the chain's lock is
    free then (a quiet server: one commit per save, as before group sealing), held to the
    commit; else they wait, and the saver joins the next group after its commit. Always
    in place on SQLite; always waiting outside a transaction (a statement of its own)."""
    if not staged(db):
        return False
    opened = db._state.transactions  # type: ignore[attr-defined]  # peewee's, outermost first
    if not opened:
        return True
    decided = getattr(opened[0], _MODE_ATTRIBUTE, None)
    if decided is None:
        free = db.execute_sql("SELECT pg_try_advisory_xact_lock(%s)", (CHAIN_LOCK,))
        decided = not bool(free.fetchone()[0])
        _decide(db, waits=decided)
    return bool(decided)


def _decide(db: Database, *, waits: bool) -> None:
    """Record for the open transaction whether its events wait (the chain's lock was taken
    by another) or go in place (this transaction has just taken it)."""
    outer = db._state.transactions[0]  # type: ignore[attr-defined]
    setattr(outer, _MODE_ATTRIBUTE, waits)
    if not waits:
        setattr(outer, _JUST_LOCKED_ATTRIBUTE, True)


def lock_chain(db: Database) -> None:
    """Take the chain's lock on PostgreSQL (held to the commit): one writer extends it. No
    round trip if ``waits`` took it for this very event (a later event of the transaction
    takes it again: a savepoint rolled back since would have released it)."""
    opened = getattr(db, "_state", None)
    outer = opened.transactions[0] if opened is not None and opened.transactions else None
    if outer is not None and getattr(outer, _JUST_LOCKED_ATTRIBUTE, False):
        setattr(outer, _JUST_LOCKED_ATTRIBUTE, False)
        return
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))


_KEY_ATTRIBUTE = "_ptlog_key_id"
#: the last seal's ``after`` (which names the secret new events are keyed with)
_SEAL_AFTER = ('(SELECT "after" FROM "audit_event" WHERE "action" = \'seal\' '
               'ORDER BY "id" DESC LIMIT 1)')


def staging_key_id(db: Database) -> str:
    """The secret a save keys its waiting events with: the one ``stage`` last saw in force
    (no query per save); ``stage`` finds out in the same statement if it changed since."""
    from ptlog.store.audit import active_key_id

    kid = getattr(db, _KEY_ATTRIBUTE, None)
    if kid is None:
        kid = active_key_id()
        setattr(db, _KEY_ATTRIBUTE, kid)
    return str(kid)


_NAMES = ", ".join(f'"{c}"' for c in COLUMNS)


def _staging_sql(try_chain: bool) -> str:
    """The pending rows inserted from one JSON parameter (``json_rows``: the same statement
    for any number of rows, so psycopg prepares it; one array a column cost the workstation
    ten times the CPU to send), only if the secret they
    are keyed with (the last parameter) is still the one in force; gives the one in force and
    the ids. ``try_chain``: the chain's lock tried first (its key the first parameter), the
    rows inserted only if another holds it, and whether it was free given first."""
    lock = "l AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(%s) AS free), " \
        if try_chain else ""
    return (
        f"WITH {lock}k AS (SELECT coalesce({_SEAL_AFTER}::json ->> 'key_id', '') AS kid), "
        f'added AS (INSERT INTO "audit_pending" ({_NAMES}) SELECT v.* FROM '
        + json_rows.recordset_sql(["timestamp"] + ["text"] * (len(COLUMNS) - 1))
        + f" WHERE {'NOT (SELECT free FROM l) AND ' if try_chain else ''}"
        '(SELECT kid FROM k) = %s RETURNING "id") '
        f"SELECT {'l.free, ' if try_chain else ''}k.kid, "
        f'ARRAY(SELECT "id" FROM added ORDER BY "id") FROM {"l, " if try_chain else ""}k')


_STAGE = _staging_sql(try_chain=False)
_STAGE_UNLESS_FREE = _staging_sql(try_chain=True)


def stage(make_rows: Callable[[bytes | None], Sequence[tuple[Any, ...]]]) -> list[int]:
    """Insert pending events in this order; they are chained right after the commit. Call
    inside the change's transaction. ``make_rows(key)`` gives the rows (``COLUMNS`` each) with
    their ``mac`` under ``key``: the secret this process last saw in force. The insert is made
    only if that is still the one in force (else nothing is inserted and the rows are made
    again under the new one): a rotation waits for the saves under way (``lock_for_rotation``),
    so a save that comes later sees the new secret here. Returns the events' ids."""
    own = _stage(make_rows, try_chain=False)
    assert own is not None
    return own


def stage_unless_chain_free(
        make_rows: Callable[[bytes | None], Sequence[tuple[Any, ...]]]) -> list[int] | None:
    """``stage`` the transaction's events, unless they are to go into the chain in place:
    None then, the chain's lock held to the commit. Decided here if ``waits`` was not asked
    yet in this transaction, in the staging statement itself (the lock tried in it and the
    rows inserted only if another holds it): a save on a busy server makes one round trip
    for both, not two. Where the lock is free the caller reads the chain's head in a
    statement of its own: one that began before the lock was had could miss the group a
    sealer committed meanwhile."""
    db = database_proxy.obj
    opened = db._state.transactions  # peewee's, outermost first
    decided = getattr(opened[0], _MODE_ATTRIBUTE, None) if opened else True
    if decided is not None:
        return _stage(make_rows, try_chain=False) if decided else None
    return _stage(make_rows, try_chain=True)


def _stage(make_rows: Callable[[bytes | None], Sequence[tuple[Any, ...]]], *,
           try_chain: bool) -> list[int] | None:
    """``stage``; ``try_chain``: the chain's lock tried first in the same statement (None
    if it was free: taken, and this transaction's events go in place)."""
    from ptlog.store.secret import require_secret

    db = database_proxy.obj
    kid = staging_key_id(db)
    for _attempt in range(3):
        rows = make_rows(require_secret(kid) if kid else None)
        rows_json = json_rows.recordset(rows)
        if try_chain:  # straight through libpq (``ServerDatabase.first_row``)
            free_text, *row = db.first_row("ptlog_stage_unless_free", _STAGE_UNLESS_FREE,
                                           [CHAIN_LOCK, rows_json, kid]) or (None, None, None)
            free = bool(server_statements.boolean(free_text))
            _decide(db, waits=not free)
            if free:
                return None
        else:
            row = list(db.first_row("ptlog_stage", _STAGE, [rows_json, kid]) or (None, None))
        in_force = row[0]
        if in_force == kid:
            own = server_statements.integers(row[1])
            db.after_commit(functools.partial(seal_after_commit, own))
            return own
        kid = str(in_force)
        setattr(db, _KEY_ATTRIBUTE, kid)
    raise errors.StoreError("the clinic secret keeps changing: the audit events were not saved")


def forget_key(db: Database) -> None:
    """A seal was written: look the secret in force up again at the next save."""
    if hasattr(db, _KEY_ATTRIBUTE):
        delattr(db, _KEY_ATTRIBUTE)


def lock_for_rotation(db: Database) -> None:
    """Before a new secret is sealed in: wait for the saves under way to commit their waiting
    events (keyed with the old secret: chained next, under it) and hold new ones back until the
    seal commits (they then see the new secret). Caller holds the chain's lock."""
    if staged(db):
        db.execute_sql('LOCK TABLE "audit_pending" IN EXCLUSIVE MODE')


def seal_after_commit(own: Collection[int]) -> None:
    """Chain the waiting events, unless another saver chained ``own`` already; an error if
    ``own`` are still not chained after (the change is saved, its audit events are not)."""
    try:
        _seal_own(own)
    except errors.StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - the save committed: say so, do not retry it
        raise errors.DatabaseUnavailableError(
            "the change was saved, but its audit events could not be added to the audit chain "
            f"({exc}); the next save adds them, 'ptlog check' names them until then") from exc


def _seal_own(own: Collection[int]) -> None:
    """Wait until ``own`` are chained: by the saver ahead in the queue for the chain's lock,
    or by this one, which then chains every waiting event.

    The lock is taken at session level and let go in the very call that finds ``own``
    chained already (``ptlog_wait_for_own``), so the savers queued behind a group pass
    through it on the server without a round trip each: sixteen savers queued on the
    transaction's lock held it in turn across their round trips, half of them only to find
    their events chained (p95 of a save 4-8x the raw inserts'). A saver that chains holds it
    for the hashing and one round trip (the events chained, the commit, the lock let go)."""
    if not own:
        return
    db = database_proxy.obj
    conn = db.connection()
    held = True  # from the first statement on, until the lock is let go
    try:
        with driver_errors():
            waits, head, seal_after, waiting = _wait_for_own(conn, own)
            if not waits:
                held = False  # chained by a group before: let go on the server already
                return
            ids, prevs, hashes, refused = _links(head, seal_after, waiting)
            with conn.pipeline():
                conn.execute("BEGIN")
                if ids:
                    conn.execute("SELECT ptlog_seal_events(%s, %s, %s)", (ids, prevs, hashes))
                conn.execute("COMMIT")
                conn.execute("SELECT pg_advisory_unlock(%s)", (CHAIN_LOCK,))
            held = False
    except BaseException:
        with contextlib.suppress(Exception):
            conn.execute("ROLLBACK")  # no more than a warning outside a transaction
        raise
    finally:
        if held:
            with contextlib.suppress(Exception):
                conn.execute("SELECT pg_advisory_unlock(%s)", (CHAIN_LOCK,))
    if refused & set(own):
        raise errors.StoreError(
            f"{len(refused & set(own))} audit event(s) of this change do not carry their keyed "
            "hash (the clinic secret changed while it was saved): the change is saved, its "
            "events wait")


def _wait_for_own(conn: Any, own: Collection[int]) -> tuple[bool, str | None, str | None, Any]:
    """``ptlog_wait_for_own``'s answer: whether ``own`` still wait, and if so the chain's
    head, the last seal's ``after`` and every waiting event (parsed)."""
    row = server_statements.first_row(conn, "ptlog_wait_for_own",
                                      f"SELECT * FROM {WAIT_FUNCTION}(%s, %s, %s)",
                                      [min(own), max(own), sorted(own)])
    assert row is not None  # the function always gives its one row
    waits, head, seal_after, waiting = row[:4]
    return (bool(server_statements.boolean(waits)), head, seal_after,
            None if waiting is None else json.loads(waiting))


def _still_waiting(db: Database, own: Collection[int]) -> set[int]:
    return {int(r[0]) for r in db.execute_sql(
        'SELECT "id" FROM "audit_pending" WHERE "id" = ANY(%s)', (list(own),)).fetchall()}


def seal_waiting(own: Collection[int] = ()) -> int:
    """Chain every committed waiting event (in one transaction under the chain's lock);
    returns how many. With ``own``: nothing to do if those are chained already."""
    db = database_proxy.obj
    if own and not _still_waiting(db, own):
        return 0  # another saver's group took them (no lock needed to see it)
    if not own and db.execute_sql('SELECT 1 FROM "audit_pending" LIMIT 1').fetchone() is None:
        return 0
    with db.atomic():
        lock_chain(db)
        count, refused = chain_waiting(db, must=own)
    if refused:  # raised after the commit: the others' events chained meanwhile stay chained
        raise errors.StoreError(
            f"{len(refused)} audit event(s) of this change do not carry their keyed hash (the "
            "clinic secret changed while it was saved): the change is saved, its events wait")
    return count


def _payload(row: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    """What the hash covers of a pending row linked to ``prev_hash``: ``audit.event_payload``,
    the one list of those fields."""
    from ptlog.store.audit import event_payload

    return event_payload(SimpleNamespace(**row, prev_hash=prev_hash))


def waiting_rows(db: Database) -> list[dict[str, Any]]:
    """Every pending event, in id order, as a dict of its columns and ``id``."""
    names = ", ".join(f'"{c}"' for c in ("id", *COLUMNS))
    cursor = db.execute_sql(f'SELECT {names} FROM "audit_pending" ORDER BY "id"')
    return [dict(zip(("id", *COLUMNS), row, strict=True)) for row in cursor.fetchall()]


def _from_json(row: Any) -> dict[str, Any]:
    """A pending row as ``json_agg`` gives it (its time as ISO text)."""
    if isinstance(row, str):
        row = json.loads(row)
    out = {name: row[name] for name in ("id", *COLUMNS)}
    out["at"] = dt.datetime.fromisoformat(str(row["at"]))
    return out


def genuine(row: dict[str, Any], key: bytes | None) -> bool:
    """Was this pending event written by a ptlog holding the clinic secret?"""
    from ptlog.store.audit import event_hash

    return bool(event_hash("", _payload(row, ""), key) == row["mac"])


#: every waiting event in id order, read between the first and the last waiting id: a plain
#: scan of ``audit_pending`` also visits every row chained and removed since the last vacuum
#: (tens of thousands a minute on a busy server), the key's index skips them. Bounded on both
#: sides: to a plan made without the bounds' values (a prepared statement) one bound alone is
#: a third of the table, and a sequential scan again
_ALL_WAITING = ('(SELECT json_agg(p ORDER BY p."id") FROM "audit_pending" p '
                'WHERE p."id" >= (SELECT min("id") FROM "audit_pending") '
                'AND p."id" <= (SELECT max("id") FROM "audit_pending"))')
#: the chain's head, the last seal's ``after`` (the secret in force) and every waiting event
_WAITING = ('SELECT (SELECT "hash" FROM "audit_event" ORDER BY "id" DESC LIMIT 1), '
            f"{_SEAL_AFTER}, {_ALL_WAITING}")


#: the function a saver waits for the chain with (``create_wait_function``, migration 13)
WAIT_FUNCTION = "ptlog_wait_for_own"


def _own_waiting() -> str:
    """Once the chain's lock is had: are the events with ids ``$3`` (between ``$1`` and
    ``$2``) still waiting? If so the chain's head, the secret in force and every waiting event
    (``_WAITING``); if not, the lock is let go at once. (``own`` materialized: inlined, its
    EXISTS ran once for every column that names it; the lowest and highest id bound the
    look-up, so a plan made without the values still takes the key's index, not a scan of
    every removed row, ``_ALL_WAITING``.)"""
    return (
        'WITH own AS MATERIALIZED (SELECT EXISTS (SELECT 1 FROM "audit_pending" '
        'WHERE "id" >= $1 AND "id" <= $2 AND "id" = ANY($3)) AS waits) '
        "SELECT own.waits, CASE WHEN own.waits THEN "
        '(SELECT "hash" FROM "audit_event" ORDER BY "id" DESC LIMIT 1)::text END, '
        f"CASE WHEN own.waits THEN {_SEAL_AFTER}::text END, "
        f"CASE WHEN own.waits THEN {_ALL_WAITING} END, "
        f"CASE WHEN NOT own.waits THEN pg_advisory_unlock({CHAIN_LOCK}) END FROM own")


def _own_schema(db: Database) -> str:
    """The schema ptlog's tables are in, quoted: a function's fixed ``search_path``."""
    schema = str(db.execute_sql("SELECT current_schema()").fetchone()[0])
    return '"' + schema.replace('"', '""') + '"'


def create_wait_function(db: Database) -> None:
    """``ptlog_wait_for_own(lo, hi, own)``: take the chain's lock (session level), then
    ``_own_waiting`` in a statement of its own, so its snapshot is taken once the lock is had
    (a group sealed by the saver before is then seen). Invoker's rights: what it reads, the
    saver may read."""
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION {WAIT_FUNCTION}(lo integer, hi integer, own integer[]) "
        "RETURNS TABLE (own_waiting boolean, chain_head text, seal_after text, pending json, "
        "let_go boolean) LANGUAGE plpgsql "
        f"SET search_path = {_own_schema(db)}, pg_temp AS $$ "
        f"BEGIN PERFORM pg_advisory_lock({CHAIN_LOCK}); RETURN QUERY {_own_waiting()}; END $$")


def _links(head: str | None, seal_after: str | None, waiting: Any
           ) -> tuple[list[int], list[str], list[str], set[int]]:
    """The waiting events (``_WAITING``'s row) with a right ``mac``, linked in id order from
    ``head``: their ids, links and hashes; and the ids of those refused (a wrong ``mac``)."""
    from ptlog.store.audit import GENESIS_HASH, _plain, hasher, payload_writer, seal_key_id
    from ptlog.store.secret import require_secret

    rows = [_from_json(row) for row in waiting]
    kid = seal_key_id(seal_after) if seal_after else ""
    hash_of = hasher(require_secret(kid) if kid else None)
    prev = head or GENESIS_HASH
    ids: list[int] = []
    prevs: list[str] = []
    hashes: list[str] = []
    refused: set[int] = set()
    for row in rows:
        # ``genuine`` and ``event_hash`` of ``_payload``, the payload written as
        # ``payload_writer`` writes it (the same text in a third of the time: every waiting
        # event is hashed twice while the chain's lock is held)
        write = payload_writer(str(_plain(row["at"])), row["os_user"], row["clinician"])
        fields = (row["action"], row["entity"], row["entity_uuid"], row["patient_uuid"],
                  row["before"], row["after"])
        if hash_of(write(*fields, "").encode("utf-8")) != row["mac"]:
            refused.add(int(row["id"]))  # left waiting: ``check`` names it
            continue
        digest = hash_of((prev + write(*fields, prev)).encode("utf-8"))
        ids.append(int(row["id"]))
        prevs.append(prev)
        hashes.append(digest)
        prev = digest
    return ids, prevs, hashes, refused


def chain_before_own(db: Database) -> tuple[str | None, str | None]:
    """For a transaction that holds the chain's lock to chain its own events in place: every
    waiting event chained first (the savers waiting for them find them chained and need not
    take the lock after this one), then the chain's head and the last seal's ``after``, all
    from one read. Events with a wrong ``mac`` stay waiting (``check`` names them)."""
    head, seal_after, waiting = db.execute_sql(_WAITING).fetchone()
    if waiting:
        ids, prevs, hashes, _refused = _links(head, seal_after, waiting)
        if ids:
            db.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)", (ids, prevs, hashes))
            head = hashes[-1]
    return head, seal_after


def chain_waiting(db: Database, must: Collection[int] = ()) -> tuple[int, set[int]]:
    """Chain the waiting events with a right ``mac`` at the chain's end; the caller holds the
    chain's lock in an open transaction. Every waiting event, also when ``must`` (this saver's
    own) were chained by the group before: the others' savers then find theirs chained and need
    not queue for the lock. Returns how many were chained and which of ``must`` were refused
    (a wrong ``mac``)."""
    if not staged(db):
        return 0, set()
    # the head, the secret in force and the waiting events in one round trip
    head, seal_after, waiting = db.execute_sql(_WAITING).fetchone()
    if not waiting:
        return 0, set()
    ids, prevs, hashes, refused = _links(head, seal_after, waiting)
    if ids:
        db.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)", (ids, prevs, hashes))
    return len(ids), set(must) & refused


def create_seal_function(db: Database) -> None:
    """``ptlog_seal_events(ids, links, hashes)``: copy the pending events ``ids`` into the
    chain with the links and hashes the caller computed, checking that they extend the chain's
    head, and remove them from ``audit_pending``. Invoker's rights here; on a server with
    roles it runs as the schema's owner (``server_roles.install_audit_pending``).

    The events are copied in one ``INSERT … SELECT`` in the order given (their new ids in the
    chain's order), not one statement each (migration 14: a group of forty events took
    sixteen workstations' server 1.4 ms, two thirds of it starting those statements)."""
    from ptlog.store.audit import GENESIS_HASH

    columns = ", ".join(f'"{c}"' for c in COLUMNS[:-1])
    copied = ", ".join(f'p."{c}"' for c in COLUMNS[:-1])
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION ptlog_seal_events(ids integer[], prevs text[], "
        "hashes text[]) RETURNS integer LANGUAGE plpgsql "
        f"SET search_path = {_own_schema(db)}, pg_temp AS $$ "
        "DECLARE n integer := coalesce(array_length(ids, 1), 0); head text; moved integer; "
        "missing integer; "
        "BEGIN IF n = 0 THEN RETURN 0; END IF; "
        "IF coalesce(array_length(prevs, 1), 0) <> n OR "
        "coalesce(array_length(hashes, 1), 0) <> n THEN "
        "RAISE EXCEPTION USING MESSAGE = 'ptlog: as many links and hashes as events, please'; "
        "END IF; "
        f"PERFORM pg_advisory_xact_lock({CHAIN_LOCK}); "
        'SELECT e."hash" INTO head FROM "audit_event" e ORDER BY e."id" DESC LIMIT 1; '
        f"IF prevs[1] IS DISTINCT FROM coalesce(head, '{GENESIS_HASH}') THEN "
        "RAISE EXCEPTION USING MESSAGE = 'ptlog: these events do not extend the audit "
        "chain''s head'; END IF; "
        "FOR i IN 2..n LOOP "
        "IF prevs[i] IS DISTINCT FROM hashes[i - 1] THEN "
        "RAISE EXCEPTION USING MESSAGE = 'ptlog: the links do not follow one another'; "
        "END IF; "
        "END LOOP; "
        f'INSERT INTO "audit_event" ({columns}, "prev_hash", "hash") '
        f'SELECT {copied}, x."prev", x."hash" FROM unnest(ids, prevs, hashes) '
        'WITH ORDINALITY AS x("id", "prev", "hash", "n") '
        'JOIN "audit_pending" p ON p."id" = x."id" ORDER BY x."n"; '
        "GET DIAGNOSTICS moved = ROW_COUNT; "
        "IF moved <> n THEN "
        'SELECT x."id" INTO missing FROM unnest(ids) WITH ORDINALITY AS x("id", "n") '
        'WHERE NOT EXISTS (SELECT 1 FROM "audit_pending" p WHERE p."id" = x."id") '
        'ORDER BY x."n" LIMIT 1; '
        "RAISE EXCEPTION USING MESSAGE = 'ptlog: audit event ' || missing "
        "|| ' is not waiting to be chained'; END IF; "
        'DELETE FROM "audit_pending" WHERE "id" = ANY(ids); '
        "RETURN n; END $$")
