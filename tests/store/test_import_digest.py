"""The import digest's fast paths give the bytes of its plain definition (issue 18 item 4).

``store.import_digest``: the import writes each line as it makes the row, ``check`` reads the
rows back through a raw cursor; both must equal ``reference_batch_digests`` (peewee rows, one
``norm`` per value), for any file, and after any change to a stored row.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptlog.store import import_digest
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS

_MOTIONS = ("internal_rotation", "external_rotation", "flexion", "abduction")
_NOTE = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=30)
# notes that look like a datetime written as text, which ``norm`` cuts to the second
_DATE_LIKE = st.sampled_from(["2026-01-05 10:30:00.123 after the run", "2026-01-05T10:30:00",
                              "|pipes|in|a|note|", ""])
_READING = st.tuples(
    st.integers(0, 2),                                     # patient
    st.integers(0, 3),                                     # visit day
    st.sampled_from(_MOTIONS), st.sampled_from("LR"),
    st.floats(0, 60, allow_nan=False).map(lambda v: round(v, 3)),
    st.one_of(_NOTE, _DATE_LIKE),
    st.sampled_from(["", "Ann Lee", "Marco Bianchi"]),
)


def _write(folder: Path, readings: list[tuple[int, int, str, str, float, str, str]]) -> Path:
    path = folder / "readings.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(READINGS_COLUMNS)
        for patient, day, motion, side, degrees, note, clinician in readings:
            when = dt.datetime(2026, 1, 5 + day, 9 + patient, 15)
            out.writerow([f"D{patient}", f"Dig{patient}", "Ada", "1970-03-04", "F",
                          when.isoformat(timespec="minutes"), clinician, "hip", motion, side,
                          "active", "seated", repr(degrees), "", note])
    return path


def _recorded() -> dict[str, str]:
    return {e.entity_uuid: json.loads(e.after)["digest"] for e in
            m.AuditEvent.select().where(m.AuditEvent.action == "import")}


def _import(folder: Path, readings: list[tuple[int, int, str, str, float, str, str]]) -> None:
    from ptlog.store.csv_import import import_csv

    import_csv(_write(folder, readings))


@pytest.mark.slow  # 25 databases, two imports each
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(first=st.lists(_READING, min_size=1, max_size=25),
       second=st.lists(_READING, min_size=1, max_size=25),
       change=st.sampled_from(["none", "degrees", "note", "visit_at", "void", "delete"]))
def test_the_import_the_cursor_and_the_reference_give_one_digest(
        first: list[tuple[int, int, str, str, float, str, str]],
        second: list[tuple[int, int, str, str, float, str, str]], change: str) -> None:
    from ptlog.store.database import close_database, open_database

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'digest.db'}")
        try:
            _import(Path(tmp), first)
            _import(Path(tmp), second)  # a second batch: some rows repeat, some are new
            recorded = _recorded()
            assert import_digest.batch_digests() == import_digest.reference_batch_digests()
            assert {b: d for b, d in import_digest.batch_digests().items()} == {
                b: d for b, d in recorded.items() if d != import_digest.NO_ROWS_DIGEST}
            if change != "none":  # behind ptlog's back (triggers off, as an insider would)
                _tamper(db, change)
                fast, plain = import_digest.batch_digests(), import_digest.reference_batch_digests()
                assert fast == plain
                assert fast != {b: d for b, d in recorded.items()
                                if d != import_digest.NO_ROWS_DIGEST}
        finally:
            close_database(db)


def _tamper(db: object, change: str) -> None:
    sql = {
        # out of the drawn range (0-60): + 1 could meet a reading of the same visit drawn one
        # degree higher, and the visit's readings are unique
        "degrees": 'UPDATE "reading" SET "degrees" = "degrees" + 100 WHERE "id" = (SELECT '
                   'MIN("id") FROM "reading")',
        "note": 'UPDATE "reading" SET "note" = \'2026-02-02 11:00:00 added\' WHERE "id" = '
                '(SELECT MAX("id") FROM "reading")',
        "visit_at": 'UPDATE "visit" SET "visit_at" = \'2025-12-31 08:00:00\' WHERE "id" = '
                    '(SELECT MIN("id") FROM "visit")',
        "void": 'UPDATE "reading" SET "is_void" = 1 WHERE "id" = (SELECT MIN("id") FROM '
                '"reading")',
        "delete": 'DELETE FROM "reading" WHERE "id" = (SELECT MAX("id") FROM "reading")',
    }[change]
    triggers = [r[0] for r in db.execute_sql(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()]
    saved = {name: db.execute_sql(  # type: ignore[attr-defined]
        "SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        for name in triggers}
    for name in triggers:
        db.execute_sql(f'DROP TRIGGER "{name}"')  # type: ignore[attr-defined]
    db.execute_sql(sql)  # type: ignore[attr-defined]
    for text in saved.values():
        db.execute_sql(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("value", ["", "plain", "2026-01-05 10:30:00.5", "2026-01-05T10:30:00Z",
                                   None, True, False, 0, 12, 1.5, 30.0, 1e-7,
                                   dt.date(2026, 1, 5), dt.datetime(2026, 1, 5, 10, 30, 0, 999)])
def test_norm_writes_each_kind_of_value_once(value: object) -> None:
    text = import_digest.norm(value)
    assert "\n" not in text or isinstance(value, str)
    assert import_digest.row_line("X|", [value]) == f"X|{text}\n"


def test_the_import_lines_are_the_reference_lines() -> None:
    when = dt.datetime(2026, 1, 5, 9, 15)
    assert import_digest.visit_line("u1", 3, when.isoformat(sep=" "), None, "follow_up") == \
        import_digest.row_line("V|", ["u1", 3, when, None, "follow_up"])
    middle = import_digest.reading_middle("hip", "flexion", "L", "active", "seated")
    for note in ("", "x|y", "2026-01-05 10:30:00 long note"):
        assert import_digest.reading_line("u2", 7, middle, repr(101.5), "inclinometer", note) \
            == import_digest.row_line("R|", ["u2", 7, "hip", "flexion", "L", "active", "seated",
                                             101.5, "inclinometer", note, None, False])


class _Broken(Exception):
    pass


@settings(max_examples=40, deadline=None)
@given(items=st.lists(st.integers(), max_size=40), fail_at=st.none() | st.integers(0, 40),
       depth=st.integers(1, 4))
def test_rows_made_ahead_are_the_rows_made_in_turn(items: list[int], fail_at: int | None,
                                                   depth: int) -> None:
    """``bulk_insert.made_ahead`` (a thread builds the next chunk) against plain iteration:
    the same items in the same order, and a failure raised where plain iteration raises it."""
    from ptlog.store.bulk_insert import made_ahead

    def source() -> Iterator[int]:
        for index, item in enumerate(items):
            if index == fail_at:
                raise _Broken(index)
            yield item

    def collect(iterator: Iterator[int]) -> tuple[list[int], object]:
        got: list[int] = []
        try:
            for item in iterator:
                got.append(item)
        except _Broken as exc:
            return got, exc.args
        return got, None

    assert collect(made_ahead(source(), depth)) == collect(source())
