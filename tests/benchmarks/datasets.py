"""Benchmark data sets: generated readings CSVs, imported through ptlog's own bulk path.

Built databases are cached under ``$PTLOG_BENCH_CACHE`` (default: ``<tmp>/ptlog-bench-cache``)
keyed by their size, the generator version and the schema migrations, so re-runs skip the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
HIP_PANEL = ("internal_rotation", "external_rotation", "flexion", "extension", "abduction",
             "adduction")
# plausible hip values (degrees), well inside the catalog's "unusual" limits
_HIP_RANGE = {"internal_rotation": (20, 40), "external_rotation": (30, 45), "flexion": (100, 120),
              "extension": (10, 20), "abduction": (30, 45), "adduction": (15, 25)}
_ONSETS = ["b", "br", "c", "ch", "d", "f", "g", "gr", "h", "j", "k", "kl", "l", "m", "n", "p",
           "r", "s", "st", "t", "v", "w", "z"]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ei", "ou"]
_CODAS = ["", "n", "r", "s", "l", "k", "m", "nd", "rt", "sz"]
_GIVEN = ["Anna", "Ben", "Clara", "David", "Emre", "Fatima", "Grace", "Hiroshi", "Ingrid",
          "Jonas", "Kwame", "Leila", "Mateo", "Noor", "Olga", "Priya", "Rafael", "Sofia", "Theo",
          "Zoe", "Amelie", "Lukasz", "Mei", "Omar", "Aoife", "Dmitri", "Lucia", "Soren"]
_CLINICIANS = ("Ann Lee", "Marco Bianchi", "Priya Raman")

#: the two special patients added to the 10k data set
CHART_5000 = "BENCH-R5000"
CHART_200V = "BENCH-V200"


def cache_dir() -> Path:
    folder = Path(os.environ.get("PTLOG_BENCH_CACHE")
                  or Path(tempfile.gettempdir()) / "ptlog-bench-cache")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def schema_key() -> str:
    """Changes when a migration is added or edited, or the SQLite pragmas (the page size is
    fixed when a file is made): a cached database is then rebuilt."""
    import ptlog.store.migrations as migrations
    from ptlog.store.database import SQLITE_PRAGMAS

    digest = hashlib.sha256(repr(SQLITE_PRAGMAS).encode())
    for path in sorted(Path(migrations.__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def _family_name(rng: random.Random) -> str:
    parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 3))]
    return ("".join(parts) + rng.choice(_CODAS)).capitalize()


def _row(chart: str, family: str, given: str, birth: dt.date, sex: str, when: dt.datetime,
         clinician: str, motion: str, side: str, mode: str, position: str,
         degrees: float) -> list[str]:
    visit = when.strftime("%Y-%m-%dT%H:%M") if when.time() != dt.time() else when.date().isoformat()
    return [chart, family, given, birth.isoformat(), sex, visit, clinician, "hip", motion, side,
            mode, position, f"{degrees:g}", "", ""]


def _patient_rows(rng: random.Random, chart: str, readings: int, today: dt.date,
                  per_visit: int = 12, family: str | None = None) -> list[list[str]]:
    """``readings`` hip readings in visits of ``per_visit`` (motions x sides x modes), weekly."""
    family = family or _family_name(rng)
    given = rng.choice(_GIVEN)
    sex = rng.choice("FM")
    birth = dt.date(rng.randint(1940, 2010), rng.randint(1, 12), rng.randint(1, 28))
    clinician = rng.choice(_CLINICIANS)
    visits = -(-readings // per_visit)
    first = dt.datetime.combine(today, dt.time(9)) - dt.timedelta(days=visits)
    combos = [(motion, side, mode) for mode in ("active", "passive") for motion in HIP_PANEL
              for side in "LR"][:per_visit]
    rows: list[list[str]] = []
    for v in range(visits):
        when = first + dt.timedelta(days=v)
        for motion, side, mode in combos:
            if len(rows) == readings:
                break
            low, high = _HIP_RANGE[motion]
            rows.append(_row(chart, family, given, birth, sex, when, clinician, motion, side,
                             mode, "seated", round(rng.uniform(low, high), 1)))
    return rows


HEADER = ["chart", "family_name", "given_name", "birth_date", "sex", "visit_date", "clinician",
          "joint", "motion", "side", "mode", "position", "degrees", "instrument", "note"]


def write_csv(path: Path, patients: int, readings_per_patient: int, *, seed: int = 9,
              special: bool = False, today: dt.date | None = None, per_visit: int = 12,
              chart_prefix: str = "C") -> int:
    """Write a readings CSV; ``special`` adds the 5,000-reading and the 200-visit patients.
    Each patient's readings come in daily visits of ``per_visit`` (at most 12)."""
    rng = random.Random(seed)
    today = today or dt.date.today()
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(patients):
            rows = _patient_rows(rng, f"{chart_prefix}{i:07d}", readings_per_patient, today,
                                 per_visit=min(per_visit, readings_per_patient))
            out.writerows(rows)
            count += len(rows)
        if special:
            for chart, n, per_visit, family in ((CHART_5000, 5000, 24, "Benchmark-Many"),
                                                (CHART_200V, 2400, 12, "Benchmark-Visits")):
                rows = _patient_rows(rng, chart, n, today, per_visit=per_visit, family=family)
                out.writerows(rows)
                count += len(rows)
    return count


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def built_database(name: str, patients: int, readings_per_patient: int, *, special: bool,
                   log: Callable[[str], None] = print, per_visit: int = 12,
                   treatments: bool = False) -> Path:
    """A cached SQLite database built by ``import_csv`` of a generated CSV (built once);
    ``treatments`` gives every generated patient one treatment between their first two visits
    (the clinic comparison then counts each of them)."""
    key = (f"{name}-p{patients}-r{readings_per_patient}-v{per_visit}-t{int(treatments)}"
           f"-g{GENERATOR_VERSION}-s{schema_key()}")
    target = cache_dir() / f"{key}.db"
    if target.exists():
        return target
    from ptlog.store.csv_import import import_csv
    from ptlog.store.database import close_database, open_database

    log(f"building {target.name} (cached for later runs)…")
    work = Path(tempfile.mkdtemp(prefix="ptlog-bench-build-", dir=cache_dir()))
    try:
        source = work / "readings.csv"
        write_csv(source, patients, readings_per_patient, special=special, per_visit=per_visit)
        db_path = work / "build.db"
        db = open_database(sqlite_url(db_path))
        import_csv(source)
        if treatments:
            add_treatments(db)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        close_database(db)
        os.replace(db_path, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


TREATMENT_KINDS = ("physical_therapy", "steroid_injection", "hip_arthroscopy",
                   "joint_mobilization", "dry_needling", "other")


def add_treatments(db: Any) -> int:
    """One one-day treatment per generated patient (chart ``C…``) on the day of their first
    visit: that visit is the baseline, the next ones are follow-ups. Raw SQL in one
    transaction (a benchmark fixture, not a clinical write: no audit events)."""
    import uuid

    rows = db.execute_sql(
        "SELECT v.patient_id, MIN(date(v.visit_at)) FROM visit v JOIN patient p "
        "ON p.id = v.patient_id WHERE p.chart LIKE 'C%' GROUP BY v.patient_id").fetchall()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    with db.atomic():
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
        db.cursor().executemany(
            "INSERT INTO treatment (uuid, patient_id, kind, start_date, end_date, side, "
            "sessions_planned, sessions_attended, cost, details, notes, version, created_at, "
            "updated_at, updated_by) VALUES (?, ?, ?, ?, NULL, 'B', NULL, NULL, ?, '', '', 1, "
            "?, ?, 'benchmark')",
            [(str(uuid.uuid4()), pid, TREATMENT_KINDS[pid % len(TREATMENT_KINDS)], first,
              float(50 + pid % 7 * 25) if pid % 3 else None, now, now)
             for pid, first in rows])
    return len(rows)


def csv_file(patients: int, readings_per_patient: int, chart_prefix: str = "C") -> Path:
    """A cached generated CSV (the import benchmark's input); ``chart_prefix`` keeps its
    patients apart from a data set's (an import of new patients into a full database)."""
    target = cache_dir() / (f"readings-p{patients}-r{readings_per_patient}"
                            f"{'' if chart_prefix == 'C' else '-' + chart_prefix}"
                            f"-g{GENERATOR_VERSION}.csv")
    if not target.exists():
        partial = target.with_suffix(".part")
        write_csv(partial, patients, readings_per_patient, chart_prefix=chart_prefix)
        os.replace(partial, target)
    return target


def xlsx_file(patients: int, readings_per_patient: int) -> Path:
    """A cached generated workbook of the same readings as ``csv_file``'s, as a clinic's
    spreadsheet holds them: real dates, numbers, empty cells (the xlsx import's input)."""
    target = cache_dir() / f"readings-p{patients}-r{readings_per_patient}-g{GENERATOR_VERSION}.xlsx"
    if target.exists():
        return target
    from openpyxl import Workbook

    rng = random.Random(9)
    today = dt.date.today()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Readings")
    sheet.append(HEADER)
    for i in range(patients):
        for row in _patient_rows(rng, f"C{i:07d}", readings_per_patient, today,
                                 per_visit=min(12, readings_per_patient)):
            sheet.append([*row[:3], dt.date.fromisoformat(row[3]), row[4],
                          dt.datetime.fromisoformat(row[5]), row[6], *row[7:12],
                          float(row[12]), None, None])
    partial = target.with_suffix(".part")
    workbook.save(partial)
    os.replace(partial, target)
    return target


def working_copy(db: Path, folder: Path) -> Path:
    """A private copy for a benchmark that writes (the cache stays pristine)."""
    copy = folder / db.name
    shutil.copyfile(db, copy)
    os.chmod(copy, 0o600)
    return copy
