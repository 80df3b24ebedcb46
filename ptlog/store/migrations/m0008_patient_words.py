"""Migration 8: the words a patient search may start at inside names and chart numbers.

"nunez" should find Ørsted-Núñez and "010001" DEMO-010001: the start of the second part of a
hyphenated or multi-word name, and the digits of a chart. The whole chart and names keep their
own indexed columns; ``patient_word`` holds only these extra starts (about one per patient),
indexed, so a keystroke stays one index search at 100,000 patients. Filled here for the
patients already stored; ptlog keeps it with every patient it adds or edits.
"""

from __future__ import annotations

from peewee import Database

from ptlog.domain.text import search_words


def statements(dialect: str) -> tuple[str, ...]:
    key = "SERIAL" if dialect == "postgresql" else "INTEGER"
    return (
        f'CREATE TABLE "patient_word" ("id" {key} NOT NULL PRIMARY KEY, '
        '"patient_id" INTEGER NOT NULL, "word" VARCHAR(120) NOT NULL, '
        'FOREIGN KEY ("patient_id") REFERENCES "patient" ("id") ON DELETE CASCADE)',
        'CREATE INDEX "patient_word_word" ON "patient_word" ("word", "patient_id")',
        'CREATE INDEX "patient_word_patient_id" ON "patient_word" ("patient_id")',
    )


def fill(db: Database) -> int:
    """The words of every stored patient; returns how many were written.

    On a clinic server with sign-in roles the new table gets the grants ``server init`` gives
    the others (a clinician adding a patient writes its words)."""
    from ptlog.store.server_roles import grant_new_table

    grant_new_table(db, "patient_word")
    rows = [(pid, word)
            for pid, chart, family, given in db.execute_sql(
                'SELECT "id", "chart", "family_name", "given_name" FROM "patient"').fetchall()
            for word in sorted(search_words(chart, family, given))]
    p = db.param
    cursor = db.cursor()
    cursor.executemany(f'INSERT INTO "patient_word" ("patient_id", "word") VALUES ({p}, {p})',
                       rows)
    return len(rows)
