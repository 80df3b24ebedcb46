"""The clinic comparison's series, kept: one row per treatment × series of a motion.

Counting the comparison from the readings ranked every reading of the motion on each call
(20–25 s for a million patients on PostgreSQL). What it counts per treatment and series (side,
position, mode) — the change of the latest follow-up, of the best earlier one and of each
window's last (with and without confounded follow-ups), and which series is picked — depends
only on that one patient's readings and treatments, not on the MDC or the panel's filters. So
those rows are kept in ``cohort_series`` (migration 11) and ``clinic_cohort`` counts them.

The rules live in one statement (``_STATEMENT``), run for every patient (a build) or for some (a
refresh). The rows are kept current from the audit trail: each change of a reading, visit or
treatment is audited in its own transaction with the patient's uuid, an import of readings with its
batch (its visits and readings carry it), a restore as the database's. The chain's ids are
committed in order (every insert into ``audit_event`` holds the chain's lock to its commit:
``audit.record`` and the group seal of ``audit_seal`` alike; a change whose events wait to be
chained is seen when they are), so everything up to the highest id one reads is there.
``cohort_series_state`` holds per motion the audit id the rows are current up to;
``bring_up_to_date`` recomputes the patients named after it, replaces their rows and moves the
mark, in one transaction under one lock (two workstations at once: the second waits, then finds the
work done). A motion is built whole on its first comparison.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Database, PostgresqlDatabase

from ptlog.domain import records as d
from ptlog.domain.treatment_analysis import BASELINE_MAX_DAYS, MEDIUM_MAX_DAYS, SHORT_MAX_DAYS
from ptlog.store import models as m
from ptlog.store.drivers import placeholders

# dialect pieces: a visit's day, a day some days before another, days between two days
_SQLITE = {
    "day": "date(v.visit_at)",
    "earliest": "date(t.start_date, '-{days} days')",
    "days_between": "CAST(julianday({day}) - julianday({end}) AS INTEGER)",
}
_POSTGRES = {
    "day": "CAST(v.visit_at AS date)",
    "earliest": "(t.start_date - {days})",
    "days_between": "({day} - {end})",
}

COLUMNS = ("patient_id", "treatment_id", "joint", "motion", "side", "position", "mode", "kind",
           "start_date", "cost", "days_after", "change", "best_change", "short_change",
           "medium_change", "long_change", "short_change_all", "medium_change_all",
           "long_change_all", "top", "top_at_position", "pick", "pick_at_position")

#: of a patient's treatments of one kind the latest counts (start, then id): the pick here and
#: the pick ``clinic_cohort`` makes among the treatments a date filter leaves
LATEST_TREATMENT_FIRST = "start_date DESC, treatment_id DESC"

_STATEMENT = """
WITH t AS (
    -- another treatment covering the side that began on or after this one's start: a
    -- follow-up after its start is confounded (``later_treatments``); the earliest such start
    -- per side, found once per treatment by a window over the patient's treatments
    SELECT id, patient_id, kind, start_date, COALESCE(end_date, start_date) AS end_day, side,
           cost,
           MIN(CASE WHEN side <> 'R' THEN start_date END) OVER later AS conf_l,
           MIN(CASE WHEN side <> 'L' THEN start_date END) OVER later AS conf_r
    FROM treatment
    WHERE 1 = 1 {treatment_patients}
    WINDOW later AS (PARTITION BY patient_id ORDER BY start_date
                     RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
), r AS (
    SELECT v.patient_id, {day} AS day, v.visit_at, r.id, r.side, r.position, r.mode, r.degrees
    FROM reading r JOIN visit v ON v.id = r.visit_id
    WHERE r.joint = %s AND r.motion = %s AND r.is_void = %s {reading_patients}
      AND r.id NOT IN (SELECT supersedes_id FROM reading WHERE supersedes_id IS NOT NULL)
), tr AS (
    -- a series' readings around one treatment: baseline candidates and follow-ups only
    SELECT t.id AS tid, t.patient_id, t.kind, t.start_date, t.cost, t.end_day, r.side,
           r.position, r.mode, r.day, r.visit_at, r.id AS rid, r.degrees,
           CASE WHEN r.day > t.end_day THEN 0 ELSE 1 END AS is_base,
           CASE WHEN r.side = 'L' THEN t.conf_l ELSE t.conf_r END AS conf_from
    FROM t JOIN r ON r.patient_id = t.patient_id AND (t.side = 'B' OR t.side = r.side)
    WHERE r.day > t.end_day OR (r.day >= {earliest} AND r.day <= t.start_date)
), ranked AS (
    -- latest first: the follow-ups (all after the end), then the baseline candidates
    SELECT tr.*, ROW_NUMBER() OVER w AS k, LAG(day) OVER w AS next_day,
           LAG(is_base) OVER w AS next_is_base
    FROM tr
    WINDOW w AS (PARTITION BY tid, side, position, mode ORDER BY visit_at DESC, rid DESC)
), marked AS (
    -- the follow-ups, each marked if it is the last of its window — leaving out confounded
    -- ones (being confounded only ever starts later), and counting them (``_all``) — and the
    -- baseline: the latest candidate
    SELECT ranked.*, {window} AS win,
           CASE WHEN is_base = 0 AND (conf_from IS NULL OR conf_from >= day)
                 AND (k = 1 OR {window_of_next} <> {window}
                      OR (conf_from IS NOT NULL AND conf_from < next_day))
                THEN 1 ELSE 0 END AS last_in_win,
           CASE WHEN is_base = 0 AND (k = 1 OR {window_of_next} <> {window})
                THEN 1 ELSE 0 END AS last_in_win_all
    FROM ranked
    WHERE is_base = 0 OR k = 1 OR next_is_base = 0
), series AS (
    SELECT tid, side, position, mode, SUM(1 - is_base) AS n,
           -- the treatment's own columns, the same on every row of the series
           MAX(patient_id) AS patient_id, MAX(kind) AS kind, MAX(start_date) AS start_date,
           MAX(end_day) AS end_day, MAX(cost) AS cost,
           MAX(CASE WHEN k = 1 THEN day END) AS day,
           MAX(CASE WHEN k = 1 THEN degrees END) AS latest,
           MAX(CASE WHEN is_base = 1 THEN degrees END) AS baseline,
           MAX(CASE WHEN is_base = 0 AND k > 1 THEN degrees END) AS best_earlier,
           MAX(CASE WHEN last_in_win = 1 AND win = 0 THEN degrees END) AS short_last,
           MAX(CASE WHEN last_in_win = 1 AND win = 1 THEN degrees END) AS medium_last,
           MAX(CASE WHEN last_in_win = 1 AND win = 2 THEN degrees END) AS long_last,
           MAX(CASE WHEN last_in_win_all = 1 AND win = 0 THEN degrees END) AS short_all,
           MAX(CASE WHEN last_in_win_all = 1 AND win = 1 THEN degrees END) AS medium_all,
           MAX(CASE WHEN last_in_win_all = 1 AND win = 2 THEN degrees END) AS long_all
    FROM marked
    GROUP BY tid, side, position, mode
    HAVING SUM(1 - is_base) > 0 AND MAX(is_base) = 1
), tops AS (
    -- of a treatment's series the one followed latest, then longest, then side, position,
    -- mode counts; with a position filter, the first of that position's
    SELECT s.*, tid AS treatment_id,
           CASE WHEN ROW_NUMBER() OVER (PARTITION BY tid
                     ORDER BY day DESC, n DESC, side, position, mode) = 1
                THEN 1 ELSE 0 END AS top,
           CASE WHEN ROW_NUMBER() OVER (PARTITION BY tid, position
                     ORDER BY day DESC, n DESC, side, mode) = 1
                THEN 1 ELSE 0 END AS top_at_position
    FROM series s
)
{insert}SELECT patient_id, treatment_id, %s AS joint, %s AS motion, side, position, mode, kind,
       start_date, cost, {days_after} AS days_after,
       ROUND(CAST(latest - baseline AS NUMERIC), 6) AS change,
       ROUND(CAST(best_earlier - baseline AS NUMERIC), 6) AS best_change,
       ROUND(CAST(short_last - baseline AS NUMERIC), 6) AS short_change,
       ROUND(CAST(medium_last - baseline AS NUMERIC), 6) AS medium_change,
       ROUND(CAST(long_last - baseline AS NUMERIC), 6) AS long_change,
       ROUND(CAST(short_all - baseline AS NUMERIC), 6) AS short_change_all,
       ROUND(CAST(medium_all - baseline AS NUMERIC), 6) AS medium_change_all,
       ROUND(CAST(long_all - baseline AS NUMERIC), 6) AS long_change_all,
       top, top_at_position,
       -- one outcome per patient and kind: the latest treatment among those with a series
       -- (of the position, for the position filter)
       CASE WHEN top = 1 AND ROW_NUMBER() OVER (PARTITION BY patient_id, kind, top
                 ORDER BY {latest_first}) = 1 THEN 1 ELSE 0 END AS pick,
       CASE WHEN top_at_position = 1 AND ROW_NUMBER() OVER (
                 PARTITION BY patient_id, kind, position, top_at_position
                 ORDER BY {latest_first}) = 1 THEN 1 ELSE 0 END AS pick_at_position
FROM tops
"""

KEPT = '"cohort_series"'
# a restore replaced everything; an import of readings names its batch, not its patients
_EVERYTHING = ("database",)
_PATIENTS_PER_STATEMENT = 500
#: more patients changed than this (a big import): the motion is built anew instead
REBUILD_ABOVE = 50_000
_PG_LOCK = 0x7074_6C6F_6373  # pg_advisory_xact_lock key: one refresher at a time
PG_SETTINGS = (
    # sorts of millions of rows in memory, not in 4 MB runs on disk; no JIT (compiling the
    # plan cost seconds of a statement that runs once); for this transaction only
    "SET LOCAL work_mem = '256MB'",
    "SET LOCAL jit = off",
)


def _postgres(db: Database) -> bool:
    return isinstance(db, PostgresqlDatabase)


def read_transaction(db: Database) -> Any:
    """A transaction that only reads the database: on SQLite a DEFERRED one (this database's
    default, IMMEDIATE, would wait for another program's write lock); one snapshot either way."""
    return db.atomic() if _postgres(db) else db.atomic(lock_type="DEFERRED")


def statement(db: Database, motion: d.MotionKey, patients: Sequence[int] | None = None,
              *, insert: str = "") -> tuple[str, list[Any]]:
    """The series rows of ``motion`` (``COLUMNS``) of every patient, or of ``patients``; with
    ``insert`` (a table's name) the statement stores them there."""
    pieces = _POSTGRES if _postgres(db) else _SQLITE
    days = pieces["days_between"]

    def window(day: str) -> str:
        between = days.format(day=day, end="end_day")
        return (f"CASE WHEN {between} <= {SHORT_MAX_DAYS} THEN 0 "  # short, medium, long
                f"WHEN {between} <= {MEDIUM_MAX_DAYS} THEN 1 ELSE 2 END")

    ids = "" if patients is None else ", ".join(str(int(p)) for p in patients)
    sql = _STATEMENT.format(
        treatment_patients="" if patients is None else f"AND patient_id IN ({ids})",
        reading_patients="" if patients is None else f"AND v.patient_id IN ({ids})",
        day=pieces["day"], earliest=pieces["earliest"].format(days=BASELINE_MAX_DAYS),
        window=window("day"), window_of_next=window("next_day"),
        days_after=days.format(day="day", end="end_day"),
        latest_first=LATEST_TREATMENT_FIRST,
        insert=f'INSERT INTO {insert} ({", ".join(COLUMNS)}) ' if insert else "")
    params = [motion.joint, motion.motion, False, motion.joint, motion.motion]
    return placeholders(db, sql), params


@dataclass(frozen=True, slots=True)
class Refresh:
    """What ``bring_up_to_date`` did: ``built`` the whole motion, or recomputed ``patients``
    (0: the rows were current), in ``seconds``."""

    built: bool
    patients: int
    seconds: float


def _mark(db: Database, motion: d.MotionKey) -> int | None:
    row = db.execute_sql(
        placeholders(db, 'SELECT "audit_id" FROM "cohort_series_state" WHERE "joint" = %s '
                         'AND "motion" = %s'), (motion.joint, motion.motion)).fetchone()
    return None if row is None else int(row[0])


def _head(db: Database) -> int:
    return int(db.execute_sql('SELECT MAX("id") FROM "audit_event"').fetchone()[0] or 0)


def _delete_kept(db: Database, motion: d.MotionKey, patients: Sequence[int] = ()) -> None:
    """Delete the kept rows of ``motion`` (of ``patients`` only, when some are named)."""
    ids = ", ".join(str(int(p)) for p in patients)
    db.execute_sql(placeholders(db, f'DELETE FROM {KEPT} WHERE "joint" = %s AND "motion" = %s'
                                + (f' AND "patient_id" IN ({ids})' if ids else "")),
                   (motion.joint, motion.motion))


def changed_patients(db: Database, after: int, up_to: int) -> set[int] | None:
    """The patients whose series events in (after, up_to] may have changed; None: anyone's
    (a restore)."""
    found = {int(pid) for (pid,) in db.execute_sql(placeholders(db, (
        'SELECT DISTINCT p."id" FROM "audit_event" a JOIN "patient" p '
        'ON p."uuid" = a."patient_uuid" WHERE a."id" > %s AND a."id" <= %s '
        "AND a.\"patient_uuid\" <> ''")), (after, up_to)).fetchall()}
    for entity, batch, after_json in db.execute_sql(placeholders(db, (
            'SELECT "entity", "entity_uuid", "after" FROM "audit_event" '
            "WHERE \"id\" > %s AND \"id\" <= %s AND \"patient_uuid\" = '' "
            "AND \"entity\" IN ('database', 'import')")), (after, up_to)).fetchall():
        if entity in _EVERYTHING:
            return None
        try:
            kind = json.loads(after_json or "{}").get("kind")
        except (ValueError, AttributeError):
            kind = None
        if kind == "treatments":
            continue  # each imported treatment has its own event naming the patient
        # the batch's new visits, and the stored visits it added readings to
        found.update(int(pid) for (pid,) in db.execute_sql(placeholders(db, (
            'SELECT "patient_id" FROM "visit" WHERE "import_batch" = %s UNION '
            'SELECT v."patient_id" FROM "reading" r JOIN "visit" v ON v."id" = r."visit_id" '
            'WHERE r."import_batch" = %s')), (batch, batch)).fetchall())
    return found


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _recompute(db: Database, motion: d.MotionKey, patients: Sequence[int] | None) -> None:
    """Replace the rows of ``motion`` (of ``patients``, or all) by the statement's."""
    if patients is None:
        others = db.execute_sql(placeholders(db, 'SELECT 1 FROM "cohort_series_state" WHERE '
                                                 'NOT ("joint" = %s AND "motion" = %s)'),
                                (motion.joint, motion.motion)).fetchone()
        if _postgres(db) and others is None:
            # no dead copy of every row left for the counting to scan until a vacuum
            db.execute_sql('TRUNCATE "cohort_series"')
        else:
            _delete_kept(db, motion)
        db.execute_sql(*statement(db, motion, insert=KEPT))
        return
    for part in _chunks(sorted(patients), _PATIENTS_PER_STATEMENT):
        _delete_kept(db, motion, part)
        db.execute_sql(*statement(db, motion, part, insert=KEPT))


#: SQLite: a whole motion is built here first, in a read transaction, and copied over under
#: the write lock (100,000 patients: 9 s of statement, under a second of copying), so saves
#: from other windows and workstations do not wait behind the build
_STAGED = 'temp."cohort_series_staged"'


def _staged_build(db: Database, motion: d.MotionKey) -> int:
    """The rows of every patient into ``_STAGED`` from one snapshot; returns the audit id they
    are current up to (the highest in that snapshot)."""
    with read_transaction(db):  # the temporary database is its own
        head = _head(db)
        db.execute_sql(f"DROP TABLE IF EXISTS {_STAGED}")
        db.execute_sql(f"CREATE TEMP TABLE {_STAGED.split('.')[1]} AS "
                       f"SELECT * FROM {KEPT} WHERE 1 = 0")
        db.execute_sql(*statement(db, motion, insert=_STAGED))
    return head


def bring_up_to_date(motion: d.MotionKey, *, rebuild: bool = False) -> Refresh:
    """Make the kept rows of ``motion`` say what the readings and treatments say now.

    Current rows cost two index lookups and no write; otherwise the patients changed since the
    mark are recomputed (or the whole motion when never built, ``rebuild``, after a restore, or
    when over ``REBUILD_ABOVE`` patients changed)."""
    db = m.database_proxy.obj
    started = time.perf_counter()
    mark = _mark(db, motion)
    if not rebuild and _current(db, mark):
        return Refresh(False, 0, time.perf_counter() - started)
    staged = None if _postgres(db) or (mark is not None and not rebuild) \
        else _staged_build(db, motion)
    try:
        return _replace(db, motion, rebuild, staged, started)
    finally:
        if staged is not None:
            db.execute_sql(f"DROP TABLE IF EXISTS {_STAGED}")


def is_current(motion: d.MotionKey) -> bool:
    """Whether the kept rows of ``motion`` say what the readings say now (two index look-ups,
    no write): what a reader that must not write asks before using them."""
    db = m.database_proxy.obj
    return _current(db, _mark(db, motion))


def _current(db: Database, mark: int | None) -> bool:
    """Kept rows marked ``mark`` are current: built, and no audited change came after it."""
    return mark is not None and mark >= _head(db)


def _replace(db: Database, motion: d.MotionKey, rebuild: bool, staged: int | None,
             started: float) -> Refresh:
    """``bring_up_to_date``'s write: under the lock, what is still to do."""
    with db.atomic():  # SQLite: the write lock, held to the end; PostgreSQL: the advisory lock
        if _postgres(db):
            db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK,))
            for setting in PG_SETTINGS:
                db.execute_sql(setting)
        mark, head = _mark(db, motion), _head(db)  # another workstation may have done it
        if mark is not None and mark >= head and not rebuild:
            return Refresh(False, 0, time.perf_counter() - started)
        patients = None if mark is None or rebuild else changed_patients(db, mark, head)
        if patients is not None and len(patients) > REBUILD_ABOVE:
            patients = None
        if patients is None and staged is not None:
            # the staged rows are current up to their snapshot; later changes are refreshed by
            # the next comparison
            head = staged
            _delete_kept(db, motion)
            db.execute_sql(f"INSERT INTO {KEPT} SELECT * FROM {_STAGED}")
        else:
            _recompute(db, motion, None if patients is None else sorted(patients))
        if patients is None and _postgres(db):
            db.execute_sql('ANALYZE "cohort_series"')  # the counting's plan needs its size
        db.execute_sql(placeholders(db, 'DELETE FROM "cohort_series_state" WHERE "joint" = %s '
                                        'AND "motion" = %s'), (motion.joint, motion.motion))
        db.execute_sql(placeholders(db, 'INSERT INTO "cohort_series_state" ("joint", "motion", '
                                        '"audit_id") VALUES (%s, %s, %s)'),
                       (motion.joint, motion.motion, head))
    return Refresh(patients is None, 0 if patients is None else len(patients),
                   time.perf_counter() - started)


def unkept(motion: d.MotionKey) -> tuple[str, list[Any]]:
    """The rows of ``motion`` as a subquery (``COLUMNS``) and its parameters, for a database
    this process may not write (SQLite opened ``mode=ro``): counted from the readings on each
    comparison, as before the rows were kept."""
    sql, params = statement(m.database_proxy.obj, motion)
    return f"({sql})", params


def kept_motions() -> list[d.MotionKey]:
    """The motions whose series are kept (each built by a comparison of it)."""
    db = m.database_proxy.obj
    return [d.MotionKey(joint, motion) for joint, motion in db.execute_sql(
        'SELECT "joint", "motion" FROM "cohort_series_state" ORDER BY 1, 2').fetchall()]


def disagreements(motion: d.MotionKey, limit: int = 200) -> list[int]:
    """Patients whose kept rows of ``motion`` differ from a recomputation of every patient (at
    most ``limit``): rows changed, added or removed behind ptlog's back, which every comparison
    would count until rebuilt. Patients changed since the mark are left out (the next
    comparison recomputes them). One pass of the statement (a million patients: as long as a
    build), the kept rows and the recomputation read from one snapshot."""
    db = m.database_proxy.obj
    with read_transaction(db):
        if _postgres(db):
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for setting in PG_SETTINGS:
                db.execute_sql(setting)
        mark = _mark(db, motion)
        if mark is None:
            return []
        changed = changed_patients(db, mark, _head(db))
        if changed is None:
            return []  # restored since: the next comparison rebuilds everything
        sql, params = statement(db, motion)
        columns = ", ".join(COLUMNS)
        where = placeholders(db, 'WHERE "joint" = %s AND "motion" = %s')
        found = db.execute_sql(
            f"WITH fresh AS MATERIALIZED ({sql}), "
            f"kept AS MATERIALIZED (SELECT {columns} FROM {KEPT} {where}) "
            f"SELECT patient_id FROM (SELECT {columns} FROM fresh EXCEPT "
            f"SELECT {columns} FROM kept) added UNION "
            f"SELECT patient_id FROM (SELECT {columns} FROM kept EXCEPT "
            f"SELECT {columns} FROM fresh) removed",
            [*params, motion.joint, motion.motion]).fetchall()
    return sorted({int(pid) for (pid,) in found} - changed)[:limit]
