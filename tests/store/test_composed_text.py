"""Names written with combining accents ("e" + U+0301, as macOS file names and text copied
from some PDFs carry them) are stored composed, as a keyboard writes them: one patient, one
clinician, however the accent came."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from ptlog.domain import records as d
from ptlog.store import clinic, patients
from ptlog.store import models as m
from ptlog.store.csv_import import import_csv
from tests.store.test_bulk_import import TODAY, row, write_csv


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def stored_names(chart: str) -> tuple[str, str]:
    found = m.Patient.get(m.Patient.chart == chart)
    return found.family_name, found.given_name


def test_a_patient_typed_with_combining_accents_is_stored_composed(db) -> None:
    added = patients.add_patient(d.Patient(
        chart=nfd("NÚ-1"), family_name=nfd(" Núñez "), given_name=nfd("Zoë"),
        birth_date=dt.date(1980, 5, 1), sex=d.Sex.FEMALE, diagnosis=nfd("coxarthrose débutante")))
    assert (added.chart, added.family_name, added.given_name) == ("NÚ-1", "Núñez", "Zoë")
    assert stored_names("NÚ-1") == ("Núñez", "Zoë")
    assert added.diagnosis == "coxarthrose débutante"
    assert patients.find_by_chart("NÚ-1") is not None
    # the same chart again, accents composed or not, is the same chart
    with pytest.raises(patients.ValidationError, match="already used"):
        patients.add_patient(d.Patient(chart="NÚ-1", family_name="Other", given_name="Ann",
                                       birth_date=dt.date(1980, 5, 1), sex=d.Sex.FEMALE))


def test_a_clinician_is_one_clinician_however_the_accent_came(db) -> None:
    clinic.save_clinician(d.Clinician(name=nfd("Renée Côté")))
    clinic.save_clinician(d.Clinician(name="Renée Côté"))
    assert [c.name for c in clinic.list_clinicians()] == ["Renée Côté"]


def test_a_file_with_combining_accents_imports_the_patient_a_keyboard_would(
        db, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "mac.csv", [row(family_name=nfd("Núñez"),
                                                 given_name=nfd("Zoë"),
                                                 clinician=nfd("Renée Côté PT"))])
    import_csv(first, today=TODAY)
    assert stored_names("A1") == ("Núñez", "Zoë")
    assert m.Clinician.get_or_none(m.Clinician.name == "Renée Côté PT") is not None
    # the same patient from a file written on another computer: the same patient, no refusal
    second = write_csv(tmp_path / "pc.csv", [row(visit_date="2026-01-12")])
    result = import_csv(second, today=TODAY)
    assert (result.patients_new, result.readings_added) == (0, 1)


def test_a_name_stored_decomposed_before_is_the_same_patient_in_an_import(
        db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as older:  # as ptlog stored names before it composed them
        older.setattr(patients, "composed", lambda text: text)
        patients.add_patient(d.Patient(chart="A1", family_name=nfd("Núñez"),
                                       given_name=nfd("Zoë"), birth_date=dt.date(1980, 5, 1),
                                       sex=d.Sex.FEMALE))
    assert stored_names("A1") == (nfd("Núñez"), nfd("Zoë"))
    result = import_csv(write_csv(tmp_path / "r.csv", [row()]), today=TODAY)
    assert (result.patients_new, result.readings_added) == (0, 1)


def test_a_workbook_with_combining_accents_imports_composed(db, tmp_path: Path) -> None:
    from ptlog.store.csv_format import READINGS_COLUMNS

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(READINGS_COLUMNS))
    sheet.append(row(family_name=nfd("Núñez"), given_name=nfd("'Zoë")))
    workbook.save(tmp_path / "mac.xlsx")
    import_csv(tmp_path / "mac.xlsx", today=TODAY)
    assert stored_names("A1") == ("Núñez", "'Zoë")
