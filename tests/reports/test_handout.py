"""The patient handout read back from the PDF: plain words, exercises, large print."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from pdftext import pdf_text, reader
from report_records import HIP_IR, build_record

from ptlog.domain.exercises import exercise_by_id, exercise_library
from ptlog.domain.records import ClinicSettings, Goal
from ptlog.reports.handout import build_handout

SETTINGS = ClinicSettings(clinic_name="Zoë's Physio")
WHEN = dt.datetime(2025, 5, 1, 10, 30)


def handout(record, exercises=None, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return build_handout(record, kwargs.pop("settings", SETTINGS), exercises,
                         generated_at=WHEN, **kwargs)


def test_then_and_now_in_plain_words() -> None:
    text = pdf_text(handout(build_record(), next_visit=dt.date(2025, 5, 15)))
    assert "Your home program, Zoë" in text
    assert "Zoë Ørsted-Núñez" in text
    assert "then and now" in text
    assert "up 13°" in text  # left 20 → 33
    assert "about the same" in text  # right 30 → 32, within the MDC
    assert "usual for your age: 35° or more" in text
    assert "Thursday, May 15, 2025" in text
    assert "Deep squat without knee cave-in: 20–30°" in text


def test_goal_is_what_the_patient_works_toward() -> None:
    record = build_record(goals=[Goal(1, HIP_IR, 50.0, label="pitching")])
    assert "your goal 50° (pitching)" in pdf_text(handout(record))


def test_chosen_exercises_with_dose_and_frequency() -> None:
    chosen = [exercise_by_id("side_lying_clamshell"), exercise_by_id("kneeling_windmills")]
    text = pdf_text(handout(build_record(), chosen))
    assert "Side-lying clamshell" in text
    assert "3 sets of 20 on each side" in text
    assert "Kneeling windmills" in text
    assert "90/90 hip switches" not in text
    assert "Signs your hip may be getting stiffer" in text
    assert "pillow between your knees" in text


def test_default_program_when_none_chosen() -> None:
    limited = build_record(((0, 12, 14), (40, 15, 16)))  # far below 35° for a 35-year-old
    text = pdf_text(handout(limited))
    assert "Seated internal rotation with a band" in text
    assert "3 sets of 15 with a light band" in text


def test_no_exercises_says_so() -> None:
    assert "No exercises were chosen" in pdf_text(handout(build_record(), []))


def test_body_text_is_large_print() -> None:
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            sizes[text.strip()] = size * tm[0]

    exercise = exercise_library()[0]
    data = handout(build_record(), [exercise])
    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    step = next(s for t, s in sizes.items() if t.startswith("1. Sit on the floor"))
    assert step >= 12
    warning = next(s for t, s in sizes.items() if t.startswith("Your feet point outward"))
    assert warning >= 12


@pytest.mark.parametrize(("paper", "width"), [("A4", 595.28), ("Letter", 612.0)])
def test_paper_sizes(paper: str, width: float) -> None:
    data = handout(build_record(), settings=dataclasses.replace(SETTINGS, paper_size=paper))
    assert float(reader(data).pages[0].mediabox.width) == pytest.approx(width, abs=0.1)
    override = handout(build_record(), paper="Letter")
    assert float(reader(override).pages[0].mediabox.width) == pytest.approx(612.0)


def test_a_patient_without_readings_still_gets_a_handout() -> None:
    text = pdf_text(handout(build_record(())))
    assert "No measurements have been recorded yet" in text


def test_two_values_at_one_visit_are_measured_once_so_far() -> None:
    """The same rule as the report's (``one_a_visit``): no 'up 8°' within a single visit."""
    from report_records import START

    from ptlog.domain.records import Mode, Position, Reading, Side

    again = Reading(HIP_IR, Side.LEFT, Mode.ACTIVE, Position.SEATED, 30.0, START, visit_id=1,
                    patient_id=1, id=100)
    text = pdf_text(handout(build_record(((0, 22, 25),), extra=[again])))
    assert "measured once so far" in text
    assert "up 8" not in text
