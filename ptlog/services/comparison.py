"""Rotation before vs after treatments: one patient's outcomes and the clinic's cohort."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ptlog.domain.cohort import CohortRow
from ptlog.domain.records import MotionKey, PatientRecord, Position
from ptlog.domain.treatment_analysis import TreatmentOutcome, analyse_patient
from ptlog.store import clinic as _clinic
from ptlog.store import clinic_cohort as _clinic_cohort
from ptlog.store import cohort_series as _cohort_series
from ptlog.store import treatments as _treatments
from ptlog.store.database import close_thread_connection


def clinic_outcomes(motion: MotionKey | None = None, position: Position | None = None,
                    since: dt.date | None = None, until: dt.date | None = None,
                    ) -> list[TreatmentOutcome]:
    """Every patient's treatment outcomes (bulk queries, not one per patient)."""
    return _treatments.clinic_outcomes(motion, position, since, until)


def iter_clinic_outcomes(motion: MotionKey | None = None) -> Iterator[TreatmentOutcome]:
    """Every patient's treatment outcomes in chart order, a batch of patients at a time (what
    ``ptlog compare`` writes out: memory stays a batch's at a million patients)."""
    return _treatments.iter_clinic_outcomes(motion)


def clinic_outcomes_in_worker(motion: MotionKey | None = None,
                              position: Position | None = None, since: dt.date | None = None,
                              until: dt.date | None = None) -> list[TreatmentOutcome]:
    """``clinic_outcomes`` for a pool thread, which lets go of its connection afterwards."""
    try:
        return clinic_outcomes(motion, position, since, until)
    finally:
        close_thread_connection()


def clinic_cohort(motion: MotionKey | None = None, position: Position | None = None,
                  since: dt.date | None = None, until: dt.date | None = None,
                  include_confounded: bool = False, *, keep: bool = True) -> list[CohortRow]:
    """The clinic's rows per treatment kind, counted by the database (SQL statements);
    ``cohort_rows(clinic_outcomes(...))`` is the reference it is tested against. ``keep``:
    bring the kept series up to date first (a write); False counts without writing."""
    return _clinic_cohort.clinic_cohort(motion, position, since, until, include_confounded,
                                        keep=keep)


def rebuild_clinic_series(motion: MotionKey | None = None) -> float:
    """Build the kept series of ``motion`` anew from the readings (``ptlog check`` advises it
    when they disagree); returns the seconds it took."""
    from ptlog.domain.cohort import DEFAULT_MOTION

    return _cohort_series.bring_up_to_date(motion or DEFAULT_MOTION, rebuild=True).seconds


def clinic_cohort_in_worker(motion: MotionKey | None = None, position: Position | None = None,
                            since: dt.date | None = None, until: dt.date | None = None,
                            include_confounded: bool = False) -> list[CohortRow]:
    """``clinic_cohort`` for a pool thread, which lets go of its connection afterwards."""
    try:
        return clinic_cohort(motion, position, since, until, include_confounded)
    finally:
        close_thread_connection()


def patient_outcomes(record: PatientRecord,
                     motion: MotionKey | None = None) -> list[TreatmentOutcome]:
    """One patient's outcomes, judged with the clinic's MDC overrides."""
    return analyse_patient(record, _clinic.clinic_settings().mdc_overrides, motion)
