"""Checking a big readings file in two processes: the check is pure Python, so one process
only ever uses one core of the machine.

The file's second half is checked in a forked process (Linux) while this one checks the first
half; the second half's result is then joined to the first one's (``_join``) exactly as one
check running on through the file would have made it: its patients, visits, kinds and values
numbered on after the first half's, its readings that repeat one of the first half's counted
as repeats. Whenever that cannot be known to be the same — the second half found a problem or
failed, or a chart's demographics differ between the halves (a problem, to be reported as the
one check reports it) — this process checks the second half itself, going on from the first
half's state: the messages, the order of the problems, the result are then the one check's by
construction. A million rows: 2.1 s of checking, about 1.2-1.3 s so on an idle machine by the
two processes' CPU time (tests/benchmarks/README.md, session 9).
"""

from __future__ import annotations

import datetime as dt
import marshal
import pickle
from array import array
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from ptlog.store.csv_readings import (
    Degrees,
    ParsedPatient,
    ParsedReadings,
    Progress,
    ReadingChecker,
)
from ptlog.store.csv_text import csv_lines_from
from ptlog.store.forked import Child, can_fork, read_all

SPLIT_FROM = 8_000_000  # characters (~80,000 rows): a smaller file is checked in one go
# of the text, checked here: a little over half, since the child also encodes its result and
# sends it (a million readings: the parent waited 0.1-0.9 s for the child at 0.5, ~0.1 s at 0.56)
FIRST_SHARE = 0.55


def check_readings(
    checker: ReadingChecker, rows: Iterator[str | list[str]], line_of: Callable[[], int],
    progress: Progress | None, text: str | None = None,
) -> ParsedReadings:
    """``checker.parse(rows, line_of, progress)``; ``text``, if given, is the whole file that
    ``rows`` (``csv_lines``, the header read) come from, and a big one is checked in two
    processes. Progress counts the rows checked here."""
    split = _split(text, line_of()) if text is not None and can_fork() else None
    if text is None or split is None:
        return checker.parse(rows, line_of, progress)
    start, lines_before = split
    try:
        other = Child(lambda pipe: pipe.write(_check_rest(checker, text, start, lines_before)))
    except OSError:  # no process to be had: check it all here
        return checker.parse(rows, line_of, progress)
    try:
        checker.feed(islice(rows, lines_before - line_of()), line_of, progress)
        joined = not checker.problems.total and _join(checker, read_all(other))
    finally:
        other.stop()
    if not joined:  # the one check's result, by going on from the first half
        rest, rest_line_of = csv_lines_from(text, start, lines_before, checker.name)
        checker.feed(rest, rest_line_of, progress)
    return checker.finish()


def _split(text: str, header_lines: int) -> tuple[int, int] | None:
    """Where the second half starts (a line's start) and how many lines come before it; None
    for a small file, or one with a quote before that point: a line break there might be
    inside a quoted field, and a line then is not a row."""
    if len(text) < SPLIT_FROM:
        return None
    start = text.find("\n", int(len(text) * FIRST_SHARE)) + 1
    if start <= 0 or start >= len(text) or text.find('"', 0, start) >= 0:
        return None
    # line ends as csv_lines reads them: \n, \r\n, or \r alone
    lines = text.count("\n", 0, start) + text.count("\r", 0, start) \
        - text.count("\r\n", 0, start)
    return (start, lines) if lines > header_lines else None


def _check_rest(checker: ReadingChecker, text: str, start: int, lines_before: int) -> bytes:
    """In the child: check the text from ``start`` on with a checker of its own; its result
    (``marshal``), or nothing when it found a problem."""
    rest = ReadingChecker(checker.name, checker.today, ParsedReadings(), checker.order)
    rows, line_of = csv_lines_from(text, start, lines_before, checker.name)
    rest.feed(rows, line_of, None)
    if rest.problems.total:
        return b""
    out = rest.out
    times: dict[dt.datetime, int] = {}
    visits = [(chart, times.setdefault(when, len(times)), clinician)
              for chart, when, clinician in out.visits]
    readings = out.readings
    # the readings as columns: three of numbers as machine integers, which cost nothing to
    # send; a million tuples through marshal cost 0.3 s both ways
    return marshal.dumps((
        rest.count, rest.blank, out.repeats,
        [(chart, p.family, p.given, p.birth.toordinal(), p.sex, p.line)
         for chart, p in out.patients.items()],
        [when.isoformat() for when in times], visits, out.kinds, list(rest.values.items()),
        array("l", [r[0] for r in readings]).tobytes(),
        array("l", [r[1] for r in readings]).tobytes(),
        array("l", [r[2][2] for r in readings]).tobytes(),
        [r[3] for r in readings], [r[4] for r in readings],
        out.clinicians, pickle.dumps(out.warnings),
    ))


def _join(checker: ReadingChecker, sent: tuple[Any, ...] | None) -> bool:
    """Add the second half's result to ``checker``'s as if it had checked those rows itself;
    False (nothing changed) when that is not certain: no result, or a chart whose
    demographics differ between the halves."""
    if sent is None:
        return False
    (count, blank, repeats, patients, times, visits, kinds, values, visit_numbers, kind_numbers,
     value_numbers, instruments, notes, clinicians, warned) = sent
    out = checker.out
    new: list[tuple[str, ParsedPatient]] = []
    for chart, family, given, birth, sex, line in patients:
        known = out.patients.get(chart)
        if known is None:
            new.append((chart, ParsedPatient(family, given, dt.date.fromordinal(birth), sex,
                                             line)))
        elif (known.family, known.given, known.birth.toordinal(), known.sex) != (
                family, given, birth, sex):
            return False  # a problem: the one check reports it in its words
    out.patients.update(new)
    # numbers in the second half -> numbers as the one check gives them (after the first's)
    kind_of = [checker.kind_number(kind) for kind in kinds]
    when = [dt.datetime.fromisoformat(text) for text in times]
    visit_of: list[int] = []
    shared: dict[int, int] = {}  # the visits both halves have
    for number, (chart, time, clinician) in enumerate(visits):
        key = (chart, when[time])
        visit = checker.visit_index.get(key)
        if visit is None:
            visit = checker.new_visit(key, clinician)
        else:
            shared[number] = visit
        visit_of.append(visit)
    degrees_of: dict[int, Degrees] = {}
    for value, number in values:
        degrees_of[number] = (value, repr(value), checker.values.setdefault(value,
                                                                            len(checker.values)))
    seen = checker.seen
    cross = 0

    def repeated(visit: int, kind: int, value: int) -> bool:
        """A reading of a visit both halves have that the first half kept already."""
        nonlocal cross
        if degrees_of[value][2] << 32 | kind_of[kind] in seen.get(shared[visit], ()):
            cross += 1
            return True
        return False

    def column(data: bytes) -> array[int]:
        numbers = array("l")
        numbers.frombytes(data)
        return numbers

    out.readings += [
        (visit_of[visit], kind_of[kind], degrees_of[value], instrument, note)
        for visit, kind, value, instrument, note in zip(
            column(visit_numbers), column(kind_numbers), column(value_numbers), instruments,
            notes, strict=True)
        if visit not in shared or not repeated(visit, kind, value)
    ]
    out.repeats += repeats + cross
    out.clinicians |= clinicians
    out.warnings += pickle.loads(warned)  # noqa: S301 - from our own child process
    checker.count += count
    checker.blank += blank
    return True


__all__ = ["SPLIT_FROM", "check_readings"]
