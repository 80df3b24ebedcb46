"""How long a change waits for another writer's lock: once, ``LOCK_WAIT_SECONDS`` in all,
not once per retry (``transactions.in_transaction``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from peewee import OperationalError

from ptlog.store import errors, transactions
from ptlog.store.models import database_proxy


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # SQLite's own wait
def test_a_lock_held_past_the_wait_is_waited_for_once(db, db_url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transactions, "LOCK_WAIT_SECONDS", 0.2)
    database_proxy.execute_sql("PRAGMA busy_timeout = 200")  # SQLite's own wait, as short
    begun: list[int] = []
    real_begin = database_proxy.obj.begin
    monkeypatch.setattr(database_proxy.obj, "begin",
                        lambda *a, **k: (begun.append(1), real_begin(*a, **k))[1])
    other = sqlite3.connect(Path(db_url.removeprefix("sqlite:///")), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing, for longer than we wait
    try:
        with pytest.raises(errors.DatabaseLockedError, match="is busy"):
            transactions.in_transaction(lambda: None)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(begun) == 1  # not five waits of the full time


def test_a_lock_error_that_came_at_once_is_retried(db, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    calls: list[int] = []

    def work() -> int:
        calls.append(1)
        if len(calls) == 1:  # e.g. a snapshot another writer had moved on from
            raise OperationalError("database is locked")
        return 7

    monkeypatch.setattr(transactions.time, "sleep", lambda _s: None)
    assert transactions.in_transaction(work) == 7
    assert len(calls) == 2
