"""The checks run on every reading as it is typed: plausibility, asymmetry and change vs MDC."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from ptlog.domain.catalog import MotionSpec
from ptlog.domain.i18n import N_, Translator, english


class Plausibility(StrEnum):
    OK = "ok"
    UNUSUAL = "unusual"  # accepted with a warning
    IMPOSSIBLE = "impossible"  # refused: a typo or a wrong field


@dataclass(frozen=True, slots=True)
class PlausibilityCheck:
    verdict: Plausibility
    degrees: float
    spec: MotionSpec

    @property
    def accepted(self) -> bool:
        return self.verdict is not Plausibility.IMPOSSIBLE

    @property
    def message(self) -> str:
        """The sentence in English (import problems, store errors, logs)."""
        return self.describe(english())

    def describe(self, tr: Translator | None = None) -> str:
        """The whole sentence in ``tr``'s language ("" when the value is plausible): one
        wording for the entry's flags, the amend dialog, imports and the store."""
        tr = tr or english()
        spec = self.spec
        if self.verdict is Plausibility.OK:
            return ""
        if not math.isfinite(self.degrees):
            return tr("not a number of degrees")
        motion = tr.in_text(tr(spec.label))
        if self.verdict is Plausibility.IMPOSSIBLE:
            return tr("{degrees} is not possible for {motion} (accepted {low} to {high})",
                      degrees=tr.degrees(self.degrees), motion=motion,
                      low=tr.number(spec.impossible_below), high=tr.degrees(spec.impossible_above))
        return tr("{degrees} is unusual for {motion} (adult reference {low}–{high}): please "
                  "re-check", degrees=tr.degrees(self.degrees), motion=motion,
                  low=tr.number(spec.normal_start), high=tr.degrees(spec.normal_end))


def check_plausible(degrees: float, spec: MotionSpec) -> PlausibilityCheck:
    """Refuse physically impossible values; warn on unusual ones (hypermobility exists)."""
    if not math.isfinite(degrees) or degrees < spec.impossible_below \
            or degrees > spec.impossible_above:
        return PlausibilityCheck(Plausibility.IMPOSSIBLE, degrees, spec)
    if degrees < spec.unusual_below or degrees > spec.unusual_above:
        return PlausibilityCheck(Plausibility.UNUSUAL, degrees, spec)
    return PlausibilityCheck(Plausibility.OK, degrees, spec)


def unflagged_range(spec: MotionSpec) -> tuple[float, float]:
    """The degrees ``check_plausible`` passes without a word (lowest, highest): a bulk import
    tests a value against these two numbers and asks ``check_plausible`` only outside them."""
    return (max(spec.impossible_below, spec.unusual_below),
            min(spec.impossible_above, spec.unusual_above))


@dataclass(frozen=True, slots=True)
class Asymmetry:
    """Left minus right, signed, and |L − R| / max(L, R) × 100 (one of nine published formulas)."""

    left: float
    right: float
    mdc: float

    @property
    def signed_difference(self) -> float:
        return self.left - self.right

    @property
    def percent_applies(self) -> bool:
        """The percentage assumes both sides measured from 0 onward; a reading below 0 breaks it."""
        return self.left >= 0 and self.right >= 0

    @property
    def percent(self) -> float:
        """In [0, 100]; capped where a side lies below neutral (see ``percent_applies``)."""
        largest = max(abs(self.left), abs(self.right))
        if largest == 0:
            return 0.0
        return min(100.0, abs(self.left - self.right) / largest * 100.0)

    @property
    def flagged(self) -> bool:
        """Asymmetric when the sides differ by at least the motion's MDC."""
        return abs(self.signed_difference) >= self.mdc

    @property
    def smaller_side(self) -> str | None:
        if self.left == self.right:
            return None
        return "L" if self.left < self.right else "R"

    def describe(self, tr: Translator | None = None) -> str:
        """The whole sentence (a field's tooltip), in ``tr``'s language (English by default)."""
        tr = tr or english()
        difference = tr.degrees(self.signed_difference, sign=True)
        if self.percent_applies:
            text = tr("L − R = {difference} ({percent} of the larger side)",
                      difference=difference, percent=tr.percent(self.percent / 100))
        else:
            text = tr("L − R = {difference}", difference=difference)
        if self.flagged:
            return tr("asymmetric: {difference}, at least the MDC of {mdc}", difference=text,
                      mdc=tr.degrees(self.mdc))
        return tr("symmetric within measurement error: {difference}", difference=text)


PERCENT_FORMULA = "|L − R| / max(L, R) × 100"


class ChangeVerdict(StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    WITHIN_ERROR = "within_error"


@dataclass(frozen=True, slots=True)
class Change:
    previous: float
    current: float
    mdc: float

    @property
    def delta(self) -> float:
        return self.current - self.previous

    @property
    def verdict(self) -> ChangeVerdict:
        """A change smaller than the MDC is measurement error, never improvement or loss."""
        if abs(self.delta) < self.mdc:
            return ChangeVerdict.WITHIN_ERROR
        return ChangeVerdict.IMPROVED if self.delta > 0 else ChangeVerdict.WORSENED

    def describe(self, tr: Translator | None = None) -> str:
        """The whole sentence (a field's tooltip), in ``tr``'s language (English by default)."""
        tr = tr or english()
        delta, mdc = tr.degrees(self.delta, sign=True), tr.degrees(self.mdc)
        if self.verdict is ChangeVerdict.WITHIN_ERROR:
            return tr("{delta} since last: within measurement error (MDC {mdc})", delta=delta,
                      mdc=mdc)
        if self.verdict is ChangeVerdict.IMPROVED:
            return tr("{delta} since last: a real gain (beyond the MDC of {mdc})", delta=delta,
                      mdc=mdc)
        return tr("{delta} since last: a real loss (beyond the MDC of {mdc})", delta=delta,
                  mdc=mdc)

    # The verdict's words for each reader, in one place: the entry panel, the progress report
    # and the handout must never disagree about the same change (same MDC, same verdict).
    @property
    def brief_words(self) -> str:
        """Beside a field in the entry panel: "real gain", "real loss", "within error"."""
        return {ChangeVerdict.WITHIN_ERROR: N_("within error"),
                ChangeVerdict.IMPROVED: N_("real gain"),
                ChangeVerdict.WORSENED: N_("real loss")}[self.verdict]

    @property
    def clinical_words(self) -> str:
        """For the clinician's report: "gain beyond MDC (7°)", "within measurement error
        (MDC 7°)"."""
        return self.clinical_text(english())

    def clinical_text(self, tr: Translator) -> str:
        """``clinical_words`` in the report's language."""
        mdc = tr.degrees(self.mdc)
        if self.verdict is ChangeVerdict.WITHIN_ERROR:
            return tr("within measurement error (MDC {mdc})", mdc=mdc)
        if self.verdict is ChangeVerdict.IMPROVED:
            return tr("gain beyond MDC ({mdc})", mdc=mdc)
        return tr("loss beyond MDC ({mdc})", mdc=mdc)

    @property
    def patient_words(self) -> str:
        """For the patient's handout, in plain words."""
        return self.patient_text(english())

    def patient_text(self, tr: Translator) -> str:
        """``patient_words`` in the handout's language (the part before the colon is the
        verdict, printed in bold)."""
        if self.verdict is ChangeVerdict.WITHIN_ERROR:
            return tr("about the same (a difference under {mdc} is within what the measurement "
                      "itself can vary)", mdc=tr.degrees(self.mdc))
        if self.verdict is ChangeVerdict.IMPROVED:
            return tr("up {delta}: a real improvement", delta=tr.degrees(self.delta))
        return tr("down {delta}: less than before; we will look at this together",
                  delta=tr.degrees(-self.delta))
