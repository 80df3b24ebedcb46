"""One change signal: use cases and live updates announce what changed, each panel decides."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from ptlog.domain import records as d
from ptlog.services import patients, treatments
from ptlog.services.changes import NOTHING, Changes
from ptlog.ui.data_changes import announce, data_changes
from tests.ui.conftest import find
from tests.ui.test_main_window import open_first


def test_announce_delivers_what_changed_and_who_changed_it(qapp) -> None:
    who = QObject()
    got: list[tuple[object, object]] = []

    def record(changes: object, initiator: object) -> None:
        got.append((changes, initiator))

    data_changes().changed.connect(record)
    try:
        announce(NOTHING, who)
        assert got == []
        announce(Changes.of(readings=[7]), who)
        assert got == [(Changes.of(readings=[7]), who)]
    finally:
        data_changes().changed.disconnect(record)


def test_the_open_patient_follows_changes_to_them_only(qtbot, window, patient_with_history
                                                       ) -> None:
    open_first(qtbot, window)
    view = window.patient_view
    shown = view.record
    other = patients.save_patient(d.Patient("QT-2", "Berg", "Ola", dt.date(1980, 1, 1),
                                            d.Sex.MALE)).value
    announce(Changes.of(readings=[other.id]))
    assert view.record is shown  # not re-read for someone else's readings
    assert not view.is_loading()
    done = treatments.save_treatment(d.Treatment(
        patient_with_history.id, d.TreatmentKind.STEROID_INJECTION, dt.date.today()))
    with qtbot.waitSignal(view.patient_loaded, timeout=5000):  # re-read off the GUI thread
        announce(done.changes)
    assert view.record is not shown
    assert [t.kind for t in view.record.treatments] == [d.TreatmentKind.STEROID_INJECTION]


def test_the_list_follows_a_patient_saved_anywhere(qtbot, window, patient_with_history) -> None:
    search = find(window, "Patient search", QLineEdit)
    model = window.patient_list.model
    before = model.total()
    renamed = dataclasses.replace(patients.get_patient(patient_with_history.id),
                                  family_name="Åberg")
    announce(patients.save_patient(renamed).changes)
    assert model.total() == before
    assert any(model.patient_at(row).family_name == "Åberg" for row in range(model.rowCount()))
    assert search.text() == ""


def test_a_save_on_another_workstation_reloads_and_says_so(qtbot, window,
                                                           patient_with_history) -> None:
    open_first(qtbot, window)
    shown = window.patient_view.record
    with qtbot.waitSignal(window.patient_view.patient_loaded, timeout=5000):
        window._on_live_readings_changed(patient_with_history.id)
    assert window.patient_view.record is not shown
    assert "another workstation" in window.statusBar().currentMessage()


def test_the_treatments_tab_shows_the_view_s_record_and_follows_a_change(
        qtbot, window, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    """The Treatments tab reads nothing itself: the view hands it each record it read."""
    open_first(qtbot, window)
    view = window.patient_view
    bar = view.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # History
    qtbot.keyClick(bar, Qt.Key.Key_Right)  # Treatments
    assert view.tabs.currentIndex() == 2
    table = find(view, "Treatments table", QTableView)
    assert table.model().rowCount() == len(view.record.treatments)
    reads: list[int] = []
    real = patients.load_patient_record

    def counted(patient_id: int, **kwargs: object) -> d.PatientRecord:
        reads.append(patient_id)
        return real(patient_id, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(patients, "load_patient_record", counted)
        done = treatments.save_treatment(d.Treatment(
            patient_with_history.id, d.TreatmentKind.STEROID_INJECTION, dt.date.today()))
        with qtbot.waitSignal(view.patient_loaded, timeout=5000):
            announce(done.changes)
    assert reads == [patient_with_history.id]  # the view's read only, off the GUI thread
    kinds = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert "Steroid injection" in kinds
