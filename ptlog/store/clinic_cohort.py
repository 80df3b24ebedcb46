"""The clinic comparison counted by the database: one SQL statement, sums per kind.

``treatments.clinic_outcomes`` + ``cohort.cohort_rows`` build every patient's outcomes in
Python: 1.2 million readings for 100,000 treated patients took over a minute and held the GIL
long enough to stall the window for seconds. This statement applies the same rules
(``treatment_analysis`` and ``cohort``: baseline at most 60 days before the start, follow-ups
after the effective end, the latest follow-up decides, one outcome per patient and kind —
the latest treatment, then the series followed longest, then side, position and mode order)
and returns per kind and follow-up day only counts and sums, with the window counts of
issue 16 (the last follow-up of the counted series in each window, leaving out follow-ups
taken after another treatment of the same side began unless asked).

Every series' readings are ranked once (``ranked``), latest first: the follow-ups all come
after the treatment's end and every baseline candidate on or before its start, so in that one
order row 1 is the latest follow-up and the first candidate after the follow-ups is the
baseline; one ``GROUP BY`` row per series then holds what the counts need (latest, baseline,
best earlier follow-up, each window's last). Until session 7 a ranked baseline CTE was joined
back onto the follow-ups and a second statement recomputed it all for the windows: the planner
guessed one row for that join and compared 100,000 x 100,000 series.
The pure functions stay the reference: tests/store/test_clinic_cohort.py checks both give the
same rows.
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
    "days_between": "CAST(julianday({day}) - julianday({end}) AS INTEGER)",
}
_POSTGRES = {
    "day": "CAST(v.visit_at AS date)",
    "earliest": "(t.start_date - {days})",
    "days_between": "({day} - {end})",
}

_STATEMENT = """
WITH t AS (
    SELECT id, patient_id, kind_no, start_date, end_day, side, cost, conf_l, conf_r
    FROM (
        SELECT id, patient_id, {kind_no} AS kind_no, start_date,
               COALESCE(end_date, start_date) AS end_day, side, cost, {confounders}
    ) all_treatments
    WHERE 1 = 1 {treatment_filter}
), r AS (
    SELECT v.patient_id, {day} AS day, v.visit_at, r.id, r.side, r.position, r.mode, r.degrees
    FROM reading r JOIN visit v ON v.id = r.visit_id
    WHERE r.joint = %s AND r.motion = %s AND r.is_void = %s {reading_filter}
      AND r.id NOT IN (SELECT supersedes_id FROM reading WHERE supersedes_id IS NOT NULL)
), tr AS (
    -- a series' readings around one treatment: baseline candidates and follow-ups only
    SELECT t.id AS tid, t.patient_id, t.kind_no, t.start_date, t.cost, t.end_day, r.side,
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
    -- the follow-ups, each marked if it is the last of its window (not confounded unless
    -- asked; being confounded only ever starts later), and the baseline: the latest candidate
    SELECT ranked.*, {window} AS win,
           CASE WHEN is_base = 0 AND {counts_here}
                 AND (k = 1 OR {window_of_next} <> {window} {next_confounded})
                THEN 1 ELSE 0 END AS last_in_win
    FROM ranked
    WHERE is_base = 0 OR k = 1 OR next_is_base = 0
), series AS (
    SELECT tid, side, position, mode, SUM(1 - is_base) AS n,
           -- the treatment's own columns, the same on every row of the series
           MAX(patient_id) AS patient_id, MAX(kind_no) AS kind_no, MAX(start_date) AS start_date,
           MAX(end_day) AS end_day, MAX(cost) AS cost,
           MAX(CASE WHEN k = 1 THEN day END) AS day,
           MAX(CASE WHEN k = 1 THEN degrees END) AS latest,
           MAX(CASE WHEN is_base = 1 THEN degrees END) AS baseline,
           MAX(CASE WHEN is_base = 0 AND k > 1 THEN degrees END) AS best_earlier,
           MAX(CASE WHEN last_in_win = 1 AND win = 0 THEN degrees END) AS short_last,
           MAX(CASE WHEN last_in_win = 1 AND win = 1 THEN degrees END) AS medium_last,
           MAX(CASE WHEN last_in_win = 1 AND win = 2 THEN degrees END) AS long_last
    FROM marked
    GROUP BY tid, side, position, mode
    HAVING SUM(1 - is_base) > 0 AND MAX(is_base) = 1
), best AS (
    -- one outcome per patient and kind: the latest treatment (start, then id), and of its
    -- series the one followed latest, then longest, then side, position, mode; picked in two
    -- steps (the series come grouped by treatment already)
    SELECT s.*, ROW_NUMBER() OVER (
               PARTITION BY tid ORDER BY day DESC, n DESC, side, position, mode) AS in_treatment
    FROM series s
), counted AS (
    SELECT b.*, ROUND(CAST(b.latest - b.baseline AS NUMERIC), 6) AS change,
           ROW_NUMBER() OVER (
               PARTITION BY b.patient_id, b.kind_no ORDER BY b.start_date DESC, b.tid DESC
           ) AS pick
    FROM best b WHERE in_treatment = 1
)
SELECT f.kind_no, {days_between} AS days_after, COUNT(*),
       SUM(CASE WHEN f.change >= %s THEN 1 ELSE 0 END),
       SUM(f.change), SUM(f.change * f.change),
       SUM(CASE WHEN f.change < %s
                 AND ROUND(CAST(f.best_earlier - f.baseline AS NUMERIC), 6) >= %s
                THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL THEN f.cost ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL AND f.change >= %s THEN 1 ELSE 0 END),
       COUNT(f.short_last),
       SUM(CASE WHEN ROUND(CAST(f.short_last - f.baseline AS NUMERIC), 6) >= %s
                THEN 1 ELSE 0 END),
       COUNT(f.medium_last),
       SUM(CASE WHEN ROUND(CAST(f.medium_last - f.baseline AS NUMERIC), 6) >= %s
                THEN 1 ELSE 0 END),
       COUNT(f.long_last),
       SUM(CASE WHEN ROUND(CAST(f.long_last - f.baseline AS NUMERIC), 6) >= %s
                THEN 1 ELSE 0 END)
FROM counted f WHERE f.pick = 1
GROUP BY f.kind_no, {days_between}
"""

# another treatment covering the side that began on or after this one's start: a follow-up
# after its start is confounded (``later_treatments``); the earliest such start per side,
# found once per treatment by a window over the patient's treatments in start order
_CONFOUNDERS = (
    "MIN(CASE WHEN side <> 'R' THEN start_date END) OVER later AS conf_l, "
    "MIN(CASE WHEN side <> 'L' THEN start_date END) OVER later AS conf_r "
    "FROM treatment WINDOW later AS (PARTITION BY patient_id ORDER BY start_date "
    "RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)")
_NO_CONFOUNDERS = "CAST(NULL AS DATE) AS conf_l, CAST(NULL AS DATE) AS conf_r FROM treatment"


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
    days = pieces["days_between"]

    def window(day: str) -> str:
        between = days.format(day=day, end="end_day")
        return (f"CASE WHEN {between} <= {SHORT_MAX_DAYS} THEN 0 "  # short, medium, long
                f"WHEN {between} <= {MEDIUM_MAX_DAYS} THEN 1 ELSE 2 END")

    # kinds as small numbers: the rows are grouped and picked by kind, and a number is
    # cheaper to carry through the sorts than its text (a kind this version does not know is
    # -1, left out below as the pure rows leave it out)
    ordered = list(d.TreatmentKind)
    kind_no = "CASE kind " + " ".join(
        f"WHEN '{kind.value}' THEN {n}" for n, kind in enumerate(ordered)) + " ELSE -1 END"
    sql = _STATEMENT.format(
        kind_no=kind_no,
        treatment_filter=treatment_filter, reading_filter=reading_filter, day=pieces["day"],
        earliest=pieces["earliest"].format(days=BASELINE_MAX_DAYS),
        confounders=_NO_CONFOUNDERS if include_confounded else _CONFOUNDERS,
        window=window("day"), window_of_next=window("next_day"),
        counts_here="1 = 1" if include_confounded else "(conf_from IS NULL OR conf_from >= day)",
        next_confounded="" if include_confounded
        else "OR (conf_from IS NOT NULL AND conf_from < next_day)",
        days_between=days.format(day="f.day", end="f.end_day"))
    params = [*filter_params, *reading_params, *[mdc] * 7]
    if not postgres:
        sql = sql.replace("%s", "?")
    kinds = dict(enumerate(ordered))
    totals: dict[d.TreatmentKind, CohortTotals] = {}
    windows: dict[d.TreatmentKind, dict[str, WindowRate]] = {}
    with database.atomic():
        if postgres:
            # sorts of millions of rows in memory, not in 4 MB runs on disk; no JIT (compiling
            # the plan cost seconds of a statement that runs once); for this statement only
            database.execute_sql("SET LOCAL work_mem = '256MB'")
            database.execute_sql("SET LOCAL jit = off")
        found = database.execute_sql(sql, params).fetchall()
    for (kind, after, count, responders, change_sum, squares, transient, cost_sum, paying,
         *in_windows) in found:
        if kind not in kinds:
            continue  # a kind this version does not know is not in the pure rows either
        totals.setdefault(kinds[kind], CohortTotals()).add(CohortTotals(
            patients=int(count), responders=int(responders), change_sum=float(change_sum),
            change_squares=float(squares), transient=int(transient),
            cost_sum=float(cost_sum or 0.0), paying_responders=int(paying),
            days={int(after): int(count)},
        ))
        rates = windows.setdefault(kinds[kind], {})
        for name, n, r in zip(("short", "medium", "long"), in_windows[::2], in_windows[1::2],
                              strict=True):
            if n:
                before = rates.get(name, WindowRate(0, 0))
                rates[name] = WindowRate(before.patients + int(n), before.responders + int(r))
    return cohort_rows_from_totals(totals, motion, windows, include_confounded)
