"""Check the database: SQLite's integrity, the audit chain, every row against its trail."""

from __future__ import annotations

from ptlog.store.audit_outbox import pending as audit_events_waiting
from ptlog.store.backup import remove_leftovers
from ptlog.store.check import Finding, check_database, check_database_on_worker

__all__ = ["Finding", "audit_events_waiting", "check_database", "check_database_on_worker",
           "notes"]


def notes() -> list[str]:
    """What is worth knowing but is no damage: leftovers ptlog could not remove, audit events
    of exports still waiting to join the chain. The command and the window both show these."""
    found = list(remove_leftovers())
    waiting = audit_events_waiting()
    if waiting:
        found.append(f"{waiting} audit event(s) of exports made while another program was "
                     "writing wait to join the audit trail (the next ptlog that can write adds "
                     "them)")
    return found
