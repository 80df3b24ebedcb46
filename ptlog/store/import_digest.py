"""The digest an import records over the visits and readings it wrote, which ``ptlog check``
recomputes from the stored rows: a million imported rows verified without a million events.

The definition is ``reference_batch_digests``: each stored row in id order, as the line
``TAG|value|value…`` with every value written by ``norm``, SHA-256 per import batch. Two fast
paths must give the same bytes, and a property test holds them to it
(tests/store/test_import_digest.py):

- the import writes each line while it makes the row (``visit_line``, ``reading_line``), in
  the thread that makes the rows ahead (``bulk_insert.made_ahead``): reading a million rows back
  took 8 s;
- ``batch_digests`` reads the rows back through a raw cursor, one column conversion each,
  without peewee's row objects (about a third of the time, most of ``check``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from ptlog.store import models as m

#: the digest of a batch none of whose rows are stored any more
NO_ROWS_DIGEST = hashlib.sha256().hexdigest()

VISIT_TAG = "V|"
READING_TAG = "R|"


def norm(value: object) -> str:
    """One stored value as the digest writes it, the same on SQLite and PostgreSQL (a datetime
    stored as text on SQLite reads the same as PostgreSQL's datetime)."""
    if type(value) is str:  # most values: tested first
        text = str(value)  # the exact type tested: no copy is made
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "1" if value else "0"
    elif isinstance(value, float):
        return repr(value)
    elif isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    elif isinstance(value, dt.date):
        return value.isoformat()
    else:
        text = str(value)
    if len(text) >= 19 and text[4] == "-" and text[10] in " T" and text[13] == ":":
        return text[:19].replace("T", " ")  # datetime stored as text (SQLite)
    return text


def degrees_value(value: object) -> object:
    """A stored ``degrees`` as the digest reads it: a float (text that is none stays text)."""
    try:
        return float(value)  # type: ignore[arg-type]  # whatever a tampered row holds
    except (TypeError, ValueError):
        return value


def row_line(tag: str, values: Iterable[object]) -> str:
    """The reference line of one row."""
    return tag + "|".join(norm(v) for v in values) + "\n"


# --- the import's lines, written as it makes the rows -----------------------------------

def visit_line(visit_uuid: str, patient_id: int, when_text: str, clinician_id: int | None,
               kind: str) -> str:
    """``row_line`` of a visit the import makes (``when_text``: ``isoformat(sep=" ")``)."""
    return (f"V|{visit_uuid}|{patient_id}|{when_text}|"
            f"{'' if clinician_id is None else clinician_id}|{kind}\n")


def reading_middle(joint: str, motion: str, side: str, mode: str, position: str) -> str:
    """The part of a reading's line its kind decides (catalog and enum values, which ``norm``
    leaves as they are): made once per kind, not per reading."""
    return f"|{joint}|{motion}|{side}|{mode}|{position}|"


def reading_line(reading_uuid: str, visit_id: int, middle: str, degrees_repr: str,
                 instrument: str, note: str) -> str:
    """``row_line`` of a new, original, not void reading the import makes (``degrees_repr``:
    ``repr`` of the float stored)."""
    return (f"R|{reading_uuid}|{visit_id}{middle}{degrees_repr}|{instrument}|"
            f"{norm(note) if note else ''}||0\n")


# --- recomputed from the stored rows ------------------------------------------------------

_VISIT_COLUMNS = ("uuid", "patient_id", "visit_at", "clinician_id", "kind")
_READING_COLUMNS = ("uuid", "visit_id", "joint", "motion", "side", "mode", "position",
                    "degrees", "instrument", "note", "supersedes_id", "is_void")


def batch_digest(batch_uuid: str) -> str:
    """The digest of one import's stored visits and readings (``NO_ROWS_DIGEST``: none left)."""
    return batch_digests(batch_uuid).get(batch_uuid, NO_ROWS_DIGEST)


def batch_digests(only: str | None = None) -> dict[str, str]:
    """The digest of every import batch found in the stored rows (or of ``only``): one pass
    over each table in id order (readings carry no index on their batch)."""
    db = m.database_proxy.obj
    where = '"import_batch" IS NOT NULL' if only is None else f'"import_batch" = {db.param}'
    params: tuple[str, ...] = () if only is None else (only,)
    digests: dict[str, Any] = {}
    _feed_visits(digests, db.execute_sql(
        f'SELECT "import_batch", {_names(_VISIT_COLUMNS)} FROM "visit" WHERE {where} '
        'ORDER BY "id"', params))
    _feed_readings(digests, db.execute_sql(
        f'SELECT "import_batch", {_names(_READING_COLUMNS)} FROM "reading" WHERE {where} '
        'ORDER BY "id"', params))
    return {batch: digest.hexdigest() for batch, digest in digests.items()}


def _names(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


class _Lines:
    """Lines gathered per batch and hashed a few thousand at a time (hashlib is fastest, and
    lets go of the GIL, on big buffers)."""

    def __init__(self, digests: dict[str, Any]) -> None:
        self.digests = digests
        self.batch: str | None = None
        self.lines: list[str] = []

    def start(self, batch: str) -> list[str]:
        self.flush()
        self.batch = batch
        return self.lines

    def flush(self) -> None:
        if self.batch is not None and self.lines:
            digest = self.digests.get(self.batch)
            if digest is None:
                digest = self.digests[self.batch] = hashlib.sha256()
            digest.update("".join(self.lines).encode("utf-8"))
            self.lines.clear()
        elif self.batch is not None and self.batch not in self.digests:
            self.digests[self.batch] = hashlib.sha256()


def _feed_visits(digests: dict[str, Any], cursor: Iterable[tuple[Any, ...]]) -> None:
    out = _Lines(digests)
    lines = out.lines
    current: object = None
    for batch, uuid, pid, at, clinician, kind in cursor:
        if batch != current or len(lines) >= 5000:
            lines = out.start(batch)
            current = batch
        lines.append(f"V|{norm(uuid)}|{norm(pid)}|{norm(at)}|{norm(clinician)}|{norm(kind)}\n")
    out.flush()


def _feed_readings(digests: dict[str, Any], cursor: Iterable[tuple[Any, ...]]) -> None:
    out = _Lines(digests)
    lines = out.lines
    current: object = None
    for (batch, uuid, vid, joint, motion, side, mode, position, degrees, instrument, note,
         supersedes, void) in cursor:
        if batch != current or len(lines) >= 5000:
            lines = out.start(batch)
            current = batch
        if type(degrees) is not float:
            degrees = degrees_value(degrees)
        lines.append(
            f"R|{norm(uuid)}|{norm(vid)}|{norm(joint)}|{norm(motion)}|{norm(side)}|{norm(mode)}|"
            f"{norm(position)}|{norm(degrees)}|{norm(instrument)}|{norm(note)}|"
            f"{norm(supersedes)}|{'1' if void else '0'}\n")
    out.flush()


def reference_batch_digests(only: str | None = None) -> dict[str, str]:
    """The plain definition: peewee rows in id order, each value through ``norm``."""
    digests: dict[str, Any] = {}

    def feed(batch: str, line: str) -> None:
        digest = digests.get(batch)
        if digest is None:
            digest = digests[batch] = hashlib.sha256()
        digest.update(line.encode("utf-8"))

    visits = m.Visit.select(m.Visit.import_batch, m.Visit.uuid, m.Visit.patient,
                            m.Visit.visit_at, m.Visit.clinician, m.Visit.kind)
    readings = m.Reading.select(
        m.Reading.import_batch, m.Reading.uuid, m.Reading.visit, m.Reading.joint,
        m.Reading.motion, m.Reading.side, m.Reading.mode, m.Reading.position, m.Reading.degrees,
        m.Reading.instrument, m.Reading.note, m.Reading.supersedes, m.Reading.is_void,
    )
    if only is None:
        visits = visits.where(m.Visit.import_batch.is_null(False))
        readings = readings.where(m.Reading.import_batch.is_null(False))
    else:
        visits = visits.where(m.Visit.import_batch == only)
        readings = readings.where(m.Reading.import_batch == only)
    for batch, *row in visits.order_by(m.Visit.id).tuples().iterator():
        feed(batch, row_line(VISIT_TAG, row))
    for batch, *row in readings.order_by(m.Reading.id).tuples().iterator():
        row[7] = degrees_value(row[7])
        row[11] = bool(row[11])
        feed(batch, row_line(READING_TAG, row))
    return {batch: digest.hexdigest() for batch, digest in digests.items()}
