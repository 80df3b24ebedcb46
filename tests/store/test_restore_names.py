"""Restore restores exactly the file named, whatever characters its name has (issue 14).

A ``file:`` URI built without escaping reads ``back#up.db`` as ``back`` and ``b%41.db`` as
``bA.db``; these properties generate names with ``# ? % & =``, spaces and non-ASCII letters and
put decoys where a mis-read name would land.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptlog.domain import records as d
from ptlog.store import backup, patients
from ptlog.store.database import open_database, parse_url, sqlite_url_for
from ptlog.store.sqlite_files import sqlite_uri

NAME_CHARACTERS = st.sampled_from(
    list(string.ascii_letters + string.digits + "#?%&= ._-+;,@!'()[]~$") + list("äöüßéñøÆ中文ΩЖ"))
FILE_NAMES = st.text(NAME_CHARACTERS, min_size=1, max_size=24).map(
    lambda stem: f"{stem}.db").filter(lambda name: name not in {".db", "..db"})


def _marked_file(path: Path, marker: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE marker (name TEXT)")
        conn.execute("INSERT INTO marker VALUES (?)", (marker,))
    conn.close()


def _decoys(folder: Path, name: str) -> list[Path]:
    """Where an unescaped URI would look instead: cut at '#' or '?', '%41' decoded."""
    from urllib.parse import unquote

    places = {name.split("#", 1)[0], name.split("?", 1)[0], unquote(name)} - {name, ""}
    return [folder / p for p in places if "/" not in p and p not in (".", "..")]


@pytest.mark.slow  # over 2 s (session 6's --durations)
@settings(max_examples=150, deadline=None)
@given(name=FILE_NAMES)
def test_sqlite_uri_opens_exactly_the_named_file(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _marked_file(folder / name, "chosen")
        for decoy in _decoys(folder, name):
            if not decoy.exists():
                _marked_file(decoy, "decoy")
        conn = sqlite3.connect(sqlite_uri(folder / name, mode="ro"), uri=True)
        try:
            assert conn.execute("SELECT name FROM marker").fetchone() == ("chosen",)
        finally:
            conn.close()


@settings(max_examples=150, deadline=None)
@given(name=FILE_NAMES)
def test_a_database_url_names_exactly_its_file(name: str) -> None:
    path = Path("/clinic") / name
    assert parse_url(sqlite_url_for(path)).path == path


@pytest.mark.slow  # over 2 s (session 6's --durations)
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=FILE_NAMES)
def test_restore_takes_exactly_the_named_backup(name: str, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("restore")
    live = folder / "live.db"
    db = open_database(sqlite_url_for(live))
    try:
        patients.add_patient(d.Patient("CHOSEN", "Lee", "Ann", dt.date(1980, 1, 1), d.Sex.FEMALE))
        chosen = backup.backup_to(folder / name)
        patients.add_patient(d.Patient("LATER", "Roe", "Bo", dt.date(1990, 1, 1), d.Sex.MALE))
        for decoy in _decoys(folder, name):
            if not decoy.exists():
                backup.backup_to(decoy)  # holds LATER too: restoring it would show
        result = backup.restore_from(chosen)
        assert result.restored_from == chosen
        assert [p.chart for p in patients.search_patients("")] == ["CHOSEN"]
    finally:
        from ptlog.store.models import database_proxy

        if database_proxy.obj is not None:
            database_proxy.obj.close()
        db.close()
