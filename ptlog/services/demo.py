"""Demo patients to explore ptlog: made in a database of their own, taken out again."""

from __future__ import annotations

from pathlib import Path

from ptlog.services.changes import Changes, Done
from ptlog.store import demo as _demo
from ptlog.store.database import demo_url
from ptlog.store.demo import DemoResult, RetireResult

__all__ = ["DemoResult", "RetireResult", "delete_demo_database", "demo_clinicians", "demo_url",
           "is_demo_database", "load_demo", "other_patients", "retire_demo"]

is_demo_database = _demo.is_demo_database
demo_clinicians = _demo.demo_clinicians
other_patients = _demo.other_patients


def load_demo(patients: int = 24, seed: int = 1, *,
              demo_database: bool = False) -> Done[DemoResult]:
    """Create the demo patients in one transaction (those already there are kept);
    ``demo_database``: the database is for demo data alone (the window says DEMO)."""
    return Done(_demo.generate_demo(patients, seed, demo_database=demo_database), Changes.all())


def retire_demo() -> Done[RetireResult]:
    """Archive the demo patients and make the demo's clinicians inactive (audited)."""
    return Done(_demo.retire_demo(), Changes.all())


def delete_demo_database() -> Path:
    """Delete the open demo database file (refused unless it holds demo data alone)."""
    return _demo.delete_demo_database()
