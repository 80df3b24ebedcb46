"""``ptlog backup``, ``ptlog restore``, ``ptlog check``: exit codes and one line per problem."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from ptlog.cli import main
from ptlog.store.database import parse_url
from tests.insider import DROP_GUARDS_SQL


def run(url: str, *args: str) -> int:
    return main(["--db", url, *args])


@pytest.fixture
def filled(db_url: str) -> str:
    assert run(db_url, "demo", "--patients", "2", "--seed", "5") == 0
    return db_url


def test_check_sound_database(filled: str, capsys) -> None:
    capsys.readouterr()
    assert run(filled, "check") == 0
    assert "sound" in capsys.readouterr().out


def test_check_reports_a_shell_edit_with_entity_and_field(sqlite_url: str, capsys) -> None:
    assert run(sqlite_url, "demo", "--patients", "2") == 0
    path = parse_url(sqlite_url).path
    with sqlite3.connect(path) as conn:
        uuid = conn.execute("SELECT uuid FROM reading ORDER BY id LIMIT 1").fetchone()[0]
        conn.executescript(DROP_GUARDS_SQL)
        conn.execute("UPDATE reading SET degrees = 3 WHERE uuid = ?", (uuid,))
        conn.execute("UPDATE patient SET notes = 'edited' WHERE id = 2")
    capsys.readouterr()
    assert run(sqlite_url, "check") == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(f"reading {uuid} field degrees: is 3.0")
    assert lines[0].startswith("patient ")
    assert " field notes: " in lines[0]
    assert "2 problem(s)" in captured.err


def test_check_on_a_damaged_file(sqlite_url: str, capsys) -> None:
    assert run(sqlite_url, "demo", "--patients", "1") == 0
    path = parse_url(sqlite_url).path
    path.write_bytes(b"\0" * 100 + b"garbage" * 1000)
    Path(str(path) + "-wal").unlink(missing_ok=True)
    capsys.readouterr()
    assert run(sqlite_url, "check") == 1
    out = capsys.readouterr().out
    assert out.startswith("database: ")
    assert "restore" in out


def test_backup_then_restore(filled: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / "b.backup"
    assert run(filled, "backup", "-o", str(target)) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "verified" in capsys.readouterr().out
    assert run(filled, "demo", "--patients", "1", "--seed", "9") == 0
    assert run(filled, "restore", str(target), "--yes") == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    assert run(filled, "patients", "--format", "json") == 0
    assert capsys.readouterr().out.count('"chart"') == 2
    assert run(filled, "check") == 0


def test_backup_default_location(sqlite_url: str, capsys) -> None:
    assert run(sqlite_url, "demo", "--patients", "1") == 0
    capsys.readouterr()
    assert run(sqlite_url, "backup") == 0
    written = Path(capsys.readouterr().out.split(" to ", 1)[1].split(" (")[0])
    assert written.parent == parse_url(sqlite_url).path.parent / "backups"
    assert written.exists()


def test_restore_needs_confirmation_without_a_terminal(filled: str, tmp_path: Path,
                                                       monkeypatch, capsys) -> None:
    target = tmp_path / "b.backup"
    assert run(filled, "backup", "-o", str(target)) == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    capsys.readouterr()
    assert run(filled, "restore", str(target)) == 2
    assert "--yes" in capsys.readouterr().err


def test_corrupt_or_missing_backup_is_bad_input(sqlite_url: str, tmp_path: Path,
                                                capsys) -> None:
    assert run(sqlite_url, "demo", "--patients", "1") == 0
    good = tmp_path / "good.db"
    assert run(sqlite_url, "backup", "-o", str(good)) == 0
    bad = tmp_path / "bad.db"
    bad.write_bytes(good.read_bytes()[:3000])
    capsys.readouterr()
    assert run(sqlite_url, "restore", str(bad), "--yes") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nothing was changed" in err
    assert run(sqlite_url, "restore", str(tmp_path / "missing.db"), "--yes") == 2
    assert run(sqlite_url, "check") == 0
