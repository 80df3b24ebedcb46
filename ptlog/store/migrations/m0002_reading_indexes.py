"""Migration 2: fewer index entries to write per reading (a million-reading import wrote six each).

* ``reading_visit_motion`` (visit_id, joint, motion) and ``reading_visit_id`` (visit_id) served
  the same lookups: one is enough. ``reading_visit_id`` stays: its entries are a third of the
  size, and it hands a visit's readings over in id order, which opening a patient asks for
  (``ORDER BY visit_at, id``: no sort); a joint and motion within a visit filter a dozen rows.
* ``visit_patient_id`` (patient_id) is a prefix of the unique ``visit_patient_id_visit_at``
  (patient_id, visit_at), which serves every lookup it served: dropped.
* ``reading_supersedes_id`` stays UNIQUE but holds only the rows that supersede another: the
  NULLs of the originals (nearly every row) never conflicted, and ``supersedes_id = x`` implies
  ``IS NOT NULL``, so SQLite and PostgreSQL still use it for every lookup and join on it. It
  also stops the planner from finding "the originals of these visits" by walking every NULL.
"""

from __future__ import annotations

STATEMENTS = (
    'DROP INDEX "reading_visit_motion"',
    'DROP INDEX "visit_patient_id"',
    'DROP INDEX "reading_supersedes_id"',
    'CREATE UNIQUE INDEX "reading_supersedes_id" ON "reading" ("supersedes_id") '
    'WHERE "supersedes_id" IS NOT NULL',
)


def statements(dialect: str) -> tuple[str, ...]:
    return STATEMENTS  # the same SQL on SQLite and PostgreSQL
