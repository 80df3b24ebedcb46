"""The visit on the Measure tab: its date and time, a late entry, the note, the kind, undo keys.

Times are tested in two clinics around midnight: a visit at 00:47 in Sydney and one at 23:50 in
Los Angeles must carry the date the PT saw in the window, History, the report, CSV and FHIR.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from ptlog.domain import records as d
from ptlog.domain import visit_time
from ptlog.store import fhir, patients
from ptlog.store import patient_records as records
from ptlog.store.csv_export import write_csv_export
from tests.reports.pdftext import pdf_text
from tests.ui.conftest import find

IR = d.MotionKey("hip", "internal_rotation")


@pytest.fixture
def clinic_clock() -> Iterator[Callable[[str, dt.datetime], None]]:
    """Stand in a time zone (TZ) at a given UTC instant; the real zone comes back after.

    A MonkeyPatch of its own: undoing the test's shared one would also undo the isolated
    data folders conftest set (witnesses would go to the real one)."""
    patch = pytest.MonkeyPatch()

    def set_clock(zone: str, utc: dt.datetime) -> None:
        patch.setenv("TZ", zone)
        time.tzset()
        patch.setattr(visit_time, "_utc_now", lambda: utc.replace(tzinfo=dt.UTC))
    yield set_clock
    patch.undo()
    time.tzset()


def open_patient(qtbot, window, chart: str = "QT-1") -> None:
    search = find(window, "Patient search", QLineEdit)
    search.setFocus()
    search.selectAll()
    qtbot.keyClicks(search, chart)
    with qtbot.waitSignal(window.patient_view.patient_loaded, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Return)


def type_ir_and_save(qtbot, window, left: str = "33", right: str = "39") -> None:
    field = find(window, "Hip internal rotation Left", QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, left)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), right)
    with qtbot.waitSignal(window.patient_view.readings_saved, timeout=3000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)


def history_heads(window) -> list[str]:
    model = window.patient_view.history.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.mark.parametrize(("zone", "utc", "local", "offset"), [
    ("Australia/Sydney", dt.datetime(2026, 3, 1, 13, 47), dt.datetime(2026, 3, 2, 0, 47),
     "+11:00"),
    ("America/Los_Angeles", dt.datetime(2026, 7, 2, 6, 50), dt.datetime(2026, 7, 1, 23, 50),
     "-07:00"),
])
def test_the_date_the_pt_saw_is_the_date_everywhere(qtbot, window, clinic_clock, tmp_path,
                                                     zone, utc, local, offset) -> None:
    clinic_clock(zone, utc)
    open_patient(qtbot, window)
    visit_date = find(window, "Visit date", QLineEdit)
    assert visit_date.text() == local.strftime("%Y-%m-%d %H:%M")  # now, on the wall clock
    type_ir_and_save(qtbot, window)
    record = records.load_record_by_chart("QT-1")
    visit = max(record.visits, key=lambda v: v.id or 0)
    assert visit.visit_at == local
    assert not visit.late_entry
    # window (History tab)
    assert any(head.startswith(local.strftime("%Y-%m-%d %H:%M")) for head in
               history_heads(window))
    # CSV
    out = tmp_path / "export.csv"
    write_csv_export(out, "QT-1")
    assert local.strftime("%Y-%m-%dT%H:%M") in out.read_text(encoding="utf-8")
    # FHIR, with the offset the clinic had
    bundle = json.loads(json.dumps(fhir.build_bundle([record])))
    times = {e["resource"].get("effectiveDateTime") for e in bundle["entry"]}
    assert local.strftime("%Y-%m-%dT%H:%M:00") + offset in times
    # report
    from ptlog.reports.progress_report import build_progress_report

    text = pdf_text(build_progress_report(record, d.ClinicSettings()))
    assert local.strftime("%m/%d/%Y %H:%M") in text  # the report's language (en): month first


def test_a_late_entry_is_typed_and_marked(qtbot, window, clinic_clock) -> None:
    clinic_clock("Australia/Sydney", dt.datetime(2026, 3, 2, 5, 0))  # 16:00 on 2 March
    open_patient(qtbot, window)
    visit_date = find(window, "Visit date", QLineEdit)
    visit_date.setFocus()
    visit_date.selectAll()
    qtbot.keyClicks(visit_date, "2026-03-01 09:15")  # yesterday's visit, written up today
    type_ir_and_save(qtbot, window)
    visit = max(records.load_record_by_chart("QT-1").visits, key=lambda v: v.id or 0)
    assert visit.visit_at == dt.datetime(2026, 3, 1, 9, 15)
    assert visit.late_entry
    assert any(h.startswith("2026-03-01 09:15") and "late entry" in h
               for h in history_heads(window))


@pytest.mark.parametrize(("typed", "says"), [
    ("2026-03-03 09:00", "in the future"),
    ("1900-01-01 09:00", "before the birth date"),
    ("01/03/2026", "YYYY-MM-DD"),
])
def test_a_visit_time_that_cannot_be_is_refused(qtbot, window, clinic_clock,
                                                patient_with_history, typed, says) -> None:
    clinic_clock("America/Los_Angeles", dt.datetime(2026, 3, 2, 20, 0))
    open_patient(qtbot, window)
    visit_date = find(window, "Visit date", QLineEdit)
    visit_date.setFocus()
    visit_date.selectAll()
    qtbot.keyClicks(visit_date, typed)
    field = find(window, "Hip internal rotation Left", QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "33")
    assert not find(window, "Save readings", QPushButton).isEnabled()
    assert says in find(window, "Entry status", QLabel).text()
    before = len(records.load_record_by_chart("QT-1").readings)
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(records.load_record_by_chart("QT-1").readings) == before
    assert field.text() == "33"  # nothing typed is lost


def test_visit_kind_defaults_to_initial_evaluation_only_for_the_first_visit(qtbot, window) -> None:
    patients.add_patient(d.Patient("NEW-1", "Byrne", "Cara", dt.date(1990, 4, 2), d.Sex.FEMALE))
    window.patient_list.reload()
    open_patient(qtbot, window, "NEW-1")
    kind = find(window, "Visit kind")
    assert kind.currentText() == "Initial evaluation"
    type_ir_and_save(qtbot, window)
    # the same patient again: now a follow-up
    open_patient(qtbot, window, "QT-1")
    open_patient(qtbot, window, "NEW-1")
    assert kind.currentText() == "Follow-up"
    labels = [kind.itemText(i) for i in range(kind.count())]
    assert labels == ["Initial evaluation", "Follow-up", "Re-evaluation", "Discharge"]


def test_ctrl_z_and_ctrl_shift_z_inside_degree_fields(qtbot, window) -> None:
    """One undo stack for the panel, driven from the keyboard with the focus in a field."""
    open_patient(qtbot, window)
    left = find(window, "Hip internal rotation Left", QLineEdit)
    right = find(window, "Hip internal rotation Right", QLineEdit)
    left.setFocus()
    qtbot.keyClicks(left, "31")
    qtbot.keyClick(left, Qt.Key.Key_Tab)
    qtbot.keyClicks(right, "36")
    assert right.hasFocus()
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(right, Qt.Key.Key_Z, ctrl)
    assert (left.text(), right.text()) == ("31", "")
    qtbot.keyClick(right, Qt.Key.Key_Z, ctrl)  # the same stack reaches the other field
    assert (left.text(), right.text()) == ("", "")
    qtbot.keyClick(right, Qt.Key.Key_Z, ctrl | shift)
    assert (left.text(), right.text()) == ("31", "")
    qtbot.keyClick(right, Qt.Key.Key_Z, ctrl | shift)
    assert (left.text(), right.text()) == ("31", "36")
    qtbot.keyClick(right, Qt.Key.Key_Y, ctrl)  # nothing left to redo: no change, no error
    assert (left.text(), right.text()) == ("31", "36")


def test_a_visit_note_alone_asks_before_it_is_lost(qtbot, window) -> None:
    open_patient(qtbot, window)
    note = find(window, "Visit note", QPlainTextEdit)
    note.setFocus()
    qtbot.keyClicks(note, "Patient cancelled the measurements")
    assert window.patient_view.has_unsaved_changes()
    assert window.isWindowModified()


@pytest.mark.parametrize(("zone", "utc", "today", "tomorrow"), [
    # 00:47 on 2 March in Sydney (still 1 March in UTC): 2 March is a birth date today
    ("Australia/Sydney", dt.datetime(2026, 3, 1, 13, 47), "2026-03-02", "2026-03-03"),
    # 23:50 on 1 July in Los Angeles (already 2 July in UTC): 2 July is still the future
    ("America/Los_Angeles", dt.datetime(2026, 7, 2, 6, 50), "2026-07-01", "2026-07-02"),
])
def test_a_birth_date_is_judged_by_the_clinics_date_around_midnight(
        qtbot, window, clinic_clock, zone, utc, today, tomorrow) -> None:
    """Typed in the patient dialog near midnight: today on the clinic's wall clock is a
    birth date (a newborn), tomorrow is refused, whatever the date in UTC."""
    from ptlog.ui.patient_dialog import PatientDialog

    clinic_clock(zone, utc)
    dialog = PatientDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for name, text in (("Chart number", "NB-1"), ("Family name", "Newborn"),
                       ("Given name", "Noa"), ("Birth date", tomorrow)):
        field = find(dialog, name, QLineEdit)
        field.setFocus()
        qtbot.keyClicks(field, text)
    assert "future" in dialog.error_text("birth_date")
    field = find(dialog, "Birth date", QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, today)
    assert dialog.error_text("birth_date") == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.saved_patient is not None
    assert dialog.saved_patient.birth_date == dt.date.fromisoformat(today)


def test_every_save_in_the_window_is_witnessed_at_once(qtbot, window) -> None:
    """Two saves a moment apart: each save job lets go of its connection, which writes the
    witness the job's save left due, so the workstation's witness stands at the chain's head
    after each save (service calls in a burst on one connection write it once a second)."""
    from ptlog.store import witness

    open_patient(qtbot, window)
    for left, right in (("33", "39"), ("34", "40")):
        type_ir_and_save(qtbot, window, left, right)
        head = witness.current_head()
        assert head is not None
        assert witness.read_witness()[-1].hash == head.hash
