"""What a use case changed: the one value the window's change signal carries (Anki's OpChanges).

Each field names the patients whose data of that kind changed, so a panel showing patient 7
refreshes only when 7 is among them. ``everything`` stands for a restore, an import or a
change seen from another workstation when the source cannot tell which patient it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


def _ids(values: Iterable[int | None]) -> frozenset[int]:
    return frozenset(v for v in values if v is not None)


@dataclass(frozen=True, slots=True)
class Changes:
    """Patients whose demographics, visits, readings or treatments changed; settings changed."""

    patients: frozenset[int] = field(default_factory=frozenset)
    visits: frozenset[int] = field(default_factory=frozenset)
    readings: frozenset[int] = field(default_factory=frozenset)
    treatments: frozenset[int] = field(default_factory=frozenset)
    settings: bool = False
    everything: bool = False

    @classmethod
    def of(cls, *, patients: Iterable[int | None] = (), visits: Iterable[int | None] = (),
           readings: Iterable[int | None] = (), treatments: Iterable[int | None] = (),
           settings: bool = False) -> Changes:
        """Built from patient ids as a use case has them (``None`` ids are left out)."""
        return cls(_ids(patients), _ids(visits), _ids(readings), _ids(treatments), settings)

    @classmethod
    def all(cls) -> Changes:
        """Anything may have changed: a restore, an import, another workstation."""
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.patients | other.patients, self.visits | other.visits,
                       self.readings | other.readings, self.treatments | other.treatments,
                       self.settings or other.settings, self.everything or other.everything)

    def __bool__(self) -> bool:
        return bool(self.everything or self.settings or self.patients or self.visits
                    or self.readings or self.treatments)

    def touches(self, patient_id: int | None) -> bool:
        """True when anything shown for this patient may be out of date."""
        if self.everything or self.settings:
            return patient_id is not None
        return patient_id is not None and patient_id in (
            self.patients | self.visits | self.readings | self.treatments)

    @property
    def patient_list(self) -> bool:
        """True when the list of patients (names, archive flags, who exists) may differ."""
        return self.everything or bool(self.patients)


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """A use case's result and what it changed."""

    value: T
    changes: Changes


NOTHING = Changes()
