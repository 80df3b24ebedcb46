"""Helpers every command shares: open the database, print tables, parse argument values."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import IO


def open_db(args: argparse.Namespace) -> None:
    """Open (check, migrate, bind) the database the command line or ``$PTLOG_DB`` names."""
    from ptlog.services import session

    session.open_database(getattr(args, "db", None))


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


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


# what ``ArgumentParser.add_subparsers`` returns: each command module adds its parsers to it
Subcommands = argparse._SubParsersAction  # noqa: SLF001 - argparse names no public type for it
