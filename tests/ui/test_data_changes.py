"""One change signal: use cases and live updates announce what changed, each panel decides."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

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
