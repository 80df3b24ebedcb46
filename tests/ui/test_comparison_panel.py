"""The comparison panel: patient slope chart and table, clinic bars vs expected, copy/export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QPushButton,
    QTableView,
)

from ptlog.domain import colors
from ptlog.domain import records as d
from ptlog.store import patient_records as record_store
from ptlog.store import treatments as treatment_store
from ptlog.store.readings import save_visit_readings
from ptlog.ui import tasks
from ptlog.ui.comparison_panel import ClinicComparisonDialog, ComparisonPanel
from tests.ui.conftest import find

IR = d.MotionKey("hip", "internal_rotation")
TODAY = dt.date.today()


def _visit(patient_id: int, days_ago: int, left: float, right: float | None = None) -> None:
    when = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))
    rows = [d.Reading(IR, d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED, left, when)]
    if right is not None:
        rows.append(d.Reading(IR, d.Side.RIGHT, d.Mode.ACTIVE, d.Position.SEATED, right, when))
    save_visit_readings(patient_id, rows, visit_at=when)


@pytest.fixture
def treated(patient_with_history: d.Patient) -> d.Patient:
    """PT course on the left from 25 to 5 days ago: baseline 30 (30 days ago), 34 during,
    then 41 three days after the end (short window) and an injection on the right with no
    follow-up."""
    pid = patient_with_history.id or 0
    _visit(pid, 10, 34)
    _visit(pid, 2, 41, 39)
    treatment_store.add_treatment(d.Treatment(
        pid, d.TreatmentKind.PHYSICAL_THERAPY, TODAY - dt.timedelta(days=25),
        TODAY - dt.timedelta(days=5), d.TreatmentSide.LEFT, 10, 10, 1000.0))
    treatment_store.add_treatment(d.Treatment(
        pid, d.TreatmentKind.STEROID_INJECTION, TODAY - dt.timedelta(days=1), None,
        d.TreatmentSide.RIGHT, cost=300.0))
    return patient_with_history


@pytest.fixture
def panel(qtbot, ui_db) -> Iterator[ComparisonPanel]:
    widget = ComparisonPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    yield widget
    assert tasks.wait_for_background(10_000)


def test_patient_tab_numbers_and_chart(qtbot, qtmodeltester, panel: ComparisonPanel,
                                       treated: d.Patient) -> None:
    assert panel.accessibleName() == "Treatment comparison"
    record = record_store.load_patient_record(treated.id or 0)
    with qtbot.waitSignal(panel.patient_shown, timeout=2000):
        panel.show_patient(record)
    table = find(panel, "Patient outcomes table", QTableView)
    model = table.model()
    qtmodeltester.check(model)
    rows = [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = {h: i for i, h in enumerate(headers)}
    pt = [r for r in rows if r[col["Treatment"]] == "Physical therapy"]
    assert len(pt) == 1  # left side only; the right side was not treated by the course
    assert pt[0][col["Side"]] == "Left"
    assert pt[0][col["Baseline °"]] == "30"
    assert pt[0][col["Follow-up °"]] == "41"
    assert pt[0][col["Days after"]] == "3"
    assert pt[0][col["Window"]] == "short"
    assert pt[0][col["Change °"]] == "+11.0"
    assert pt[0][col["Verdict"]] == "responder"
    inj = [r for r in rows if r[col["Treatment"]] == "Steroid injection"]
    assert [r[col["Side"]] for r in inj] == ["Right"]
    assert inj[0][col["Verdict"]] == "no follow-up yet"
    # the chart shows the PT course (the series with follow-ups): MDC band around 30 ± 7
    chart = find(panel, "Outcome chart")
    assert chart is panel.outcome_chart
    band = panel.outcome_items["mdc_band"]
    assert band.getRegion() == pytest.approx((23.0, 37.0))
    short = panel.outcome_items["short"]
    xs, ys = short.getData()
    assert list(ys) == [30.0, 41.0]
    assert list(xs) == [-25.0, 3.0]  # baseline 30 days ago = 25 days before the end
    assert short.opts["pen"].color().name().lower() == colors.WINDOW["short"].lower()
    assert list(panel.outcome_items["during"].getData()[1]) == [34.0]
    # picking the injection redraws: no follow-up lines
    picker = find(panel, "Compared series", QComboBox)
    picker.setCurrentIndex(next(i for i in range(picker.count())
                                if picker.itemText(i).startswith("Steroid injection")))
    assert "short" not in panel.outcome_items
    assert "mdc_band" in panel.outcome_items


def test_no_patient_and_patient_without_treatments(qtbot, panel: ComparisonPanel,
                                                   patient_with_history: d.Patient) -> None:
    panel.show_patient(None)
    assert panel.patient_model.rowCount() == 0
    panel.show_patient(record_store.load_patient_record(patient_with_history.id or 0))
    assert panel.patient_model.rowCount() == 0
    assert "No treatments" in panel.patient_status.text()


def _rows(model) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_clinic_tab_runs_in_background_with_filters(qtbot, qtmodeltester, panel: ComparisonPanel,
                                                    treated: d.Patient) -> None:
    with qtbot.waitSignal(panel.clinic_loaded, timeout=10_000) as loaded:
        panel.tabs.setCurrentIndex(1)
    rows = {r.kind: r for r in loaded.args[0]}
    pt = rows[d.TreatmentKind.PHYSICAL_THERAPY]
    assert (pt.patients, pt.responders) == (1, 1)
    assert rows[d.TreatmentKind.STEROID_INJECTION].patients == 0
    table = find(panel, "Clinic outcomes table", QTableView)
    qtmodeltester.check(table.model())
    cells = {r[0]: r for r in _rows(table.model())}
    # the course's only follow-up is 3 days after it: none yet in its judged window (6 weeks
    # to 6 months), and the expected rate stands next to that window's rate
    assert cells["Physical therapy"][1:7] == [
        "1", "1", "100%", "medium: 6 weeks to 6 months", "n=0", "65–80%"]
    assert cells["Steroid injection"][4:7] == ["short: up to 6 weeks", "n=0", "40%"]
    assert "judged in the window" in panel.clinic_status.text()
    # chart: one bar per kind at the rate in its judged window, n labels, expected whiskers
    find(panel, "Clinic chart")
    heights = list(panel.clinic_items["bars"].opts["height"])
    assert heights == [0.0] * 6
    assert [t.toPlainText() for t in panel.clinic_items["labels"]][:2] == ["n=0", "n=0"]
    whiskers = panel.clinic_items["expected"]
    assert list(whiskers.opts["x"]) == [0.0, 1.0, 2.0]  # PT, injection, arthroscopy
    # a position filter with no readings empties the cohort
    with qtbot.waitSignal(panel.clinic_loaded, timeout=10_000) as loaded:
        position = find(panel, "Clinic position", QComboBox)
        position.setCurrentIndex(position.findData("prone"))
    assert all(r.patients == 0 for r in loaded.args[0])
    position.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.cohort and panel.cohort[0].patients == 1, timeout=10_000)
    # treatments started from tomorrow on: none
    with qtbot.waitSignal(panel.clinic_loaded, timeout=10_000) as loaded:
        find(panel, "Treatments from", QDateEdit).setDate(QDate.currentDate().addDays(1))
    assert all(r.patients == 0 for r in loaded.args[0])


def test_refresh_after_a_save(qtbot, panel: ComparisonPanel, treated: d.Patient) -> None:
    panel.show_patient(record_store.load_patient_record(treated.id or 0))
    before = panel.patient_model.rowCount()
    _visit(treated.id or 0, 0, 40, 45)  # today: a second PT follow-up, an injection follow-up
    with qtbot.waitSignal(panel.patient_shown, timeout=2000):
        panel.refresh()
    assert panel.patient_model.rowCount() == before + 1
    injection = [o for o in panel.outcomes
                 if o.treatment.kind is d.TreatmentKind.STEROID_INJECTION]
    assert injection[0].followups[0].change == 6.0  # 45 − 39


def test_copy_and_export_csv(qtbot, monkeypatch, tmp_path, panel: ComparisonPanel,
                             treated: d.Patient) -> None:
    panel.show_patient(record_store.load_patient_record(treated.id or 0))
    find(panel, "Copy table", QPushButton).click()
    copied = list(csv.reader(io.StringIO(QApplication.clipboard().text())))
    assert copied[0][0] == "Treatment"
    assert len(copied) == 1 + panel.patient_model.rowCount()
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "CSV files (*.csv)"))
    find(panel, "Export table as CSV", QPushButton).click()
    assert target.read_text(encoding="utf-8") == QApplication.clipboard().text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # cancel writes nothing
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    target.unlink()
    find(panel, "Export table as CSV", QPushButton).click()
    assert not target.exists()


def test_clinic_dialog_opens_on_the_clinic_tab(qtbot, treated: d.Patient) -> None:
    dialog = ClinicComparisonDialog(None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.panel.clinic_loaded, timeout=10_000):
        dialog.show()
    # the clinic alone: no patient is open there, so no "This patient" tab is built
    assert dialog.panel.tabs.count() == 1
    assert dialog.panel.tabs.currentIndex() == dialog.panel.clinic_index == 0
    assert dialog.panel.tabs.tabText(0) == "Clinic"
    assert dialog.panel.clinic_model.rowCount() == len(d.TreatmentKind)
    assert tasks.wait_for_background(10_000)


def test_treatment_panel_lists_and_follows_saves(qtbot, qtmodeltester, treated: d.Patient) -> None:
    from ptlog.ui.treatment_panel import TreatmentPanel

    panel = TreatmentPanel()
    qtbot.addWidget(panel)
    panel.set_patient(treated.id)
    table = find(panel, "Treatments table", QTableView)
    qtmodeltester.check(table.model())
    assert [table.model().index(r, 0).data() for r in range(2)] == [
        "Physical therapy", "Steroid injection"]
    assert panel.comparison.patient_model.rowCount() == 2
    table.selectRow(1)
    dialog = panel.open_dialog(panel.selected_treatment())
    qtbot.addWidget(dialog)
    find(dialog, "Details").setText("image guided")
    with qtbot.waitSignal(panel.treatments_changed, timeout=2000):
        dialog.buttons.accepted.emit()
    assert table.model().index(1, 6).data() == "image guided"
    panel.set_patient(None)
    assert table.model().rowCount() == 0
    assert not find(panel, "Add treatment").isEnabled()
    assert tasks.wait_for_background(10_000)


def test_confounded_follow_ups_toggle(qtbot, panel: ComparisonPanel,
                                      patient_with_history: d.Patient) -> None:
    """An injection, then a PT course of the same side 14 days later: the follow-up after the
    course began is confounded and left out of the injection's short-window rate unless the
    PT ticks the box (issue 16)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QCheckBox

    pid = patient_with_history.id or 0
    treatment_store.add_treatment(d.Treatment(
        pid, d.TreatmentKind.STEROID_INJECTION, TODAY - dt.timedelta(days=28), None,
        d.TreatmentSide.LEFT, cost=300.0))
    _visit(pid, 20, 39)  # +9 on day 8 after the injection
    treatment_store.add_treatment(d.Treatment(
        pid, d.TreatmentKind.PHYSICAL_THERAPY, TODAY - dt.timedelta(days=14),
        TODAY - dt.timedelta(days=6), d.TreatmentSide.LEFT, 6, 6, 600.0))
    _visit(pid, 2, 31)  # +1 on day 26, after the course began
    with qtbot.waitSignal(panel.clinic_loaded, timeout=10_000) as loaded:
        panel.tabs.setCurrentIndex(1)
    injection = next(r for r in loaded.args[0] if r.kind is d.TreatmentKind.STEROID_INJECTION)
    assert injection.judged_window == "short"
    assert (injection.judged.patients, injection.judged.responders) == (1, 1)
    cells = {r[0]: r for r in _rows(panel.clinic_model)}
    assert cells["Steroid injection"][4:7] == ["short: up to 6 weeks", "100% (n=1)", "40%"]
    assert list(panel.clinic_items["bars"].opts["height"])[1] == 100.0
    assert "left out" in panel.clinic_status.text()

    box = find(panel, "Include confounded follow-ups", QCheckBox)
    box.setFocus()
    with qtbot.waitSignal(panel.clinic_loaded, timeout=10_000) as loaded:
        QTest.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    injection = next(r for r in loaded.args[0] if r.kind is d.TreatmentKind.STEROID_INJECTION)
    assert (injection.judged.patients, injection.judged.responders) == (1, 0)
    assert list(panel.clinic_items["bars"].opts["height"])[1] == 0.0
    assert "counted" in panel.clinic_status.text()

    # this patient's table names the course that confounds the later follow-up
    panel.show_patient(record_store.load_patient_record(pid))
    headers = panel.patient_model.headers
    rows = [r for r in _rows(panel.patient_model) if r[0] == "Steroid injection"]
    confounded = [r[headers.index("Confounded by")] for r in rows]
    assert confounded == ["", f"Physical therapy from {TODAY - dt.timedelta(days=14)}"]


def test_a_full_bars_count_sits_inside_it_not_cut_off_above(qtbot) -> None:
    """A 100% bar's "n=…" above it reached past the chart's top (0-110 %) and was cut off."""
    from ptlog.domain.cohort import CohortRow, WindowRate, expected_for
    from ptlog.ui.comparison_panel import ComparisonPanel

    def row(kind: d.TreatmentKind, responders: int) -> CohortRow:
        expected = expected_for(kind)
        return CohortRow(kind, 2, responders, responders / 2, None, None, None, None, 0,
                         expected, windows={expected.judged_window: WindowRate(2, responders)})

    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    panel._build_clinic_tab()  # built on its first showing
    panel._draw_cohort([row(d.TreatmentKind.PHYSICAL_THERAPY, 2),
                        row(d.TreatmentKind.STEROID_INJECTION, 1)])
    full, half = panel.clinic_items["labels"]
    assert full.toPlainText() == "n=2"
    assert full.pos().y() < 10  # at the full bar's foot, white on its colour
    assert half.pos().y() > 50  # above the half bar
