"""What the entry panel says beside a value as it is typed: words plus a severity.

Pure functions so every rule is tested without a window: plausibility, the age-matched norm
(saying which position it applies to), left/right asymmetry against the MDC, and the change since
the previous comparable reading (same motion, side, position and mode).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from ptlog.domain.catalog import mdc_for, motion_spec
from ptlog.domain.checks import Asymmetry, Change, ChangeVerdict, Plausibility, check_plausible
from ptlog.domain.i18n import N_, Translator, english
from ptlog.domain.norms import NormFlag, classify_against_norm, normal_range_for
from ptlog.domain.parse import InputError, degrees_or_none, parse_degrees
from ptlog.domain.records import Mode, MotionKey, Patient, Position, Reading, SeriesKey, Side
from ptlog.domain.series import previous_comparable


class Severity(IntEnum):
    INFO = 0
    OK = 1
    WARN = 2
    ALERT = 3
    ERROR = 4  # the value is refused


@dataclass(frozen=True, slots=True)
class Flag:
    kind: str  # "plausibility", "norm", "asymmetry", "change"
    severity: Severity
    text: str  # the whole sentence (tooltip, reports)
    brief: str = field(default="", compare=False)  # what fits beside the field; "": the text

    @property
    def short(self) -> str:
        return self.brief or self.text


@dataclass(frozen=True, slots=True)
class EntryContext:
    patient: Patient
    visit_day: dt.date
    visit_at: dt.datetime
    position: Position
    mode: Mode
    history: Sequence[Reading]
    mdc_overrides: Mapping[str, float] | None = None
    tr: Translator | None = None  # the language of the words beside a field and in its tooltip
    # how the window writes a date (its locale's short form); None: ISO
    date_text: Callable[[dt.date], str] | None = None


def flags_for(
    motion: MotionKey, side: Side, text: str, other_text: str, context: EntryContext
) -> list[Flag]:
    """Every flag for one field; an ERROR flag means the value cannot be saved."""
    if not text.strip():
        return []
    try:
        degrees = parse_degrees(text)
    except InputError as exc:
        tr = context.tr or english()
        brief = (tr("ambiguous: 1200 or 1.2?") if "ambiguous" in str(exc)
                 else tr("not a number of degrees"))
        return [Flag("plausibility", Severity.ERROR, tr.error_text(exc), brief)]
    tr = context.tr or english()
    spec = motion_spec(motion)
    verdict = check_plausible(degrees, spec)
    if verdict.verdict is Plausibility.IMPOSSIBLE:
        return [Flag("plausibility", Severity.ERROR, verdict.describe(tr),
                     tr("not possible: {low} to {high}", low=tr.number(spec.impossible_below),
                        high=tr.degrees(spec.impossible_above)))]
    out: list[Flag] = []
    if verdict.verdict is Plausibility.UNUSUAL:
        out.append(Flag("plausibility", Severity.WARN, verdict.describe(tr),
                        tr("unusual: please re-check")))
    mdc = mdc_for(motion, context.mdc_overrides)

    age = context.patient.age_on(context.visit_day)
    norm = normal_range_for(age, motion, context.position)
    if norm is None:
        out.append(Flag("norm", Severity.INFO,
                        tr("no published normal range at age {age}", age=age),
                        tr("no norm for age {age}", age=age)))
    else:
        brief_where = ""
        if norm.position is not None and norm.position is not context.position:
            brief_where = f" ({tr(norm.position.value)})"
        flag = classify_against_norm(degrees, norm, mdc)
        # a single reference value is "reached" within the MDC; a band is "normal"
        reference = norm.low == norm.high
        span = norm.span_in(tr)
        described = norm.describe(tr)
        if flag is NormFlag.BELOW:
            out.append(Flag("norm", Severity.ALERT, _whole(
                tr, tr("below the reference {norm}", norm=described) if reference
                else tr("below normal {norm}", norm=described), norm.position, context),
                _brief(tr, "below", reference, span, brief_where)))
        elif flag is NormFlag.ABOVE:
            out.append(Flag("norm", Severity.WARN, _whole(
                tr, tr("above the reference {norm}", norm=described) if reference
                else tr("above normal {norm}", norm=described), norm.position, context),
                _brief(tr, "above", reference, span, brief_where)))
        elif reference:
            out.append(Flag("norm", Severity.OK, _whole(
                tr, tr("at the reference {norm}, within the MDC", norm=described),
                norm.position, context),
                _brief(tr, "at", reference, span, brief_where)))
        else:
            out.append(Flag("norm", Severity.OK, _whole(
                tr, tr("within normal {norm}", norm=described), norm.position, context),
                tr("within normal {span}", span=span) + brief_where))

    try:
        other = degrees_or_none(other_text)
    except InputError:
        other = None
    if other is not None and check_plausible(other, spec).accepted:
        left, right = (degrees, other) if side is Side.LEFT else (other, degrees)
        asym = Asymmetry(left, right, mdc)
        out.append(Flag("asymmetry", Severity.ALERT if asym.flagged else Severity.OK,
                        asym.describe(tr),
                        tr(N_("asymmetric, L {difference}") if asym.flagged else
                           N_("symmetric, L {difference}"),
                           difference=tr.degrees(asym.signed_difference, sign=True))))

    previous = previous_comparable(
        context.history, SeriesKey(motion, side, context.position, context.mode),
        context.visit_at,
    )
    if previous is not None:
        change = Change(previous.degrees, degrees, mdc)
        severity = {ChangeVerdict.WITHIN_ERROR: Severity.INFO, ChangeVerdict.IMPROVED: Severity.OK,
                    ChangeVerdict.WORSENED: Severity.ALERT}[change.verdict]
        out.append(Flag("change", severity,
                        tr("{change} — was {degrees} on {date}", change=change.describe(tr),
                           degrees=tr.degrees(previous.degrees),
                           date=(context.date_text or dt.date.isoformat)(previous.taken_on)),
                        f"Δ {tr.degrees(change.delta, sign=True)}: {tr(change.brief_words)}"))
    else:
        out.append(Flag("change", Severity.INFO,
                        tr("first reading in this position and mode"),
                        tr("first reading")))
    return out


def _whole(tr: Translator, text: str, norm_position: Position | None,
           context: EntryContext) -> str:
    """The norm's sentence, saying so when the norm is for another position than measured."""
    if norm_position is None or norm_position is context.position:
        return text
    return tr("{flag}; the norm is for {norm_position}, you measure {position}", flag=text,
              norm_position=tr(norm_position.value), position=tr(context.position.value))


def _brief(tr: Translator, verdict: str, reference: bool, span: str, where: str) -> str:
    """The number first when the words would not fit: "below 120° (reference)"."""
    if reference:
        text = {"below": N_("below {span} (reference)"), "above": N_("above {span} (reference)"),
                "at": N_("at {span} (reference)")}[verdict]
    else:
        text = {"below": N_("below normal {span}"), "above": N_("above normal {span}")}[verdict]
    return tr(text, span=span) + where


def worst(flags: Sequence[Flag]) -> Severity:
    return max((f.severity for f in flags), default=Severity.INFO)
