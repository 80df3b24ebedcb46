"""``check_database`` tells the truth: clean when sound, a finding with entity and field if not."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from ptlog.store import amendments, check, csv_import, demo
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.database import open_database, parse_url
from tests.insider import DROP_GUARDS_SQL, drop_guards


def sqlite_file(url: str) -> Path:
    path = parse_url(url).path
    assert path is not None
    return path


def tamper(url: str, sql: str) -> None:
    """Change the file behind ptlog's back: the sqlite3 shell if installed, else raw sqlite3."""
    path = sqlite_file(url)
    m.database_proxy.obj.close()
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", str(path), DROP_GUARDS_SQL + sql], check=True,
                       capture_output=True)
    else:  # pragma: no cover - the CI image has the shell
        with sqlite3.connect(path) as conn:
            conn.executescript(DROP_GUARDS_SQL + sql)
    open_database(url)


@pytest.fixture
def filled(db, db_url: str) -> str:
    demo.generate_demo(3, 4)
    drop_guards(m.database_proxy.obj)  # these tests play the insider who edits rows
    return db_url


def test_demo_database_is_sound(filled: str) -> None:
    assert check.check_database() == []


def test_changed_value_is_reported_with_entity_and_field(filled: str) -> None:
    reading = m.Reading.select().order_by(m.Reading.id).first()
    m.database_proxy.obj.execute_sql(
        'UPDATE "reading" SET "degrees" = "degrees" + 9 WHERE "id" = %s'.replace(
            "%s", str(reading.id)))
    findings = check.check_database()
    assert [(f.entity, f.uuid, f.field) for f in findings] == [
        ("reading", reading.uuid, "degrees")]
    assert "changed behind ptlog's back" in str(findings[0])
    assert str(findings[0]).count("\n") == 0


def test_sqlite_shell_edits_are_found(sqlite_url: str) -> None:
    open_database(sqlite_url)
    demo.generate_demo(2, 3)
    patient = m.Patient.select().order_by(m.Patient.id).first()
    treatment = m.Treatment.select().order_by(m.Treatment.id).first()
    tamper(sqlite_url,
           f"UPDATE patient SET birth_date='1999-01-01' WHERE id={patient.id};"
           f"UPDATE treatment SET cost=1 WHERE id={treatment.id};")
    found = {(f.entity, f.uuid, f.field) for f in check.check_database()}
    assert found == {("patient", patient.uuid, "birth_date"),
                     ("treatment", treatment.uuid, "cost")}


@pytest.mark.slow
def test_broken_chain_is_found(filled: str) -> None:
    victim = m.AuditEvent.select().order_by(m.AuditEvent.id).offset(5).first()
    m.AuditEvent.delete().where(m.AuditEvent.id == victim.id).execute()
    findings = check.check_database()
    assert any(f.entity == "audit_event" and f.field == "prev_hash" for f in findings)
    assert any("deleted without an audit event" in f.message or f.entity == "audit_event"
               for f in findings)


def test_rewritten_audit_event_is_found(filled: str) -> None:
    victim = m.AuditEvent.select().order_by(m.AuditEvent.id).offset(3).first()
    m.AuditEvent.update(os_user="mallory").where(m.AuditEvent.id == victim.id).execute()
    findings = check.check_database()
    assert [(f.entity, f.uuid, f.field) for f in findings] == [
        ("audit_event", str(victim.id), "hash")]


@pytest.mark.slow
def test_row_added_or_deleted_behind_ptlogs_back(filled: str) -> None:
    goal = m.Goal.select().order_by(m.Goal.id).first()
    m.Goal.delete().where(m.Goal.id == goal.id).execute()  # no audit event
    visit = m.Visit.select().first()
    ghost = m.Reading.create(visit=visit, joint="hip", motion="flexion", side="L",
                             mode="active", position="supine", degrees=100)
    findings = {(f.entity, f.uuid, f.message) for f in check.check_database()}
    assert ("goal", goal.uuid, "was deleted without an audit event") in findings
    assert any(e == "reading" and u == ghost.uuid and "no audit event" in msg
               for e, u, msg in findings)


def test_corrections_keep_the_database_sound(filled: str) -> None:
    first, second = m.Reading.select().order_by(m.Reading.id).limit(2)
    amendments.amend_reading(first.id, first.degrees + 2, "typo")
    amendments.void_reading(second.id, "wrong patient")
    assert check.check_database() == []


def _csv(tmp_path: Path) -> Path:
    lines = [",".join(READINGS_COLUMNS)]
    for day in range(1, 21):
        for side, deg in (("L", 30 + day % 5), ("R", 35)):
            lines.append(f"Z9,Berg,Ola,1960-01-02,M,2026-03-{day:02d},,hip,internal_rotation,"
                         f"{side},active,seated,{deg},,")
    path = tmp_path / "batch.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_imported_rows_are_covered_by_the_batch_digest(db, tmp_path: Path) -> None:
    csv_import.import_csv(_csv(tmp_path))
    assert check.check_database() == []
    reading = m.Reading.select().where(m.Reading.import_batch.is_null(False)).first()
    drop_guards(m.database_proxy.obj)  # the insider's first step
    m.Reading.update(degrees=80).where(m.Reading.id == reading.id).execute()
    findings = check.check_database()
    assert [(f.entity, f.uuid, f.field) for f in findings] == [
        ("import", reading.import_batch, "rows")]
    assert "batch.csv" in findings[0].message


def test_deleted_imported_row_is_found(db, tmp_path: Path) -> None:
    csv_import.import_csv(_csv(tmp_path))
    victim = m.Reading.select().where(m.Reading.import_batch.is_null(False)).first()
    drop_guards(m.database_proxy.obj)  # the insider's first step
    m.Reading.delete().where(m.Reading.id == victim.id).execute()
    assert [f.entity for f in check.check_database()] == ["import"]


def test_sqlite_integrity_and_foreign_keys(sqlite_url: str) -> None:
    open_database(sqlite_url)
    demo.generate_demo(1, 2)
    m.database_proxy.obj.close()
    path = sqlite_file(sqlite_url)
    with sqlite3.connect(path) as conn:  # foreign keys are off by default in a raw connection
        conn.execute("UPDATE visit SET patient_id = 999 WHERE id = 1")
    open_database(sqlite_url)
    findings = check.check_database()
    assert any(f.entity == "visit" and "missing patient" in f.message for f in findings)
    assert any(f.entity == "visit" and f.field == "patient_id" for f in findings)


def test_finding_is_one_readable_line() -> None:
    finding = check.Finding("reading", "abc", "degrees", "is 1 but was last recorded as 2")
    assert str(finding) == "reading abc field degrees: is 1 but was last recorded as 2"
    assert str(check.Finding("database", "", "", "integrity check: x")) == \
        "database: integrity check: x"


def test_every_batch_is_hashed_in_one_pass_as_one_by_one(db, tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    csv_import.import_csv(_csv(first))
    later = _csv(second)
    later.write_text(later.read_text(encoding="utf-8").replace("2026-03-", "2026-04-"),
                     encoding="utf-8")
    csv_import.import_csv(later)
    batches = {b for (b,) in m.Reading.select(m.Reading.import_batch).distinct().tuples()}
    assert len(batches) == 2
    together = csv_import.batch_digests()
    assert together == {b: csv_import.batch_digest(b) for b in batches}
    assert len(set(together.values())) == 2
    # tampering with one batch is reported for that batch only
    victim = m.Reading.select().where(m.Reading.import_batch == sorted(batches)[0]).first()
    drop_guards(m.database_proxy.obj)  # the insider's first step
    m.Reading.update(degrees=81).where(m.Reading.id == victim.id).execute()
    assert [(f.entity, f.uuid) for f in check.check_database()] == [
        ("import", sorted(batches)[0])]


def test_a_row_read_as_a_dict_has_the_snapshot_of_its_model_object(filled: str) -> None:
    """``check`` reads rows as dicts (no model object per row): the snapshot must be the one
    the audit trail recorded from model objects, for every kind of audited row."""
    from ptlog.store import audit

    open_database(filled)
    for _entity, model in check.AUDITED:
        objects = list(model.select().order_by(model.id).limit(300))
        dicts = list(model.select().order_by(model.id).limit(300).dicts())
        assert objects
        for row, values in zip(objects, dicts, strict=True):
            assert audit.snapshot_of_values(model, values) == audit.snapshot(row)
