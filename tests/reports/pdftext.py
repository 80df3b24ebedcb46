"""Read PDFs back for assertions: text per page, page sizes, metadata."""

from __future__ import annotations

import io

import pypdf


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All text, with line breaks and repeated blanks folded to single spaces."""
    pages = [page.extract_text() or "" for page in reader(data).pages]
    return " ".join(" ".join(pages).split())
