"""Files an office suite writes: CSV in every dialect, .xlsx long and wide (with a mapping),
labels and other header spellings, dates in a chosen order; problems named by cell; export to
.xlsx and back exactly; all-or-nothing and idempotent like ptlog's own CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from ptlog.domain.date_order import DateOrder
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS, TREATMENTS_COLUMNS
from ptlog.store.csv_import import CsvImportError, ImportOptions, import_csv
from ptlog.store.sheet_mapping import Mapping, Measurement, load_mapping, mapping_from_json, suggest

TODAY = dt.date(2026, 12, 1)
ROWS = [
    ["C-1", "Lee", "Ann", "1980-03-04", "F", "2026-01-05", "Bo Svensson", "hip",
     "internal_rotation", "L", "active", "seated", "30", "", ""],
    ["C-1", "Lee", "Ann", "1980-03-04", "F", "2026-01-05", "Bo Svensson", "hip",
     "internal_rotation", "R", "active", "seated", "33.5", "inclinometer", "sore; tight"],
    ["C-2", "Ørsted", "Zoë", "1999-12-31", "M", "2026-02-05T14:30", "", "knee", "flexion", "R",
     "passive", "supine", "120", "", ""],
]
LABELLED = [  # the same readings as the window shows them
    [*r[:7], r[7].capitalize(), r[8].replace("_", " ").capitalize(),
     {"L": "Left", "R": "Right"}[r[9]], r[10].capitalize(), r[11].capitalize(), r[12],
     {"": "", "inclinometer": "Inclinometer"}[r[13]], r[14]]
    for r in ROWS
]


def stored() -> list[tuple[object, ...]]:
    """Every reading with its patient and visit, as comparable values."""
    return sorted(
        (r.visit.patient.chart, r.visit.patient.family_name, str(r.visit.patient.birth_date),
         r.visit.patient.sex, str(r.visit.visit_at)[:19].replace(" ", "T"),
         r.visit.clinician.name if r.visit.clinician else "", r.joint, r.motion, r.side,
         r.mode, r.position, float(r.degrees), r.instrument, r.note)
        for r in m.Reading.select()
    )


def counts() -> tuple[int, int, int, int, int]:
    return (m.Patient.select().count(), m.Visit.select().count(), m.Reading.select().count(),
            m.Treatment.select().count(),
            # a new database holds its audit chain's seal: count the events after it
            m.AuditEvent.select().where(m.AuditEvent.action != "seal").count())


def write_csv(path: Path, header: list[str], rows: list[list[str]], **dialect: object) -> Path:
    with path.open("w", newline="", encoding=str(dialect.pop("encoding", "utf-8"))) as handle:
        handle.write(str(dialect.pop("bom", "")))
        writer = csv.writer(handle, **dialect)  # type: ignore[arg-type]
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def reference(tmp_path: Path) -> list[tuple[object, ...]]:
    """What ptlog's own CSV of ROWS stores (the shape every other file must give)."""
    from ptlog.store.database import open_database

    url = f"sqlite:///{tmp_path / 'reference.db'}"
    open_database(url)
    import_csv(write_csv(tmp_path / "ref.csv", list(READINGS_COLUMNS), ROWS), today=TODAY)
    want = stored()
    m.database_proxy.obj.close()
    return want


@pytest.mark.parametrize("dialect", [
    {"delimiter": ";", "lineterminator": "\r\n"},          # Excel / LibreOffice in Europe
    {"dialect": "excel-tab"},                                 # tab-separated
    {"delimiter": ",", "lineterminator": "\r\n", "encoding": "utf-8-sig"},  # BOM + CRLF
    {"delimiter": ";", "quoting": csv.QUOTE_ALL, "encoding": "utf-8-sig"},
    {"dialect": "excel-tab", "encoding": "utf-16"},  # Excel's "Unicode Text": UTF-16, a mark
    {"delimiter": ",", "encoding": "utf-16-be", "bom": "\ufeff"},
])
@pytest.mark.parametrize("labels", [False, True])
def test_csv_in_every_dialect_with_codes_or_labels(tmp_path: Path, dialect: dict[str, object],
                                                   labels: bool) -> None:
    from ptlog.store.database import open_database

    want = reference(tmp_path)
    open_database(f"sqlite:///{tmp_path / 'db.db'}")
    header = [c.replace("_", " ").title() for c in READINGS_COLUMNS]  # "Family Name"
    path = write_csv(tmp_path / "in.csv", header, LABELLED if labels else ROWS, **dialect)
    result = import_csv(path, today=TODAY)
    assert result.readings_added == 3
    assert stored() == want
    again = import_csv(path, today=TODAY)  # idempotent
    assert (again.readings_added, again.already_present) == (0, 3)


def test_columns_in_another_order_and_without_the_optional_ones(db: object, tmp_path: Path
                                                                ) -> None:
    order = ["Degrees", "Motion", "JOINT", "Side", "chart", "visit date", "birth_date",
             "family_name", "Given Name", "sex", "mode", "position"]
    index = {c: i for i, c in enumerate(READINGS_COLUMNS)}
    rows = [[r[index["_".join(c.lower().split())]] for c in order] for r in ROWS]
    import_csv(write_csv(tmp_path / "in.csv", order, rows), today=TODAY)
    assert counts()[:3] == (2, 2, 3)
    assert {r.instrument for r in m.Reading.select()} == {"universal_goniometer"}


def test_an_unknown_column_or_a_missing_one_is_named(db: object, tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match=r"in.csv:1: unexpected column\(s\): Weather"):
        import_csv(write_csv(tmp_path / "in.csv", [*READINGS_COLUMNS, "Weather"],
                             [[*r, "rain"] for r in ROWS]), today=TODAY)
    with pytest.raises(CsvImportError, match=r"missing column\(s\): sex"):
        import_csv(write_csv(tmp_path / "in.csv", [c for c in READINGS_COLUMNS if c != "sex"],
                             [r[:4] + r[5:] for r in ROWS]), today=TODAY)
    assert counts() == (0, 0, 0, 0, 0)


def test_semicolon_file_with_a_bad_value_names_line_and_header(db: object, tmp_path: Path
                                                                ) -> None:
    header = [c.replace("_", " ").title() for c in READINGS_COLUMNS]
    rows = [list(r) for r in ROWS]
    rows[1][9] = "B"
    with pytest.raises(CsvImportError) as caught:
        import_csv(write_csv(tmp_path / "in.csv", header, rows, delimiter=";"), today=TODAY)
    assert str(caught.value.problems[0]).startswith("in.csv:3:Side: 'B' is not a side")
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize(("order", "written"), [("DMY", "%d/%m/%Y"), ("MDY", "%m/%d/%Y")])
def test_dates_in_the_chosen_order(tmp_path: Path, order: str, written: str) -> None:
    from ptlog.store.database import open_database

    want = reference(tmp_path)
    open_database(f"sqlite:///{tmp_path / 'db.db'}")

    def rewrite(text: str) -> str:
        day, _t, time = text.partition("T")
        out = dt.date.fromisoformat(day).strftime(written)
        return f"{out} {time}" if time else out

    rows = [[*r[:3], rewrite(r[3]), r[4], rewrite(r[5]), *r[6:]] for r in ROWS]
    path = write_csv(tmp_path / "in.csv", list(READINGS_COLUMNS), rows, delimiter=";")
    with pytest.raises(CsvImportError, match="--date-order DMY or MDY"):
        import_csv(path, today=TODAY)  # never guessed
    assert counts() == (0, 0, 0, 0, 0)
    import_csv(path, today=TODAY, options=ImportOptions(date_order=DateOrder(order)))
    assert stored() == want


def test_xlsx_long_format_with_real_dates_and_numbers(tmp_path: Path) -> None:
    from ptlog.store.database import open_database

    want = reference(tmp_path)
    open_database(f"sqlite:///{tmp_path / 'db.db'}")
    rows: list[list[object]] = [list(READINGS_COLUMNS)]
    for r in ROWS:
        visit = dt.datetime.fromisoformat(r[5])
        rows.append([*r[:3], dt.date.fromisoformat(r[3]), r[4], visit, r[6] or None, *r[7:12],
                     float(r[12]) if "." in r[12] else int(r[12]), r[13] or None, r[14] or None])
    path = write_xlsx(tmp_path / "in.xlsx", rows)
    assert import_csv(path, today=TODAY).readings_added == 3
    assert stored() == want
    assert import_csv(path, today=TODAY).already_present == 3


def test_xlsx_problems_name_the_cell(db: object, tmp_path: Path) -> None:
    rows: list[list[object]] = [["title row"], [], list(READINGS_COLUMNS)]  # header on row 3
    rows += [list(r) for r in ROWS]
    rows[4][12] = 170  # M5
    rows[5][5] = "yesterday"  # F6
    path = write_xlsx(tmp_path / "in.xlsx", rows, title="My ROM")
    with pytest.raises(CsvImportError) as caught:
        import_csv(path, today=TODAY)
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        "in.xlsx:'My ROM'!M5: 170° is not possible for hip internal rotation "
        "(accepted -30 to 90°)",
        "in.xlsx:'My ROM'!F6: 'yesterday' is not a visit date (expected YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM)",
    ]
    assert counts() == (0, 0, 0, 0, 0)


def test_xlsx_sheet_by_name_and_files_that_are_not_workbooks(db: object, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "in.xlsx", [["nothing here"]], title="Notes")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.create_sheet("ROM")
    sheet.append(list(READINGS_COLUMNS))
    sheet.append(ROWS[0])
    workbook.save(path)
    assert import_csv(path, today=TODAY, options=ImportOptions(sheet="ROM")).readings_added == 1
    with pytest.raises(CsvImportError, match=r"no sheet named 'Rom' \(the workbook has: "
                                             r"Notes, ROM\)"):
        import_csv(path, today=TODAY, options=ImportOptions(sheet="Rom"))
    fake = tmp_path / "fake.xlsx"
    fake.write_text("chart,family_name\n")
    with pytest.raises(CsvImportError, match="not an Excel .xlsx workbook"):
        import_csv(fake, today=TODAY)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CsvImportError, match="old Excel .xls file"):
        import_csv(old, today=TODAY)


WIDE_MAPPING = {
    "columns": {
        "Date": "visit_date",
        "IR L": {"joint": "hip", "motion": "internal_rotation", "side": "L"},
        "IR R": {"joint": "hip", "motion": "internal_rotation", "side": "R"},
        "ER L": {"joint": "hip", "motion": "external_rotation", "side": "Left"},
        "ER R": {"joint": "Hip", "motion": "External rotation", "side": "Right",
                 "position": "prone", "mode": "passive"},
        "Comment": "note",
    },
    "defaults": {"chart": "PT-7", "family_name": "Moe", "given_name": "Kim",
                 "birth_date": "02/01/1990", "sex": "Male", "position": "seated",
                 "mode": "active", "clinician": "Bo Svensson"},
    "date_order": "DMY",
}


def wide_sheet(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "wide.xlsx", [
        ["Date", "IR L", "IR R", "ER L", "ER R", "Comment", "Weather"],
        [dt.datetime(2026, 1, 5), 30, 33, None, 40, None, "rain"],
        ["05/02/2026", 32.5, "", 41, 42, "after PT", None],
        [None, None, None, None, None, None, None],
        [dt.datetime(2026, 3, 5), None, 35, None, None, None, "sun"],
    ])


def test_wide_sheet_through_a_mapping(db: object, tmp_path: Path) -> None:
    mapping = mapping_from_json(WIDE_MAPPING)
    path = wide_sheet(tmp_path)
    result = import_csv(path, today=TODAY, options=ImportOptions(mapping=mapping))
    assert (result.readings_added, result.visits_new, result.patients_new) == (7, 3, 1)
    patient = m.Patient.get(m.Patient.chart == "PT-7")
    assert (patient.birth_date, patient.sex) == (dt.date(1990, 1, 2), "M")
    got = sorted((str(r.visit.visit_at)[:10], r.motion, r.side, r.position, r.mode,
                  float(r.degrees), r.note) for r in m.Reading.select())
    assert got == [
        ("2026-01-05", "external_rotation", "R", "prone", "passive", 40.0, ""),
        ("2026-01-05", "internal_rotation", "L", "seated", "active", 30.0, ""),
        ("2026-01-05", "internal_rotation", "R", "seated", "active", 33.0, ""),
        ("2026-02-05", "external_rotation", "L", "seated", "active", 41.0, "after PT"),
        ("2026-02-05", "external_rotation", "R", "prone", "passive", 42.0, "after PT"),
        ("2026-02-05", "internal_rotation", "L", "seated", "active", 32.5, "after PT"),
        ("2026-03-05", "internal_rotation", "R", "seated", "active", 35.0, ""),
    ]
    before = counts()
    again = import_csv(path, today=TODAY, options=ImportOptions(mapping=mapping))
    assert (again.readings_added, again.already_present) == (0, 7)
    assert counts() == before


def test_wide_sheet_problems_name_the_cell_and_change_nothing(db: object, tmp_path: Path) -> None:
    mapping = mapping_from_json(WIDE_MAPPING)
    path = wide_sheet(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook.active["C3"] = 170  # IR R on the second visit
    workbook.active["A5"] = "13/13/2026"
    workbook.save(path)
    with pytest.raises(CsvImportError) as caught:
        import_csv(path, today=TODAY, options=ImportOptions(mapping=mapping))
    assert [str(p) for p in caught.value.problems] == [
        "wide.xlsx:Sheet1!C3: 170° is not possible for hip internal rotation "
        "(accepted -30 to 90°)",
        "wide.xlsx:Sheet1!A5: '13/13/2026' is not a date in day/month/year order",
    ]
    assert counts() == (0, 0, 0, 0, 0)


def test_a_mapping_that_leaves_a_field_unfilled_is_refused(db: object, tmp_path: Path) -> None:
    data = json.loads(json.dumps(WIDE_MAPPING))
    del data["defaults"]["birth_date"]
    with pytest.raises(CsvImportError, match=r"missing column\(s\): birth_date \(map a column"):
        import_csv(wide_sheet(tmp_path), today=TODAY,
                   options=ImportOptions(mapping=mapping_from_json(data)))
    data["columns"]["Nope"] = "chart"
    with pytest.raises(CsvImportError, match="names a column 'Nope' the sheet does not have"):
        import_csv(wide_sheet(tmp_path), today=TODAY,
                   options=ImportOptions(mapping=mapping_from_json(data)))


@pytest.mark.parametrize(("data", "message"), [
    ([], "expected a JSON object"),
    ({"columns": {"A": "degree"}}, "'degree' is not a field"),
    ({"columns": {"A": {"joint": "hip", "motion": "flying", "side": "L"}}}, "not in the motion"),
    ({"columns": {"A": {"joint": "hip", "motion": "flexion", "side": "B"}}}, "side must be L"),
    ({"columns": {"A": "chart"}, "date_order": "YDM"}, "not a date order"),
    ({"columns": {"A": "chart"}, "defaults": {"colour": "red"}}, "'colour' is not a field"),
    ({"columns": {"A": "chart"}, "extra": 1}, "unknown key"),
])
def test_mapping_mistakes_are_named(data: object, message: str) -> None:
    from ptlog.store.sheet_mapping import MappingError

    with pytest.raises(MappingError, match=message):
        mapping_from_json(data)


def test_mapping_file_round_trip_and_errors(tmp_path: Path) -> None:
    from ptlog.store.sheet_mapping import MappingError

    mapping = mapping_from_json(WIDE_MAPPING)
    mapping.save(tmp_path / "map.json")
    assert load_mapping(tmp_path / "map.json") == mapping
    (tmp_path / "bad.json").write_text("{\n  \"columns\": ,\n}")
    with pytest.raises(MappingError, match=r"bad.json:2: not valid JSON"):
        load_mapping(tmp_path / "bad.json")
    with pytest.raises(MappingError, match="no such mapping file"):
        load_mapping(tmp_path / "none.json")


@pytest.mark.parametrize(("header", "target"), [
    ("Date", "visit_date"), ("DOB", "birth_date"), ("Chart", "chart"), ("Surname", "family_name"),
    ("IR L", Measurement("hip", "internal_rotation", "L")),
    ("ER right", Measurement("hip", "external_rotation", "R")),
    ("Knee flexion L", Measurement("knee", "flexion", "L")),
    ("Shoulder Abd R", Measurement("shoulder", "abduction", "R")),
    ("Weather", None),
])
def test_suggestions_from_the_header_text(header: str, target: object) -> None:
    assert suggest(header) == target


def test_treatments_from_a_semicolon_file_with_labels(db: object, tmp_path: Path) -> None:
    import_csv(write_csv(tmp_path / "r.csv", list(READINGS_COLUMNS), ROWS), today=TODAY)
    header = [c.replace("_", " ").capitalize() for c in TREATMENTS_COLUMNS]
    path = write_csv(tmp_path / "t.csv", header, [
        ["C-1", "Steroid injection", "10/01/2026", "", "Left", "1", "120", ""],
        ["C-1", "physical_therapy", "12/01/2026", "20/03/2026", "Both", "10", "900", "x"],
    ], delimiter=";")
    result = import_csv(path, today=TODAY, options=ImportOptions(date_order=DateOrder.DAY_FIRST))
    assert result.treatments_added == 2
    assert sorted((t.kind, str(t.start_date), t.side) for t in m.Treatment.select()) == [
        ("physical_therapy", "2026-01-12", "B"), ("steroid_injection", "2026-01-10", "L")]


def test_xlsx_export_then_import_round_trips_exactly(db: object, tmp_path: Path,
                                                     sqlite_url: str) -> None:
    from ptlog.store.csv_export import write_csv_export
    from ptlog.store.database import open_database
    from ptlog.store.xlsx_export import write_xlsx_export

    import_csv(write_csv(tmp_path / "r.csv", list(READINGS_COLUMNS),
                         [*ROWS, [*ROWS[0][:12], "31", "", "=HYPERLINK(\"x\")"]]), today=TODAY)
    import_csv(write_csv(tmp_path / "t.csv", list(TREATMENTS_COLUMNS), [
        ["C-1", "steroid_injection", "2026-01-10", "", "L", "1", "120.5", "left hip"]]),
        today=TODAY)
    write_csv_export(tmp_path / "first.csv")
    write_csv_export(tmp_path / "first-t.csv", treatments=True)
    assert write_xlsx_export(tmp_path / "out.xlsx") == (4, 1)
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["Readings"]
    assert sheet.freeze_panes == "A2"
    assert isinstance(sheet["D2"].value, dt.datetime)
    assert sheet["M2"].data_type == "n"
    # a note starting with "=" stays text, never a formula a spreadsheet would run
    notes = {c.value: c.data_type for row in sheet.iter_rows(min_row=2) if (c := row[14]).value}
    assert notes['=HYPERLINK("x")'] != "f"
    m.database_proxy.obj.close()
    open_database(sqlite_url)
    result = import_csv(tmp_path / "out.xlsx", today=TODAY)
    assert (result.readings_added, result.treatments_added) == (4, 1)
    write_csv_export(tmp_path / "second.csv")
    write_csv_export(tmp_path / "second-t.csv", treatments=True)
    assert (tmp_path / "first.csv").read_bytes() == (tmp_path / "second.csv").read_bytes()
    assert (tmp_path / "first-t.csv").read_bytes() == (tmp_path / "second-t.csv").read_bytes()
    again = import_csv(tmp_path / "out.xlsx", today=TODAY)
    assert (again.readings_added, again.already_present, again.treatments_added) == (0, 4, 0)


def test_dry_run_finds_the_database_side_problems_and_writes_nothing(db: object, tmp_path: Path
                                                                     ) -> None:
    import_csv(write_csv(tmp_path / "r.csv", list(READINGS_COLUMNS), ROWS[:1]), today=TODAY)
    before = counts()
    other = [[ROWS[1][0], "Leigh", *ROWS[1][2:]]]  # C-1 stored as Lee
    path = write_xlsx(tmp_path / "in.xlsx", [list(READINGS_COLUMNS), *other, ROWS[2]])
    with pytest.raises(CsvImportError, match="chart C-1 is stored as Lee"):
        import_csv(path, today=TODAY, options=ImportOptions(dry_run=True))
    fine = write_xlsx(tmp_path / "fine.xlsx", [list(READINGS_COLUMNS), ROWS[2]])
    result = import_csv(fine, today=TODAY, options=ImportOptions(dry_run=True))
    assert result.readings_added == 1
    assert counts() == before


def test_mapping_defaults_type() -> None:
    mapping = mapping_from_json({"columns": {"A": "degrees"}, "defaults": {"degrees": 30}})
    assert mapping == Mapping({"A": "degrees"}, {"degrees": "30"}, DateOrder.ISO)
