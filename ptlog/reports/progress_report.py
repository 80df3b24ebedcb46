"""The clinician's progress report (referring physician, insurer, re-evaluation) as PDF bytes.

Every number is shown with what it is compared against: the age band with its source, the MDC
that separates a real change from measurement error, the expected treatment outcome.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors as rl
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ptlog.domain import colors
from ptlog.domain.catalog import catalog, mdc_for, motion_name
from ptlog.domain.checks import PERCENT_FORMULA, Asymmetry, Change, ChangeVerdict
from ptlog.domain.cohort import (
    DEFAULT_MOTION,
    WINDOW_CAPTIONS,
    Expected,
    counted_outcomes,
    expected_for,
)
from ptlog.domain.flowsheet import Flowsheet, build_flowsheet
from ptlog.domain.i18n import ENGLISH, N_, Translator, english, join_words, translator
from ptlog.domain.norms import NormalRange, NormFlag, normal_range_at
from ptlog.domain.records import (
    ClinicSettings,
    MotionKey,
    PatientRecord,
    Reading,
    SeriesKey,
    Side,
)
from ptlog.domain.references import references
from ptlog.domain.series import one_a_visit, split_series
from ptlog.domain.targets import targets_for_activities
from ptlog.domain.treatment_analysis import FollowUpWindow, TreatmentOutcome, analyse_patient
from ptlog.reports.charts import series_caption, trend_chart
from ptlog.reports.layout import (
    MUTED,
    NAME_CHARACTERS,
    PageInfo,
    build_document,
    frame_width,
    shorten,
    stylesheet,
)

TITLE = N_("Progress report")
ROWS_PER_TABLE = 40  # one huge table is slow to lay out and unreadable across pages
BODY = 9.5
GRID = rl.HexColor("#BBBBBB")
HEAD_BG = rl.HexColor("#E8EEF5")
CELL_PADDING = 3.0  # left and right, points


def heading(text: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A section heading that starts a new page rather than sit alone at the bottom of one."""
    return [CondPageBreak(110), Paragraph(_esc(text), styles["h1"])]


def _esc(text: object) -> str:
    return escape(str(text))


def _deg(value: float) -> str:
    return f"{value:g}°"


# whitespace a Paragraph would fold or break at: such text stays a Paragraph
_FOLDED_SPACE = re.compile(r"[^\S ]|  |^ | $")


@lru_cache(maxsize=4096)
def _text_width(text: str, font: str, size: float) -> float:
    return float(stringWidth(text, font, size))


def text_cell(text: str, style: ParagraphStyle, room: float) -> str | Paragraph:
    """Plain ``text`` for a table cell: a string when it sits on one line of ``room`` points
    (the table draws it in the same font, size and leading as the Paragraph would, at a
    fraction of a Paragraph's cost: 1,200 visit cells were a quarter of a report's time),
    else an escaped Paragraph that wraps. The table needs ``text_font`` in its style."""
    plain = text.replace("\u00ad", "")  # drawn as one line: a soft hyphen would show
    if not _FOLDED_SPACE.search(plain) and \
            _text_width(plain, style.fontName, style.fontSize) <= room:
        return plain
    return Paragraph(_esc(shorten(text)), style)


def text_font(style: ParagraphStyle, rows: tuple[int, int] = (0, -1)) -> tuple[object, ...]:
    """The TableStyle command that sets plain-string cells of ``rows`` like ``style``."""
    return ("FONT", (0, rows[0]), (-1, rows[1]), style.fontName, style.fontSize, style.leading)


def header_cells(titles: Sequence[str], widths: Sequence[float],
                 styles: dict[str, ParagraphStyle]) -> list[str | Paragraph]:
    """Bold column titles (plain where they fit; split_tables sets the bold font)."""
    return [text_cell(t, styles["cell_bold"], w - 2 * CELL_PADDING)
            for t, w in zip(titles, widths, strict=True)]


def table_style(header_rows: int = 1) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ])


def split_tables(
    header: Sequence[Flowable | str],
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    rows_per_table: int = ROWS_PER_TABLE,
    extra_style: Sequence[tuple[object, ...]] = (),
    styles: dict[str, ParagraphStyle] | None = None,
) -> list[Flowable]:
    """Rows as several tables of at most ``rows_per_table`` rows, each repeating the header.

    With ``styles``, plain-string cells are set in the "cell" style, the header in "cell_bold".
    """
    tables: list[Flowable] = []
    fonts = [text_font(styles["cell"]), text_font(styles["cell_bold"], (0, 0))] if styles else []
    for start in range(0, max(len(rows), 1), rows_per_table):
        chunk = [list(header), *[list(r) for r in rows[start:start + rows_per_table]]]
        table = Table(chunk, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        style = table_style()
        for command in fonts:
            style.add(*command)
        for command in extra_style:
            style.add(*command)
        table.setStyle(style)
        tables.append(table)
        tables.append(Spacer(1, 4))
    return tables


@dataclass(frozen=True, slots=True)
class RomRow:
    """One line of the ROM table: a motion on one side in one position and mode."""

    series: SeriesKey
    initial: Reading
    previous: Reading | None
    current: Reading
    change: Change
    norm: NormalRange | None
    goal: float | None
    asymmetry: Asymmetry | None


def rom_rows(record: PatientRecord, settings: ClinicSettings) -> list[RomRow]:
    """Initial/previous/current per series, in catalog order; series are never mixed."""
    groups = split_series(record.readings)
    order = {key: i for i, key in enumerate(catalog())}
    keys = sorted(groups, key=lambda k: (order.get(k.motion, len(order)), str(k.motion),
                                         k.position.value, k.mode.value, k.side.value))
    latest_day = max((r.taken_on for r in record.readings), default=dt.date.today())
    rows = []
    for key in keys:
        series = one_a_visit(groups[key])  # initial, previous, current: visits, not readings
        mdc = mdc_for(key.motion, settings.mdc_overrides)
        other = one_a_visit(groups.get(
            SeriesKey(key.motion, key.side.other, key.position, key.mode), []))
        asymmetry = None
        if other:
            mine, theirs = series[-1].degrees, other[-1].degrees
            left, right = (mine, theirs) if key.side is Side.LEFT else (theirs, mine)
            asymmetry = Asymmetry(left, right, mdc)
        goal = next((g.target_degrees for g in record.goals
                     if g.motion == key.motion and g.side.covers(key.side)), None)
        rows.append(RomRow(
            series=key,
            initial=series[0],
            previous=series[-2] if len(series) >= 2 else None,
            current=series[-1],
            change=Change(series[0].degrees, series[-1].degrees, mdc),
            norm=normal_range_at(record.patient, key.motion, latest_day),
            goal=goal,
            asymmetry=asymmetry,
        ))
    return rows


def _value_cell(reading: Reading | None, styles: dict[str, ParagraphStyle],
                tr: Translator) -> Paragraph:
    if reading is None:
        return Paragraph("—", styles["cell"])
    return Paragraph(
        f"<b>{tr.degrees(reading.degrees)}</b><br/><font size='6.5' color='#555555'>"
        f"{tr.date(reading.taken_on)}</font>", styles["cell"])


def _change_text(change: Change, tr: Translator) -> str:
    """The delta and the domain's verdict words (the same words the window and handout use)."""
    delta = tr.degrees(change.delta, sign=True)
    if change.verdict is not ChangeVerdict.WITHIN_ERROR:
        delta = f"<b>{delta}</b>"
    return f"{delta}<br/><font size='6.5'>{_esc(change.clinical_text(tr))}</font>"


def _rom_section(record: PatientRecord, settings: ClinicSettings, paper: str,
                 styles: dict[str, ParagraphStyle], tr: Translator) -> list[Flowable]:
    rows = rom_rows(record, settings)
    out: list[Flowable] = [*heading(tr("Range of motion"), styles)]
    if not rows:
        return [*out, Paragraph(_esc(tr("No readings recorded.")), styles["body"])]
    sources: dict[str, int] = {}
    cell, bold = styles["cell"], styles["cell_bold"]
    body_rows = []
    for row in rows:
        key = row.series
        if row.norm is not None:
            mark = sources.setdefault(row.norm.source, len(sources) + 1)
            band = (tr("{band}, {position}", band=tr(row.norm.label),
                       position=tr(row.norm.position.value)) if row.norm.position
                    else tr(row.norm.label))
            norm_text = (f"{row.norm.span_in(tr)}<super>{mark}</super><br/>"
                         f"<font size='6.5'>{_esc(band)}</font>")
        else:
            norm_text = (f"{_esc(tr('none published'))}<br/><font size='6.5'>"
                         f"{_esc(tr('for this age'))}</font>")
        if row.asymmetry is not None:
            a = row.asymmetry
            flag = tr("asymmetric") if a.flagged else tr("within error")
            asym = f"{tr.degrees(a.signed_difference, sign=True)} ({tr.percent(a.percent / 100)})" \
                   f"<br/><font size='6.5'>{_esc(flag)}</font>"
        else:
            asym = "—"
        body_rows.append([
            Paragraph(_esc(motion_name(key.motion, tr)), bold),
            Paragraph(_esc(tr(key.side.label)), cell),
            Paragraph(f"{_esc(tr(key.position.value))}<br/>{_esc(tr(key.mode.value))}", cell),
            _value_cell(row.initial, styles, tr),
            _value_cell(row.previous, styles, tr),
            _value_cell(row.current, styles, tr),
            Paragraph(_change_text(row.change, tr), cell),
            Paragraph(norm_text, cell),
            Paragraph(tr.degrees(row.goal) if row.goal is not None else "—", cell),
            Paragraph(asym, cell),
        ])
    fractions = (0.12, 0.085, 0.09, 0.09, 0.09, 0.09, 0.13, 0.115, 0.06, 0.115)
    width = frame_width(paper)
    widths = [f * width for f in fractions]
    header = header_cells([tr(t) for t in (
        N_("Motion"), N_("Side"), N_("Position"), N_("Initial"), N_("Previous"),
        N_("Current"), N_("Change since initial"), N_("Normal for age"), N_("Goal"),
        N_("Asymmetry L − R"))], widths, styles)
    out += split_tables(header, body_rows, widths, styles=styles)
    notes = [_esc(tr(
        "Change: a difference smaller than the minimal detectable change (MDC95) is within "
        "measurement error, not improvement or loss. Asymmetry: signed L − R and {formula} of "
        "the latest readings of the same position and mode. Normal ranges apply to the "
        "patient's age at the latest visit ({day}).", formula=PERCENT_FORMULA,
        day=latest_visit_day(record, tr)))]
    notes += [f"<super>{n}</super> {_esc(tr(source))}" for source, n in sources.items()]
    out += [Paragraph(n, styles["small"]) for n in notes]
    return out


def latest_visit_day(record: PatientRecord, tr: Translator | None = None) -> str:
    days = [r.taken_on for r in record.readings] + [v.visit_date for v in record.visits]
    return (tr or english()).date(max(days)) if days else "—"


def _patient_section(record: PatientRecord, styles: dict[str, ParagraphStyle],
                     paper: str, tr: Translator) -> list[Flowable]:
    p = record.patient
    days = sorted({v.visit_date for v in record.visits} | {r.taken_on for r in record.readings})
    latest = days[-1] if days else dt.date.today()
    clinicians = sorted({v.clinician for v in record.visits if v.clinician}
                        | {r.clinician for r in record.readings if r.clinician})
    unknown = tr("not recorded")
    pairs = [
        (tr("Patient"), f"<b>{_esc(shorten(p.display_name, NAME_CHARACTERS))}</b>"),
        (tr("Chart"), _esc(shorten(p.chart, NAME_CHARACTERS))),
        (tr("Born"), _esc(tr("{date} (age {age} at the latest visit)",
                             date=tr.date(p.birth_date), age=p.age_on(latest)))),
        (tr("Sex"), _esc(tr(p.sex.in_words))),
        (tr("Dominant side"), _esc(tr(p.dominant_side.label) if p.dominant_side else unknown)),
        (tr("Diagnosis"), _esc(shorten(p.diagnosis) or unknown)),
        (tr("Referring physician"), _esc(shorten(p.referring_physician, NAME_CHARACTERS)
                                         or unknown)),
        (tr("Activities"), _esc("; ".join(tr(t.label)
                                          for t in targets_for_activities(p.activities))
                                if p.activities else
                                tr("none recorded (walking and squat targets shown)"))),
        (tr("Clinician"), _esc(shorten(", ".join(clinicians), NAME_CHARACTERS) or unknown)),
        (tr("Period"), _esc(tr.plural("{first} to {last}, {n} visit day",
                                      "{first} to {last}, {n} visit days", len(days),
                                      first=tr.date(days[0]), last=tr.date(days[-1])))
         if days else _esc(tr("no visits"))),
    ]
    cell = styles["cell"]
    width = frame_width(paper)
    half = (len(pairs) + 1) // 2
    left, right = pairs[:half], pairs[half:]
    data = []
    for i in range(half):
        a = left[i]
        b = right[i] if i < len(right) else ("", "")
        data.append([Paragraph(f"<font color='#555555'>{_esc(a[0])}</font>", cell),
                     Paragraph(a[1], cell),
                     Paragraph(f"<font color='#555555'>{_esc(b[0])}</font>", cell),
                     Paragraph(b[1], cell)])
    table = Table(data, colWidths=[0.15 * width, 0.35 * width, 0.17 * width, 0.33 * width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, GRID),
    ]))
    return [Paragraph(_esc(tr(TITLE)), styles["title"]), table]


def _visits_section(record: PatientRecord, styles: dict[str, ParagraphStyle],
                    paper: str, tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [*heading(tr("Visits"), styles)]
    if not record.visits:
        return [*out, Paragraph(_esc(tr("No visits recorded.")), styles["body"])]
    counts: dict[int | None, int] = {}
    for reading in record.readings:
        counts[reading.visit_id] = counts.get(reading.visit_id, 0) + 1
    cell = styles["cell"]
    width = frame_width(paper)
    widths = [w * width for w in (0.17, 0.15, 0.17, 0.09, 0.11, 0.31)]
    room = [w - 2 * CELL_PADDING for w in widths]
    rows = [[
        text_cell(tr("{time} (late entry)", time=tr.datetime(v.visit_at)) if v.late_entry
                  else tr.datetime(v.visit_at), cell, room[0]),
        text_cell(tr(v.kind.label), cell, room[1]),
        text_cell(v.clinician or "—", cell, room[2]),
        text_cell("—" if v.pain is None else f"{v.pain}/10", cell, room[3]),
        text_cell(str(counts.get(v.id, 0)), cell, room[4]),
        text_cell(v.notes, cell, room[5]),
    ] for v in record.visits]
    header = header_cells([tr(t) for t in (N_("Date (local)"), N_("Kind"), N_("Clinician"),
                                           N_("Pain"), N_("Readings"), N_("Notes"))],
                          widths, styles)
    return out + split_tables(header, rows, widths, styles=styles)


#: visits per flowsheet table: more go into a further table below (dates stay readable)
FLOWSHEET_COLUMNS = 7
_FLAG_COLOURS = {NormFlag.BELOW: colors.ALERT, NormFlag.WITHIN: colors.OK,
                 NormFlag.ABOVE: colors.WARN}


def _flowsheet_section(record: PatientRecord, settings: ClinicSettings,
                       styles: dict[str, ParagraphStyle], paper: str,
                       tr: Translator) -> list[Flowable]:
    """The flowsheet as the window's History shows it: motion × side down, visits across,
    values coloured against the age norm at the visit, a change of position or mode marked."""
    sheet: Flowsheet = build_flowsheet(record, settings.mdc_overrides)
    out: list[Flowable] = [*heading(tr("Flowsheet"), styles)]
    if not sheet.visits:
        return [*out, Paragraph(_esc(tr("No readings recorded.")), styles["body"])]
    cell, bold = styles["cell"], styles["cell_bold"]
    width = frame_width(paper)
    first = 0.22 * width
    for start in range(0, len(sheet.visits), FLOWSHEET_COLUMNS):
        columns = range(start, min(start + FLOWSHEET_COLUMNS, len(sheet.visits)))
        rest = (width - first) / FLOWSHEET_COLUMNS
        header: list[Flowable | str] = [Paragraph(_esc(tr("Motion, side")), bold)] + [
            Paragraph(f"<font size='7'>{tr.date(sheet.visits[c].visit_at)}</font><br/>"
                      f"<font size='6'>{_esc(tr(sheet.visits[c].kind.label))}</font>", bold)
            for c in columns]
        rows: list[list[Flowable | str]] = []
        for row in range(len(sheet.rows)):
            motion, side = sheet.rows[row]
            label = tr("{motion} {side}", motion=motion_name(motion, tr), side=tr(side.label))
            line: list[Flowable | str] = [text_cell(label, cell, first - 2 * CELL_PADDING)]
            for c in columns:
                found = sheet.cell(row, c)
                if found is None:
                    line.append("")
                    continue
                colour = _FLAG_COLOURS.get(found.flag, colors.INFO) if found.flag else \
                    colors.INFO
                mark = "†" if found.changed_how else ""
                line.append(Paragraph(f"<font color='{colour}'>{tr.degrees(found.degrees)}"
                                      f"</font>{mark}", cell))
            rows.append(line)
        out += split_tables(header, rows, [first] + [rest] * len(columns), styles=styles)
        out.append(Spacer(1, 4))
    out.append(Paragraph(tr(
        "Colours: <font color='{alert}'>below</font>, <font color='{ok}'>within</font>, "
        "<font color='{warn}'>above</font> the age norm at the visit (grey: no norm). † taken "
        "in another position or mode than the value before it: not compared with it.",
        alert=colors.ALERT, ok=colors.OK, warn=colors.WARN), styles["small"]))
    return out


def _charts_section(record: PatientRecord, styles: dict[str, ParagraphStyle],
                    paper: str, tr: Translator) -> list[Flowable]:
    measured = {r.motion for r in record.readings}
    motions: list[MotionKey] = [key for key in catalog() if key in measured]
    motions += sorted(measured - set(motions), key=str)
    if not motions:
        return []
    out: list[Flowable] = [*heading(tr("Trends"), styles), Paragraph(_esc(tr(
        "Each line is one side in one position and mode; lines of different positions or modes "
        "are never joined. Circles: left, squares: right. The shaded band is the normal range "
        "for the patient's age where one is published; dotted lines are the rotation the "
        "patient's activities need (walking and a deep squat when none is recorded).")),
        styles["small"])]
    width = frame_width(paper)
    for motion in motions:
        chart = trend_chart(record, motion, width=width, height=190,
                            activity_targets=targets_for_activities(
                                record.patient.activities, motion), tr=tr)
        out.append(KeepTogether([Paragraph(_esc(motion_name(motion, tr)), styles["h2"]),
                                 chart]))
    return out


def _treatment_label(record: PatientRecord, outcome: TreatmentOutcome, tr: Translator) -> str:
    number = record.treatments.index(outcome.treatment) + 1 \
        if outcome.treatment in record.treatments else 0
    return tr("T{number}", number=number)


def _treatments_section(record: PatientRecord, settings: ClinicSettings,
                        styles: dict[str, ParagraphStyle], paper: str,
                        tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [*heading(tr("Treatments"), styles)]
    if not record.treatments:
        return [*out, Paragraph(_esc(tr("No treatments recorded.")), styles["body"])]
    cell = styles["cell"]
    width = frame_width(paper)
    rows = []
    for number, t in enumerate(record.treatments, start=1):
        dates = tr.date(t.start_date)
        if t.end_date and t.end_date != t.start_date:
            dates = tr("{start} to {end}", start=dates, end=tr.date(t.end_date))
        sessions = "—"
        if t.sessions_planned or t.sessions_attended:
            sessions = tr("{attended} of {planned}",
                          attended="?" if t.sessions_attended is None else t.sessions_attended,
                          planned="?" if t.sessions_planned is None else t.sessions_planned)
        rows.append([
            Paragraph(f"<b>{_esc(tr('T{number}', number=number))}</b>", cell),
            Paragraph(_esc(tr(t.kind.label)), cell),
            Paragraph(_esc(dates), cell), Paragraph(_esc(tr(t.side.label)), cell),
            Paragraph(_esc(sessions), cell),
            Paragraph("—" if t.cost is None else
                      _esc(tr.money(t.cost, settings.currency_symbol)), cell),
            Paragraph(_esc(shorten(" ".join(x for x in (t.details, t.notes) if x))), cell),
        ])
    widths = [w * width for w in (0.05, 0.17, 0.19, 0.09, 0.1, 0.09, 0.31)]
    header = header_cells(["", *(tr(t) for t in (N_("Treatment"), N_("Dates"), N_("Side"),
                                                 N_("Sessions"))),
                           tr("Cost ({currency})", currency=settings.currency_code),
                           tr("Details")], widths, styles)
    out += split_tables(header, rows, widths, styles=styles)

    outcomes = analyse_patient(record, settings.mdc_overrides)
    with_baseline = [o for o in outcomes if o.baseline is not None]
    out.append(Paragraph(_esc(tr("Before and after")), styles["h2"]))
    out.append(Paragraph(_esc(tr(
        "Baseline: the last reading of the same side, position and mode on or before the start, "
        "at most 60 days before. Follow-ups count from the end of a course. Changes are "
        "latest follow-up − baseline per window; a responder gains at least the MDC. Each "
        "treatment is judged in the window its expectation describes (\"judged here\"); a "
        "follow-up taken after another treatment of the same side began is marked \"after Tn\": "
        "its change is not this treatment's alone.")),
        styles["small"]))
    if with_baseline:
        rows = []
        for o in with_baseline:
            cells: list[Flowable | str] = [
                Paragraph(f"<b>{_esc(_treatment_label(record, o, tr))}</b> "
                          f"{_esc(tr(o.treatment.kind.label))}", cell),
                Paragraph(f"{_esc(motion_name(o.motion, tr))}<br/>"
                          f"{_esc(series_caption(SeriesKey(o.motion, o.side, o.position, o.mode), tr))}",  # noqa: E501
                          cell),
                Paragraph(f"{tr.degrees(o.baseline.degrees)}<br/><font size='6.5'>"  # type: ignore[union-attr]
                          f"{tr.date(o.baseline.date)}</font>", cell),  # type: ignore[union-attr]
            ]
            judged_window = expected_for(o.treatment.kind).judged_window
            for window in FollowUpWindow:
                inside = [f for f in o.followups if f.window == window]
                if inside:
                    f = inside[-1]
                    day = (tr("day {day}, beyond MDC", day=f.days_after) if f.beyond_mdc
                           else tr("day {day}", day=f.days_after))
                    after = _confounded_by(record, o, f.date, tr)
                    if after:
                        day = tr("{day}, after {treatments}", day=day, treatments=after)
                    text = (f"{tr.degrees(f.degrees)} ({tr.degrees(f.change, sign=True)})<br/>"
                            f"<font size='6.5'>{_esc(day)}</font>")
                else:
                    text = "—"
                if window == judged_window:
                    text = f"{text}<br/><font size='6.5'><b>{_esc(tr('judged here'))}</b></font>"
                cells.append(Paragraph(text, cell))
            mdc = tr("MDC {mdc}", mdc=tr.degrees(o.mdc))
            after = _confounded_by(record, o, o.latest.date, tr) if o.latest else ""
            if after:
                mdc = tr("{mdc}; latest after {treatments}", mdc=mdc, treatments=after)
            cells.append(Paragraph(f"<b>{_esc(tr(o.verdict))}</b><br/><font size='6.5'>"
                                   f"{_esc(mdc)}</font>", cell))
            rows.append(cells)
        widths = [w * width for w in (0.17, 0.2, 0.1, 0.13, 0.13, 0.13, 0.14)]
        header = header_cells([tr(t) for t in (
            N_("Treatment"), N_("Series"), N_("Baseline"), *(w.label for w in FollowUpWindow),
            N_("Verdict"))],
            widths, styles)
        out += split_tables(header, rows, widths, styles=styles)
    else:
        out.append(Paragraph(_esc(tr(
            "No treatment has a baseline reading within 60 days before it, so no before/after "
            "comparison can be made.")), styles["body"]))
    missing = sorted({_treatment_label(record, o, tr) for o in outcomes if o.baseline is None})
    if missing:
        out.append(Paragraph(_esc(tr("Without a baseline (no comparison made for some series): "
                                     "{treatments}.", treatments=", ".join(missing))),
                             styles["small"]))

    rows = []
    source = ""
    measured = {o.motion for o in with_baseline}
    motion = DEFAULT_MOTION if DEFAULT_MOTION in measured or not measured else \
        sorted(measured, key=str)[0]
    counted = counted_outcomes(outcomes, motion)
    for kind in dict.fromkeys(t.kind for t in record.treatments):
        expected = expected_for(kind)
        source = expected.source
        rate = _rate_text(expected, tr)
        judged = expected.judged_window
        rows.append([Paragraph(_esc(tr(kind.label)), cell), Paragraph(_esc(rate), cell),
                     Paragraph(_esc(tr("{window}: {span}", window=tr(judged),
                                       span=tr(WINDOW_CAPTIONS[judged]))), cell),
                     Paragraph(_esc(_judged_result(counted.get(kind, []), judged, tr)), cell),
                     Paragraph(_esc(tr(expected.recovery) if expected.recovery else "—"), cell),
                     Paragraph(_esc(tr(expected.note) if expected.note else ""), cell)])
    widths = [w * width for w in (0.15, 0.12, 0.14, 0.19, 0.13, 0.27)]
    then = tr("This patient then ({motion})", motion=motion_name(motion, tr, in_text=True))
    header = header_cells([tr("Treatment"), tr("Expected success"), tr("Judged at"), then,
                           tr("Recovery"), tr("Note")], widths, styles)
    expected_tables = split_tables(header, rows, widths, styles=styles)
    if source:
        expected_tables.append(Paragraph(_esc(tr("Source: {source}.", source=tr(source))),
                                         styles["small"]))
    out.append(KeepTogether([Paragraph(_esc(tr("What to expect")), styles["h2"]),
                             *expected_tables]))
    return out


def _rate_text(expected: Expected, tr: Translator) -> str:
    """The expected responder rate: "40%", "65–80%" (the same numbers as ``success_text``)."""
    if expected.success_low is None:
        return tr("no published rate")
    if expected.success_high is None or expected.success_low == expected.success_high:
        return tr.percent(expected.success_low)
    return f"{tr.number(round(expected.success_low * 100))}–{tr.percent(expected.success_high)}"


def _confounded_by(record: PatientRecord, outcome: TreatmentOutcome, day: dt.date,
                   tr: Translator) -> str:
    """"T2" (or "T2 and T3") when another treatment of the side began before this follow-up."""
    labels = []
    for c in outcome.confounded_by:
        if c.start_date < day:
            number = next((i for i, t in enumerate(record.treatments, start=1)
                           if t.kind is c.kind and t.start_date == c.start_date), 0)
            labels.append(tr("T{number}", number=number) if number else tr(c.kind.label))
    return join_words(tr, labels)


def _judged_result(counted: Sequence[TreatmentOutcome], window: str, tr: Translator) -> str:
    """This patient in the window the expectation describes (confounded follow-ups left out)."""
    if not counted:
        return tr("no follow-up yet")
    outcome = counted[0]
    f = outcome.in_window(window)
    if f is None:
        later = outcome.in_window(window, include_confounded=True)
        return (tr("only follow-ups after another treatment began") if later is not None
                else tr("no follow-up in this window"))
    values = {"change": tr.degrees(f.change, sign=True), "day": f.days_after,
              "mdc": tr.degrees(outcome.mdc)}
    if f.beyond_mdc:
        return tr("responder ({change}, day {day}; MDC {mdc})", **values)
    return tr("not a responder ({change}, day {day}; MDC {mdc})", **values)


def _amendments_section(record: PatientRecord, styles: dict[str, ParagraphStyle],
                        paper: str, tr: Translator) -> list[Flowable]:
    originals = [r for r in record.history if not r.is_void]
    if not originals:
        return []
    successors = {r.supersedes_id: r for r in (*record.readings, *record.history)
                  if r.supersedes_id is not None}
    cell = styles["cell"]
    rows = []
    for original in originals:
        after = successors.get(original.id) if original.id is not None else None
        if after is None:
            new_value, reason, who, when = "—", "", "", ""
        else:
            new_value = tr("voided") if after.is_void else tr.degrees(after.degrees)
            reason = after.reason
            who = after.created_by or after.clinician
            when = tr.datetime(after.created_at) if after.created_at else ""
        rows.append([
            Paragraph(tr.date(original.taken_on), cell),
            Paragraph(_esc(tr("{motion}, {series}", motion=motion_name(original.motion, tr),
                              series=series_caption(original.series, tr))), cell),
            Paragraph(f"<strike>{tr.degrees(original.degrees)}</strike>", cell),
            Paragraph(_esc(new_value), cell), Paragraph(_esc(shorten(reason)), cell),
            Paragraph(_esc(shorten(who, NAME_CHARACTERS)), cell), Paragraph(when, cell),
        ])
    width = frame_width(paper)
    widths = [w * width for w in (0.11, 0.25, 0.09, 0.09, 0.19, 0.12, 0.15)]
    header = header_cells([tr(t) for t in (N_("Visit"), N_("Reading"), N_("Original"),
                                           N_("New value"), N_("Reason"), N_("By"),
                                           N_("When (UTC)"))], widths, styles)
    return [*heading(tr("Amendments"), styles), Paragraph(_esc(tr(
        "Readings are never edited: a correction supersedes the original, a mistaken entry is "
        "voided. The originals stay on record.")), styles["small"])] + split_tables(
        header, rows, widths, styles=styles)


def _references_section(styles: dict[str, ParagraphStyle], tr: Translator) -> list[Flowable]:
    """Full citations for every norm, cut-off, MDC and expectation the report shows (a
    citation stays as published; what it is and what it is used for are translated)."""
    out: list[Flowable] = [*heading(tr("References"), styles), Paragraph(_esc(tr(
        "The normal ranges, cut-offs, measurement error and expected outcomes in this report "
        "come from the sources below. Values named \"clinic reference values\" come from a "
        "patient-education article, not a peer-reviewed study; they are shown beside the "
        "peer-reviewed studies and the clinic may edit them.")), styles["small"])]
    for number, ref in enumerate(references(), start=1):
        out.append(Paragraph(
            f"{number}. {_esc(ref.citation)} <i>[{_esc(tr(ref.kind))}]</i> "
            f"<font color='#555555'>{_esc(tr('Used for: {use}', use=tr(ref.used_for)))}</font>",
            styles["small"]))
    return out


def _closing_section(clinician_notes: str, styles: dict[str, ParagraphStyle],
                     paper: str, tr: Translator) -> list[Flowable]:
    out: list[Flowable] = [*heading(tr("Clinician's notes"), styles)]
    notes = clinician_notes.strip()
    if notes:
        out += [Paragraph(_esc(p).replace("\n", "<br/>"), styles["body"])
                for p in notes.split("\n\n")]
    else:
        out.append(Spacer(1, 40))
    width = frame_width(paper)
    line = Table([["", "", ""], [Paragraph(_esc(tr("Signature")), styles["small"]), "",
                                 Paragraph(_esc(tr("Date")), styles["small"])]],
                 colWidths=[0.55 * width, 0.1 * width, 0.35 * width], rowHeights=[36, None],
                 hAlign="LEFT")
    line.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (0, 0), 0.6, MUTED),
        ("LINEBELOW", (2, 0), (2, 0), 0.6, MUTED),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    out.append(KeepTogether([Spacer(1, 10), line]))
    return out


def build_progress_report(
    record: PatientRecord,
    settings: ClinicSettings,
    *,
    clinician_notes: str = "",
    generated_at: dt.datetime | None = None,
    paper: str | None = None,
    chain_head: str = "",
    flowsheet: bool = False,
    language: str = ENGLISH,
) -> bytes:
    """The progress report as PDF bytes in ``language``; ``paper`` overrides the clinic's paper
    size; ``chain_head`` (short form) is printed in the footer: the record it was made from;
    ``flowsheet`` adds the flowsheet (every visit's values as a table) after the visits."""
    tr = translator(language)
    paper = paper or settings.paper_size
    styles = stylesheet(BODY)
    info = PageInfo(settings, record.patient, tr(TITLE),
                    generated_at or dt.datetime.now().replace(microsecond=0), chain_head, tr)
    story: list[Flowable] = []
    story += _patient_section(record, styles, paper, tr)
    story += _rom_section(record, settings, paper, styles, tr)
    story += _charts_section(record, styles, paper, tr)
    story += _treatments_section(record, settings, styles, paper, tr)
    story += _visits_section(record, styles, paper, tr)
    if flowsheet:
        story += _flowsheet_section(record, settings, styles, paper, tr)
    story += _amendments_section(record, styles, paper, tr)
    story += _references_section(styles, tr)
    story += _closing_section(clinician_notes, styles, paper, tr)
    return build_document(
        info, story, paper=paper,
        subject=tr("Range-of-motion progress report for chart {chart}",
                   chart=record.patient.chart),
        keywords=tr("range of motion, goniometry, progress report"), language=tr.language,
    )
