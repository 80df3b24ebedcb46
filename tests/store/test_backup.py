"""Backups: online, verified, owner-only, thinned 12/10/9; restore checks first and keeps a copy."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from ptlog.domain import records as d
from ptlog.domain.backup_policy import backups_to_keep
from ptlog.store import audit, backup, check, errors, patients
from ptlog.store import models as m
from ptlog.store.database import open_database, parse_url


def add(chart: str) -> d.Patient:
    return patients.add_patient(d.Patient(chart, "Berg", "Ola", dt.date(1960, 1, 2), d.Sex.MALE))


def charts() -> list[str]:
    return [p.chart for p in m.Patient.select().order_by(m.Patient.chart)]


# --- thinning (pure) -------------------------------------------------------------------------

def test_thinning_keeps_12_daily_10_weekly_9_monthly() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0)  # a Tuesday
    taken = [dt.datetime(2025, 6, 1, 10) + dt.timedelta(days=n) for n in range(395)]
    taken.append(dt.datetime(2026, 6, 30, 9, 0))  # an earlier backup the same day
    keep = backups_to_keep(taken, now)
    daily = {dt.datetime(2026, 6, day, 10) for day in range(19, 31)}
    weekly = {dt.datetime(2026, 6, 14, 10), dt.datetime(2026, 6, 7, 10),
              dt.datetime(2026, 5, 31, 10), dt.datetime(2026, 5, 24, 10),
              dt.datetime(2026, 5, 17, 10), dt.datetime(2026, 5, 10, 10),
              dt.datetime(2026, 5, 3, 10), dt.datetime(2026, 4, 26, 10),
              dt.datetime(2026, 4, 19, 10), dt.datetime(2026, 4, 12, 10)}  # Sundays
    monthly = {dt.datetime(2026, 3, 31, 10), dt.datetime(2026, 2, 28, 10),
               dt.datetime(2026, 1, 31, 10), dt.datetime(2025, 12, 31, 10),
               dt.datetime(2025, 11, 30, 10), dt.datetime(2025, 10, 31, 10),
               dt.datetime(2025, 9, 30, 10), dt.datetime(2025, 8, 31, 10),
               dt.datetime(2025, 7, 31, 10)}
    assert keep == daily | weekly | monthly
    assert len(keep) == 31


def test_thinning_keeps_sparse_and_future_backups() -> None:
    now = dt.datetime(2026, 6, 30, 12, 0)
    taken = [dt.datetime(2026, 1, 3), dt.datetime(2026, 1, 3, 8), dt.datetime(2024, 2, 1),
             dt.datetime(2026, 7, 2)]  # the last one: a wrong clock
    assert backups_to_keep(taken, now) == {dt.datetime(2026, 1, 3, 8), dt.datetime(2024, 2, 1),
                                           dt.datetime(2026, 7, 2)}


def test_thin_backups_deletes_files_but_never_a_copy_kept_before_restore(
        sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    folder = tmp_path / "bk"
    folder.mkdir()
    names = ["ptlog-20260630-100000.db", "ptlog-20260630-090000.db",
             "ptlog-before-restore-20260630-080000.db", "other-20260630-070000.db",
             "notes.txt"]
    for name in names:
        (folder / name).write_bytes(b"x")
    removed = backup.thin_backups(dt.datetime(2026, 6, 30, 12), folder)
    assert [p.name for p in removed] == ["ptlog-20260630-090000.db"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(set(names) - {
        "ptlog-20260630-090000.db"})
    listed = backup.list_backups(folder)
    assert [(b.path.name, b.before_restore) for b in listed] == [
        ("ptlog-20260630-100000.db", False), ("ptlog-before-restore-20260630-080000.db", True)]


# --- writing ---------------------------------------------------------------------------------

def test_backup_is_online_verified_and_owner_only(sqlite_url: str) -> None:
    open_database(sqlite_url)
    add("A1")
    path = backup.backup_to()
    assert path.parent == parse_url(sqlite_url).path.parent / "backups"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not Path(str(path) + "-wal").exists()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT chart FROM patient").fetchall() == [("A1",)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert [b.path for b in backup.list_backups()] == [path]
    assert not list(path.parent.glob("*.tmp"))


def test_backup_sees_data_still_in_the_write_ahead_log(sqlite_url: str) -> None:
    """A file copy of a WAL database misses committed data; the backup API does not."""
    db = open_database(sqlite_url)
    db.execute_sql("PRAGMA wal_autocheckpoint=0")
    add("W1")
    assert Path(str(parse_url(sqlite_url).path) + "-wal").stat().st_size > 0
    path = backup.backup_to()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT chart FROM patient").fetchall() == [("W1",)]


def test_backup_to_missing_folder_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    with pytest.raises(errors.ValidationError, match="does not exist"):
        backup.backup_to(tmp_path / "nope" / "x.db")


# --- restoring -------------------------------------------------------------------------------

def test_restore_round_trip_keeps_a_copy(db, db_url: str) -> None:
    add("A1")
    saved = backup.backup_to()
    add("B2")  # work after the backup
    result = backup.restore_from(saved)
    assert charts() == ["A1"]
    assert result.kept_copy.exists()
    assert stat.S_IMODE(result.kept_copy.stat().st_mode) == 0o600
    assert result.kept_copy in [b.path for b in backup.list_backups() if b.before_restore]
    assert check.check_database() == []
    last = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert (last.action, last.entity) == ("restore", "database")
    # the kept copy holds the work done after the backup: restoring it brings B2 back
    backup.restore_from(result.kept_copy)
    assert charts() == ["A1", "B2"]
    assert check.check_database() == []


def test_a_backup_with_a_broken_audit_trail_is_refused_unless_accepted(db, db_url: str) -> None:
    """Both backends read the backup's chain (SQLite file, pg_dump's COPY data) first."""
    import json

    add("A1")
    from tests.insider import drop_guards

    drop_guards(m.database_proxy.obj)
    victim = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    m.AuditEvent.update(clinician="Tab\there\\ \"x\"").where(
        m.AuditEvent.id == victim.id).execute()
    saved = backup.backup_to()
    m.AuditEvent.update(clinician=victim.clinician).where(m.AuditEvent.id == victim.id).execute()
    add("B2")
    with pytest.raises(backup.BrokenAuditError, match=f"event {victim.id}: this event"):
        backup.restore_from(saved)
    assert charts() == ["A1", "B2"]  # nothing was replaced
    backup.restore_from(saved, accept_broken_audit=True)
    assert charts() == ["A1"]
    last = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert last.action == "restore"
    assert json.loads(last.after)["accepted_broken_audit"] is True


def test_corrupt_backup_is_refused_and_nothing_changes(sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    add("A1")
    good = backup.backup_to(tmp_path / "good.db")
    bad = tmp_path / "bad.db"
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # overwrite a page
    bad.write_bytes(bytes(data))
    add("B2")
    for broken in (bad, tmp_path / "trunc.db"):
        if broken.name == "trunc.db":
            broken.write_bytes(good.read_bytes()[:1500])
        with pytest.raises(errors.CorruptDatabaseError, match="nothing was changed"):
            backup.restore_from(broken)
        assert charts() == ["A1", "B2"]
    assert [b for b in backup.list_backups() if b.before_restore] == []


def test_foreign_database_is_refused(sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(errors.ValidationError, match="not a ptlog database"):
        backup.restore_from(other)


def test_restore_refuses_while_another_program_writes(sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    add("A1")
    saved = backup.backup_to(tmp_path / "saved.db")
    path = parse_url(sqlite_url).path
    other = sqlite3.connect(path)
    try:
        other.execute("PRAGMA wal_autocheckpoint=0")
        other.execute("UPDATE setting SET value = value")  # holds the log open
        other.execute("CREATE TABLE scratch (x)")
        other.commit()
        with pytest.raises(errors.DatabaseLockedError, match="still open"):
            backup.restore_from(saved)
    finally:
        other.close()
    open_database(sqlite_url)
    assert charts() == ["A1"]
    assert "scratch" in m.database_proxy.obj.get_tables()


def test_restore_refuses_while_another_process_has_the_database_open_idle(
        sqlite_url: str, tmp_path: Path) -> None:
    """An idle window elsewhere leaves an empty log: the restore swapped the file under it,
    and its next save went into the deleted file, reported as done. Now nothing changes (not
    even a copy kept) until that process has closed the database."""
    import hashlib
    import subprocess
    import sys

    open_database(sqlite_url)
    add("A1")
    saved = backup.backup_to(tmp_path / "saved.db")
    add("A2")
    path = parse_url(sqlite_url).path
    assert path is not None
    m.database_proxy.obj.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('SELECT COUNT(*) FROM patient').fetchall(); print('open', flush=True); "
         "sys.stdin.read()", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "open\n"
        wal = Path(str(path) + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # what the old check looked at
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        kept_before = sorted(p.name for p in path.parent.iterdir())
        with pytest.raises(errors.DatabaseLockedError, match="still open"):
            backup.restore_from(saved)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        assert sorted(p.name for p in path.parent.iterdir()) == kept_before
        assert charts() == ["A1", "A2"]  # reopened, as it was
    finally:
        holder.communicate("", timeout=30)
    backup.restore_from(saved)  # alone now: it goes ahead
    assert charts() == ["A1"]
    assert str(m.database_proxy.obj.execute_sql("PRAGMA journal_mode").fetchone()[0]) == "wal"


def test_restore_replaces_a_damaged_database(sqlite_url: str, tmp_path: Path) -> None:
    open_database(sqlite_url)
    add("A1")
    saved = backup.backup_to(tmp_path / "saved.db")
    m.database_proxy.obj.close()
    path = parse_url(sqlite_url).path
    path.write_bytes(b"not a database at all" * 200)
    with pytest.raises(errors.CorruptDatabaseError):
        open_database(sqlite_url)
    from ptlog.store.database import connect

    m.database_proxy.initialize(connect(sqlite_url))
    result = backup.restore_from(saved)
    assert result.kept_copy.read_bytes().startswith(b"not a database")
    assert charts() == ["A1"]
    assert check.check_database() == []


# --- automatic backups -----------------------------------------------------------------------

class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


def test_auto_backup_only_when_changed_and_every_30_minutes(sqlite_url: str) -> None:
    open_database(sqlite_url)
    clock = Clock(dt.datetime(2026, 6, 30, 8, 0))
    auto = backup.AutoBackup(clock=clock)
    assert not auto.due()
    assert auto.on_close() is None
    add("A1")
    first = auto.tick()
    assert first is not None
    assert first.exists()
    add("B2")
    clock.now += dt.timedelta(minutes=10)
    assert auto.tick() is None  # changed, but only 10 minutes since the last backup
    clock.now += dt.timedelta(minutes=20)
    second = auto.tick()
    assert second is not None
    assert second != first
    clock.now += dt.timedelta(minutes=40)
    assert auto.tick() is None  # nothing changed since
    # a new session remembers the last backed-up state
    again = backup.AutoBackup(clock=clock)
    assert not again.changed()
    add("C3")
    closing = again.on_close()
    assert closing is not None
    assert audit.last_hash() == backup.last_backup_state()[0]


# --- PostgreSQL without client tools ---------------------------------------------------------

@pytest.mark.postgres
def test_postgres_without_pg_dump_says_what_to_do(pg_server_url: str, monkeypatch) -> None:
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    db = open_database(pg_server_url)
    try:
        monkeypatch.setattr(backup.shutil, "which", lambda _name: None)
        with pytest.raises(errors.StoreError, match="postgresql-client"):
            backup.backup_to()
    finally:
        db.close()
