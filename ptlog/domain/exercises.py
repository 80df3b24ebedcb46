"""The home exercise library (resources/exercises.json) and the default program for a patient.

The PT picks the exercises for a handout; the default pick follows the findings so the common
case (limited internal rotation) needs no clicks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from ptlog.domain.catalog import mdc_for
from ptlog.domain.norms import normal_range_for
from ptlog.domain.records import MotionKey, PatientRecord, Reading, Side
from ptlog.domain.resources import load_json
from ptlog.domain.targets import target_by_key

HIP_IR = MotionKey("hip", "internal_rotation")
FIGURE_WIDTH = 120.0
FIGURE_HEIGHT = 80.0

# limited rotation → the internal-rotation drills, paired with strength (CLINICAL §8)
ROTATION_PROGRAM = (
    "hip_90_90_switches",
    "ir_pails_rails",
    "seated_band_internal_rotation",
    "cable_internal_rotation",
)
MAINTENANCE_PROGRAM = ("hip_90_90_switches", "kneeling_windmills", "side_lying_clamshell")
# without an age band (under 13) or a goal: the deep squat's floor is the least to aim for
FALLBACK_TARGET = "deep_squat"


@dataclass(frozen=True, slots=True)
class Figure:
    """A line drawing on a 120 × 80 grid (y down): body lines, head circles, bands, arrows."""

    lines: tuple[tuple[float, float, float, float], ...] = ()
    circles: tuple[tuple[float, float, float], ...] = ()
    bands: tuple[tuple[float, float, float, float], ...] = ()  # resistance band or cable
    arrows: tuple[tuple[float, float, float, float], ...] = ()  # direction of movement


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    category: str  # "mobility" | "strength"
    how_to: tuple[str, ...]
    dose: str  # "3 sets of 15 with a light band"
    frequency: str  # "every day"
    targets: tuple[MotionKey, ...]
    safety: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class SelfCheck:
    name: str
    how_to: str


@dataclass(frozen=True, slots=True)
class HomeAdvice:
    """The non-exercise part of a handout: self-checks, warning signs, daily habits."""

    self_checks: tuple[SelfCheck, ...]
    self_checks_note: str
    warning_signs: tuple[str, ...]
    daily_habits: tuple[str, ...]


def _tuples(rows: list[list[float]] | None, size: int) -> tuple[tuple[float, ...], ...]:
    out = []
    for row in rows or ():
        if len(row) != size:
            raise ValueError(f"exercises.json: figure element {row} needs {size} numbers")
        out.append(tuple(float(v) for v in row))
    return tuple(out)


@cache
def exercise_library() -> tuple[Exercise, ...]:
    """Every exercise in the library, in file order."""
    exercises = []
    for row in load_json("exercises.json")["exercises"]:
        if row["category"] not in ("mobility", "strength"):
            raise ValueError(f"exercises.json: {row['id']}: unknown category {row['category']!r}")
        fig = row.get("figure", {})
        exercises.append(Exercise(
            id=row["id"],
            name=row["name"],
            category=row["category"],
            how_to=tuple(row["how_to"]),
            dose=row["dose"],
            frequency=row["frequency"],
            targets=tuple(MotionKey.parse(t) for t in row["targets"]),
            safety=row.get("safety", ""),
            figure=Figure(
                lines=_tuples(fig.get("lines"), 4),  # type: ignore[arg-type]
                circles=_tuples(fig.get("circles"), 3),  # type: ignore[arg-type]
                bands=_tuples(fig.get("bands"), 4),  # type: ignore[arg-type]
                arrows=_tuples(fig.get("arrows"), 4),  # type: ignore[arg-type]
            ),
        ))
    return tuple(exercises)


def exercise_by_id(exercise_id: str) -> Exercise:
    for exercise in exercise_library():
        if exercise.id == exercise_id:
            return exercise
    raise KeyError(f"unknown exercise {exercise_id!r} (not in resources/exercises.json)")


@cache
def home_advice() -> HomeAdvice:
    data = load_json("exercises.json")
    return HomeAdvice(
        self_checks=tuple(SelfCheck(r["name"], r["how_to"]) for r in data["self_checks"]),
        self_checks_note=data.get("self_checks_note", ""),
        warning_signs=tuple(data["warning_signs"]),
        daily_habits=tuple(data["daily_habits"]),
    )


def _latest(readings: tuple[Reading, ...], side: Side, today: dt.date) -> Reading | None:
    best: Reading | None = None
    for reading in readings:
        if (reading.is_current and reading.motion == HIP_IR and reading.side is side
                and reading.taken_on <= today
                and (best is None or reading.taken_at >= best.taken_at)):
            best = reading
    return best


def rotation_threshold(record: PatientRecord, side: Side, day: dt.date) -> float:
    """The least internal rotation this side should reach: the patient's goal, else the lower
    edge of the age band, else the deep squat's functional floor (children have no band)."""
    for goal in record.goals:
        if goal.motion == HIP_IR and goal.side.covers(side):
            return goal.target_degrees
    norm = normal_range_for(record.patient.age_on(day), HIP_IR)
    if norm is not None:
        return norm.low
    return target_by_key(FALLBACK_TARGET).low


def rotation_is_limited(record: PatientRecord, today: dt.date) -> bool:
    """True when the latest internal rotation of a side is below its threshold, or the sides
    differ by at least the MDC (the smaller side needs the drills)."""
    latest = {side: _latest(record.readings, side, today) for side in Side}
    for side, reading in latest.items():
        if reading is not None and reading.degrees < rotation_threshold(
                record, side, reading.taken_on):
            return True
    left, right = latest[Side.LEFT], latest[Side.RIGHT]
    return bool(left and right and abs(left.degrees - right.degrees) >= mdc_for(HIP_IR))


def default_program(record: PatientRecord, today: dt.date) -> list[Exercise]:
    """The exercises a handout starts with: rotation drills + strength when internal rotation is
    limited, otherwise a general maintenance set."""
    ids = ROTATION_PROGRAM if rotation_is_limited(record, today) else MAINTENANCE_PROGRAM
    return [exercise_by_id(i) for i in ids]


def figure_svg(exercise: Exercise, *, stroke: str = "#222222", accent: str = "#0072B2") -> str:
    """The exercise's line drawing as a standalone SVG (the same data the PDF draws)."""
    fig = exercise.figure
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {FIGURE_WIDTH:g} '
        f'{FIGURE_HEIGHT:g}" width="{FIGURE_WIDTH * 2:g}" height="{FIGURE_HEIGHT * 2:g}">',
        f"<title>{exercise.name}</title>",
        '<defs><marker id="head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" '
        f'markerHeight="5" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{accent}"/>'
        "</marker></defs>",
        f'<g stroke="{stroke}" stroke-width="3" stroke-linecap="round" fill="none">',
    ]
    parts += [f'<line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}"/>' for a, b, c, d in fig.lines]
    parts += [f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}"/>' for x, y, r in fig.circles]
    parts.append("</g>")
    parts += [
        f'<line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}" stroke="{accent}" '
        'stroke-width="2.5" stroke-dasharray="4 2"/>'
        for a, b, c, d in fig.bands
    ]
    parts += [
        f'<line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}" stroke="{accent}" '
        'stroke-width="2" marker-end="url(#head)"/>'
        for a, b, c, d in fig.arrows
    ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"

