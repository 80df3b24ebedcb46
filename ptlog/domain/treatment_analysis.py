"""Before vs after a treatment, per measured series: baseline, follow-ups, responder, fading.

Rules (issue 4, CLINICAL §3, §4, §7): the baseline is the last reading on or before the start
date, at most 60 days before it; follow-ups are readings after the effective end (end of a
course, or the start of a one-day treatment); readings inside a course are "during". Series of
different position or mode are never compared, and a one-sided treatment only looks at its side.

Confounding (issue 16): another treatment of the same side that began on or after this one's
start and before a follow-up makes that follow-up *confounded*: its change is no longer this
treatment's alone (an injection followed by a PT course must not be credited with the course's
gain). Such follow-ups stay listed; the window rates leave them out unless asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
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
    TreatmentKind,
)

BASELINE_MAX_DAYS = 60  # an older reading says little about the state at the start
SHORT_MAX_DAYS = 42  # six weeks: the steroid injection's short-term window (CLINICAL §7)
MEDIUM_MAX_DAYS = 182  # six months: PT courses and home programs show their effect by then


class FollowUpWindow(StrEnum):
    """How long after a treatment a follow-up was measured (CLINICAL §7's time frames)."""

    SHORT = "short"  # ≤ 6 weeks: the steroid injection's short-term effect
    MEDIUM = "medium"  # 6 weeks to 6 months: PT courses and home programs
    LONG = "long"  # > 6 months: whether a gain lasted

    @property
    def label(self) -> str:
        """The span in a column heading or a legend."""
        return {"short": "≤ 6 weeks", "medium": "6 weeks – 6 months",
                "long": "> 6 months"}[self.value]

    @property
    def caption(self) -> str:
        """The span in words, as sentences and the cohort table say it."""
        return {"short": "up to 6 weeks", "medium": "6 weeks to 6 months",
                "long": "over 6 months"}[self.value]

    @classmethod
    def after(cls, days_after: int) -> FollowUpWindow:
        """``short`` ≤ 42 days, ``medium`` 43–182, ``long`` > 182 after the treatment ended."""
        if days_after <= SHORT_MAX_DAYS:
            return cls.SHORT
        if days_after <= MEDIUM_MAX_DAYS:
            return cls.MEDIUM
        return cls.LONG


WINDOWS = tuple(FollowUpWindow)
_ROUNDING = 6  # degrees are typed with one decimal; drop float noise before comparing to MDC


@dataclass(frozen=True, slots=True)
class Baseline:
    """One reading of the series reduced to what the comparison needs (also used for "during")."""

    date: dt.date
    degrees: float

    def as_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "degrees": self.degrees}


@dataclass(frozen=True, slots=True)
class Confounder:
    """Another treatment of the same side that began after this one and before a follow-up."""

    kind: TreatmentKind
    start_date: dt.date

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "start_date": self.start_date.isoformat()}


@dataclass(frozen=True, slots=True)
class FollowUp:
    date: dt.date
    degrees: float
    days_after: int  # days after the treatment's effective end
    window: FollowUpWindow
    change: float  # follow-up − baseline, degrees
    beyond_mdc: bool  # change ≥ the motion's MDC: a real gain, not measurement error
    confounded: bool = False  # another treatment of this side began before this follow-up

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "degrees": self.degrees,
            "days_after": self.days_after,
            "window": self.window,
            "change": self.change,
            "beyond_mdc": self.beyond_mdc,
            "confounded": self.confounded,
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
    confounded_by: tuple[Confounder, ...] = ()

    @property
    def latest(self) -> FollowUp | None:
        return self.followups[-1] if self.followups else None

    def in_window(self, window: str, include_confounded: bool = False) -> FollowUp | None:
        """The last follow-up inside ``window`` (confounded ones only when asked)."""
        inside = [f for f in self.followups
                  if f.window == window and (include_confounded or not f.confounded)]
        return inside[-1] if inside else None

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
            "confounded_by": [c.as_json() for c in self.confounded_by],
        }


def window_for(days_after: int) -> FollowUpWindow:
    """``short`` ≤ 42 days, ``medium`` 43–182, ``long`` > 182 after the treatment ended."""
    return FollowUpWindow.after(days_after)


def _change(after: float, before: float) -> float:
    return round(after - before, _ROUNDING)


def later_treatments(treatment: Treatment, others: Sequence[Treatment],
                     side: Side) -> list[Confounder]:
    """Other treatments covering ``side`` that began on or after ``treatment`` started."""
    found = [Confounder(o.kind, o.start_date) for o in others
             if o is not treatment and (o.id is None or o.id != treatment.id)
             and o.side.covers(side) and o.start_date >= treatment.start_date]
    return sorted(found, key=lambda c: (c.start_date, c.kind.value))


def outcome_for_series(
    treatment: Treatment, chart: str, series: SeriesKey, readings: Sequence[Reading], mdc: float,
    others: Sequence[Treatment] = (),
) -> TreatmentOutcome:
    """Compare one series (readings in time order, all of ``series``) around one treatment;
    ``others`` are the patient's other treatments (for confounding)."""
    start, end = treatment.start_date, treatment.effective_end
    later = later_treatments(treatment, others, series.side)
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
                confounded=any(c.start_date < day for c in later),
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
        confounded_by=tuple(c for c in later
                            if followups and c.start_date < followups[-1].date),
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
                mdc_for(key.motion, mdc_overrides), treatments,
            ))
    return outcomes
