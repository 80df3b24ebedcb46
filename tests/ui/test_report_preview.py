"""The PDF preview: pages shown with QtPdf, printing renders every page, saving is atomic."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QPushButton

from ptlog.domain.records import (
    ClinicSettings,
    Mode,
    MotionKey,
    Patient,
    PatientRecord,
    Position,
    Reading,
    Sex,
    Side,
)
from ptlog.reports.progress_report import build_progress_report
from ptlog.ui import report_preview
from ptlog.ui.report_preview import ReportPreviewDialog

HIP_IR = MotionKey("hip", "internal_rotation")


def sample_pdf() -> bytes:
    patient = Patient("P9", "Ørsted-Núñez", "Zoë", dt.date(1985, 2, 1), Sex.FEMALE, id=1)
    readings = tuple(
        Reading(HIP_IR, side, Mode.ACTIVE, Position.SEATED, value,
                dt.datetime(2025, 1, 1) + dt.timedelta(days=30 * i))
        for i, (left, right) in enumerate([(20, 30), (25, 31), (31, 33)])
        for side, value in ((Side.LEFT, left), (Side.RIGHT, right))
    )
    return build_progress_report(PatientRecord(patient, readings=readings), ClinicSettings())


@pytest.fixture
def dialog(qtbot) -> ReportPreviewDialog:  # type: ignore[no-untyped-def]
    dlg = ReportPreviewDialog(None, sample_pdf(), "Ørsted-Núñez progress.pdf")
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: dlg.document.status() == QPdfDocument.Status.Ready)
    return dlg


def button(dlg: QDialog, name: str) -> QPushButton:
    found = [b for b in dlg.findChildren(QPushButton) if b.accessibleName() == name]
    assert len(found) == 1, name
    return found[0]


def test_shows_the_pages(dialog: ReportPreviewDialog) -> None:
    expected = len(pypdf.PdfReader(io.BytesIO(sample_pdf())).pages)
    assert dialog.page_count == expected >= 2
    assert dialog.view.accessibleName() == "Report preview"
    assert dialog.view.document() is dialog.document
    assert dialog.document.pageCount() == expected


def test_save_as_writes_the_same_bytes(dialog: ReportPreviewDialog, qtbot, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "saved"
    monkeypatch.setattr(report_preview.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF documents (*.pdf)")))
    with qtbot.waitSignal(dialog.saved, timeout=5000) as blocker:
        button(dialog, "Save as").click()
    written = Path(blocker.args[0])
    assert written == tmp_path / "saved.pdf"  # the extension is added
    assert written.read_bytes() == dialog._pdf_bytes
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def test_the_file_and_its_audit_event_are_written_off_the_gui_thread(
        qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The window's writer also records an audit event, which waits for a locked database:
    it runs on a worker, so the window keeps painting meanwhile."""
    import threading

    threads: list[threading.Thread] = []

    def write(path: Path, force: bool) -> Path:
        threads.append(threading.current_thread())
        path.write_bytes(b"%PDF")
        return path

    dlg = ReportPreviewDialog(None, sample_pdf(), "x.pdf", write=write)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.saved, timeout=5000):
        dlg.save_to(tmp_path / "x.pdf")
    assert len(threads) == 1
    assert threads[0] is not threading.main_thread()
    assert (tmp_path / "x.pdf").read_bytes() == b"%PDF"


def test_save_as_cancelled_writes_nothing(dialog: ReportPreviewDialog, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_preview.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    button(dialog, "Save as").click()
    assert list(tmp_path.iterdir()) == []


def test_save_failure_is_one_message_and_no_file(dialog: ReportPreviewDialog, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "missing-folder" / "x.pdf"
    monkeypatch.setattr(report_preview.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    shown: list[str] = []
    monkeypatch.setattr(report_preview.QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: shown.append(text)))
    button(dialog, "Save as").click()
    assert len(shown) == 1
    assert "does not exist" in shown[0]
    assert not target.exists()


@pytest.mark.slow
def test_print_renders_every_page(dialog: ReportPreviewDialog, qtbot, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    class AcceptingPrintDialog:
        def __init__(self, printer: QPrinter, parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))
            printer.setResolution(72)

        def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(report_preview, "QPrintDialog", AcceptingPrintDialog)
    with qtbot.waitSignal(dialog.printed, timeout=20000) as blocker:
        button(dialog, "Print").click()
    assert blocker.args == [dialog.page_count]
    assert len(pypdf.PdfReader(out).pages) == dialog.page_count


def test_print_cancelled_prints_nothing(dialog: ReportPreviewDialog, qtbot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    class CancelledPrintDialog:
        def __init__(self, printer: QPrinter, parent: object) -> None:
            pass

        def setWindowTitle(self, title: str) -> None:  # noqa: N802 - Qt's name
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(report_preview, "QPrintDialog", CancelledPrintDialog)
    with qtbot.assertNotEmitted(dialog.printed):
        button(dialog, "Print").click()
