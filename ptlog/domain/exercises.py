"""The home exercise library (resources/exercises.json) and the default program for a patient.

The PT picks the exercises for a handout; the default pick follows the findings so the common
case (limited internal rotation) needs no clicks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ptlog.domain.catalog import mdc_for
from ptlog.domain.i18n import ENGLISH, localized
from ptlog.domain.norms import normal_range_for
from ptlog.domain.records import MotionKey, PatientRecord, Reading, Side
from ptlog.domain.references import reference_by_id
from ptlog.domain.resources import load_json
from ptlog.domain.targets import target_by_key

HIP_IR = MotionKey("hip", "internal_rotation")
FIGURE_WIDTH = 120.0
FIGURE_HEIGHT = 80.0
WARNING_SIGNS_TITLE = "Signs your hip may be getting stiffer"  # posture cues, not red flags
GHOST = "#A0A0A0"  # the start position, under the end position in black

# the texts of an exercise that the file gives per language ({"en": …, "es": …, "de": …})
_TEXTS = frozenset({"name", "how_to", "dose", "frequency", "safety", "trains", "muscle_action",
                    "notes"})

# limited rotation → the internal-rotation drills, paired with strength of the internal
# rotators (the inward clamshell and the band need no gym; the cable pulls stay in the library)
ROTATION_PROGRAM = (
    "hip_90_90_switches",
    "ir_pails_rails",
    "seated_band_internal_rotation",
    "side_lying_clamshell_internal",
)
MAINTENANCE_PROGRAM = ("hip_90_90_switches", "kneeling_windmills", "side_lying_clamshell")
# without an age band (under 13) or a goal: the deep squat's floor is the least to aim for
FALLBACK_TARGET = "deep_squat"


@dataclass(frozen=True, slots=True)
class Figure:
    """A line drawing on a 120 × 80 grid (y down): body lines, head circles, bands, arrows.

    ``ghost_lines`` are the start position drawn in grey under the end position, so one
    picture shows where the movement starts and where it ends; ``caption`` says how to read it.
    """

    lines: tuple[tuple[float, float, float, float], ...] = ()
    ghost_lines: tuple[tuple[float, float, float, float], ...] = ()  # the start position
    circles: tuple[tuple[float, float, float], ...] = ()
    bands: tuple[tuple[float, float, float, float], ...] = ()  # resistance band or cable
    arrows: tuple[tuple[float, float, float, float], ...] = ()  # direction of movement
    caption: str = ""


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
    trains: str = ""  # the muscle action in the patient's words
    muscle_action: str = ""  # the same for a clinician
    notes: str = ""  # why it is done this way (e.g. where the band goes)
    sources: tuple[str, ...] = ()  # ids in references.json

    def source_names(self) -> list[str]:
        """The short names of this exercise's sources (for handouts and the picker)."""
        return [reference_by_id(key).short for key in self.sources]


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
    warning_signs_title: str = WARNING_SIGNS_TITLE


def _tuples(rows: list[list[float]] | None, size: int) -> tuple[tuple[float, ...], ...]:
    out = []
    for row in rows or ():
        if len(row) != size:
            raise ValueError(f"exercises.json: figure element {row} needs {size} numbers")
        out.append(tuple(float(v) for v in row))
    return tuple(out)


@cache
def exercise_library(language: str = ENGLISH) -> tuple[Exercise, ...]:
    """Every exercise in the library, in file order, its texts in ``language`` (the file keys
    each text by language; the figures and targets are the same in all)."""
    exercises = []
    for row in load_json("exercises.json")["exercises"]:
        row = {key: localized(value, language) if key in _TEXTS else value
               for key, value in row.items()}
        if "figure" in row and "caption" in row["figure"]:
            row["figure"] = {**row["figure"],
                             "caption": localized(row["figure"]["caption"], language)}
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
                ghost_lines=_tuples(fig.get("ghost_lines"), 4),  # type: ignore[arg-type]
                circles=_tuples(fig.get("circles"), 3),  # type: ignore[arg-type]
                bands=_tuples(fig.get("bands"), 4),  # type: ignore[arg-type]
                arrows=_tuples(fig.get("arrows"), 4),  # type: ignore[arg-type]
                caption=fig.get("caption", ""),
            ),
            trains=row.get("trains", ""),
            muscle_action=row.get("muscle_action", ""),
            notes=row.get("notes", ""),
            sources=tuple(row.get("sources", ())),
        ))
    for exercise in exercises:
        for key in exercise.sources:
            reference_by_id(key)  # an unknown id is an error in the data, found at load
    return tuple(exercises)


def exercise_by_id(exercise_id: str, language: str = ENGLISH) -> Exercise:
    for exercise in exercise_library(language):
        if exercise.id == exercise_id:
            return exercise
    raise KeyError(f"unknown exercise {exercise_id!r} (not in resources/exercises.json)")


@cache
def home_advice(language: str = ENGLISH) -> HomeAdvice:
    data = load_json("exercises.json")

    def text(key: str, default: object = "") -> Any:
        return localized(data.get(key, default), language)

    return HomeAdvice(
        self_checks=tuple(SelfCheck(localized(r["name"], language),
                                    localized(r["how_to"], language))
                          for r in data["self_checks"]),
        self_checks_note=text("self_checks_note"),
        warning_signs=tuple(text("warning_signs")),
        daily_habits=tuple(text("daily_habits")),
        warning_signs_title=text("warning_signs_title", WARNING_SIGNS_TITLE),
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


def rotation_is_limited(record: PatientRecord, today: dt.date,
                        mdc_overrides: Mapping[str, float] | None = None) -> bool:
    """True when the latest internal rotation of a side is below its threshold, or the sides
    differ by at least the MDC (the clinic's, when it set one; the smaller side needs drills)."""
    latest = {side: _latest(record.readings, side, today) for side in Side}
    for side, reading in latest.items():
        if reading is not None and reading.degrees < rotation_threshold(
                record, side, reading.taken_on):
            return True
    left, right = latest[Side.LEFT], latest[Side.RIGHT]
    return bool(left and right and abs(left.degrees - right.degrees)
                >= mdc_for(HIP_IR, mdc_overrides))


def default_program(record: PatientRecord, today: dt.date,
                    mdc_overrides: Mapping[str, float] | None = None,
                    language: str = ENGLISH) -> list[Exercise]:
    """The exercises a handout starts with: rotation drills + strength when internal rotation is
    limited, otherwise a general maintenance set."""
    limited = rotation_is_limited(record, today, mdc_overrides)
    ids = ROTATION_PROGRAM if limited else MAINTENANCE_PROGRAM
    return [exercise_by_id(i, language) for i in ids]


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
    ghost = "".join(f'<line x1="{a:g}" y1="{b:g}" x2="{c:g}" y2="{d:g}"/>'
                    for a, b, c, d in fig.ghost_lines)
    if ghost:
        parts.insert(-1, f'<g stroke="{GHOST}" stroke-width="3" stroke-linecap="round" '
                         f'stroke-dasharray="3 2" fill="none">{ghost}</g>')
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

