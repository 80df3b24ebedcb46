"""The clinic's records as plain, immutable dataclasses shared by every layer.

The store returns these, the reports and the GUI consume them; none of them knows about
peewee or Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    OTHER = "X"
    UNKNOWN = "U"

    @property
    def label(self) -> str:
        """The choice in a form: Female, Male, Other, Unknown."""
        return {"F": "Female", "M": "Male", "X": "Other", "U": "Unknown"}[self.value]

    @property
    def in_words(self) -> str:
        """The sex in running text and reports: female, male, other, not recorded."""
        return {"F": "female", "M": "male", "X": "other", "U": "not recorded"}[self.value]


class Side(StrEnum):
    LEFT = "L"
    RIGHT = "R"

    @property
    def label(self) -> str:
        return "Left" if self is Side.LEFT else "Right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class TreatmentSide(StrEnum):
    """A treatment may target one side or both (no side given)."""

    LEFT = "L"
    RIGHT = "R"
    BOTH = "B"

    @property
    def label(self) -> str:
        return {"L": "Left", "R": "Right", "B": "Both"}[self.value]

    def covers(self, side: Side) -> bool:
        return self is TreatmentSide.BOTH or self.value == side.value


class Mode(StrEnum):
    ACTIVE = "active"
    PASSIVE = "passive"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Position(StrEnum):
    SEATED = "seated"
    PRONE = "prone"
    SUPINE = "supine"
    STANDING = "standing"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Instrument(StrEnum):
    UNIVERSAL_GONIOMETER = "universal_goniometer"
    INCLINOMETER = "inclinometer"
    DIGITAL = "digital"
    SMARTPHONE = "smartphone"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class VisitKind(StrEnum):
    INITIAL_EVALUATION = "initial_evaluation"
    FOLLOW_UP = "follow_up"
    RE_EVALUATION = "re_evaluation"
    DISCHARGE = "discharge"

    @property
    def label(self) -> str:
        """As clinicians write it: "Follow-up", "Re-evaluation" (hyphenated)."""
        return _VISIT_KIND_LABELS[self]

    @classmethod
    def default_for(cls, earlier_visits: int) -> VisitKind:
        """A patient's first visit is the initial evaluation; every later one a follow-up."""
        return cls.INITIAL_EVALUATION if earlier_visits == 0 else cls.FOLLOW_UP


_VISIT_KIND_LABELS = {
    VisitKind.INITIAL_EVALUATION: "Initial evaluation",
    VisitKind.FOLLOW_UP: "Follow-up",
    VisitKind.RE_EVALUATION: "Re-evaluation",
    VisitKind.DISCHARGE: "Discharge",
}


class TreatmentKind(StrEnum):
    PHYSICAL_THERAPY = "physical_therapy"
    STEROID_INJECTION = "steroid_injection"
    HIP_ARTHROSCOPY = "hip_arthroscopy"
    JOINT_MOBILIZATION = "joint_mobilization"
    DRY_NEEDLING = "dry_needling"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True, slots=True)
class MotionKey:
    """A joint and one of its motions, written ``joint.motion`` (e.g. ``hip.internal_rotation``)."""

    joint: str
    motion: str

    def __str__(self) -> str:
        return f"{self.joint}.{self.motion}"

    @classmethod
    def parse(cls, text: str) -> MotionKey:
        joint, sep, motion = text.strip().partition(".")
        if not sep or not joint or not motion:
            raise ValueError(f"expected JOINT.MOTION, e.g. hip.internal_rotation, got {text!r}")
        return cls(joint, motion)


@dataclass(frozen=True, slots=True)
class SeriesKey:
    """Readings that may be joined into one trend line: same motion, side, position and mode."""

    motion: MotionKey
    side: Side
    position: Position
    mode: Mode


@dataclass(frozen=True, slots=True)
class Patient:
    chart: str
    family_name: str
    given_name: str
    birth_date: dt.date
    sex: Sex
    dominant_side: Side | None = None
    diagnosis: str = ""
    referring_physician: str = ""
    contact: str = ""
    notes: str = ""
    archived: bool = False
    id: int | None = None
    uuid: str | None = None
    version: int = 1
    activities: tuple[str, ...] = ()  # keys of functional targets (targets.json): "pitching"
    language: str = ""  # the language of the patient's handout ("es"); "" = the clinic's

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    def age_on(self, day: dt.date) -> int:
        """Whole years of age on ``day`` (age at a visit, not today)."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


@dataclass(frozen=True, slots=True)
class Clinician:
    name: str
    credentials: str = ""
    active: bool = True
    id: int | None = None
    uuid: str | None = None


@dataclass(frozen=True, slots=True)
class Visit:
    patient_id: int
    visit_at: dt.datetime  # the clinic's wall clock (naive): its date is the date the PT saw
    kind: VisitKind = VisitKind.FOLLOW_UP
    clinician: str = ""
    pain: int | None = None
    notes: str = ""
    id: int | None = None
    uuid: str | None = None
    version: int = 1
    utc_offset: int | None = None  # minutes east of UTC at the visit, when known
    late_entry: bool = False  # documented on a later day than the visit

    @property
    def visit_date(self) -> dt.date:
        return self.visit_at.date()


@dataclass(frozen=True, slots=True)
class Reading:
    """One goniometer reading. Rows are never edited: amendments supersede, voids retire."""

    motion: MotionKey
    side: Side
    mode: Mode
    position: Position
    degrees: float
    taken_at: dt.datetime  # the visit's wall-clock time (naive, see Visit.visit_at)
    instrument: Instrument = Instrument.UNIVERSAL_GONIOMETER
    note: str = ""
    clinician: str = ""
    visit_id: int | None = None
    patient_id: int | None = None
    id: int | None = None
    uuid: str | None = None
    created_at: dt.datetime | None = None
    created_by: str = ""
    supersedes_id: int | None = None  # set on an amendment or a void: the reading it replaces
    reason: str = ""  # why it was amended or voided
    is_void: bool = False
    is_current: bool = True  # False once superseded or voided

    @property
    def series(self) -> SeriesKey:
        return SeriesKey(self.motion, self.side, self.position, self.mode)

    @property
    def taken_on(self) -> dt.date:
        return self.taken_at.date()


@dataclass(frozen=True, slots=True)
class Treatment:
    patient_id: int
    kind: TreatmentKind
    start_date: dt.date
    end_date: dt.date | None = None
    side: TreatmentSide = TreatmentSide.BOTH
    sessions_planned: int | None = None
    sessions_attended: int | None = None
    cost: float | None = None
    details: str = ""
    notes: str = ""
    id: int | None = None
    uuid: str | None = None
    version: int = 1

    @property
    def effective_end(self) -> dt.date:
        """End of a course, or the start date of a one-day treatment."""
        return self.end_date or self.start_date


@dataclass(frozen=True, slots=True)
class Goal:
    patient_id: int
    motion: MotionKey
    target_degrees: float
    side: TreatmentSide = TreatmentSide.BOTH
    label: str = ""
    id: int | None = None
    uuid: str | None = None


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """Everything known about one patient, as the reports and analyses need it."""

    patient: Patient
    visits: tuple[Visit, ...] = ()
    readings: tuple[Reading, ...] = ()  # current readings only, in time order
    treatments: tuple[Treatment, ...] = ()
    goals: tuple[Goal, ...] = ()
    history: tuple[Reading, ...] = field(default=())  # superseded and voided originals


@dataclass(frozen=True, slots=True)
class ClinicSettings:
    """Clinic-wide settings (stored in the database so every workstation shares them)."""

    clinic_name: str = "ptlog clinic"
    clinic_address: str = ""
    clinic_logo: str = ""  # path to an image file for report letterheads
    paper_size: str = "A4"  # "A4" or "Letter"
    default_position: Position = Position.SEATED
    default_mode: Mode = Mode.ACTIVE
    default_instrument: Instrument = Instrument.UNIVERSAL_GONIOMETER
    mdc_overrides: dict[str, float] = field(default_factory=dict)  # "hip.internal_rotation": 7
    language: str = "en"  # the clinic's language: progress reports (the handout: the patient's)
    currency_code: str = "USD"  # ISO 4217, shown where costs are
    currency_symbol: str = "$"
