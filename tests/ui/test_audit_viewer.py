"""The audit viewer: a lazy, paged table model (qtmodeltester), filters, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import stat

import pytest
from PySide6.QtCore import QDate, QModelIndex
from PySide6.QtWidgets import QComboBox, QDateEdit, QFileDialog, QLabel, QLineEdit, QPushButton

from ptlog.domain import records as d
from ptlog.store import audit, audit_query, patients
from ptlog.store import models as m
from ptlog.ui.audit_viewer import AuditEventModel, AuditViewer
from tests.ui.conftest import find


@pytest.fixture
def two_patients(patient_with_history) -> d.Patient:
    audit.set_clinician("Bo Ek")
    other = patients.add_patient(d.Patient("QT-2", "Berg", "Ola", dt.date(1960, 1, 2),
                                           d.Sex.MALE))
    audit.set_clinician("")
    return other


def test_model_passes_qtmodeltester_and_pages_lazily(qtmodeltester, two_patients) -> None:
    model = AuditEventModel(page_size=2)
    model.set_filters()
    total = m.AuditEvent.select().count()
    assert model.total == total > 4
    assert model.rowCount() == 0
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    ids = [model.entry(row).id for row in range(total)]
    assert ids == sorted(ids, reverse=True)  # newest first
    qtmodeltester.check(model)


def test_filter_by_patient_user_and_dates(qtbot, two_patients, patient_with_history) -> None:
    viewer = AuditViewer(None)
    qtbot.addWidget(viewer)
    everything = viewer.model.total
    qtbot.keyClicks(find(viewer, "Patient chart", QLineEdit), "QT-2")
    find(viewer, "Filter", QPushButton).click()
    assert viewer.model.total == 1
    assert viewer.model.entry(0).patient_chart == "QT-2"
    assert viewer.model.entry(0).clinician == "Bo Ek"
    find(viewer, "Patient chart", QLineEdit).clear()
    user = find(viewer, "User", QComboBox)
    assert user.findText("Bo Ek") >= 0
    user.setCurrentText("Bo Ek")
    find(viewer, "Filter", QPushButton).click()
    assert viewer.model.total == 1
    user.setCurrentText("")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    find(viewer, "From", QDateEdit).setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    find(viewer, "Filter", QPushButton).click()
    assert viewer.model.total == 0
    find(viewer, "From", QDateEdit).setDate(QDate(2000, 1, 1))  # "any"
    today = dt.date.today()
    find(viewer, "To", QDateEdit).setDate(QDate(today.year, today.month, today.day))
    find(viewer, "Filter", QPushButton).click()
    assert viewer.model.total == everything
    assert find(viewer, "Audit status", QLabel).text() == f"Events: {everything:,}"


def test_unknown_chart_says_so_and_keeps_the_table(qtbot, two_patients) -> None:
    viewer = AuditViewer(None)
    qtbot.addWidget(viewer)
    shown = viewer.model.total
    qtbot.keyClicks(find(viewer, "Patient chart", QLineEdit), "NOPE")
    find(viewer, "Filter", QPushButton).click()
    assert "No patient with chart number NOPE" in find(viewer, "Audit status", QLabel).text()
    assert viewer.model.total == shown


def test_export_csv_writes_the_filtered_events(qtbot, two_patients, tmp_path,
                                               monkeypatch) -> None:
    target = tmp_path / "trail.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    viewer = AuditViewer(None, chart="QT-1")
    qtbot.addWidget(viewer)
    expected = viewer.model.total
    with qtbot.waitSignal(viewer.exported, timeout=2000) as signal:
        find(viewer, "Export CSV", QPushButton).click()
    assert signal.args == [str(target), expected]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == expected
    assert {r["patient_chart"] for r in rows} == {"QT-1"}
    assert [int(r["id"]) for r in rows] == sorted(int(r["id"]) for r in rows)
    last = m.AuditEvent.select().order_by(m.AuditEvent.id.desc()).get()
    assert (last.action, last.entity) == ("export", "export")


def test_list_events_without_gui(two_patients) -> None:
    total = audit_query.count_events()
    page = audit_query.list_events(limit=3)
    assert len(page) == 3
    assert page[0].id == max(e.id for e in audit_query.list_events(limit=total))
    assert audit_query.list_events(user="nobody") == []
    assert audit_query.count_events(until=dt.date(2000, 1, 1)) == 0
