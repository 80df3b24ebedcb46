"""Report → preview from the main window: built off the GUI thread, shown, saved, audited."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QDialog, QInputDialog

from ptlog.ui.report_preview import ReportPreviewDialog
from tests.ui.test_main_window import open_first


@pytest.fixture
def previews(monkeypatch: pytest.MonkeyPatch) -> list[ReportPreviewDialog]:
    shown: list[ReportPreviewDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        if isinstance(dialog, ReportPreviewDialog):
            shown.append(dialog)
            return 0
        return int(QDialog.DialogCode.Accepted)  # the exercise picker: take its defaults

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *_a, **_k: ("Progressing well.", True)))
    return shown


@pytest.mark.parametrize(("kind", "expected"), [
    ("report", ["Progress report", "Zoë", "Progressing well."]),
    ("handout", ["Zoë", "90/90"]),
])
def test_preview_shows_the_document_and_save_is_audited(qtbot, window, previews, tmp_path,
                                                        kind, expected) -> None:
    from ptlog.store import models as m

    open_first(qtbot, window)
    window.preview_report(kind)
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


def test_no_readings_means_no_document(qtbot, window, previews, message_boxes) -> None:
    import datetime as dt

    from ptlog.domain import records as d
    from ptlog.store import patients

    empty = patients.add_patient(d.Patient("QT-0", "Empty", "E", dt.date(1990, 1, 1),
                                           d.Sex.MALE))
    window.open_patient(empty.id)
    window.preview_report("report")
    assert any("no readings" in text for text in message_boxes)
    assert previews == []
