"""Several workstations at once: one copy of everything, no silent overwrite."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
from pathlib import Path

import pytest

from ptlog.domain import records as d


def _import(url: str, path: str, barrier) -> None:  # type: ignore[no-untyped-def]
    from ptlog.store.csv_import import import_csv
    from ptlog.store.database import open_database

    open_database(url)
    barrier.wait(30)
    import_csv(Path(path))


def _edit(url: str, chart: str, diagnosis: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from ptlog.store import patients
    from ptlog.store.database import open_database
    from ptlog.store.errors import ConflictError

    open_database(url)
    mine = patients.get_by_chart(chart)  # both read version 1
    barrier.wait(30)
    try:
        patients.update_patient(dataclasses.replace(mine, diagnosis=diagnosis))
        results.put(("saved", diagnosis))
    except ConflictError as exc:
        results.put(("conflict", str(exc)))


def _csv(tmp_path: Path) -> Path:
    header = ("chart,family_name,given_name,birth_date,sex,visit_date,clinician,joint,motion,"
              "side,mode,position,degrees,instrument,note\n")
    rows = []
    for p in range(30):
        for v in range(4):
            for side, deg in (("L", 30 + v), ("R", 35 + v)):
                rows.append(f"MP-{p:03d},Family{p},Given,1970-01-{1 + p % 28:02d},F,"
                            f"2026-0{1 + v}-10,Ann Lee,hip,internal_rotation,{side},active,"
                            f"seated,{deg},,\n")
    path = tmp_path / "same.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    return path


@pytest.mark.slow
def test_four_workstations_importing_one_file_leave_one_copy(db, db_url: str,
                                                             tmp_path: Path) -> None:
    from ptlog.store import models as m

    path = _csv(tmp_path)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    workers = [ctx.Process(target=_import, args=(db_url, str(path), barrier)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    assert m.Patient.select().count() == 30
    assert m.Visit.select().count() == 120
    assert m.Reading.select().count() == 240


@pytest.mark.slow
def test_two_workstations_editing_one_patient_one_wins(db, db_url: str) -> None:
    from ptlog.store import patients

    patients.add_patient(d.Patient("ED-1", "Edit", "Both", dt.date(1970, 1, 1), d.Sex.MALE))
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [ctx.Process(target=_edit, args=(db_url, "ED-1", text, barrier, results))
               for text in ("from room 1", "from room 2")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    outcomes = sorted(results.get(timeout=5) for _ in workers)
    kinds = [kind for kind, _ in outcomes]
    assert kinds == ["conflict", "saved"]
    conflict = outcomes[0][1]
    assert "changed by" in conflict
    assert "reload" in conflict
    winner = outcomes[1][1]
    assert patients.get_by_chart("ED-1").diagnosis == winner
    assert patients.get_by_chart("ED-1").version == 2
