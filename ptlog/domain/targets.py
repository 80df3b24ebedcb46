"""Functional targets: how much rotation everyday and sports activities need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ptlog.domain.i18n import Translator, english
from ptlog.domain.records import MotionKey
from ptlog.domain.resources import load_json


@dataclass(frozen=True, slots=True)
class FunctionalTarget:
    motion: MotionKey
    key: str
    label: str
    low: float
    high: float | None  # None: "or more"
    source: str

    @property
    def degrees_needed(self) -> float:
        """The value a patient aims for: the top of the band, or its floor when open-ended."""
        return self.high if self.high is not None else self.low

    def describe(self, tr: Translator | None = None) -> str:
        """"Deep squat without knee cave-in: 20–30°" in the language of ``tr``."""
        tr = tr or english()
        label = tr(self.label)
        if self.high is None:
            return tr("{label}: {low} or more", label=label, low=tr.degrees(self.low))
        if self.high == self.low:
            return tr("{label}: about {low}", label=label, low=tr.degrees(self.low))
        return tr("{label}: {low}–{high}", label=label, low=tr.number(self.low),
                  high=tr.degrees(self.high))


def functional_targets(motion: MotionKey | None = None) -> list[FunctionalTarget]:
    data = load_json("targets.json")
    rows = [
        FunctionalTarget(
            motion=MotionKey.parse(r["motion"]),
            key=r["key"],
            label=r["label"],
            low=float(r["low"]),
            high=None if r["high"] is None else float(r["high"]),
            source=data["source"],
        )
        for r in data["targets"]
    ]
    return [t for t in rows if motion is None or t.motion == motion]


def target_by_key(key: str) -> FunctionalTarget:
    for target in functional_targets():
        if target.key == key:
            return target
    raise KeyError(f"unknown functional target {key!r}")


def default_target_keys() -> tuple[str, ...]:
    """What every patient needs when no activity was chosen: walking and a deep squat."""
    return tuple(load_json("targets.json").get("default_keys", ("walking", "deep_squat")))


def targets_for_activities(
    activities: Sequence[str], motion: MotionKey | None = None
) -> list[FunctionalTarget]:
    """The targets of the patient's chosen activities (keys in targets.json, in file order);
    walking and the deep squat when none is chosen. Unknown keys are skipped (a clinic may
    have removed an activity from its table)."""
    wanted = set(activities) or set(default_target_keys())
    chosen = [t for t in functional_targets(motion) if t.key in wanted]
    if not chosen and activities:
        return targets_for_activities((), motion)
    return chosen
