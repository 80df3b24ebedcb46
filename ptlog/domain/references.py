"""The clinical references ptlog ships (resources/references.json): full citations a physician
can look up, cited by id from the norms, targets, treatment outcomes, exercises and red flags."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ptlog.domain.resources import load_json


@dataclass(frozen=True, slots=True)
class Reference:
    id: str
    short: str  # "Gradoz et al. 2018"
    citation: str  # the full citation
    kind: str  # "peer-reviewed study", "patient-education article (not peer reviewed)", …
    used_for: str  # what ptlog takes from it


@cache
def references() -> tuple[Reference, ...]:
    """Every reference, in the order the report lists them."""
    return tuple(
        Reference(r["id"], r["short"], r["citation"], r["kind"], r["used_for"])
        for r in load_json("references.json")["references"]
    )


def reference_by_id(key: str) -> Reference:
    for reference in references():
        if reference.id == key:
            return reference
    raise KeyError(f"unknown reference {key!r} (not in resources/references.json)")
