"""The bulk import's fast paths say and store exactly what the plain ones did.

Time-ordered UUIDs, the audit JSON written from pieces, the row check that remembers parts that
passed, constants written into the INSERT, and migration 2's indexes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from peewee import IntegrityError, SqliteDatabase

from ptlog.store import audit, check, csv_text
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.csv_import import CsvImportError, import_csv
from ptlog.store.csv_text import as_rows, csv_lines
from ptlog.store.migrations import MIGRATIONS, m0001_initial, migrate

TODAY = dt.date(2026, 6, 1)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(READINGS_COLUMNS)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def row(**changes: str) -> list[str]:
    values = dict(zip(READINGS_COLUMNS, (
        "A1", "Núñez", "Zoë", "1980-05-01", "F", "2026-01-05", "Ann Lee PT", "hip",
        "internal_rotation", "L", "active", "seated", "28", "", ""), strict=True))
    values.update(changes)
    return [values[c] for c in READINGS_COLUMNS]


def problems(path: Path) -> list[str]:
    with pytest.raises(CsvImportError) as info:
        import_csv(path, today=TODAY)
    return [str(p) for p in info.value.problems]


# --- UUIDs -------------------------------------------------------------------------------------

def test_new_uuids_are_version_7_unique_and_strictly_increasing() -> None:
    made = [*m.new_uuids(70_000), *(m.new_uuid() for _ in range(50)), *m.new_uuids(10)]
    assert made == sorted(made)  # 70,000 crosses a block of 65,536 counter values
    assert len(set(made)) == len(made)
    for text in [*made[::997], *made[-60:]]:
        value = uuid.UUID(text)
        assert (value.version, value.variant, str(value)) == (7, uuid.RFC_4122, text)
    assert abs((uuid.UUID(made[0]).int >> 80) - time.time() * 1000) < 60_000  # Unix ms


def test_uuids_keep_increasing_past_a_full_counter_and_a_clock_going_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ahead = time.time_ns() // 1_000_000 + 10_000  # the last UUID was made "in the future"
    monkeypatch.setattr(m, "_uuid7_last", [ahead, (1 << 42) - 3])
    made = m.new_uuids(5)
    assert made == sorted(made)
    assert [uuid.UUID(u).int >> 80 for u in made] == [ahead + 1] * 5  # the next millisecond
    more = m.new_uuids(3)
    assert made[-1] < more[0]
    assert more == sorted(more)


def _counter(text: str) -> int:
    """The 42-bit counter a version 7 UUID of ``models`` carries (RFC 9562 §6.2, method 1)."""
    value = uuid.UUID(text).int
    return ((value >> 64) & 0xFFF) << 30 | ((value >> 48) & 0x3FFF) << 16 | (value >> 32) & 0xFFFF


@pytest.mark.parametrize("counter", [0, 0xFFFF, 0x1_0000, (1 << 30) - 1, 1 << 30,
                                     (1 << 42) - 2, 0x2AB_CDEF_1234])
def test_one_uuid_is_laid_out_as_a_batch_of_one(monkeypatch: pytest.MonkeyPatch,
                                                counter: int) -> None:
    """``new_uuid`` writes its one UUID out itself: the same fields as ``new_uuids(1)``."""
    ahead = time.time_ns() // 1_000_000 + 10_000  # the same millisecond for both
    monkeypatch.setattr(m, "_uuid7_last", [ahead, counter - 1])
    one = m.new_uuid()
    monkeypatch.setattr(m, "_uuid7_last", [ahead, counter - 1])
    batch = m.new_uuids(1)[0]
    for text in (one, batch):
        value = uuid.UUID(text)
        assert (value.version, value.variant, str(value)) == (7, uuid.RFC_4122, text)
        assert (value.int >> 80, _counter(text)) == (ahead, counter)
    assert one[:-8] == batch[:-8]  # all but the 32 random bits


# --- audit JSON from pieces ------------------------------------------------------------------

_text = st.text(max_size=12)
_json_value = st.one_of(st.none(), st.booleans(), st.integers(), _text,
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.lists(_text, max_size=2), st.dictionaries(_text, _text, max_size=2))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(fields=st.lists(st.one_of(st.none(), _text), min_size=10, max_size=10))
def test_payload_writer_writes_canonical_json(fields: list[str | None]) -> None:
    at, user, clinician, action, entity, entity_uuid, patient_uuid, before, after, prev = fields
    at, user, clinician, action, entity = (v or "" for v in (at, user, clinician, action, entity))
    entity_uuid, patient_uuid, prev = (v or "" for v in (entity_uuid, patient_uuid, prev))
    payload = {"at": at, "os_user": user, "clinician": clinician, "action": action,
               "entity": entity, "entity_uuid": entity_uuid, "patient_uuid": patient_uuid,
               "before": before, "after": after, "prev_hash": prev}
    write = audit.payload_writer(at, user, clinician)
    assert write(action, entity, entity_uuid, patient_uuid, before, after, prev) == \
        audit.canonical_json(payload)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(fixed=st.dictionaries(_text, _json_value, max_size=6),
       slots=st.lists(_text, max_size=4, unique=True), data=st.data())
def test_json_template_renders_canonical_json(
    fixed: dict[str, Any], slots: list[str], data: st.DataObject
) -> None:
    values = data.draw(st.lists(_json_value, min_size=len(slots), max_size=len(slots)))
    render = audit.json_template(fixed, tuple(slots))
    assert render(values) == audit.canonical_json({**fixed, **dict(zip(slots, values,
                                                                      strict=True))})


def test_record_many_takes_json_text_and_keeps_the_chain(db: Any) -> None:
    snapshot = {"id": 7, "name": "O'Brien \"Ø\"", "ratio": 35.0, "ok": True}
    with m.database_proxy.atomic():
        audit.record("create", "patient", "u-0", after={"id": 1})
        audit.record_many([
            ("create", "patient", "u-1", None, snapshot, "u-1"),
            ("update", "patient", "u-1", snapshot, audit.canonical_json(snapshot), "u-1"),
        ])
        audit.record("delete", "patient", "u-1", before=snapshot)
    seal, *events = list(m.AuditEvent.select().order_by(m.AuditEvent.id))
    assert events[1].after == events[2].after == events[2].before == \
        audit.canonical_json(snapshot)
    assert_keyed_chain(seal, events)


def assert_keyed_chain(seal: m.AuditEvent, events: list[m.AuditEvent]) -> None:
    """The database's seal, then ``events`` linked to it, each an HMAC under its secret."""
    assert seal.action == audit.SEAL
    key = audit.active_key()
    assert key is not None
    prev = seal.hash
    for event in events:
        assert event.prev_hash == prev
        assert audit.event_hash(prev, audit.event_payload(event), key) == event.hash
        assert audit.event_hash(prev, audit.event_payload(event)) != event.hash  # not plain
        prev = event.hash


def test_record_many_reads_a_generator_in_chunks_and_keeps_the_chain(db: Any) -> None:
    """Events made lazily (as the import makes them), more than one chunk of them."""
    with m.database_proxy.atomic():
        assert audit.record_many(iter(())) == 0
        count = audit.record_many(
            (("create", "patient", f"u-{n}", None, {"id": n}, f"u-{n}") for n in range(25)),
            chunk=10)
        audit.record("delete", "patient", "u-3", before={"id": 3})
    assert count == 25
    seal, *events = list(m.AuditEvent.select().order_by(m.AuditEvent.id))
    assert [e.entity_uuid for e in events] == [f"u-{n}" for n in range(25)] + ["u-3"]
    assert_keyed_chain(seal, events)


# --- the row check -----------------------------------------------------------------------------

def test_known_good_parts_do_not_hide_a_problem_elsewhere_in_the_row(sqlite_url: str,
                                                                     tmp_path: Path) -> None:
    from ptlog.store.database import open_database

    open_database(sqlite_url)
    path = write_csv(tmp_path / "in.csv", [
        row(),
        row(side="B"),  # line 3: patient, visit and clinician known good
        row(visit_date="2026-02-30", motion="flexion"),
        row(degrees="95"),  # impossible for hip internal rotation
        row(degrees="nan"),
        row(family_name="Nunez"),  # same chart, other demographics
        row(chart=" ", degrees="1e400"),
        row(visit_date="1970-01-01"),  # before the birth date
    ])
    assert problems(path) == [
        "in.csv:3:side: 'B' is not a side (expected L (Left), R (Right))",
        "in.csv:4:visit_date: '2026-02-30' is not a visit date (expected YYYY-MM-DD or "
        "YYYY-MM-DDTHH:MM)",
        "in.csv:5:degrees: 95° is not possible for hip internal rotation (accepted -30 to 90°)",
        "in.csv:6:degrees: 'nan' is not a number of degrees",
        "in.csv:7:chart: chart A1 has different demographics than on line 2 (Núñez, Zoë, "
        "1980-05-01, F)",
        "in.csv:8:chart: the chart number is empty",
        "in.csv:8:degrees: '1e400' is not a number of degrees",
        "in.csv:9:visit_date: the visit (1970-01-01) is before the birth date (1980-05-01)",
    ]
    assert m.Reading.select().count() == 0


def test_rows_repeating_the_last_rows_start_are_checked_in_full(sqlite_url: str,
                                                                 tmp_path: Path) -> None:
    """A row that starts as the row before but has a field too many or too few, a value not
    seen yet, or a quoted note, is not taken on its start alone."""
    from ptlog.store.database import open_database

    open_database(sqlite_url)
    start = "A1,Núñez,Zoë,1980-05-01,F,2026-01-05,Ann Lee PT,"
    lines = [",".join(READINGS_COLUMNS),
             start + "hip,internal_rotation,L,active,seated,28,,",
             start + "hip,internal_rotation,R,active,seated,28,,,",  # 16 fields
             start + "hip,internal_rotation,R,active,seated,28,",  # 14 fields
             start + "hip,internal_rotation,R,active,seated,28,,x,y",  # 16, note split
             start + "hip,internal_rotation,L,active,seated,29.5,,",
             start + "hip,internal_rotation,L,active,seated,-31,,",  # impossible
             start + 'hip,internal_rotation,L,passive,seated,30,,"a, b"',  # quoted: fine
             start + "hip,internal_rotation,L,passive,seated,30,,"]  # repeat: counted
    path = tmp_path / "in.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert problems(path) == [
        "in.csv:3: expected 15 fields, found 16",
        "in.csv:4: expected 15 fields, found 14",
        "in.csv:5: expected 15 fields, found 16",
        "in.csv:7:degrees: -31° is not possible for hip internal rotation (accepted -30 to 90°)",
    ]
    path.write_text("\n".join(lines[:2] + lines[5:6] + lines[7:]) + "\n", encoding="utf-8")
    result = import_csv(path, today=TODAY)
    assert (result.readings_added, result.already_present) == (3, 1)
    assert sorted(r.note for r in m.Reading.select()) == ["", "", "a, b"]


def _csv_reader_rows(text: str) -> object:
    """What ``csv.reader`` makes of ``text``: header, rows with the line each ends on, error."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        out: list[object] = [[h.strip() for h in next(reader)]]
    except StopIteration:
        return "empty"
    except csv.Error as exc:
        return (1, str(exc))
    try:
        out.extend((reader.line_num, row) for row in reader)
    except csv.Error as exc:
        out.append((reader.line_num, str(exc)))
    return out


def _import_reader_rows(text: str) -> object:
    try:
        header, lines, line_of = csv_lines(text, "f")
        rows = as_rows(lines)
    except CsvImportError as exc:
        problem = exc.problems[0]
        return "empty" if "empty" in problem.message else (
            problem.line, problem.message.removeprefix("unreadable CSV: "))
    out: list[object] = [header]
    try:
        out.extend((line_of(), row) for row in rows)
    except CsvImportError as exc:
        problem = exc.problems[0]
        out.append((problem.line, problem.message.removeprefix("unreadable CSV: ")))
    return out


_CSV_PIECES = ["a", "b,", ",", '"', '""', "\n", "\r\n", "\r", " ", "\x00", "é", "\u2028", "\x0c"]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(st.sampled_from(_CSV_PIECES), max_size=30), long_field=st.booleans())
def test_reader_reads_what_csv_reader_reads(pieces: list[str], long_field: bool) -> None:
    """Lines without a quote are cut with str.split: the same rows, lines and errors."""
    text = "".join(pieces) + ("z" * (csv.field_size_limit() + 5) if long_field else "")
    assert _import_reader_rows(text) == _csv_reader_rows(text)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_CSV_PIECES), max_size=30), block=st.integers(1, 8))
def test_the_file_read_in_blocks_gives_the_same_rows(pieces: list[str], block: int) -> None:
    """Lines are read a block at a time, each block ending after a line feed: cut anywhere,
    the rows, lines and errors are still csv.reader's."""
    text = "".join(pieces)
    with mock.patch.object(csv_text, "_BLOCK", block):
        assert _import_reader_rows(text) == _csv_reader_rows(text)


def test_lines_are_counted_across_quoted_line_breaks(sqlite_url: str, tmp_path: Path) -> None:
    from ptlog.store.database import open_database

    open_database(sqlite_url)
    path = write_csv(tmp_path / "in.csv", [
        row(note="two\nlines"), [], [""] * 15, row(note="three\nlines\nhere", side="R"),
        row(mode="activ"),
    ])
    assert problems(path) == [
        "in.csv:9:mode: 'activ' is not a mode (expected active or passive)"]


def test_warnings_repeats_clinicians_and_a_second_import(db: Any, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "first.csv", [
        row(), row(side="R", degrees="62"),  # unusual: imported with a warning
        row(side="R", degrees="62.0", note="again"),  # the same reading: a repeat
        row(clinician=" Bo Ek ", motion="flexion", instrument=" inclinometer "),
        row(chart="B2", family_name="Lee", given_name="Ann", sex=" M ", degrees="-0",
            visit_date="2026-01-05T12:30", clinician=""),
        [""] * 15,
    ])
    result = import_csv(first, today=TODAY)
    assert (result.rows, result.readings_added, result.already_present, result.patients_new,
            result.visits_new) == (5, 4, 1, 2, 2)
    assert [str(w) for w in result.warnings] == [  # the repeat is warned about too
        f"first.csv:{line}:degrees: 62° is unusual for hip internal rotation (adult reference "
        "0–45°): please re-check (imported)" for line in (3, 4)]
    visit = m.Visit.select().order_by(m.Visit.id).first()
    assert visit.clinician.name == "Ann Lee PT"  # the visit's first row names its clinician
    assert {c.name for c in m.Clinician.select()} == {"Ann Lee PT", "Bo Ek"}
    flexion = m.Reading.get(m.Reading.motion == "flexion")
    assert flexion.instrument == "inclinometer"
    b2 = m.Patient.get(m.Patient.chart == "B2")
    assert (b2.sex, b2.family_key) == ("M", "lee")
    b2_reading = m.Reading.select().join(m.Visit).where(m.Visit.patient == b2).get()
    assert (b2_reading.degrees, str(b2_reading.visit.visit_at)[:16]) == (0.0, "2026-01-05 12:30")
    assert check.check_database() == []  # -0 went in as 0, as the digest says

    second = write_csv(tmp_path / "second.csv", [
        row(degrees="28.0"), row(side="R", degrees="30"),  # one stored, one new in that visit
        row(visit_date="2026-03-01"),
    ])
    again = import_csv(second, today=TODAY)
    assert (again.readings_added, again.already_present, again.patients_new, again.visits_new
            ) == (2, 1, 0, 1)
    assert m.Reading.select().count() == 6
    assert len({r.import_batch for r in m.Reading.select()}) == 2
    assert check.check_database() == []  # both batch digests match the stored rows


def test_constants_written_into_the_insert_are_quoted(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ptlog.store.database import open_database

    open_database(sqlite_url)
    monkeypatch.setattr(audit, "os_user", lambda: "o'brien; --")
    import_csv(write_csv(tmp_path / "in.csv", [row()]), today=TODAY)
    reading = m.Reading.get()
    assert (reading.created_by, reading.reason, reading.is_void) == ("o'brien; --", "", False)
    assert m.Visit.get().created_by == m.Patient.get().updated_by == "o'brien; --"
    assert check.check_database() == []


def test_bulk_insert_keeps_the_order_and_writes_the_constants(db: Any) -> None:
    from ptlog.store.bulk_insert import BulkInsert, max_parameters

    insert = BulkInsert(db, "clinician", ("uuid", "name"),
                        {"credentials": "PT's \"DPT\"", "active": True}, rows_per_statement=100)
    assert insert.per_statement == 100
    names = [f"N{i:03d}" for i in range(250)]  # two statements of 100, then one of 50
    with m.database_proxy.atomic():
        insert.run([(m.new_uuid(), name) for name in names])
    stored = list(m.Clinician.select().order_by(m.Clinician.id))
    assert [c.name for c in stored] == names
    assert {(c.credentials, c.active) for c in stored} == {("PT's \"DPT\"", True)}
    wide = BulkInsert(db, "clinician", [f"c{i}" for i in range(40)], rows_per_statement=1000)
    assert wide.per_statement == min(1000, max_parameters(db) // 40)  # within the limit


def test_columns_from_a_lookup_land_in_order_and_the_lookup_leaves_nothing(db: Any) -> None:
    """A Lookup's columns are filled from its rows by number (SQLite: joined to a temporary
    table, dropped by close; a server: the values bound in the row), in the rows' order, the
    constants written in as they are."""
    from ptlog.store.bulk_insert import BulkInsert, Lookup

    combos = [("PT",), ("",), ("{DPT} 'x'",)]
    insert = BulkInsert(db, "clinician", ("uuid", Lookup(("credentials",), combos), "name"),
                        {"active": False}, rows_per_statement=7)
    picks = [(i * 5) % 3 for i in range(40)]  # 7 to a statement: five of 7, one of 5
    with m.database_proxy.atomic():
        values: list[object] = []
        for i, pick in enumerate(picks):
            values += (m.new_uuid(), *insert.pieces[pick], f"N{i:02d}", *insert.tail)
        insert.run_values(values)
        insert.close()
    stored = list(m.Clinician.select().order_by(m.Clinician.id))
    assert [(c.name, c.credentials, c.active) for c in stored] == [
        (f"N{i:02d}", combos[pick][0], False) for i, pick in enumerate(picks)]
    if isinstance(db, SqliteDatabase):
        assert insert.pieces == [(0,), (1,), (2,)]
        assert db.execute_sql("SELECT name FROM sqlite_temp_master").fetchall() == []
    else:
        assert insert.pieces == combos


def test_a_constant_with_braces_goes_in_with_a_lookup(sqlite_url: str) -> None:
    from ptlog.store.bulk_insert import BulkInsert, Lookup
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    with m.database_proxy.atomic():
        insert = BulkInsert(db, "clinician", ("uuid", "name", Lookup(("active",), [(True,)])),
                            {"credentials": "{0} {} %s ? 'x'"}, rows_per_statement=10)
        insert.run_values([m.new_uuid(), "A", 0])
    assert (m.Clinician.get().credentials, m.Clinician.get().active) == ("{0} {} %s ? 'x'", True)


def test_a_row_naming_no_combination_is_refused_not_left_out(sqlite_url: str) -> None:
    from ptlog.store.bulk_insert import BulkInsert, Lookup
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    def write() -> None:
        insert = BulkInsert(db, "clinician", ("uuid", "name", Lookup(("credentials",), [("PT",)])),
                            {"active": True}, rows_per_statement=10)
        insert.run_values([m.new_uuid(), "A", 0, m.new_uuid(), "B", 5, m.new_uuid(), "C", 0])

    with pytest.raises(ValueError, match="3 rows given, 2 written"):  # 5 names no combination
        m.database_proxy.atomic()(write)()
    assert m.Clinician.select().count() == 0


def test_a_failing_row_leaves_nothing_once_the_transaction_is_rolled_back(db: Any) -> None:
    """SQLite's INSERT OR FAIL keeps the rows before a failing one: the rollback drops them."""
    from ptlog.store.bulk_insert import BulkInsert

    m.Clinician.create(name="Taken")
    insert = BulkInsert(db, "clinician", ("uuid", "name", "credentials", "active"),
                        rows_per_statement=100)
    rows = [(m.new_uuid(), name, "", True) for name in ("A", "B", "Taken", "C")]
    with pytest.raises(IntegrityError), m.database_proxy.atomic():
        insert.run(rows)
    assert [c.name for c in m.Clinician.select()] == ["Taken"]


def test_bulk_insert_refuses_to_run_outside_a_transaction(sqlite_url: str) -> None:
    from ptlog.store.bulk_insert import BulkInsert
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    insert = BulkInsert(db, "clinician", ("uuid", "name", "credentials", "active"))
    with pytest.raises(RuntimeError, match="outside a transaction"):
        insert.run([(m.new_uuid(), "A", "", True)])
    assert m.Clinician.select().count() == 0


def test_bulk_insert_keeps_to_the_connections_parameter_limit(sqlite_url: str) -> None:
    """An SQLite built with the old limit of 999 parameters gets statements of fewer rows."""
    import sqlite3

    from ptlog.store.bulk_insert import BulkInsert, max_parameters
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    assert max_parameters(db) >= 999
    db.connection().setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    assert max_parameters(db) == 999
    insert = BulkInsert(db, "clinician", ("uuid", "name", "credentials", "active"),
                        rows_per_statement=1000)
    assert insert.per_statement == 249
    names = [f"N{i:03d}" for i in range(600)]
    with m.database_proxy.atomic():
        insert.run([(m.new_uuid(), name, "", True) for name in names])
    assert [c.name for c in m.Clinician.select().order_by(m.Clinician.id)] == names


# --- migration 2 ------------------------------------------------------------------------------

def _indexes(db: Any) -> dict[str, str]:
    if isinstance(db, SqliteDatabase):
        return {name: sql for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
    return dict(db.execute_sql("SELECT indexname, indexdef FROM pg_indexes "
                               "WHERE schemaname = current_schema()").fetchall())


def test_migration_2_indexes(db: Any) -> None:
    indexes = _indexes(db)
    assert "reading_visit_motion" not in indexes
    assert "visit_patient_id" not in indexes
    assert "reading_visit_id" in indexes
    assert "visit_patient_id_visit_at" in indexes
    assert "UNIQUE" in indexes["reading_supersedes_id"].upper()
    assert "IS NOT NULL" in indexes["reading_supersedes_id"].upper()


def test_supersedes_stays_unique_and_indexed(db: Any) -> None:
    with m.database_proxy.atomic():
        visit = m.Visit.create(patient=m.Patient.create(
            chart="S1", family_name="S", given_name="T", family_key="s", given_key="t",
            birth_date="1980-01-01", sex="F"), visit_at="2026-01-05 00:00:00")
        fields = {"visit": visit, "joint": "hip", "motion": "flexion", "side": "L",
                  "mode": "active", "position": "seated"}
        original = m.Reading.create(degrees=90, **fields)
        m.Reading.create(degrees=95, supersedes=original, **fields)
    with pytest.raises(IntegrityError), m.database_proxy.atomic():
        m.Reading.create(degrees=96, supersedes=original, **fields)
    sql = 'SELECT "id" FROM "reading" WHERE "supersedes_id" = 1'
    if isinstance(db, SqliteDatabase):
        plan = " ".join(str(r[3]) for r in db.execute_sql("EXPLAIN QUERY PLAN " + sql))
    else:
        with m.database_proxy.atomic():
            db.execute_sql("SET LOCAL enable_seqscan = off")
            plan = " ".join(r[0] for r in db.execute_sql("EXPLAIN " + sql))
    assert "reading_supersedes_id" in plan


def test_a_schema_1_database_is_migrated(tmp_path: Path) -> None:
    db = SqliteDatabase(str(tmp_path / "old.db"))
    for sql in m0001_initial.SQLITE:
        db.execute_sql(sql)
    db.execute_sql("INSERT INTO ptlog_schema VALUES (1, '2025-01-01', 'test')")
    assert "reading_visit_motion" in _indexes(db)
    assert "reading_import_batch" in _indexes(db)
    assert migrate(db) == len(MIGRATIONS) - 1  # every migration after the first
    assert "activities" in {c.name for c in db.get_columns("patient")}  # migration 4
    assert "reading_visit_motion" not in _indexes(db)
    assert "reading_import_batch" not in _indexes(db)
    assert "visit_import_batch" in _indexes(db)
    assert migrate(db) == 0
    db.close()


@pytest.mark.slow
def test_a_big_import_gives_back_its_cache_temp_and_foreign_key_settings(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite: a 128 MiB cache, in-memory statement journals and no foreign-key look-ups while
    it writes, then the connection's own settings again; the rows' references are sound."""
    from ptlog.store import csv_import
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    during: list[object] = []
    real = csv_import.in_transaction

    def watched(work: Any, **kwargs: Any) -> Any:
        during.extend(db.execute_sql(f"PRAGMA {name}").fetchone()[0]
                      for name in PRAGMAS)
        return real(work, **kwargs)

    monkeypatch.setattr(csv_import, "in_transaction", watched)
    before = [db.execute_sql(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS]
    assert before[2] == 1
    assert before[3] == 1000
    lines = [",".join(READINGS_COLUMNS)]
    lines += [f"B{n // 10:05d},Big,Import,1970-01-01,F,2025-01-{1 + n % 10:02d},,hip,"
              f"internal_rotation,L,active,seated,{20 + n % 20},," for n in range(50_000)]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_csv(path, today=TODAY).readings_added == 50_000
    after = [db.execute_sql(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS]
    assert after == before
    assert during == [-131072, 2, 0, 0]  # 2: MEMORY; no checkpoint in the commit
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    orphans = db.execute_sql('SELECT COUNT(*) FROM "reading" r LEFT JOIN "visit" v '
                             'ON v."id" = r."visit_id" WHERE v."id" IS NULL').fetchone()[0]
    assert orphans == 0


PRAGMAS = ("cache_size", "temp_store", "foreign_keys", "wal_autocheckpoint")


def _big_readings_csv(path: Path, rows: int = 50_000) -> Path:
    lines = [",".join(READINGS_COLUMNS)]
    lines += [f"W{n // 10:05d},Wal,Copy,1970-01-01,F,2025-01-{1 + n % 10:02d},,hip,"
              f"internal_rotation,L,active,seated,{20 + n % 20},," for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_big_import_commits_without_copying_its_log_and_a_thread_copies_it_after(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit leaves the import's pages in the synced log; the thread started after it
    copies every one into the database file, and a later open sees every reading."""
    from ptlog.store import csv_import, wal_checkpoint
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    started: list[Path] = []
    real = wal_checkpoint.checkpoint_in_background

    def pages_in_file() -> tuple[int, int]:
        """The database's pages (the log's newest included), and those its file holds."""
        size = db.execute_sql("PRAGMA page_size").fetchone()[0]
        return db.execute_sql("PRAGMA page_count").fetchone()[0], \
            Path(db.database).stat().st_size // size

    def watched(path: Path) -> Any:
        # at the commit's end the import's pages are in the log only: the file has not grown
        pages, in_file = pages_in_file()
        started.append(path)
        assert pages > in_file + 1000
        return real(path)

    monkeypatch.setattr(csv_import, "checkpoint_in_background", watched)
    assert import_csv(_big_readings_csv(tmp_path / "big.csv"), today=TODAY).readings_added \
        == 50_000
    assert started == [Path(db.database)]
    assert wal_checkpoint.wait_for_checkpoints(timeout=60)
    pages, in_file = pages_in_file()
    assert in_file == pages
    with sqlite3.connect(f"file:{db.database}?mode=ro", uri=True) as other:
        assert other.execute('SELECT COUNT(*) FROM "reading"').fetchone()[0] == 50_000


def test_an_import_that_writes_nothing_starts_no_copy(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ptlog.store import csv_import
    from ptlog.store.csv_import import ImportOptions
    from ptlog.store.database import open_database

    db = open_database(sqlite_url)
    started: list[Path] = []
    monkeypatch.setattr(csv_import, "checkpoint_in_background", started.append)
    path = _big_readings_csv(tmp_path / "big.csv")
    import_csv(path, today=TODAY, options=ImportOptions(dry_run=True))
    assert started == []
    assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert db.execute_sql('SELECT COUNT(*) FROM "reading"').fetchone()[0] == 0


def test_the_copy_of_a_missing_database_ends_quietly_and_makes_no_file(tmp_path: Path) -> None:
    from ptlog.store.wal_checkpoint import checkpoint_in_background, wait_for_checkpoints

    threads = [checkpoint_in_background(tmp_path / "gone" / "x.db"),
               checkpoint_in_background(tmp_path / "moved # 100% away.db")]
    assert wait_for_checkpoints(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert list(tmp_path.iterdir()) == []  # no empty database where one was


def test_chunks_made_ahead_come_in_order_and_the_switch_interval_comes_back() -> None:
    import sys

    from ptlog.store.bulk_insert import made_ahead

    before = sys.getswitchinterval()
    assert list(made_ahead(iter(range(50)))) == list(range(50))
    assert sys.getswitchinterval() == before


def test_a_failure_making_a_chunk_is_raised_where_it_is_used() -> None:
    import sys
    import threading

    from ptlog.store.bulk_insert import made_ahead

    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("bad chunk")

    before = sys.getswitchinterval()
    got: list[int] = []

    def use() -> None:
        for item in made_ahead(failing()):
            got.append(item)

    with pytest.raises(ValueError, match="bad chunk"):
        use()
    assert got == [1]
    assert sys.getswitchinterval() == before
    assert not [t for t in threading.enumerate() if t.name == "ptlog-import-rows"]


def test_leaving_early_stops_the_maker() -> None:
    """An insert that fails mid-way leaves the loop: the thread making chunks ends too."""
    import threading

    from ptlog.store.bulk_insert import made_ahead

    made: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            made.append(n)
            yield n
            n += 1

    def use() -> None:
        for item in made_ahead(endless()):
            if item == 3:
                raise RuntimeError("insert failed")

    with pytest.raises(RuntimeError):
        use()
    assert not [t for t in threading.enumerate() if t.name == "ptlog-import-rows"]
    assert len(made) <= 3 + 1 + 2 + 1  # at most the queue's depth ahead


def test_a_database_closed_after_a_big_import_is_whole_without_its_log(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing waits for the copy of the log into the file: moved on its own straight after
    the close (as the benchmark's data-set build did, its log left behind), the file holds
    every reading. The copy is held back until well after the import, so without the wait the
    close comes first and the moved file lacks them (or is 'malformed')."""
    import threading

    from ptlog.store import csv_import, wal_checkpoint
    from ptlog.store.database import close_database, open_database

    db = open_database(sqlite_url)
    release = threading.Event()
    real_copy = wal_checkpoint._checkpoint
    real_start = csv_import.checkpoint_in_background

    def held_copy(path: Path) -> None:
        release.wait(30)
        real_copy(path)

    def start(path: Path) -> Any:
        threading.Timer(0.3, release.set).start()  # the copy begins after the close was asked
        return real_start(path)

    monkeypatch.setattr(wal_checkpoint, "_checkpoint", held_copy)
    monkeypatch.setattr(csv_import, "checkpoint_in_background", start)
    assert import_csv(_big_readings_csv(tmp_path / "big.csv"), today=TODAY).readings_added \
        == 50_000
    file = Path(db.database)
    close_database(db)
    assert release.is_set()
    moved = tmp_path / "moved" / "ptlog.db"
    moved.parent.mkdir()
    os.replace(file, moved)
    for leftover in ("-wal", "-shm"):
        Path(str(file) + leftover).unlink(missing_ok=True)
    with sqlite3.connect(f"file:{moved}?mode=ro", uri=True) as other:
        assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert other.execute('SELECT COUNT(*) FROM "reading"').fetchone()[0] == 50_000


def test_a_stored_chart_in_other_case_is_refused_for_the_same_person(db: Any,
                                                                    tmp_path: Path) -> None:
    """On both databases: 'a1' for the stored 'A1' with the same name, birth date and sex is
    refused (nothing written); with another person's details it is a patient of its own."""
    import_csv(write_csv(tmp_path / "first.csv", [row(chart="A1")]), today=TODAY)
    with pytest.raises(CsvImportError, match="did you mean A1"):
        import_csv(write_csv(tmp_path / "typo.csv", [row(chart="a1", degrees="31")]),
                   today=TODAY)
    assert m.Patient.select().count() == 1
    assert m.Reading.select().count() == 1
    import_csv(write_csv(tmp_path / "other.csv", [row(chart="a1", family_name="Other")]),
               today=TODAY)
    assert sorted(p.chart for p in m.Patient.select()) == ["A1", "a1"]


def test_a_chart_stored_meanwhile_by_another_workstation_is_no_typo(db: Any,
                                                                    tmp_path: Path) -> None:
    """Four workstations importing one file on a server: one looked 'MP-000' up before
    another committed it, and the case check then found it stored, spelled the same, and
    refused it as 'did you mean MP-000?' (CI). A chart equal to the stored one is left to the
    insert's conflict and retry."""
    from ptlog.store.csv_import import _refuse_charts_differing_only_in_case
    from ptlog.store.csv_readings import ParsedPatient
    from ptlog.store.csv_text import Collector

    import_csv(write_csv(tmp_path / "first.csv", [row(chart="A1")]), today=TODAY)
    problems = Collector("same.csv")
    mine = {"A1": ParsedPatient("Núñez", "Zoë", dt.date(1980, 5, 1), "F", 2),
            "a1": ParsedPatient("Núñez", "Zoë", dt.date(1980, 5, 1), "F", 3)}
    _refuse_charts_differing_only_in_case(m.database_proxy.obj, ["A1", "a1"], mine, problems)
    assert [p.line for p in problems.problems] == [3]  # only the other spelling
