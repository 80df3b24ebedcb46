"""``ptlog compare``: rotation before vs after treatments, per patient and for the clinic.

JSON (a contract, issue 4): ``{"treatments": [...], "cohort": [...]}``. ``treatments`` holds the
entries that have a baseline (one patient with ``--patient``, else every patient); ``cohort``
is always the whole clinic on the chosen motion (hip internal rotation by default), so a
patient's result can be read against the clinic's and the literature's.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ptlog.commands.common import Subcommands, open_db, print_table, write_json_lists
from ptlog.commands.exit_codes import EXIT_OK, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ptlog.domain.cohort import CohortRow
    from ptlog.domain.records import MotionKey
    from ptlog.domain.treatment_analysis import TreatmentOutcome


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare", help="rotation before vs after treatments, per patient and clinic"
    )
    p.add_argument("--patient", metavar="CHART")
    p.add_argument("--motion", metavar="JOINT.MOTION")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--include-confounded", action="store_true",
                   help="count follow-ups taken after another treatment of the same side began "
                        "in the window rates (left out by default)")
    p.add_argument("--rebuild", action="store_true",
                   help="first build anew the clinic comparison's kept series of the motion "
                        "(what 'ptlog check' advises when they disagree with the readings; "
                        "a million patients take about half a minute)")
    p.set_defaults(run=run)


def parse_motion(text: str | None) -> MotionKey | None:
    from ptlog.domain.catalog import is_known_motion
    from ptlog.domain.records import MotionKey

    if text is None:
        return None
    try:
        key = MotionKey.parse(text)
    except ValueError as exc:
        raise UsageError(f"--motion: {exc}") from None
    if not is_known_motion(key.joint, key.motion):
        raise UsageError(f"--motion: unknown motion {text!r} (e.g. hip.internal_rotation)")
    return key


def _number(value: float | None, digits: int = 1, suffix: str = "") -> str:
    return "" if value is None else f"{value:.{digits}f}{suffix}"


def _outcome_row(o: TreatmentOutcome) -> list[object]:
    assert o.baseline is not None
    latest = o.latest
    return [
        o.chart, o.treatment.kind.value, o.treatment.start_date.isoformat(), o.side.value,
        str(o.motion), f"{o.position.value}/{o.mode.value}",
        f"{o.baseline.degrees:g} ({o.baseline.date.isoformat()})",
        "" if latest is None else f"{latest.degrees:g} (+{latest.days_after} d, "
        f"{latest.window})",
        "" if latest is None else f"{latest.change:+.1f}",
        f"{o.mdc:g}", o.verdict,
        ", ".join(f"{c.kind.value} {c.start_date.isoformat()}" for c in o.confounded_by),
    ]


def _rate(rate: float | None, patients: int) -> str:
    return "" if rate is None else f"{rate * 100:.0f}% of {patients}"


def _cohort_table(rows: list[CohortRow], symbol: str) -> list[list[object]]:
    """The clinic's rows; a cost per responder in the clinic's currency (Settings), written as
    English writes money ("€1,100"): the table is data, not a translated message."""
    from ptlog.domain.i18n import english

    out: list[list[object]] = []
    for row in rows:
        exp = row.expected
        expected = exp.success_text(missing="", dash="-")
        ci = "" if row.ci95 is None else f"{row.ci95[0]:+.1f} to {row.ci95[1]:+.1f}"
        judged = row.judged
        out.append([
            row.kind.value, row.patients, row.responders,
            _number(None if row.responder_rate is None else row.responder_rate * 100, 0, "%"),
            row.judged_window, _rate(judged.responder_rate, judged.patients), expected,
            _number(row.mean_change), ci, _number(row.median_days_to_latest, 0),
            "" if row.cost_per_responder is None else english().money(row.cost_per_responder,
                                                                       symbol),
            exp.recovery or "",
        ])
    return out


def run(args: argparse.Namespace) -> int:
    from ptlog.domain.cohort import DEFAULT_MOTION
    from ptlog.services.comparison import clinic_cohort, iter_clinic_outcomes, patient_outcomes
    from ptlog.services.patients import load_record_by_chart
    from ptlog.services.settings import clinic_settings

    motion = parse_motion(args.motion)
    open_db(args)
    if args.rebuild:
        import sys

        from ptlog.services.comparison import rebuild_clinic_series

        seconds = rebuild_clinic_series(motion)
        print(f"the clinic comparison's series of {motion or DEFAULT_MOTION} were built anew "
              f"({seconds:.1f} s)", file=sys.stderr)
    # the clinic's rows as the window shows them: counted by the database, so that neither
    # they nor one patient's comparison need every patient's outcomes in memory; comparing
    # only reads (the kept series when current, else the readings)
    cohort = clinic_cohort(motion, include_confounded=args.include_confounded, keep=False)
    outcomes: Iterator[TreatmentOutcome] = (
        iter(patient_outcomes(load_record_by_chart(args.patient), motion)) if args.patient
        else iter_clinic_outcomes(motion))
    seen = [0]

    def with_baseline() -> Iterator[TreatmentOutcome]:
        for outcome in outcomes:
            seen[0] += 1
            if outcome.baseline is not None:
                yield outcome

    if args.format == "json":
        write_json_lists({"treatments": (o.as_json() for o in with_baseline()),
                          "cohort": [row.as_json() for row in cohort]})
        return EXIT_OK
    shown = print_table(
        ("chart", "treatment", "start", "side", "motion", "position/mode", "baseline",
         "latest follow-up", "change", "MDC", "verdict", "confounded by"),
        (_outcome_row(o) for o in with_baseline()),
    )
    print(f"{shown} comparison(s); {seen[0] - shown} without a baseline within 60 days")
    print()
    print(f"Clinic, {motion or DEFAULT_MOTION} (each patient once per treatment kind):")
    currency = clinic_settings()
    print_table(
        ("treatment", "patients", "responders", "rate", "judged window", "window rate",
         "expected", "mean change", "95% CI", "median days",
         f"cost/responder ({currency.currency_code})", "expected recovery"),
        _cohort_table(cohort, currency.currency_symbol),
    )
    source = cohort[0].expected.source if cohort else ""
    counted = ("follow-ups after another treatment of the same side began are counted"
               if args.include_confounded else
               "follow-ups after another treatment of the same side began are left out "
               "(--include-confounded counts them)")
    print("Responder: latest follow-up gain >= the motion's MDC. Window rate: each patient's "
          "last follow-up in the window the expectation describes (short: up to 6 weeks, "
          f"medium: 6 weeks to 6 months, long: over 6 months); {counted}.")
    print(f"Expected: {source}.")
    return EXIT_OK
