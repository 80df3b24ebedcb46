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

from ptlog.domain.catalog import mdc_for, motion_name
from ptlog.domain.checks import Change, ChangeVerdict
from ptlog.domain.exercises import Exercise, default_program, exercise_by_id, home_advice
from ptlog.domain.i18n import ENGLISH, N_, Translator, translator
from ptlog.domain.norms import normal_range_at
from ptlog.domain.records import ClinicSettings, MotionKey, PatientRecord, Reading, SeriesKey, Side
from ptlog.domain.safety import SafetyNet, safety_net_for
from ptlog.domain.series import one_a_visit, split_series
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

TITLE = N_("Your home program")
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
    return [CondPageBreak(120), Paragraph(_esc(text), styles["h1"])]


def _handout_motion(record: PatientRecord) -> MotionKey | None:
    """Hip internal rotation when measured (what the handout is about), else the first motion."""
    motions = [r.motion for r in record.readings if r.is_current]
    if HIP_IR in motions:
        return HIP_IR
    return motions[0] if motions else None


def _in_words(first: Reading, last: Reading, mdc: float, tr: Translator) -> str:
    """The domain's verdict in the patient's words (the same MDC and verdict as the report)."""
    if first is last:
        return _esc(tr("measured once so far"))
    change = Change(first.degrees, last.degrees, mdc)
    words = _esc(change.patient_text(tr))
    if change.verdict is ChangeVerdict.WITHIN_ERROR:
        return words
    head, _colon, rest = words.partition(":")
    return f"<b>{head}</b>:{rest}"


def _target(record: PatientRecord, motion: MotionKey, day: dt.date,
            tr: Translator) -> tuple[float, str] | None:
    """The number the patient works toward: their goal, else the age range, else a squat."""
    for goal in record.goals:
        if goal.motion == motion:
            degrees = tr.degrees(goal.target_degrees)
            if goal.label:  # the clinician's own words, as typed
                return goal.target_degrees, tr("your goal {degrees} ({label})",
                                               degrees=degrees, label=goal.label)
            return goal.target_degrees, tr("your goal {degrees}", degrees=degrees)
    norm = normal_range_at(record.patient, motion, day)
    if norm is not None:
        return norm.low, tr("usual for your age: {degrees} or more",
                            degrees=tr.degrees(norm.low))
    if motion == HIP_IR:
        squat = next(t for t in functional_targets(HIP_IR) if t.key == "deep_squat")
        return squat.low, tr("enough for a deep squat: {degrees}", degrees=tr.degrees(squat.low))
    return None


def _then_and_now(record: PatientRecord, settings: ClinicSettings,
                  styles: dict[str, ParagraphStyle], width: float,
                  tr: Translator) -> list[Flowable]:
    motion = _handout_motion(record)
    if motion is None:
        return [*_heading(tr("Your measurements"), styles),
                Paragraph(_esc(tr("No measurements have been recorded yet.")), styles["body"])]
    out: list[Flowable] = _heading(tr("Your {motion}: then and now",
                                      motion=motion_name(motion, tr, in_text=True)),
                                      styles)
    pair = main_series(record.readings, motion)
    assert pair is not None  # the motion was measured
    position, mode = pair
    groups = split_series(record.readings)
    keys = [SeriesKey(motion, side, position, mode) for side in Side]
    mdc = mdc_for(motion, settings.mdc_overrides)
    rows = [[Paragraph(f"<b>{_esc(tr(title))}</b>", styles["body"])
             for title in (N_("Side"), N_("First"), N_("Latest"), N_("What it means"))]]
    last_day = dt.date.min
    for key in keys:
        series = one_a_visit(groups.get(key, []))  # then and now: visits, not readings
        if not series:
            continue
        first, last = series[0], series[-1]
        last_day = max(last_day, last.taken_on)
        rows.append([
            Paragraph(f"<b>{_esc(tr(key.side.label))}</b>", styles["body"]),
            Paragraph(f"{tr.degrees(first.degrees)}<br/><font size='11'>"
                      f"{tr.date(first.taken_on)}</font>", styles["body"]),
            Paragraph(f"{tr.degrees(last.degrees)}<br/><font size='11'>"
                      f"{tr.date(last.taken_on)}</font>", styles["body"]),
            Paragraph(_in_words(first, last, mdc, tr), styles["body"]),
        ])
    table = Table(rows, colWidths=[0.16 * width, 0.17 * width, 0.17 * width, 0.50 * width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    out += [Paragraph(_esc(tr("Measured {position}, {mode} movement (we always compare "
                              "measurements taken the same way).", position=tr(position.value),
                              mode=tr(mode.value))), styles["body"]), table,
            Spacer(1, 6)]
    day = last_day if last_day != dt.date.min else dt.date.today()
    target = _target(record, motion, day, tr)
    chart = trend_chart(record, motion, width=width, height=200, font_size=10,
                        series_filter=keys, show_treatments=False, show_goals=False,
                        target=target, tr=tr)
    out.append(chart)
    if target is not None:
        out.append(Paragraph(_bold_lead(tr("What you are working toward: {target}.",
                                           target=shorten(target[1], NAME_CHARACTERS))),
                             styles["body"]))
    if motion == HIP_IR:
        needs = [t.describe(tr)
                 for t in targets_for_activities(record.patient.activities, HIP_IR)]
        lead = (tr("How much turning-in your activities need:") if record.patient.activities
                else tr("How much turning-in everyday movements need:"))
        out.append(Paragraph(_esc(lead), styles["body"]))
        out.append(_bullets(needs, styles["bullet"]))
    return out


def _bold_lead(sentence: str) -> str:
    """``sentence`` escaped, its lead-in up to the first colon in bold ("How much: …")."""
    head, colon, rest = sentence.partition(":")
    return f"<b>{_esc(head)}{colon}</b>{_esc(rest)}" if colon else _esc(sentence)


def _exercise_block(number: int, exercise: Exercise, styles: dict[str, ParagraphStyle],
                    width: float, tr: Translator) -> Flowable:
    picture_w = 0.3 * width
    steps = "".join(f"<br/>{i}. {_esc(step)}" for i, step in enumerate(exercise.how_to, 1))
    text: list[Flowable] = [
        Paragraph(f"<b>{number}. {_esc(exercise.name)}</b>", styles["h2"]),
        Paragraph(steps.removeprefix("<br/>"), styles["body"]),
    ]
    if exercise.notes:
        text.append(Paragraph(_bold_lead(tr("Why this way: {notes}", notes=exercise.notes)),
                              styles["body"]))
    text.append(Paragraph(
        f"{_bold_lead(tr('How much: {dose}.', dose=exercise.dose))} "
        f"{_bold_lead(tr('How often: {frequency}.', frequency=exercise.frequency))}",
        styles["body"]))
    if exercise.trains:
        text.append(Paragraph(_bold_lead(tr("What it works: {muscles}.",
                                            muscles=exercise.trains)), styles["body"]))
    if exercise.safety:
        text.append(Paragraph(f"<i>{_esc(tr('Take care: {advice}', advice=exercise.safety))}"
                              "</i>", styles["body"]))
    if exercise.sources:
        text.append(Paragraph(_esc(tr("From: {sources}.",
                                      sources="; ".join(tr(name) for name in
                                                      exercise.source_names()))),
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
                    width: float, tr: Translator) -> Flowable:
    """The red flags in a red frame, kept together so they print whole on the last page."""
    inner: list[Flowable] = [Paragraph(f"<font color='#B00020'>{_esc(net.title)}</font>",
                                       styles["h1"])]
    for section in net.sections:
        inner.append(Paragraph(f"<b>{_esc(section.title)}</b>", styles["body"]))
        inner.append(_bullets(section.items, styles["bullet"]))
    inner.append(Paragraph(f"<b>{_esc(net.closing)}</b>", styles["body"]))
    sources = "; ".join(tr(name) for name in net.sources)
    inner.append(Paragraph(_esc(tr("Based on: {sources}.", sources=sources)), styles["small"]))
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
    language: str = ENGLISH,
) -> bytes:
    """The handout as PDF bytes in ``language``; ``exercises`` None means the default program
    for the findings (chosen exercises are printed in the handout's language)."""
    tr = translator(language)
    paper = paper or settings.paper_size
    generated = generated_at or dt.datetime.now().replace(microsecond=0)
    if exercises is None:
        exercises = default_program(record, generated.date(), settings.mdc_overrides,
                                    tr.language)
    else:
        exercises = [exercise_by_id(e.id, tr.language) for e in exercises]
    styles = stylesheet(BODY)
    width = frame_width(paper)
    patient = record.patient
    given = shorten(patient.given_name, NAME_CHARACTERS)
    story: list[Flowable] = [
        Paragraph(_esc(tr("Your home program, {given_name}", given_name=given)),
                  styles["title"]),
        Paragraph(_esc(tr("Prepared for {given_name} {family_name} on {date} by {clinic}.",
                          given_name=given,
                          family_name=shorten(patient.family_name, NAME_CHARACTERS),
                          date=tr.long_date(generated.date()),
                          clinic=shorten(settings.clinic_name, NAME_CHARACTERS))),
                  styles["body"]),
    ]
    story += _then_and_now(record, settings, styles, width, tr)

    story += _heading(tr("Your exercises"), styles)
    if exercises:
        story.append(Paragraph(_esc(tr(
            "A few minutes every day helps more than one long session a week. Move slowly and "
            "stay in a range that feels comfortable. First changes often show after 2 to 3 "
            "weeks; bigger changes take 3 to 6 months.")), styles["body"]))
        story += [_exercise_block(i, e, styles, width, tr) for i, e in enumerate(exercises, 1)]
    else:
        story.append(Paragraph(_esc(tr("No exercises were chosen for this visit.")),
                               styles["body"]))

    advice = home_advice(tr.language)
    story += _heading(tr("Check yourself at home"), styles)
    story.append(_bullets([tr("{name}: {how_to}", name=c.name, how_to=c.how_to)
                           for c in advice.self_checks], styles["bullet"]))
    if advice.self_checks_note:
        story.append(Paragraph(_esc(advice.self_checks_note), styles["body"]))
    story += _heading(advice.warning_signs_title, styles)
    story.append(Paragraph(_esc(tr("These are not emergencies. Tell us about them at your next "
                                   "visit.")), styles["body"]))
    story.append(_bullets(advice.warning_signs, styles["bullet"]))
    story += _heading(tr("Everyday habits"), styles)
    story.append(_bullets(advice.daily_habits, styles["bullet"]))
    story += _heading(tr("Your next visit"), styles)
    when = tr.long_date(next_visit, weekday=True) if next_visit else \
        tr("to be arranged: {blank}", blank="______________________")
    story.append(Paragraph(f"<b>{_esc(when)}</b>", styles["body"]))
    story.append(Paragraph(_esc(tr("Do not wait for this visit if you have one of the problems "
                                   "in the red box at the end of this handout.")),
                           styles["body"]))
    story.append(_safety_section(safety_net_for(record, generated.date(), tr.language), styles,
                                 width, tr))
    return build_document(
        PageInfo(settings, patient, tr(TITLE), generated, tr=tr), story, paper=paper,
        subject=tr("Home exercise program and progress for chart {chart}",
                   chart=shorten(patient.chart, NAME_CHARACTERS)),
        keywords=tr("home exercise program, hip rotation, patient handout"),
        language=tr.language,
    )
