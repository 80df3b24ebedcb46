"""Fill the database with realistic, deterministic demo patients to explore ptlog."""

from __future__ import annotations

from ptlog.services.changes import Changes, Done
from ptlog.store.demo import DemoResult

__all__ = ["DemoResult", "load_demo"]


def load_demo(patients: int = 24, seed: int = 1) -> Done[DemoResult]:
    """Create the demo patients in one transaction (those already there are kept)."""
    from ptlog.store.demo import generate_demo

    return Done(generate_demo(patients, seed), Changes.all())
