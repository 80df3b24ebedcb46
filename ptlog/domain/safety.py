"""The handout's safety net: when to stop and call, or get urgent care (resources/safety.json).

Kept apart from the signs of lost rotation, which are posture cues, not alarms. The injection
flags are added when the patient had a steroid injection in the last weeks, the child/teen flag
for patients under 18 (a slipped capital femoral epiphysis often shows as knee pain only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ptlog.domain.i18n import ENGLISH, localized
from ptlog.domain.records import PatientRecord, TreatmentKind
from ptlog.domain.references import reference_by_id
from ptlog.domain.resources import load_json

_RULES = frozenset({"injection_weeks", "child_under_age", "sources", "about"})


@dataclass(frozen=True, slots=True)
class SafetySection:
    title: str
    items: tuple[str, ...]
    kind: str  # "call_us" | "urgent" | "injection" | "child"


@dataclass(frozen=True, slots=True)
class SafetyNet:
    title: str
    sections: tuple[SafetySection, ...]
    closing: str
    sources: tuple[str, ...]  # short names of the references

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(s.kind for s in self.sections)


def safety_texts(language: str = ENGLISH) -> dict[str, Any]:
    """safety.json with its texts in ``language`` (the rules, weeks and ages, as they are)."""
    return {key: localized(value, language) if key not in _RULES else value
            for key, value in load_json("safety.json").items()}


def recent_injection(record: PatientRecord, day: dt.date, weeks: int) -> bool:
    """A steroid injection on or before ``day`` and at most ``weeks`` weeks before it."""
    earliest = day - dt.timedelta(weeks=weeks)
    return any(t.kind is TreatmentKind.STEROID_INJECTION and earliest <= t.start_date <= day
               for t in record.treatments)


def safety_net_for(record: PatientRecord, day: dt.date, language: str = ENGLISH) -> SafetyNet:
    """The red flags this patient's handout prints on ``day``, in ``language`` (the file keys
    each text by language; the rules, weeks and ages, are the same in all)."""
    data = safety_texts(language)
    sections = [SafetySection(data["call_us_title"], tuple(data["call_us"]), "call_us"),
                SafetySection(data["urgent_title"], tuple(data["urgent"]), "urgent")]
    if recent_injection(record, day, int(data["injection_weeks"])):
        sections.append(SafetySection(data["injection_title"], tuple(data["injection"]),
                                      "injection"))
    if record.patient.age_on(day) < int(data["child_under_age"]):
        # first: in a child the hip may be a slipped growth plate that must be seen today
        sections.insert(0, SafetySection(data["child_title"], tuple(data["child"]), "child"))
    return SafetyNet(
        title=data["title"], sections=tuple(sections), closing=data["closing"],
        sources=tuple(reference_by_id(key).short for key in data["sources"]),
    )
