"""Migration 3: readings carry no index on their import batch.

A million imported readings wrote 0.85 s of entries into ``reading_import_batch`` (a tenth of
the import), for one reader: ``ptlog check``, which now hashes every batch in one pass over the
table in id order (``csv_import.batch_digests``) instead of one indexed pass per batch. Visits
keep theirs: an import reads its new visits back by batch.
"""

from __future__ import annotations

STATEMENTS = ('DROP INDEX "reading_import_batch"',)


def statements(dialect: str) -> tuple[str, ...]:
    return STATEMENTS  # the same SQL on SQLite and PostgreSQL
