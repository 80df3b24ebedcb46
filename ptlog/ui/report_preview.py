"""Preview a finished PDF (QtPdf), print it or save it; ``ptlog.services.documents`` builds it.

The dialog never builds a report: it is handed the bytes, so the same document is previewed,
printed and saved.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ptlog.services.interchange import write_output
from ptlog.store.errors import StoreError
from ptlog.ui.output_files import confirm_output
from ptlog.ui.screen_fit import FittedDialog, preferred_size
from ptlog.ui.tasks import run_and_wait

PRINT_DPI = 300  # enough for text and vector lines rendered as images


class ReportPreviewDialog(FittedDialog):
    """Shows the PDF pages; "Print…" sends them to a printer, "Save as…" writes the file."""

    saved = Signal(str)  # the path written
    printed = Signal(int)  # pages sent to the printer

    def __init__(self, parent: QWidget | None, pdf_bytes: bytes, suggested_name: str, *,
                 write: Callable[[Path, bool], Path] | None = None) -> None:
        """``write(path, force)`` saves the file (the window's writes it with its audit event
        as one unit); by default the bytes are written atomically and nothing else. Either
        way the store's rule decides whether ``path`` may be written."""
        super().__init__(parent)
        self._write = write or (lambda path, force: write_output(path, pdf_bytes, force=force))
        self.setWindowTitle(self.tr("Preview: {name}").format(name=suggested_name))
        self.setAccessibleName("Report preview dialog")
        self.resize(preferred_size(self, 820, 960))  # Print/Save/Close stay on screen
        self._pdf_bytes = pdf_bytes
        self._suggested_name = suggested_name
        self._data = QByteArray(pdf_bytes)
        self._buffer = QBuffer(self)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setAccessibleName("Report preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        buttons = QDialogButtonBox(self)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.setAccessibleName("Print")
        self.save_button = QPushButton(self.tr("&Save as…"), self)
        self.save_button.setAccessibleName("Save as")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    @property
    def page_count(self) -> int:
        return int(self.document.pageCount())

    def print_to(self, printer: QPrinter) -> int:
        """Render every page onto ``printer`` (scaled to its page, aspect kept); pages printed."""
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for page in range(self.page_count):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * PRINT_DPI),
                             round(points.height() / 72 * PRINT_DPI))
                image = self.document.render(page, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        return self.page_count

    def save_to(self, path: str | Path, *, force: bool = False) -> Path:
        """Write the PDF atomically (never a half-written file); ``force`` replaces a file.

        Off the GUI thread with a busy cursor: the window's writer records an audit event too,
        which waits while another process holds the database's write lock."""
        written = run_and_wait(lambda: self._write(Path(path), force))
        self.saved.emit(str(written))
        return written

    def _on_print_clicked(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._suggested_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print report"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.printed.emit(self.print_to(printer))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Print report"),
                                self.tr("Could not print: {error}").format(error=exc))

    def _on_save_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report as"), self._suggested_name, self.tr("PDF documents (*.pdf)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        chosen = confirm_output(self, self.tr("Save report"), path)
        if chosen is None:
            return
        try:
            self.save_to(chosen[0], force=chosen[1])
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Save report"), f"{exc}")
