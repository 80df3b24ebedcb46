"""Inserting many rows fast: constant columns written in once, rows grouped into statements.

A million readings one ``INSERT`` each cost SQLite a statement start per row (cursors opened on
the table and each index, every index searched from its root); a hundred rows to an
``INSERT … VALUES (…), (…), …`` cost a third less. Rows go in in the order given, so ids are
handed out in that order, as with one row at a time.

A statement of many rows inside a transaction may keep a statement journal (each page it
changes, as it was, so that a failing row can undo the statement alone): SQLite needs one for a
table with foreign keys (readings, visits) whatever the statement says, and for any other
unless the statement is ``INSERT OR FAIL`` (see ``BulkInsert``). For the readings, a thousand
rows to a statement wrote it a tenth as often as a hundred (a million readings: 200,000 pages
of 8 KiB to a temporary file, 0.4 s); the number of rows is bounded by the connection's own
limit on parameters.

Text is the dearest value to bind (SQLite copies each string it is given): columns that take
one of a few combinations of values (a reading's joint, motion, side, mode and position) can
come from a short table instead, each row naming its combination by number (``Lookup``).
"""

from __future__ import annotations

import itertools
import queue
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, TypeVar

from peewee import Database, SqliteDatabase

from ptlog.store.drivers import driver_errors

_T = TypeVar("_T")

MAX_PARAMETERS = 999  # the fewest an SQLite build allows in one statement (before 3.32)


def max_parameters(db: Database) -> int:
    """How many parameters one statement may bind: SQLite's limit for this connection (32,766
    since 3.32), else ``MAX_PARAMETERS``."""
    if isinstance(db, SqliteDatabase):
        conn = db.connection()
        return int(conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))
    return MAX_PARAMETERS


@dataclass(frozen=True, slots=True)
class Lookup:
    """Columns a row takes from ``rows`` (each one value per column), by number: stands among
    ``BulkInsert``'s columns where the rows give that number."""

    columns: tuple[str, ...]
    rows: Sequence[tuple[object, ...]]


_LOOKUP_TABLE = "ptlog_bulk_lookup"  # a TEMP table: this connection's alone, gone at rollback


class BulkInsert:
    """INSERT of ``columns`` given per row, then ``constants``: the same value in every row;
    ``rows_per_statement`` rows to a statement (fewer if the parameters would exceed the
    connection's limit). Runs only inside a transaction, which a failure must roll back.

    One of ``columns`` may be a ``Lookup``: where it stands, each row gives what ``pieces``
    says for the combination it takes (on SQLite its number: the statement joins the rows to
    a temporary table of the combinations, dropped by ``close``; elsewhere the values
    themselves).

    On SQLite the constants are written into the statement as literals (binding the same five
    values to a million readings was a tenth of their insert); elsewhere (PostgreSQL: psycopg's
    placeholders) they are bound with each row as usual.

    On SQLite the statement is ``INSERT OR FAIL``: a row that breaks a constraint stops the
    statement without undoing the rows before it, which the caller's rollback undoes with the
    rest. So SQLite keeps no statement journal for a table without foreign keys: with it, a
    hundred patients to a statement cost more than one at a time (their indexes take names and
    hashes: random pages, each copied to the journal first); without it, 40% less.
    """

    def __init__(self, db: Database, table: str, columns: Sequence[str | Lookup],
                 constants: dict[str, object] | None = None, *, rows_per_statement: int = 1,
                 ) -> None:
        constants = constants or {}
        self.cursor = db.cursor()
        self.param = db.param
        self.sqlite = isinstance(db, SqliteDatabase)
        lookups = [i for i, c in enumerate(columns) if isinstance(c, Lookup)]
        if len(lookups) > 1:
            raise ValueError("one Lookup to an insert")
        lookup = columns[lookups[0]] if lookups else None
        assert lookup is None or isinstance(lookup, Lookup)
        joined = self.sqlite and lookup is not None
        # what a row gives for each combination of the lookup's columns
        self.pieces: list[tuple[object, ...]] = [] if lookup is None else \
            [(n,) for n in range(len(lookup.rows))] if joined else \
            [tuple(r) for r in lookup.rows]
        named = [name for c in columns
                 for name in (c.columns if isinstance(c, Lookup) else (c,))]
        verb = "INSERT OR FAIL" if self.sqlite else "INSERT"
        self.head = f'{verb} INTO "{table}" (' + ", ".join(f'"{c}"' for c in (*named, *constants))
        self.width = len(columns) if joined else len(named)  # values a row gives
        if self.sqlite:
            self.literals = "".join(", " + sqlite_literal(v) for v in constants.values())
            self.tail: tuple[object, ...] = ()
        else:
            self.literals = ""
            self.tail = tuple(constants.values())
        self.bound = self.width + len(self.tail)  # parameters a row
        self.per_statement = max(1, min(rows_per_statement, max_parameters(db) // self.bound))
        self._sql: dict[int, str] = {}
        self._select: tuple[str, str] | None = None  # the statement around the rows, if joined
        if joined:
            assert lookup is not None
            self._select = self._make_lookup(lookup, lookups[0], len(columns))

    def _make_lookup(self, lookup: Lookup, at: int, width: int) -> tuple[str, str]:
        """The temporary table of ``lookup``'s combinations, numbered from 0; the statement's
        text before and after its rows: a select of each row's ``width`` values, ``at`` its
        combination's number (``v``: the rows, ``k``: the table)."""
        names = lookup.columns
        self.cursor.execute(f'DROP TABLE IF EXISTS temp."{_LOOKUP_TABLE}"')
        self.cursor.execute(f'CREATE TEMP TABLE "{_LOOKUP_TABLE}" ("n" INTEGER PRIMARY KEY, '
                            + ", ".join(f'"{c}"' for c in names) + ")")
        self.cursor.executemany(
            f'INSERT INTO temp."{_LOOKUP_TABLE}" VALUES ({", ".join("?" * (len(names) + 1))})',
            [(n, *r) for n, r in enumerate(lookup.rows)])
        picked = [", ".join(f'k."{c}"' for c in names) if i == at else f"v.column{i + 1}"
                  for i in range(width)]
        return (") SELECT " + ", ".join(picked) + self.literals + " FROM (VALUES ",
                f') AS v CROSS JOIN temp."{_LOOKUP_TABLE}" AS k ON k."n" = v.column{at + 1}')

    def close(self) -> None:
        """Drop the lookup's temporary table, if there is one (within the transaction)."""
        if self._select:
            self.cursor.execute(f'DROP TABLE IF EXISTS temp."{_LOOKUP_TABLE}"')
            self._select = None

    def sql(self, rows: int) -> str:
        """The statement for ``rows`` rows."""
        text = self._sql.get(rows)
        if text is None:
            if self._select:  # the rows as a VALUES list, joined to the lookup's table
                one = "(" + ", ".join([self.param] * self.width) + ")"
                before, after = self._select
                text = self.head + before + ", ".join([one] * rows) + after
            else:
                one = "(" + ", ".join([self.param] * self.width) + self.literals
                one += "".join(", " + self.param for _ in self.tail) + ")"
                text = self.head + ") VALUES " + ", ".join([one] * rows)
            self._sql[rows] = text
        return text

    def run(self, rows: Sequence[tuple[object, ...]]) -> None:
        """Insert ``rows`` (each the values of ``columns``), in order."""
        if not rows:
            return
        if self.tail:
            rows = [row + self.tail for row in rows]
        values = list(itertools.chain.from_iterable(rows))
        if len(values) != len(rows) * self.bound:
            raise ValueError(f"rows of {self.bound} values expected")
        self.run_values(values)

    def run_values(self, values: list[object]) -> None:
        """Insert the rows whose values, one row after the other, ``values`` holds (each row
        the values of ``columns``, then on PostgreSQL the constants')."""
        if not values:
            return
        if len(values) % self.bound:
            raise ValueError(f"rows of {self.bound} values expected")
        if self.sqlite and not self.cursor.connection.in_transaction:
            raise RuntimeError("BulkInsert.run outside a transaction: a failing row would leave "
                               "the rows before it")
        step = self.per_statement * self.bound
        whole = len(values) // step * step
        written = 0
        with driver_errors():  # driver errors as peewee's, so a lost race is retried
            if whole:
                self.cursor.executemany(self.sql(self.per_statement),
                                        [values[i:i + step] for i in range(0, whole, step)])
                written += self.cursor.rowcount
            if whole < len(values):
                self.cursor.execute(self.sql((len(values) - whole) // self.bound),
                                    values[whole:])
                written += self.cursor.rowcount
        if self._select and written != len(values) // self.bound:
            # a row whose number names no combination would be left out by the join
            raise ValueError(f"{len(values) // self.bound} rows given, {written} written")


def made_ahead(items: Iterator[_T], depth: int = 2) -> Iterator[_T]:
    """``items``, made in a thread of their own up to ``depth`` ahead of the one in use.

    For rows to insert: SQLite lets go of the GIL while it inserts a statement's rows, so the
    next chunk is built meanwhile (a million readings: 0.35 s less). The GIL is handed over
    every 0.5 ms instead of 5 ms meanwhile: each statement waited for the builder to hand it
    back. ``items`` must not use the database: the connection stays with the caller.
    """
    made: queue.Queue[tuple[bool, Any]] = queue.Queue(depth)
    stop = threading.Event()

    def make() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                made.put((True, item))
            made.put((False, None))
        except BaseException as exc:  # handed to the consumer, raised there
            made.put((False, exc))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.0005))
    maker = threading.Thread(target=make, name="ptlog-import-rows", daemon=True)
    maker.start()
    try:
        while True:
            more, item = made.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        while maker.is_alive():  # let a blocked put finish
            with suppress(queue.Empty):
                made.get_nowait()
            maker.join(0.01)
        sys.setswitchinterval(interval)


def sqlite_literal(value: object) -> str:
    """``value`` as an SQLite literal, stored as binding it would store (bool as 0/1)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool | int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQLite literal for {value!r}")


