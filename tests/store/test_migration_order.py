"""Migrations reserved by parallel work may land out of order: a database that already has
10 still gets 9 when a later ptlog brings it (a number is applied once, whatever its place)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ptlog.domain import records as d
from ptlog.store import migrations


def test_a_migration_numbered_below_the_newest_still_runs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Migration 9 (the patient's language) landed after 10: a database made by a ptlog that
    had 10 but not 9 gets 9 when it is next opened, once, and its patients keep their rows."""
    from ptlog.store import patients
    from ptlog.store.database import close_database, open_database

    url = f"sqlite:///{tmp_path / 'order.db'}"
    without_nine = tuple(entry for entry in migrations.MIGRATIONS if entry[0] != 9)
    with monkeypatch.context() as older:
        older.setattr(migrations, "MIGRATIONS", without_nine)
        db = open_database(url)
        assert 10 in migrations.applied_versions(db)
        assert 9 not in migrations.applied_versions(db)
        assert "language" not in {c.name for c in db.get_columns("patient")}
        close_database(db)
    db = open_database(url)  # this ptlog: 9 arrives below the newest
    try:
        assert 9 in migrations.applied_versions(db)
        assert "language" in {c.name for c in db.get_columns("patient")}
        assert migrations.migrate(db) == 0  # and once only
        saved = patients.add_patient(d.Patient("M9", "Lee", "Ann", dt.date(1970, 1, 1),
                                               d.Sex.FEMALE, language="de"))
        assert saved.language == "de"
    finally:
        close_database(db)
