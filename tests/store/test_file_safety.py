"""Clinical files are the owner's alone: database (and its -wal/-shm), backups and exports."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptlog.cli import main
from ptlog.store import backup, demo
from ptlog.store.database import open_database


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A careless umask must not make clinical files readable by others."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_exports_are_owner_only(open_umask, tmp_path: Path) -> None:
    db_path = tmp_path / "clinic" / "ptlog.db"
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    demo.generate_demo(2, 1)
    assert mode(db_path.parent) == 0o700
    for path in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        assert mode(path) == 0o600, path
    written = backup.backup_to()
    assert mode(written) == 0o600
    assert mode(written.parent) == 0o700
    db.close()
    for fmt, name in (("csv", "out.csv"), ("fhir", "out.json")):
        assert main(["--db", url, "export", "--format", fmt, "-o", str(tmp_path / name)]) == 0
        assert mode(tmp_path / name) == 0o600
    assert main(["--db", url, "backup", "-o", str(tmp_path / "b.db")]) == 0
    assert mode(tmp_path / "b.db") == 0o600
    assert main(["--db", url, "restore", str(tmp_path / "b.db"), "--yes"]) == 0
    assert mode(db_path) == 0o600
    kept = [p for p in (db_path.parent / "backups").iterdir() if "before-restore" in p.name]
    assert [mode(p) for p in kept] == [0o600]
