"""The progress report read back from the PDF: values, ranges, treatments, pages, paper sizes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from pdftext import pdf_text, reader
from report_records import HIP_IR, START, build_record, pt_course
from reportlab.platypus import Paragraph, SimpleDocTemplate

from ptlog.domain.records import ClinicSettings, Goal, Mode, Position, Reading, Side, TreatmentSide
from ptlog.reports.layout import stylesheet
from ptlog.reports.progress_report import (
    CELL_PADDING,
    build_progress_report,
    header_cells,
    rom_rows,
    split_tables,
    text_cell,
)

SETTINGS = ClinicSettings(clinic_name="Klinik Åse & Søn", clinic_address="Storgata 1\n0155 Oslo")
WHEN = dt.datetime(2025, 5, 1, 10, 30)


def report(record, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    return build_progress_report(record, kwargs.pop("settings", SETTINGS), generated_at=WHEN,
                                 **kwargs)


def test_values_ranges_and_names_are_in_the_text() -> None:
    text = pdf_text(report(build_record(), clinician_notes="Keep going with the program."))
    assert "Ørsted-Núñez, Zoë" in text
    assert "C-0042" in text
    assert "Klinik Åse & Søn" in text
    assert "Dr. Ana Løvgren" in text
    for value in ("20°", "24°", "33°", "30°", "31°", "32°"):
        assert value in text
    assert "+13°" in text  # left: 20 → 33, beyond the 7° MDC
    assert "gain beyond MDC" in text
    assert "within measurement error" in text  # right: 30 → 32
    assert "35–45°" in text  # adults 20-50 at the latest visit
    assert "Kouyoumdjian" in text  # the norm's source is shown
    assert "+1° (3%)" in text  # asymmetry L − R of 33 vs 32
    assert "Keep going with the program." in text
    assert "Signature" in text
    assert "Generated 05/01/2025 10:30" in text  # the language's short form (en: month first)


def test_rom_rows_follow_the_clinical_rules() -> None:
    rows = rom_rows(build_record(), SETTINGS)
    left = next(r for r in rows if r.series.side is Side.LEFT)
    assert (left.initial.degrees, left.previous.degrees, left.current.degrees) == (20, 24, 33)
    assert left.change.delta == 13
    assert left.norm is not None
    assert (left.norm.low, left.norm.high) == (35, 45)
    assert left.asymmetry is not None
    assert left.asymmetry.signed_difference == 1


def test_series_of_other_positions_get_their_own_rows() -> None:
    prone = Reading(HIP_IR, Side.LEFT, Mode.PASSIVE, Position.PRONE, 41.0,
                    START + dt.timedelta(days=90), id=99)
    rows = rom_rows(build_record(extra=[prone]), SETTINGS)
    assert len(rows) == 3
    lone = next(r for r in rows if r.series.position is Position.PRONE)
    assert lone.initial is lone.current
    assert lone.previous is None
    assert lone.asymmetry is None  # no right-side prone reading to compare with


def test_treatment_section_has_before_after_and_expectations() -> None:
    record = build_record(treatments=[pt_course()],
                          goals=[Goal(1, HIP_IR, 40.0, TreatmentSide.LEFT, "deep squat")])
    text = pdf_text(report(record))
    assert "Physical therapy" in text
    assert "T1" in text
    assert "9 of 10" in text
    assert "responder" in text
    assert "65–80%" in text  # expected success of a PT course (CLINICAL §7)
    assert "2-4 months" in text
    assert "goal 40°" in text


def test_amendments_list_the_original_and_the_correction() -> None:
    original = Reading(HIP_IR, Side.RIGHT, Mode.ACTIVE, Position.SEATED, 13.0,
                       START + dt.timedelta(days=30), id=50, is_current=False)
    base = build_record()
    fixed = dataclasses.replace(
        next(r for r in base.readings if r.side is Side.RIGHT and r.degrees == 31),
        supersedes_id=50, reason="typed 13 for 31", created_by="jdvorak",
        created_at=dt.datetime(2025, 2, 6, 12, 0))
    record = dataclasses.replace(
        base, history=(original,),
        readings=tuple(fixed if r.id == fixed.id else r for r in base.readings))
    text = pdf_text(report(record))
    assert "Amendments" in text
    assert "typed 13 for 31" in text
    assert "jdvorak" in text
    assert "13°" in text
    assert "Amendments" not in pdf_text(report(base))


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.28, 841.89)), ("Letter", (612, 792))])
def test_paper_sizes(paper: str, size: tuple[float, float]) -> None:
    data = report(build_record(), settings=dataclasses.replace(SETTINGS, paper_size=paper))
    for page in reader(data).pages:
        assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.1)
        assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.1)


def test_metadata_and_page_numbers() -> None:
    data = report(build_record())
    pdf = reader(data)
    meta = pdf.metadata
    assert meta is not None
    assert "Ørsted-Núñez, Zoë" in (meta.title or "")
    assert meta.author == "Klinik Åse & Søn"
    assert "C-0042" in (meta.subject or "")
    total = len(pdf.pages)
    last = pdf.pages[-1].extract_text()
    assert f"Page {total} of {total}" in last
    for page in pdf.pages:  # the header with name and chart is on every page
        assert "C-0042" in page.extract_text()


def test_long_history_is_split_into_small_tables() -> None:
    values = [(day * 3, 20 + day % 9, 30 - day % 5) for day in range(200)]
    data = report(build_record(values))
    text = pdf_text(data)
    assert text.count("Date (local)") >= 5  # 200 visits → tables of at most 40 rows
    assert "08/26/2026" in text  # the last visits are all there (day 597)
    tables = split_tables(["h"], [["x"]] * 95, [10.0])
    chunks = [t for t in tables if hasattr(t, "_cellvalues")]
    assert [len(t._cellvalues) for t in chunks] == [41, 41, 16]


def test_clinic_logo_is_drawn(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_tiny_png())
    with_logo = report(build_record(),
                       settings=dataclasses.replace(SETTINGS, clinic_logo=str(logo)))
    without = report(build_record())
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in without
    missing = dataclasses.replace(SETTINGS, clinic_logo=str(tmp_path / "gone.png"))
    assert pdf_text(report(build_record(), settings=missing))  # a missing logo is skipped


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm not installed")
def test_pages_render_with_poppler(tmp_path: Path) -> None:
    data = report(build_record(treatments=[pt_course()]))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    result = subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(reader(data).pages)
    assert all(p.stat().st_size > 1000 for p in pngs)


def _text_positions(data: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """Every piece of text on a page with where it starts on the page."""
    found: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), round(x, 2), round(y, 2)))

    reader(data).pages[page].extract_text(visitor_text=visit)
    return found


def test_plain_cells_sit_where_paragraph_cells_did() -> None:
    """Plain strings (set by the table in the cell fonts) look exactly like Paragraph cells."""
    styles = stylesheet(9.5)
    cell, bold = styles["cell"], styles["cell_bold"]
    titles, widths = ("Date (UTC)", "Kind", "Notes"), [90.0, 80.0, 120.0]
    body = [["2025-01-06 09:00", "Follow up", "a note long enough to wrap over two lines here"],
            ["2025-01-07 09:00", "Initial evaluation", ""]]

    def document(header: list[object], rows: list[list[object]]) -> tuple[bytes, list[float]]:
        out = io.BytesIO()
        tables = split_tables(header, rows, widths, styles=styles)
        SimpleDocTemplate(out).build(list(tables))  # build empties the list it gets
        return out.getvalue(), list(tables[0]._rowHeights)

    before = document([Paragraph(f"<b>{t}</b>", cell) for t in titles],
                      [[Paragraph(escape(v), cell) for v in row] for row in body])
    header = header_cells(titles, widths, styles)
    rows = [[text_cell(v, cell, w - 2 * CELL_PADDING) for v, w in zip(row, widths, strict=True)]
            for row in body]
    assert all(isinstance(h, str) for h in header)
    assert [type(c) for c in rows[0]] == [str, str, Paragraph]  # the long note still wraps
    assert rows[1][1] == "Initial evaluation"
    after = document(header, rows)
    assert after[1] == before[1]  # row heights
    assert _text_positions(after[0]) == _text_positions(before[0])
    assert bold.fontName != cell.fontName


@pytest.mark.parametrize("text", ["two  spaces", "new\nline", " leading", "trailing ",
                                  "no\xa0break", "tab\there", "x" * 80])
def test_text_a_paragraph_would_fold_or_wrap_stays_a_paragraph(text: str) -> None:
    cell = stylesheet(9.5)["cell"]
    assert isinstance(text_cell(text, cell, 100.0), Paragraph)


def test_plain_cells_are_not_markup() -> None:
    cell = stylesheet(9.5)["cell"]
    assert text_cell("A & B <i>", cell, 200.0) == "A & B <i>"
    wrapped = text_cell("A & B <i> " * 10, cell, 50.0)
    assert isinstance(wrapped, Paragraph)
    assert "A & B <i>" in wrapped.getPlainText()


def test_long_visit_notes_and_names_wrap_in_the_report() -> None:
    note = "pain on deep squat eased after the second week, " * 3
    name = "Dr. Maximiliana Hohenzollern-Sigmaringen"
    base = build_record()
    visits = tuple(dataclasses.replace(v, notes=note.strip(), clinician=name)
                   for v in base.visits)
    data = report(dataclasses.replace(base, visits=visits))
    pieces = [text for page in range(len(reader(data).pages))
              for text, _x, _y in _text_positions(data, page)]
    assert any(text.startswith("pain on deep squat") for text in pieces)
    assert any(text.startswith("Dr. Maximiliana") for text in pieces)
    assert not any(note.strip() in text or name in text for text in pieces)  # set on 2+ lines


def _again_at_visit(visit: int, degrees: float, side: Side = Side.LEFT) -> Reading:
    """A second seated active value at a visit already measured (measured again, or a
    corrected sheet imported again): saved after the first."""
    at = START + dt.timedelta(days={1: 0, 2: 30, 3: 90}[visit])
    return Reading(HIP_IR, side, Mode.ACTIVE, Position.SEATED, degrees, at, visit_id=visit,
                   patient_id=1, id=100 + visit)


def test_a_second_value_at_one_visit_is_no_progress() -> None:
    """A stranger imported a corrected sheet: 22.5 and then 30 at the one visit, and the report
    said 'Initial 22.5 → Current 30, +7.5° gain beyond MDC', all on the same day, while its own
    flowsheet showed 22.5. Change is measured between visits."""
    record = build_record(((0, 22.5, 25),), extra=[_again_at_visit(1, 30)])
    left = next(r for r in rom_rows(record, SETTINGS) if r.series.side is Side.LEFT)
    assert left.initial is left.current
    assert left.current.degrees == 22.5  # the first saved, as the flowsheet shows it
    assert left.previous is None
    assert left.change.delta == 0
    text = pdf_text(report(record))
    assert "beyond MDC" not in text


def test_initial_previous_and_current_are_visits() -> None:
    record = build_record(extra=[_again_at_visit(3, 45), _again_at_visit(1, 10)])
    left = next(r for r in rom_rows(record, SETTINGS) if r.series.side is Side.LEFT)
    assert (left.initial.degrees, left.previous.degrees, left.current.degrees) == (20, 24, 33)
    assert left.change.delta == 13
