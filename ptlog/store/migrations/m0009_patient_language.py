"""Migration 9: the patient's preferred language (issue 20).

A language code of ``resources/locale`` (``es``, ``de``, …) in which the patient's handout is
printed; empty means the clinic's language. The handout uses it by default; the progress report
is for clinicians and speaks the clinic's language.
"""

from __future__ import annotations

STATEMENTS = ('ALTER TABLE "patient" ADD COLUMN "language" VARCHAR(16) NOT NULL DEFAULT \'\'',)


def statements(dialect: str) -> tuple[str, ...]:
    return STATEMENTS  # the same SQL on SQLite and PostgreSQL
