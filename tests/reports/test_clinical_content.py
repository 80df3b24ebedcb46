"""What a physician and a patient read, checked line by line (issue 16): red flags on the last
page of every handout, exercise mechanics, readable wording, citations a physician can look up,
one MDC rule for the window, the report and the handout, age bands without gaps."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import math
import re
from pathlib import Path

import pytest
from pdftext import pdf_text, reader
from readability import fk_grade
from report_records import HIP_IR, START, build_record, pt_course

from ptlog.domain.exercises import exercise_by_id, exercise_library, home_advice
from ptlog.domain.flags import EntryContext, flags_for
from ptlog.domain.norms import normal_range_for
from ptlog.domain.records import (
    ClinicSettings,
    Mode,
    Position,
    Side,
    Treatment,
    TreatmentKind,
    TreatmentSide,
)
from ptlog.domain.references import references
from ptlog.domain.resources import load_json, resource_path
from ptlog.domain.safety import safety_net_for, safety_texts
from ptlog.reports.handout import build_handout
from ptlog.reports.progress_report import build_progress_report

ROOT = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2025, 5, 1, 10, 30)
SETTINGS = ClinicSettings(clinic_name="Hill Street Physio")
# names of internal documents and people that must never reach a user
FORBIDDEN = re.compile(r"\bCLINICAL\b|\bDESIGN\b|DESIGN\.md|STYLE\.md|[Pp]roject owner")
MAX_GRADE = 8.0  # 6th to 8th grade: at most the 8th


def handout(record, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return build_handout(record, kwargs.pop("settings", SETTINGS), kwargs.pop("exercises", None),
                         generated_at=kwargs.pop("when", WHEN), **kwargs)


def page_texts(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in reader(data).pages]


def injection(days_before: int) -> Treatment:
    return Treatment(patient_id=1, kind=TreatmentKind.STEROID_INJECTION,
                     start_date=WHEN.date() - dt.timedelta(days=days_before),
                     side=TreatmentSide.LEFT, id=9)


# --- 1. the safety net -------------------------------------------------------------------------

def test_red_flags_are_on_the_last_page_apart_from_the_posture_signs() -> None:
    data = safety_texts()
    pages = page_texts(handout(build_record()))
    last = pages[-1]
    assert data["title"] in last
    for item in (*data["call_us"], *data["urgent"]):
        assert item in last, item
    for page in pages[:-1]:
        assert data["title"] not in page
    # the posture cues are their own section, and none of them is a red flag
    advice = home_advice()
    text = " ".join(pages)
    assert advice.warning_signs_title in text
    assert "not emergencies" in text
    assert not set(advice.warning_signs) & set(data["call_us"] + data["urgent"])
    # the closing line of the visit points at the red flags, not at the posture cues
    assert "red box at the end of this handout" in text


@pytest.mark.parametrize(("days", "shown"), [(3, True), (42, True), (43, False), (-1, False)])
def test_injection_flags_only_after_a_recent_injection(days: int, shown: bool) -> None:
    data = safety_texts()
    record = build_record(treatments=[injection(days)])
    last = page_texts(handout(record))[-1]
    assert (data["injection"][0] in last) is shown
    assert ("fever" in last) is shown


@pytest.mark.parametrize(("born", "shown"), [
    (dt.date(2012, 3, 15), True),   # 13 at the handout
    (dt.date(2007, 5, 2), True),    # 17, one day before the 18th birthday
    (dt.date(2007, 5, 1), False),   # 18 that day
    (dt.date(1990, 3, 15), False),
])
def test_child_flag_for_patients_under_18(born: dt.date, shown: bool) -> None:
    data = safety_texts()
    last = page_texts(handout(build_record(birth=born)))[-1]
    assert (data["child"][0] in last) is shown
    assert ("knee pain" in last) is shown


def test_safety_net_sections() -> None:
    adult = safety_net_for(build_record(), WHEN.date())
    assert adult.kinds == ("call_us", "urgent")
    teen = safety_net_for(build_record(birth=dt.date(2010, 1, 1),
                                       treatments=[injection(10)]), WHEN.date())
    assert teen.kinds == ("child", "call_us", "urgent", "injection")
    assert "AAOS OrthoInfo" in teen.sources
    assert "NHS" in teen.sources


# --- readability -------------------------------------------------------------------------------

def _patient_texts() -> dict[str, list[str]]:
    data = safety_texts()
    blocks: dict[str, list[str]] = {"red flags": [data["title"], data["closing"]]}
    for key in ("call_us", "urgent", "injection", "child"):
        blocks["red flags"] += [data[f"{key}_title"], *data[key]]
        blocks[f"red flags: {key}"] = [data[f"{key}_title"], *data[key]]
    for exercise in exercise_library():
        blocks[exercise.name] = [*exercise.how_to, exercise.notes, exercise.safety,
                                 f"What it works: {exercise.trains}."]
    advice = home_advice()
    blocks["signs"] = [advice.warning_signs_title, *advice.warning_signs]
    blocks["habits"] = list(advice.daily_habits)
    blocks["self-checks"] = [c.how_to for c in advice.self_checks] + [advice.self_checks_note]
    return {name: [t for t in texts if t] for name, texts in blocks.items()}


@pytest.mark.parametrize("block", sorted(_patient_texts()))
def test_patient_wording_reads_at_8th_grade_or_below(block: str) -> None:
    grade = fk_grade(_patient_texts()[block])
    assert grade <= MAX_GRADE, f"{block}: Flesch-Kincaid grade {grade:.1f}"


def test_readability_score_tells_hard_from_plain() -> None:
    """The score must be able to fail: clinical prose scores far above the patient wording."""
    clinical = ["Resisted internal rotation with the hip and knee flexed to ninety degrees "
                "activates gluteus minimus, tensor fasciae latae and the adductor musculature."]
    assert fk_grade(clinical) > 12
    assert fk_grade(["Sit on a chair. Put a band round your ankles."]) < 4


# --- 2. the exercise library -------------------------------------------------------------------

def _angle_at(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
    v1, v2 = (a[0] - b[0], a[1] - b[1]), (c[0] - b[0], c[1] - b[1])
    cos = (v1[0] * v2[0] + v1[1] * v2[1]) / (math.hypot(*v1) * math.hypot(*v2))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _right_angles(lines: tuple[tuple[float, float, float, float], ...]) -> int:
    """Pairs of segments meeting end to start at 90° ± 5° (a bent knee drawn as thigh + shin)."""
    count = 0
    for x1, y1, x2, y2 in lines:
        for u1, v1, u2, v2 in lines:
            if (x2, y2) == (u1, v1) and (x1, y1) != (u2, v2) \
                    and abs(_angle_at((x1, y1), (x2, y2), (u2, v2)) - 90) <= 5:
                count += 1
    return count


def test_seated_band_goes_round_the_ankles_and_says_why() -> None:
    band = exercise_by_id("seated_band_internal_rotation")
    steps = " ".join(band.how_to)
    assert "round both ankles" in steps
    assert "above your knees" not in steps
    assert "not above the knees" in band.notes
    assert "slack" in band.notes
    # the drawing: the band joins the two ankles, below the knees, in the end position
    (x1, y1, x2, y2), = band.figure.bands
    assert y1 > 60
    assert y2 > 60
    assert x1 < 60 < x2
    assert band.figure.ghost_lines  # the start: feet together


def test_inward_clamshell_at_3x20_and_the_ordinary_one_labelled_outward() -> None:
    inward = exercise_by_id("side_lying_clamshell_internal")
    assert inward.dose == "3 sets of 20 on each side"
    assert inward.targets == (HIP_IR,)
    assert "knees together" in " ".join(inward.how_to).lower()
    assert "top foot" in " ".join(inward.how_to)
    ordinary = exercise_by_id("side_lying_clamshell")
    assert HIP_IR not in ordinary.targets
    assert "External rotation and abduction" in ordinary.muscle_action
    assert "inward clamshell" in ordinary.notes


def test_cable_anchor_is_on_the_standing_leg_side() -> None:
    cable = exercise_by_id("cable_internal_rotation")
    assert "on the side of the leg you stand on" in cable.how_to[0]
    assert "away from the cable" in " ".join(cable.how_to)
    # drawing: the post is on the standing leg's side of the body, the foot moves away from it
    (bx1, _by1, bx2, _by2), = cable.figure.bands
    post_x, foot_x = min(bx1, bx2), max(bx1, bx2)
    (ax1, _ay1, ax2, _ay2), = cable.figure.arrows
    assert post_x < 20
    assert ax2 > ax1 > post_x
    assert foot_x > 60


def test_90_90_drawing_shows_both_knees_at_right_angles_in_start_and_end() -> None:
    figure = exercise_by_id("hip_90_90_switches").figure
    assert _right_angles(figure.lines) >= 4  # two knees × start and end panel
    assert "both knees at a right angle" in figure.caption


def test_every_exercise_names_its_muscle_action_source_start_and_end() -> None:
    known = {r.id for r in references()}
    for exercise in exercise_library():
        assert exercise.trains, exercise.id
        assert exercise.muscle_action, exercise.id
        assert exercise.sources, exercise.id
        assert set(exercise.sources) <= known, exercise.id
        assert "hip_ir_article" in exercise.sources, exercise.id
        assert exercise.figure.caption, exercise.id
        # the start position is drawn (grey) or the figure has two panels (90/90)
        assert exercise.figure.ghost_lines or "Left: the start" in exercise.figure.caption
    for rotation in ("seated_band_internal_rotation", "side_lying_clamshell_internal",
                     "cable_internal_rotation"):
        assert "ptlog_mechanics_review" in exercise_by_id(rotation).sources


def test_handout_prints_muscle_action_source_and_caption() -> None:
    text = pdf_text(handout(build_record(), exercises=[
        exercise_by_id("seated_band_internal_rotation")]))
    assert "round both ankles" in text
    assert "Why this way: The band goes round the ankles, not above the knees" in text
    assert "What it works: the muscles that turn your hips inward" in text
    assert "From: Clinic reference values (patient-education article)" in text
    assert "Seen from the front. Grey: feet together at the start" in text


def test_limited_rotation_gets_the_inward_clamshell() -> None:
    limited = build_record(((0, 12, 14), (40, 15, 16)))
    text = pdf_text(handout(limited))
    assert "Inward clamshell (top foot lift)" in text


# --- 3. citations a physician can read ---------------------------------------------------------

CITED = ("Norkin CC, White DJ", "American Academy of Orthopaedic Surgeons. Joint Motion",
         "Gradoz MC", "Kouyoumdjian P", "Nussbaumer S", "Prather H", "Holla JFM", "Altman R",
         "Patient-education article on hip internal rotation", "OrthoInfo", "National Health "
         "Service")


def test_report_lists_full_citations() -> None:
    text = pdf_text(build_progress_report(build_record(treatments=[pt_course()]), SETTINGS,
                                          generated_at=WHEN))
    assert "References" in text
    for name in CITED:
        assert name in text, name
    assert "Not a peer-reviewed source" in text
    assert "J Sport Rehabil. 2018" in text


def test_references_document_ships_every_citation() -> None:
    document = resource_path("REFERENCES.md").read_text(encoding="utf-8")
    for reference in references():
        assert reference.citation in document, reference.id
    assert "50 and over" in document


def _strings_in_json(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in_json(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in_json(v)]
    return []


def _code_strings(path: Path) -> list[str]:
    """String literals of a module, docstrings left out (developers read those, users do not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                                | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


@pytest.mark.slow
def test_no_internal_document_or_project_owner_in_anything_a_user_sees() -> None:
    seen: list[tuple[str, str]] = []
    for path in sorted(resource_path().glob("*.json")):
        seen += [(path.name, s) for s in _strings_in_json(json.loads(path.read_text("utf-8")))]
    seen.append(("REFERENCES.md", resource_path("REFERENCES.md").read_text("utf-8")))
    # every string literal of the program (messages, labels, tooltips, window titles)
    for path in sorted((ROOT / "ptlog").rglob("*.py")):
        seen += [(str(path.relative_to(ROOT)), s) for s in _code_strings(path)]
    teen = build_record(birth=dt.date(2010, 1, 1), treatments=[injection(10), pt_course()])
    for record in (build_record(), teen):
        seen.append(("handout", pdf_text(handout(record))))
        seen.append(("report", pdf_text(build_progress_report(record, SETTINGS,
                                                               generated_at=WHEN))))
    offending = [(where, text[:120]) for where, text in seen if FORBIDDEN.search(text)]
    assert not offending


def test_the_internal_name_check_can_fail() -> None:
    assert FORBIDDEN.search("ptlog reference table (project owner's clinical reference)")
    assert FORBIDDEN.search("CLINICAL.md section 7")


# --- 5. one MDC rule for the window, the report and the handout --------------------------------

@pytest.mark.parametrize(("override", "window", "report", "patient"), [
    (None, "real gain", "gain beyond MDC (7°)", "up 8°: a real improvement"),
    (10.0, "within error", "within measurement error (MDC 10°)",
     "about the same (a difference under 10°"),
])
def test_mdc_override_gives_one_verdict_everywhere(
        override: float | None, window: str, report: str, patient: str) -> None:
    settings = dataclasses.replace(
        SETTINGS, mdc_overrides={} if override is None else {"hip.internal_rotation": override})
    record = build_record(((0, 20, 30), (40, 28, 30)))  # left +8°
    # the window: the entry panel's change flag as the 28° of the second visit is typed
    second = START + dt.timedelta(days=40)
    context = EntryContext(record.patient, second.date(), second, Position.SEATED, Mode.ACTIVE,
                           [r for r in record.readings if r.taken_at < second],
                           settings.mdc_overrides)
    change = next(f for f in flags_for(HIP_IR, Side.LEFT, "28", "30", context)
                  if f.kind == "change")
    assert window in change.short
    assert report in pdf_text(build_progress_report(record, settings, generated_at=WHEN))
    assert patient in pdf_text(handout(record, settings=settings))


# --- 7. age bands --------------------------------------------------------------------------------

def test_age_bands_have_no_gaps_or_overlaps() -> None:
    bands = load_json("norms.json")["tables"][0]["bands"]
    for first, second in zip(bands, bands[1:], strict=False):
        assert second["min_age"] == first["max_age"] + 1
    for age in range(0, 131):
        matching = [b for b in bands if b["min_age"] <= age <= b["max_age"]]
        assert len(matching) == (0 if age < 13 else 1), age
    fifty = normal_range_for(50, HIP_IR)
    assert fifty is not None
    assert fifty.label == "adults 50 and over"


def test_record_start_is_a_visit_day() -> None:
    assert START.date() < WHEN.date()


# --- 4. each treatment judged in its own window ---------------------------------------------------

def test_report_names_the_judged_window_and_the_confounding_course() -> None:
    day = START.date()
    shot = Treatment(patient_id=1, kind=TreatmentKind.STEROID_INJECTION,
                     start_date=day + dt.timedelta(days=2), side=TreatmentSide.LEFT, id=1)
    course = Treatment(patient_id=1, kind=TreatmentKind.PHYSICAL_THERAPY,
                       start_date=day + dt.timedelta(days=16),
                       end_date=day + dt.timedelta(days=60), side=TreatmentSide.LEFT, id=2)
    record = build_record(((0, 20, 30), (10, 29, 30), (30, 24, 31), (90, 35, 31)),
                          treatments=[shot, course])
    text = pdf_text(build_progress_report(record, SETTINGS, generated_at=WHEN))
    assert "judged here" in text
    assert "after T2" in text  # the injection's follow-ups once the PT course began
    expect = text[text.index("What to expect"):]
    assert "short: up to 6 weeks" in expect
    assert "medium: 6 weeks to 6 months" in expect
    # the injection in its window: day 8, +9°, before the course began
    assert "responder (+9°, day 8; MDC 7°)" in expect


# --- 6. targets that fit the patient ------------------------------------------------------------

def test_handout_and_report_show_the_patients_activities_only() -> None:
    office = build_record(birth=dt.date(1980, 3, 15))
    text = pdf_text(handout(office))
    assert "Walking (stance phase): 15–20°" in text
    assert "Deep squat without knee cave-in: 20–30°" in text
    assert "pitching" not in text.lower()
    report = pdf_text(build_progress_report(office, SETTINGS, generated_at=WHEN))
    assert "none recorded (walking and squat targets shown)" in report
    assert "Baseball pitching" not in report

    pitcher = dataclasses.replace(office, patient=dataclasses.replace(
        office.patient, activities=("pitching",)))
    text = pdf_text(handout(pitcher))
    assert "How much turning-in your activities need" in text
    assert "Baseball pitching (follow-through): 50° or more" in text
    assert "Walking (stance phase)" not in text
    report = pdf_text(build_progress_report(pitcher, SETTINGS, generated_at=WHEN))
    assert "Baseball pitching (follow-through): 50° or more" in report  # the chart's line
