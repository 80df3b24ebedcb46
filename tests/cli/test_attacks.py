"""The insider's attacks of issue 17, made with the sqlite3 shell as a person would, and what
``ptlog check`` and ``ptlog restore`` say about them (subprocesses: the real command line)."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.database import parse_url
from tests.insider import DROP_GUARDS_SQL

ROWS = [
    "Q1,Quist,Ada,1970-03-04,F,2026-01-05,Ann Lee,hip,internal_rotation,L,active,seated,28,,",
    "Q1,Quist,Ada,1970-03-04,F,2026-01-05,Ann Lee,hip,internal_rotation,R,active,seated,31,,",
    "Q2,Roe,Ben,1960-07-08,M,2026-01-06,Ann Lee,hip,external_rotation,L,active,seated,40,,",
]


def ptlog(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", url, *args],
                          capture_output=True, text=True, timeout=120, check=False)


def shell(path: Path, sql: str) -> None:
    """What an insider types into the sqlite3 shell (the raw driver where it is missing)."""
    if shutil.which("sqlite3"):
        subprocess.run(["sqlite3", str(path), sql], check=True, capture_output=True)
    else:  # pragma: no cover - the CI image has the shell
        with sqlite3.connect(path) as conn:
            conn.executescript(sql)


@pytest.fixture
def clinic(sqlite_url: str, tmp_path: Path) -> tuple[str, Path]:
    """A demo database with one CSV import on top, as the issue's attack 1 found it."""
    assert ptlog(sqlite_url, "demo", "--patients", "3", "--seed", "2").returncode == 0
    csv_file = tmp_path / "visits.csv"
    csv_file.write_text(",".join(READINGS_COLUMNS) + "\n" + "\n".join(ROWS) + "\n",
                        encoding="utf-8")
    done = ptlog(sqlite_url, "import", str(csv_file))
    assert done.returncode == 0, done.stderr
    path = parse_url(sqlite_url).path
    assert path is not None
    return sqlite_url, path


def _events(path: Path) -> int:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0])


@pytest.mark.slow
def test_deleting_the_last_events_is_reported_by_check(clinic: tuple[str, Path]) -> None:
    url, path = clinic
    assert ptlog(url, "check").returncode == 0
    before = _events(path)
    with sqlite3.connect(path) as conn:
        first_import_event = conn.execute(
            "SELECT MIN(id) FROM audit_event WHERE id > (SELECT MAX(id) FROM audit_event "
            "WHERE action = 'import') - 100 AND entity IN ('patient', 'visit', 'import')"
        ).fetchone()[0]
    # attack 1: the imported readings, their visits and patients, and their audit events go
    shell(path, DROP_GUARDS_SQL + "DELETE FROM reading WHERE import_batch IS NOT NULL;"
                "DELETE FROM visit WHERE import_batch IS NOT NULL;"
                "DELETE FROM patient WHERE chart IN ('Q1', 'Q2');"
                f"DELETE FROM audit_event WHERE id >= {first_import_event};")
    removed = before - _events(path)
    assert removed > 0
    done = ptlog(url, "check")
    assert done.returncode == 1
    assert f"the last {removed} audit event(s) were removed" in done.stdout
    assert "this workstation saw" in done.stdout


@pytest.mark.slow
def test_a_backup_remembers_its_head_even_without_the_workstation_witness(
        clinic: tuple[str, Path], tmp_path: Path) -> None:
    url, path = clinic
    assert ptlog(url, "backup").returncode == 0
    heads = list((path.parent / "backups").glob(".*-backup-heads.json"))
    assert len(heads) == 1
    recorded = json.loads(heads[0].read_text(encoding="utf-8"))["heads"][-1]
    with sqlite3.connect(path) as conn:
        assert recorded["hash"] == conn.execute(
            "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()[0]
    for witness in Path(tmp_path_home_data()).glob("ptlog/witnesses/*.json"):
        witness.unlink()  # the insider also wiped this workstation's witness
    shell(path, DROP_GUARDS_SQL + "DELETE FROM audit_event WHERE id = "
                                  "(SELECT MAX(id) FROM audit_event);")
    done = ptlog(url, "check")
    assert done.returncode == 1
    assert "the last 1 audit event(s) were removed: backup " in done.stdout


def tmp_path_home_data() -> str:
    import os

    return os.environ["XDG_DATA_HOME"]


def recompute_last_event(path: Path, new_after: str) -> None:
    """Attack 3's tool: edit the last event and compute its hash as ptlog's unkeyed chain did
    (SHA-256 over the previous hash and the event's canonical JSON)."""
    import hashlib

    from ptlog.store.audit import canonical_json

    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT id, at, os_user, clinician, action, entity, entity_uuid, patient_uuid, "
            "before, prev_hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    payload = dict(zip(("id", "at", "os_user", "clinician", "action", "entity", "entity_uuid",
                        "patient_uuid", "before", "prev_hash"), row, strict=True))
    event_id = payload.pop("id")
    payload["at"] = str(payload["at"]).replace(" ", "T")
    payload["after"] = new_after
    digest = hashlib.sha256((payload["prev_hash"] + canonical_json(payload)).encode()).hexdigest()
    shell(path, DROP_GUARDS_SQL + f"UPDATE audit_event SET after = '{new_after}', "
                f"hash = '{digest}' WHERE id = {event_id};")


@pytest.mark.slow
def test_a_rewritten_tail_is_reported_with_where_it_began(clinic: tuple[str, Path]) -> None:
    url, path = clinic
    recompute_last_event(path, '{"file":"other.csv"}')
    done = ptlog(url, "check")
    assert done.returncode == 1
    assert "the audit chain was rewritten after " in done.stdout


@pytest.mark.slow
def test_a_setting_changed_behind_ptlogs_back_is_reported(clinic: tuple[str, Path]) -> None:
    """Attack 2: an MDC override inserted with the shell changed compare's responders."""
    url, path = clinic
    override = json.dumps({"mdc_overrides": {"hip.internal_rotation": 1.0}})
    shell(path, "DELETE FROM setting WHERE key = 'clinic';"
                f"INSERT INTO setting (key, value) VALUES ('clinic', '{override}');")
    done = ptlog(url, "check")
    assert done.returncode == 1
    assert "setting clinic" in done.stdout
    assert "behind ptlog's back" in done.stdout


@pytest.mark.slow
def test_a_setting_changed_through_ptlog_stays_sound(clinic: tuple[str, Path]) -> None:
    url, _path = clinic
    code = ("from ptlog.store.database import open_database\n"
            "from ptlog.store import clinic\n"
            f"open_database({url!r})\n"
            "s = clinic.clinic_settings()\n"
            "import dataclasses\n"
            "clinic.save_clinic_settings(dataclasses.replace(s, mdc_overrides="
            "{'hip.internal_rotation': 6.0}))\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    done = ptlog(url, "check")
    assert done.returncode == 0, done.stdout


def _db_state(path: Path) -> tuple[int, int, str]:
    # closed, not only committed (``with`` on a connection does not close it): a restore
    # refuses while any connection has the file open
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return (conn.execute("SELECT COUNT(*) FROM reading").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0],
                conn.execute("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1"
                             ).fetchone()[0])


@pytest.mark.slow  # over 2 s: 6-8 ptlog processes with the fixture's (~1.9 s of CPU)
def test_restore_refuses_a_backup_with_a_tampered_audit_trail(clinic: tuple[str, Path],
                                                               tmp_path: Path) -> None:
    """Attack 4: a backup whose audit trail was edited restored silently."""
    url, path = clinic
    backup_file = tmp_path / "clinic backup 1.db"
    assert ptlog(url, "backup", "-o", str(backup_file)).returncode == 0
    shell(backup_file,
          DROP_GUARDS_SQL + "UPDATE audit_event SET clinician = 'Nobody' WHERE id = 5;")
    before = _db_state(path)
    done = ptlog(url, "restore", "--yes", str(backup_file))
    assert done.returncode == 2
    assert "audit trail fails verification" in done.stderr
    assert "event 5" in done.stderr
    assert done.stderr.count("\n") == 1
    assert _db_state(path) == before
    # accepted on purpose: restored, and the acceptance is in the new trail
    done = ptlog(url, "restore", "--yes", "--accept-broken-audit", str(backup_file))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as conn:
        action, after = conn.execute(
            "SELECT action, after FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    assert action == "restore"
    assert json.loads(after)["accepted_broken_audit"] is True
    assert ptlog(url, "check").returncode == 1  # the broken event is still reported


@pytest.mark.slow  # over 2 s: 6-8 ptlog processes with the fixture's (~1.9 s of CPU)
def test_restore_of_a_sound_backup_keeps_check_sound(clinic: tuple[str, Path],
                                                    tmp_path: Path) -> None:
    url, path = clinic
    backup_file = tmp_path / "sound.db"
    assert ptlog(url, "backup", "-o", str(backup_file)).returncode == 0
    assert ptlog(url, "demo", "--patients", "1", "--seed", "7",
                 "--with-real-patients").returncode == 0
    done = ptlog(url, "restore", "--yes", str(backup_file))
    assert done.returncode == 0, done.stderr
    done = ptlog(url, "check")
    assert done.returncode == 0, done.stdout


@pytest.mark.slow  # over 2 s (session 6's --durations)
def test_encrypted_backup_restores_only_with_its_passphrase_and_intact(
        clinic: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, path = clinic
    sealed = tmp_path / "off-site copy.db.enc"
    monkeypatch.setenv("PTLOG_BACKUP_PASSPHRASE", "correct horse battery")
    done = ptlog(url, "backup", "--encrypt", "-o", str(sealed))
    assert done.returncode == 0, done.stderr
    data = sealed.read_bytes()
    assert data.startswith(b"PTLOGENC1\n")
    assert b"SQLite format 3" not in data
    assert b"Quist" not in data
    assert ptlog(url, "demo", "--patients", "1", "--seed", "8",
                 "--with-real-patients").returncode == 0
    before = _db_state(path)
    monkeypatch.setenv("PTLOG_BACKUP_PASSPHRASE", "wrong horse battery")
    done = ptlog(url, "restore", "--yes", str(sealed))
    assert done.returncode == 2
    assert done.stderr == "ptlog restore: wrong passphrase for off-site copy.db.enc; nothing " \
                          "was changed\n"
    assert _db_state(path) == before
    flipped = tmp_path / "flipped.db.enc"
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    flipped.write_bytes(bytes(changed))
    monkeypatch.setenv("PTLOG_BACKUP_PASSPHRASE", "correct horse battery")
    done = ptlog(url, "restore", "--yes", str(flipped))
    assert done.returncode == 2
    assert "was changed or damaged after it was written" in done.stderr
    assert done.stderr.count("\n") == 1
    assert _db_state(path) == before
    cut = tmp_path / "cut.db.enc"
    cut.write_bytes(data[:-100])
    done = ptlog(url, "restore", "--yes", str(cut))
    assert done.returncode == 2
    assert _db_state(path) == before
    done = ptlog(url, "restore", "--yes", str(sealed))
    assert done.returncode == 0, done.stderr
    assert _db_state(path) != before
    assert ptlog(url, "check").returncode == 0
    monkeypatch.delenv("PTLOG_BACKUP_PASSPHRASE")
    done = ptlog(url, "restore", "--yes", str(sealed))
    assert done.returncode == 2
    assert "needs its passphrase" in done.stderr


@pytest.mark.slow  # over 2 s: 6-8 ptlog processes with the fixture's (~1.9 s of CPU)
def test_encrypted_backup_restored_where_no_database_is_yet_names_the_file_chosen(
        clinic: tuple[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, _ = clinic
    sealed = tmp_path / "off-site copy.db.enc"
    monkeypatch.setenv("PTLOG_BACKUP_PASSPHRASE", "correct horse battery")
    assert ptlog(url, "backup", "--encrypt", "-o", str(sealed)).returncode == 0
    fresh = tmp_path / "new place" / "ptlog.db"
    done = ptlog(f"sqlite:///{fresh}", "restore", "--yes", str(sealed))
    assert done.returncode == 0, done.stderr
    assert f"restored from {sealed}" in done.stdout
    assert ".tmp" not in done.stdout
    assert ptlog(f"sqlite:///{fresh}", "check").returncode == 0
