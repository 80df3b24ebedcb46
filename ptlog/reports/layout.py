"""Page furniture shared by the report and the handout: letterhead, running header, page X of Y.

The total page count is only known at the end, so the canvas keeps each page's state and draws
the footers when the document is saved (reportlab's two-pass "NumberedCanvas" recipe).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors as rl
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate

from ptlog.domain.i18n import Translator, english
from ptlog.domain.records import ClinicSettings, Patient
from ptlog.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts

PAPER_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 18 * mm
LETTERHEAD_HEIGHT = 24 * mm
HEADER_HEIGHT = 12 * mm
FOOTER_HEIGHT = 10 * mm
# a table cell cannot split across pages: any text that can enter (names, notes, a diagnosis)
# is cut to this many characters in a cell, with an ellipsis; body paragraphs wrap and split
CELL_CHARACTERS = 600
NAME_CHARACTERS = 160
RULE = rl.HexColor("#9A9A9A")
MUTED = rl.HexColor("#555555")


def page_size(paper: str) -> tuple[float, float]:
    """Points for "A4" or "Letter" (any case); a clear error otherwise."""
    try:
        width, height = PAPER_SIZES[paper.strip().upper()]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}: use A4 or Letter") from None
    return float(width), float(height)


def stylesheet(body: float) -> dict[str, ParagraphStyle]:
    """Paragraph styles in the embedded Unicode font; ``body`` is the body text size."""
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=body, leading=body * 1.3,
                          spaceAfter=body * 0.35)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=body * 0.85, leading=body * 1.1,
                                textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=body * 0.82, leading=body * 1.0,
                               spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", base, fontName=BOLD, fontSize=body * 0.82,
                                    leading=body * 1.0, spaceAfter=0),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=body * 1.6,
                                leading=body * 1.95, spaceAfter=body * 0.5),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=body * 1.25,
                             leading=body * 1.55, spaceBefore=body * 0.9, spaceAfter=body * 0.35,
                             textColor=rl.HexColor("#1F3A5F")),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=body * 1.05,
                             leading=body * 1.35, spaceBefore=body * 0.5, spaceAfter=body * 0.2,
                             keepWithNext=1),
        "bullet": ParagraphStyle("bullet", base, leftIndent=body * 1.2, bulletIndent=body * 0.2,
                                 spaceAfter=body * 0.2),
        "italic": ParagraphStyle("italic", base, fontName=ITALIC),
    }


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What the page furniture prints: clinic, patient, document title, generation time."""

    settings: ClinicSettings
    patient: Patient
    title: str
    generated_at: dt.datetime
    chain_head: str = ""  # short audit chain head the document was made from ("" for none)
    tr: Translator = field(default_factory=english)  # the document's language


def _logo(path_text: str) -> Path | None:
    if not path_text:
        return None
    path = Path(path_text).expanduser()
    return path if path.is_file() else None


def shorten(text: str, limit: int = CELL_CHARACTERS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for a place of fixed size."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """One line of ``text`` no wider than ``width`` points, cut with an ellipsis: the canvas
    draws page furniture as single lines that would otherwise run off the page."""
    line = " ".join(text.replace("\u00ad", "").split())  # one line: no soft hyphens to break at
    if stringWidth(line, font, size) <= width:
        return line
    low, high = 0, min(len(line), int(width))  # no glyph is narrower than a point
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if stringWidth(line[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return line[:low].rstrip() + "…"


def _patient_line(info: PageInfo) -> str:
    return info.tr("{name} · chart {chart}", name=info.patient.display_name,
                   chart=info.patient.chart)


def _draw_letterhead(canvas: Any, info: PageInfo, width: float, height: float) -> None:
    top = height - MARGIN
    x = MARGIN
    logo = _logo(info.settings.clinic_logo)
    if logo is not None:
        try:
            canvas.drawImage(str(logo), x, top - 18 * mm, width=18 * mm, height=18 * mm,
                             preserveAspectRatio=True, mask="auto", anchor="nw")
            x += 22 * mm
        except Exception:  # noqa: BLE001 - an unreadable logo must not stop a clinical report
            pass
    half = (width - 2 * MARGIN) / 2 - 3 * mm  # clinic on the left, patient on the right
    canvas.setFont(BOLD, 15)
    canvas.setFillColor(rl.HexColor("#1F3A5F"))
    canvas.drawString(x, top - 6 * mm,
                      fit_width(info.settings.clinic_name, BOLD, 15, half - (x - MARGIN)))
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    for i, line in enumerate(info.settings.clinic_address.splitlines()[:3]):
        canvas.drawString(x, top - 11 * mm - i * 3.6 * mm,
                          fit_width(line, REGULAR, 8.5, half - (x - MARGIN)))
    canvas.setFont(BOLD, 11)
    canvas.setFillColor(rl.black)
    canvas.drawRightString(width - MARGIN, top - 6 * mm, fit_width(info.title, BOLD, 11, half))
    canvas.setFont(REGULAR, 8.5)
    canvas.drawRightString(width - MARGIN, top - 11 * mm,
                           fit_width(_patient_line(info), REGULAR, 8.5, half))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, top - LETTERHEAD_HEIGHT + 3 * mm, width - MARGIN,
                top - LETTERHEAD_HEIGHT + 3 * mm)


def _draw_running_header(canvas: Any, info: PageInfo, width: float, height: float) -> None:
    top = height - MARGIN
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(rl.black)
    half = (width - 2 * MARGIN) / 2 - 3 * mm
    canvas.drawString(MARGIN, top - 4 * mm, fit_width(_patient_line(info), BOLD, 9, half))
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(width - MARGIN, top - 4 * mm,
                           fit_width(f"{info.title} · {info.settings.clinic_name}", REGULAR,
                                     8.5, half))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, top - HEADER_HEIGHT + 4 * mm, width - MARGIN,
                top - HEADER_HEIGHT + 4 * mm)


def numbered_canvas_class(info: PageInfo) -> type[rl_canvas.Canvas]:
    """A canvas that writes "page X of Y" and the generation time once every page is known."""
    tr = info.tr
    stamp = tr.datetime(info.generated_at)
    # the audit chain's head: a later `ptlog check` can tell whether this record was cut back
    generated = (tr("Generated {time} by ptlog · audit chain {head}", time=stamp,
                    head=info.chain_head) if info.chain_head else
                 tr("Generated {time} by ptlog", time=stamp))

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]  # reportlab has no hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            width = self._pagesize[0]
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, MARGIN - 2 * mm, width - MARGIN, MARGIN - 2 * mm)
            self.setFont(REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, MARGIN - 6 * mm, generated)
            self.drawRightString(width - MARGIN, MARGIN - 6 * mm,
                                 tr("Page {page} of {pages}", page=self._pageNumber,
                                    pages=total))

    return NumberedCanvas


def build_document(
    info: PageInfo,
    story: Sequence[Flowable],
    *,
    paper: str,
    subject: str,
    keywords: str = "",
    language: str = "en",
) -> bytes:
    """Lay out ``story`` on letterhead + running-header pages and return the PDF bytes."""
    register_fonts()
    size = page_size(paper)
    width, height = size
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN, bottomMargin=MARGIN,
        title=shorten(f"{info.title}: {info.patient.display_name} ({info.patient.chart})",
                      NAME_CHARACTERS * 2).replace("\u00ad", ""),
        author=info.settings.clinic_name, subject=subject, creator="ptlog",
        keywords=keywords, lang=language,
    )
    frame_w = width - 2 * MARGIN
    first = Frame(MARGIN, MARGIN, frame_w, height - 2 * MARGIN - LETTERHEAD_HEIGHT,
                  id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    later = Frame(MARGIN, MARGIN, frame_w, height - 2 * MARGIN - HEADER_HEIGHT,
                  id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def on_first(canvas: Any, _doc: Any) -> None:
        _draw_letterhead(canvas, info, width, height)

    def on_later(canvas: Any, _doc: Any) -> None:
        _draw_running_header(canvas, info, width, height)

    doc.addPageTemplates([
        PageTemplate(id="first", frames=[first], onPage=on_first),
        PageTemplate(id="later", frames=[later], onPage=on_later),
    ])
    doc.build([NextPageTemplate("later"), *story], canvasmaker=numbered_canvas_class(info))
    return buffer.getvalue()


def frame_width(paper: str) -> float:
    return float(page_size(paper)[0] - 2 * MARGIN)


