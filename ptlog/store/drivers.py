"""Driver plumbing: psycopg only when a clinic server is used (DESIGN §2), driver errors.

peewee imports psycopg as it is imported itself (about 80 ms of a 0.5 s start-up, for nothing
on a SQLite workstation). ``import_peewee_without_driver`` imports peewee with psycopg hidden;
``ensure_driver`` gives peewee the driver just before the first PostgreSQL connection.
"""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peewee import Database


def import_peewee_without_driver() -> None:
    """Import peewee first, with ``import psycopg`` failing inside it; psycopg stays importable."""
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # 'import psycopg' now fails
    try:
        import peewee  # noqa: F401 - imported here, once, on purpose
    finally:
        del sys.modules["psycopg"]


def ensure_driver() -> None:
    """Hand peewee the psycopg names it would have bound at import (no-op if it has them)."""
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg = psycopg  # type: ignore[attr-defined]
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3 = Json  # type: ignore[attr-defined]
    peewee.Jsonb_pg3 = Jsonb  # type: ignore[attr-defined]
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def driver_errors() -> AbstractContextManager[object]:
    """peewee's translation of driver exceptions (IntegrityError …) for raw ``executemany``."""
    import peewee

    wrapper: AbstractContextManager[object] = vars(peewee)["__exception_wrapper__"]
    return wrapper


def placeholders(db: Database, sql: str) -> str:
    """``sql`` written with psycopg's ``%s`` parameters, in ``db``'s own (SQLite: ``?``)."""
    return sql if db.param == "%s" else sql.replace("%s", db.param)
