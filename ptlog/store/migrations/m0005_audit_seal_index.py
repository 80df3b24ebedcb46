"""Migration 5: an index of the audit chain's seal events.

Every new event is hashed under the secret the last seal names (``audit.active_key_id``); a
partial index holds the seals alone, so finding the last one is one index step however long
the chain is. The seal itself is written when the database is opened (``audit.ensure_sealed``),
not here: it needs the clinic secret, which lives outside the database.
"""

from __future__ import annotations

STATEMENTS = ('CREATE INDEX "audit_event_seal" ON "audit_event" ("id") WHERE "action" = \'seal\'',)


def statements(dialect: str) -> tuple[str, ...]:
    return STATEMENTS  # the same SQL on SQLite and PostgreSQL
