"""The clinic comparison counted by the database: one SQL statement, sums per kind.

``treatments.clinic_outcomes`` + ``cohort.cohort_rows`` build every patient's outcomes in
Python: 1.2 million readings for 100,000 treated patients took over a minute and held the GIL
long enough to stall the window for seconds. This statement applies the same rules
(``treatment_analysis`` and ``cohort``: baseline at most 60 days before the start, follow-ups
after the effective end, the latest follow-up decides, one outcome per patient and kind —
the latest treatment, then the series followed longest, then side, position and mode order)
and returns per kind and follow-up day only counts and sums. A second statement over the same
outcomes counts each kind per window (issue 16): the last follow-up of the counted series in
each window, leaving out follow-ups taken after another treatment of the same side began
unless asked. The pure functions stay the reference: tests/store/test_clinic_cohort.py checks
both give the same rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peewee import PostgresqlDatabase

from ptlog.domain import records as d
from ptlog.domain.catalog import mdc_for
from ptlog.domain.cohort import (
    DEFAULT_MOTION,
    CohortRow,
    CohortTotals,
    WindowRate,
    cohort_rows_from_totals,
)
from ptlog.domain.treatment_analysis import BASELINE_MAX_DAYS, MEDIUM_MAX_DAYS, SHORT_MAX_DAYS
from ptlog.store import clinic
from ptlog.store import models as m

# dialect pieces: a visit's day, a day some days before another, days between two days
_SQLITE = {
    "day": "date(v.visit_at)",
    "earliest": "date(t.start_date, '-{days} days')",
    "days_between": "CAST(julianday({a}.day) - julianday({a}.end_day) AS INTEGER)",
}
_POSTGRES = {
    "day": "CAST(v.visit_at AS date)",
    "earliest": "(t.start_date - {days})",
    "days_between": "({a}.day - {a}.end_day)",
}

_OUTCOMES = """
WITH t AS (
    SELECT id, patient_id, kind, start_date, COALESCE(end_date, start_date) AS end_day, side,
           cost
    FROM treatment
    WHERE 1 = 1 {treatment_filter}
), r AS (
    SELECT v.patient_id, {day} AS day, v.visit_at, r.id, r.side, r.position, r.mode, r.degrees
    FROM reading r JOIN visit v ON v.id = r.visit_id
    WHERE r.joint = %s AND r.motion = %s AND r.is_void = %s {reading_filter}
      AND r.id NOT IN (SELECT supersedes_id FROM reading WHERE supersedes_id IS NOT NULL)
), tr AS (
    SELECT t.id AS tid, t.patient_id, t.kind, t.start_date, t.end_day, t.cost, r.side,
           r.position, r.mode, r.day, r.visit_at, r.id AS rid, r.degrees,
           {earliest} AS earliest
    FROM t JOIN r ON r.patient_id = t.patient_id AND (t.side = 'B' OR t.side = r.side)
), base AS (
    SELECT tid, side, position, mode, degrees AS base_degrees,
           ROW_NUMBER() OVER (PARTITION BY tid, side, position, mode
                              ORDER BY visit_at DESC, rid DESC) AS k
    FROM tr WHERE day >= earliest AND day <= start_date
), fu AS (
    SELECT tr.tid, tr.patient_id, tr.kind, tr.start_date, tr.end_day, tr.cost, tr.side,
           tr.position, tr.mode, tr.day, tr.visit_at, tr.rid,
           ROUND(CAST(tr.degrees - b.base_degrees AS NUMERIC), 6) AS change,
           ROW_NUMBER() OVER (PARTITION BY tr.tid, tr.side, tr.position, tr.mode
                              ORDER BY tr.visit_at DESC, tr.rid DESC) AS k,
           COUNT(*) OVER (PARTITION BY tr.tid, tr.side, tr.position, tr.mode) AS n
    FROM tr JOIN base b ON b.tid = tr.tid AND b.side = tr.side AND b.position = tr.position
                        AND b.mode = tr.mode AND b.k = 1
    WHERE tr.day > tr.end_day
), series AS (
    SELECT fu.*,
           MAX(CASE WHEN k > 1 AND change >= %s THEN 1 ELSE 0 END)
               OVER (PARTITION BY tid, side, position, mode) AS faded_before
    FROM fu
), counted AS (
    SELECT s.*, ROW_NUMBER() OVER (
               PARTITION BY kind, patient_id
               ORDER BY start_date DESC, tid DESC, day DESC, n DESC, side, position, mode) AS pick
    FROM series s WHERE k = 1
)"""

_STATEMENT = _OUTCOMES + """
SELECT f.kind, {days_between} AS days_after, COUNT(*),
       SUM(CASE WHEN f.change >= %s THEN 1 ELSE 0 END),
       SUM(f.change), SUM(f.change * f.change),
       SUM(CASE WHEN f.change < %s AND f.faded_before = 1 THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL THEN f.cost ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL AND f.change >= %s THEN 1 ELSE 0 END)
FROM counted f WHERE f.pick = 1
GROUP BY f.kind, {days_between}
"""


# per window: the last follow-up of each counted series there; a follow-up after another
# treatment covering the side began (on or after this one's start) is confounded. A counted
# series is one row of ``counted``, hence an IN, which SQLite answers from an index it builds
# (a JOIN of the two materialized CTEs scanned one per row of the other: minutes at 100,000
# patients, the comparison never came)
_WINDOWS = _OUTCOMES + """, win AS (
    SELECT fu.tid, fu.kind, fu.side, fu.position, fu.mode, fu.change, {window} AS win,
           ROW_NUMBER() OVER (PARTITION BY fu.tid, fu.side, fu.position, fu.mode, {window}
                              ORDER BY fu.visit_at DESC, fu.rid DESC) AS wk
    FROM fu
    WHERE {confounded_filter}
)
SELECT w.kind, w.win, COUNT(*), SUM(CASE WHEN w.change >= %s THEN 1 ELSE 0 END)
FROM win w
WHERE w.wk = 1 AND (w.tid, w.side, w.position, w.mode) IN (
    SELECT tid, side, position, mode FROM counted WHERE pick = 1)
GROUP BY w.kind, w.win
"""
_NOT_CONFOUNDED = """NOT EXISTS (
        SELECT 1 FROM treatment o
        WHERE o.patient_id = fu.patient_id AND o.id <> fu.tid
          AND (o.side = 'B' OR o.side = fu.side)
          AND o.start_date >= fu.start_date AND o.start_date < fu.day)"""


def clinic_cohort(
    motion: d.MotionKey | None = None,
    position: d.Position | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_confounded: bool = False,
) -> list[CohortRow]:
    """``cohort_rows(clinic_outcomes(motion, position, since, until), motion,
    include_confounded)``, counted by the database (SQLite or PostgreSQL)."""
    motion = motion or DEFAULT_MOTION
    database = m.database_proxy.obj
    postgres = isinstance(database, PostgresqlDatabase)
    pieces = _POSTGRES if postgres else _SQLITE
    mdc = mdc_for(motion, clinic.clinic_settings().mdc_overrides)
    treatment_filter, reading_filter = "", ""
    filter_params: list[Any] = []
    if since is not None:
        treatment_filter += " AND start_date >= %s"
        filter_params.append(since)
    if until is not None:
        treatment_filter += " AND start_date <= %s"
        filter_params.append(until)
    reading_params: list[Any] = [motion.joint, motion.motion, False]
    if position is not None:
        reading_filter = " AND r.position = %s"
        reading_params.append(position.value)
    common = {
        "treatment_filter": treatment_filter, "reading_filter": reading_filter,
        "day": pieces["day"], "earliest": pieces["earliest"].format(days=BASELINE_MAX_DAYS),
    }
    sql = _STATEMENT.format(days_between=pieces["days_between"].format(a="f"), **common)
    params = [*filter_params, *reading_params, mdc, mdc, mdc, mdc]
    days = pieces["days_between"].format(a="fu")
    window = (f"CASE WHEN {days} <= {SHORT_MAX_DAYS} THEN 'short' "
              f"WHEN {days} <= {MEDIUM_MAX_DAYS} THEN 'medium' ELSE 'long' END")
    window_sql = _WINDOWS.format(
        window=window, confounded_filter="1 = 1" if include_confounded else _NOT_CONFOUNDED,
        **common)
    window_params = [*filter_params, *reading_params, mdc, mdc]
    if not postgres:
        sql = sql.replace("%s", "?")
        window_sql = window_sql.replace("%s", "?")
    kinds = {kind.value: kind for kind in d.TreatmentKind}
    totals: dict[d.TreatmentKind, CohortTotals] = {}
    with database.atomic():
        if postgres:
            # sorts of millions of rows in memory, not in 4 MB runs on disk; no JIT (compiling
            # the plan cost seconds of a statement that runs once); for these statements only
            database.execute_sql("SET LOCAL work_mem = '256MB'")
            database.execute_sql("SET LOCAL jit = off")
            # the planner guesses one row for the outcomes (a four-column join on a ranked
            # CTE) and joins counted series to windows by a nested loop: 100,000 x 100,000
            # comparisons, minutes. Hash joins take well under a second for the same rows.
            database.execute_sql("SET LOCAL enable_nestloop = off")
        found = database.execute_sql(sql, params).fetchall()
        found_windows = database.execute_sql(window_sql, window_params).fetchall()
    for (kind, days, count, responders, change_sum, squares, transient, cost_sum,
         paying) in found:
        if kind not in kinds:
            continue  # a kind this version does not know is not in the pure rows either
        totals.setdefault(kinds[kind], CohortTotals()).add(CohortTotals(
            patients=int(count), responders=int(responders), change_sum=float(change_sum),
            change_squares=float(squares), transient=int(transient),
            cost_sum=float(cost_sum or 0.0), paying_responders=int(paying),
            days={int(days): int(count)},
        ))
    windows: dict[d.TreatmentKind, dict[str, WindowRate]] = {}
    for kind, name, count, responders in found_windows:
        if kind in kinds:
            windows.setdefault(kinds[kind], {})[str(name)] = WindowRate(int(count),
                                                                        int(responders))
    return cohort_rows_from_totals(totals, motion, windows, include_confounded)
