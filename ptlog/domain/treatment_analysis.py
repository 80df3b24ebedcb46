"""Before vs after a treatment, per measured series: baseline, follow-ups, responder, fading.

Rules (issue 4, CLINICAL §3, §4, §7): the baseline is the last reading on or before the start
date, at most 60 days before it; follow-ups are readings after the effective end (end of a
course, or the start of a one-day treatment); readings inside a course are "during". Series of
different position or mode are never compared, and a one-sided treatment only looks at its side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ptlog.domain.catalog import catalog, mdc_for
from ptlog.domain.records import (
    Mode,
    MotionKey,
    PatientRecord,
    Position,
    Reading,
    SeriesKey,
    Side,
    Treatment,
)

BASELINE_MAX_DAYS = 60  # an older reading says little about the state at the start
SHORT_MAX_DAYS = 42  # six weeks: the steroid injection's short-term window (CLINICAL §7)
MEDIUM_MAX_DAYS = 182  # six months: PT courses and home programs show their effect by then
WINDOWS = ("short", "medium", "long")
_ROUNDING = 6  # degrees are typed with one decimal; drop float noise before comparing to MDC


@dataclass(frozen=True, slots=True)
class Baseline:
    """One reading of the series reduced to what the comparison needs (also used for "during")."""

    date: dt.date
    degrees: float

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "degrees": self.degrees}


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: dt.date
    degrees: float
    days_after: int  # days after the treatment's effective end
    window: str  # "short" | "medium" | "long"
    change: float  # follow-up − baseline, degrees
    beyond_mdc: bool  # change ≥ the motion's MDC: a real gain, not measurement error

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "degrees": self.degrees,
            "days_after": self.days_after,
            "window": self.window,
            "change": self.change,
            "beyond_mdc": self.beyond_mdc,
        }


@dataclass(frozen=True, slots=True)
class TreatmentOutcome:
    """One treatment × measured side × motion × position × mode."""

    treatment: Treatment
    chart: str
    side: Side
    motion: MotionKey
    position: Position
    mode: Mode
    mdc: float
    baseline: Baseline | None
    during: tuple[Baseline, ...]
    followups: tuple[FollowUp, ...]
    responder: bool | None  # None: no baseline or no follow-up yet
    transient: bool  # an earlier follow-up was beyond MDC, the latest is not (a fading gain)

    @property
    def latest(self) -> FollowUp | None:
        return self.followups[-1] if self.followups else None

    @property
    def series(self) -> SeriesKey:
        return SeriesKey(self.motion, self.side, self.position, self.mode)

    @property
    def verdict(self) -> str:
        """The words a PT reads: never "improved" for a change within measurement error."""
        if self.baseline is None:
            return "no baseline"
        if self.responder is None:
            return "no follow-up yet"
        if self.responder:
            return "responder"
        if self.transient:
            return "gain faded"
        latest = self.latest
        if latest is not None and latest.change <= -self.mdc:
            return "loss beyond MDC"
        return "within measurement error"

    def as_json(self) -> dict[str, Any]:
        """The JSON contract entry of issue 4 (plus start/end dates and the MDC used)."""
        return {
            "chart": self.chart,
            "kind": self.treatment.kind.value,
            "start_date": self.treatment.start_date.isoformat(),
            "end_date": self.treatment.end_date.isoformat() if self.treatment.end_date else None,
            "side": self.side.value,
            "motion": str(self.motion),
            "position": self.position.value,
            "mode": self.mode.value,
            "mdc": self.mdc,
            "baseline": self.baseline.as_json() if self.baseline else None,
            "followups": [f.as_json() for f in self.followups],
            "responder": self.responder,
            "transient": self.transient,
        }


def window_for(days_after: int) -> str:
    """``short`` ≤ 42 days, ``medium`` 43–182, ``long`` > 182 after the treatment ended."""
    if days_after <= SHORT_MAX_DAYS:
        return "short"
    if days_after <= MEDIUM_MAX_DAYS:
        return "medium"
    return "long"


def _change(after: float, before: float) -> float:
    return round(after - before, _ROUNDING)


def outcome_for_series(
    treatment: Treatment, chart: str, series: SeriesKey, readings: Sequence[Reading], mdc: float
) -> TreatmentOutcome:
    """Compare one series (readings in time order, all of ``series``) around one treatment."""
    start, end = treatment.start_date, treatment.effective_end
    earliest = start - dt.timedelta(days=BASELINE_MAX_DAYS)
    baseline: Baseline | None = None
    during: list[Baseline] = []
    followups: list[FollowUp] = []
    for reading in readings:
        day = reading.taken_on
        if earliest <= day <= start:
            baseline = Baseline(day, reading.degrees)  # later readings replace earlier ones
        elif start < day <= end:
            during.append(Baseline(day, reading.degrees))
        elif day > end and baseline is not None:
            change = _change(reading.degrees, baseline.degrees)
            days_after = (day - end).days
            followups.append(FollowUp(
                date=day, degrees=reading.degrees, days_after=days_after,
                window=window_for(days_after), change=change, beyond_mdc=change >= mdc,
            ))
    responder: bool | None = None
    transient = False
    if followups:
        responder = followups[-1].beyond_mdc
        transient = not responder and any(f.beyond_mdc for f in followups[:-1])
    return TreatmentOutcome(
        treatment=treatment, chart=chart, side=series.side, motion=series.motion,
        position=series.position, mode=series.mode, mdc=mdc, baseline=baseline,
        during=tuple(during), followups=tuple(followups), responder=responder,
        transient=transient,
    )


def _series_order(key: SeriesKey) -> tuple[int, str, str, str, str]:
    order = {motion: i for i, motion in enumerate(catalog())}
    return (order.get(key.motion, len(order)), str(key.motion), key.side.value,
            key.position.value, key.mode.value)


def analyse_patient(
    record: PatientRecord,
    mdc_overrides: Mapping[str, float] | None = None,
    motion: MotionKey | None = None,
) -> list[TreatmentOutcome]:
    """Every treatment × measured series on the treated side(s), "no baseline" entries included.

    Entries come in treatment order (start date), then catalog motion order, side, position,
    mode. ``motion`` keeps only that motion.
    """
    groups: dict[SeriesKey, list[Reading]] = {}
    for reading in record.readings:
        if not reading.is_current or reading.is_void:
            continue
        if motion is not None and reading.motion != motion:
            continue
        groups.setdefault(reading.series, []).append(reading)
    for values in groups.values():
        values.sort(key=lambda r: (r.taken_at, r.id or 0))
    keys = sorted(groups, key=_series_order)
    outcomes: list[TreatmentOutcome] = []
    treatments = sorted(record.treatments, key=lambda t: (t.start_date, t.id or 0))
    for treatment in treatments:
        for key in keys:
            if not treatment.side.covers(key.side):
                continue
            outcomes.append(outcome_for_series(
                treatment, record.patient.chart, key, groups[key],
                mdc_for(key.motion, mdc_overrides),
            ))
    return outcomes
