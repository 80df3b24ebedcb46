"""The clinic comparison counted by the database from the kept series, sums per kind.

``treatments.clinic_outcomes`` + ``cohort.cohort_rows`` build every patient's outcomes in
Python: 1.2 million readings for 100,000 treated patients took over a minute and held the GIL
long enough to stall the window for seconds. The database applies the same rules
(``treatment_analysis`` and ``cohort``: baseline at most 60 days before the start, follow-ups
after the effective end, the latest follow-up decides, one outcome per patient and kind —
the latest treatment, then the series followed longest, then side, position and mode order)
and returns per kind and follow-up day only counts and sums, with the window counts of
issue 16 (the last follow-up of the counted series in each window, leaving out follow-ups
taken after another treatment of the same side began unless asked).

Until session 8 one ranked statement did it all from the readings on every call (20–25 s for
a million patients on PostgreSQL). The per-series part of it — everything but the MDC, the
filters and the sums — now lives in ``cohort_series``, which keeps its rows current from the
audit trail; here they are brought up to date and counted: the MDC and the filters are applied
to the kept rows (the position and start-date filters pick among a treatment's series and a
patient's treatments as the statement picked among those the filters left).
The pure functions stay the reference: tests/store/test_clinic_cohort.py checks both give the
same rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal, localcontext
from typing import Any

from peewee import OperationalError, PostgresqlDatabase

from ptlog.domain import records as d
from ptlog.domain.catalog import mdc_for
from ptlog.domain.cohort import (
    DEFAULT_MOTION,
    CohortRow,
    CohortTotals,
    WindowRate,
    cohort_rows_from_totals,
)
from ptlog.store import clinic, cohort_series
from ptlog.store import models as m
from ptlog.store.database import is_read_only
from ptlog.store.drivers import placeholders

_COUNTS = """
SELECT f.kind, f.days_after, COUNT(*),
       SUM(CASE WHEN f.change >= %s THEN 1 ELSE 0 END),
       SUM(f.change), SUM(f.change * f.change),
       SUM(CASE WHEN f.change < %s AND f.best_change >= %s THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL THEN f.cost ELSE 0 END),
       SUM(CASE WHEN f.cost IS NOT NULL AND f.change >= %s THEN 1 ELSE 0 END),
       COUNT(f.short_change{all}),
       SUM(CASE WHEN f.short_change{all} >= %s THEN 1 ELSE 0 END),
       COUNT(f.medium_change{all}),
       SUM(CASE WHEN f.medium_change{all} >= %s THEN 1 ELSE 0 END),
       COUNT(f.long_change{all}),
       SUM(CASE WHEN f.long_change{all} >= %s THEN 1 ELSE 0 END)
FROM {source} f{where}
GROUP BY f.kind, f.days_after
ORDER BY f.kind, f.days_after
"""


def _source(table: str, motion: d.MotionKey, position: d.Position | None,
            since: dt.date | None, until: dt.date | None) -> tuple[str, str, list[Any]]:
    """The kept rows the filters count (FROM, WHERE, their parameters): the pick of each
    patient and kind; with an ``until`` the pick is made again among the treatments left."""
    at = "" if position is None else "_at_position"
    where = "joint = %s AND motion = %s"
    params: list[Any] = [motion.joint, motion.motion]
    if position is not None:
        where += " AND position = %s"
        params.append(position.value)
    if since is not None:
        # the latest treatment is the pick, so the latest starting on or after ``since`` is
        # the pick when it starts then, and there is none otherwise
        where += " AND start_date >= %s"
        params.append(since)
    if until is None:
        return table, f" WHERE {where} AND pick{at} = 1", params
    params.append(until)
    return (f"(SELECT s.*, ROW_NUMBER() OVER (PARTITION BY patient_id, kind ORDER BY "
            f"{cohort_series.LATEST_TREATMENT_FIRST}) AS latest_first "
            f"FROM {table} s WHERE {where} AND top{at} = 1 AND start_date <= %s)",
            " WHERE f.latest_first = 1", params)


_STEP = Decimal("0.000001")  # the kept changes are rounded to six decimals


def at_least(mdc: float) -> Decimal:
    """The smallest six-decimal change whose float is ``mdc`` or more. The changes are NUMERIC
    on PostgreSQL: compared with a float ``mdc`` each was cast to float8 (0.35 s of the 1 s
    count at a million rows); compared in NUMERIC with this they give exactly the same verdict
    (a six-decimal number's float only grows with it)."""
    with localcontext() as context:
        context.prec = 100  # every digit of the float, exactly
        found = (Decimal(mdc).scaleb(6).to_integral_value(rounding=ROUND_CEILING)
                 * _STEP)
        while float(found - _STEP) >= mdc:
            found -= _STEP
        return found


def _kept_current(motion: d.MotionKey) -> bool:
    """Bring the kept series up to date; False when SQLite's write lock stayed with another
    program past the busy timeout (readers never wait for writers for good: the comparison is
    then counted from the readings, as before)."""
    try:
        cohort_series.bring_up_to_date(motion)
    except OperationalError as exc:
        if "locked" not in str(exc) or isinstance(m.database_proxy.obj, PostgresqlDatabase):
            raise
        return False
    return True


def clinic_cohort(
    motion: d.MotionKey | None = None,
    position: d.Position | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    include_confounded: bool = False,
    *,
    keep: bool = True,
) -> list[CohortRow]:
    """``cohort_rows(clinic_outcomes(motion, position, since, until), motion,
    include_confounded)``, counted by the database (SQLite or PostgreSQL).

    ``keep=False``: never write (``ptlog compare`` only reads): the kept rows when they are
    current, else counted from the readings, as on a read-only file."""
    motion = motion or DEFAULT_MOTION
    database = m.database_proxy.obj
    mdc = mdc_for(motion, clinic.clinic_settings().mdc_overrides)
    table, table_params = cohort_series.KEPT, list[Any]()
    if is_read_only(database) or not (_kept_current(motion) if keep
                                      else cohort_series.is_current(motion)):
        table, table_params = cohort_series.unkept(motion)
    source, where, params = _source(table, motion, position, since, until)
    sql = _COUNTS.format(source=source, where=where, all="_all" if include_confounded else "")
    postgres = isinstance(database, PostgresqlDatabase)
    sql = placeholders(database, sql)
    with cohort_series.read_transaction(database):
        if postgres:
            for setting in cohort_series.PG_SETTINGS:
                database.execute_sql(setting)
        # the parameters in the order they appear: the MDC in the counts, then the rows'
        # statement (read-only), then the filters
        threshold: float | Decimal = at_least(mdc) if postgres else mdc
        found = database.execute_sql(sql, [*[threshold] * 7, *table_params, *params]).fetchall()
    kinds = {kind.value: kind for kind in d.TreatmentKind}
    totals: dict[d.TreatmentKind, CohortTotals] = {}
    windows: dict[d.TreatmentKind, dict[str, WindowRate]] = {}
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
