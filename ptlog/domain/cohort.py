"""The clinic's own outcome per treatment kind, set against what the literature expects.

How a patient counts (once per kind): among a patient's outcomes of that kind on the chosen
motion (``hip.internal_rotation`` unless another is asked for) that have a baseline and a
follow-up, only the patient's latest treatment of that kind is used, and of its series the one
followed longest (latest last follow-up; ties: more follow-ups, then left before right, then
position and mode order). Its latest follow-up decides responder, change and days.

Windows (issue 16): each expectation describes a time after treatment (an injection's relief
lasts days to weeks, arthroscopy needs 6-12 months), so each kind is also judged in its own
window: a patient counts in a window by their last follow-up inside it, and follow-ups taken
after another treatment of the same side began are left out unless ``include_confounded``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ptlog.domain.records import MotionKey, TreatmentKind
from ptlog.domain.resources import load_json
from ptlog.domain.treatment_analysis import WINDOWS, FollowUpWindow, TreatmentOutcome

DEFAULT_MOTION = MotionKey("hip", "internal_rotation")


@dataclass(frozen=True, slots=True)
class Expected:
    """What CLINICAL §7 expects for a kind; ``None`` where the literature gives no figure."""

    success_low: float | None
    success_high: float | None
    recovery: str | None
    recovery_days: tuple[int, int] | None
    note: str
    source: str
    judged_window: str = "medium"  # the follow-up window the expectation describes

    def success_text(self, missing: str = "not published", dash: str = "–") -> str:
        """The expected responder rate in words: "40%", "65–80%", or ``missing``."""
        if self.success_low is None:
            return missing
        if self.success_high is None or self.success_low == self.success_high:
            return f"{self.success_low:.0%}"
        return f"{self.success_low * 100:.0f}{dash}{self.success_high:.0%}"

    def as_json(self) -> dict[str, Any]:
        return {
            "success_rate": None if self.success_low is None
            else [self.success_low, self.success_high],
            "recovery": self.recovery,
            "recovery_days": list(self.recovery_days) if self.recovery_days else None,
            "note": self.note,
            "source": self.source,
            "judged_window": self.judged_window,
        }


def expected_for(kind: TreatmentKind) -> Expected:
    data = load_json("treatments.json")
    entry = data["kinds"].get(kind.value, {})
    rate = entry.get("success_rate")
    days = entry.get("recovery_days")
    return Expected(
        success_low=float(rate[0]) if rate else None,
        success_high=float(rate[1]) if rate else None,
        recovery=entry.get("recovery"),
        recovery_days=(int(days[0]), int(days[1])) if days else None,
        note=entry.get("note", "") or "",
        source=str(data["source"]),
        judged_window=_window(entry.get("judged_window", "medium")),
    )


def _window(name: str) -> str:
    if name not in WINDOWS:
        raise ValueError(f"treatments.json: judged_window {name!r} is not one of {WINDOWS}")
    return name


WINDOW_CAPTIONS = {window.value: window.caption for window in FollowUpWindow}


@dataclass(frozen=True, slots=True)
class WindowRate:
    """Patients with a (counted) follow-up in a window, and how many gained at least the MDC."""

    patients: int
    responders: int

    @property
    def responder_rate(self) -> float | None:
        return self.responders / self.patients if self.patients else None

    def as_json(self) -> dict[str, Any]:
        rate = self.responder_rate
        return {"patients": self.patients, "responders": self.responders,
                "responder_rate": None if rate is None else round(rate, 3)}


@dataclass(frozen=True, slots=True)
class CohortRow:
    kind: TreatmentKind
    patients: int  # patients with a baseline and at least one follow-up
    responders: int
    responder_rate: float | None
    mean_change: float | None  # degrees, latest follow-up − baseline
    ci95: tuple[float, float] | None  # t-interval of the mean change; needs n ≥ 2
    median_days_to_latest: float | None
    cost_per_responder: float | None  # known costs / responders among patients with a cost
    transient: int  # patients whose gain faded (beyond MDC earlier, not at the latest)
    expected: Expected = field(compare=False)
    motion: MotionKey = DEFAULT_MOTION
    windows: dict[str, WindowRate] = field(default_factory=dict)
    include_confounded: bool = False

    @property
    def judged_window(self) -> str:
        return self.expected.judged_window

    @property
    def judged(self) -> WindowRate:
        """The clinic's rate in the window the expectation describes."""
        return self.windows.get(self.judged_window, WindowRate(0, 0))

    def as_json(self) -> dict[str, Any]:
        def rounded(value: float | None, digits: int = 2) -> float | None:
            return None if value is None else round(value, digits)

        return {
            "kind": self.kind.value,
            "motion": str(self.motion),
            "patients": self.patients,
            "responders": self.responders,
            "responder_rate": rounded(self.responder_rate, 3),
            "mean_change": rounded(self.mean_change),
            "ci95": None if self.ci95 is None else [round(self.ci95[0], 2),
                                                    round(self.ci95[1], 2)],
            "median_days_to_latest": self.median_days_to_latest,
            "cost_per_responder": rounded(self.cost_per_responder),
            "transient": self.transient,
            "expected": self.expected.as_json(),
            "judged_window": self.judged_window,
            "windows": {w: self.windows.get(w, WindowRate(0, 0)).as_json() for w in WINDOWS},
            "include_confounded": self.include_confounded,
        }


# --- Student's t quantile (no scipy in the domain) ------------------------------------------

def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Lentz's method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(c) > tiny else 1.0 + aa / tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(c) > tiny else 1.0 + aa / tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
        + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: int) -> float:
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_quantile(p: float, df: int) -> float:
    """The t value with ``t_cdf(t, df) == p`` (bisection; precise to 1e-10)."""
    low, high = -1e3, 1e3
    for _ in range(200):
        mid = (low + high) / 2
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-10:
            break
    return (low + high) / 2


def mean_ci95(values: list[float]) -> tuple[float, float] | None:
    """Two-sided 95% t-interval of the mean; ``None`` for fewer than two values."""
    n = len(values)
    if n < 2:
        return None
    return ci95_of(n, statistics.fmean(values), statistics.stdev(values))


def ci95_of(n: int, mean: float, stdev: float) -> tuple[float, float] | None:
    """``mean_ci95`` from the count, mean and sample standard deviation."""
    if n < 2:
        return None
    half = t_quantile(0.975, n - 1) * stdev / math.sqrt(n)
    return (mean - half, mean + half)


# --- cohort rows -----------------------------------------------------------------------------

def _primary_key(outcome: TreatmentOutcome) -> tuple[object, ...]:
    latest = outcome.followups[-1]
    # larger is better: the latest start, the latest follow-up, more follow-ups; then L, order
    return (outcome.treatment.start_date, outcome.treatment.id or 0, latest.date,
            len(outcome.followups))


def counted_outcomes(
    outcomes: Iterable[TreatmentOutcome], motion: MotionKey = DEFAULT_MOTION
) -> dict[TreatmentKind, list[TreatmentOutcome]]:
    """The one outcome per patient and kind that the cohort counts (see the module docstring)."""
    best: dict[tuple[TreatmentKind, str], TreatmentOutcome] = {}
    for outcome in outcomes:
        if outcome.motion != motion or outcome.baseline is None or not outcome.followups:
            continue
        key = (outcome.treatment.kind, outcome.chart)
        current = best.get(key)
        # strict ">" keeps the first of equals; analyse_patient lists L before R, seated first
        if current is None or _primary_key(outcome) > _primary_key(current):
            best[key] = outcome
    grouped: dict[TreatmentKind, list[TreatmentOutcome]] = {}
    for (kind, _chart), outcome in best.items():
        grouped.setdefault(kind, []).append(outcome)
    return grouped


def window_rates(counted: Iterable[TreatmentOutcome],
                 include_confounded: bool = False) -> dict[str, WindowRate]:
    """Per window: patients with a follow-up in it (their last there decides), responders."""
    rates: dict[str, WindowRate] = {}
    for window in WINDOWS:
        inside = [f for o in counted
                  if (f := o.in_window(window, include_confounded)) is not None]
        rates[window] = WindowRate(len(inside), sum(1 for f in inside if f.beyond_mdc))
    return rates


def cohort_rows(
    outcomes: Iterable[TreatmentOutcome], motion: MotionKey | None = None,
    include_confounded: bool = False,
) -> list[CohortRow]:
    """One row per treatment kind (every kind, in catalog order, even with no patients)."""
    motion = motion or DEFAULT_MOTION
    grouped = counted_outcomes(outcomes, motion)
    rows: list[CohortRow] = []
    for kind in TreatmentKind:
        counted = grouped.get(kind, [])
        latest = [o.followups[-1] for o in counted]
        changes = [f.change for f in latest]
        responders = sum(1 for o in counted if o.responder)
        with_cost = [o for o in counted if o.treatment.cost is not None]
        paying_responders = sum(1 for o in with_cost if o.responder)
        cost = (
            sum(float(o.treatment.cost or 0.0) for o in with_cost) / paying_responders
            if paying_responders else None
        )
        rows.append(CohortRow(
            kind=kind,
            patients=len(counted),
            responders=responders,
            responder_rate=responders / len(counted) if counted else None,
            mean_change=statistics.fmean(changes) if changes else None,
            ci95=mean_ci95(changes),
            median_days_to_latest=(
                float(statistics.median(f.days_after for f in latest)) if latest else None
            ),
            cost_per_responder=cost,
            transient=sum(1 for o in counted if o.transient),
            expected=expected_for(kind),
            motion=motion,
            windows=window_rates(counted, include_confounded),
            include_confounded=include_confounded,
        ))
    return rows


# --- the same rows from totals (a database that did the counting) ---------------------------

@dataclass(slots=True)
class CohortTotals:
    """What ``cohort_rows`` needs of one kind's counted outcomes, as sums a database can give:
    the counts, the sum and sum of squares of the changes, follow-up days as a histogram."""

    patients: int = 0
    responders: int = 0
    change_sum: float = 0.0
    change_squares: float = 0.0
    transient: int = 0
    cost_sum: float = 0.0
    paying_responders: int = 0
    days: dict[int, int] = field(default_factory=dict)  # days after the end -> patients

    def add(self, other: CohortTotals) -> None:
        self.patients += other.patients
        self.responders += other.responders
        self.change_sum += other.change_sum
        self.change_squares += other.change_squares
        self.transient += other.transient
        self.cost_sum += other.cost_sum
        self.paying_responders += other.paying_responders
        for day, count in other.days.items():
            self.days[day] = self.days.get(day, 0) + count


def _histogram_median(days: dict[int, int]) -> float | None:
    """``statistics.median`` of the values a histogram stands for."""
    n = sum(days.values())
    if not n:
        return None
    ordered = sorted(days.items())

    def nth(k: int) -> int:  # the k-th value (0-based) in sorted order
        for value, count in ordered:
            if k < count:
                return value
            k -= count
        raise IndexError(k)

    return float(nth(n // 2)) if n % 2 else (nth(n // 2 - 1) + nth(n // 2)) / 2


def cohort_rows_from_totals(
    totals: dict[TreatmentKind, CohortTotals],
    motion: MotionKey | None = None,
    windows: dict[TreatmentKind, dict[str, WindowRate]] | None = None,
    include_confounded: bool = False,
) -> list[CohortRow]:
    """``cohort_rows`` for counts made elsewhere (the clinic server's SQL): same rows, the
    mean and interval from sums (equal to the pure ones within float rounding)."""
    motion = motion or DEFAULT_MOTION
    rows: list[CohortRow] = []
    for kind in TreatmentKind:
        t = totals.get(kind) or CohortTotals()
        n = t.patients
        mean = t.change_sum / n if n else None
        stdev = (math.sqrt(max(0.0, (t.change_squares - t.change_sum * t.change_sum / n)
                               / (n - 1))) if n >= 2 else 0.0)
        rows.append(CohortRow(
            kind=kind, patients=n, responders=t.responders,
            responder_rate=t.responders / n if n else None, mean_change=mean,
            ci95=ci95_of(n, mean, stdev) if mean is not None else None,
            median_days_to_latest=_histogram_median(t.days),
            cost_per_responder=(t.cost_sum / t.paying_responders
                                if t.paying_responders else None),
            transient=t.transient, expected=expected_for(kind), motion=motion,
            windows={w: (windows or {}).get(kind, {}).get(w, WindowRate(0, 0))
                     for w in WINDOWS},
            include_confounded=include_confounded,
        ))
    return rows
