"""Opening databases from URLs, pragmas, migrations and the typed errors users see."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ptlog.store import database, errors
from ptlog.store.migrations import MIGRATIONS, SCHEMA_VERSION, current_version


def test_fresh_database_is_migrated(db) -> None:
    assert current_version(db) == SCHEMA_VERSION
    assert {"patient", "visit", "reading", "treatment", "goal", "audit_event"} <= set(
        db.get_tables()
    )


def test_reopening_applies_no_migration_twice(db_url: str) -> None:
    first = database.open_database(db_url)
    first.close()
    again = database.open_database(db_url)
    rows = again.execute_sql('SELECT COUNT(*) FROM "ptlog_schema"').fetchone()
    assert rows[0] == len(MIGRATIONS)  # each once (numbers may have gaps while work lands)
    again.close()


def test_sqlite_pragmas(sqlite_url: str) -> None:
    db = database.open_database(sqlite_url)
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute_sql("PRAGMA page_size").fetchone()[0] == 8192  # a new file
    db.close()


def test_an_existing_file_keeps_its_page_size(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    old.execute("PRAGMA journal_mode = wal")
    old.execute("CREATE TABLE kept (a)")
    old.close()
    db = database.open_database(f"sqlite:///{path}")
    assert db.execute_sql("PRAGMA page_size").fetchone()[0] == 4096
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert "patient" in db.get_tables()
    db.close()


def test_sqlite_file_is_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "clinic" / "ptlog.db"
    database.open_database(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_newer_schema_is_refused(db_url: str) -> None:
    db = database.open_database(db_url)
    db.execute_sql(
        'INSERT INTO "ptlog_schema" ("version", "applied_at", "applied_by") '
        f"VALUES ({SCHEMA_VERSION + 5}, 'x', 'future')"
    )
    db.close()
    with pytest.raises(errors.SchemaTooNewError, match="newer ptlog"):
        database.open_database(db_url)


def test_cloud_synced_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(errors.NetworkShareError, match="postgresql"):
        database.open_database(f"sqlite:///{tmp_path / 'Dropbox' / 'ptlog.db'}")


def test_network_filesystem_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(database, "_mount_fstype", lambda path: "nfs4")
    with pytest.raises(errors.NetworkShareError, match="network share"):
        database.open_database(f"sqlite:///{tmp_path / 'ptlog.db'}")


def test_garbage_file_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "ptlog.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(errors.CorruptDatabaseError, match="damaged"):
        database.open_database(f"sqlite:///{path}")


def test_unknown_scheme_is_a_validation_error() -> None:
    with pytest.raises(errors.ValidationError, match="unsupported database URL"):
        database.open_database("mysql://x@y/z")


def test_display_url_hides_password() -> None:
    assert "secret" not in database.describe("postgresql://ann:secret@server:5432/clinic")
    assert database.describe("postgresql://ann:secret@server:5432/clinic") == (
        "postgresql://ann@server:5432/clinic"
    )


def test_default_url_is_in_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database.resolve_url(None).startswith(f"sqlite:///{tmp_path}")
    monkeypatch.setenv("PTLOG_DB", "sqlite:////elsewhere.db")
    assert database.resolve_url(None) == "sqlite:////elsewhere.db"
