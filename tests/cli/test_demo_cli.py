"""``ptlog demo`` as a new user runs it (issue 15 item 8): demo patients in a database of their
own, never in the real one unless asked, and ``ptlog demo --remove`` takes them out again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_input_cli import GOOD, readings_csv, state


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``ptlog ARGS`` as typed: no --db unless the test gives one."""
    return subprocess.run([sys.executable, "-m", "ptlog", *args], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def demo_file() -> Path:
    return Path(os.environ["XDG_DATA_HOME"]) / "ptlog" / "ptlog-demo.db"


@pytest.fixture
def real(tmp_path: Path) -> str:
    """A database with one real patient (and their clinician, Ann Lee)."""
    url = f"sqlite:///{tmp_path / 'clinic.db'}"
    done = run("--db", url, "import", str(readings_csv(tmp_path / "in.csv", [GOOD])))
    assert done.returncode == 0, done.stderr
    return url


def test_demo_goes_to_a_database_of_its_own(real: str, monkeypatch) -> None:
    before = state(real)
    monkeypatch.setenv("PTLOG_DB", real)  # even the database in force stays out of it
    done = run("demo", "--patients", "3")
    assert done.returncode == 0, done.stderr
    assert "3 patient(s) created" in done.stdout
    assert "ptlog --demo" in done.stderr
    assert demo_file().exists()
    assert state(real) == before
    listed = run("--demo", "patients")
    assert listed.returncode == 0, listed.stderr
    assert "DEMO-010001" in listed.stdout
    assert "A1" not in listed.stdout


def test_demo_refuses_a_database_with_real_patients(real: str) -> None:
    before = state(real)
    done = run("--db", real, "demo", "--patients", "2")
    assert done.returncode == 2
    assert "1 patient(s) that are not demo patients" in done.stderr
    assert "nothing was added" in done.stderr
    assert state(real) == before


def test_demo_and_db_together_are_refused(real: str) -> None:
    before = state(real)
    done = run("--demo", "--db", real, "demo")
    assert done.returncode == 2
    assert "not both" in done.stderr
    assert state(real) == before
    assert not demo_file().exists()


def test_remove_deletes_the_demo_database_and_a_new_one_checks_sound() -> None:
    assert run("demo", "--patients", "2").returncode == 0
    done = run("demo", "--remove")
    assert done.returncode == 0, done.stderr
    assert "deleted the demo database" in done.stdout
    assert not demo_file().exists()
    again = run("demo", "--remove")
    assert again.returncode == 0
    assert "no demo data to remove" in again.stderr
    # a new demo database at the same place is a chain of its own (the old witness is gone)
    assert run("demo", "--patients", "1").returncode == 0
    checked = run("--demo", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_remove_refuses_a_demo_database_where_real_patients_were_added(tmp_path: Path) -> None:
    assert run("demo", "--patients", "1").returncode == 0
    done = run("--demo", "import", str(readings_csv(tmp_path / "in.csv", [GOOD])))
    assert done.returncode == 0, done.stderr
    url = f"sqlite:///{demo_file()}"
    before = state(url)
    refused = run("demo", "--remove")
    assert refused.returncode == 2
    assert "also holds 1 patient(s) that are not demo patients" in refused.stderr
    assert state(url) == before


def test_demo_mixed_into_real_data_on_request_never_signs_and_is_retired(real: str) -> None:
    done = run("--db", real, "demo", "--patients", "2", "--with-real-patients")
    assert done.returncode == 0, done.stderr
    from ptlog.services import settings
    from ptlog.store.database import open_database

    db = open_database(real)
    try:
        names, default = settings.signing_clinicians()
    finally:
        db.close()
    # Ann Lee came with the real patient's import: a real clinician, first and the default;
    # the demo's two others follow and are never the default
    assert default == "Ann Lee"
    assert names == ["Ann Lee", "Marco Bianchi", "Priya Raman"]
    removed = run("--db", real, "demo", "--remove")
    assert removed.returncode == 0, removed.stderr
    assert "2 demo patient(s) archived, 2 demo clinician(s) made inactive" in removed.stdout
    listed = run("--db", real, "patients")
    assert "DEMO-" not in listed.stdout
    assert "A1" in listed.stdout
    assert run("--db", real, "check").returncode == 0
    again = run("--db", real, "demo", "--remove")
    assert again.returncode == 0
    assert "nothing to remove" in again.stdout
