"""A big readings file checked in two processes gives exactly what one check gives.

``csv_halves`` checks the second half of a file in a forked process and joins its result to the
first half's; here every file is "big" (``SPLIT_FROM`` = 0) and the result, the problems and the
stored rows are compared with the one check's, for files whose halves share patients, visits,
repeated readings, warnings and problems.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
from pathlib import Path
from typing import Any

import pytest

from ptlog.store import csv_halves
from ptlog.store import models as m
from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.csv_import import ImportCancelled, import_csv
from ptlog.store.csv_readings import ParsedReadings, ReadingChecker
from ptlog.store.csv_text import CsvImportError, csv_lines

TODAY = dt.date(2026, 6, 1)
MOTIONS = ("internal_rotation", "external_rotation", "flexion", "extension", "abduction")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every file counts as big; the ids of the processes forked to check a half."""
    monkeypatch.setattr(csv_halves, "SPLIT_FROM", 0)
    made: list[int] = []
    init = csv_halves.Child.__init__

    def counted(self: Any, *args: Any) -> None:
        init(self, *args)
        made.append(self.pid)

    monkeypatch.setattr(csv_halves.Child, "__init__", counted)
    return made


@pytest.fixture
def joins(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each second half's result was joined (False: checked again here)."""
    done: list[bool] = []
    join = csv_halves._join

    def counted(*args: Any) -> bool:
        done.append(join(*args))
        return done[-1]

    monkeypatch.setattr(csv_halves, "_join", counted)
    return done


def rows_of(seed: int, patients: int = 40) -> list[list[str]]:
    """Readings of patients whose rows come in and out of order, with repeats (the same visit,
    kind and value twice), a second visit, labels instead of codes, an unusual value (a
    warning) now and then, blank rows."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for number in range(patients):
        chart = f"C{number:03d}"
        family = rng.choice(["Núñez", "Lee", "O'Brien", "Ørsted-Ng"])
        birth = f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
        for visit in range(rng.randint(1, 3)):
            when = f"2026-0{visit + 1}-0{rng.randint(1, 9)}"
            clinician = rng.choice(["Ann Lee", " Ann Lee", "Marco"])
            for _ in range(rng.randint(1, 8)):
                degrees = str(rng.choice([20, 25, 30, 30.0, 35, 61, 40.5]))
                rows.append([chart, family, "Zoë", birth, rng.choice(["F", "female"]), when,
                             clinician, rng.choice(["hip", "Hip"]), rng.choice(MOTIONS),
                             rng.choice(["L", "R", "Left"]), "active", "seated", degrees, "",
                             rng.choice(["", "", "stiff"])])
                if rng.random() < 0.1:
                    rows.append(list(rows[-1]))  # a repeat
                if rng.random() < 0.03:
                    rows.append([""] * len(READINGS_COLUMNS))
    # a few rows out of place: patients and visits named again further down
    for _ in range(len(rows) // 10):
        rows.insert(rng.randrange(len(rows)), rows[rng.randrange(len(rows))])
    return rows


def text_of(rows: list[list[str]], line_end: str = "\n") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end)
    writer.writerow(READINGS_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def check(text: str, halves: bool) -> ParsedReadings | list[str]:
    """The parsed rows, or the problems' lines."""
    _header, rows, line_of = csv_lines(text, "r.csv")
    checker = ReadingChecker("r.csv", TODAY, ParsedReadings())
    try:
        return csv_halves.check_readings(checker, rows, line_of, None,
                                         text if halves else None)
    except CsvImportError as exc:
        return [str(p) for p in exc.problems] + [f"total {exc.total}"]


@pytest.mark.parametrize("seed", range(12))
def test_two_halves_give_what_one_check_gives(forks: list[int], joins: list[bool],
                                             seed: int) -> None:
    text = text_of(rows_of(seed), "\r\n" if seed % 3 == 0 else "\n")
    one = check(text, halves=False)
    assert isinstance(one, ParsedReadings)
    assert one.repeats
    assert one.warnings
    assert check(text, halves=True) == one
    assert len(forks) == 1
    assert joins == [True]


def test_repeats_across_the_halves_are_counted_once(forks: list[int], joins: list[bool]
                                                     ) -> None:
    first = ["A1", "Lee", "Zoë", "1980-05-01", "F", "2026-01-05", "Ann", "hip",
             "flexion", "L", "active", "seated", "100", "", ""]
    rows = [first] * 50 + [[*first[:12], "101", "", ""]] + [first] * 50
    text = text_of(rows)
    one = check(text, halves=False)
    assert isinstance(one, ParsedReadings)
    assert (len(one.readings), one.repeats) == (2, 99)
    assert check(text, halves=True) == one
    assert joins == [True]


@pytest.mark.parametrize("where", [0.1, 0.9])
def test_problems_in_either_half_are_the_ones_one_check_reports(
        forks: list[int], where: float) -> None:
    rows = rows_of(3)
    at = int(len(rows) * where)
    rows[at] = [*rows[at][:12], "abc", *rows[at][13:]]  # degrees that are no number
    rows[at + 1] = [*rows[at + 1][:7], "knee", "flying", *rows[at + 1][9:]]
    text = text_of(rows)
    one = check(text, halves=False)
    assert isinstance(one, list)
    assert len(one) == 3
    assert check(text, halves=True) == one
    assert forks


def test_a_chart_told_differently_in_the_halves_is_reported_as_one_check_does(
        forks: list[int], joins: list[bool]) -> None:
    rows = rows_of(5)
    late = [list(r) for r in rows[-5:]]
    for r in late:
        r[1] = "Someone-Else"
    rows[-5:] = late
    text = text_of(rows)
    one = check(text, halves=False)
    assert isinstance(one, list)
    assert "different demographics" in one[0]
    assert check(text, halves=True) == one
    assert joins == [False]  # the second half was checked again here, for the one message


def test_quotes_in_the_second_half_are_read_there_and_in_the_first_one_check_is_made(
        forks: list[int], joins: list[bool]) -> None:
    rows = rows_of(7)
    for r in rows[-40::3]:  # in the second part
        r[14] = 'said "ouch",\ntwice'  # quoted, with a line break
    text = text_of(rows)
    one = check(text, halves=False)
    assert isinstance(one, ParsedReadings)
    assert check(text, halves=True) == one
    assert joins == [True]
    rows[2][14] = "a, b"
    text = text_of(rows)
    assert check(text, halves=True) == check(text, halves=False)
    assert len(forks) == 1  # a quote before the middle: checked in one go


def test_an_unreadable_line_in_the_second_half_is_reported_with_its_line(
        forks: list[int]) -> None:
    text = text_of(rows_of(8))
    cut = text.index("\n", len(text) * 3 // 4) + 1
    text = text[:cut] + "C1," + "x" * 200_000 + "\n" + text[cut:]  # over csv.reader's limit
    one = check(text, halves=False)
    assert isinstance(one, list)
    assert "unreadable CSV" in one[0]
    assert check(text, halves=True) == one
    assert forks


def test_a_stop_while_checking_ends_the_other_process(
        forks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    def cancelled(*args: object) -> None:  # as a progress callback that raises would
        raise ImportCancelled

    monkeypatch.setattr(ReadingChecker, "feed", cancelled)
    with pytest.raises(ImportCancelled):
        check(text_of(rows_of(9)), halves=True)
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):  # reaped: neither running nor a zombie
        os.waitpid(forks[0], os.WNOHANG)


def _stored() -> list[list[Any]]:
    """What the imports stored, but UUIDs and times."""
    return [
        list(m.Patient.select(m.Patient.id, m.Patient.chart, m.Patient.family_name,
                              m.Patient.birth_date, m.Patient.sex).order_by(m.Patient.id).tuples()),
        list(m.Visit.select(m.Visit.id, m.Visit.patient, m.Visit.visit_at, m.Visit.clinician)
             .order_by(m.Visit.id).tuples()),
        list(m.Reading.select(m.Reading.id, m.Reading.visit, m.Reading.joint, m.Reading.motion,
                              m.Reading.side, m.Reading.degrees, m.Reading.note)
             .order_by(m.Reading.id).tuples()),
        list(m.AuditEvent.select(m.AuditEvent.id, m.AuditEvent.action, m.AuditEvent.entity)
             .order_by(m.AuditEvent.id).tuples()),
    ]


def test_an_import_stores_the_same_rows_either_way(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ptlog.store.database import open_database

    path = tmp_path / "r.csv"
    path.write_text(text_of(rows_of(11, patients=60)), encoding="utf-8")
    stored = []
    for halves in (False, True):
        monkeypatch.setattr(csv_halves, "SPLIT_FROM", 0 if halves else 10**12)
        open_database(f"sqlite:///{tmp_path / f'{halves}.db'}")
        import_csv(path, today=TODAY)  # new patients and visits
        import_csv(path, today=TODAY)  # all of it stored already
        stored.append(_stored())
    assert stored[0] == stored[1]


def test_an_import_in_two_halves_is_whole(db: object, tmp_path: Path, forks: list[int]) -> None:
    path = tmp_path / "r.csv"
    text = text_of(rows_of(12, patients=60))
    path.write_text(text, encoding="utf-8")
    parsed = check(text, halves=False)
    assert isinstance(parsed, ParsedReadings)
    result = import_csv(path, today=TODAY)
    assert forks
    assert (result.readings_added, result.visits_new, result.patients_new,
            result.already_present) == (len(parsed.readings), len(parsed.visits),
                                        len(parsed.patients), parsed.repeats)
    assert m.Reading.select().count() == len(parsed.readings)
    again = import_csv(path, today=TODAY)
    assert (again.readings_added, again.already_present) == (0, parsed.rows)
