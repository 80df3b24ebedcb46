"""The Unicode font every PDF embeds (DejaVu Sans, shipped in resources/fonts).

reportlab's built-in Helvetica covers only Latin-1, so names such as "Łukasz" or "Ørsted-Núñez"
would lose letters; an embedded TrueType font renders any Latin script.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ptlog.domain.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register the family once per process (idempotent); returns the regular face's name."""
    for name, filename in _FILES.items():
        path = resource_path("fonts", filename)
        if not path.is_file():
            raise FileNotFoundError(f"report font missing: {path}; reinstall ptlog")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> and <i> in paragraphs pick the right face
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR
