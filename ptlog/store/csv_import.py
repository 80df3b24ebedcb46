"""Import readings or treatments from CSV: all-or-nothing, in bulk, idempotent.

The whole file is validated before anything is written; then one transaction inserts every new
patient, visit and reading (identical readings already stored are counted, not duplicated).
Imported visits and readings carry the import's batch uuid and are covered by ONE audit event
whose digest ``batch_digest`` recomputes from the stored rows, so ``ptlog check`` can verify a
million imported rows without a million audit events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from peewee import Database, SqliteDatabase

from ptlog.domain import records as d
from ptlog.domain.choices import code_of
from ptlog.domain.date_order import DateOrder
from ptlog.domain.i18n import N_, Translator, english
from ptlog.domain.limits import InputError, check_text
from ptlog.domain.parse import parse_count, parse_money
from ptlog.domain.text import composed, from_spreadsheet_safe, search_key, search_words
from ptlog.gc_pause import no_cyclic_gc
from ptlog.input_files import not_a_file_message
from ptlog.store import audit
from ptlog.store import models as m
from ptlog.store.bulk_insert import BulkInsert, Lookup, made_ahead
from ptlog.store.change_notifications import notify_readings_changed
from ptlog.store.convert import as_date
from ptlog.store.csv_format import (
    READINGS_COLUMNS,
    TREATMENT_SIDES,
    TREATMENTS_COLUMNS,
    enum_choice,
    read_date,
)
from ptlog.store.csv_halves import check_readings
from ptlog.store.csv_readings import (
    Kind,
    ParsedPatient,
    ParsedReadings,
    Progress,
    Reading,
    ReadingChecker,
)
from ptlog.store.csv_text import (
    MAX_LISTED_PROBLEMS,
    Collector,
    CsvImportError,
    Problem,
    as_rows,
    csv_lines,
    decode_file,
    numbered_rows,
)
from ptlog.store.errors import ValidationError
from ptlog.store.import_digest import (
    NO_ROWS_DIGEST,
    batch_digest,
    batch_digests,
    reading_line,
    reading_middle,
    visit_line,
)
from ptlog.store.patients import no_such_chart
from ptlog.store.transactions import in_transaction
from ptlog.store.wal_checkpoint import checkpoint_in_background

__all__ = [
    "MAX_LISTED_PROBLEMS", "NO_ROWS_DIGEST", "CsvImportError", "ImportResult", "Problem",
    "Progress",
    "batch_digest", "batch_digests", "import_csv", "kind_of_header",
]

_CHUNK = 5000
_KIND_COLUMNS = ("joint", "motion", "side", "mode", "position")  # a reading's kind, as stored
# visits and readings: a hundred rows to an INSERT cut a million readings' insert from 5 to
# 3.5 s, and a thousand by 0.3 s more (see bulk_insert); patients and their audit events go a
# thousand to a statement too (100k of each: 0.9 s one at a time, 0.55 s a hundred to one;
# 1.78 -> 1.50 s for the new patients, words and events from a hundred to a thousand)
_ROWS_PER_STATEMENT = 1000
_T = TypeVar("_T")


@dataclass(slots=True)
class ImportResult:
    kind: str  # "readings" or "treatments"
    rows: int = 0
    readings_added: int = 0
    already_present: int = 0
    patients_new: int = 0
    patients_total: int = 0
    visits_new: int = 0
    treatments_added: int = 0
    treatments_present: int = 0  # a workbook's treatments sheet, imported with its readings
    warnings: list[Problem] = field(default_factory=list)

    def summary(self, tr: Translator | None = None) -> str:
        """What the import did, one sentence in the language of ``tr`` (the CLI's; English
        when none is given). Every count is a counted phrase with the language's plural."""
        tr = tr or english()
        treatments = tr.plural("{n} treatment(s)", "{n} treatment(s)", self.treatments_added)
        if self.kind == "treatments":
            return tr("imported {treatments} ({present})", treatments=treatments,
                      present=tr.plural("{n} already present", "{n} already present",
                                        self.already_present))
        counts = {
            "readings": tr.plural("{n} reading(s)", "{n} reading(s)", self.readings_added),
            "present": tr.plural("{n} already present", "{n} already present",
                                 self.already_present),
            "patients": tr.plural("{n} patient(s)", "{n} patient(s)", self.patients_total),
            "new": tr.plural("{n} new", "{n} new", self.patients_new),
            "visits": tr.plural("{n} new visit(s)", "{n} new visit(s)", self.visits_new),
        }
        if not (self.treatments_added or self.treatments_present):
            return tr("imported {readings} ({present}) for {patients} ({new}), {visits}",
                      **counts)
        return tr("imported {readings} ({present}) for {patients} ({new}), {visits}; "
                  "{treatments} ({treatments_present})", **counts, treatments=treatments,
                  treatments_present=tr.plural("{n} already present", "{n} already present",
                                               self.treatments_present))


def kind_of_header(header: list[str]) -> str | None:
    names = set(header)
    if "degrees" in names or "motion" in names:
        return "readings"
    if "kind" in names or "start_date" in names:
        return "treatments"
    return None


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to read a file that is not ptlog's own CSV: the sheet of a workbook, a mapping of
    its columns (``sheet_mapping.Mapping``), the order its dates are written in; ``dry_run``
    checks everything, the database's side too, and writes nothing."""

    sheet: str | None = None
    mapping: Any = None  # sheet_mapping.Mapping (imported lazily: openpyxl is not needed here)
    date_order: DateOrder | None = None  # None: the mapping's, else ISO
    dry_run: bool = False


class DryRunDone(Exception):  # noqa: N818 - not an error: it carries the result out
    """Raised inside the transaction of a dry run, so that it rolls back; holds the result."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def import_csv(
    path: str | Path, *, progress: Progress | None = None, today: dt.date | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Import readings or treatments (told apart by the header) from ptlog's CSV, any CSV an
    office suite writes, or an ``.xlsx`` workbook; all or nothing.

    ``progress`` may raise (e.g. ``ImportCancelled``) to stop: nothing is written then."""
    path = Path(path)
    if (refused := not_a_file_message(path)) is not None:
        raise ValidationError(refused, field="file")
    options = options or ImportOptions()
    with no_cyclic_gc():
        try:
            return _import_file(path, progress, today or dt.date.today(), options)
        except DryRunDone as done:
            return done.result


class ImportCancelled(ValidationError):
    """The user cancelled the import; nothing was written."""

    def __init__(self) -> None:
        super().__init__("the import was cancelled; nothing was imported")


def _import_file(path: Path, progress: Progress | None, today: dt.date,
                 options: ImportOptions) -> ImportResult:
    from ptlog.store import sheets

    if sheets.is_excel(path) or options.sheet is not None or path.suffix.lower() == ".xls":
        table = sheets.open_table(path, options.sheet)
        # ptlog's own workbook: readings first, then its "Treatments" sheet, in one go
        extra = sheets.treatments_sheet(path) if sheets.is_excel(path) and \
            options.sheet is None and options.mapping is None else None
        return _import_table(table, progress, today, options, extra)
    text, file_sha256 = decode_file(path)
    header, lines, line_of = csv_lines(text, path.name)
    order = options.date_order or DateOrder.ISO
    # ptlog's own CSV (the header exactly, comma-separated) takes the fast path; any other
    # header or separator is read as a table and mapped to ptlog's columns
    if options.mapping is not None and not options.mapping.is_plain(header):
        return _import_table(sheets.csv_table(text, path.name, file_sha256), progress, today,
                             options)
    if header == list(TREATMENTS_COLUMNS):
        return _import_treatments(path.name, numbered_rows(as_rows(lines), line_of), today,
                                  file_sha256, order, options.dry_run)
    if header == list(READINGS_COLUMNS):
        return _import_readings(path.name, lines, line_of, today, progress, file_sha256, order,
                                None, options.dry_run, text=text)
    return _import_table(sheets.csv_table(text, path.name, file_sha256), progress, today,
                         options)


def _import_table(table: Any, progress: Progress | None, today: dt.date,
                  options: ImportOptions, extra: Any = None) -> ImportResult:
    """A sheet (``sheets.Table``) through its mapping (``sheet_mapping``), or the automatic
    one, as ptlog CSV rows: the same checks, messages naming the source cells."""
    from ptlog.store.sheet_mapping import plan_rows

    planned = plan_rows(table, options.mapping)
    order = options.date_order or (
        options.mapping.date_order if options.mapping is not None else DateOrder.ISO)
    if planned.kind == "treatments":
        rows = ((planned.line_of(), row) for row in planned.rows)
        return _import_treatments(table.file, rows, today, table.sha256, order,
                                  options.dry_run, planned.cell_of)
    then = None
    if extra is not None:  # a workbook's treatments sheet: checked now, written with readings
        treatments = plan_rows(extra, None)
        if treatments.kind == "treatments":
            parsed = _parse_treatments(
                extra.file, ((treatments.line_of(), row) for row in treatments.rows), today,
                order, treatments.cell_of)
            then = _treatments_work(extra.file, parsed, extra.sha256)
    return _import_readings(table.file, planned.rows, planned.line_of, today, progress,
                            table.sha256, order, planned.cell_of, options.dry_run, then)


# --- readings -----------------------------------------------------------------------------

def _chunks(items: Sequence[_T], size: int = 500) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _import_readings(
    name: str, reader: Iterator[str | list[str]], line_of: Callable[[], int], today: dt.date,
    progress: Progress | None, file_sha256: Callable[[], str], order: DateOrder = DateOrder.ISO,
    cell_of: Callable[[str], str] | None = None, dry_run: bool = False,
    then: Callable[[], ImportResult] | None = None, text: str | None = None,
) -> ImportResult:
    """Check every row, then write them in one transaction (with ``then``, a workbook's
    treatments, in the same one); ``text``: the CSV file's, when ``reader`` reads it."""
    parsed = check_readings(ReadingChecker(name, today, ParsedReadings(), order, cell_of),
                            reader, line_of, progress, text)

    def work() -> ImportResult:
        result = _write_readings(name, parsed, file_sha256(), progress)
        result.warnings = parsed.warnings + result.warnings
        if then is not None:
            treated = then()
            result.treatments_added = treated.treatments_added
            result.treatments_present = treated.already_present
        if dry_run:
            raise DryRunDone(result)
        return result

    with _bulk_sqlite_settings(len(parsed.readings)):
        return in_transaction(work, where="the database")


@contextmanager
def _bulk_sqlite_settings(rows: int) -> Iterator[None]:
    """While a big import writes (SQLite): a 128 MiB page cache, so that the indexes of a
    million readings stay in memory until the commit instead of going back and forth to disk,
    and statement journals in memory (each statement of a thousand readings keeps one, see
    bulk_insert: 470 MB written to a temporary file, 0.2 s).

    And no foreign-key look-ups: every patient, visit and clinician id the import writes is one
    this transaction read or inserted itself (and read back), under the write lock, so none can
    be missing; SQLite's look-up of each row's parent, and the statement journal it needs for
    it, were 0.5 s of a million readings' 4.3 s of writing. ``ptlog check`` still runs
    SQLite's ``foreign_key_check`` over every table. (Inside a transaction SQLite ignores the
    pragma: the checks then stay on.) Everything is restored after, which gives the memory
    back.

    And no automatic checkpoint in the commit: once the import is durable (in the synced
    log), its copy into the database file runs in a thread of its own (``wal_checkpoint``)."""
    db = m.database_proxy.obj
    if rows < 50_000 or not isinstance(db, SqliteDatabase):
        yield
        return
    kept = {name: int(db.execute_sql(f"PRAGMA {name}").fetchone()[0])
            for name in _BULK_PRAGMAS}
    for name, value in _BULK_PRAGMAS.items():
        db.execute_sql(f"PRAGMA {name} = {value}")
    try:
        yield
    finally:
        for name, value in kept.items():
            db.execute_sql(f"PRAGMA {name} = {value}")
    # here only when the block ended without an exception: the transaction committed
    checkpoint_in_background(Path(db.database))


# what a big import sets on its connection while it writes (``_bulk_sqlite_settings``)
_BULK_PRAGMAS = {"cache_size": -131072, "temp_store": 2, "foreign_keys": 0,  # 2: MEMORY
                 "wal_autocheckpoint": 0}


def _write_readings(
    name: str, parsed: ParsedReadings, file_sha256: str, progress: Progress | None
) -> ImportResult:
    """Insert what ``parsed`` holds that is not stored yet; called inside the transaction (and
    again if it is retried, so ``parsed`` is only read)."""
    result = ImportResult("readings", rows=parsed.rows, patients_total=len(parsed.patients),
                          already_present=parsed.repeats)
    db = m.database_proxy.obj
    param = db.param
    sqlite = isinstance(db, SqliteDatabase)
    batch = m.new_uuid()
    now = m.utc_now()
    who = audit.os_user()

    # patients: match by chart; differing demographics are an error
    parsed_patients = parsed.patients
    charts = sorted(parsed_patients)
    patient_ids: dict[str, int] = {}
    problems = Collector(name)
    for chunk in _chunks(charts):
        marks = ", ".join([param] * len(chunk))
        for row in db.execute_sql(  # plain SQL: 100k charts through peewee's IN cost 1 s
            'SELECT "id", "chart", "family_name", "given_name", "birth_date", "sex" '
            f'FROM "patient" WHERE "chart" IN ({marks})', list(chunk)
        ).fetchall():
            pid, chart, family, given, birth, sex = row
            birth = as_date(birth)
            mine = parsed_patients[chart]
            if not _is_stored_as(mine, family, given, birth, sex):
                problems.add(mine.line, "chart", f"chart {chart} is stored as {family}, {given}, "
                             f"{birth}, {sex}: the file says {mine.family}, {mine.given}, "
                             f"{mine.birth}, {mine.sex}")
            patient_ids[chart] = pid
    new_charts = [c for c in charts if c not in patient_ids]
    _refuse_charts_differing_only_in_case(db, new_charts, parsed_patients, problems)
    problems.raise_if_any()
    stored_patients = set(patient_ids.values())  # only these can have visits already
    result.patients_new = _create_patients(db, new_charts, parsed_patients, patient_ids, now,
                                           who)

    # clinicians by name
    clinician_ids: dict[str, int | None] = {"": None}
    for clinician in sorted({c.strip() for c in parsed.clinicians} - {""}):
        existing = m.Clinician.get_or_none(m.Clinician.name == clinician)
        if existing is None:
            existing = m.Clinician.create(name=clinician)
            audit.record("create", "clinician", existing.uuid, after=audit.snapshot(existing))
        clinician_ids[clinician] = existing.id

    now_value: object = now.isoformat(sep=" ") if sqlite else now
    # the batch digest, built from the rows as they are made (in id order) in the thread that
    # makes them (``made_ahead``; hashlib lets go of the GIL on big buffers): reading a million
    # rows back took 8 s; ``ptlog check`` recomputes it from the stored rows (``batch_digest``)
    running = hashlib.sha256()
    visits = _write_visits(db, parsed, patient_ids, stored_patients, clinician_ids,
                           (now_value, who, batch), running)
    result.visits_new = len(visits.new_numbers)
    touched = _write_reading_rows(db, parsed, visits, (now_value, who, batch), running,
                                  result, progress, name)
    digest = running.hexdigest()
    if result.readings_added or result.visits_new:
        audit.record(
            "import", "import", batch,
            after={"file": name, "file_sha256": file_sha256, "kind": "readings",
                   "readings": result.readings_added, "visits": result.visits_new,
                   "already_present": result.already_present, "digest": digest},
        )
        for pid in sorted({visits.pids[i] for i in touched})[:1000]:
            notify_readings_changed(pid)
    return result


class _Sha256(Protocol):
    def update(self, data: bytes, /) -> None: ...


@dataclass(slots=True)
class _Visits:
    """The file's visits (``ParsedReadings.visits``) as stored: each one's patient id and
    visit id, which of them this import created, which were stored already."""

    pids: list[int]
    ids: list[int]
    new_numbers: list[int]
    stored_numbers: set[int]


def _write_visits(
    db: Database, parsed: ParsedReadings, patient_ids: dict[str, int], stored_patients: set[int],
    clinician_ids: dict[str, int | None], stamp: tuple[object, str, str], running: _Sha256,
) -> _Visits:
    """Insert the visits not stored yet, in the order the file names them; ``stamp`` is the
    import's (time, user, batch)."""
    stored_visits: dict[tuple[int, dt.datetime], int] = {}
    for id_chunk in _chunks(sorted(stored_patients)):
        for vid, pid, visit_at in m.Visit.select(
            m.Visit.id, m.Visit.patient, m.Visit.visit_at
        ).where(m.Visit.patient.in_(id_chunk)).tuples().iterator():
            when = visit_at if isinstance(visit_at, dt.datetime) else \
                dt.datetime.fromisoformat(str(visit_at))
            stored_visits[(pid, when)] = vid
    pids = [patient_ids[chart] for chart, _when, _clinician in parsed.visits]
    ids = [stored_visits.get((pid, when), 0)  # 0: a visit to create
           for pid, (_chart, when, _clinician) in zip(pids, parsed.visits, strict=True)]
    visits = _Visits(pids, ids, [i for i, vid in enumerate(ids) if not vid],
                     {i for i, vid in enumerate(ids) if vid})
    sqlite = isinstance(db, SqliteDatabase)
    now_value, who, batch = stamp
    kind = d.VisitKind.FOLLOW_UP.value
    insert = BulkInsert(db, "visit", ("uuid", "patient_id", "visit_at", "clinician_id"), {
        "kind": kind, "pain": None, "notes": "", "version": 1, "created_at": now_value,
        "created_by": who, "updated_at": now_value, "updated_by": who, "import_batch": batch},
        rows_per_statement=_ROWS_PER_STATEMENT)
    times: dict[dt.datetime, str] = {}  # each visit time as text once (many visits share one)
    new_numbers = visits.new_numbers

    def chunks() -> Iterator[list[tuple[object, ...]]]:
        """The new visits' rows, a chunk at a time, their lines fed to the digest."""
        for start in range(0, len(new_numbers), _CHUNK):
            part = new_numbers[start:start + _CHUNK]
            made: list[tuple[object, ...]] = []
            lines: list[str] = []
            for vuuid, number in zip(m.new_uuids(len(part)), part, strict=True):
                _chart, when, clinician = parsed.visits[number]
                pid, clinician_id = pids[number], clinician_ids[clinician]
                when_text = times.get(when)
                if when_text is None:
                    when_text = times[when] = when.isoformat(sep=" ")
                made.append((vuuid, pid, when_text if sqlite else when, clinician_id))
                lines.append(visit_line(vuuid, pid, when_text, clinician_id, kind))
            running.update("".join(lines).encode("utf-8"))
            yield made

    rows: list[tuple[object, ...]] = []
    for made in made_ahead(chunks()):
        insert.run(made)
        rows += made
    if rows:
        # ids come in insertion order; each row is checked against the visit it should be
        inserted = db.execute_sql(
            f'SELECT "id", "patient_id", "visit_at" FROM "visit" WHERE "import_batch" = '
            f'{db.param} ORDER BY "id"', (batch,)).fetchall()
        if len(inserted) != len(rows) or any(
            pid != row[1] or str(visit_at)[:19] != times[parsed.visits[number][1]]
            for (_vid, pid, visit_at), row, number in zip(inserted, rows, visits.new_numbers,
                                                          strict=False)
        ):
            raise AssertionError("the imported visits did not come back as inserted")
        for (vid, _pid, _at), number in zip(inserted, visits.new_numbers, strict=True):
            ids[number] = vid
    return visits


def _write_reading_rows(
    db: Database, parsed: ParsedReadings, visits: _Visits, stamp: tuple[object, str, str],
    running: _Sha256, result: ImportResult, progress: Progress | None, name: str,
) -> set[int]:
    """Insert the readings not stored yet, in file order (``name``: the file's); returns the
    numbers of the visits that got one."""
    # identical originals already stored are skipped (repeats inside the file are gone)
    visit_ids, stored_numbers = visits.ids, visits.stored_numbers
    present: set[tuple[object, ...]] = set()
    stored_values: dict[tuple[object, ...], float] = {}  # (visit id, *kind): a stored value
    for visit_chunk in _chunks(sorted({visit_ids[i] for i in stored_numbers})):
        for row in m.Reading.select(
            m.Reading.visit, m.Reading.joint, m.Reading.motion, m.Reading.side, m.Reading.mode,
            m.Reading.position, m.Reading.degrees,
        ).where(
            m.Reading.visit.in_(visit_chunk) & m.Reading.supersedes.is_null()
        ).tuples().iterator():
            present.add((row[0], row[1], row[2], row[3], row[4], row[5], float(row[6])))
            stored_values[row[:6]] = float(row[6])
    kinds = parsed.kinds
    middles = [reading_middle(*kind) for kind in kinds]
    now_value, who, batch = stamp
    # the kind's five columns from the file's few kinds, by number (on SQLite: five strings
    # fewer to bind a row, a sixth of the readings' insert)
    insert = BulkInsert(
        db, "reading", ("uuid", "visit_id", Lookup(_KIND_COLUMNS, kinds), "degrees",
                        "instrument", "note"),
        {"created_at": now_value, "created_by": who, "reason": "", "is_void": False,
         "import_batch": batch}, rows_per_statement=_ROWS_PER_STATEMENT)
    pieces = insert.pieces
    touched = set(visits.new_numbers)  # a new visit's first row is always new
    readings = parsed.readings
    total = len(readings)
    tail = insert.tail  # constants bound with each row (PostgreSQL)

    def chunks() -> Iterator[tuple[int, list[object]]]:
        """Each chunk's end and its rows' values one after the other; their lines are fed to
        the digest."""
        for start in range(0, total, _CHUNK):
            part = readings[start:start + _CHUNK]
            if stored_numbers:  # drop what is stored already
                kept: list[Reading] = []
                for reading in part:
                    number = reading[0]
                    if number in stored_numbers:
                        joint, motion, side, mode, position = kinds[reading[1]]
                        if (visit_ids[number], joint, motion, side, mode, position,
                                reading[2][0]) in present:
                            result.already_present += 1
                            continue
                        touched.add(number)
                        stored = stored_values.get((visit_ids[number], joint, motion, side,
                                                    mode, position))
                        if stored is not None:
                            result.warnings.append(_beside_stored(
                                name, parsed.visits[number], kinds[reading[1]], reading[2][0],
                                stored))
                    kept.append(reading)
                part = kept
            values: list[object] = []
            lines: list[str] = []
            for reading_uuid, (number, kind_number, degrees_parsed, instrument, note) in zip(
                m.new_uuids(len(part)), part, strict=True
            ):
                degrees, degrees_repr, _ = degrees_parsed
                vid = visit_ids[number]
                values += (reading_uuid, vid, *pieces[kind_number], degrees, instrument, note)
                if tail:
                    values += tail
                lines.append(reading_line(reading_uuid, vid, middles[kind_number],
                                          degrees_repr, instrument, note))
            running.update("".join(lines).encode("utf-8"))  # the same bytes, fewer calls
            yield min(start + _CHUNK, total), values

    for end, values in made_ahead(chunks()):
        insert.run_values(values)
        result.readings_added += len(values) // insert.bound
        if progress:
            progress(end, total)
    insert.close()
    if progress and not total:
        progress(total, total)
    return touched


def _beside_stored(file: str, visit: tuple[str, dt.datetime, str], kind: Kind,
                   degrees: float, stored: float) -> Problem:
    """The warning for a reading added to a stored visit that holds another value of the same
    motion, side, mode and position: most often a value corrected in the file, which the
    import cannot tell from a second measurement. A correction is an amendment (the stored
    reading kept, the new value beside it with a reason), made in the window."""
    message_id = N_("chart {chart}, visit {visit}: {kind} {degrees}° was added beside the "
                    "stored {stored}°; if the file corrects that value, amend the stored "
                    "reading in the window instead")
    values = {"chart": visit[0], "visit": visit[1].isoformat(sep=" ", timespec="minutes"),
              "kind": " ".join(kind), "degrees": f"{degrees:g}", "stored": f"{stored:g}"}
    return Problem(file, 0, "degrees", message_id.format(**values), "", message_id, values)


_PATIENT_COLUMNS = (
    "uuid", "chart", "family_name", "given_name", "family_key", "given_key", "birth_date", "sex",
    "dominant_side", "diagnosis", "referring_physician", "contact", "notes", "archived",
    "version", "created_at", "updated_at", "updated_by",
)


def _is_stored_as(mine: ParsedPatient, family: str, given: str, birth: object,
                  sex: str) -> bool:
    """Whether a stored patient's columns are the file's patient (names compared composed: a
    name an older ptlog stored decomposed is still the same)."""
    return (composed(family), composed(given), as_date(birth), sex) == mine.demographics()


def _refuse_charts_differing_only_in_case(db: Database, new: list[str],
                                          parsed_patients: dict[str, ParsedPatient],
                                          problems: Collector) -> None:
    """A new chart that is a stored one in other letter case, with the same name, birth date
    and sex, is a typo, not a second patient: refused, as every other command asks "did you
    mean T-2?" (``t-2`` imported beside ``T-2`` split one patient's history in two). Charts
    that differ only in case stay possible for different people. The stored patients born
    on the new ones' birth dates are read (an index), not every patient."""
    births = sorted({parsed_patients[chart].birth for chart in new})
    stored: dict[str, list[tuple[Any, ...]]] = {}
    for chunk in _chunks(births):
        marks = ", ".join([db.param] * len(chunk))
        for row in db.execute_sql(
            'SELECT "chart", "family_name", "given_name", "birth_date", "sex" FROM "patient" '
            f'WHERE "birth_date" IN ({marks})',
            [m.Patient.birth_date.db_value(birth) for birth in chunk]).fetchall():
            stored.setdefault(str(row[0]).lower(), []).append(row)
    if not stored:
        return
    for chart in new:
        mine = parsed_patients[chart]
        for other, family, given, birth, sex in stored.get(chart.lower(), ()):
            if other == chart:
                # stored by another workstation since this import looked the charts up (a
                # server reads each statement's own snapshot): the insert's conflict and its
                # retry take it as the same patient, not this check as a typo
                continue
            if _is_stored_as(mine, family, given, birth, sex):
                problems.add(mine.line, "chart", no_such_chart(chart, [other]))
                break


def _create_patients(
    db: Database,
    charts: list[str],
    parsed_patients: dict[str, ParsedPatient],
    patient_ids: dict[str, int],
    now: dt.datetime,
    who: str,
) -> int:
    """Insert the new patients in chart order with one audit event each, in bulk.

    The rows and events are the ones ``Patient.create`` + ``audit.record`` would write (same
    defaults, same snapshots, same order); 100k of them one by one took minutes.
    """
    if not charts:
        return 0
    sqlite = isinstance(db, SqliteDatabase)
    # every column but the first eight is the same for all (defaults, now, who): take those
    # values, and the snapshot's, from one model instance built the way Patient.create would
    template = m.Patient(chart="", family_name="", given_name="", family_key="", given_key="",
                         birth_date=now.date(), sex="", created_at=now, updated_at=now,
                         updated_by=who)
    varying = _PATIENT_COLUMNS[:8]
    tail = tuple(template.__data__.get(c) for c in _PATIENT_COLUMNS[8:])
    constants = dict(zip(_PATIENT_COLUMNS[8:], _sqlite_values(tail) if sqlite else tail,
                         strict=True))
    insert = BulkInsert(db, "patient", varying, constants, rows_per_statement=_ROWS_PER_STATEMENT)
    render = audit.json_template(audit.snapshot(template), ("id", *varying))
    folded: dict[str, str] = {}  # names repeat: fold each once

    def fold_once(text: str) -> str:
        key = folded.get(text)
        if key is None:
            key = folded[text] = search_key(text)
        return key

    def chunks() -> Iterator[tuple[list[tuple[str, ...]], list[list[str]]]]:
        """The varying columns (the snapshot's values too), a chunk at a time, and each
        patient's search words (made here too: 0.6 s of folding for 100k patients, which the
        inserts of the chunk before now hide)."""
        for start in range(0, len(charts), _CHUNK):
            part = charts[start:start + _CHUNK]
            made: list[tuple[str, ...]] = []
            words: list[list[str]] = []
            for chart, patient_uuid in zip(part, m.new_uuids(len(part)), strict=True):
                p = parsed_patients[chart]
                made.append((patient_uuid, chart, p.family, p.given, fold_once(p.family),
                             fold_once(p.given), p.birth.isoformat(), p.sex))
                words.append(sorted(search_words(chart, p.family, p.given)))
            yield made, words

    before = db.execute_sql('SELECT COALESCE(MAX("id"), 0) FROM "patient"').fetchone()[0]
    values: list[tuple[str, ...]] = []
    words_of: list[list[str]] = []  # in the order of ``charts``
    for part, part_words in made_ahead(chunks()):
        insert.run(part if sqlite else [
            (*row[:6], parsed_patients[row[1]].birth, row[7]) for row in part])
        values += part
        words_of += part_words
    # the new rows' ids: all above the highest before (PostgreSQL: others' too, left out)
    new = set(charts)
    for pid, chart in db.execute_sql(
        f'SELECT "id", "chart" FROM "patient" WHERE "id" > {db.param}', (before,)
    ):
        if chart in new:
            patient_ids[chart] = pid
    if len(patient_ids) != len(parsed_patients):
        raise AssertionError("the imported patients did not come back as inserted")
    # where a search may match inside the names and charts (every part of Ørsted-Núñez)
    words = [(patient_ids[chart], word) for chart, chart_words in zip(charts, words_of,
                                                                       strict=True)
             for word in chart_words]
    if words:
        BulkInsert(db, "patient_word", ("patient_id", "word"), {},
                   rows_per_statement=2000).run(words)
    audit.record_many(  # rendered as they are hashed, while the last ones are inserted
        ("create", "patient", row[0], None, render((patient_ids[row[1]], *row)), row[0])
        for row in values
    )
    return len(charts)


def _sqlite_values(row: tuple[object, ...]) -> tuple[object, ...]:
    """sqlite3's default datetime adapters are deprecated: store the text peewee would."""
    return tuple(
        v.isoformat(sep=" ") if isinstance(v, dt.datetime) else
        v.isoformat() if isinstance(v, dt.date) else v
        for v in row
    )


# --- treatments ---------------------------------------------------------------------------

_Treatment = tuple[int, str, str, dt.date, dt.date | None, str, int | None, float | None, str]


def _import_treatments(
    name: str, rows: Iterator[tuple[int, list[str]]], today: dt.date,
    file_sha256: Callable[[], str], order: DateOrder = DateOrder.ISO, dry_run: bool = False,
    cell_of: Callable[[str], str] | None = None,
) -> ImportResult:
    work = _treatments_work(name, _parse_treatments(name, rows, today, order, cell_of),
                            file_sha256)

    def run() -> ImportResult:
        result = work()
        if dry_run:
            raise DryRunDone(result)
        return result

    return in_transaction(run, where="the database")


def _parse_treatments(
    name: str, rows: Iterator[tuple[int, list[str]]], today: dt.date, order: DateOrder,
    cell_of: Callable[[str], str] | None,
) -> list[_Treatment]:
    problems = Collector(name, cell_of)
    parsed: list[_Treatment] = []
    for line, row in rows:
        if len(row) != len(TREATMENTS_COLUMNS):
            problems.add(line, "", f"expected {len(TREATMENTS_COLUMNS)} fields, found {len(row)}")
            continue
        chart, kind, start_text, end_text, side, sessions_text, cost_text, note = row
        # the export protects cells a spreadsheet would run (spreadsheet_safe): undone here
        chart, note = from_spreadsheet_safe(chart.strip()), from_spreadsheet_safe(note)
        ok = True
        if not chart:
            problems.add(line, "chart", "the chart number is empty")
            ok = False
        for column, text, limit in (("chart", chart, "chart"), ("note", note, "notes")):
            try:
                check_text(text, limit)
            except InputError as exc:
                problems.add(line, column, exc)
                ok = False
        try:
            kind = enum_choice(kind, d.TreatmentKind, "treatment kind")
        except InputError as exc:
            problems.add(line, "kind", exc)
            ok = False
        start = end = None
        latest = today + dt.timedelta(days=366)  # a course may be planned ahead
        try:
            start = read_date(start_text, today=latest, order=order)
        except InputError as exc:
            problems.add(line, "start_date", exc)
            ok = False
        if end_text.strip():
            try:
                end = read_date(end_text, today=latest, order=order)
                if start is not None and end < start:
                    problems.add(line, "end_date", f"the end ({end}) is before the start "
                                 f"({start})")
                    ok = False
            except InputError as exc:
                problems.add(line, "end_date", exc)
                ok = False
        side = side.strip() or "B"
        side = side if side in TREATMENT_SIDES else code_of(d.TreatmentSide, side) or side
        if side not in TREATMENT_SIDES:
            problems.add(line, "side", f"{side!r} is not a side (expected L, R, B or empty)")
            ok = False
        sessions = None
        if sessions_text.strip():
            try:
                sessions = parse_count(sessions_text, "sessions")
            except InputError as exc:
                problems.add(line, "sessions", exc)
                ok = False
        cost = None
        if cost_text.strip():
            try:
                cost = parse_money(cost_text)
            except InputError as exc:
                problems.add(line, "cost", exc)
                ok = False
        if ok and start is not None:  # ok already implies a parsed start date
            parsed.append((line, chart, kind, start, end, side, sessions, cost, note))
    problems.raise_if_any()
    return parsed


def _treatments_work(name: str, parsed: list[_Treatment], file_sha256: Callable[[], str]
                     ) -> Callable[[], ImportResult]:
    """Writing the checked treatments, to be run inside a transaction."""

    def work() -> ImportResult:
        result = ImportResult("treatments", rows=len(parsed))
        found: dict[str, m.Patient] = {}
        for chunk in _chunks(sorted({p[1] for p in parsed})):
            for row in m.Patient.select().where(m.Patient.chart.in_(chunk)):
                found[row.chart] = row
        missing = Collector(name, None)
        for line, chart, *_ in parsed:
            if chart not in found:
                missing.add(line, "chart", f"no patient with chart {chart} (import their "
                            "readings or create the patient first)")
        missing.raise_if_any()
        for _line, chart, kind, start, end, side, sessions, cost, note in parsed:
            patient = found[chart]
            exists = m.Treatment.select().where(
                (m.Treatment.patient == patient) & (m.Treatment.kind == kind)
                & (m.Treatment.start_date == start) & (m.Treatment.side == side)
            ).exists()
            if exists:
                result.already_present += 1
                continue
            treatment = m.Treatment.create(
                patient=patient, kind=kind, start_date=start, end_date=end, side=side,
                sessions_planned=sessions, cost=cost, notes=note, updated_by=audit.os_user(),
            )
            audit.record("create", "treatment", treatment.uuid, after=audit.snapshot(treatment),
                         patient_uuid=patient.uuid)
            result.treatments_added += 1
        if result.treatments_added:
            audit.record("import", "import", m.new_uuid(),
                         after={"file": name, "file_sha256": file_sha256(),
                                "kind": "treatments", "treatments": result.treatments_added})
        return result

    return work
