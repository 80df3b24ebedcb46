"""``ptlog import`` / ``ptlog export``: the CSV contract, all-or-nothing, idempotent, round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptlog.cli import main
from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS

HEADER = ",".join(READINGS_COLUMNS)
GOOD = [
    "A1,Ørsted-Núñez,Zoë,1980-05-01,F,2026-01-05,Ann Lee PT,hip,internal_rotation,L,active,seated,28,,",
    'A1,Ørsted-Núñez,Zoë,1980-05-01,F,2026-01-05,Ann Lee PT,hip,internal_rotation,R,active,seated,37.5,inclinometer,"tight, sore"',
    "A1,Ørsted-Núñez,Zoë,1980-05-01,F,2026-02-05T14:30,Ann Lee PT,hip,internal_rotation,L,active,prone,33,,",
    "B2,Smith,John,1950-02-03,M,2026-01-06,,knee,flexion,R,passive,supine,120,,",
]


def write(tmp_path: Path, lines: list[str], name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(url: str) -> tuple[int, int, int, int, int]:
    from ptlog.store import models as m
    from ptlog.store.database import open_database

    db = open_database(url)
    try:
        return (m.Patient.select().count(), m.Visit.select().count(),
                m.Reading.select().count(), m.Treatment.select().count(),
                m.AuditEvent.select().count())
    finally:
        db.close()


@pytest.fixture
def loaded(db_url: str, tmp_path: Path) -> str:
    assert main(["--db", db_url, "import", str(write(tmp_path, [HEADER, *GOOD]))]) == 0
    return db_url


def test_import_then_reimport_adds_nothing(loaded: str, tmp_path: Path, capsys) -> None:
    before = counts(loaded)
    assert before[:3] == (2, 3, 4)
    capsys.readouterr()
    assert main(["--db", loaded, "import", str(write(tmp_path, [HEADER, *GOOD]))]) == 0
    assert "4 already present" in capsys.readouterr().out
    assert counts(loaded)[:4] == before[:4]


def test_export_import_round_trip_is_exact(loaded: str, tmp_path: Path, sqlite_url: str) -> None:
    first = tmp_path / "first.csv"
    assert main(["--db", loaded, "export", "--format", "csv", "-o", str(first)]) == 0
    assert main(["--db", sqlite_url, "import", str(first)]) == 0
    second = tmp_path / "second.csv"
    assert main(["--db", sqlite_url, "export", "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    rows = list(csv.DictReader(io.StringIO(first.read_text(encoding="utf-8"))))
    assert len(rows) == 4
    assert {r["degrees"] for r in rows} == {"28", "37.5", "33", "120"}
    assert rows[0]["family_name"] == "Ørsted-Núñez"


def test_export_one_patient(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "b2.csv"
    assert main(["--db", loaded, "export", "--patient", "B2", "-o", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_export_unknown_chart_is_exit_2_and_no_file(loaded: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "none.csv"
    assert main(["--db", loaded, "export", "--patient", "ZZZ", "-o", str(out)]) == 2
    assert "ZZZ" in capsys.readouterr().err
    assert not out.exists()


def test_export_to_missing_folder_is_exit_2(loaded: str, tmp_path: Path, capsys) -> None:
    assert main(["--db", loaded, "export", "-o", str(tmp_path / "no" / "x.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


BAD_CASES = {
    "non-numeric angle": ("degrees", "abc", ":degrees: 'abc' is not a number"),
    "impossible angle": ("degrees", "200", ":degrees: 200° is not possible"),
    "invalid date": ("visit_date", "2026-02-30", ":visit_date:"),
    "future date": ("visit_date", "2999-01-01", "is in the future"),
    "visit before birth": ("visit_date", "1949-01-01", "before the birth date"),
    "unknown joint": ("joint", "tail", ":joint: 'tail' is not a joint"),
    "unknown motion": ("motion", "wiggle", ":motion: 'wiggle' is not a knee motion"),
    "unknown side": ("side", "X", ":side:"),
    "unknown mode": ("mode", "lazy", ":mode:"),
    "unknown position": ("position", "hanging", ":position:"),
    "unknown sex": ("sex", "Q", ":sex:"),
    "empty chart": ("chart", "", ":chart: the chart number is empty"),
    "future birth date": ("birth_date", "2999-01-01", ":birth_date:"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_row_is_exit_2_and_changes_nothing(loaded: str, tmp_path: Path, capsys, case: str) -> None:
    column, value, expected = BAD_CASES[case]
    row = dict(zip(READINGS_COLUMNS, next(csv.reader([GOOD[3]])), strict=True))
    row[column] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([row[c] for c in READINGS_COLUMNS])
    path = write(tmp_path, [HEADER, GOOD[3].replace("B2", "C3"), buffer.getvalue()])
    before = counts(loaded)
    capsys.readouterr()
    assert main(["--db", loaded, "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path.name}:3" in err
    assert expected in err
    assert "nothing was imported" in err
    assert "Traceback" not in err
    assert counts(loaded) == before


def test_demographics_differing_from_stored_patient(loaded: str, tmp_path: Path, capsys) -> None:
    path = write(tmp_path, [HEADER, GOOD[0].replace("Zoë", "Zoe")])
    before = counts(loaded)
    assert main(["--db", loaded, "import", str(path)]) == 2
    assert "chart A1 is stored as" in capsys.readouterr().err
    assert counts(loaded) == before


def test_demographics_differing_within_file(sqlite_url: str, tmp_path: Path, capsys) -> None:
    path = write(tmp_path, [HEADER, GOOD[3], GOOD[3].replace("1950-02-03", "1951-02-03")])
    assert main(["--db", sqlite_url, "import", str(path)]) == 2
    assert "different demographics than on line 2" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace(",given_name", ""), "missing column(s): given_name"),
        (HEADER + ",extra", "unexpected column(s): extra"),
        ("a,b,c", "unknown header"),
    ],
)
def test_bad_header(sqlite_url: str, tmp_path: Path, capsys, header: str, message: str) -> None:
    assert main(["--db", sqlite_url, "import", str(write(tmp_path, [header, GOOD[0]]))]) == 2
    assert message in capsys.readouterr().err


def test_binary_garbage_and_wrong_encoding(sqlite_url: str, tmp_path: Path, capsys) -> None:
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert main(["--db", sqlite_url, "import", str(garbage)]) == 2
    assert "binary file" in capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes(("\n".join([HEADER, GOOD[0]]) + "\n").encode("latin-1", "replace"))
    assert main(["--db", sqlite_url, "import", str(latin)]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_empty_file_and_header_only(sqlite_url: str, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["--db", sqlite_url, "import", str(empty)]) == 2
    assert "empty" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "import", str(write(tmp_path, [HEADER]))]) == 0


def test_problem_list_is_capped(sqlite_url: str, tmp_path: Path, capsys) -> None:
    bad = GOOD[3].replace(",120,", ",abc,")
    assert main(["--db", sqlite_url, "import", str(write(tmp_path, [HEADER] + [bad] * 50))]) == 2
    err = capsys.readouterr().err
    assert "and 30 more problem(s)" in err


def test_missing_file_is_exit_2(sqlite_url: str, tmp_path: Path, capsys) -> None:
    assert main(["--db", sqlite_url, "import", str(tmp_path / "nope.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_treatments_csv_import_export(loaded: str, tmp_path: Path, capsys) -> None:
    lines = [
        ",".join(TREATMENTS_COLUMNS),
        "A1,physical_therapy,2026-01-06,2026-03-01,L,10,1200,twice weekly",
        "A1,steroid_injection,2026-03-10,,R,,350,",
        "B2,hip_arthroscopy,2026-01-10,,B,,21000,FAI",
    ]
    assert main(["--db", loaded, "import", str(write(tmp_path, lines, "t.csv"))]) == 0
    assert "imported 3 treatment(s)" in capsys.readouterr().out
    assert main(["--db", loaded, "import", str(write(tmp_path, lines, "t.csv"))]) == 0
    assert "3 already present" in capsys.readouterr().out
    out = tmp_path / "t-out.csv"
    assert main(["--db", loaded, "export", "--treatments", "-o", str(out)]) == 0
    exported = out.read_text(encoding="utf-8").splitlines()
    assert exported[0] == ",".join(TREATMENTS_COLUMNS)
    assert "A1,physical_therapy,2026-01-06,2026-03-01,L,10,1200,twice weekly" in exported


def test_treatments_csv_errors(loaded: str, tmp_path: Path, capsys) -> None:
    lines = [
        ",".join(TREATMENTS_COLUMNS),
        "ZZ9,physical_therapy,2026-01-06,,L,10,1200,",
        "A1,voodoo,2026-01-06,2026-01-01,Q,x,-5,",
    ]
    before = counts(loaded)
    assert main(["--db", loaded, "import", str(write(tmp_path, lines, "t.csv"))]) == 2
    err = capsys.readouterr().err
    for needle in ("t.csv:3:kind", "t.csv:3:side", "t.csv:3:sessions", "t.csv:3:cost"):
        assert needle in err
    assert counts(loaded) == before
    assert main(["--db", loaded, "import", str(write(tmp_path, lines[:2], "t.csv"))]) == 2
    assert "no patient with chart ZZ9" in capsys.readouterr().err


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_text, min_size=0, max_size=17), max_size=6))
def test_random_garbage_rows_never_crash(sqlite_url: str, tmp_path: Path, rows) -> None:
    from ptlog.store.csv_import import CsvImportError, import_csv
    from ptlog.store.database import open_database

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(READINGS_COLUMNS)
    writer.writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    db = open_database(sqlite_url)
    try:
        import_csv(path)
    except CsvImportError as exc:  # either outcome is fine; a refusal must say where
        assert exc.problems  # noqa: PT017 - the exception is optional, so no pytest.raises
        assert all(p.line >= 1 for p in exc.problems)  # noqa: PT017
    finally:
        db.close()


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(
        st.tuples(
            st.sampled_from(["internal_rotation", "external_rotation", "flexion"]),
            st.sampled_from(["L", "R"]),
            st.sampled_from(["seated", "prone"]),
            st.floats(min_value=0, max_value=60, allow_nan=False).map(lambda x: round(x, 1)),
            st.dates(min_value=__import__("datetime").date(2020, 1, 1),
                     max_value=__import__("datetime").date(2025, 12, 31)),
        ),
        min_size=1, max_size=12,
    )
)
def test_random_valid_rows_round_trip(tmp_path_factory, values) -> None:
    from ptlog.store.csv_export import export_readings_csv
    from ptlog.store.csv_import import import_csv
    from ptlog.store.database import open_database

    folder = tmp_path_factory.mktemp("rt")
    lines = [HEADER] + [
        f"P1,Doe,Jane,1970-01-01,F,{day.isoformat()},,hip,{motion},{side},active,{pos},{deg},,"
        for motion, side, pos, deg, day in values
    ]
    path = folder / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = open_database(f"sqlite:///{folder / 'a.db'}")
    import_csv(path)
    first = io.StringIO()
    export_readings_csv(first)
    db.close()
    path.write_text(first.getvalue(), encoding="utf-8")
    db = open_database(f"sqlite:///{folder / 'b.db'}")
    import_csv(path)
    second = io.StringIO()
    export_readings_csv(second)
    db.close()
    assert first.getvalue() == second.getvalue()
    distinct = {(mo, s, p, float(dg), dy) for mo, s, p, dg, dy in values}
    assert len(first.getvalue().splitlines()) == len(distinct) + 1
