"""The clinic network on one PostgreSQL server: its data set (COPY) and its measured processes.

The data set is written straight into ptlog's schema with COPY (ptlog's own import would take
an hour for ten million readings): generated patients with two visits and one treatment each,
plus the same 5,000-reading and 200-visit patients as the SQLite data set. Its rows carry no
audit events (a benchmark fixture): ``ptlog check`` is run on the workstations' own database,
whose every row was written through ptlog.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit


def with_dbname(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _libpq(url: str) -> str:
    """psycopg takes the URL as it is (``postgresql://user@host:port/db?...``)."""
    return url


def create_database(server_url: str, name: str) -> str:
    """A fresh database ``name`` on the server of ``server_url``; returns its URL."""
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_dbname(server_url, name)


def drop_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def checkpoint(url: str) -> bool:
    """Write the server's dirty pages out now (``CHECKPOINT``), so a measurement that follows
    a data set of half a gigabyte does not share the disk and CPU with the checkpoint that data
    set calls for; False where the user may not (not a superuser)."""
    import psycopg

    try:
        with psycopg.connect(_libpq(url), autocommit=True) as conn:
            conn.execute("CHECKPOINT")
    except psycopg.errors.InsufficientPrivilege:
        return False
    return True


def database_size(url: str) -> int:
    import psycopg

    with psycopg.connect(_libpq(url)) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) if row else 0


# --- the data set -------------------------------------------------------------------------

def _uuid(kind: int, n: int) -> str:
    """Distinct, increasing UUID-shaped keys (version 4 layout, as ptlog writes them)."""
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


class _Copy:
    """Text-format COPY lines gathered into blocks of about a megabyte."""

    def __init__(self, copy: Any) -> None:
        self.copy = copy
        self.buffer = io.StringIO()
        self.size = 0

    def row(self, *values: object) -> None:
        line = "\t".join("\\N" if v is None else str(v) for v in values) + "\n"
        self.buffer.write(line)
        self.size += len(line)
        if self.size > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.copy.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer = io.StringIO()
        self.size = 0


PATIENT_COLUMNS = ("id, uuid, chart, family_name, given_name, family_key, given_key, birth_date, "
                   "sex, dominant_side, diagnosis, referring_physician, contact, notes, archived, "
                   "version, created_at, updated_at, updated_by")
VISIT_COLUMNS = ("id, uuid, patient_id, visit_at, clinician_id, kind, pain, notes, version, "
                 "created_at, created_by, updated_at, updated_by")
READING_COLUMNS = ("id, uuid, visit_id, joint, motion, side, mode, position, degrees, instrument, "
                   "note, created_at, created_by, supersedes_id, reason, is_void")
TREATMENT_COLUMNS = ("id, uuid, patient_id, kind, start_date, end_date, side, cost, details, "
                     "notes, version, created_at, updated_at, updated_by")


def build_clinic(url: str, patients: int, readings_each: int,
                 log: Callable[[str], None]) -> dict[str, int]:
    """ptlog's schema (its migrations) and then COPY of the generated rows."""
    import psycopg
    from datasets import (
        _CLINICIANS,
        _GIVEN,
        _HIP_RANGE,
        CHART_200V,
        CHART_5000,
        HIP_PANEL,
        TREATMENT_KINDS,
        _family_name,
        _patient_rows,
    )

    from ptlog.domain.text import fold, search_words
    from ptlog.store.database import close_database, open_database

    close_database(open_database(url))  # the schema, as a workstation's first start makes it
    rng = random.Random(21)
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    combos = [(motion, side) for motion in HIP_PANEL for side in "LR"]
    per_visit = 6
    counts = {"patients": 0, "visits": 0, "readings": 0, "treatments": 0}
    started = time.perf_counter()
    with psycopg.connect(_libpq(url)) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '256MB'")
        clinician_ids = []
        for name in _CLINICIANS:
            row = conn.execute(
                "INSERT INTO clinician (uuid, name, credentials, active) VALUES (%s, %s, '', "
                "true) RETURNING id", (_uuid(9, len(clinician_ids)), name)).fetchone()
            clinician_ids.append(row[0] if row else None)
        visits_of: list[tuple[int, dt.datetime, int]] = []  # (patient, visit time, readings)
        with conn.cursor() as cur, cur.copy(f"COPY patient ({PATIENT_COLUMNS}) FROM STDIN") as cp:
            out = _Copy(cp)
            specials = [(CHART_5000, 5000, 24, "Benchmark-Many"),
                        (CHART_200V, 2400, 12, "Benchmark-Visits")]
            special_rows: dict[int, list[list[str]]] = {}
            names: list[tuple[int, str, str, str]] = []
            for pid in range(1, patients + len(specials) + 1):
                if pid <= patients:
                    chart = f"C{pid - 1:07d}"
                    family, given = _family_name(rng), rng.choice(_GIVEN)
                    birth = dt.date(rng.randint(1940, 2010), rng.randint(1, 12),
                                    rng.randint(1, 28))
                    sex = rng.choice("FM")
                    n_visits = -(-readings_each // per_visit)
                    first = dt.datetime.combine(today, dt.time(9)) - dt.timedelta(days=n_visits)
                    left = readings_each
                    for v in range(n_visits):
                        visits_of.append((pid, first + dt.timedelta(days=v),
                                          min(per_visit, left)))
                        left -= per_visit
                else:
                    chart, n, each, family = specials[pid - patients - 1]
                    rows = _patient_rows(rng, chart, n, today, per_visit=each, family=family)
                    special_rows[pid] = rows
                    given, birth, sex = rows[0][2], dt.date.fromisoformat(rows[0][3]), rows[0][4]
                    for v in range(0, len(rows), each):
                        visits_of.append((pid, dt.datetime.fromisoformat(rows[v][5]),
                                          len(rows[v:v + each])))
                out.row(pid, _uuid(1, pid), chart, family, given, fold(family), fold(given),
                        birth.isoformat(), sex, None, "", "", "", "", "f", 1, now, now, "bench")
                names.append((pid, chart, family, given))
            out.flush()
        # the words a search may start at inside names and charts, as ptlog keeps them
        with conn.cursor() as cur, cur.copy("COPY patient_word (patient_id, word) FROM STDIN"
                                            ) as cp:
            out = _Copy(cp)
            for pid, chart, family, given in names:
                for word in sorted(search_words(chart, family, given)):
                    out.row(pid, word)
            out.flush()
        counts["patients"] = patients + 2
        log(f"pg data set: {counts['patients']:,} patients copied "
            f"({time.perf_counter() - started:.0f} s)")
        with conn.cursor() as cur, cur.copy(f"COPY visit ({VISIT_COLUMNS}) FROM STDIN") as cp:
            out = _Copy(cp)
            for vid, (pid, when, _n) in enumerate(visits_of, start=1):
                out.row(vid, _uuid(2, vid), pid, when.isoformat(sep=" "),
                        clinician_ids[pid % len(clinician_ids)], "follow_up", None, "", 1, now,
                        "bench", now, "bench")
            out.flush()
        counts["visits"] = len(visits_of)
        log(f"pg data set: {counts['visits']:,} visits copied "
            f"({time.perf_counter() - started:.0f} s)")
        rid = 0
        with conn.cursor() as cur, cur.copy(f"COPY reading ({READING_COLUMNS}) FROM STDIN") as cp:
            out = _Copy(cp)
            special_at: dict[int, int] = {}
            for vid, (pid, _when, n) in enumerate(visits_of, start=1):
                if pid in special_rows:
                    start = special_at.get(pid, 0)
                    special_at[pid] = start + n
                    for row in special_rows[pid][start:start + n]:
                        rid += 1
                        out.row(rid, _uuid(3, rid), vid, "hip", row[8], row[9], row[10],
                                row[11], row[12], "universal_goniometer", "", now, "bench", None,
                                "", "f")
                    continue
                for motion, side in combos[:n]:
                    rid += 1
                    low, high = _HIP_RANGE[motion]
                    out.row(rid, _uuid(3, rid), vid, "hip", motion, side, "active", "seated",
                            rng.randint(low * 10, high * 10) / 10, "universal_goniometer", "",
                            now, "bench", None, "", "f")
                if rid % 1_000_000 < per_visit:
                    log(f"pg data set: {rid:,} readings ({time.perf_counter() - started:.0f} s)")
            out.flush()
        counts["readings"] = rid
        with conn.cursor() as cur, cur.copy(
                f"COPY treatment ({TREATMENT_COLUMNS}) FROM STDIN") as cp:
            out = _Copy(cp)
            first_visit: dict[int, dt.datetime] = {}
            for pid, when, _n in visits_of:
                first_visit.setdefault(pid, when)
            for pid in range(1, patients + 1):
                out.row(pid, _uuid(4, pid), pid, TREATMENT_KINDS[pid % len(TREATMENT_KINDS)],
                        first_visit[pid].date().isoformat(), None, "B",
                        float(50 + pid % 7 * 25) if pid % 3 else None, "", "", 1, now, now,
                        "bench")
            out.flush()
        counts["treatments"] = patients
        for table in ("clinician", "patient", "patient_word", "visit", "reading", "treatment"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT MAX(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    log(f"pg data set built in {time.perf_counter() - started:.0f} s: {counts}")
    return counts


# --- measured processes (run through children.py) ----------------------------------------

def _emit(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


def comparison(url: str, reps: str) -> None:
    """The clinic comparison over every patient, as a workstation sees it day to day: its kept
    series (``store/cohort_series``) built first — timed apart, ``cold_build`` — then each
    repetition right after another process saved follow-ups of a few treated patients, so
    the timed call recomputes those patients' series and counts (the refresh path)."""
    from ptlog.domain.cohort import DEFAULT_MOTION
    from ptlog.services.comparison import clinic_cohort
    from ptlog.store import cohort_series
    from ptlog.store.database import open_database

    open_database(url)
    start = time.perf_counter()
    cohort_series.bring_up_to_date(DEFAULT_MOTION)
    cold = time.perf_counter() - start
    times, rows = [], []
    children = Path(__file__).with_name("children.py")
    for rep in range(int(reps)):
        subprocess.run([sys.executable, str(children), "pg_saves", url, "5", str(rep)],
                       check=True, capture_output=True)
        start = time.perf_counter()
        rows = clinic_cohort()
        times.append(time.perf_counter() - start)
    _emit({"seconds": statistics.median(times), "times": times, "cold_build": cold,
           "patients": sum(r.patients for r in rows)})


def saves(url: str, count: str, seed: str) -> None:
    """Another workstation: a follow-up visit (hip internal rotation) of ``count`` treated
    patients, each saved through ptlog (audited)."""
    from ptlog.domain import records as d
    from ptlog.store import models as m
    from ptlog.store import readings
    from ptlog.store.database import open_database

    open_database(url)
    rng = random.Random(int(seed))
    top = int(m.Treatment.select(m.Treatment.id).order_by(m.Treatment.id.desc()).first().id)
    motion = d.MotionKey("hip", "internal_rotation")
    # today, an hour apart per repetition: a follow-up of every treatment of the data set
    when = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(hours=1 + int(seed))
    for i in range(int(count)):
        patient = m.Treatment.get_by_id(rng.randint(1, top)).patient_id
        at = when + dt.timedelta(minutes=i)
        readings.save_visit_readings(patient, [d.Reading(
            motion, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, 30.0 + i, at)],
            visit_at=at, clinician="Ann Lee")
    _emit({"saved": int(count)})


def setup_workstations(url: str, workstations: str, patients_each: str) -> None:
    """The workstations' database: patients made through ptlog (audited), one set each."""
    from ptlog.domain.records import Patient, Sex
    from ptlog.services.patients import save_patient
    from ptlog.store.database import open_database

    open_database(url)
    ids: dict[int, list[int]] = {}
    for w in range(int(workstations)):
        for p in range(int(patients_each)):
            done = save_patient(Patient(chart=f"W{w:02d}-{p:04d}", family_name=f"Station{w}",
                                        given_name=f"Pat{p}", birth_date=dt.date(1970, 1, 1),
                                        sex=Sex.FEMALE))
            ids.setdefault(w, []).append(int(done.value.id or 0))
    _emit({"ids": ids})


def _visits(patient_ids: list[int], index: int,
            round_: int = 0) -> Iterator[tuple[int, dt.datetime]]:
    """Each save a new visit of one of this workstation's patients, a minute apart (a day of
    its own for each workstation in each round: no visit of an earlier round is met again)."""
    base = dt.datetime(2020, 1, 1, 8) + dt.timedelta(days=index + 100 * round_)
    n = 0
    while True:
        yield patient_ids[n % len(patient_ids)], base + dt.timedelta(minutes=n)
        n += 1


PANEL = (("internal_rotation", "L"), ("internal_rotation", "R"), ("external_rotation", "L"),
         ("external_rotation", "R"), ("flexion", "L"), ("flexion", "R"))


def workstation(url: str, index: str, ids_json: str, start_at: str, seconds: str,
                mode: str, round_: str = "0") -> None:
    """One workstation saving visits (six hip readings each) until its time is up.

    ``app``: ``services.visits.save_visit`` (ptlog's path: visit, readings, audit events with
    their hash chain, one transaction). ``raw``: the floor, the same rows (visit, readings, an
    audit row each, its content as long as ptlog's and a link and a hash of a hash's length,
    but no hashing) with plain psycopg INSERTs in one transaction, no ptlog code."""
    patient_ids = json.loads(ids_json)
    until = float(start_at) + float(seconds)
    latencies: list[float] = []
    saved: list[str] = []
    visits = _visits(patient_ids, int(index), int(round_))
    clinician = f"Workstation {index}"
    if mode == "app":
        from ptlog.domain.records import Mode, MotionKey, Position, Reading, Side
        from ptlog.services.visits import save_visit
        from ptlog.store.database import open_database

        open_database(url)
        while time.time() < float(start_at):
            time.sleep(0.001)
        while time.time() < until:
            pid, when = next(visits)
            readings = [Reading(MotionKey("hip", motion), Side(side), Mode.ACTIVE,
                                Position.SEATED, 30.0 + n, when)
                        for n, (motion, side) in enumerate(PANEL)]
            start = time.perf_counter()
            done = save_visit(pid, readings, visit_at=when, clinician=clinician)
            latencies.append(time.perf_counter() - start)
            saved.append(str(done.value.visit.uuid))
    else:
        import uuid

        import psycopg

        conn = psycopg.connect(_libpq(url), autocommit=True)
        while time.time() < float(start_at):
            time.sleep(0.001)
        prev_hash = "0" * 64
        while time.time() < until:
            pid, when = next(visits)
            start = time.perf_counter()
            with conn.transaction():
                visit_uuid = str(uuid.uuid4())
                row = conn.execute(
                    "INSERT INTO visit (uuid, patient_id, visit_at, clinician_id, kind, pain, "
                    "notes, version, created_at, created_by, updated_at, updated_by) VALUES "
                    "(%s, %s, %s, NULL, 'follow_up', NULL, '', 1, now(), %s, now(), %s) "
                    "RETURNING id", (visit_uuid, pid, when, clinician, clinician)).fetchone()
                visit_id = row[0] if row else None
                reading_uuids = [str(uuid.uuid4()) for _ in PANEL]
                with conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO reading (uuid, visit_id, joint, motion, side, mode, position, "
                        "degrees, instrument, note, created_at, created_by, reason, is_void) "
                        "VALUES (%s, %s, 'hip', %s, %s, 'active', 'seated', %s, "
                        "'universal_goniometer', '', now(), %s, '', false)",
                        [(reading_uuid, visit_id, motion, side, 30.0 + n, clinician)
                         for reading_uuid, (n, (motion, side)) in zip(
                             reading_uuids, enumerate(PANEL), strict=True)])
                    events = []
                    for entity, entity_uuid, after in [
                            ("visit", visit_uuid, _visit_after(visit_uuid, visit_id, pid, when,
                                                               clinician))] + [
                            ("reading", reading_uuid, _reading_after(reading_uuid, visit_id,
                                                                     motion, side, 30.0 + n,
                                                                     clinician))
                            for reading_uuid, (n, (motion, side)) in zip(
                                reading_uuids, enumerate(PANEL), strict=True)]:
                        digest = uuid.uuid4().hex + uuid.uuid4().hex  # no chain: the rows alone
                        events.append((clinician, entity, entity_uuid, visit_uuid, after,
                                       prev_hash, digest))
                        prev_hash = digest
                    cur.executemany(
                        "INSERT INTO audit_event (at, os_user, clinician, action, entity, "
                        "entity_uuid, patient_uuid, before, after, prev_hash, hash) VALUES "
                        "(now(), 'bench', %s, 'create', %s, %s, %s, NULL, %s, %s, %s)", events)
            latencies.append(time.perf_counter() - start)
            saved.append(visit_uuid)
    _emit({"latencies": latencies, "saved": saved})
    sys.stdout.flush()
    os._exit(0)


def _visit_after(visit_uuid: str, visit_id: int | None, patient_id: int, when: dt.datetime,
                 clinician: str) -> str:
    """The floor's audit row for a visit: as long as ptlog's (its snapshot of the row, ~340
    characters), not ``'{}'``: the same rows, so the server writes as much for both."""
    return json.dumps({
        "clinician_id": None, "created_at": when.isoformat(), "created_by": clinician,
        "id": visit_id, "import_batch": None, "kind": "follow_up", "late_entry": False,
        "notes": "", "pain": None, "patient_id": patient_id, "updated_at": when.isoformat(),
        "updated_by": clinician, "utc_offset": None, "uuid": visit_uuid, "version": 1,
        "visit_at": when.isoformat()}, sort_keys=True, separators=(",", ":"))


def _reading_after(reading_uuid: str, visit_id: int | None, motion: str, side: str,
                   degrees: float, clinician: str) -> str:
    """The floor's audit row for a reading, as long as ptlog's snapshot of it."""
    return json.dumps({
        "created_at": "2026-01-01T08:00:00", "created_by": clinician, "degrees": degrees,
        "id": None, "import_batch": None, "instrument": "universal_goniometer",
        "is_void": False, "joint": "hip", "mode": "active", "motion": motion, "note": "",
        "position": "seated", "reason": "", "side": side, "supersedes_id": None,
        "uuid": reading_uuid, "visit_id": visit_id}, sort_keys=True, separators=(",", ":"))


def verify_workstations(url: str, saved_json_file: str) -> None:
    """Every visit a workstation was told was saved is there once, with its six readings,
    nothing else was written, and ``ptlog check`` finds the database sound."""
    from ptlog.services.check import check_database
    from ptlog.store.database import open_database

    with open(saved_json_file, encoding="utf-8") as handle:
        saved: dict[str, list[str]] = json.load(handle)
    db = open_database(url)
    told = {u for uuids in saved.values() for u in uuids}
    stored: dict[str, int] = {}
    for visit_uuid, readings in db.execute_sql(
            "SELECT v.uuid, COUNT(r.id) FROM visit v LEFT JOIN reading r ON r.visit_id = v.id "
            "GROUP BY v.uuid").fetchall():
        stored[str(visit_uuid)] = int(readings)
    lost = len(told - set(stored))
    unexpected = len(set(stored) - told)
    wrong_readings = sum(1 for u in told & set(stored) if stored[u] != len(PANEL))
    duplicated = sum(len(uuids) - len(set(uuids)) for uuids in saved.values())
    findings = [str(f) for f in check_database()]
    _emit({"lost": lost, "unexpected": unexpected, "wrong_readings": wrong_readings,
           "duplicated": duplicated, "findings": findings[:5], "finding_count": len(findings),
           "visits": len(stored)})


CHILDREN: dict[str, Callable[..., None]] = {
    "pg_comparison": comparison, "pg_saves": saves, "pg_setup_workstations": setup_workstations,
    "pg_workstation": workstation, "pg_verify_workstations": verify_workstations,
}
