"""The clinician's notes for a progress report, kept as the latest visit's note.

The old text box let notes be typed and then dropped them after the PDF was built, and Return
only added a line. Here the dialog says where the notes go, Ctrl+Enter confirms, and the
window saves them (versioned, audited) before the report is built.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain.records import Visit
from ptlog.ui.qdates import shown_datetime
from ptlog.ui.screen_fit import FittedDialog
from ptlog.ui.translations import labels


class ReportNotesDialog(FittedDialog):
    """Notes for the report; ``notes()`` is what the window saves to ``visit``."""

    def __init__(self, parent: QWidget | None, visit: Visit, *,
                 flowsheet: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Progress report — clinician's notes"))
        self.visit = visit
        where = QLabel(self.tr(
            "Printed in the report and saved as the note of the visit on {when} ({kind}). "
            "Ctrl+Enter builds the report.").format(
            when=shown_datetime(visit.visit_at), kind=labels()(visit.kind.label)), self)
        where.setWordWrap(True)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Report notes")
        self.editor.setPlainText(visit.notes)
        self.editor.setTabChangesFocus(True)
        self.editor.installEventFilter(self)
        self.flowsheet = QCheckBox(
            self.tr("Include the flowsheet (every visit's values as a table)"), self)
        self.flowsheet.setAccessibleName("Include flowsheet")
        self.flowsheet.setChecked(flowsheet)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr(
                "Save notes and preview"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.flowsheet)
        layout.addWidget(self.buttons)
        self.resize(520, 300)
        self.editor.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Ctrl+Enter (either Enter key) confirms from inside the text; Enter alone is a line."""
        if watched is self.editor and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def include_flowsheet(self) -> bool:
        return self.flowsheet.isChecked()

    def notes(self) -> str:
        return self.editor.toPlainText().strip()

    def changed(self) -> bool:
        return self.notes() != self.visit.notes.strip()
