"""Helpers every command shares: open the database, print tables."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import IO

from peewee import Database

from ptlog.store.database import open_database


def open_db(args: argparse.Namespace) -> Database:
    return open_database(getattr(args, "db", None))


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], out: IO[str] | None = None
) -> None:
    out = out or sys.stdout
    text_rows = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in text_rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in text_rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip(), file=out)
