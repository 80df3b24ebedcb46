"""Migration 4: the patient's activities and sports (issue 16).

The keys of the functional targets the patient needs (``resources/targets.json``: ``walking``,
``pitching``, …), comma-separated; empty means none chosen (walking and the deep squat are
shown). The trend plot, the report and the handout draw those targets only.
"""

from __future__ import annotations

STATEMENTS = ('ALTER TABLE "patient" ADD COLUMN "activities" TEXT NOT NULL DEFAULT \'\'',)


def statements(dialect: str) -> tuple[str, ...]:
    return STATEMENTS  # the same SQL on SQLite and PostgreSQL
