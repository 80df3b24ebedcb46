"""A process killed mid-import leaves nothing of it; a saved reading survives a kill.

Real child processes, real files, SIGKILL (no cleanup handlers run), then ``check``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ptlog.store import check
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.database import open_database, parse_url

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ROWS = 150_000


def big_csv(path: Path) -> Path:
    lines = [",".join(READINGS_COLUMNS)]
    for n in range(ROWS // 2):
        chart = f"K{n // 40:05d}"
        day = 1 + (n % 40) % 28
        month = 1 + (n % 40) // 28
        for side, deg in (("L", 20 + n % 20), ("R", 25 + n % 20)):
            lines.append(f"{chart},Kill,Test,1970-01-01,F,2025-{month:02d}-{day:02d},,hip,"
                         f"internal_rotation,{side},active,seated,{deg},,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _child_env(url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PTLOG_DB"] = url
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    return env


def _reap(child: subprocess.Popen[Any]) -> None:
    """Wait for the killed child and close its pipes."""
    child.wait(timeout=60)
    for pipe in (child.stdout, child.stderr):
        if pipe:
            pipe.close()


def _writing_started(url: str, wal: Path | None) -> bool:
    """True once the import's transaction is writing rows (not still parsing the file)."""
    if wal is not None:
        return wal.exists() and wal.stat().st_size > 2_000_000
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ptlog' "
            "AND query LIKE 'INSERT INTO \"reading\"%%' AND pid <> pg_backend_pid()"
        ).fetchone()
        return bool(row and row[0])


@pytest.mark.slow
def test_import_killed_half_way_leaves_nothing(db_url: str, tmp_path: Path) -> None:
    open_database(db_url).close()
    csv_path = big_csv(tmp_path / "big.csv")
    is_sqlite = db_url.startswith("sqlite")
    wal = Path(str(parse_url(db_url).path) + "-wal") if is_sqlite else None
    child = subprocess.Popen([sys.executable, "-m", "ptlog", "import", str(csv_path)],
                             env=_child_env(db_url), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not _writing_started(db_url, wal):
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.01)  # polling a child process, not a GUI
        child.send_signal(signal.SIGKILL)
    finally:
        _reap(child)
    assert child.returncode == -signal.SIGKILL  # killed, not finished
    open_database(db_url)
    try:
        assert m.Reading.select().count() == 0
        assert m.Visit.select().count() == 0
        assert m.Patient.select().count() == 0
        assert m.AuditEvent.select().where(m.AuditEvent.action == "import").count() == 0
        assert check.check_database() == []
    finally:
        m.database_proxy.obj.close()


SAVER = r"""
import datetime as dt, sys
from ptlog.domain import records as d
from ptlog.store import patients, readings
from ptlog.store.database import open_database
open_database()
p = patients.add_patient(d.Patient("S1", "Save", "Loop", dt.date(1970, 1, 1), d.Sex.MALE))
key = d.MotionKey("hip", "internal_rotation")
start = dt.datetime(2026, 1, 1, 8, 0)
n = 0
while True:
    at = start + dt.timedelta(minutes=n)
    readings.save_visit_readings(p.id, [
        d.Reading(key, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 20 + n % 20, at),
        d.Reading(key, d.Side.RIGHT, d.Mode.ACTIVE, d.Position.SEATED, 25 + n % 20, at),
    ], visit_at=at)
    print(n, flush=True)  # only after the commit returned
    n += 1
"""


def test_saved_readings_survive_a_kill_mid_save(db_url: str) -> None:
    open_database(db_url).close()
    child = subprocess.Popen([sys.executable, "-c", SAVER], env=_child_env(db_url),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last = -1
    try:
        assert child.stdout is not None
        for line in child.stdout:
            last = int(line)
            if last >= 40:
                break
        child.send_signal(signal.SIGKILL)  # most likely in the middle of the next save
    finally:
        _reap(child)
    assert child.returncode == -signal.SIGKILL
    assert last >= 40
    open_database(db_url)
    try:
        visits = m.Visit.select().count()
        # every save the child reported is there, whole; the one it was in is all or nothing
        assert visits >= last + 1
        assert m.Reading.select().count() == 2 * visits
        assert check.check_database() == []
    finally:
        m.database_proxy.obj.close()


IMPORTER = r"""
import sys
from ptlog.store.csv_import import import_csv
from ptlog.store.database import open_database
open_database()
print(import_csv(sys.argv[1]).readings_added, flush=True)  # committed: durable from here
import time
time.sleep(60)  # the log's copy into the file runs meanwhile (killed before it may end)
"""


@pytest.mark.slow
def test_an_import_killed_while_its_log_is_copied_into_the_file_keeps_every_reading(
    sqlite_url: str, tmp_path: Path
) -> None:
    """A big import's commit leaves its pages in the synced log and a thread copies them into
    the database file after (``wal_checkpoint``): a kill meanwhile loses nothing."""
    open_database(sqlite_url).close()
    csv_path = big_csv(tmp_path / "big.csv")
    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(csv_path)],
                             env=_child_env(sqlite_url), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        added = child.stdout.readline()
        child.send_signal(signal.SIGKILL)  # the copy started a moment ago
    finally:
        _reap(child)
    assert child.returncode == -signal.SIGKILL
    assert added.strip() == str(ROWS)
    open_database(sqlite_url)
    try:
        assert m.Reading.select().count() == ROWS
        assert check.check_database() == []
    finally:
        m.database_proxy.obj.close()
