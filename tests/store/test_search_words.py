"""Search like people type: every part of a name, the list's own "family, given", a chart's
digits — kept for patients added, edited, imported, and those stored before migration 8."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from ptlog.domain import records as d
from ptlog.domain.text import query_words, search_words
from ptlog.store import models as m
from ptlog.store import patients
from ptlog.store.csv_import import import_csv
from ptlog.store.database import open_database
from tests.older_ptlog import as_older_ptlog, server_set_up_at
from tests.store.test_bulk_import import row, write_csv


@pytest.fixture
def older() -> Iterator[pytest.MonkeyPatch]:
    """Patches that make this ptlog an older one; ``older.undo()`` upgrades it. Not the test's
    shared monkeypatch: undoing that would also undo conftest's isolated data folders."""
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


def charts(text: str) -> list[str]:
    return sorted(p.chart for p in patients.search_patients(text))


def test_search_words_are_the_starts_inside_names_and_charts() -> None:
    assert search_words("DEMO-010001", "Ørsted-Núñez", "Ingrid") == {"nunez", "010001", "10001"}
    assert search_words("C0000042", "van den Berg", "Anna-Lena") == {
        "den berg", "berg", "lena", "0000042", "42"}
    assert search_words("A1", "Lee", "Ann") == {"1"}
    assert query_words("Ørsted-Núñez, Ingrid") == ["Ørsted-Núñez", "Ingrid"]


@pytest.mark.parametrize(("typed", "found"), [
    ("nunez", ["DEMO-010001"]), ("NÚÑEZ", ["DEMO-010001"]), ("orsted", ["DEMO-010001"]),
    ("Ørsted-Núñez, Ingrid", ["DEMO-010001"]), ("nunez ingrid", ["DEMO-010001"]),
    ("010001", ["DEMO-010001"]), ("10001", ["DEMO-010001"]), ("berg", ["C0000042"]),
    ("lena", ["C0000042"]), ("42", ["C0000042"]), ("van den", ["C0000042"]),
    ("unez", []), ("rg", []),  # inside a word is not a word start
    ("X #1", ["X #1"]), ("x #1", ["X #1"]), ("#1", ["DEMO-010001", "X #1"]),  # marks before
])
def test_word_starts_inside_every_part(db, typed: str, found: list[str]) -> None:
    patients.add_patient(d.Patient("DEMO-010001", "Ørsted-Núñez", "Ingrid",
                                   dt.date(2014, 5, 7), d.Sex.FEMALE))
    patients.add_patient(d.Patient("C0000042", "van den Berg", "Anna-Lena",
                                   dt.date(1980, 5, 7), d.Sex.FEMALE))
    patients.add_patient(d.Patient("X #1", "Åberg", "Liv", dt.date(1980, 2, 29), d.Sex.FEMALE))
    assert charts(typed) == found


def test_an_edit_moves_the_words_with_the_name(db) -> None:
    patient = patients.add_patient(d.Patient("E1", "Smith-Jones", "Al", dt.date(1970, 1, 1),
                                             d.Sex.MALE))
    assert charts("jones") == ["E1"]
    patients.update_patient(dataclasses.replace(patient, family_name="Smith-Brown"))
    assert charts("jones") == []
    assert charts("brown") == ["E1"]


def test_imported_patients_are_found_inside_their_names(db, tmp_path: Path) -> None:
    write_csv(tmp_path / "in.csv", [row(chart="IMP-0007", family_name="García-Márquez")])
    import_csv(tmp_path / "in.csv", today=dt.date(2026, 6, 1))
    assert charts("marquez") == ["IMP-0007"]
    assert charts("7") == ["IMP-0007"]


def test_patients_stored_before_migration_8_get_their_words(db_url: str, older) -> None:
    as_older_ptlog(older, 7)
    db = open_database(db_url)
    with db.atomic():  # as ptlog 5 stored a patient: no words table yet
        db.execute_sql(
            'INSERT INTO "patient" ("uuid", "chart", "family_name", "given_name", "family_key", '
            '"given_key", "birth_date", "sex", "diagnosis", "referring_physician", "contact", '
            '"notes", "archived", "version", "created_at", "updated_at", "updated_by") VALUES '
            + "(" + ", ".join([db.param] * 17) + ")",
            (m.new_uuid(), "OLD-0001", "Ørsted-Núñez", "Ingrid", "orsted-nunez", "ingrid",
             dt.date(2014, 5, 7), "F", "", "", "", "", False, 1, dt.datetime(2026, 1, 1),
             dt.datetime(2026, 1, 1), "pt"))
    older.undo()
    open_database(db_url)  # migration 8 fills the words
    assert charts("nunez") == ["OLD-0001"]
    assert charts("0001") == ["OLD-0001"]


@pytest.mark.postgres
def test_migration_8_grants_the_words_to_a_signed_in_servers_roles(pg_server_url: str) -> None:
    """A clinic server set up (``server init``) before migration 8: its clinicians may write
    the new table straight after the upgrade, without running ``server init`` again."""
    # as ptlog 7 set a server up: its table list had no patient_word (nor the later tables)
    with server_set_up_at(pg_server_url, 7, unknown_tables=(
            "patient_word", "cohort_series", "cohort_series_state")) as (conn, prefix):
        owner, insert, delete, readonly = conn.execute(
            "SELECT tableowner, has_table_privilege(%s, 'patient_word', 'INSERT'), "
            "has_table_privilege(%s, 'patient_word', 'DELETE'), "
            "has_table_privilege(%s, 'patient_word', 'INSERT') "
            "FROM pg_tables WHERE tablename = 'patient_word'",
            (prefix + "clinician", prefix + "clinician", prefix + "readonly")).fetchone()
        assert (owner, insert, delete, readonly) == (prefix + "owner", True, True, False)
