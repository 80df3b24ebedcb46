"""Read the audit trail: who changed what and when, a page at a time, or as a CSV file."""

from __future__ import annotations

from ptlog.store.audit_query import (
    PAGE,
    AuditEntry,
    count_events,
    list_events,
    users,
    write_events_csv,
)

__all__ = ["PAGE", "AuditEntry", "count_events", "list_events", "users", "write_events_csv"]
