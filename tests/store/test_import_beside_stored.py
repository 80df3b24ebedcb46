"""A file that brings another value for a reading a stored visit holds (most often a value
corrected in a spreadsheet) adds it, as a second measurement would be, and says so: a
correction is an amendment, made in the window."""

from __future__ import annotations

from pathlib import Path

from ptlog.domain.i18n import translator
from ptlog.store import models as m
from ptlog.store.csv_import import import_csv
from tests.store.test_bulk_import import TODAY, row, write_csv

LEFT_IR = {"joint": "hip", "motion": "internal_rotation", "side": "L"}


def test_a_changed_value_is_added_with_a_warning_naming_visit_and_values(
        db, tmp_path: Path) -> None:
    import_csv(write_csv(tmp_path / "first.csv", [row(degrees="28"), row(side="R", degrees="30")]),
               today=TODAY)
    edited = write_csv(tmp_path / "edited.csv", [row(degrees="32"), row(side="R", degrees="30")])
    result = import_csv(edited, today=TODAY)
    assert (result.readings_added, result.already_present) == (1, 1)
    assert [str(w) for w in result.warnings] == [
        "edited.csv: chart A1, visit 2026-01-05 00:00: hip internal_rotation L active seated "
        "32° was added beside the stored 28°; if the file corrects that value, amend the "
        "stored reading in the window instead"]
    assert sorted(r.degrees for r in m.Reading.select().where(m.Reading.side == "L")) == [28, 32]
    german = result.warnings[0].text(translator("de"))
    assert german.startswith("edited.csv: Patientennummer A1, Termin 2026-01-05 00:00: ")
    # the same file again: nothing added, nothing to say
    again = import_csv(edited, today=TODAY)
    assert (again.readings_added, again.warnings) == (0, [])


def test_a_new_motion_or_a_new_visit_is_no_warning(db, tmp_path: Path) -> None:
    import_csv(write_csv(tmp_path / "first.csv", [row(degrees="28")]), today=TODAY)
    result = import_csv(write_csv(tmp_path / "more.csv", [
        row(degrees="28"), row(motion="external_rotation", degrees="40"),
        row(visit_date="2026-01-12", degrees="31")]), today=TODAY)
    assert (result.readings_added, result.already_present) == (2, 1)
    assert result.warnings == []


def test_a_dry_run_says_it_too_and_writes_nothing(db, tmp_path: Path) -> None:
    from ptlog.store.csv_import import ImportOptions

    import_csv(write_csv(tmp_path / "first.csv", [row(degrees="28")]), today=TODAY)
    count = m.Reading.select().count()
    result = import_csv(write_csv(tmp_path / "edited.csv", [row(degrees="29")]), today=TODAY,
                        options=ImportOptions(dry_run=True))
    assert len(result.warnings) == 1
    assert m.Reading.select().count() == count
