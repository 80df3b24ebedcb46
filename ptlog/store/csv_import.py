"""Import readings or treatments from CSV: all-or-nothing, in bulk, idempotent.

The whole file is validated before anything is written; then one transaction inserts every new
patient, visit and reading (identical readings already stored are counted, not duplicated).
Imported visits and readings carry the import's batch uuid and are covered by ONE audit event
whose digest ``batch_digest`` recomputes from the stored rows, so ``ptlog check`` can verify a
million imported rows without a million audit events.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import uuid as uuid_module
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from peewee import Database, SqliteDatabase

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog
from ptlog.domain.text import fold
from ptlog.store import audit
from ptlog.store import models as m
from ptlog.store.csv_format import (
    INSTRUMENTS,
    MODES,
    POSITIONS,
    READINGS_COLUMNS,
    SEXES,
    SIDES,
    TREATMENT_KINDS,
    TREATMENT_SIDES,
    TREATMENTS_COLUMNS,
    FieldError,
    choice,
    parse_date,
    parse_number,
    parse_visit_time,
)
from ptlog.store.drivers import driver_errors
from ptlog.store.errors import ValidationError
from ptlog.store.server import notify_readings_changed
from ptlog.store.transactions import in_transaction

MAX_LISTED_PROBLEMS = 20
_CHUNK = 5000

Progress = Callable[[int, int], None]  # rows done, rows in all


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CsvImportError(ValidationError):
    """The file cannot be imported; nothing was written. ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.problems = problems
        self.total = total if total is not None else len(problems)
        shown = [str(p) for p in problems[:MAX_LISTED_PROBLEMS]]
        more = self.total - len(shown)
        if more > 0:
            shown.append(f"… and {more} more problem(s)")
        shown.append("nothing was imported")
        super().__init__("\n".join(shown))


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
    warnings: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        if self.kind == "treatments":
            return (
                f"imported {self.treatments_added} treatment(s) "
                f"({self.already_present} already present)"
            )
        return (
            f"imported {self.readings_added} reading(s) ({self.already_present} already present) "
            f"for {self.patients_total} patient(s) ({self.patients_new} new), "
            f"{self.visits_new} new visit(s)"
        )


class _Collector:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.total += 1
        if len(self.problems) < 1000:
            self.problems.append(Problem(self.name, line, column, message))

    def raise_if_any(self) -> None:
        if self.total:
            raise CsvImportError(self.problems, self.total)


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:65536]:
        raise CsvImportError(
            [Problem(path.name, 1, "", "this is a binary file, not a CSV text file")]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvImportError(
            [Problem(path.name, line, "", "the file is not UTF-8 text (save it as CSV UTF-8)")]
        ) from None


def _rows(text: str, name: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise CsvImportError(
            [Problem(name, 1, "", "the file is empty (expected a header row)")]
        ) from None
    except csv.Error as exc:
        raise CsvImportError([Problem(name, 1, "", f"unreadable CSV: {exc}")]) from None

    def body() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                if row and (row[0].strip() or any(cell.strip() for cell in row)):
                    yield reader.line_num, row
        except csv.Error as exc:
            raise CsvImportError(
                [Problem(name, reader.line_num, "", f"unreadable CSV: {exc}")]
            ) from None

    return [h.strip() for h in header], body()


def _check_header(header: list[str], expected: tuple[str, ...], name: str) -> None:
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    dupes = sorted({c for c in header if header.count(c) > 1})
    problems = []
    if missing:
        problems.append(Problem(name, 1, "", f"missing column(s): {', '.join(missing)}"))
    if extra:
        problems.append(Problem(name, 1, "", f"unexpected column(s): {', '.join(extra)}"))
    if dupes:
        problems.append(Problem(name, 1, "", f"repeated column(s): {', '.join(dupes)}"))
    if header != list(expected) and not problems:
        problems.append(
            Problem(name, 1, "", f"columns are out of order (expected {','.join(expected)})")
        )
    if problems:
        raise CsvImportError(problems)


def kind_of_header(header: list[str]) -> str | None:
    names = set(header)
    if "degrees" in names or "motion" in names:
        return "readings"
    if "kind" in names or "start_date" in names:
        return "treatments"
    return None


def import_csv(
    path: str | Path, *, progress: Progress | None = None, today: dt.date | None = None
) -> ImportResult:
    """Import a readings or treatments CSV (told apart by the header); all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"{path}: no such file", field="file")
    text = _decode(path)
    header, rows = _rows(text, path.name)
    kind = kind_of_header(header)
    today = today or dt.date.today()
    if kind == "treatments":
        _check_header(header, TREATMENTS_COLUMNS, path.name)
        return _import_treatments(path, rows, today)
    if kind is None:
        raise CsvImportError([Problem(
            path.name, 1, "",
            "unknown header: expected the readings columns "
            f"({','.join(READINGS_COLUMNS)}) or the treatments columns "
            f"({','.join(TREATMENTS_COLUMNS)})",
        )])
    _check_header(header, READINGS_COLUMNS, path.name)
    return _import_readings(path, rows, today, progress)


# --- readings -----------------------------------------------------------------------------

@dataclass(slots=True)
class _ParsedPatient:
    family: str
    given: str
    birth: dt.date
    sex: str
    line: int


_T = TypeVar("_T")
_Reading = tuple[str, dt.datetime, str, str, str, str, str, str, float, str, str]
# chart, visit_at, clinician, joint, motion, side, mode, position, degrees, instrument, note


def _parse_readings(
    name: str, rows: Iterable[tuple[int, list[str]]], today: dt.date, progress: Progress | None
) -> tuple[dict[str, _ParsedPatient], list[_Reading], list[Problem]]:
    problems = _Collector(name)
    warnings: list[Problem] = []
    specs = catalog()
    limits = {
        (k.joint, k.motion): (s.impossible_below, s.impossible_above, s.unusual_below,
                              s.unusual_above, s.label.lower())
        for k, s in specs.items()
    }
    joints = {k.joint for k in specs}
    patients: dict[str, _ParsedPatient] = {}
    readings: list[_Reading] = []
    ncols = len(READINGS_COLUMNS)
    date_cache: dict[str, dt.date] = {}
    default_instrument = d.Instrument.UNIVERSAL_GONIOMETER.value
    visit_cache: dict[str, dt.datetime] = {}
    for count, (line, row) in enumerate(rows, 1):
        if progress and count % 50_000 == 0:
            progress(count, 0)
        if len(row) != ncols:
            problems.add(line, "", f"expected {ncols} fields, found {len(row)}")
            continue
        (chart, family, given, birth_text, sex, visit_text, clinician, joint, motion, side, mode,
         position, degrees_text, instrument, note) = row
        chart = chart.strip()
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
        birth = date_cache.get(birth_text)
        if birth is None:
            try:
                birth = parse_date(birth_text, today=today)
                date_cache[birth_text] = birth
            except FieldError as exc:
                problems.add(line, "birth_date", str(exc))
                ok = False
        if sex not in SEXES:
            try:
                sex = choice(sex, SEXES, "sex")
            except FieldError as exc:
                problems.add(line, "sex", str(exc))
                ok = False
        visit_at = visit_cache.get(visit_text)
        if visit_at is None:
            try:
                visit_at = parse_visit_time(visit_text, today=today)
                visit_cache[visit_text] = visit_at
            except FieldError as exc:
                problems.add(line, "visit_date", str(exc))
                ok = False
        if birth is not None and visit_at is not None and visit_at.date() < birth:
            problems.add(line, "visit_date", f"the visit ({visit_at.date()}) is before the birth "
                         f"date ({birth})")
            ok = False
        limit = limits.get((joint, motion))
        if limit is None:
            if joint not in joints:
                problems.add(line, "joint", f"{joint!r} is not a joint in the motion catalog "
                             f"(expected one of {', '.join(sorted(joints))})")
            else:
                problems.add(line, "motion", f"{motion!r} is not a {joint} motion in the catalog")
            ok = False
        if side not in SIDES:
            problems.add(line, "side", f"{side!r} is not a side (expected L or R)")
            ok = False
        if mode not in MODES:
            problems.add(line, "mode", f"{mode!r} is not a mode (expected active or passive)")
            ok = False
        if position not in POSITIONS:
            problems.add(line, "position", f"{position!r} is not a position (expected "
                         "prone, seated, standing or supine)")
            ok = False
        instrument = instrument.strip() or default_instrument
        if instrument not in INSTRUMENTS:
            problems.add(line, "instrument", f"{instrument!r} is not an instrument (expected one "
                         f"of {', '.join(sorted(INSTRUMENTS))} or empty)")
            ok = False
        try:
            degrees = float(degrees_text)
            if degrees != degrees or degrees in (float("inf"), float("-inf")):
                raise ValueError
        except ValueError:
            problems.add(line, "degrees", f"{degrees_text!r} is not a number of degrees")
            ok = False
            degrees = 0.0
        if ok and limit is not None:
            low, high, unusual_low, unusual_high, label = limit
            if degrees < low or degrees > high:
                problems.add(line, "degrees", f"{degrees:g}° is not possible for {label} "
                             f"(accepted {low:g} to {high:g}°)")
                ok = False
            elif degrees < unusual_low or degrees > unusual_high:
                warnings.append(Problem(name, line, "degrees", f"{degrees:g}° is unusual for "
                                        f"{label}; imported, please re-check"))
        if chart and birth is not None:
            known = patients.get(chart)
            family_s, given_s = family.strip(), given.strip()
            if known is None:
                patients[chart] = _ParsedPatient(family_s, given_s, birth, sex, line)
            elif (known.family, known.given, known.birth, known.sex) != (
                family_s, given_s, birth, sex
            ):
                problems.add(line, "chart", f"chart {chart} has different demographics than on "
                             f"line {known.line} ({known.family}, {known.given}, {known.birth}, "
                             f"{known.sex})")
                ok = False
        if ok and visit_at is not None:  # ok already implies a parsed visit time
            readings.append((chart, visit_at, clinician.strip(), joint, motion, side, mode,
                             position, degrees, instrument, note))
    problems.raise_if_any()
    return patients, readings, warnings


def _chunks(items: Sequence[_T], size: int = 500) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _import_readings(
    path: Path, rows: Iterator[tuple[int, list[str]]], today: dt.date, progress: Progress | None
) -> ImportResult:
    parsed_patients, parsed, warnings = _parse_readings(path.name, rows, today, progress)

    def work() -> ImportResult:
        result = _write_readings(path, parsed_patients, parsed, progress)
        result.warnings = warnings
        return result

    with _large_sqlite_cache(len(parsed)):
        return in_transaction(work, where="the database")


@contextmanager
def _large_sqlite_cache(rows: int) -> Iterator[None]:
    """A 128 MiB page cache while a big import writes (SQLite): the random UUID index of a
    million readings no longer goes back and forth to disk (about 4 s of 30). Restored after,
    which gives the memory back."""
    db = m.database_proxy.obj
    if rows < 50_000 or not isinstance(db, SqliteDatabase):
        yield
        return
    previous = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {int(previous)}")


def _write_readings(
    path: Path,
    parsed_patients: dict[str, _ParsedPatient],
    parsed: list[_Reading],
    progress: Progress | None,
) -> ImportResult:
    name = path.name
    result = ImportResult("readings", rows=len(parsed), patients_total=len(parsed_patients))
    db = m.database_proxy.obj
    param = db.param
    batch = str(uuid_module.uuid4())
    now = m.utc_now()
    who = audit.os_user()

    # patients: match by chart; differing demographics are an error
    charts = sorted(parsed_patients)
    patient_ids: dict[str, int] = {}
    problems = _Collector(name)
    for chunk in _chunks(charts):
        marks = ", ".join([param] * len(chunk))
        for row in db.execute_sql(  # plain SQL: 100k charts through peewee's IN cost 1 s
            'SELECT "id", "chart", "family_name", "given_name", "birth_date", "sex" '
            f'FROM "patient" WHERE "chart" IN ({marks})', list(chunk)
        ).fetchall():
            pid, chart, family, given, birth, sex = row
            birth = birth if isinstance(birth, dt.date) else dt.date.fromisoformat(str(birth))
            mine = parsed_patients[chart]
            if (family, given, birth, sex) != (mine.family, mine.given, mine.birth, mine.sex):
                problems.add(mine.line, "chart", f"chart {chart} is stored as {family}, {given}, "
                             f"{birth}, {sex}: the file says {mine.family}, {mine.given}, "
                             f"{mine.birth}, {mine.sex}")
            patient_ids[chart] = pid
    problems.raise_if_any()
    stored_patients = set(patient_ids.values())  # only these can have visits already
    result.patients_new = _create_patients(
        db, [c for c in charts if c not in patient_ids], parsed_patients, patient_ids, now, who
    )

    # clinicians by name
    clinician_ids: dict[str, int | None] = {"": None}
    for clinician in sorted({r[2] for r in parsed} - {""}):
        existing = m.Clinician.get_or_none(m.Clinician.name == clinician)
        if existing is None:
            existing = m.Clinician.create(name=clinician)
            audit.record("create", "clinician", existing.uuid, after=audit.snapshot(existing))
        clinician_ids[clinician] = existing.id

    # visits: reuse (patient, time) pairs already stored
    visit_ids: dict[tuple[int, dt.datetime], int] = {}
    ids = sorted(stored_patients)
    for id_chunk in _chunks(ids):
        for vid, pid, visit_at in m.Visit.select(
            m.Visit.id, m.Visit.patient, m.Visit.visit_at
        ).where(m.Visit.patient.in_(id_chunk)).tuples().iterator():
            when = visit_at if isinstance(visit_at, dt.datetime) else \
                dt.datetime.fromisoformat(str(visit_at))
            visit_ids[(pid, when)] = vid
    pre_existing_visits = set(visit_ids.values())
    new_visits: dict[tuple[int, dt.datetime], str] = {}
    first_clinician: dict[tuple[int, dt.datetime], int | None] = {}
    for r in parsed:
        key = (patient_ids[r[0]], r[1])
        if key not in visit_ids and key not in new_visits:
            new_visits[key] = str(uuid_module.uuid4())
            first_clinician[key] = clinician_ids[r[2]]
    cursor = db.cursor()
    visit_sql = (
        'INSERT INTO "visit" ("uuid", "patient_id", "visit_at", "clinician_id", "kind", "pain", '
        '"notes", "version", "created_at", "created_by", "updated_at", "updated_by", '
        f'"import_batch") VALUES ({", ".join([param] * 13)})'
    )
    visit_rows: list[tuple[object, ...]] = [
        (vuuid, pid, when, first_clinician[(pid, when)], d.VisitKind.FOLLOW_UP.value, None, "",
         1, now, who, now, who, batch)
        for (pid, when), vuuid in new_visits.items()
    ]
    sqlite = isinstance(db, SqliteDatabase)
    if sqlite:
        visit_rows = [_sqlite_values(row) for row in visit_rows]
    for start in range(0, len(visit_rows), _CHUNK):
        cursor.executemany(visit_sql, visit_rows[start:start + _CHUNK])
    result.visits_new = len(visit_rows)
    # the batch digest, built from the rows as they go in (in id order): reading a million rows
    # back took 8 s; ``ptlog check`` recomputes it from the stored rows with ``batch_digest``
    running = hashlib.sha256()
    for row in visit_rows:
        running.update(("V|" + "|".join(_norm(v) for v in row[:5]) + "\n").encode("utf-8"))
    if visit_rows:
        # ids come in insertion order; each row is checked against the visit it should be
        inserted = db.execute_sql(
            f'SELECT "id", "patient_id", "visit_at" FROM "visit" WHERE "import_batch" = {param} '
            'ORDER BY "id"', (batch,)).fetchall()
        keys = list(new_visits)
        if len(inserted) != len(keys) or any(
            pid != key[0] or str(visit_at)[:19] != key[1].isoformat(sep=" ")
            for (_vid, pid, visit_at), key in zip(inserted, keys, strict=False)
        ):
            raise AssertionError("the imported visits did not come back as inserted")
        for (vid, _pid, _at), key in zip(inserted, keys, strict=True):
            visit_ids[key] = vid

    # readings: skip identical originals already stored (and repeats inside the file)
    present: set[tuple[object, ...]] = set()
    existing_visits = sorted(pre_existing_visits)
    for visit_chunk in _chunks(existing_visits):
        for row in m.Reading.select(
            m.Reading.visit, m.Reading.joint, m.Reading.motion, m.Reading.side, m.Reading.mode,
            m.Reading.position, m.Reading.degrees,
        ).where(
            m.Reading.visit.in_(visit_chunk) & m.Reading.supersedes.is_null()
        ).tuples().iterator():
            present.add((row[0], row[1], row[2], row[3], row[4], row[5], float(row[6])))
    reading_sql = (
        'INSERT INTO "reading" ("uuid", "visit_id", "joint", "motion", "side", "mode", '
        '"position", "degrees", "instrument", "note", "created_at", "created_by", "reason", '
        f'"is_void", "import_batch") VALUES ({", ".join([param] * 15)})'
    )
    now_value = now.isoformat(sep=" ") if sqlite else now
    false = 0 if sqlite else False
    uuids = _uuid4_strings(len(parsed))
    pending: list[tuple[object, ...]] = []
    lines: list[str] = []
    touched_patients: set[int] = set()
    total = len(parsed)
    for index, r in enumerate(parsed, 1):
        (chart, when, _clin, joint, motion, side, mode, position, degrees, instrument, note) = r
        pid = patient_ids[chart]
        vid = visit_ids[(pid, when)]
        reading_key = (vid, joint, motion, side, mode, position, degrees)
        if reading_key in present:
            result.already_present += 1
            continue
        present.add(reading_key)
        reading_uuid = next(uuids)
        pending.append((reading_uuid, vid, joint, motion, side, mode, position, degrees,
                        instrument, note, now_value, who, "", false, batch))
        # joint … instrument are catalog and enum values, which _norm leaves as they are
        lines.append(f"R|{reading_uuid}|{vid}|{joint}|{motion}|{side}|{mode}|{position}|"
                     f"{degrees!r}|{instrument}|{_norm(note) if note else ''}||0\n")
        touched_patients.add(pid)
        if len(pending) >= _CHUNK:
            running.update("".join(lines).encode("utf-8"))  # the same bytes, fewer calls
            lines.clear()
            cursor.executemany(reading_sql, pending)
            result.readings_added += len(pending)
            pending.clear()
            if progress:
                progress(index, total)
    if pending:
        running.update("".join(lines).encode("utf-8"))
        cursor.executemany(reading_sql, pending)
        result.readings_added += len(pending)
    if progress:
        progress(total, total)

    if result.readings_added or result.visits_new:
        digest = running.hexdigest()
        audit.record(
            "import", "import", batch,
            after={"file": name, "file_sha256": _file_sha256(path), "kind": "readings",
                   "readings": result.readings_added, "visits": result.visits_new,
                   "already_present": result.already_present, "digest": digest},
        )
        for pid in sorted(touched_patients)[:1000]:
            notify_readings_changed(pid)
    return result


_PATIENT_COLUMNS = (
    "uuid", "chart", "family_name", "given_name", "family_key", "given_key", "birth_date", "sex",
    "dominant_side", "diagnosis", "referring_physician", "contact", "notes", "archived",
    "version", "created_at", "updated_at", "updated_by",
)


def _create_patients(
    db: Database,
    charts: list[str],
    parsed_patients: dict[str, _ParsedPatient],
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
    if sqlite:
        tail = _sqlite_values(tail)
    template_snapshot = audit.snapshot(template)
    uuids = _uuid4_strings(len(charts))
    values: list[tuple[object, ...]] = []
    snapshots: list[dict[str, object]] = []
    for chart in charts:
        p = parsed_patients[chart]
        birth = p.birth.isoformat()
        row = (next(uuids), chart, p.family, p.given, fold(p.family), fold(p.given), birth, p.sex)
        values.append((*row[:6], birth if sqlite else p.birth, p.sex, *tail))
        snapshot = dict(template_snapshot)
        snapshot.update(zip(varying, row, strict=True))
        snapshots.append(snapshot)
    names = ", ".join(f'"{c}"' for c in _PATIENT_COLUMNS)
    sql = (f'INSERT INTO "patient" ({names}) '
           f'VALUES ({", ".join([db.param] * len(_PATIENT_COLUMNS))})')
    cursor = db.cursor()
    with driver_errors():  # driver errors as peewee's, so a lost race is retried
        for start in range(0, len(values), _CHUNK):
            cursor.executemany(sql, values[start:start + _CHUNK])
    position = {chart: i for i, chart in enumerate(charts)}
    for chunk in _chunks(charts):
        marks = ", ".join([db.param] * len(chunk))
        for pid, chart in db.execute_sql(
            f'SELECT "id", "chart" FROM "patient" WHERE "chart" IN ({marks})', list(chunk)
        ):
            snapshots[position[chart]]["id"] = pid
            patient_ids[chart] = pid
    audit.record_many([
        ("create", "patient", str(snap["uuid"]), None, snap, str(snap["uuid"]))
        for snap in snapshots
    ])
    return len(charts)


def _uuid4_strings(count: int) -> Iterator[str]:
    """``count`` random (version 4) UUIDs as text, made in bulk: ``str(uuid4())`` a million
    times took 2.5 s of an import."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])  # version 4
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])  # RFC 4122 variant
    text = raw.hex()
    for i in range(0, 32 * count, 32):
        yield f"{text[i:i + 8]}-{text[i + 8:i + 12]}-{text[i + 12:i + 16]}-" \
              f"{text[i + 16:i + 20]}-{text[i + 20:i + 32]}"


def _sqlite_values(row: tuple[object, ...]) -> tuple[object, ...]:
    """sqlite3's default datetime adapters are deprecated: store the text peewee would."""
    return tuple(
        v.isoformat(sep=" ") if isinstance(v, dt.datetime) else
        v.isoformat() if isinstance(v, dt.date) else v
        for v in row
    )


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _norm(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] in " T" and text[13] == ":":
        return text[:19].replace("T", " ")  # datetime stored as text (SQLite)
    return text


def batch_digest(batch_uuid: str) -> str:
    """SHA-256 over the stored visits and readings of one import, in id order.

    ``ptlog check`` recomputes it and compares with the import's audit event.
    """
    digest = hashlib.sha256()
    visits = m.Visit.select(
        m.Visit.uuid, m.Visit.patient, m.Visit.visit_at, m.Visit.clinician, m.Visit.kind,
    ).where(m.Visit.import_batch == batch_uuid).order_by(m.Visit.id).tuples()
    for row in visits.iterator():
        digest.update(("V|" + "|".join(_norm(v) for v in row) + "\n").encode("utf-8"))
    readings = m.Reading.select(
        m.Reading.uuid, m.Reading.visit, m.Reading.joint, m.Reading.motion, m.Reading.side,
        m.Reading.mode, m.Reading.position, m.Reading.degrees, m.Reading.instrument,
        m.Reading.note, m.Reading.supersedes, m.Reading.is_void,
    ).where(m.Reading.import_batch == batch_uuid).order_by(m.Reading.id).tuples()
    for row in readings.iterator():
        values = list(row)
        values[7] = float(values[7])
        values[11] = bool(values[11])
        digest.update(("R|" + "|".join(_norm(v) for v in values) + "\n").encode("utf-8"))
    return digest.hexdigest()


# --- treatments ---------------------------------------------------------------------------

def _import_treatments(
    path: Path, rows: Iterator[tuple[int, list[str]]], today: dt.date
) -> ImportResult:
    name = path.name
    problems = _Collector(name)
    parsed: list[tuple[int, str, str, dt.date, dt.date | None, str, int | None, float | None,
                       str]] = []
    for line, row in rows:
        if len(row) != len(TREATMENTS_COLUMNS):
            problems.add(line, "", f"expected {len(TREATMENTS_COLUMNS)} fields, found {len(row)}")
            continue
        chart, kind, start_text, end_text, side, sessions_text, cost_text, note = row
        ok = True
        if not chart.strip():
            problems.add(line, "chart", "the chart number is empty")
            ok = False
        try:
            kind = choice(kind, TREATMENT_KINDS, "treatment kind")
        except FieldError as exc:
            problems.add(line, "kind", str(exc))
            ok = False
        start = end = None
        try:
            start = parse_date(start_text, today=today + dt.timedelta(days=366))
        except FieldError as exc:
            problems.add(line, "start_date", str(exc))
            ok = False
        if end_text.strip():
            try:
                end = parse_date(end_text, today=today + dt.timedelta(days=366))
                if start is not None and end < start:
                    problems.add(line, "end_date", f"the end ({end}) is before the start "
                                 f"({start})")
                    ok = False
            except FieldError as exc:
                problems.add(line, "end_date", str(exc))
                ok = False
        side = side.strip() or "B"
        if side not in TREATMENT_SIDES:
            problems.add(line, "side", f"{side!r} is not a side (expected L, R, B or empty)")
            ok = False
        sessions = None
        if sessions_text.strip():
            try:
                sessions = int(sessions_text)
                if not 0 <= sessions <= 500:
                    raise ValueError
            except ValueError:
                problems.add(line, "sessions", f"{sessions_text!r} is not a number of sessions "
                             "(0-500)")
                ok = False
        cost = None
        if cost_text.strip():
            try:
                cost = parse_number(cost_text, "dollars")
                if cost < 0:
                    raise FieldError(f"{cost_text!r} is negative")
            except FieldError as exc:
                problems.add(line, "cost", str(exc))
                ok = False
        if ok and start is not None:  # ok already implies a parsed start date
            parsed.append((line, chart.strip(), kind, start, end, side, sessions, cost, note))
    problems.raise_if_any()

    def work() -> ImportResult:
        result = ImportResult("treatments", rows=len(parsed))
        found: dict[str, m.Patient] = {}
        for chunk in _chunks(sorted({p[1] for p in parsed})):
            for row in m.Patient.select().where(m.Patient.chart.in_(chunk)):
                found[row.chart] = row
        missing = _Collector(name)
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
            audit.record("import", "import", str(uuid_module.uuid4()),
                         after={"file": name, "file_sha256": _file_sha256(path),
                                "kind": "treatments", "treatments": result.treatments_added})
        return result

    return in_transaction(work, where="the database")
