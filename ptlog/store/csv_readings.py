"""Checking the rows of a readings CSV (DESIGN §5): every field, with the messages users see.

The result, ``ParsedReadings``, holds the file's patients, visits and readings ready to be
stored; repeats inside the file are set aside, and any problem raises ``CsvImportError``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog
from ptlog.domain.checks import Plausibility, check_plausible, unflagged_range
from ptlog.domain.choices import accepted, catalog_name, code_of
from ptlog.domain.date_order import DateOrder
from ptlog.domain.limits import NOTES, InputError, check_text
from ptlog.domain.parse import parse_degrees
from ptlog.domain.text import from_spreadsheet_safe
from ptlog.store.csv_format import (
    INSTRUMENTS,
    MODES,
    POSITIONS,
    READINGS_COLUMNS,
    SEXES,
    SIDES,
    enum_choice,
    read_date,
    read_visit_time,
)
from ptlog.store.csv_text import Collector, Problem, is_blank

Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(slots=True)
class ParsedPatient:
    """A chart's demographics as its first row gives them (later rows must agree)."""

    family: str
    given: str
    birth: dt.date
    sex: str
    line: int

    def demographics(self) -> tuple[str, str, dt.date, str]:
        """What a stored patient must match to be this chart's patient: family and given
        name, birth date, sex (in this order)."""
        return self.family, self.given, self.birth, self.sex


# degrees as parsed: the number, its repr (for the batch digest), and a number for the value
# (the same for "30" and "30.0"; -1 for a text that is no finite number)
Degrees = tuple[float, str, int]
# a reading as parsed: index into visits, index into kinds, degrees, instrument, note
Reading = tuple[int, int, Degrees, str, str]
# joint, motion, side, mode, position: the part of a reading's identity beside visit and degrees
Kind = tuple[str, str, str, str, str]


@dataclass(slots=True)
class ParsedReadings:
    """The valid rows of a readings file, with repeats inside the file already set aside."""

    rows: int = 0
    repeats: int = 0  # rows identical to an earlier row of the file (counted as already present)
    patients: dict[str, ParsedPatient] = field(default_factory=dict)
    # (chart, visit time, clinician of its first row), in the order the file first names them
    visits: list[tuple[str, dt.datetime, str]] = field(default_factory=list)
    kinds: list[Kind] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    clinicians: set[str] = field(default_factory=set)  # as written (stripped when used)
    warnings: list[Problem] = field(default_factory=list)


def _plain_note(note: str) -> bool:
    """A note that needs no look: one line of printable text within the limit, not protected
    by the export's apostrophe. Any other goes through the full check of its row."""
    return note[0] != "'" and len(note) <= NOTES and note.isprintable()


class ReadingChecker:
    """Checks a readings file row by row, every field, with the messages users see.

    Rows repeat most of their text (a patient's demographics on every row, a visit's date and
    clinician on a dozen, a few joint/motion/side/mode/position combinations): the parts that
    passed are remembered by their text, so a row made of known-good parts costs two look-ups
    and a ``float``. A part not seen before is checked quietly (``_visit_of``, ``_kind_of``);
    a row with anything wrong, or a value worth a warning, gets the full check (``_check``),
    which reports every problem of the row in column order.
    """

    def __init__(self, name: str, today: dt.date, out: ParsedReadings,
                 date_order: DateOrder = DateOrder.ISO,
                 cell_of: Callable[[str], str] | None = None) -> None:
        self.name, self.today, self.out, self.order = name, today, out, date_order
        self.problems = Collector(name, cell_of)
        self.line_of: Callable[[], int] = lambda: 0
        specs = catalog()
        self.specs = {(k.joint, k.motion): s for k, s in specs.items()}
        self.joints = {k.joint for k in specs}
        self.default_instrument = d.Instrument.UNIVERSAL_GONIOMETER.value
        self.dates: dict[str, dt.date] = {}
        # the texts that passed: patient columns -> (chart, birth date); visit date -> (time,
        # day); patient, visit and clinician columns -> visit number; joint … position and
        # instrument columns -> (kind number, lowest and highest degrees that need no warning,
        # instrument)
        self.good_patients: dict[tuple[str, ...], tuple[str, dt.date]] = {}
        self.good_visits: dict[str, tuple[dt.datetime, dt.date]] = {}
        self.good_rows: dict[tuple[str, ...], int] = {}
        self.good_kinds: dict[tuple[str, ...], tuple[int, float, float, str]] = {}
        # the same, keyed by the kind columns' text and the instrument column
        self.text_kinds: dict[tuple[str, str], tuple[int, float, float, str]] = {}
        self.kind_index: dict[Kind, int] = {}
        self.visit_index: dict[tuple[str, dt.datetime], int] = {}
        # the readings kept so far, by visit: each as (value number << 32 | kind number), an
        # int in a small set: a million (visit, kind, degrees) tuples in one set cost 0.4 s
        self.seen: dict[int, set[int]] = {}
        self.numbers: dict[str, Degrees] = {}  # degrees text -> its Degrees
        self.values: dict[float, int] = {}  # degrees value -> its number in Degrees
        self.count = self.blank = 0  # rows fed so far, and of them blank

    def parse(self, reader: Iterator[str | list[str]], line_of: Callable[[], int],
              progress: Progress | None) -> ParsedReadings:
        """Check every row of ``reader`` (``csv_lines``: a line with no quote as its text, any
        other as its fields); raise ``CsvImportError`` listing every problem found."""
        self.feed(reader, line_of, progress)
        return self.finish()

    def finish(self) -> ParsedReadings:
        """The rows fed so far; raise ``CsvImportError`` listing every problem found."""
        self.out.rows = self.count - self.blank
        self.problems.raise_if_any()
        return self.out

    def feed(self, reader: Iterator[str | list[str]], line_of: Callable[[], int],
             progress: Progress | None) -> None:
        """Check the rows of ``reader``, which go on from the rows fed before (``finish``
        then gives the result): a file may be fed in parts (``csv_halves``).

        A row that starts with the same patient and visit columns as the row before that
        passed, in the same text, is cut only after them (kind columns, degrees, instrument,
        note) and needs no look-up of its visit; any row that does not fit that is cut whole
        and looked at as usual.
        """
        out, self.line_of = self.out, line_of
        plain_note = _plain_note
        good_rows, good_kinds = self.good_rows, self.good_kinds
        visit_of, kind_of = self._visit_of, self._kind_of
        readings, numbers = out.readings, self.numbers
        # the last row that passed: its patient and visit columns as text (and the comma after;
        # empty when it came quoted), its visit and that visit's readings so far
        prefix, prefix_visit = "", 0
        prefix_seen: set[int] = set()
        text_kinds = self.text_kinds
        count, blank = self.count, self.blank
        for count, line in enumerate(reader, self.count + 1):  # noqa: B007 - read after the loop
            if progress and count % 50_000 == 0:
                progress(count - blank, 0)
            if isinstance(line, str):
                if prefix and line.startswith(prefix):
                    rest = line[len(prefix):].rsplit(",", 3)
                    if len(rest) == 4:  # kind columns (if they are five), degrees, instrument, note
                        kind = text_kinds.get((rest[0], rest[2]))
                        if kind is not None:
                            degrees = numbers.get(rest[1])
                            note = rest[3]
                            if degrees is not None and kind[1] <= degrees[0] <= kind[2] and (
                                    not note or plain_note(note)):
                                # _keep, written out: nine rows in ten come this way
                                key = degrees[2] << 32 | kind[0]
                                if key in prefix_seen:
                                    out.repeats += 1
                                else:
                                    prefix_seen.add(key)
                                    readings.append((prefix_visit, kind[0], degrees, kind[3],
                                                     note))
                                continue
                row = line.split(",") if line else []
            else:
                row = line
            prefix = ""
            try:
                (chart, family, given, birth, sex, visit_text, clinician, joint, motion, side,
                 mode, position, degrees_text, instrument, note) = row
            except ValueError:  # not 15 fields: blank, or a problem
                if is_blank(row):
                    blank += 1
                else:
                    self._check(line_of(), row)
                continue
            visit = good_rows.get((chart, family, given, birth, sex, visit_text, clinician))
            if visit is None:
                visit = visit_of(row)
            kind = good_kinds.get((joint, motion, side, mode, position, instrument))
            if kind is None:
                kind = kind_of(row)
            if visit is not None and kind is not None:
                degrees = numbers.get(degrees_text)  # a few thousand texts: float() once each
                if degrees is None:
                    degrees = self._number(degrees_text)
                if kind[1] <= degrees[0] <= kind[2] and (  # no message can come of this row
                        not note or plain_note(note)):
                    visit_seen = self._keep(visit, kind[0], degrees, kind[3], note)
                    if row is not line:  # the row came as text: the next may repeat its start
                        prefix = f"{chart},{family},{given},{birth},{sex},{visit_text},{clinician},"
                        prefix_visit, prefix_seen = visit, visit_seen
                    continue
            if is_blank(row):
                blank += 1
                continue
            self._check(line_of(), row)
        self.count, self.blank = count, blank

    def _keep(self, visit: int, kind: int, degrees: Degrees, instrument: str, note: str
              ) -> set[int]:
        """Keep a reading that passed, unless the file gave it already (the same visit, kind
        and value: counted as a repeat); returns the visit's readings so far."""
        visit_seen = self.seen.get(visit)
        if visit_seen is None:
            visit_seen = self.seen[visit] = set()
        key = degrees[2] << 32 | kind
        if key in visit_seen:
            self.out.repeats += 1
        else:
            visit_seen.add(key)
            self.out.readings.append((visit, kind, degrees, instrument, note))
        return visit_seen

    def _visit_of(self, row: list[str]) -> int | None:
        """The visit number of a row whose patient and visit columns pass (the first such row
        names the patient and opens the visit); None, quietly, if any of them does not."""
        patient = self.good_patients.get((row[0], row[1], row[2], row[3], row[4]))
        if patient is None:
            patient = self._patient_of(row)
            if patient is None:
                return None
        visit = self.good_visits.get(row[5])
        if visit is None:
            try:
                visit_at = read_visit_time(row[5], today=self.today, order=self.order)
            except InputError:
                return None
            visit = self.good_visits[row[5]] = (visit_at, visit_at.date())
        if visit[1] < patient[1]:
            return None
        clinician = from_spreadsheet_safe(row[6].strip())
        try:
            check_text(clinician, "clinician")
        except InputError:
            return None
        key = (patient[0], visit[0])
        number = self.visit_index.get(key)
        if number is None:
            number = self.new_visit(key, clinician)
        self.out.clinicians.add(clinician)
        self.good_rows[(row[0], row[1], row[2], row[3], row[4], row[5], row[6])] = number
        return number

    def _patient_of(self, row: list[str]) -> tuple[str, dt.date] | None:
        """(chart, birth date) if the patient columns pass and agree with the chart's first
        row (this row, if it is the first: it is noted as such); None, quietly, if not."""
        chart, family, given = (from_spreadsheet_safe(row[0].strip()),
                                from_spreadsheet_safe(row[1].strip()),
                                from_spreadsheet_safe(row[2].strip()))
        if not chart or not family or not given:
            return None
        try:
            check_text(chart, "chart")
            check_text(family, "family_name")
            check_text(given, "given_name")
        except InputError:
            return None
        birth = self.dates.get(row[3])
        if birth is None:
            try:
                birth = self.dates[row[3]] = read_date(row[3], today=self.today,
                                                       order=self.order)
            except InputError:
                return None
        sex = row[4] if row[4] in SEXES else code_of(d.Sex, row[4].strip())
        if sex is None:
            return None
        known = self.out.patients.get(chart)
        if known is None:
            self.out.patients[chart] = ParsedPatient(family, given, birth, sex, self.line_of())
        elif known.demographics() != (family, given, birth, sex):
            return None
        self.good_patients[(row[0], row[1], row[2], row[3], row[4])] = (chart, birth)
        return chart, birth

    def _kind_of(self, row: list[str]) -> tuple[int, float, float, str] | None:
        """A row's kind (joint … position) and instrument if they pass: (kind number, degrees
        range that needs no warning, instrument); None, quietly, if not."""
        texts = (row[7], row[8], row[9], row[10], row[11], row[13])
        joint, motion, side, mode, position, instrument_text = texts
        spec = self.specs.get((joint, motion))
        if spec is None:  # "Hip", "Internal rotation": the catalog's names in other words
            joint, motion = catalog_name(joint), catalog_name(motion)
            spec = self.specs.get((joint, motion))
        # codes, or the labels the window shows ("Left", "Seated", "Universal goniometer")
        side_code = side if side in SIDES else code_of(d.Side, side)
        mode_code = mode if mode in MODES else code_of(d.Mode, mode)
        position_code = position if position in POSITIONS else code_of(d.Position, position)
        instrument = code_of(d.Instrument, instrument_text.strip() or self.default_instrument)
        if spec is None or side_code is None or mode_code is None or position_code is None \
                or instrument is None:
            return None
        number = self.kind_number((joint, motion, side_code, mode_code, position_code))
        good = self.good_kinds[(*texts[:5], instrument_text)] = (
            number, *unflagged_range(spec), instrument)
        # as a line with no quote writes them (these fields hold no comma)
        self.text_kinds[(",".join(texts[:5]), instrument_text)] = good
        return good

    def _number(self, text: str) -> Degrees:
        """The degrees of a text, as the domain's parser reads it (-0 as 0: SQLite stores -0.0
        as 0, and the batch digest must say what ``ptlog check`` reads back), its repr and the
        value's number; NaN (which passes no range) if it is no number. Numbers are remembered
        by their text, so the parser runs once for each text a file uses."""
        try:
            value = parse_degrees(text)
        except InputError:
            return math.nan, "nan", -1
        value_number = self.values.setdefault(value, len(self.values))
        number = self.numbers[text] = (value, repr(value), value_number)
        return number

    def new_visit(self, key: tuple[str, dt.datetime], clinician: str) -> int:
        number = self.visit_index[key] = len(self.out.visits)
        self.out.visits.append((key[0], key[1], clinician.strip()))
        return number

    def kind_number(self, kind: Kind) -> int:
        number = self.kind_index.get(kind)
        if number is None:
            number = self.kind_index[kind] = len(self.out.kinds)
            self.out.kinds.append(kind)
        return number

    def _check(self, line: int, row: list[str]) -> None:
        """The full check of one row: every problem with its column, in column order."""
        problems, out = self.problems, self.out
        ncols = len(READINGS_COLUMNS)
        if len(row) != ncols:
            problems.add(line, "", f"expected {ncols} fields, found {len(row)}")
            return
        (chart, family, given, birth_text, sex, visit_text, clinician, joint, motion, side, mode,
         position, degrees_text, instrument, note) = row
        # the export protects cells a spreadsheet would run (spreadsheet_safe): undone here
        chart, family, given, clinician, note = (
            from_spreadsheet_safe(chart.strip()), from_spreadsheet_safe(family.strip()),
            from_spreadsheet_safe(given.strip()), from_spreadsheet_safe(clinician.strip()),
            from_spreadsheet_safe(note))
        ok = True
        if not chart:
            problems.add(line, "chart", "the chart number is empty")
            ok = False
        if not family.strip():
            problems.add(line, "family_name", "the family name is empty")
            ok = False
        if not given.strip():
            problems.add(line, "given_name", "the given name is empty")
            ok = False
        for column, text in (("chart", chart), ("family_name", family), ("given_name", given)):
            try:
                check_text(text, column)
            except InputError as exc:
                problems.add(line, column, exc)
                ok = False
        birth = self.dates.get(birth_text)
        if birth is None:
            try:
                birth = self.dates[birth_text] = read_date(birth_text, today=self.today,
                                                           order=self.order)
            except InputError as exc:
                problems.add(line, "birth_date", exc)
                ok = False
        if sex not in SEXES:
            try:
                sex = enum_choice(sex, d.Sex, "sex")
            except InputError as exc:
                problems.add(line, "sex", exc)
                ok = False
        visit = self.good_visits.get(visit_text)
        visit_at = None if visit is None else visit[0]
        if visit_at is None:
            try:
                visit_at = read_visit_time(visit_text, today=self.today, order=self.order)
                self.good_visits[visit_text] = (visit_at, visit_at.date())
            except InputError as exc:
                problems.add(line, "visit_date", exc)
                ok = False
        try:
            check_text(clinician, "clinician")
        except InputError as exc:
            problems.add(line, "clinician", exc)
            ok = False
        if birth is not None and visit_at is not None and visit_at.date() < birth:
            problems.add(line, "visit_date", f"the visit ({visit_at.date()}) is before the birth "
                         f"date ({birth})")
            ok = False
        spec = self.specs.get((joint, motion))
        if spec is None and (catalog_name(joint), catalog_name(motion)) in self.specs:
            joint, motion = catalog_name(joint), catalog_name(motion)
            spec = self.specs[(joint, motion)]
        if spec is None:
            if catalog_name(joint) not in self.joints:
                problems.add(line, "joint", f"{joint!r} is not a joint in the motion catalog "
                             f"(expected one of {', '.join(sorted(self.joints))})")
            else:
                problems.add(line, "motion", f"{motion!r} is not a {joint} motion in the catalog")
            ok = False
        side = code_of(d.Side, side) or side
        if side not in SIDES:
            problems.add(line, "side", f"{side!r} is not a side (expected {accepted(d.Side)})")
            ok = False
        mode = code_of(d.Mode, mode) or mode
        if mode not in MODES:
            problems.add(line, "mode", f"{mode!r} is not a mode (expected active or passive)")
            ok = False
        position = code_of(d.Position, position) or position
        if position not in POSITIONS:
            problems.add(line, "position", f"{position!r} is not a position (expected "
                         "prone, seated, standing or supine)")
            ok = False
        instrument = instrument.strip() or self.default_instrument
        instrument = code_of(d.Instrument, instrument) or instrument
        if instrument not in INSTRUMENTS:
            problems.add(line, "instrument", f"{instrument!r} is not an instrument (expected one "
                         f"of {', '.join(sorted(INSTRUMENTS))} or empty)")
            ok = False
        number = self._number(degrees_text)
        degrees = number[0]
        if not math.isfinite(degrees):
            try:
                parse_degrees(degrees_text)
            except InputError as exc:  # the parser's own words
                problems.add(line, "degrees", exc)
            ok = False
            degrees = 0.0
        try:
            check_text(note, "note")
        except InputError as exc:
            problems.add(line, "note", exc)
            ok = False
        if ok and spec is not None:
            verdict = check_plausible(degrees, spec)
            if verdict.verdict is Plausibility.IMPOSSIBLE:
                problems.add(line, "degrees", verdict.message)
                ok = False
            elif verdict.verdict is Plausibility.UNUSUAL:
                out.warnings.append(problems.problem(line, "degrees",
                                                     f"{verdict.message} (imported)"))
        if chart and birth is not None:
            known = out.patients.get(chart)
            family_s, given_s = family.strip(), given.strip()
            if known is None:
                out.patients[chart] = ParsedPatient(family_s, given_s, birth, sex, line)
            elif known.demographics() != (family_s, given_s, birth, sex):
                problems.add(line, "chart", f"chart {chart} has different demographics than on "
                             f"line {known.line} ({known.family}, {known.given}, {known.birth}, "
                             f"{known.sex})")
                ok = False
        if ok and visit_at is not None:  # a row that passes, with a warning: keep it
            key = (chart, visit_at)
            visit_number = self.visit_index.get(key)
            if visit_number is None:
                visit_number = self.new_visit(key, clinician)
            out.clinicians.add(clinician)
            kind_number = self.kind_number((joint, motion, side, mode, position))
            self._keep(visit_number, kind_number, number, instrument, note)
