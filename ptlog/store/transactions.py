"""Run a unit of work in one transaction, retrying the conflicts concurrent writers cause."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from peewee import IntegrityError, OperationalError

from ptlog.store import errors
from ptlog.store.models import database_proxy

T = TypeVar("T")

_RETRYABLE = ("could not serialize", "deadlock detected", "database is locked", "busy")

# how long a change waits for another writer's lock before it says the database is busy: SQLite's
# busy timeout on every connection (``database.SQLITE_PRAGMAS``), and the whole of
# ``in_transaction``'s retries of a lock that stayed taken
LOCK_WAIT_SECONDS = 10


def _retryable(exc: Exception) -> bool:
    text = str(exc).lower()
    if isinstance(exc, IntegrityError):
        # a concurrent writer inserted the same unique row first: a retry sees it and skips it
        return "unique" in text or "duplicate key" in text
    return any(marker in text for marker in _RETRYABLE)


def _locked(exc: Exception) -> bool:
    """Another writer holds the lock: what ``errors.translate`` says as the database busy."""
    return isinstance(errors.translate(exc), errors.DatabaseLockedError)


def in_transaction(work: Callable[[], T], *, attempts: int = 5, where: str = "the database") -> T:
    """Call ``work`` inside ``atomic()``; retry serialization/unique conflicts, translate errors.

    A lock that another writer holds is waited for ``LOCK_WAIT_SECONDS`` in all: SQLite waits
    that long itself before it says "database is locked", so such an error is retried only
    when it came sooner (each retry waiting the full time again made a busy database keep
    an import or a save waiting 50 s)."""
    db = database_proxy
    started = time.monotonic()
    for attempt in range(1, attempts + 1):
        try:
            with db.atomic():
                result = work()
            if db.transaction_depth() == 0:
                from ptlog.store.witness import note_head_after_save

                note_head_after_save()  # committed: this workstation witnesses the longer chain
            return result
        except (IntegrityError, OperationalError) as exc:
            if attempt < attempts and _retryable(exc) and db.transaction_depth() == 0 and not (
                _locked(exc) and time.monotonic() - started >= LOCK_WAIT_SECONDS
            ):
                time.sleep(0.05 * attempt + random.random() * 0.05)
                continue
            translated = errors.translate(exc, where)
            if translated is not None:
                raise translated from exc
            raise
        except Exception as exc:
            translated = errors.translate(exc, where) if not isinstance(exc, errors.StoreError) \
                else None
            if translated is not None:
                raise translated from exc
            raise
    raise AssertionError("unreachable")  # pragma: no cover
