"""Restoring a clinic-server dump of a newer ptlog is refused before the server is touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import reset_pg_schema


def ptlog(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", *args], capture_output=True,
                          text=True, timeout=180, check=False)


def _schema_rows(url: str) -> list[tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [(int(v), str(b)) for v, b in conn.execute(
            'SELECT "version", "applied_by" FROM "ptlog_schema" ORDER BY "version"')]


@pytest.mark.postgres
def test_postgres_restore_refuses_a_newer_schema_and_changes_nothing(
        pg_server_url: str, tmp_path: Path) -> None:
    import psycopg

    reset_pg_schema(pg_server_url)
    assert ptlog("--db", pg_server_url, "demo", "--patients", "2").returncode == 0
    # a dump as a newer ptlog would write it: its ptlog_schema knows migration 99
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute('INSERT INTO "ptlog_schema" ("version", "applied_at", "applied_by") '
                     "VALUES (99, '2030-01-01', 'future')")
    dump = tmp_path / "future.dump"
    done = ptlog("--db", pg_server_url, "backup", "-o", str(dump))
    assert done.returncode == 2  # this ptlog will not even back up a newer schema
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", pg_server_url], check=True)
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute('DELETE FROM "ptlog_schema" WHERE "version" = 99')
    schema = _schema_rows(pg_server_url)
    patients = ptlog("--db", pg_server_url, "patients", "--format", "json").stdout
    done = ptlog("--db", pg_server_url, "restore", "--yes", str(dump))
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "newer ptlog" in lines[0]
    assert _schema_rows(pg_server_url) == schema
    assert ptlog("--db", pg_server_url, "patients", "--format", "json").stdout == patients
    assert ptlog("--db", pg_server_url, "check").returncode == 0
