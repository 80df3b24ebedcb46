"""``ptlog report`` / ``ptlog handout``: PDFs from the database, exit 2 and no file on bad input."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pypdf
import pytest

from ptlog.cli import main
from ptlog.store.csv_format import READINGS_COLUMNS

PATIENT = "A1,Ørsted-Núñez,Zoë,1980-05-01,F"
ROWS = [
    f"{PATIENT},{day},Ann Lee PT,hip,internal_rotation,{side},active,seated,{degrees},,"
    for day, side, degrees in (("2026-01-05", "L", 21), ("2026-01-05", "R", 37.5),
                               ("2026-03-05", "L", 30), ("2026-03-05", "R", 38))
]


def _db(url: str):  # type: ignore[no-untyped-def]
    from ptlog.store.database import open_database

    return open_database(url)


def report_events(url: str) -> list[dict[str, object]]:
    from ptlog.store import models as m

    db = _db(url)
    try:
        return [json.loads(e.after) for e in
                m.AuditEvent.select().where(m.AuditEvent.action == "report")]
    finally:
        db.close()


def pdf_text(path: Path) -> str:
    pages = pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages
    return " ".join(" ".join(p.extract_text() or "" for p in pages).split())


@pytest.fixture
def loaded(db_url: str, tmp_path: Path) -> str:
    csv = tmp_path / "in.csv"
    csv.write_text("\n".join([",".join(READINGS_COLUMNS), *ROWS]) + "\n", encoding="utf-8")
    assert main(["--db", db_url, "import", str(csv)]) == 0
    return db_url


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", ["report", "handout"])
def test_writes_an_audited_pdf(loaded: str, tmp_path: Path, command: str, capsys) -> None:
    out = tmp_path / "out" / f"{command}.pdf"
    out.parent.mkdir()
    assert main(["--db", loaded, "--clinician", "Ann Lee PT", command, "A1", "-o", str(out)]) == 0
    assert f"to {out}" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    assert "Ørsted-Núñez" in text
    assert "Zoë" in text
    assert "30°" in text
    assert leftovers(out.parent) == [out.name]  # no temporary file left behind
    events = report_events(loaded)
    assert events == [{"kind": command, "patient": "A1", "paper": "A4", "file": out.name,
                       "bytes": out.stat().st_size}]


def test_report_holds_the_rom_numbers(loaded: str, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    assert main(["--db", loaded, "report", "A1", "-o", str(out)]) == 0
    text = pdf_text(out)
    assert "+9°" in text  # left 21 → 30: beyond the 7° MDC
    assert "35–45°" in text  # adults 20-50
    assert "-8° (21%)" in text  # L − R = 30 − 38


def test_paper_option_and_clinic_setting(loaded: str, tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    assert main(["--db", loaded, "report", "A1", "-o", str(letter), "--paper", "Letter"]) == 0
    assert float(pypdf.PdfReader(letter).pages[0].mediabox.width) == pytest.approx(612)
    from ptlog.store.clinic import set_setting

    db = _db(loaded)
    try:
        set_setting("clinic", {"clinic_name": "Nørre Physio", "paper_size": "Letter"})
    finally:
        db.close()
    default = tmp_path / "default.pdf"
    assert main(["--db", loaded, "handout", "A1", "-o", str(default)]) == 0
    reader = pypdf.PdfReader(default)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612)
    assert reader.metadata is not None
    assert reader.metadata.author == "Nørre Physio"


def test_unknown_chart_exits_2_without_a_file(loaded: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "x.pdf"
    assert main(["--db", loaded, "report", "NOPE", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "NOPE" in err
    assert "Traceback" not in err
    assert not out.exists()
    assert report_events(loaded) == []


def test_missing_folder_exits_2(loaded: str, tmp_path: Path, capsys) -> None:
    out = tmp_path / "no" / "such" / "x.pdf"
    assert main(["--db", loaded, "handout", "A1", "-o", str(out)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.parent.exists()


def test_output_that_is_a_folder_exits_2(loaded: str, tmp_path: Path, capsys) -> None:
    assert main(["--db", loaded, "report", "A1", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_unwritable_target_leaves_nothing(loaded: str, tmp_path: Path, capsys,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    def refuse(src: str, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("ptlog.atomic_files.os.replace", refuse)
    # permission is the environment: exit 3 (issue 14), not bad input
    assert main(["--db", loaded, "report", "A1", "-o", str(folder / "x.pdf")]) == 3
    err = capsys.readouterr().err
    assert "cannot write" in err
    assert "Permission denied" in err
    assert leftovers(folder) == []  # the temporary file is removed too
    assert report_events(loaded) == []  # the audit event was rolled back with the write


def test_patient_without_readings_exits_2(db_url: str, tmp_path: Path, capsys) -> None:
    from ptlog.domain.records import Patient, Sex
    from ptlog.store.patients import add_patient

    db = _db(db_url)
    try:
        add_patient(Patient("E1", "Empty", "Ena", dt.date(1970, 1, 1), Sex.UNKNOWN))
    finally:
        db.close()
    out = tmp_path / "e.pdf"
    assert main(["--db", db_url, "handout", "E1", "-o", str(out)]) == 2
    assert "no readings" in capsys.readouterr().err
    assert not out.exists()
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_report_footer_names_the_audit_chain_head_it_was_made_from(loaded: str,
                                                                    tmp_path: Path) -> None:
    from ptlog.store import models as m

    db = _db(loaded)
    try:
        head = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).first().hash
    finally:
        db.close()
    out = tmp_path / "r.pdf"
    assert main(["--db", loaded, "report", "A1", "-o", str(out)]) == 0
    assert f"audit chain {head[:12]}" in pdf_text(out)


def test_report_flowsheet_option(loaded: str, tmp_path: Path) -> None:
    """``ptlog report --flowsheet`` adds the flowsheet; without it there is none; a handout
    has no such option (exit 2, no file)."""
    from tests.cli.test_demo_cli import run

    with_sheet, without = tmp_path / "with.pdf", tmp_path / "without.pdf"
    done = run("--db", loaded, "report", "A1", "-o", str(with_sheet), "--flowsheet")
    assert done.returncode == 0, done.stderr
    text = pdf_text(with_sheet)
    assert "Flowsheet Motion, side 01/05/2026" in text  # the short date of the report's language
    assert "Hip internal rotation Left 21° 30°" in text
    assert "Hip internal rotation Right 37.5° 38°" in text
    assert run("--db", loaded, "report", "A1", "-o", str(without)).returncode == 0
    assert "Flowsheet" not in pdf_text(without)
    refused = run("--db", loaded, "handout", "A1", "-o", str(tmp_path / "h.pdf"), "--flowsheet")
    assert refused.returncode == 2
    assert "--flowsheet" in refused.stderr
    assert not (tmp_path / "h.pdf").exists()
