"""Migrations reserved by parallel work may land out of order: a database that already has
10 still gets 9 when a later ptlog brings it (a number is applied once, whatever its place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptlog.store import migrations


def test_a_migration_numbered_below_the_newest_still_runs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from ptlog.store.database import close_database, open_database

    url = f"sqlite:///{tmp_path / 'order.db'}"
    close_database(open_database(url))  # every migration this ptlog has, 10 included
    assert migrations.applied_versions(open_database(url)) >= {8, 10}

    def nine(_dialect: str) -> tuple[str, ...]:
        return ('CREATE TABLE "arrived_late" ("id" INTEGER PRIMARY KEY)',)

    late = (*migrations.MIGRATIONS[:8], (9, "arrived late", nine), *migrations.MIGRATIONS[8:])
    monkeypatch.setattr(migrations, "MIGRATIONS", late)
    db = open_database(url)
    try:
        assert "arrived_late" in db.get_tables()
        assert 9 in migrations.applied_versions(db)
        assert migrations.migrate(db) == 0  # and once only
    finally:
        close_database(db)
