"""Helpers every command shares: open the database, print tables, write JSON, parse argument
values."""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from ptlog.domain.text import for_terminal, padded, shown_width

if TYPE_CHECKING:
    from ptlog.domain.i18n import Translator


def open_db(args: argparse.Namespace, *, create: bool = False) -> None:
    """Open (check, migrate, bind) the database the command line or ``$PTLOG_DB`` names.

    Only commands that add data pass ``create=True``: the others stop with "no ptlog database
    at PATH" and leave nothing behind (a mistyped path must not become an empty database that
    looks sound)."""
    from ptlog.services import session

    if session.open_database(getattr(args, "db", None), create=create) and create:
        say_created(args)


_MESSAGE_LANGUAGE: dict[str, str] = {}


def set_message_language(code: str | None) -> None:
    """The language of the command's messages: ``--ui-language``, else the system locale."""
    _MESSAGE_LANGUAGE.clear()
    if code:
        _MESSAGE_LANGUAGE["code"] = code


def messages() -> Translator:
    """The translator for what a command prints (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as
    gettext reads them, unless ``--ui-language`` chose one); data and file formats stay as
    they are (CSV, JSON, ISO dates)."""
    from ptlog.domain.i18n import system_language, translator

    return translator(_MESSAGE_LANGUAGE.get("code") or system_language())


def say_created(args: argparse.Namespace) -> None:
    from ptlog.services import session

    tr = messages()
    print(f"ptlog {args.command}: " + tr("created a new database at {place}", place=session.
          database_place(getattr(args, "db", None))), file=sys.stderr)


def language_option(text: str) -> str:
    """``--language``: a language ptlog speaks ("es", "de_DE"…); else a usage error (exit 2)."""
    from ptlog.domain.i18n import UnknownLanguageError, language_code

    try:
        return language_code(text)
    except UnknownLanguageError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1, read by the domain's one parser (ASCII
    digits only: ``٣٠`` or ``3_0`` are no count)."""
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def whole_number(text: str) -> int:
    """argparse type: a whole number from 0 to a million (demo sizes and seeds)."""
    from ptlog.domain.parse import InputError, parse_count

    try:
        return parse_count(text, "", maximum=1_000_000)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


#: a table's rows are kept in memory up to this many characters, beyond it in a temporary file
TABLE_IN_MEMORY = 8 * 1024 * 1024
_CELL_END = "\x1f"  # a control character: ``for_terminal`` has taken every one out of a cell


def print_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], out: IO[str] | None = None
) -> int:
    """Columns padded to their widest cell; user data loses control characters first (a name
    must not drive the terminal). Returns the number of rows.

    ``rows`` may be a generator: they are read once, set aside (in a temporary file once
    large: a million patients' comparisons held as text were gigabytes) while the widths
    are measured, then printed."""
    out = out or sys.stdout
    widths = [shown_width(h) for h in headers]
    count = 0
    with tempfile.SpooledTemporaryFile(TABLE_IN_MEMORY, mode="w+", encoding="utf-8",
                                       newline="\n") as kept:
        for row in rows:
            cells = [("" if v is None else for_terminal(str(v))) for v in row]
            for i, cell in enumerate(cells):
                widths[i] = max(widths[i], shown_width(cell))
            kept.write(_CELL_END.join(cells) + "\n")
            count += 1
        print("  ".join(padded(h, w) for h, w in zip(headers, widths, strict=True)).rstrip(),
              file=out)
        print("  ".join("-" * w for w in widths), file=out)
        kept.seek(0)
        for line in kept:
            cells = line[:-1].split(_CELL_END)
            print("  ".join(padded(c, w) for c, w in zip(cells, widths, strict=True)).rstrip(),
                  file=out)
    return count


# what ``ArgumentParser.add_subparsers`` returns: each command module adds its parsers to it
Subcommands = argparse._SubParsersAction  # noqa: SLF001 - argparse names no public type for it


def json_safe(value: object) -> object:
    """``value`` with every non-finite number (a statistic that could not be computed, a value
    edited behind ptlog's back) as None: JSON has no NaN or Infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def write_json(value: object, out: IO[str] | None = None) -> None:
    """Indented JSON on stdout, never holding NaN or Infinity (``allow_nan=False``)."""
    out = out or sys.stdout
    json.dump(json_safe(value), out, ensure_ascii=False, indent=1, allow_nan=False)
    print(file=out)


def write_json_lists(lists: dict[str, Iterable[object]], out: IO[str] | None = None) -> None:
    """``write_json`` of an object whose values are lists, each list written as its items
    come (the same text, character for character): a million patients' entries need not be
    held at once. Nothing is buffered beyond one item, so a failure half-way leaves half a
    document on stdout (and the command's exit status says it failed)."""
    out = out or sys.stdout
    out.write("{")
    for n, (key, items) in enumerate(lists.items()):
        out.write(("," if n else "") + "\n " + json.dumps(key, ensure_ascii=False) + ": [")
        written = 0
        for item in items:
            text = json.dumps(json_safe(item), ensure_ascii=False, indent=1, allow_nan=False)
            out.write(("," if written else "") + "\n  " + text.replace("\n", "\n  "))
            written += 1
        out.write("\n ]" if written else "]")
    out.write("\n}" if lists else "}")
    print(file=out)
