"""Check the database: SQLite's integrity, the audit chain, every row against its trail."""

from __future__ import annotations

from ptlog.store.check import Finding, check_database, check_database_on_worker

__all__ = ["Finding", "check_database", "check_database_on_worker"]
