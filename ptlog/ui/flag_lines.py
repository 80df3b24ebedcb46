"""The flags beside an entry field: one line each, cut to the column's width.

A row keeps one height whatever is typed, so the fields never move under the clinician's
hands; the whole sentences are in the tooltip.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ptlog.domain import colors
from ptlog.domain.flags import Flag, Severity

SEVERITY_STYLE = {
    Severity.INFO: (colors.INFO, "•"),
    Severity.OK: (colors.OK, "✓"),
    Severity.WARN: (colors.WARN, "!"),
    Severity.ALERT: (colors.ALERT, "▲"),
    Severity.ERROR: (colors.ALERT, "✗"),
}


def shown_flags(flags: Sequence[Flag], lines: int) -> list[Flag]:
    """What fits in ``lines``: the first flag (a plausibility warning comes first), then the
    most severe of the others, in their order."""
    if len(flags) <= lines:
        return list(flags)
    rest = sorted(flags[1:], key=lambda f: f.severity, reverse=True)[:lines - 1]
    return [flags[0], *(f for f in flags[1:] if f in rest)]


class FlagLines(QLabel):
    """``lines`` lines of coloured flags; a longer one is cut with "…"."""

    def __init__(self, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines = lines
        self._flags: list[Flag] = []
        self._note = ""
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2)
        # the text never widens its column: it is cut to it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_flags(self, flags: Sequence[Flag], details: Sequence[str] = ()) -> None:
        """Show ``flags``; the tooltip gives each in full, then ``details``."""
        self._flags = list(flags)
        whole = "\n".join([*(f.text for f in flags), *details]) if flags else ""
        self.setToolTip(whole)
        self.setAccessibleDescription(whole)  # a screen reader reads the whole sentences
        self._render()

    def flags(self) -> list[Flag]:
        return list(self._flags)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        metrics = self.fontMetrics()
        width = max(self.width() - 4, 40)
        shown = shown_flags(self._flags, self._lines)
        parts: list[str] = []
        free = self._lines
        for index, flag in enumerate(shown):
            color, mark = SEVERITY_STYLE[flag.severity]
            # a flag may take the lines the flags after it do not need
            lines = wrap(f"{mark} {flag.short}", free - (len(shown) - index - 1), width,
                         metrics.horizontalAdvance)
            free -= len(lines)
            elided = [*lines[:-1], metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight,
                                                      width)]
            parts.extend(f"<span style='color:{color}'>{html.escape(line)}</span>"
                         for line in elided)
        text = "<br>".join(parts)
        if text != self.text():
            self.setText(text)


def wrap(text: str, lines: int, width: int, advance: Callable[[str], int]) -> list[str]:
    """``text`` in at most ``lines`` lines of ``width`` (the last may still be too long)."""
    out: list[str] = []
    words = text.split(" ")
    while words and len(out) < lines - 1:
        take = 1
        while take < len(words) and advance(" ".join(words[:take + 1])) <= width:
            take += 1
        out.append(" ".join(words[:take]))
        words = words[take:]
    if words:
        out.append(" ".join(words))
    return out
