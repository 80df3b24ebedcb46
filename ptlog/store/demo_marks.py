"""Whether the open database is the demo's, and which clinicians the demo made.

Apart from the demo's generator (``store.demo``): the window asks this as it starts (its title
and status bar say DEMO), and the generator's imports are not needed for that."""

from __future__ import annotations

from typing import Any

#: the clinic setting that remembers what the demo did: ``database`` (this is a database of
#: demo data, the window says DEMO) and ``clinicians`` (the names it created: they never become
#: a real database's default signer, and ``ptlog demo --remove`` retires them)
DEMO_SETTING = "demo"


def demo_state() -> dict[str, Any]:
    from ptlog.store import clinic

    stored = clinic.get_setting(DEMO_SETTING)
    return stored if isinstance(stored, dict) else {}


def is_demo_database() -> bool:
    """True for a database made by ``ptlog demo`` for demo data alone."""
    return bool(demo_state().get("database"))


def demo_clinicians() -> set[str]:
    """Names of the clinicians the demo created in this database."""
    return {str(name) for name in demo_state().get("clinicians", ())}
