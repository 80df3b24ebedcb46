"""Which column of a spreadsheet holds what: a mapping, and the ptlog rows it makes.

A column holds a field (``chart``, ``visit_date``, …) or a measurement (hip internal rotation,
left): a *wide* sheet has one row per visit and a column per measurement, and each non-empty
measurement cell becomes one reading. Defaults fill what the sheet lacks (one patient's sheet
has no chart column). Without a mapping, a header is matched to ptlog's columns case- and
space-insensitively (``Visit date`` = ``visit_date``). The rows made are ptlog's CSV rows, as
text, so the one row check (``csv_readings``) judges every value; each knows its source cell.

The mapping as JSON (``ptlog import FILE --map MAPPING.json``)::

    {"columns": {"Date": "visit_date",
                 "IR L": {"joint": "hip", "motion": "internal_rotation", "side": "L"}},
     "defaults": {"chart": "C-1", "position": "seated", "mode": "active"},
     "date_order": "DMY"}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ptlog.domain import records as d
from ptlog.domain.catalog import catalog
from ptlog.domain.choices import catalog_name, code_of
from ptlog.domain.date_order import DateOrder, DateOrderError, parse_order
from ptlog.domain.i18n import N_
from ptlog.domain.limits import InputError
from ptlog.domain.parse import format_number
from ptlog.store.csv_format import (
    READINGS_COLUMNS,
    TREATMENTS_COLUMNS,
    format_visit_time,
)
from ptlog.store.csv_text import CsvImportError, Problem
from ptlog.store.errors import ValidationError
from ptlog.store.sheets import Cells, Table, sheet_ref

FIELDS = tuple(dict.fromkeys(READINGS_COLUMNS + TREATMENTS_COLUMNS))
READINGS_OPTIONAL = frozenset({"clinician", "instrument", "note"})
TREATMENTS_OPTIONAL = frozenset({"end_date", "side", "sessions", "cost", "note"})
_MEASURED = ("joint", "motion", "side", "mode", "position", "degrees")


class MappingError(ValidationError):
    """The mapping file itself is wrong (not the sheet)."""


@dataclass(frozen=True)
class Measurement:
    """A column of degrees for one motion and side (position and mode if the column says)."""

    joint: str
    motion: str
    side: str
    position: str | None = None
    mode: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"joint": self.joint, "motion": self.motion, "side": self.side}
        if self.position:
            out["position"] = self.position
        if self.mode:
            out["mode"] = self.mode
        return out


Target = str | Measurement


@dataclass
class Mapping:
    columns: dict[str, Target] = field(default_factory=dict)  # header text -> target
    defaults: dict[str, str] = field(default_factory=dict)
    date_order: DateOrder = DateOrder.ISO

    def to_json(self) -> dict[str, Any]:
        return {
            "columns": {h: t.to_json() if isinstance(t, Measurement) else t
                        for h, t in self.columns.items()},
            "defaults": dict(self.defaults),
            "date_order": self.date_order.value,
        }

    def is_plain(self, header: list[str]) -> bool:
        """This mapping reads ``header`` as ptlog's own CSV: each column holds the field of its
        name, nothing more (the import dialog's suggestion for such a file)."""
        return not self.defaults and self.columns == {h: h for h in header}

    def save(self, path: Path) -> None:
        from ptlog.atomic_files import write_atomic

        write_atomic(path, (json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"
                            ).encode("utf-8"))


def load_mapping(path: Path) -> Mapping:
    """A mapping file; any mistake in it is one message naming the file and the entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MappingError(f"{path}: no such mapping file", field="map") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path}: cannot read the mapping: {exc}", field="map") from None
    except json.JSONDecodeError as exc:
        raise MappingError(f"{path.name}:{exc.lineno}: not valid JSON ({exc.msg})",
                           field="map") from None
    try:
        return mapping_from_json(data)
    except MappingError as exc:
        raise MappingError(f"{path.name}: {exc}", field="map") from None


def mapping_from_json(data: object) -> Mapping:
    if not isinstance(data, dict):
        raise MappingError('expected a JSON object with "columns"')
    unknown = sorted(set(data) - {"columns", "defaults", "date_order"})
    if unknown:
        raise MappingError(f"unknown key(s) {', '.join(unknown)} (expected columns, defaults, "
                           "date_order)")
    columns = data.get("columns", {})
    defaults = data.get("defaults", {})
    if not isinstance(columns, dict) or not columns:
        raise MappingError('"columns" must map header texts to fields or measurements')
    if not isinstance(defaults, dict):
        raise MappingError('"defaults" must map fields to values')
    mapping = Mapping()
    for header, target in columns.items():
        mapping.columns[str(header)] = _target(str(header), target)
    for name, value in defaults.items():
        if name not in FIELDS:
            raise MappingError(f"defaults: {name!r} is not a field (expected one of "
                               f"{', '.join(FIELDS)})")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise MappingError(f"defaults: {name} must be a text or a number")
        mapping.defaults[name] = value if isinstance(value, str) else format_number(value)
    try:
        mapping.date_order = parse_order(str(data.get("date_order", "YMD")))
    except DateOrderError as exc:
        raise MappingError(f"date_order: {exc}") from None
    return mapping


def _target(header: str, target: object) -> Target:
    if isinstance(target, str):
        if target not in FIELDS:
            raise MappingError(f"column {header!r}: {target!r} is not a field (expected one of "
                               f"{', '.join(FIELDS)}, or a measurement object)")
        return target
    if not isinstance(target, dict):
        raise MappingError(f"column {header!r}: expected a field name or "
                           '{"joint": …, "motion": …, "side": "L"|"R"}')
    extra = sorted(set(target) - {"joint", "motion", "side", "position", "mode"})
    if extra or not {"joint", "motion", "side"} <= set(target):
        raise MappingError(f"column {header!r}: a measurement has joint, motion, side and "
                           "optionally position and mode")
    joint, motion = catalog_name(str(target["joint"])), catalog_name(str(target["motion"]))
    if d.MotionKey(joint, motion) not in catalog():
        raise MappingError(f"column {header!r}: {joint}.{motion} is not in the motion catalog")
    side = code_of(d.Side, str(target["side"]))
    if side is None:
        raise MappingError(f"column {header!r}: side must be L or R")
    position = mode = None
    if target.get("position") is not None:
        position = code_of(d.Position, str(target["position"]))
        if position is None:
            raise MappingError(f"column {header!r}: {target['position']!r} is not a position")
    if target.get("mode") is not None:
        mode = code_of(d.Mode, str(target["mode"]))
        if mode is None:
            raise MappingError(f"column {header!r}: {target['mode']!r} is not a mode")
    return Measurement(joint, motion, side, position, mode)


def header_key(text: str) -> str:
    return " ".join(text.casefold().split())


def automatic_mapping(header: list[str]) -> Mapping:
    """ptlog's own columns, matched case- and space-insensitively (``Visit date``)."""
    mapping = Mapping()
    for text in header:
        name = catalog_name(text)
        if name in FIELDS:
            mapping.columns[text] = name
    return mapping


# --- suggestions for the import dialog ------------------------------------------------------

_FIELD_WORDS = {
    "chart": ("chart", "chart number", "mrn", "patient id", "id", "record"),
    "family_name": ("family name", "surname", "last name", "family", "nachname", "nom"),
    "given_name": ("given name", "first name", "given", "forename", "vorname", "prénom"),
    "birth_date": ("birth date", "date of birth", "dob", "born", "birthday"),
    "sex": ("sex", "gender"),
    "visit_date": ("visit date", "date", "visit", "session date", "datum"),
    "clinician": ("clinician", "therapist", "pt", "examiner"),
    "degrees": ("degrees", "value", "rom", "angle"),
    "note": ("note", "notes", "comment", "comments", "remarks"),
}
_MOTION_WORDS = {
    "ir": "internal_rotation", "er": "external_rotation", "flex": "flexion",
    "ext": "extension", "abd": "abduction", "add": "adduction",
}


def suggest(text: str) -> Target | None:
    """A first guess at what a header names: a field, a measurement (``IR L``, ``Hip flexion
    right``), or None. The user confirms every guess in the dialog."""
    key = header_key(text)
    name = catalog_name(text)
    if name in FIELDS:
        return name
    for field_name, words in _FIELD_WORDS.items():
        if key in words:
            return field_name
    tokens = re.findall(r"[a-z]+", key)
    side = next((s for w in tokens if (s := code_of(d.Side, w)) is not None), None)
    if side is None:
        return None
    rest = " ".join(w for w in tokens if code_of(d.Side, w) is None)
    joints = {k.joint for k in catalog()}
    joint = next((w for w in rest.split() if w in joints), "hip")
    body = " ".join(w for w in rest.split() if w != joint)
    body = " ".join(_MOTION_WORDS.get(w, w) for w in body.split())
    motion = catalog_name(body)
    if d.MotionKey(joint, motion) in catalog():
        return Measurement(joint, motion, side)
    return None


# --- the rows a mapping makes ------------------------------------------------------------------

def cell_text(value: object) -> str:
    """A cell as ptlog's CSV would write it: numbers shortest, dates ISO, nothing as empty.
    What it means is judged by the row check, as for any CSV."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if value is None:
        return ""
    if kind is float:
        return format_number(value)  # type: ignore[arg-type]
    if kind is dt.datetime:
        return format_visit_time(value)  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass
class Rows:
    """ptlog CSV rows made from a table: what kind, the rows, the source row of the last one
    made, and the source cell of one of its columns (for messages)."""

    kind: str
    columns: tuple[str, ...]
    rows: Iterator[list[str]]
    line_of: Callable[[], int]
    cell_of: Callable[[str], str]


def plan_rows(table: Table, mapping: Mapping | None) -> Rows:
    """Check the mapping against the table's header and make its rows (lazily)."""
    automatic = mapping is None
    mapping = mapping or automatic_mapping(table.header)
    problems: list[InputError] = []  # each with its catalog message (the dialog's language)
    by_key: dict[str, int] = {}
    for number, text in enumerate(table.header):
        if text:
            by_key.setdefault(header_key(text), number)
    targets: dict[int, Target] = {}
    for text, target in mapping.columns.items():
        found = by_key.get(header_key(text))
        if found is None:
            problems.append(InputError.said(
                N_("the mapping names a column {column} the sheet does not have"),
                column=repr(text)))
        else:
            targets[found] = target
    unmapped = [t for n, t in enumerate(table.header) if t and n not in targets]
    fields: dict[str, int] = {}
    measurements: list[tuple[int, Measurement]] = []
    for number, target in sorted(targets.items()):
        if isinstance(target, Measurement):
            measurements.append((number, target))
        elif target in fields:
            problems.append(InputError.said(N_("two columns hold {field}: {first} and {second}"),
                                            field=target, first=repr(table.header[fields[target]]),
                                            second=repr(table.header[number])))
        else:
            fields[target] = number
    named = set(fields) | set(mapping.defaults)
    kind = "readings" if measurements or named & {"degrees", "joint", "motion", "visit_date"} \
        else "treatments" if named & {"kind", "start_date"} else ""
    if not kind:
        unknown = N_("unknown header: expected the readings columns ({readings}) or the "
                     "treatments columns ({treatments}), or a mapping (--map) for other columns")
        if len(table.header) == 1:
            unknown = N_("unknown header: expected the readings columns ({readings}) or the "
                         "treatments columns ({treatments}), or a mapping (--map) for other "
                         "columns; the header is one field: is the file separated by something "
                         "other than a comma, semicolon or tab?")
        raise _header_error(table, [InputError.said(
            unknown, readings=",".join(READINGS_COLUMNS), treatments=",".join(TREATMENTS_COLUMNS))])
    columns = READINGS_COLUMNS if kind == "readings" else TREATMENTS_COLUMNS
    optional = READINGS_OPTIONAL if kind == "readings" else TREATMENTS_OPTIONAL
    measured = set(_MEASURED) if measurements else set()
    missing = [c for c in columns if c not in named and c not in optional and c not in measured
               and not (c in ("mode", "position") and measurements
                        and all(getattr(m, c) for _n, m in measurements))]
    if missing:
        problems.append(InputError.said(N_("missing column(s): {columns} (map a column to each, "
                                           "or give a default in the mapping)"),
                                        columns=", ".join(missing)))
    if unmapped and automatic:  # with a mapping, the columns it leaves out are left out
        problems.append(InputError.said(N_("unexpected column(s): {columns}"),
                                        columns=", ".join(unmapped)))
    stray = [f for f in fields if f not in columns]
    if stray:
        problems.append(InputError.said(
            N_("column(s) for {columns} do not belong in a readings sheet") if kind == "readings"
            else N_("column(s) for {columns} do not belong in a treatments sheet"),
            columns=", ".join(stray)))
    if problems:
        raise _header_error(table, problems)
    return _rows(table, kind, columns, fields, measurements, mapping.defaults)


def _header_error(table: Table, errors: list[InputError]) -> CsvImportError:
    where = f"{sheet_ref(table.sheet)}!row {table.header_row}" if table.sheet else ""
    return CsvImportError([Problem(table.file, table.header_row, "", str(e), cell=where,
                                   message_id=e.message_id, values=e.values)
                           for e in errors])


def _rows(table: Table, kind: str, columns: tuple[str, ...], fields: dict[str, int],
          measurements: list[tuple[int, Measurement]], defaults: dict[str, str]) -> Rows:
    sources: list[int | str] = [fields.get(c, defaults.get(c, "")) for c in columns]
    degrees_at = columns.index("degrees") if "degrees" in columns else -1
    now = [0, -1]  # source row and measurement column of the row made last

    def text_of(cells: Cells, source: int | str) -> str:
        if isinstance(source, str):
            return source
        return cell_text(cells[source]) if source < len(cells) else ""

    def rows() -> Iterator[list[str]]:
        for number, cells in table.body:
            now[0], now[1] = number, -1
            if not any(c is not None and c != "" for c in cells):
                continue
            row = [text_of(cells, s) for s in sources]
            if not measurements:
                yield row
                continue
            for column, measurement in measurements:
                value = cells[column] if column < len(cells) else None
                if value is None or (isinstance(value, str) and not value.strip()):
                    continue
                made = list(row)
                made[7], made[8], made[9] = measurement.joint, measurement.motion, \
                    measurement.side
                if measurement.mode:
                    made[10] = measurement.mode
                if measurement.position:
                    made[11] = measurement.position
                made[degrees_at] = cell_text(value)
                now[1] = column
                yield made

    def cell_of(column: str) -> str:
        row, measured_in = now
        if not column:
            return f"{sheet_ref(table.sheet)}!row {row}" if table.sheet else f"{row}"
        if measured_in >= 0 and column in _MEASURED:
            return table.where(row, measured_in)
        source = fields.get(column)
        if source is not None:
            return table.where(row, source)
        place = f"{sheet_ref(table.sheet)}!row {row}" if table.sheet else f"{row}"
        return f"{place}:{column} (the mapping's default)"

    return Rows(kind, columns, rows(), lambda: now[0], cell_of)
