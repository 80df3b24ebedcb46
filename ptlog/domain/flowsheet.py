"""A flowsheet as PT records keep it: motions down the side, visits across, degrees in cells.

Rows are motion × side, the hip panel first in its clinical order, then the other measured
motions in catalog order; columns are the visits that have readings, oldest first. A cell
holds the visit's reading of that motion and side, taken the same way (position and mode) as
the cell before it where possible, so a row compares like with like; a cell taken another
way is marked, since seated and prone values are not comparable.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ptlog.domain.catalog import catalog, hip_panel, mdc_for
from ptlog.domain.i18n import Translator, english
from ptlog.domain.norms import NormFlag, classify_against_norm, normal_range_for
from ptlog.domain.records import Mode, MotionKey, PatientRecord, Position, Reading, Side, Visit

_ORDER_POSITION = {p: i for i, p in enumerate(Position)}
_ORDER_MODE = {m: i for i, m in enumerate(Mode)}


@dataclass(frozen=True, slots=True)
class FlowsheetCell:
    degrees: float
    position: Position
    mode: Mode
    flag: NormFlag | None  # against the age norm at the visit; None where there is none
    changed_how: bool  # taken in another position or mode than the cell before it
    others: tuple[Reading, ...] = ()  # the same motion and side taken other ways that visit

    @property
    def how(self) -> str:
        return self.how_in(english())

    def how_in(self, words: Translator) -> str:
        """Position and mode ("seated, active") in the language of ``words``."""
        return f"{words(self.position.value)}, {words(self.mode.value)}"


@dataclass(frozen=True, slots=True)
class Flowsheet:
    visits: tuple[Visit, ...]
    rows: tuple[tuple[MotionKey, Side], ...]
    cells: dict[tuple[int, int], FlowsheetCell] = field(default_factory=dict)

    def cell(self, row: int, column: int) -> FlowsheetCell | None:
        return self.cells.get((row, column))

    def row_label(self, row: int, words: Translator | None = None) -> str:
        """The row's motion and side, in the language of ``words`` (English when none)."""
        words = words or english()
        motion, side = self.rows[row]
        spec = catalog().get(motion)
        return f"{words(spec.label) if spec else motion} {words(side.label)}"


def _motion_order(motion: MotionKey) -> tuple[int, int]:
    panel = hip_panel()
    if motion in panel:
        return 0, panel.index(motion)
    keys = list(catalog())
    return 1, keys.index(motion) if motion in keys else len(keys)


def build_flowsheet(record: PatientRecord,
                    mdc_overrides: dict[str, float] | None = None) -> Flowsheet:
    """The flowsheet of a patient's current readings (amended values, no voided ones)."""
    by_visit: dict[int | None, list[Reading]] = {}
    for reading in record.readings:
        by_visit.setdefault(reading.visit_id, []).append(reading)
    visits = tuple(sorted((v for v in record.visits if v.id in by_visit),
                          key=lambda v: (v.visit_at, v.id or 0)))
    rows = tuple(sorted({(r.motion, r.side) for r in record.readings},
                        key=lambda key: (_motion_order(key[0]), key[1] is Side.RIGHT)))
    cells: dict[tuple[int, int], FlowsheetCell] = {}
    for row, (motion, side) in enumerate(rows):
        previous: tuple[Position, Mode] | None = None
        mdc = mdc_for(motion, mdc_overrides)
        for column, visit in enumerate(visits):
            taken = sorted((r for r in by_visit[visit.id] if r.motion == motion and r.side == side),
                           key=lambda r: (_ORDER_POSITION[r.position], _ORDER_MODE[r.mode]))
            if not taken:
                continue
            same = [r for r in taken if (r.position, r.mode) == previous]
            chosen = same[0] if same else taken[0]
            norm = normal_range_for(record.patient.age_on(visit.visit_at.date()), motion)
            cells[(row, column)] = FlowsheetCell(
                degrees=chosen.degrees, position=chosen.position, mode=chosen.mode,
                flag=classify_against_norm(chosen.degrees, norm, mdc) if norm else None,
                changed_how=previous is not None and (chosen.position, chosen.mode) != previous,
                others=tuple(r for r in taken if r is not chosen),
            )
            previous = (chosen.position, chosen.mode)
    return Flowsheet(visits, rows, cells)


def column_title(visit: Visit, words: Translator | None = None) -> str:
    """A visit's column: its date (ISO, as the window writes dates) over its kind, in the
    language of ``words`` (English when none)."""
    return f"{visit.visit_at:%Y-%m-%d}\n{(words or english())(visit.kind.label)}"
