"""``ptlog compare``: the JSON contract of issue 4, on hand-built data and on demo data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ptlog.cli import main
from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS

DEMO_TODAY = dt.date(2026, 6, 1)

READINGS = [
    # chart P1: left hip internal rotation seated 20 before a PT course, 31 after, 24 in prone
    "P1,Doe,Jane,1975-04-02,F,2025-12-20,,hip,internal_rotation,L,active,seated,20,,",
    "P1,Doe,Jane,1975-04-02,F,2025-12-20,,hip,internal_rotation,R,active,seated,38,,",
    "P1,Doe,Jane,1975-04-02,F,2025-12-20,,hip,internal_rotation,L,active,prone,24,,",
    "P1,Doe,Jane,1975-04-02,F,2026-01-20,,hip,internal_rotation,L,active,seated,25,,",
    "P1,Doe,Jane,1975-04-02,F,2026-03-14,,hip,internal_rotation,L,active,seated,31,,",
    "P1,Doe,Jane,1975-04-02,F,2026-04-30,,hip,internal_rotation,L,active,seated,29.5,,",
    "P1,Doe,Jane,1975-04-02,F,2026-03-14,,knee,flexion,L,active,supine,120,,",
    # chart P2: an injection on the right whose gain faded; baseline too old for the left
    "P2,Roe,Rick,1960-07-09,M,2025-10-01,,hip,internal_rotation,L,active,seated,30,,",
    "P2,Roe,Rick,1960-07-09,M,2026-01-10,,hip,internal_rotation,R,active,seated,18,,",
    "P2,Roe,Rick,1960-07-09,M,2026-02-01,,hip,internal_rotation,R,active,seated,27,,",
    "P2,Roe,Rick,1960-07-09,M,2026-04-15,,hip,internal_rotation,R,active,seated,20,,",
    "P2,Roe,Rick,1960-07-09,M,2026-04-15,,hip,internal_rotation,L,active,seated,31,,",
]
TREATMENTS = [
    "P1,physical_therapy,2026-01-02,2026-03-01,L,10,1100,",
    "P2,steroid_injection,2026-01-12,,B,,300,",
]


def _write(path: Path, header: tuple[str, ...], lines: list[str]) -> Path:
    path.write_text("\n".join([",".join(header), *lines]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def hand_built(db_url: str, tmp_path: Path, capsys) -> str:
    assert main(["--db", db_url, "import",
                 str(_write(tmp_path / "r.csv", READINGS_COLUMNS, READINGS))]) == 0
    assert main(["--db", db_url, "import",
                 str(_write(tmp_path / "t.csv", TREATMENTS_COLUMNS, TREATMENTS))]) == 0
    capsys.readouterr()
    return db_url


def _json(capsys, *args: str) -> dict:  # type: ignore[type-arg]
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_on_hand_built_data(hand_built: str, capsys) -> None:
    data = _json(capsys, "--db", hand_built, "compare", "--motion", "hip.internal_rotation")
    assert set(data) == {"treatments", "cohort"}
    entries = {(e["chart"], e["side"], e["position"]): e for e in data["treatments"]}
    # P2 left: last reading 103 days before the injection: no baseline, so not listed;
    # P1 prone: a baseline but no follow-up, listed with responder null
    assert set(entries) == {("P1", "L", "seated"), ("P1", "L", "prone"), ("P2", "R", "seated")}
    pt = entries[("P1", "L", "seated")]
    assert pt["kind"] == "physical_therapy"
    assert pt["motion"] == "hip.internal_rotation"
    assert pt["mode"] == "active"
    assert pt["baseline"] == {"date": "2025-12-20", "degrees": 20.0}
    assert pt["followups"] == [
        {"date": "2026-03-14", "degrees": 31.0, "days_after": 13, "window": "short",
         "change": 11.0, "beyond_mdc": True, "confounded": False},
        {"date": "2026-04-30", "degrees": 29.5, "days_after": 60, "window": "medium",
         "change": 9.5, "beyond_mdc": True, "confounded": False},
    ]
    assert pt["confounded_by"] == []
    assert pt["responder"] is True
    assert pt["transient"] is False
    prone = entries[("P1", "L", "prone")]
    assert prone["followups"] == []
    assert prone["responder"] is None
    inj = entries[("P2", "R", "seated")]
    assert inj["baseline"] == {"date": "2026-01-10", "degrees": 18.0}
    assert [(f["days_after"], f["change"], f["beyond_mdc"]) for f in inj["followups"]] == [
        (20, 9.0, True), (93, 2.0, False)]
    assert inj["responder"] is False
    assert inj["transient"] is True

    cohort = {row["kind"]: row for row in data["cohort"]}
    assert cohort["physical_therapy"]["patients"] == 1
    assert cohort["physical_therapy"]["responders"] == 1
    assert cohort["physical_therapy"]["responder_rate"] == 1.0
    assert cohort["physical_therapy"]["mean_change"] == 9.5
    assert cohort["physical_therapy"]["expected"]["success_rate"] == [0.65, 0.8]
    assert cohort["steroid_injection"]["responders"] == 0
    assert cohort["steroid_injection"]["patients"] == 1
    assert cohort["hip_arthroscopy"]["patients"] == 0


def test_patient_and_motion_filters(hand_built: str, capsys) -> None:
    data = _json(capsys, "--db", hand_built, "compare", "--patient", "P1")
    assert {(e["chart"], e["motion"]) for e in data["treatments"]} == {
        ("P1", "hip.internal_rotation")}  # knee flexion only after the course: no baseline
    knee = _json(capsys, "--db", hand_built, "compare", "--motion", "knee.flexion")
    assert knee["treatments"] == []
    assert all(row["patients"] == 0 for row in knee["cohort"])


def test_table_output(hand_built: str, capsys) -> None:
    assert main(["--db", hand_built, "compare", "--patient", "P2"]) == 0
    out = capsys.readouterr().out
    assert "steroid_injection" in out
    assert "gain faded" in out
    assert "without a baseline" in out
    assert "Clinic, hip.internal_rotation" in out
    assert "cost/responder (USD)" in out  # the default currency


def test_table_costs_are_in_the_clinics_currency(hand_built: str, tmp_path: Path) -> None:
    """Settings → Currency (EUR, €): the clinic table's cost per responder says so, not USD;
    JSON keeps plain numbers (its contract)."""
    import dataclasses
    import subprocess
    import sys

    from ptlog.store import clinic

    clinic.save_clinic_settings(dataclasses.replace(clinic.clinic_settings(),
                                                    currency_code="EUR", currency_symbol="€"))
    done = subprocess.run([sys.executable, "-m", "ptlog", "--db", hand_built, "compare"],
                          capture_output=True, text=True, encoding="utf-8", check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "cost/responder (EUR)" in done.stdout
    assert "€1,100" in done.stdout  # the PT course: 1100 for its one responder
    assert "USD" not in done.stdout
    assert "$" not in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "--motion", "hip.teleportation"], "unknown motion"),
        (["compare", "--motion", "internal_rotation"], "JOINT.MOTION"),
        (["compare", "--patient", "NOBODY"], "no patient with chart number 'NOBODY'"),
    ],
)
def test_bad_input_exits_2_with_one_line(sqlite_url: str, capsys, args, message) -> None:
    assert main(["--db", sqlite_url, "demo", "--patients", "1"]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_url, *args]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.slow
def test_json_contract_on_demo_data(db_url: str, capsys) -> None:
    from ptlog.store.database import open_database
    from ptlog.store.demo import generate_demo

    database = open_database(db_url)
    generate_demo(16, 1, today=DEMO_TODAY)
    database.close()
    data = _json(capsys, "--db", db_url, "compare", "--motion", "hip.internal_rotation")
    assert data["treatments"]
    iso = dt.date.fromisoformat
    for entry in data["treatments"]:
        assert set(entry) >= {"chart", "kind", "side", "motion", "position", "mode", "baseline",
                              "followups", "responder", "transient"}
        assert entry["motion"] == "hip.internal_rotation"
        assert entry["side"] in ("L", "R")
        base = entry["baseline"]
        start = iso(entry["start_date"])
        assert start - dt.timedelta(days=60) <= iso(base["date"]) <= start
        assert isinstance(base["degrees"], float)
        dates = [iso(f["date"]) for f in entry["followups"]]
        assert dates == sorted(dates)
        end = iso(entry["end_date"] or entry["start_date"])
        for f in entry["followups"]:
            assert (iso(f["date"]) - end).days == f["days_after"] > 0
            assert f["change"] == pytest.approx(f["degrees"] - base["degrees"])
            assert f["beyond_mdc"] == (f["change"] >= entry["mdc"])
        if entry["followups"]:
            assert entry["responder"] == entry["followups"][-1]["beyond_mdc"]
        else:
            assert entry["responder"] is None
    kinds = {e["kind"] for e in data["treatments"]}
    assert {"physical_therapy", "steroid_injection", "hip_arthroscopy"} <= kinds
    # the demo's arthroscopy story: internal rotation about 15° before surgery
    arthro = [e for e in data["treatments"] if e["kind"] == "hip_arthroscopy"
              and e["position"] == "seated"]
    assert arthro
    assert all(13 <= e["baseline"]["degrees"] <= 17 for e in arthro)
    assert {row["kind"] for row in data["cohort"]} == {
        "physical_therapy", "steroid_injection", "hip_arthroscopy", "joint_mobilization",
        "dry_needling", "other"}
    for row in data["cohort"]:
        assert 0 <= row["responders"] <= row["patients"]
        if row["patients"]:
            assert row["responder_rate"] == pytest.approx(row["responders"] / row["patients"],
                                                          abs=1e-3)
        assert "source" in row["expected"]


@pytest.mark.parametrize("value", [
    {"treatments": [], "cohort": []},
    {"treatments": [{"chart": "Ørsted-Núñez", "change": float("nan"), "n": [1, 2, {"a": None}]},
                    {"chart": "B", "nested": {"x": [], "y": {}}, "inf": float("inf")}],
     "cohort": [{"kind": "physical_therapy", "rate": 0.5}]},
    {},
    {"only": [1, "two\nlines", 3.25]},
])
def test_json_lists_written_as_they_come_are_the_same_text(value: dict) -> None:  # type: ignore[type-arg]
    """``ptlog compare --format json`` writes its entries as they are made: the text must be
    ``write_json``'s, character for character (the JSON contract)."""
    import io

    from ptlog.commands.common import write_json, write_json_lists

    whole, streamed = io.StringIO(), io.StringIO()
    write_json(value, whole)
    write_json_lists({key: iter(items) for key, items in value.items()}, streamed)
    assert streamed.getvalue() == whole.getvalue()



@pytest.mark.parametrize("in_memory", [8 * 1024 * 1024, 16])  # a temporary file past 16 chars
def test_a_table_of_rows_as_they_come(monkeypatch: pytest.MonkeyPatch, in_memory: int) -> None:
    """``print_table`` reads its rows once (a generator: ``ptlog compare`` on a million
    patients), keeps them aside while measuring the widths, pads each column to its widest
    cell; a cell's control characters (the separator it keeps rows with among them) and line
    breaks cannot split or shift a row."""
    import io

    from ptlog.commands import common

    monkeypatch.setattr(common, "TABLE_IN_MEMORY", in_memory)
    rows = [["A-1", "Ørsted\x1fNúñez", 12.5], ["B-22", "two\nlines", None], ["C", "\x1b[31mred", 7]]
    out = io.StringIO()
    assert common.print_table(("chart", "name", "deg"), (row for row in rows), out) == 3
    assert out.getvalue().splitlines() == [
        "chart  name         deg",
        "-----  -----------  ----",
        "A-1    ØrstedNúñez  12.5",
        "B-22   two lines",
        "C      [31mred      7",
    ]


def test_a_table_lines_up_names_with_combining_accents_and_wide_letters() -> None:
    """Columns are padded to what a terminal shows: a name an older ptlog stored decomposed
    (e + U+0301: two characters, one column) and a Japanese name (two columns a letter)."""
    import io
    import unicodedata

    from ptlog.commands import common

    rows = [["A-1", unicodedata.normalize("NFD", "Núñez, José"), 1],
            ["B-2", "山田, 花子", 2], ["C-3", "Lee, Ann", 3]]
    out = io.StringIO()
    common.print_table(("chart", "name", "n"), rows, out)
    lines = out.getvalue().splitlines()
    from ptlog.domain.text import shown_width

    # the last column starts at the same terminal column on every line
    starts = {shown_width(line[:line.rindex(" ") + 1]) for line in lines[2:]}
    assert starts == {shown_width(lines[0][:lines[0].rindex(" ") + 1])}
    assert lines[3] == "B-2    山田, 花子   2"
