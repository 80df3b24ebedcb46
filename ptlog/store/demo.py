"""Realistic, deterministic demo patients: visits over months, both sides, every treatment kind.

Each patient follows a small clinical story (a restricted hip improving with physical therapy, an
injection whose gain fades after about six weeks, arthroscopy taking internal rotation from about
15° to about 32° over months, non-responders too) with goniometer noise of a few degrees. The
same seed and ``today`` give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from peewee import ModelSelect

from ptlog.domain import records as d
from ptlog.domain.catalog import hip_panel, motion_spec
from ptlog.domain.norms import normal_range_for
from ptlog.store import audit, convert, goals, patients, readings, treatments
from ptlog.store import models as m
from ptlog.store.demo_marks import DEMO_SETTING, demo_clinicians, demo_state, is_demo_database

IR = d.MotionKey("hip", "internal_rotation")

_FAMILY = [
    "Ørsted-Núñez", "Nakamura", "Okafor", "Lindqvist", "García", "Dubois", "Kowalski", "Müller",
    "O'Brien", "Haddad", "Novák", "Rossi", "Fernández", "Jensen", "Papadopoulos", "Schmidt",
    "Nguyen", "Silva", "Brennan", "Virtanen", "Ahmed", "Costa", "Ibáñez", "Wójcik", "Santos",
    "Björk", "Kaya", "Moreau", "Horvat", "Petersen", "Dimitrov", "Carter", "Fitzgerald", "Sato",
]
_GIVEN_F = ["Zoë", "Amélie", "Ingrid", "Sofia", "Chiara", "Maja", "Leila", "Hannah", "Noor",
            "Renée", "Aoife", "Lucía", "Mei", "Olga", "Grace"]
_GIVEN_M = ["Łukasz", "José", "Søren", "Kwame", "Mateo", "Jonas", "Hiroshi", "Omar", "Dmitri",
            "Liam", "Théo", "Anders", "Rafael", "Emre", "Ben"]
_PHYSICIANS = ["Dr. A. Whitfield (orthopaedics)", "Dr. M. Chen (sports medicine)",
               "Dr. R. Okonkwo (family medicine)", "Dr. S. Lindgren (rheumatology)"]
_CLINICIANS = [("Ann Lee", "PT, DPT"), ("Marco Bianchi", "PT, OCS"), ("Priya Raman", "PT")]


@dataclass
class _Story:
    """How one patient's affected-side internal rotation develops over time."""

    kind: d.TreatmentKind
    responder: bool
    start_day: int  # days after the first visit
    course_days: int  # 0 for one-day treatments
    effects: list[tuple[int, float, int]] = field(default_factory=list)  # (day, gain, fade_days)


@dataclass(frozen=True)
class DemoResult:
    created: int
    already_present: int
    readings: int
    treatments: int

    def summary(self) -> str:
        return (
            f"demo: {self.created} patient(s) created ({self.already_present} already present), "
            f"{self.readings} reading(s), {self.treatments} treatment(s)"
        )


_STORY_KINDS = [
    d.TreatmentKind.PHYSICAL_THERAPY, d.TreatmentKind.STEROID_INJECTION,
    d.TreatmentKind.HIP_ARTHROSCOPY, d.TreatmentKind.PHYSICAL_THERAPY,
    d.TreatmentKind.JOINT_MOBILIZATION, d.TreatmentKind.DRY_NEEDLING, d.TreatmentKind.OTHER,
    d.TreatmentKind.STEROID_INJECTION,
]
_PT, _INJ, _ARTH = (d.TreatmentKind.PHYSICAL_THERAPY, d.TreatmentKind.STEROID_INJECTION,
                    d.TreatmentKind.HIP_ARTHROSCOPY)
_MOB, _DN, _OTHER = (d.TreatmentKind.JOINT_MOBILIZATION, d.TreatmentKind.DRY_NEEDLING,
                     d.TreatmentKind.OTHER)
_SCREEN = "rotation asymmetry found on movement screen"
# diagnoses that fit the age group (at the first visit) and the treatment: no osteoarthritis in
# a child, no growth-plate problem in an adult, Perthes disease and SCFE where they occur
_DIAGNOSES: dict[tuple[str, d.TreatmentKind], list[str]] = {
    ("child", _PT): ["Legg-Calvé-Perthes disease, healing stage, restricted rotation",
                     "after pinning of a slipped capital femoral epiphysis"],
    ("child", _INJ): ["juvenile idiopathic arthritis of the hip"],
    ("child", _MOB): ["hip stiffness after a spica cast"],
    ("child", _OTHER): [_SCREEN],
    ("teen", _PT): ["hip flexor tightness, restricted internal rotation (sport)",
                    "after pinning of a slipped capital femoral epiphysis",
                    "adductor-related groin pain"],
    ("teen", _INJ): ["juvenile idiopathic arthritis of the hip"],
    ("teen", _ARTH): ["femoroacetabular impingement (cam)", "labral tear"],
    ("teen", _MOB): ["capsular stiffness after immobilisation"],
    ("teen", _DN): ["myofascial hip pain (sport)"],
    ("teen", _OTHER): [_SCREEN],
    ("adult", _PT): ["hip flexor tightness, restricted internal rotation",
                     "low back pain with hip stiffness",
                     "femoroacetabular impingement, non-operative care"],
    ("adult", _INJ): ["greater trochanteric pain syndrome", "iliopsoas bursitis"],
    ("adult", _ARTH): ["femoroacetabular impingement (cam)", "labral tear"],
    ("adult", _MOB): ["capsular stiffness after immobilisation"],
    ("adult", _DN): ["myofascial hip pain"],
    ("adult", _OTHER): [_SCREEN],
    ("older", _PT): ["early hip osteoarthritis", "hip osteoarthritis",
                     "low back pain with hip stiffness"],
    ("older", _INJ): ["hip osteoarthritis", "greater trochanteric pain syndrome"],
    ("older", _ARTH): ["labral tear without osteoarthritis on X-ray"],
    ("older", _MOB): ["capsular stiffness after immobilisation", "hip osteoarthritis"],
    ("older", _DN): ["myofascial hip pain", "greater trochanteric pain syndrome"],
    ("older", _OTHER): [_SCREEN],
}
# treatments a clinic would not offer a child: arthroscopy and dry needling become a PT course
_CHILD_KIND = {_ARTH: _PT, _DN: _PT}


def age_group(age: int) -> str:
    """The demo's age groups, on the norm bands' boundaries (13, 20, 50 and over)."""
    if age < 13:
        return "child"
    if age < 20:
        return "teen"
    return "adult" if age < 50 else "older"


def _age_group_birth(rng: random.Random, index: int, today: dt.date, span_days: int) -> dt.date:
    """Spread ages: children, teens, adults 20-50, over 50, and some crossing a boundary."""
    group = index % 7
    if group == 0:
        years = rng.randint(8, 12)  # child: no norm band is shown
    elif group == 1:
        years = rng.randint(14, 18)
    elif group in (2, 3):
        years = rng.randint(24, 48)
    elif group == 4:
        years = rng.randint(55, 78)
    elif group == 5:
        # turns 20 during the history: the band steps from teen to adult
        return today - dt.timedelta(days=20 * 365 + rng.randint(20, max(21, span_days - 20)))
    else:
        # turns 50 during the history: the band steps to "50 and over"
        return today - dt.timedelta(days=50 * 365 + 13 + rng.randint(20, max(21, span_days - 20)))
    return today - dt.timedelta(days=years * 365 + rng.randint(0, 364))


_RESPONDER_SHARE = {_PT: 0.72, _INJ: 0.4, _ARTH: 0.82}


def _story(rng: random.Random, kind: d.TreatmentKind, span_days: int) -> _Story:
    # about the success rates the clinic reference values expect (injection 40%, PT 65-80%, …)
    responder = rng.random() < _RESPONDER_SHARE.get(kind, 0.6)
    if kind is d.TreatmentKind.PHYSICAL_THERAPY:
        start, course = rng.randint(7, 21), rng.randint(56, 84)
        gain = rng.uniform(10, 16) if responder else rng.uniform(0, 4)
        return _Story(kind, responder, start, course, [(start + course, gain, 0)])
    if kind is d.TreatmentKind.STEROID_INJECTION:
        start = rng.randint(14, 35)
        gain = rng.uniform(8, 12) if responder else rng.uniform(0, 3)
        return _Story(kind, responder, start, 0, [(start + 10, gain, 60)])  # fades after ~6 wk
    if kind is d.TreatmentKind.HIP_ARTHROSCOPY:
        start = rng.randint(20, 40)
        gain = rng.uniform(15, 19) if responder else rng.uniform(2, 5)
        return _Story(kind, responder, start, 0, [(start + 240, gain, 0)])
    if kind is d.TreatmentKind.JOINT_MOBILIZATION:
        start = rng.randint(14, 40)
        return _Story(kind, responder, start, 0, [(start + 1, rng.uniform(5, 9), 0)])
    if kind is d.TreatmentKind.DRY_NEEDLING:
        start, course = rng.randint(14, 30), rng.randint(21, 35)
        return _Story(kind, responder, start, course, [(start + course, rng.uniform(4, 8), 0)])
    start = rng.randint(10, 30)
    return _Story(kind, responder, start, 0, [(start + 30, rng.uniform(0, 6), 0)])


def _gain_at(story: _Story, day: int) -> float:
    """Cumulative gain on ``day``: a ramp up to each effect's day, then an optional fade."""
    total = 0.0
    for effect_day, gain, fade in story.effects:
        begin = story.start_day
        if day <= begin:
            continue
        if day < effect_day:
            total += gain * (day - begin) / max(1, effect_day - begin)
        elif fade and day > effect_day + 30:
            total += gain * max(0.0, 1 - (day - effect_day - 30) / fade)
        else:
            total += gain
    return total


def _treatment_row(patient: m.Patient, story: _Story, first: dt.date, side: str,
                   rng: random.Random) -> m.Treatment:
    start = first + dt.timedelta(days=story.start_day)
    end = start + dt.timedelta(days=story.course_days) if story.course_days else None
    cost: float | None
    sessions: int | None = None
    attended: int | None = None
    details = ""
    if story.kind is d.TreatmentKind.PHYSICAL_THERAPY:
        sessions = rng.randint(8, 12)
        attended = sessions - rng.randint(0, 2)
        cost = float(attended * rng.choice((85, 110, 135)))
        details = "manual therapy, hip mobility and rotator strengthening, home program"
    elif story.kind is d.TreatmentKind.STEROID_INJECTION:
        cost = float(rng.choice((250, 320, 450)))
        details = "intra-articular corticosteroid, image guided"
    elif story.kind is d.TreatmentKind.HIP_ARTHROSCOPY:
        cost = float(rng.choice((17500, 22000, 27500)))
        details = "cam osteoplasty, labral repair; rehab 6-9 months"
    elif story.kind is d.TreatmentKind.DRY_NEEDLING:
        sessions = rng.randint(4, 6)
        attended = sessions
        cost = float(sessions * 70)
        details = "gluteus minimus, TFL"
    elif story.kind is d.TreatmentKind.JOINT_MOBILIZATION:
        cost = None
        details = "posterior-inferior glide, grade III-IV"
    else:
        cost = 125.0
        details = "Functional Movement Screen"
    # the same rules as any treatment entered (demo data goes in quickly, but not unchecked)
    treatments.validate(d.Treatment(
        patient.id, story.kind, start, end, d.TreatmentSide(side), sessions, attended, cost,
        details))
    row = m.Treatment.create(
        patient=patient, kind=story.kind.value, start_date=start, end_date=end, side=side,
        sessions_planned=sessions, sessions_attended=attended, cost=cost, details=details,
        updated_by=audit.os_user(),
    )
    audit.record("create", "treatment", row.uuid, after=audit.snapshot(row),
                 patient_uuid=patient.uuid)
    return row


DEMO_CHART_PREFIX = "DEMO-"


def _demo_patients() -> ModelSelect[m.Patient]:
    return m.Patient.select().where(m.Patient.chart.startswith(DEMO_CHART_PREFIX))


def other_patients() -> int:
    """How many patients are not demo patients (real data: the demo stays out of it)."""
    return m.Patient.select().where(~m.Patient.chart.startswith(DEMO_CHART_PREFIX)).count()


@dataclass(frozen=True)
class RetireResult:
    patients: int
    clinicians: int

    def summary(self) -> str:
        return (f"demo: {self.patients} demo patient(s) archived, {self.clinicians} demo "
                "clinician(s) made inactive")


def retire_demo() -> RetireResult:
    """Archive the demo patients and make the demo's clinicians inactive, audited, in one
    transaction: readings are append-only, so in a database with real data this is how the
    demo leaves the lists (the audit trail keeps what it was)."""
    from ptlog.store import clinic
    from ptlog.store.transactions import in_transaction

    def work() -> RetireResult:
        archived = 0
        for row in _demo_patients().where(m.Patient.archived == False):  # noqa: E712
            patients.set_archived(convert.patient(row), True)
            archived += 1
        names = demo_clinicians()
        retired = 0
        for who in clinic.list_clinicians(active_only=True):
            if who.name in names:
                clinic.save_clinician(replace(who, active=False))
                retired += 1
        return RetireResult(archived, retired)

    return in_transaction(work, where="the demo patients")


def delete_demo_database() -> Path:
    """Delete the open database file when it is a demo database holding nothing else.

    Refused (``ValidationError``, nothing changed) for a server, a database that is not a demo
    database, or one where real patients were added."""
    from ptlog.store.database import close_database, database_file
    from ptlog.store.errors import ValidationError

    path = database_file()
    if path is None or not is_demo_database():
        raise ValidationError("this is not a demo database: nothing was deleted", field="db")
    others = other_patients()
    if others:
        raise ValidationError(f"this demo database also holds {others} patient(s) that are not "
                              "demo patients: nothing was deleted", field="db")
    from ptlog.store import witness

    identity = witness.database_identity()
    close_database(m.database_proxy.obj)
    witness.forget(identity)
    for suffix in ("-wal", "-shm", "-journal", ""):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def generate_demo(patients_count: int = 24, seed: int = 1, *,
                  today: dt.date | None = None, demo_database: bool = False) -> DemoResult:
    """Create ``patients_count`` demo patients (charts DEMO-0001…) in one transaction.

    ``demo_database``: this database holds demo data alone (the window title says DEMO)."""
    from ptlog.store import clinic

    today = today or dt.date.today()
    rng = random.Random(seed)
    created = present = n_readings = n_treatments = 0
    with m.database_proxy.atomic():
        state = demo_state()
        made = set(state.get("clinicians", ()))
        for name, credentials in _CLINICIANS:
            if m.Clinician.get_or_none(m.Clinician.name == name) is None:
                row = m.Clinician.create(name=name, credentials=credentials)
                audit.record("create", "clinician", row.uuid, after=audit.snapshot(row))
                made.add(name)
        wanted = {"database": bool(state.get("database")) or demo_database,
                  "clinicians": sorted(made)}
        if wanted != state:
            clinic.set_setting(DEMO_SETTING, wanted)
        for index in range(patients_count):
            chart = f"DEMO-{seed:02d}{index + 1:04d}"
            # draw every random number even for skipped patients: the rest stays identical
            sub = random.Random(rng.random())
            if patients.find_by_chart(chart) is not None:
                present += 1
                continue
            n_r, n_t = _one_patient(sub, index, chart, today)
            created += 1
            n_readings += n_r
            n_treatments += n_t
    return DemoResult(created, present, n_readings, n_treatments)


def _one_patient(rng: random.Random, index: int, chart: str, today: dt.date) -> tuple[int, int]:
    kind = _STORY_KINDS[index % len(_STORY_KINDS)]
    span = 420 if kind is d.TreatmentKind.HIP_ARTHROSCOPY else rng.randint(150, 300)
    first = today - dt.timedelta(days=span)
    sex = d.Sex.FEMALE if index % 2 == 0 else d.Sex.MALE
    given = rng.choice(_GIVEN_F if sex is d.Sex.FEMALE else _GIVEN_M)
    affected = rng.choice((d.Side.LEFT, d.Side.RIGHT))
    birth = _age_group_birth(rng, index, today, span)
    if kind is _ARTH and (today - birth).days > 57 * 365:
        # hip arthroscopy is for the younger hip: the over-50 story is in the early fifties
        birth = today - dt.timedelta(days=rng.randint(51 * 365 + 13, 56 * 365))
    group = age_group(d.Patient("", "", "", birth, sex).age_on(first))
    if group == "child":
        kind = _CHILD_KIND.get(kind, kind)
    athlete = rng.random() < 0.3
    patient = patients.add_patient(d.Patient(
        chart=chart, family_name=_FAMILY[index % len(_FAMILY)], given_name=given,
        birth_date=birth, sex=sex, dominant_side=rng.choice((d.Side.LEFT, d.Side.RIGHT)),
        diagnosis=rng.choice(_DIAGNOSES[(group, kind)]),
        referring_physician=rng.choice(_PHYSICIANS),
        contact=f"+1 555 01{index % 100:02d}", notes="demo patient",
        # athletes aim at pitching (their goal below); some others never had activities chosen
        activities=("pitching", "running") if athlete else
        () if index % 3 == 0 else ("walking", "deep_squat", "cycling"),
    ))
    assert patient.id is not None
    row = m.Patient.get_by_id(patient.id)
    story = _story(rng, kind, span)
    tx_side = "B" if kind is d.TreatmentKind.OTHER else affected.value
    _treatment_row(row, story, first, tx_side, rng)
    treatments = 1
    if kind is d.TreatmentKind.STEROID_INJECTION and rng.random() < 0.6:
        # many injection patients then start a PT course
        follow = _Story(d.TreatmentKind.PHYSICAL_THERAPY, True, story.start_day + 90, 63,
                        [(story.start_day + 153, rng.uniform(7, 11), 0)])
        story.effects.extend(follow.effects)
        _treatment_row(row, follow, first, affected.value, rng)
        treatments += 1

    age_mid = patient.age_on(first)
    norm = normal_range_for(max(age_mid, 13), IR)
    typical = (norm.low + norm.high) / 2 if norm else 40.0
    deficit = 17.0 if kind is d.TreatmentKind.HIP_ARTHROSCOPY else rng.uniform(8, 16)
    healthy_ir = typical + rng.uniform(-3, 3)
    clinician = _CLINICIANS[index % len(_CLINICIANS)][0]
    if kind is d.TreatmentKind.HIP_ARTHROSCOPY:
        healthy_ir = max(healthy_ir, 34.0)
    base_affected = max(healthy_ir - deficit, 8.0)
    if kind is d.TreatmentKind.HIP_ARTHROSCOPY:
        base_affected = 15.0 + rng.uniform(-1.5, 1.5)

    # visits: dense around treatments, then monthly
    days = sorted({0, story.start_day - rng.randint(1, 6)} | {
        story.start_day + offset for offset in (1, 14, 28, 42, 63, 90, 120, 180, 240, 300, 360)
    })
    days = [x for x in days if 0 <= x <= span]
    extra_joint = [None, d.MotionKey("knee", "flexion"), d.MotionKey("shoulder",
                   "external_rotation"), d.MotionKey("ankle", "dorsiflexion")][index % 4]
    n_readings = 0
    for visit_no, day in enumerate(days):
        when = dt.datetime.combine(first + dt.timedelta(days=day),
                                   dt.time(8 + rng.randint(0, 9), rng.choice((0, 15, 30, 45))))
        gain = _gain_at(story, day)
        batch: list[d.Reading] = []

        def add(motion: d.MotionKey, side: d.Side, value: float, position: d.Position,
                mode: d.Mode = d.Mode.ACTIVE, _when: dt.datetime = when,
                _batch: list[d.Reading] = batch) -> None:
            spec = motion_spec(motion)
            value = min(max(round(value + rng.uniform(-2.5, 2.5)), spec.impossible_below + 1),
                        spec.unusual_above)
            _batch.append(d.Reading(motion, side, mode, position, float(value), _when))

        for side in (d.Side.LEFT, d.Side.RIGHT):
            ir = base_affected + gain if side is affected else healthy_ir
            add(IR, side, ir, d.Position.SEATED)
            if visit_no % 3 == 0:
                add(IR, side, ir + 6.5, d.Position.PRONE, d.Mode.PASSIVE)
        full_panel = visit_no in (0, len(days) // 2, len(days) - 1)
        if full_panel:
            for motion in hip_panel()[1:]:
                spec = motion_spec(motion)
                for side in (d.Side.LEFT, d.Side.RIGHT):
                    restriction = 0.85 + gain / 100 if side is affected else 0.97
                    position = d.Position.SUPINE if motion.motion in ("flexion", "abduction",
                                                                      "adduction") else \
                        d.Position.PRONE if motion.motion == "extension" else d.Position.SEATED
                    add(motion, side, spec.normal_end * min(restriction, 1.0), position)
            if extra_joint is not None:
                spec = motion_spec(extra_joint)
                for side in (d.Side.LEFT, d.Side.RIGHT):
                    add(extra_joint, side, spec.normal_end * rng.uniform(0.8, 0.98),
                        d.Position.SUPINE if extra_joint.joint != "shoulder" else
                        d.Position.SUPINE)
        kind_of_visit = (d.VisitKind.INITIAL_EVALUATION if visit_no == 0 else
                         d.VisitKind.DISCHARGE if visit_no == len(days) - 1 and day > 120 else
                         d.VisitKind.RE_EVALUATION if full_panel else d.VisitKind.FOLLOW_UP)
        pain = max(0, min(10, round(6 - gain / 3 + rng.uniform(-1, 1))))
        result = readings.save_visit_readings(
            patient.id, batch, visit_at=when, kind=kind_of_visit, clinician=clinician, pain=pain,
            notes="" if visit_no else "Initial evaluation: rotation measured seated, hip at 90°.",
        )
        n_readings += len(result.saved)
    target = 50.0 if athlete else 30.0
    goals.add_goal(d.Goal(patient.id, IR, target, d.TreatmentSide(affected.value),
                          "pitching" if athlete else "deep squat"))
    return n_readings, treatments
