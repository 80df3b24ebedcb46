"""``ptlog compare``: rotation before vs after treatments, per patient and for the clinic.

JSON (a contract, issue 4): ``{"treatments": [...], "cohort": [...]}``. ``treatments`` holds the
entries that have a baseline (one patient with ``--patient``, else every patient); ``cohort``
is always the whole clinic on the chosen motion (hip internal rotation by default), so a
patient's result can be read against the clinic's and the literature's.
"""

from __future__ import annotations

import argparse
import json
import sys

from ptlog.cli import EXIT_OK, UsageError
from ptlog.commands.common import open_db, print_table
from ptlog.domain.catalog import is_known_motion
from ptlog.domain.cohort import DEFAULT_MOTION, CohortRow, cohort_rows
from ptlog.domain.records import MotionKey
from ptlog.domain.treatment_analysis import TreatmentOutcome, analyse_patient
from ptlog.store.clinic import clinic_settings
from ptlog.store.records import load_record_by_chart
from ptlog.store.treatments import clinic_outcomes


def parse_motion(text: str | None) -> MotionKey | None:
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


def _outcome_rows(outcomes: list[TreatmentOutcome]) -> list[list[object]]:
    rows: list[list[object]] = []
    for o in outcomes:
        assert o.baseline is not None
        latest = o.latest
        rows.append([
            o.chart, o.treatment.kind.value, o.treatment.start_date.isoformat(), o.side.value,
            str(o.motion), f"{o.position.value}/{o.mode.value}",
            f"{o.baseline.degrees:g} ({o.baseline.date.isoformat()})",
            "" if latest is None else f"{latest.degrees:g} (+{latest.days_after} d, "
            f"{latest.window})",
            "" if latest is None else f"{latest.change:+.1f}",
            f"{o.mdc:g}", o.verdict,
        ])
    return rows


def _cohort_table(rows: list[CohortRow]) -> list[list[object]]:
    out: list[list[object]] = []
    for row in rows:
        exp = row.expected
        expected = exp.success_text(missing="", dash="-")
        ci = "" if row.ci95 is None else f"{row.ci95[0]:+.1f} to {row.ci95[1]:+.1f}"
        out.append([
            row.kind.value, row.patients, row.responders,
            _number(None if row.responder_rate is None else row.responder_rate * 100, 0, "%"),
            _number(row.mean_change), ci, _number(row.median_days_to_latest, 0),
            _number(row.cost_per_responder, 0), expected, exp.recovery or "",
        ])
    return out


def run(args: argparse.Namespace) -> int:
    motion = parse_motion(args.motion)
    open_db(args)
    clinic = clinic_outcomes(motion=motion)
    if args.patient:
        record = load_record_by_chart(args.patient)
        outcomes = analyse_patient(record, clinic_settings().mdc_overrides, motion)
    else:
        outcomes = clinic
    with_baseline = [o for o in outcomes if o.baseline is not None]
    cohort = cohort_rows(clinic, motion or DEFAULT_MOTION)
    if args.format == "json":
        json.dump({"treatments": [o.as_json() for o in with_baseline],
                   "cohort": [row.as_json() for row in cohort]},
                  sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    print_table(
        ("chart", "treatment", "start", "side", "motion", "position/mode", "baseline",
         "latest follow-up", "change", "MDC", "verdict"),
        _outcome_rows(with_baseline),
    )
    missing = len(outcomes) - len(with_baseline)
    print(f"{len(with_baseline)} comparison(s); {missing} without a baseline within 60 days")
    print()
    print(f"Clinic, {motion or DEFAULT_MOTION} (each patient once per treatment kind):")
    print_table(
        ("treatment", "patients", "responders", "rate", "mean change", "95% CI",
         "median days", "cost/responder", "expected", "expected recovery"),
        _cohort_table(cohort),
    )
    source = cohort[0].expected.source if cohort else ""
    print(f"Responder: latest follow-up gain >= the motion's MDC. Expected: {source}")
    return EXIT_OK
