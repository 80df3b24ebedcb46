"""Helpers every command shares: open the database, write files atomically, print tables."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from peewee import Database

from ptlog.atomic_files import atomic_writer
from ptlog.store.database import open_database


def open_db(args: argparse.Namespace) -> Database:
    return open_database(getattr(args, "db", None))


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w", **kwargs: object) -> Iterator[IO]:  # type: ignore[type-arg]
    """Write to a temporary file beside ``path``, fsync, then rename: never a half-written file.

    The file is created readable by the owner only (clinical data).
    """
    from ptlog.cli import UsageError

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"cannot write {target}: folder {folder} is not writable")
    with atomic_writer(target, mode, **kwargs) as handle:
        yield handle


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
