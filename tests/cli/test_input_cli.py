"""Input that must be refused where it enters (issue 14 items 6 and 7), as a user runs ptlog:
a subprocess, exit 2, one line naming file, line and column, and the database unchanged, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS

GOOD = dict(zip(READINGS_COLUMNS, [
    "A1", "Okafor", "Chidi", "1980-05-01", "M", "2026-01-05", "Ann Lee", "hip",
    "internal_rotation", "L", "active", "seated", "28", "", ""], strict=True))


def ptlog(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", url, *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})


def readings_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(READINGS_COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in READINGS_COLUMNS])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def state(url: str) -> str:
    """A digest of every row of every table (and, for SQLite, of the file's bytes)."""
    from ptlog.store import models as m
    from ptlog.store.database import open_database, parse_url

    digest = hashlib.sha256()
    db = open_database(url)
    try:
        for model in m.ALL_MODELS:
            for row in model.select().order_by(model.id).tuples():
                digest.update(repr(row).encode())
    finally:
        db.close()
    if url.startswith("sqlite"):
        path = Path(parse_url(url).path)
        for name in (path, Path(f"{path}-wal")):
            if name.exists():
                digest.update(name.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def loaded(db_url: str, tmp_path: Path) -> str:
    done = ptlog(db_url, "import", str(readings_csv(tmp_path / "first.csv", [GOOD])))
    assert done.returncode == 0, done.stderr
    return db_url


def refused(url: str, path: Path, *expected: str) -> str:
    """Import ``path``: exit 2, the expected words on stderr, nothing changed."""
    before = state(url)
    done = ptlog(url, "import", str(path))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "unexpected error" not in done.stderr
    for words in expected:
        assert words in done.stderr
    assert "nothing was imported" in done.stderr
    assert state(url) == before
    return done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("degrees", ["٣٠", "３０", "3_0", "1e2", "nan", "inf"])
def test_numbers_in_other_scripts_or_notations_are_refused(loaded: str, tmp_path: Path,
                                                           degrees: str) -> None:
    path = readings_csv(tmp_path / "in.csv", [{**GOOD, "degrees": degrees, "side": "R"}])
    refused(loaded, path, f"in.csv:2:degrees: {degrees!r} is not a number of degrees")


@pytest.mark.slow
@pytest.mark.parametrize(("column", "text"), [
    ("visit_date", "2026-W05-5"), ("visit_date", "20260130"), ("birth_date", "19800501"),
    ("visit_date", "2026-01-30T08:00+02:00"),
])
def test_dates_other_than_yyyy_mm_dd_are_refused(loaded: str, tmp_path: Path, column: str,
                                                 text: str) -> None:
    path = readings_csv(tmp_path / "in.csv", [{**GOOD, "chart": "B2", column: text}])
    refused(loaded, path, f"in.csv:2:{column}: {text!r} is not a")


@pytest.mark.slow
def test_the_decimal_comma_means_the_same_in_csv_as_in_the_window(loaded: str,
                                                                   tmp_path: Path) -> None:
    path = readings_csv(tmp_path / "in.csv", [{**GOOD, "degrees": "28,5", "side": "R"}])
    done = ptlog(loaded, "import", str(path))
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out.csv"
    assert ptlog(loaded, "export", "-o", str(out)).returncode == 0
    rows = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert {r["degrees"] for r in rows} == {"28", "28.5"}
    ambiguous = readings_csv(tmp_path / "amb.csv", [{**GOOD, "degrees": "1,200", "side": "R"}])
    refused(loaded, ambiguous, "amb.csv:2:degrees: '1,200' is ambiguous")


@pytest.mark.slow
def test_a_treatment_cost_beyond_any_real_one_is_refused(loaded: str, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(",".join(TREATMENTS_COLUMNS) + "\n"
                    "A1,physical_therapy,2026-01-10,2026-02-10,L,12,1.7e308,\n"
                    "A1,steroid_injection,2026-01-10,,L,1,20000000,\n", encoding="utf-8")
    err = refused(loaded, path, "t.csv:2:cost: '1.7e308' is not an amount",
                  "t.csv:3:cost: '20000000' is more than 10,000,000")
    assert err.count("\n") == 3  # one line a problem, then "nothing was imported"


@pytest.mark.slow
@pytest.mark.parametrize(("column", "value", "words"), [
    ("chart", "C" * 41, "in.csv:2:chart: the chart number is 41 characters long; at most 40"),
    ("family_name", "N" * 121, "in.csv:2:family_name: the family name is 121 characters"),
    ("given_name", "Ann\x1b[31m", "in.csv:2:given_name: the given name holds a control "
     "character (U+001B)"),
    ("clinician", "C" * 121, "in.csv:2:clinician: the clinician is 121 characters"),
    ("note", "sore\x00", "in.csv:2:note: the note holds a control character (U+0000) at "
     "character 5"),
    ("note", "x" * 10_001, "in.csv:2:note: the note is 10,001 characters long"),
])
def test_texts_beyond_the_limits_are_refused_on_both_backends(
        loaded: str, tmp_path: Path, column: str, value: str, words: str) -> None:
    """PostgreSQL enforced the VARCHAR sizes (and refuses NUL) with a traceback; SQLite
    stored anything: both now refuse the row, naming line and column."""
    path = tmp_path / "in.csv"
    readings_csv(path, [{**GOOD, "chart": "B2", column: value}])
    if "\x00" in value:  # past the first 64 KiB, where a NUL no longer means "binary file"
        rows = [{**GOOD, "chart": f"P{i}", "visit_date": "2026-01-06"} for i in range(900)]
        readings_csv(path, [*rows, {**GOOD, "chart": "B2", column: value}])
        assert path.stat().st_size > 65536
        words = words.replace("in.csv:2:", "in.csv:902:")
    refused(loaded, path, words)


@pytest.mark.slow
def test_a_multiline_note_is_kept(loaded: str, tmp_path: Path) -> None:
    path = readings_csv(tmp_path / "in.csv", [{**GOOD, "side": "R", "note": "tight\nsore\tL"}])
    done = ptlog(loaded, "import", str(path))
    assert done.returncode == 0, done.stderr


def test_a_clinician_option_beyond_the_limit_is_refused(loaded: str) -> None:
    before = state(loaded)
    done = ptlog(loaded, "--clinician", "C" * 121, "demo", "--patients", "1")
    assert done.returncode == 2
    assert done.stderr.strip() == ("ptlog: --clinician: the clinician is 121 characters long; "
                                   "at most 120 are allowed")
    assert state(loaded) == before


@pytest.mark.slow
def test_compare_json_never_holds_nan_or_infinity(sqlite_url: str, tmp_path: Path) -> None:
    """A cost edited behind ptlog's back (1.7e308 twice sums to infinity) comes out as null,
    never as the invalid JSON word Infinity."""
    import sqlite3

    from ptlog.store.database import parse_url

    assert ptlog(sqlite_url, "demo", "--patients", "6", "--seed", "3").returncode == 0
    with sqlite3.connect(parse_url(sqlite_url).path) as conn:
        conn.execute("UPDATE treatment SET cost = 1.7e308")
    done = ptlog(sqlite_url, "compare", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Infinity" not in done.stdout
    assert "NaN" not in done.stdout
    json.loads(done.stdout, parse_constant=lambda word: pytest.fail(f"JSON holds {word}"))


@pytest.mark.slow
def test_export_protects_formulas_and_round_trips_exactly(db_url: str, sqlite_url: str,
                                                          tmp_path: Path) -> None:
    """A cell a spreadsheet would run gets a leading apostrophe; numbers (-5) stay numbers;
    importing the export gives back the same texts, and its export the same bytes."""
    rows = [
        {**GOOD, "note": "=cmd|'/c calc'!A1", "degrees": "-5"},
        {**GOOD, "side": "R", "note": "'quoted", "degrees": "-0.5"},
        {**GOOD, "chart": "@B2", "family_name": "+Plus", "given_name": "-Minus",
         "clinician": "=Lee", "note": "\tindented", "degrees": "12"},
    ]
    source = readings_csv(tmp_path / "source.csv", rows)
    # the source file is the user's own: its cells mean what they say, except a leading
    # apostrophe, which is read as the export's protection (documented): write it doubled
    text = source.read_text(encoding="utf-8").replace(",'quoted", ",''quoted")
    source.write_text(text, encoding="utf-8")
    assert ptlog(db_url, "import", str(source)).returncode == 0
    first = tmp_path / "first.csv"
    done = ptlog(db_url, "export", "-o", str(first))
    assert done.returncode == 0, done.stderr
    exported = list(csv.DictReader(io.StringIO(first.read_text(encoding="utf-8"))))
    by_degrees = {r["degrees"]: r for r in exported}
    assert by_degrees["-5"]["note"] == "'=cmd|'/c calc'!A1"
    assert by_degrees["-0.5"]["note"] == "''quoted"
    assert (by_degrees["12"]["chart"], by_degrees["12"]["family_name"],
            by_degrees["12"]["given_name"], by_degrees["12"]["clinician"],
            by_degrees["12"]["note"]) == ("'@B2", "'+Plus", "'-Minus", "'=Lee", "'\tindented")

    assert ptlog(sqlite_url, "import", str(first)).returncode == 0
    from ptlog.store import models as m
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    try:
        notes = {float(r.degrees): r.note for r in m.Reading.select()}
        patient = m.Patient.get(m.Patient.chart == "@B2")
        assert (patient.family_name, patient.given_name) == ("+Plus", "-Minus")
        assert {c.name for c in m.Clinician.select()} == {"Ann Lee", "=Lee"}
    finally:
        db.close()
    assert notes == {-5.0: "=cmd|'/c calc'!A1", -0.5: "'quoted", 12.0: "\tindented"}
    second = tmp_path / "second.csv"
    assert ptlog(sqlite_url, "export", "-o", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.slow
def test_treatment_export_protects_and_round_trips(loaded: str, sqlite_url: str,
                                                   tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(",".join(TREATMENTS_COLUMNS) + "\n"
                    'A1,physical_therapy,2026-01-10,2026-02-10,L,12,1200.5,"=HYPERLINK(""x"")"\n',
                    encoding="utf-8")
    assert ptlog(loaded, "import", str(path)).returncode == 0
    first = tmp_path / "exported.csv"  # first.csv is the fixture's import: never replaced
    assert ptlog(loaded, "export", "--treatments", "-o", str(first)).returncode == 0
    assert '\'=HYPERLINK(""x"")' in first.read_text(encoding="utf-8")
    readings = tmp_path / "r.csv"
    assert ptlog(loaded, "export", "-o", str(readings)).returncode == 0
    assert ptlog(sqlite_url, "import", str(readings)).returncode == 0
    assert ptlog(sqlite_url, "import", str(first)).returncode == 0
    second = tmp_path / "second.csv"
    assert ptlog(sqlite_url, "export", "--treatments", "-o", str(second)).returncode == 0
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.slow
def test_tables_on_the_terminal_hold_no_control_characters(sqlite_url: str,
                                                           tmp_path: Path) -> None:
    """Names edited behind ptlog's back (or bidi overrides, which may be typed) do not reach
    the terminal as escape sequences: patients, compare and check."""
    import sqlite3

    from ptlog.store.database import parse_url

    rows = [{**GOOD, "given_name": "Ann\u202eevil"}]
    assert ptlog(sqlite_url, "import", str(readings_csv(tmp_path / "in.csv", rows))).returncode == 0
    assert ptlog(sqlite_url, "demo", "--patients", "3", "--seed", "2",
                 "--with-real-patients").returncode == 0
    with sqlite3.connect(parse_url(sqlite_url).path) as conn:
        conn.execute("UPDATE patient SET family_name = 'Evil\x1b]0;pwned\x07\x1b[2J', "
                     "diagnosis = 'hip\x1b[31mred' WHERE chart = 'A1'")
        conn.execute("UPDATE patient SET chart = 'DEMO\x1b[1m' WHERE id = 2")
    outputs = [ptlog(sqlite_url, "patients"), ptlog(sqlite_url, "compare"),
               ptlog(sqlite_url, "check")]
    assert [o.returncode for o in outputs] == [0, 0, 1]
    for done in outputs:
        for bad in ("\x1b", "\x07", "\u202e", "\x9b"):
            assert bad not in done.stdout, done.stdout
            assert bad not in done.stderr
    assert "Evil]0;pwned[2J" in outputs[0].stdout


@pytest.mark.parametrize("command", [["import"], ["restore", "--yes"]])
def test_a_folder_named_for_a_file_is_called_a_folder(loaded: str, tmp_path: Path,
                                                      command: list[str]) -> None:
    """``ptlog import exports/`` said "no such file" of a folder that is plainly there."""
    folder = tmp_path / "exports"
    folder.mkdir()
    before = state(loaded)
    done = ptlog(loaded, *command, str(folder))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (f"ptlog {command[0]}: {folder}: this is a folder; name a "
                                   "file in it")
    missing = ptlog(loaded, *command, str(folder / "nope.csv"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"ptlog {command[0]}: {folder / 'nope.csv'}: no such file"
    german = ptlog(loaded, "--ui-language", "de", *command, str(folder))
    assert german.returncode == 2
    assert german.stderr.strip() == (f"ptlog {command[0]}: {folder}: das ist ein Ordner; bitte "
                                     "eine Datei darin angeben")
    assert state(loaded) == before


def test_excel_unicode_text_imports_as_its_utf8_twin_does(db_url: str, tmp_path: Path) -> None:
    """Excel's "Save as Unicode Text": UTF-16 with a byte-order mark, tab-separated."""
    from ptlog.store import models as m
    from ptlog.store.database import open_database

    path = tmp_path / "from excel.txt"
    row = {**GOOD, "family_name": "Øberg-Núñez"}
    path.write_text("\t".join(READINGS_COLUMNS) + "\r\n"
                    + "\t".join(row[c] for c in READINGS_COLUMNS) + "\r\n", encoding="utf-16")
    done = ptlog(db_url, "import", str(path))
    assert done.returncode == 0, done.stderr
    assert "imported 1 reading(s)" in done.stdout
    db = open_database(db_url)
    try:
        assert [p.family_name for p in m.Patient.select()] == ["Øberg-Núñez"]
    finally:
        db.close()
