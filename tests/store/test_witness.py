"""The workstation's witness of the audit chain: moved on after every save, in one statement,
and read anew when another process rewrote it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

from ptlog.domain import records as d
from ptlog.store import models as m
from ptlog.store import patients, readings, witness

IR = d.MotionKey("hip", "internal_rotation")


def _save(pid: int, degrees: float, minute: int) -> None:
    when = dt.datetime(2024, 5, 6, 9, minute)
    readings.save_visit_readings(
        pid, [d.Reading(IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, degrees, when)],
        visit_at=when, clinician="Ann Lee")


def _patient() -> int:
    patient = patients.add_patient(d.Patient(chart="W1", family_name="Witness", given_name="Ann",
                                             birth_date=dt.date(1970, 1, 1), sex=d.Sex.FEMALE))
    assert patient.id is not None
    return patient.id


def _plain(head: witness.Head) -> tuple[int, int, str, str]:
    return head.event_id, head.count, head.hash, head.event_at


def _a_second_passed() -> None:
    """As if this process last brought its witness up to date ``WITNESS_EVERY`` ago."""
    for path in list(witness._brought_up_to_date):
        witness._brought_up_to_date[path] -= witness.WITNESS_EVERY


def test_every_save_moves_the_witness_to_the_head_the_database_holds(db: object) -> None:
    pid = _patient()
    for minute in range(3):
        _a_second_passed()
        _save(pid, 30 + minute, minute)
        last = witness.read_witness()[-1]
        now = witness.current_head()
        assert now is not None
        # counted on from the last witness, the same as counting the whole chain
        assert _plain(last) == _plain(now)
    assert len({h.event_id for h in witness.read_witness()}) == len(witness.read_witness())


def test_saves_in_quick_succession_are_witnessed_when_the_connection_is_let_go(
        db: object) -> None:
    """Within ``WITNESS_EVERY`` of the last witness a save leaves it due (a workstation saving
    as fast as it can writes it once a second, not once a save); the next save a second on,
    or letting go of the connection (a window's save job ends, a command ends), writes it."""
    from ptlog.store.database import close_thread_connection

    pid = _patient()
    _a_second_passed()
    _save(pid, 30, 0)
    first = witness.read_witness()[-1]
    _save(pid, 31, 1)
    _save(pid, 32, 2)
    assert _plain(witness.read_witness()[-1]) == _plain(first)  # due, not yet written
    now = witness.current_head()
    assert now is not None
    assert now.event_id > first.event_id
    _a_second_passed()
    _save(pid, 33, 3)  # a second on: written with this save
    assert witness.read_witness()[-1].event_id == witness.current_head().event_id  # type: ignore[union-attr]
    _save(pid, 34, 4)
    assert witness.read_witness()[-1].event_id < witness.current_head().event_id  # type: ignore[union-attr]
    close_thread_connection()
    assert _plain(witness.read_witness()[-1]) == _plain(witness.current_head())  # type: ignore[arg-type]


def test_a_witness_rewritten_by_another_process_is_read_anew(db: object) -> None:
    pid = _patient()
    _save(pid, 30, 0)
    path = witness._witness_file(witness.database_identity())
    mine = witness.read_witness()
    data = json.loads(path.read_text(encoding="utf-8"))
    data["heads"].append({**data["heads"][-1], "seen_at": "2099-01-01T00:00:00", "count": 1})
    path.write_text(json.dumps(data), encoding="utf-8")
    later = os.stat(path).st_mtime_ns + 1_000_000
    os.utime(path, ns=(later, later))  # a coarse clock could give the same mtime
    theirs = witness.read_witness()
    assert len(theirs) == len(mine) + 1
    assert theirs[-1].seen_at == "2099-01-01T00:00:00"


def _witness_a_head_the_chain_lacks() -> tuple[int, list[witness.Head]]:
    """A save witnessed, then its witness's last head given another hash (as if the chain had
    lost what was witnessed); the patient's id and the heads witnessed before."""
    pid = _patient()
    _a_second_passed()
    _save(pid, 30, 0)
    before = witness.read_witness()
    forged = dataclasses.replace(before[-1], hash="0" * 64)
    path = witness._witness_file(witness.database_identity())
    witness.write_json_atomic(path, {"database": witness.database_identity(), "heads": [
        {k: v for k, v in dataclasses.asdict(h).items() if k != "source"}
        for h in [*before[:-1], forged]]})
    return pid, before


def test_a_chain_that_lost_the_witnessed_head_leaves_the_witness_alone(db: object) -> None:
    _pid, before = _witness_a_head_the_chain_lacks()
    assert witness.note_head() is None
    assert witness.read_witness()[-1].hash == "0" * 64  # the evidence stays for check
    assert m.AuditEvent.select().count() == before[-1].count


def test_an_open_left_untidy_witnesses_the_head_when_finished(db_url: str) -> None:
    """The window opens with ``tidy=False`` and finishes the open off the GUI thread: the
    witness is written then, not before (both backends)."""
    from ptlog.services import session
    from ptlog.store.database import open_database

    database = open_database(db_url)
    try:
        _save(_patient(), 31, 1)
        identity = witness.database_identity()
        database.close()
        witness.forget(identity)
        database = open_database(db_url, verify=False, tidy=False)
        assert witness.read_witness(identity) == []
        session.finish_opening()
        head = witness.current_head()
        assert head is not None
        assert _plain(witness.read_witness(identity)[-1]) == _plain(head)
    finally:
        database.close()


def test_a_chain_cut_short_is_not_searched_again_at_every_save(db: object) -> None:
    """Finding that the chain lost the witnessed head counts the chain from that event on
    and searches it for a restore: on a long chain cut short by someone editing the database,
    every save of this workstation would pay that. Once found, saves do not look again for
    ``RECHECK_DIVERGED``; after it, they do (a restore elsewhere may explain it by then)."""
    pid, _before = _witness_a_head_the_chain_lacks()
    statements: list[str] = []
    database = m.database_proxy.obj
    database.query_hooks.append(lambda event: statements.append(event.sql))
    try:
        assert witness.note_head() is None  # found: the chain does not hold it
        assert any("COUNT(*)" in sql for sql in statements)  # counted from the witnessed event
        statements.clear()
        for minute in range(1, 4):
            _a_second_passed()
            _save(pid, 30 + minute, minute)
            witness.note_head()
        assert [sql for sql in statements if "COUNT(*)" in sql] == []
        assert witness.read_witness()[-1].hash == "0" * 64  # the evidence stays for check
        for known in list(witness._diverged):
            event_id, hash_text, at = witness._diverged[known]
            witness._diverged[known] = (event_id, hash_text, at - witness.RECHECK_DIVERGED)
        statements.clear()
        assert witness.note_head() is None
        assert any("COUNT(*)" in sql for sql in statements)  # looked again
    finally:
        database.query_hooks.clear()
