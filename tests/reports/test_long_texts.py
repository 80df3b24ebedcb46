"""Any text that can enter is laid out (issue 14 item 6): a name, diagnosis or note of thousands
of characters wraps, then is cut with an ellipsis; the report and handout never fail with a
LayoutError and nothing runs off the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from pdftext import pdf_text, reader
from report_records import HIP_IR, build_record, pt_course

from ptlog.domain.records import ClinicSettings, Goal, Reading, TreatmentSide
from ptlog.reports.handout import build_handout
from ptlog.reports.layout import fit_width, shorten
from ptlog.reports.progress_report import build_progress_report

WHEN = dt.datetime(2025, 5, 1, 10, 30)
WORDS = ("Femoroacetabular impingement with a labral tear " * 70)[:3000]
ONE_WORD = "W" * 3000  # no space to break at
SETTINGS = ClinicSettings(clinic_name="Klinik " + "Å" * 3000,
                          clinic_address=("Storgata 1 " * 300) + "\n" + "0155 Oslo")


def long_record():  # type: ignore[no-untyped-def]
    record = build_record(treatments=[dataclasses.replace(pt_course(), details=WORDS,
                                                          notes=ONE_WORD)],
                          goals=[Goal(1, HIP_IR, 40, TreatmentSide.BOTH, label=WORDS)])
    patient = dataclasses.replace(record.patient, family_name=ONE_WORD, given_name=WORDS,
                                  chart="C" * 3000, diagnosis=WORDS,
                                  referring_physician=ONE_WORD, notes=WORDS)
    visits = tuple(dataclasses.replace(v, clinician=ONE_WORD, notes=WORDS)
                   for v in record.visits)
    original = record.readings[0]
    amended = dataclasses.replace(original, id=99, degrees=original.degrees + 1,
                                  supersedes_id=original.id, reason=WORDS, created_by=ONE_WORD)
    readings: list[Reading] = [amended, *record.readings[1:]]
    readings = [dataclasses.replace(r, note=WORDS, clinician=ONE_WORD) for r in readings]
    return dataclasses.replace(record, patient=patient, visits=visits, readings=tuple(readings),
                               history=(dataclasses.replace(original, is_current=False),))


def test_a_report_of_thousands_of_characters_per_text_lays_out() -> None:
    data = build_progress_report(long_record(), SETTINGS, generated_at=WHEN,
                                 clinician_notes=WORDS + "\n\n" + ONE_WORD)
    text = pdf_text(data)
    assert "…" in text
    assert "Femoroacetabular impingement" in text
    assert len(reader(data).pages) < 30


def test_a_handout_of_thousands_of_characters_per_text_lays_out() -> None:
    data = build_handout(long_record(), SETTINGS, generated_at=WHEN)
    assert "…" in pdf_text(data)


def test_shorten_and_fit_width() -> None:
    assert shorten("abc", 3) == "abc"
    assert shorten("abcdef", 4) == "abc…"
    line = fit_width("W" * 3000, "DejaVuSans", 9, 200)
    assert line.endswith("…")
    assert len(line) < 100
    assert fit_width("Ann  Lee\nPT", "DejaVuSans", 9, 200) == "Ann Lee PT"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_long_texts_render_with_poppler(tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(build_progress_report(long_record(), SETTINGS, generated_at=WHEN))
    result = subprocess.run(["pdftoppm", "-png", "-r", "40", "-l", "2", str(pdf),
                             str(tmp_path / "p")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    assert sorted(tmp_path.glob("p-*.png"))

