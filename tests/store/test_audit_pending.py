"""Group sealing on a clinic server (issue 21 item 3): saves commit in parallel, their audit
events wait in ``audit_pending`` and join the one chain right after, a group at a time."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from ptlog.domain import records as d
from ptlog.store import audit, audit_seal, check, patients, readings
from ptlog.store import models as m

pytestmark = pytest.mark.postgres


@pytest.fixture
def server(pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A clinic server whose saves always find the chain busy (their events wait), as with
    sixteen workstations saving: ``test_a_save_goes_in_place_when_the_chain_is_free`` tests
    the choice itself."""
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    _chain_always_busy(monkeypatch)
    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    try:
        yield database
    finally:
        database.close()


def _chain_always_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every save finds the chain's lock taken, as if another workstation held it: ``waits``
    says so, and the staging statement that tries the lock itself finds it taken."""
    monkeypatch.setattr(audit_seal, "waits", audit_seal.staged)
    monkeypatch.setattr(audit_seal, "_STAGE_UNLESS_FREE", audit_seal._STAGE_UNLESS_FREE.replace(
        "pg_try_advisory_xact_lock(%s)", "(%s::bigint IS NULL)"))


def _patient(chart: str) -> d.Patient:
    return patients.add_patient(d.Patient(chart, "Quist", "Ada", dt.date(1970, 3, 4),
                                          d.Sex.FEMALE))


def _save(patient_id: int, minute: int, degrees: float = 30.0) -> readings.SaveResult:
    when = dt.datetime(2026, 1, 5, 9) + dt.timedelta(minutes=minute)
    reading = d.Reading(d.MotionKey("hip", "internal_rotation"), d.Side.LEFT, d.Mode.ACTIVE,
                        d.Position.SEATED, degrees, when)
    return readings.save_visit_readings(patient_id, [reading], visit_at=when)


def _waiting() -> list[dict[str, Any]]:
    return audit_seal.waiting_rows(m.database_proxy.obj)


def test_a_save_returns_with_its_events_in_the_chain(server: Any) -> None:
    assert audit_seal.staged(server)
    patient = _patient("GS1")
    saved = _save(patient.id or 0, 0)
    assert _waiting() == []
    last = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).first()
    assert last.entity == "reading"
    assert last.entity_uuid == saved.saved[0].uuid
    assert check.check_database() == []


def _save_in_threads(database: Any, patient_ids: list[int], saves: int) -> list[BaseException]:
    """One thread (a connection each) per patient, ``saves`` visits each, all at once; what
    the threads raised."""
    errors: list[BaseException] = []

    def work(patient_id: int) -> None:
        try:
            for minute in range(saves):
                _save(patient_id, minute)
        except BaseException as exc:  # noqa: BLE001 - reported to the caller
            errors.append(exc)
        finally:
            database.close()  # this thread's connection

    threads = [threading.Thread(target=work, args=(pid,)) for pid in patient_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return errors


def test_parallel_saves_leave_one_sound_chain(server: Any) -> None:
    """Eight threads (a connection each) save at once: every event chained once, in order."""
    ids = [_patient(f"GS-P{n}").id or 0 for n in range(8)]
    assert _save_in_threads(server, ids, 5) == []
    assert _waiting() == []
    assert m.Visit.select().count() == 40
    created = m.AuditEvent.select().where(m.AuditEvent.entity.in_(("visit", "reading"))).count()
    assert created == 80
    assert check.check_database() == []


def _stage_without_sealing(monkeypatch: pytest.MonkeyPatch, patient_id: int) -> None:
    """A workstation that stopped between its commit and the chaining."""
    with monkeypatch.context() as stopped:
        stopped.setattr(audit_seal, "seal_after_commit", lambda own: None)
        _save(patient_id, 1)
    assert len(_waiting()) == 2  # the visit's and the reading's events


def test_events_left_waiting_are_named_by_check_and_chained_by_the_next_save(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    patient = _patient("GS2")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    # a moment after the save: the rows count as audited, nothing to say yet
    assert check.check_database() == []
    monkeypatch.setattr(audit_seal, "STALE", dt.timedelta(seconds=-1))
    findings = check.check_database()
    assert len(findings) == 2
    assert all("still waiting to be added to the audit chain" in str(f) for f in findings)
    _save(patient.id or 0, 2)  # the next save chains them with its own
    assert _waiting() == []
    assert check.check_database() == []


def test_a_forged_waiting_event_is_never_chained(server: Any) -> None:
    patient = _patient("GS3")
    server.execute_sql(
        'INSERT INTO "audit_pending" ("at", "os_user", "clinician", "action", "entity", '
        '"entity_uuid", "patient_uuid", "before", "after", "mac") VALUES (now(), %s, %s, '
        "'delete', 'patient', %s, %s, NULL, NULL, %s)",
        ("x", "", patient.uuid, patient.uuid, "0" * 64))
    _save(patient.id or 0, 0)
    assert [row["action"] for row in _waiting()] == ["delete"]  # left waiting, not chained
    assert not m.AuditEvent.select().where(m.AuditEvent.action == "delete").exists()
    findings = [str(f) for f in check.check_database()]
    assert len(findings) == 1
    assert "forged or altered" in findings[0]


def test_a_saver_whose_own_event_is_refused_is_told_and_the_others_stay_chained(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ptlog.store.errors import StoreError

    patient = _patient("GS7")
    _stage_without_sealing(monkeypatch, patient.id or 0)  # another saver's, genuine
    (bad,) = server.execute_sql(
        'INSERT INTO "audit_pending" ("at", "os_user", "clinician", "action", "entity", '
        '"entity_uuid", "patient_uuid", "before", "after", "mac") VALUES (now(), %s, %s, '
        "'note', 'visit', %s, %s, NULL, NULL, %s) RETURNING id",
        ("x", "", patient.uuid, patient.uuid, "0" * 64)).fetchone()
    with pytest.raises(StoreError, match="do not carry their keyed hash"):
        audit_seal.seal_waiting([bad])
    assert [row["id"] for row in _waiting()] == [bad]  # the genuine two were chained


def test_waiting_events_may_not_be_rewritten(server: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from peewee import DatabaseError

    patient = _patient("GS4")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    for sql in ("UPDATE audit_pending SET after = NULL", "TRUNCATE audit_pending"):
        with pytest.raises(DatabaseError, match="append-only"), server.atomic():
            server.execute_sql(sql)
    # an altered copy in the chain: the sealing function checks the links against the head
    row = _waiting()[0]
    with pytest.raises(DatabaseError, match="do not extend"), server.atomic():
        server.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)",
                           ([row["id"]], ["f" * 64], ["e" * 64]))
    assert audit_seal.seal_waiting() == 2
    assert check.check_database() == []


def test_the_seal_copies_a_group_in_the_order_given_and_checks_it_whole(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ptlog_seal_events`` (one statement for the group since migration 14): the events'
    new ids follow the order they are given in, not their waiting ids; a link that does not
    follow, or an event that is not waiting, leaves every one of them waiting, named."""
    from peewee import DatabaseError

    patient = _patient("GS8")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    (first, first_uuid), (second, second_uuid) = \
        ((row["id"], row["entity_uuid"]) for row in _waiting())
    links, hashes = [audit.last_hash(), "a" * 64], ["a" * 64, "b" * 64]
    with pytest.raises(DatabaseError, match="links do not follow"), server.atomic():
        server.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)",
                           ([second, first], links, ["d" * 64, "b" * 64]))
    with pytest.raises(DatabaseError, match=f"audit event {first + 100} is not waiting"), \
            server.atomic():
        server.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)",
                           ([second, first + 100], links, hashes))
    assert [row["id"] for row in _waiting()] == [first, second]
    with server.atomic():
        server.execute_sql("SELECT ptlog_seal_events(%s, %s, %s)",
                           ([second, first], links, hashes))
    copied = server.execute_sql(
        'SELECT "entity_uuid", "prev_hash", "hash" FROM "audit_event" ORDER BY "id" DESC '
        "LIMIT 2").fetchall()[::-1]
    assert copied == [(second_uuid, links[0], hashes[0]), (first_uuid, links[1], hashes[1])]
    assert _waiting() == []


def test_rotating_the_secret_chains_what_waits_under_the_old_one(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from ptlog.services import clinic_secret

    patient = _patient("GS5")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    clinic_secret.rotate()
    assert _waiting() == []
    assert check.check_database() == []


def test_sqlite_chains_in_the_saves_own_transaction(sqlite_url: str) -> None:
    from ptlog.store.database import open_database

    database = open_database(sqlite_url)
    try:
        assert not audit_seal.staged(database)
        patient = _patient("GS6")
        _save(patient.id or 0, 0)
        assert _waiting() == []
        assert audit.last_hash() == m.AuditEvent.select().order_by(
            m.AuditEvent.id.desc()).first().hash
        assert check.check_database() == []
    finally:
        database.close()


def test_a_save_goes_in_place_when_the_chain_is_free_and_waits_when_it_is_busy(
        pg_server_url: str) -> None:
    """Free chain: one commit, as before group sealing. Busy (another workstation holds the
    chain's lock): the save commits its data and events without waiting for the lock, then
    waits for it only to chain them, and returns once they are chained."""
    import psycopg

    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    statements: list[str] = []
    database.query_hooks.append(lambda event: statements.append(event.sql))
    try:
        patient = _patient("GS8")
        statements.clear()
        _save(patient.id or 0, 0)  # the lock is free: chained in the save's transaction
        assert _waiting() == []
        assert database.execute_sql(  # nothing ever waited
            "SELECT is_called FROM audit_pending_id_seq").fetchone() == (False,)
        other = psycopg.connect(pg_server_url)
        other.execute("SELECT pg_advisory_xact_lock(%s)", (audit_seal.CHAIN_LOCK,))
        done: list[object] = []
        saver = threading.Thread(target=lambda: (done.append(_save(patient.id or 0, 1)),
                                                 database.close()))
        saver.start()
        with psycopg.connect(pg_server_url, autocommit=True) as look:
            for _ in range(200):  # the visit commits while the chain is still held elsewhere
                visits, waiting = look.execute(
                    "SELECT (SELECT COUNT(*) FROM visit), (SELECT COUNT(*) FROM audit_pending)"
                ).fetchone()
                if visits == 2 and waiting == 2:
                    break
                time.sleep(0.05)
        assert (visits, waiting) == (2, 2)
        assert done == []  # not told "saved" while its events are not chained
        other.rollback()  # the other workstation lets the chain go
        saver.join(30)
        assert len(done) == 1
        assert _waiting() == []
        assert check.check_database() == []
        other.close()
        # both saves tried the lock in the statement that stages the events (inserting them
        # only when it was taken): one round trip, not a statement of its own first
        tries = [sql for sql in statements if "pg_try_advisory_xact_lock" in sql]
        assert len(tries) == 2
        assert all('INSERT INTO "audit_pending"' in sql for sql in tries)
    finally:
        database.close()


def _lock_is_free(url: str) -> bool:
    """Could another workstation take the chain's lock now (then let go of it again)?"""
    import psycopg

    with psycopg.connect(url, autocommit=True) as other:
        free = bool(other.execute("SELECT pg_try_advisory_lock(%s)",
                                  (audit_seal.CHAIN_LOCK,)).fetchone()[0])
        if free:
            other.execute("SELECT pg_advisory_unlock(%s)", (audit_seal.CHAIN_LOCK,))
    return free


def test_a_saver_whose_events_a_group_chained_returns_and_holds_no_lock(
        server: Any, pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    patient = _patient("GS9")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    own = [row["id"] for row in _waiting()]
    assert audit_seal.seal_waiting() == 2  # another saver's group took them
    audit_seal.seal_after_commit(own)  # finds them chained: the lock let go on the server
    assert _lock_is_free(pg_server_url)
    assert check.check_database() == []


def test_a_saver_whose_events_still_wait_chains_them_and_lets_the_lock_go(
        server: Any, pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    patient = _patient("GS10")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    own = [row["id"] for row in _waiting()]
    audit_seal.seal_after_commit(own)
    assert _waiting() == []
    assert _lock_is_free(pg_server_url)
    assert check.check_database() == []


def test_a_saver_that_fails_to_chain_lets_the_lock_go_and_its_events_wait(
        server: Any, pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from ptlog.store.errors import DatabaseUnavailableError

    patient = _patient("GS11")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    own = [row["id"] for row in _waiting()]

    def broken(*_args: object) -> None:
        raise RuntimeError("hashing failed")

    monkeypatch.setattr(audit_seal, "_links", broken)
    with pytest.raises(DatabaseUnavailableError, match="could not be added to the audit chain"):
        audit_seal.seal_after_commit(own)
    assert _lock_is_free(pg_server_url)
    assert [row["id"] for row in _waiting()] == own
    monkeypatch.undo()
    assert audit_seal.seal_waiting() == 2


def test_a_save_in_place_chains_the_waiting_events_before_its_own(
        pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chain's lock was free: the save chains what waits (a stopped saver's) first, so no
    saver waiting for it has to take the lock after this one."""
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    try:
        patient = _patient("GS12")
        with monkeypatch.context() as busy:
            _chain_always_busy(busy)
            _stage_without_sealing(busy, patient.id or 0)
        waited = {row["entity_uuid"] for row in _waiting()}
        saved = _save(patient.id or 0, 2)
        assert _waiting() == []
        assert database.execute_sql(  # in place: nothing of this save waited
            "SELECT last_value FROM audit_pending_id_seq").fetchone() == (2,)
        tail = list(m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).limit(4))[::-1]
        assert {e.entity_uuid for e in tail[:2]} == waited
        assert [e.entity_uuid for e in tail[2:]] == [saved.visit.uuid, saved.saved[0].uuid]
        assert check.check_database() == []
    finally:
        database.close()


def test_parallel_saves_in_place_and_waiting_leave_one_sound_chain(pg_server_url: str) -> None:
    """Six threads save at once, each choosing in place or waiting as the lock allows."""
    from ptlog.store.database import open_database
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    database = open_database(pg_server_url)
    try:
        ids = [_patient(f"GS-M{n}").id or 0 for n in range(6)]
        assert _save_in_threads(database, ids, 6) == []
        assert _waiting() == []
        assert m.AuditEvent.select().where(
            m.AuditEvent.entity.in_(("visit", "reading"))).count() == 72
        assert _lock_is_free(pg_server_url)
        assert check.check_database() == []
    finally:
        database.close()


def test_the_sealer_links_waiting_events_as_the_chain_rule_does(
        server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``_links`` writes the payloads itself (fast): the same MAC check and hashes as
    ``genuine`` and ``audit.event_hash`` give, non-ASCII text and forged rows included."""
    patient = patients.add_patient(d.Patient("GS13", "Núñez", "Zoë", dt.date(1970, 3, 4),
                                             d.Sex.FEMALE))
    _stage_without_sealing(monkeypatch, patient.id or 0)
    server.execute_sql(
        'INSERT INTO "audit_pending" ("at", "os_user", "clinician", "action", "entity", '
        '"entity_uuid", "patient_uuid", "before", "after", "mac") VALUES (now(), %s, %s, '
        "'delete', 'patient', %s, %s, %s, NULL, %s)",
        ("x", "é", patient.uuid, patient.uuid, '{"a":"ü"}', "0" * 64))
    head, seal_after, waiting = server.execute_sql(audit_seal._WAITING).fetchone()
    ids, prevs, hashes, refused = audit_seal._links(head, seal_after, waiting)
    key = audit.active_key()
    prev = head
    expected: list[tuple[int, str, str]] = []
    for row in _waiting():
        if not audit_seal.genuine(row, key):
            assert row["id"] in refused
            continue
        digest = audit.event_hash(prev, audit_seal._payload(row, prev), key)
        expected.append((row["id"], prev, digest))
        prev = digest
    assert list(zip(ids, prevs, hashes, strict=True)) == expected
    assert (len(expected), len(refused)) == (2, 1)


def test_a_saver_waiting_for_the_chain_sees_the_group_sealed_while_it_waited(
        server: Any, pg_server_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ptlog_wait_for_own`` asks whether the saver's events still wait only once it has
    the chain's lock: the sealer it queued behind chained them meanwhile, so it finds them
    chained and lets the lock go (a question asked in the same statement as the lock would
    have been answered from before the lock, and the saver would try to chain them again)."""
    import psycopg

    patient = _patient("GS20")
    _stage_without_sealing(monkeypatch, patient.id or 0)
    own = [int(row["id"]) for row in _waiting()]
    sealer = psycopg.connect(pg_server_url, autocommit=True)
    waiter = psycopg.connect(pg_server_url, autocommit=True)
    try:
        sealer.execute("SELECT pg_advisory_lock(%s)", (audit_seal.CHAIN_LOCK,))
        answers: list[tuple[Any, ...]] = []
        waiting = threading.Thread(target=lambda: answers.append(waiter.execute(
            f"SELECT * FROM {audit_seal.WAIT_FUNCTION}(%s, %s, %s)",
            (min(own), max(own), own)).fetchone()))
        waiting.start()
        waiter_pid = waiter.info.backend_pid
        for _ in range(200):  # the waiter queued for the lock
            if sealer.execute("SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND "
                              "locktype = 'advisory' AND NOT granted)",
                              (waiter_pid,)).fetchone()[0]:
                break
            time.sleep(0.02)
        head, seal_after, pending = sealer.execute(audit_seal._WAITING).fetchone()
        ids, prevs, hashes, refused = audit_seal._links(head, seal_after, pending)
        assert (sorted(ids), refused) == (own, set())
        sealer.execute("SELECT ptlog_seal_events(%s, %s, %s)", (ids, prevs, hashes))
        sealer.execute("SELECT pg_advisory_unlock(%s)", (audit_seal.CHAIN_LOCK,))
        waiting.join(30)
        assert len(answers) == 1
        own_waiting, _head, _seal, _pending, let_go = answers[0]
        assert (own_waiting, let_go) == (False, True)
        assert not sealer.execute(  # the waiter let the lock go
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND locktype = 'advisory')",
            (waiter_pid,)).fetchone()[0]
        assert _waiting() == []
        assert check.check_database() == []
    finally:
        sealer.close()
        waiter.close()
