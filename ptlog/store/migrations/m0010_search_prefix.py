"""Migration 10: search as you type on a clinic server walks indexes in byte order.

A keystroke asks for names, charts and name parts that *start with* what was typed, as a range
(``>= 'nu' AND < 'nu' || U+10FFFF``). That range holds every match only in byte order: under a
linguistic collation (a server made with ``en_US.UTF-8``) punctuation and case are weighed
apart and the range misses or adds names, and an index in the database's collation cannot serve
a ``COLLATE "C"`` comparison. So on PostgreSQL the search compares in ``"C"``
(``patients._prefix_range``) and these indexes, in ``"C"``, serve it (what ``text_pattern_ops``
does for ``LIKE 'nu%'``, kept as the ranges SQLite uses too). SQLite compares bytes already
(``BINARY``): its indexes of migrations 1 and 8 serve the same ranges, nothing to add.
"""

from __future__ import annotations


def statements(dialect: str) -> tuple[str, ...]:
    if dialect != "postgresql":
        return ()
    return (
        'CREATE INDEX IF NOT EXISTS "patient_family_key_c" ON "patient" '
        '("family_key" COLLATE "C")',
        'CREATE INDEX IF NOT EXISTS "patient_given_key_c" ON "patient" ("given_key" COLLATE "C")',
        'CREATE INDEX IF NOT EXISTS "patient_chart_c" ON "patient" ("chart" COLLATE "C")',
        'CREATE INDEX IF NOT EXISTS "patient_word_word_c" ON "patient_word" '
        '("word" COLLATE "C", "patient_id")',
    )
