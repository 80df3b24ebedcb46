"""Reading a CSV file for import: its text, its rows with their line numbers, its problems.

Every problem names the file, the line and the column; ``CsvImportError`` carries them all.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ptlog.domain.i18n import Translator, english
from ptlog.domain.text import composed, for_terminal
from ptlog.store.errors import ValidationError

MAX_LISTED_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: str
    message: str
    cell: str = ""  # where a spreadsheet shows it (``Sheet1!M12``), when not line:column
    # the message as the catalogs know it (``InputError.said``), so the window can say it in
    # its language; empty for a message only written in English
    message_id: str = field(default="", compare=False)
    values: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)
    terms: tuple[str, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        """One line: a file name or a value quoted in the message cannot break it or drive
        the terminal."""
        return for_terminal(f"{self.where()}: {self.message}")

    def text(self, tr: Translator) -> str:
        """The line in the language of ``tr`` (its catalog message, else the English)."""
        message = tr.error_text(self) if self.message_id else self.message
        return for_terminal(f"{self.where()}: {message}")

    def where(self) -> str:
        if self.line <= 0 and not self.cell:  # about the file's data, not one of its lines
            return self.file
        if self.cell:
            return f"{self.file}:{self.cell}"
        return f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")


class CsvImportError(ValidationError):
    """The file cannot be imported; nothing was written. ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        super().__init__(self.text(english()))

    def text(self, tr: Translator) -> str:
        """One line a problem (at most ``MAX_LISTED_PROBLEMS``), then what was written, in the
        language of ``tr``: the CLI prints it in the user's language."""
        shown = [p.text(tr) for p in self.problems[:MAX_LISTED_PROBLEMS]]
        more = self.total - len(shown)
        if more > 0:
            shown.append(tr.plural("… and {n} more problem(s)", "… and {n} more problem(s)",
                                   more))
        shown.append(tr("nothing was imported"))
        return "\n".join(shown)


class Collector:
    """The problems found so far; ``cell_of`` names a column's cell in the row being checked
    (rows made from a spreadsheet), else problems are named by line and column."""

    def __init__(self, name: str, cell_of: Callable[[str], str] | None = None) -> None:
        self.name = name
        self.cell_of = cell_of
        self.problems: list[Problem] = []
        self.total = 0
        self.named: set[tuple[str, str]] = set()

    def problem(self, line: int, column: str, message: str | BaseException) -> Problem:
        """``message`` as text, or the error itself (its catalog message travels along)."""
        cell = self.cell_of(column) if self.cell_of is not None else ""
        if isinstance(message, BaseException):
            return Problem(self.name, line, column, str(message), cell,
                           getattr(message, "message_id", ""),
                           dict(getattr(message, "values", {})), getattr(message, "terms", ()))
        return Problem(self.name, line, column, message, cell)

    def add(self, line: int, column: str, message: str | BaseException) -> None:
        problem = self.problem(line, column, message)
        message = problem.message
        if problem.cell:  # a wide sheet's row makes several readings: name a cell once
            if (problem.cell, message) in self.named:
                return
            self.named.add((problem.cell, message))
        self.total += 1
        if len(self.problems) < 1000:
            self.problems.append(problem)

    def raise_if_any(self) -> None:
        if self.total:
            raise CsvImportError(self.problems, self.total)


def decode_file(path: Path) -> tuple[str, Callable[[], str]]:
    """The file's text, and its SHA-256 (for the audit event) being computed meanwhile: hashlib
    lets go of the GIL on big buffers, so the hash of a 100 MB file costs the parse nothing."""
    raw = path.read_bytes()
    text = _checked_text(raw, path.name)
    digest = hashlib.sha256()
    worker = threading.Thread(target=digest.update, args=(raw,), name="ptlog-import-sha256",
                              daemon=True)
    worker.start()

    def sha256() -> str:
        worker.join()
        return digest.hexdigest()

    return text, sha256


def decode_head(path: Path, size: int) -> tuple[str, bool]:
    """The text of the file's first ``size`` bytes, cut after the last whole line in them, and
    whether that is the whole file. What a preview needs: decoding a 100 MB file holds the GIL
    for a fifth of a second, a frozen window. A bad byte later in the file is found by the
    import itself (``decode_file``)."""
    with path.open("rb") as handle:
        raw = handle.read(size + 1)
    whole = len(raw) <= size
    if not whole:
        end = raw.rfind(b"\n", 0, size)
        # two bytes a letter, or one line longer than ``size``: the whole file (no digest)
        if raw.startswith(_UTF16_MARKS) or end < 0:
            return _checked_text(path.read_bytes(), path.name), True
        raw = raw[: end + 1]
    return _checked_text(raw, path.name), whole


#: the byte-order marks of UTF-16 text: what Excel writes as "Unicode Text" (tab-separated)
_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _checked_text(raw: bytes, name: str) -> str:
    """``raw`` decoded as UTF-8 (a byte-order mark dropped), or as UTF-16 where its byte-order
    mark says so, in composed form (``composed``: names as a keyboard writes them); a clear
    problem if it is a binary file or another encoding."""
    return composed(_decoded(raw, name))


def _decoded(raw: bytes, name: str) -> str:
    if raw.startswith(_UTF16_MARKS):
        try:
            return raw.decode("utf-16")  # the mark tells the byte order, and is dropped
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].decode("utf-16", errors="replace").count("\n") + 1
            raise CsvImportError([Problem(
                name, line, "", "the file is not whole UTF-16 text (save it as CSV UTF-8)")]
            ) from None
    if b"\x00" in raw[:65536]:
        raise CsvImportError(
            [Problem(name, 1, "", "this is a binary file, not a CSV text file")]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvImportError(
            [Problem(name, line, "", "the file is not UTF-8 text (save it as CSV UTF-8)")]
        ) from None


def as_rows(lines: Iterator[str | list[str]]) -> Iterator[list[str]]:
    """``csv_lines``' lines as rows: the ones that came as text cut at their commas."""
    return ((line.split(",") if line else []) if isinstance(line, str) else line
            for line in lines)


def csv_lines(text: str, name: str
              ) -> tuple[list[str], Iterator[str | list[str]], Callable[[], int]]:
    """The header, the lines after it (a CSV error raised as ``CsvImportError`` with its line),
    and where the last one read ended (its line number).

    A line with no quote (nearly every line) comes as its text, without the line break, for the
    caller to cut at its commas (``as_rows``; the readings check first compares it with the row
    before: most rows repeat their patient and visit columns, which costs less than cutting
    it); any other line goes to ``csv.reader``, which reads on as far as its quotes go. Cut, the
    rows are exactly ``csv.reader``'s.
    """
    lines = _lines_of(text)
    feed = _Feed(lines)
    reader = csv.reader(feed)
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError(
            [Problem(name, 1, "", "the file is empty (expected a header row)")]
        ) from None
    except csv.Error as exc:
        raise CsvImportError([Problem(name, 1, "", f"unreadable CSV: {exc}")]) from None
    rows, line_of = _cut_rows(lines, feed, reader, name, reader.line_num)
    return [h.strip() for h in header], rows, line_of


def csv_lines_from(text: str, start: int, lines_before: int, name: str
                   ) -> tuple[Iterator[str | list[str]], Callable[[], int]]:
    """As ``csv_lines``' rows and line numbers, from ``start`` on: where a line begins,
    ``lines_before`` lines into the file, outside any quoted field (``csv_halves``)."""
    lines = _lines_of(text, start)
    feed = _Feed(lines)
    return _cut_rows(lines, feed, csv.reader(feed), name, lines_before)


def _cut_rows(lines: Iterator[str], feed: _Feed, reader: Any, name: str, lines_before: int
              ) -> tuple[Iterator[str | list[str]], Callable[[], int]]:
    """The rows of ``lines`` (see ``csv_lines``) and the line the last one read ended on."""
    last = [lines_before]
    limit = csv.field_size_limit()  # a longer line may hold a field csv.reader refuses

    def rows() -> Iterator[str | list[str]]:
        number = last[0]
        for line in lines:
            number += 1
            if '"' in line or "\x00" in line or len(line) > limit:
                feed.first = line
                start = reader.line_num
                try:
                    row = next(reader)
                except csv.Error as exc:
                    raise CsvImportError([Problem(name, number - 1 + reader.line_num - start, "",
                                                  f"unreadable CSV: {exc}")]) from None
                number += reader.line_num - start - 1
                last[0] = number
                yield row
            else:
                last[0] = number
                yield line.rstrip("\r\n")

    return rows(), lambda: last[0]


_BLOCK = 1 << 20


def _lines_of(text: str, start: int = 0) -> Iterator[str]:
    """The lines of ``text`` with their ends, which are ``\\n``, ``\\r`` or ``\\r\\n`` as for
    ``csv.reader``: ``io.StringIO``'s lines, a block of about a megabyte at a time. A StringIO
    keeps four bytes a character: over a whole 100 MB file it took 400 MB and 0.15 s to fill.
    A block ends just after a ``\\n``, where a line always ends, so the lines are the same."""
    size = len(text)
    while start < size:
        end = text.find("\n", start + _BLOCK)
        end = size if end < 0 else end + 1
        yield from io.StringIO(text[start:end], newline="")
        start = end


class _Feed:
    """The lines ``csv.reader`` reads: the one handed to it first, then on through the file."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.first: str | None = None

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        line = self.first
        if line is None:
            return next(self.lines)
        self.first = None
        return line


def is_blank(row: list[str]) -> bool:
    """A row with nothing but spaces in its fields (an empty line, or commas only): skipped."""
    return not row or not (row[0].strip() or any(cell.strip() for cell in row))


def numbered_rows(rows: Iterator[list[str]], line_of: Callable[[], int]
              ) -> Iterator[tuple[int, list[str]]]:
    """The rows that are not blank, with their line numbers."""
    for row in rows:
        if not is_blank(row):
            yield line_of(), row
