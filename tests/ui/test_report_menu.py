"""Report → preview from the main window: built off the GUI thread, shown, saved, audited."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ptlog.ui.report_notes_dialog import ReportNotesDialog
from ptlog.ui.report_preview import ReportPreviewDialog
from tests.ui.test_main_window import open_first


@pytest.fixture
def previews(qtbot, monkeypatch: pytest.MonkeyPatch) -> list[ReportPreviewDialog]:
    shown: list[ReportPreviewDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        if isinstance(dialog, ReportPreviewDialog):
            shown.append(dialog)
            return 0
        if isinstance(dialog, ReportNotesDialog):
            # typed into the focused notes and confirmed with Ctrl+Enter, as a PT would
            dialog.show()
            qtbot.waitExposed(dialog)
            editor = dialog.focusWidget()
            assert editor is dialog.editor
            qtbot.keyClicks(editor, "Progressing well.")
            qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end
            assert dialog.isVisible()
            qtbot.keyClicks(editor, "Review in 4 weeks.")
            qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            return int(dialog.result())
        return int(QDialog.DialogCode.Accepted)  # the exercise picker: take its defaults

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return shown


@pytest.mark.parametrize(("kind", "expected"), [
    ("report", ["Progress report", "Zoë", "Progressing well."]),
    ("handout", ["Zoë", "90/90"]),
])
def test_preview_shows_the_document_and_save_is_audited(qtbot, window, previews, tmp_path,
                                                        kind, expected) -> None:
    from ptlog.store import models as m

    open_first(qtbot, window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_R if kind == "report" else
                   Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier if kind == "report" else
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(previews), timeout=20_000)
    dialog = previews[0]
    assert dialog.page_count >= 1
    before = m.AuditEvent.select().where(m.AuditEvent.action == "report").count()
    target = tmp_path / f"{kind}.pdf"
    dialog.save_to(target)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    for part in expected:
        assert part in text
    assert m.AuditEvent.select().where(m.AuditEvent.action == "report").count() == before + 1
    dialog.close()
    if kind == "report":  # the notes were kept with the latest visit, and audited
        visit = max(window.patient_view.record.visits, key=lambda v: v.visit_at)
        assert visit.notes == "Progressing well.\nReview in 4 weeks."
        assert m.AuditEvent.select().where((m.AuditEvent.entity == "visit")
                                           & (m.AuditEvent.action == "update")).count() == 1


def test_no_readings_means_no_document(qtbot, window, previews, message_boxes) -> None:
    import datetime as dt

    from ptlog.domain import records as d
    from ptlog.store import patients

    empty = patients.add_patient(d.Patient("QT-0", "Empty", "E", dt.date(1990, 1, 1),
                                           d.Sex.MALE))
    with qtbot.waitSignal(window.patient_view.patient_loaded, timeout=5000):
        window.open_patient(empty.id)
    window.preview_report("report")
    assert any("no readings" in text for text in message_boxes)
    assert previews == []


def test_report_with_the_flowsheet_chosen_by_keyboard(qtbot, window, tmp_path,
                                                      monkeypatch) -> None:
    """Ctrl+R, Tab from the notes to 'Include flowsheet', Space, Enter: the report has the
    flowsheet; the choice is kept for the next report."""
    shown: list[ReportPreviewDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        if isinstance(dialog, ReportPreviewDialog):
            shown.append(dialog)
            return 0
        assert isinstance(dialog, ReportNotesDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        box = dialog.focusWidget()
        assert box is dialog.flowsheet
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert dialog.include_flowsheet()
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default button: preview
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    open_first(qtbot, window)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    target = tmp_path / "report.pdf"
    shown[0].save_to(target)
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Flowsheet" in text
    assert "Motion, side" in text
    shown[0].close()
    assert window.report_flowsheet()
