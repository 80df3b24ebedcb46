"""The flags beside an entry field: fixed lines, cut to the column, all of it in the tooltip."""

from __future__ import annotations

from ptlog.domain.flags import Flag, Severity
from ptlog.ui.flag_lines import FlagLines, shown_flags, wrap

NORM = Flag("norm", Severity.ALERT, "below normal 35–45° (adults 20-50, seated)",
            "below normal 35–45°")
CHANGE = Flag("change", Severity.INFO, "-2° since last: within measurement error (MDC 7°)",
              "Δ -2°: within error")
UNUSUAL = Flag("plausibility", Severity.WARN, "75° is unusual for hip internal rotation",
               "unusual: please re-check")


def test_shown_flags_keep_the_warning_then_the_most_severe() -> None:
    assert shown_flags([NORM, CHANGE], 2) == [NORM, CHANGE]
    assert shown_flags([UNUSUAL, NORM, CHANGE], 2) == [UNUSUAL, NORM]
    assert shown_flags([UNUSUAL, CHANGE, NORM], 2) == [UNUSUAL, NORM]


def test_wrap_fills_lines_word_by_word() -> None:
    advance = len  # one unit per character
    assert wrap("not possible: -30 to 90°", 2, 14, advance) == ["not possible:", "-30 to 90°"]
    assert wrap("short", 2, 14, advance) == ["short"]
    assert wrap("a b c d e f", 1, 3, advance) == ["a b c d e f"]  # the caller elides it


def test_label_keeps_its_height_and_cuts_long_lines(qtbot) -> None:
    label = FlagLines(2)
    qtbot.addWidget(label)
    label.show()
    label.resize(90, label.height())
    height = label.height()
    label.set_flags([UNUSUAL, NORM, CHANGE], ["L − R = +5°"])
    assert label.height() == height
    assert label.text().count("<br>") == 1  # two lines
    assert "…" in label.text()
    tip = label.toolTip()
    assert all(f.text in tip for f in (UNUSUAL, NORM, CHANGE))
    assert tip.endswith("L − R = +5°")
    label.resize(400, label.height())
    assert "…" not in label.text()
    assert "below normal 35–45°" in label.text()
    label.set_flags([])
    assert label.text() == ""
    assert label.toolTip() == ""


def test_a_single_long_flag_wraps_onto_the_free_line(qtbot) -> None:
    error = Flag("plausibility", Severity.ERROR, "170° is not possible for hip internal rotation",
                 "not possible: -30 to 90°")
    label = FlagLines(2)
    qtbot.addWidget(label)
    label.show()
    label.resize(label.fontMetrics().horizontalAdvance("✗ not possible:") + 12, label.height())
    label.set_flags([error])
    assert label.text().count("<br>") == 1
    assert "…" not in label.text()
