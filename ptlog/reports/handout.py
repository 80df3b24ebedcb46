"""The patient handout: plain words, large print (body 13 pt), the home program with drawings.

It talks to the patient, not the physician: "then and now" for hip rotation, what they are
working toward, the exercises, self-checks, signs of stiffening, the next visit and, last, when to
stop and call or get urgent care (the red flags, kept apart from the posture signs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors as rl
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ptlog.domain.catalog import mdc_for, motion_spec
from ptlog.domain.checks import Change, ChangeVerdict
from ptlog.domain.exercises import Exercise, default_program, home_advice
from ptlog.domain.norms import normal_range_at
from ptlog.domain.records import ClinicSettings, MotionKey, PatientRecord, Reading, SeriesKey, Side
from ptlog.domain.safety import SafetyNet, safety_net_for
from ptlog.domain.series import split_series
from ptlog.domain.targets import functional_targets, targets_for_activities
from ptlog.reports.charts import exercise_drawing, main_series, trend_chart
from ptlog.reports.layout import (
    NAME_CHARACTERS,
    PageInfo,
    build_document,
    frame_width,
    shorten,
    stylesheet,
)

TITLE = "Your home program"
BODY = 13.0  # large print: the issue asks for at least 12 pt
HIP_IR = MotionKey("hip", "internal_rotation")
GRID = rl.HexColor("#BBBBBB")
ALARM = rl.HexColor("#B00020")


def _esc(text: object) -> str:
    return escape(str(text))


def _bullets(items: Sequence[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(_esc(item), style), leftIndent=16, value="•") for item in items],
        bulletType="bullet", start="•", leftIndent=16, bulletFontSize=style.fontSize,
    )


def _heading(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [CondPageBreak(120), Paragraph(text, styles["h1"])]


def _handout_motion(record: PatientRecord) -> MotionKey | None:
    """Hip internal rotation when measured (what the handout is about), else the first motion."""
    motions = [r.motion for r in record.readings if r.is_current]
    if HIP_IR in motions:
        return HIP_IR
    return motions[0] if motions else None


def _in_words(first: Reading, last: Reading, mdc: float) -> str:
    """The domain's verdict in the patient's words (the same MDC and verdict as the report)."""
    if first is last:
        return "measured once so far"
    change = Change(first.degrees, last.degrees, mdc)
    words = _esc(change.patient_words)
    if change.verdict is ChangeVerdict.WITHIN_ERROR:
        return words
    head, _colon, rest = words.partition(":")
    return f"<b>{head}</b>:{rest}"


def _target(record: PatientRecord, motion: MotionKey, day: dt.date) -> tuple[float, str] | None:
    """The number the patient works toward: their goal, else the age range, else a squat."""
    for goal in record.goals:
        if goal.motion == motion:
            label = f"your goal {goal.target_degrees:g}°"
            return goal.target_degrees, label + (f" ({goal.label})" if goal.label else "")
    norm = normal_range_at(record.patient, motion, day)
    if norm is not None:
        return norm.low, f"usual for your age: {norm.low:g}° or more"
    if motion == HIP_IR:
        squat = next(t for t in functional_targets(HIP_IR) if t.key == "deep_squat")
        return squat.low, f"enough for a deep squat: {squat.low:g}°"
    return None


def _then_and_now(record: PatientRecord, settings: ClinicSettings,
                  styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    motion = _handout_motion(record)
    if motion is None:
        return [*_heading("Your measurements", styles),
                Paragraph("No measurements have been recorded yet.", styles["body"])]
    spec = motion_spec(motion)
    name = spec.label.lower()
    out: list[Flowable] = _heading(f"Your {name}: then and now", styles)
    pair = main_series(record.readings, motion)
    assert pair is not None  # the motion was measured
    position, mode = pair
    groups = split_series(record.readings)
    keys = [SeriesKey(motion, side, position, mode) for side in Side]
    mdc = mdc_for(motion, settings.mdc_overrides)
    rows = [[Paragraph("<b>Side</b>", styles["body"]), Paragraph("<b>First</b>", styles["body"]),
             Paragraph("<b>Latest</b>", styles["body"]),
             Paragraph("<b>What it means</b>", styles["body"])]]
    last_day = dt.date.min
    for key in keys:
        series = groups.get(key)
        if not series:
            continue
        first, last = series[0], series[-1]
        last_day = max(last_day, last.taken_on)
        rows.append([
            Paragraph(f"<b>{key.side.label}</b>", styles["body"]),
            Paragraph(f"{first.degrees:g}°<br/><font size='11'>"
                      f"{first.taken_on.strftime('%d %b %Y')}</font>", styles["body"]),
            Paragraph(f"{last.degrees:g}°<br/><font size='11'>"
                      f"{last.taken_on.strftime('%d %b %Y')}</font>", styles["body"]),
            Paragraph(_in_words(first, last, mdc), styles["body"]),
        ])
    table = Table(rows, colWidths=[0.13 * width, 0.17 * width, 0.17 * width, 0.53 * width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    out += [Paragraph(f"Measured {position.value}, {mode.value} movement (we always compare "
                      "measurements taken the same way).", styles["body"]), table,
            Spacer(1, 6)]
    target = _target(record, motion, last_day if last_day != dt.date.min else dt.date.today())
    chart = trend_chart(record, motion, width=width, height=200, font_size=10,
                        series_filter=keys, show_treatments=False, show_goals=False,
                        target=target)
    out.append(chart)
    if target is not None:
        out.append(Paragraph(f"<b>What you are working toward:</b> "
                             f"{_esc(shorten(target[1], NAME_CHARACTERS))}.", styles["body"]))
    if motion == HIP_IR:
        needs = [t.describe() for t in targets_for_activities(record.patient.activities, HIP_IR)]
        lead = ("How much turning-in your activities need:" if record.patient.activities else
                "How much turning-in everyday movements need:")
        out.append(Paragraph(lead, styles["body"]))
        out.append(_bullets(needs, styles["bullet"]))
    return out


def _exercise_block(number: int, exercise: Exercise, styles: dict[str, ParagraphStyle],
                    width: float) -> Flowable:
    picture_w = 0.3 * width
    steps = "".join(f"<br/>{i}. {_esc(step)}" for i, step in enumerate(exercise.how_to, 1))
    text: list[Flowable] = [
        Paragraph(f"<b>{number}. {_esc(exercise.name)}</b>", styles["h2"]),
        Paragraph(steps.removeprefix("<br/>"), styles["body"]),
    ]
    if exercise.notes:
        text.append(Paragraph(f"<b>Why this way:</b> {_esc(exercise.notes)}", styles["body"]))
    text.append(Paragraph(f"<b>How much:</b> {_esc(exercise.dose)}. <b>How often:</b> "
                          f"{_esc(exercise.frequency)}.", styles["body"]))
    if exercise.trains:
        text.append(Paragraph(f"<b>What it works:</b> {_esc(exercise.trains)}.", styles["body"]))
    if exercise.safety:
        text.append(Paragraph(f"<i>Take care: {_esc(exercise.safety)}</i>", styles["body"]))
    if exercise.sources:
        text.append(Paragraph(f"From: {_esc('; '.join(exercise.source_names()))}.",
                              styles["small"]))
    picture: list[Flowable] = [exercise_drawing(exercise, picture_w - 10)]
    if exercise.figure.caption:
        picture.append(Paragraph(_esc(exercise.figure.caption), styles["small"]))
    table = Table([[picture, text]],
                  colWidths=[picture_w, width - picture_w], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (0, 0), 8),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return KeepTogether([table])


def _safety_section(net: SafetyNet, styles: dict[str, ParagraphStyle],
                    width: float) -> Flowable:
    """The red flags in a red frame, kept together so they print whole on the last page."""
    inner: list[Flowable] = [Paragraph(f"<font color='#B00020'>{_esc(net.title)}</font>",
                                       styles["h1"])]
    for section in net.sections:
        inner.append(Paragraph(f"<b>{_esc(section.title)}</b>", styles["body"]))
        inner.append(_bullets(section.items, styles["bullet"]))
    inner.append(Paragraph(f"<b>{_esc(net.closing)}</b>", styles["body"]))
    inner.append(Paragraph(f"Based on: {_esc('; '.join(net.sources))}.", styles["small"]))
    box = Table([[inner]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.5, ALARM),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]))
    return KeepTogether([Spacer(1, 10), box])


def build_handout(
    record: PatientRecord,
    settings: ClinicSettings,
    exercises: Sequence[Exercise] | None = None,
    *,
    next_visit: dt.date | None = None,
    generated_at: dt.datetime | None = None,
    paper: str | None = None,
) -> bytes:
    """The handout as PDF bytes; ``exercises`` None means the default program for the findings."""
    paper = paper or settings.paper_size
    generated = generated_at or dt.datetime.now().replace(microsecond=0)
    if exercises is None:
        exercises = default_program(record, generated.date(), settings.mdc_overrides)
    styles = stylesheet(BODY)
    width = frame_width(paper)
    patient = record.patient
    story: list[Flowable] = [
        Paragraph(f"Your home program, {_esc(shorten(patient.given_name, NAME_CHARACTERS))}",
                  styles["title"]),
        Paragraph(f"Prepared for {_esc(shorten(patient.given_name, NAME_CHARACTERS))} "
                  f"{_esc(shorten(patient.family_name, NAME_CHARACTERS))} on "
                  f"{generated.strftime('%d %B %Y')} by "
                  f"{_esc(shorten(settings.clinic_name, NAME_CHARACTERS))}.", styles["body"]),
    ]
    story += _then_and_now(record, settings, styles, width)

    story += _heading("Your exercises", styles)
    if exercises:
        story.append(Paragraph(
            "A few minutes every day helps more than one long session a week. Move slowly and "
            "stay in a range that feels comfortable. First changes often show after 2 to 3 "
            "weeks; bigger changes take 3 to 6 months.", styles["body"]))
        story += [_exercise_block(i, e, styles, width) for i, e in enumerate(exercises, 1)]
    else:
        story.append(Paragraph("No exercises were chosen for this visit.", styles["body"]))

    advice = home_advice()
    story += _heading("Check yourself at home", styles)
    story.append(_bullets([f"{c.name}: {c.how_to}" for c in advice.self_checks],
                          styles["bullet"]))
    if advice.self_checks_note:
        story.append(Paragraph(_esc(advice.self_checks_note), styles["body"]))
    story += _heading(_esc(advice.warning_signs_title), styles)
    story.append(Paragraph("These are not emergencies. Tell us about them at your next visit.",
                           styles["body"]))
    story.append(_bullets(advice.warning_signs, styles["bullet"]))
    story += _heading("Everyday habits", styles)
    story.append(_bullets(advice.daily_habits, styles["bullet"]))
    story += _heading("Your next visit", styles)
    when = next_visit.strftime("%A %d %B %Y") if next_visit else \
        "to be arranged: ______________________"
    story.append(Paragraph(f"<b>{when}</b>", styles["body"]))
    story.append(Paragraph("Do not wait for this visit if you have one of the problems in the "
                           "red box at the end of this handout.", styles["body"]))
    story.append(_safety_section(safety_net_for(record, generated.date()), styles, width))
    return build_document(
        PageInfo(settings, patient, TITLE, generated), story, paper=paper,
        subject=f"Home exercise program and progress for chart "
                f"{shorten(patient.chart, NAME_CHARACTERS)}",
        keywords="home exercise program, hip rotation, patient handout",
    )
