"""Age-matched normal ranges: which band applies to a patient at a visit, and its source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ptlog.domain.catalog import motion_spec, normal_source
from ptlog.domain.i18n import Translator, english
from ptlog.domain.records import MotionKey, Patient, Position
from ptlog.domain.resources import load_json


@dataclass(frozen=True, slots=True)
class NormalRange:
    low: float
    high: float
    source: str
    label: str  # e.g. "adults 20-50" or "adult reference"
    position: Position | None  # the position the norm was measured in; None = any standard
    position_note: str = ""

    @property
    def span(self) -> str:
        return self.span_in(english())

    def span_in(self, tr: Translator) -> str:
        """"35–45°" with the language's decimal sign."""
        if self.low == self.high:
            return tr.degrees(self.low)
        return f"{tr.number(self.low)}–{tr.degrees(self.high)}"

    def describe(self, tr: Translator | None = None) -> str:
        tr = tr or english()
        if self.position:
            return tr("{span} ({label}, {position})", span=self.span_in(tr),
                      label=tr(self.label), position=tr(self.position.value))
        return tr("{span} ({label})", span=self.span_in(tr), label=tr(self.label))


class NormFlag(StrEnum):
    BELOW = "below"
    WITHIN = "within"
    ABOVE = "above"


def normal_range_for(
    age: int, motion: MotionKey, position: Position | None = None
) -> NormalRange | None:
    """The band that applies at ``age`` (years at the visit), or None where none is published.

    Age tables (hip internal rotation) win over the AAOS adult end-range. ``position`` is
    accepted so callers can say what they measured; the returned range says which position it
    applies to, and the caller shows that rather than silently comparing across positions.
    """
    data = load_json("norms.json")
    for table in data["tables"]:
        if table["motion"] != str(motion):
            continue
        for band in table["bands"]:
            if band["min_age"] <= age <= band["max_age"]:
                return NormalRange(
                    low=float(band["low"]),
                    high=float(band["high"]),
                    source=table["source"],
                    label=band["label"],
                    position=Position(table["position"]),
                    position_note=table.get("position_note", ""),
                )
        return None
    adult = data["adult_reference"]
    if age < adult["min_age"]:
        return None
    spec = motion_spec(motion)
    return NormalRange(
        low=spec.normal_end,
        high=spec.normal_end,
        source=normal_source(),
        label="adult reference",
        position=None,
    )


def normal_range_at(patient: Patient, motion: MotionKey, day: dt.date) -> NormalRange | None:
    """The band for this patient on ``day`` (age at that date, not today)."""
    return normal_range_for(patient.age_on(day), motion)


def classify_against_norm(degrees: float, norm: NormalRange, mdc: float = 0.0) -> NormFlag:
    """Below, within or above the band.

    A single reference value (the AAOS end-range, e.g. 120° hip flexion) is a typical value, not
    a band: a reading within ``mdc`` of it cannot be told apart from it, so it counts as within.
    """
    slack = mdc if norm.low == norm.high else 0.0
    if degrees < norm.low - slack:
        return NormFlag.BELOW
    if degrees > norm.high + slack:
        return NormFlag.ABOVE
    return NormFlag.WITHIN


@dataclass(frozen=True, slots=True)
class ClinicalCutoff:
    below: float
    label: str
    source: str


def cutoffs_for(motion: MotionKey) -> list[ClinicalCutoff]:
    """Published clinical cut-offs (e.g. internal rotation < 15° in the ACR hip OA criteria)."""
    rows = load_json("norms.json").get("cutoffs", {}).get(str(motion), [])
    return [ClinicalCutoff(float(r["below"]), r["label"], r["source"]) for r in rows]
