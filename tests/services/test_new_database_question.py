"""When the window asks before creating a database (``missing_sqlite_file``): only where a new
file could be made, not for a folder named by mistake, nor for a database that exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptlog.services.session import missing_sqlite_file, open_database
from ptlog.store.errors import StoreError


def test_a_missing_file_is_offered_a_new_database(tmp_path: Path) -> None:
    assert missing_sqlite_file(f"sqlite:///{tmp_path / 'new # 1.db'}") == \
        str(tmp_path / "new # 1.db")


def test_a_folder_is_not_offered_a_new_database_and_opening_it_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "odd # dir"
    folder.mkdir()
    assert missing_sqlite_file(f"sqlite:///{folder}") is None
    with pytest.raises(StoreError, match="is a folder"):
        open_database(f"sqlite:///{folder}")
    assert list(folder.iterdir()) == []


def test_an_existing_database_is_not_offered_another(sqlite_url: str) -> None:
    open_database(sqlite_url)
    assert missing_sqlite_file(sqlite_url) is None
