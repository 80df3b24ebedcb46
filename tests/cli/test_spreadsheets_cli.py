"""``ptlog import FILE.xlsx|FILE.csv [--sheet] [--map] [--date-order] [--dry-run]`` and
``ptlog export --format xlsx`` as a user runs them: exit codes, one-line messages, and a
database that a refused import leaves byte-identical."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest


def ptlog(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", f"sqlite:///{db}", *args],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def wide(tmp_path: Path) -> tuple[Path, Path]:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "ROM 2025"
    sheet.append(["Datum", "IR L", "IR R"])
    sheet.append(["05/01/2026", 30, 33])
    sheet.append([dt.datetime(2026, 2, 5, 9, 30), 31, 36])
    book = tmp_path / "Ann's ROM #1 (50%).xlsx"
    workbook.save(book)
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({
        "columns": {"Datum": "visit_date",
                    "IR L": {"joint": "hip", "motion": "internal_rotation", "side": "L"},
                    "IR R": {"joint": "hip", "motion": "internal_rotation", "side": "R"}},
        "defaults": {"chart": "A-1", "family_name": "Lee", "given_name": "Ann",
                     "birth_date": "1980-03-04", "sex": "F", "position": "seated",
                     "mode": "active"},
    }))
    return book, mapping


@pytest.mark.slow
def test_wide_workbook_with_a_mapping_and_a_date_order(tmp_path: Path,
                                                        wide: tuple[Path, Path]) -> None:
    book, mapping = wide
    db = tmp_path / "db.db"
    assert ptlog(db, "demo", "--patients", "1").returncode == 0
    before = digest(db)
    refused = ptlog(db, "import", str(book), "--map", str(mapping))
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[0] == (
        f"ptlog import: {book.name}:'ROM 2025'!A2: '05/01/2026' is not an ISO date "
        "(YYYY-MM-DD): choose the date order (--date-order DMY or MDY, or Date order in the "
        "import dialog)")
    assert refused.stderr.splitlines()[-1] == "nothing was imported"
    assert digest(db) == before
    dry = ptlog(db, "import", str(book), "--map", str(mapping), "--date-order", "DMY",
                "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("dry run, nothing written: would have imported 4 reading(s)")
    assert digest(db) == before
    done = ptlog(db, "import", str(book), "--map", str(mapping), "--date-order", "dmy")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported 4 reading(s) (0 already present) for 1 patient(s) "
                                  "(1 new), 2 new visit(s)")
    again = ptlog(db, "import", str(book), "--map", str(mapping), "--date-order", "DMY")
    assert "imported 0 reading(s) (4 already present)" in again.stdout
    assert ptlog(db, "check").returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize(("args", "message"), [
    (["--date-order", "DYM"], "ptlog import: --date-order: 'DYM' is not a date order"),
    (["--map", "missing.json"], "no such mapping file"),
    (["--sheet", "Nope"], "no sheet named 'Nope' (the workbook has: ROM 2025)"),
])
def test_bad_options_exit_2_and_change_nothing(tmp_path: Path, wide: tuple[Path, Path],
                                               args: list[str], message: str) -> None:
    book, _mapping = wide
    db = tmp_path / "db.db"
    assert ptlog(db, "demo", "--patients", "1").returncode == 0
    before = digest(db)
    result = ptlog(db, "import", str(book), *args)
    assert result.returncode == 2
    assert message in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr
    assert digest(db) == before


def test_broken_mapping_file_is_one_line(tmp_path: Path, wide: tuple[Path, Path]) -> None:
    book, mapping = wide
    mapping.write_text('{"columns": {"IR L": {"joint": "hip", "motion": "spin", "side": "L"}}}')
    db = tmp_path / "db.db"
    result = ptlog(db, "import", str(book), "--map", str(mapping))
    assert result.returncode == 2
    assert result.stderr.strip() == ("ptlog import: map.json: column 'IR L': hip.spin is not in "
                                     "the motion catalog")


@pytest.mark.slow
def test_export_xlsx_and_import_it_elsewhere(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert ptlog(first, "demo", "--patients", "3").returncode == 0
    book = tmp_path / "out put.xlsx"
    done = ptlog(first, "export", "--format", "xlsx", "-o", str(book))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("exported ")
    assert "treatment(s) to" in done.stdout
    workbook = openpyxl.load_workbook(book, read_only=True)
    assert workbook.sheetnames == ["Readings", "Treatments"]
    workbook.close()
    imported = ptlog(second, "import", str(book))
    assert imported.returncode == 0, imported.stderr
    for db in (first, second):
        assert ptlog(db, "export", "-o", str(tmp_path / f"{db.stem}.csv")).returncode == 0
        assert ptlog(db, "export", "--treatments",
                     "-o", str(tmp_path / f"{db.stem}-t.csv")).returncode == 0
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a-t.csv").read_bytes() == (tmp_path / "b-t.csv").read_bytes()
    refused = ptlog(first, "export", "--format", "xlsx", "--treatments", "-o",
                    str(tmp_path / "x.xlsx"))
    assert refused.returncode == 2
