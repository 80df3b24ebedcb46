"""Demo patients to explore ptlog: made in a database of their own, taken out again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ptlog.services.changes import Changes, Done
from ptlog.store.database import demo_url
from ptlog.store.demo_marks import demo_clinicians, is_demo_database

if TYPE_CHECKING:
    from ptlog.store.demo import DemoResult as DemoResult
    from ptlog.store.demo import RetireResult as RetireResult

# the generator (``store.demo``) is imported by the calls that need it: the window asks only
# ``is_demo_database`` as it starts
__all__ = ["delete_demo_database", "demo_clinicians", "demo_url", "is_demo_database",
           "load_demo", "other_patients", "retire_demo"]


def other_patients() -> int:
    """How many patients are not demo patients (real data: the demo stays out of it)."""
    from ptlog.store import demo as _demo

    return _demo.other_patients()


def load_demo(patients: int = 24, seed: int = 1, *,
              demo_database: bool = False) -> Done[DemoResult]:
    """Create the demo patients in one transaction (those already there are kept);
    ``demo_database``: the database is for demo data alone (the window says DEMO)."""
    from ptlog.store import demo as _demo

    return Done(_demo.generate_demo(patients, seed, demo_database=demo_database), Changes.all())


def retire_demo() -> Done[RetireResult]:
    """Archive the demo patients and make the demo's clinicians inactive (audited)."""
    from ptlog.store import demo as _demo

    return Done(_demo.retire_demo(), Changes.all())


def delete_demo_database() -> Path:
    """Delete the open demo database file (refused unless it holds demo data alone)."""
    from ptlog.store import demo as _demo

    return _demo.delete_demo_database()
