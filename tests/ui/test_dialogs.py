"""Patient and settings dialogs: validation next to the field, nothing saved on bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from ptlog.domain import records as d
from ptlog.store import clinic, patients
from ptlog.ui.patient_dialog import PatientDialog
from ptlog.ui.settings_dialog import SettingsDialog
from tests.ui.conftest import find


def _fill(qtbot, dialog: PatientDialog, chart: str, family: str = "Rossi",
          given: str = "Mateo", birth: str = "1980-02-03") -> None:
    for name, text in (("Chart number", chart), ("Family name", family), ("Given name", given),
                       ("Birth date", birth)):
        qtbot.keyClicks(find(dialog, name, QLineEdit), text)


def _save_button(dialog: PatientDialog):  # type: ignore[no-untyped-def]
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_new_patient_is_saved(qtbot, ui_db) -> None:
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    assert not _save_button(dialog).isEnabled()  # required fields empty
    _fill(qtbot, dialog, "N-1", birth="")
    assert find(dialog, "Birth date", QLineEdit).text() == ""  # never a made-up default
    assert not _save_button(dialog).isEnabled()  # the birth date is required
    qtbot.keyClicks(find(dialog, "Birth date", QLineEdit), "1990-05-17")
    assert _save_button(dialog).isEnabled()
    _save_button(dialog).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = patients.get_by_chart("N-1")
    assert (saved.family_name, saved.birth_date) == ("Rossi", dt.date(1990, 5, 17))


def test_duplicate_chart_is_reported_next_to_the_field(qtbot, ui_db) -> None:
    patients.add_patient(d.Patient("DUP", "First", "One", dt.date(1980, 1, 1), d.Sex.MALE))
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "DUP", "Second", "Two")
    _save_button(dialog).click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "DUP" in dialog.error_text("chart") or "already" in dialog.error_text("chart")
    assert patients.count_patients() == 1


def test_future_birth_date_is_refused(qtbot, ui_db) -> None:
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, "F-1", birth=(dt.date.today() + dt.timedelta(days=3)).isoformat())
    assert "future" in dialog.error_text("birth_date")
    assert not _save_button(dialog).isEnabled()
    assert patients.count_patients() == 0


def test_edit_conflict_keeps_the_input(qtbot, ui_db) -> None:
    import dataclasses

    original = patients.add_patient(d.Patient("E-1", "Old", "Name", dt.date(1980, 1, 1),
                                              d.Sex.FEMALE))
    dialog = PatientDialog(None, original)
    qtbot.addWidget(dialog)
    # another workstation saves first
    patients.update_patient(dataclasses.replace(original, diagnosis="changed elsewhere"))
    field = find(dialog, "Diagnosis", QLineEdit)
    qtbot.keyClicks(field, "my diagnosis")
    _save_button(dialog).click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "reload" in dialog.general_error.text()
    assert field.text() == "my diagnosis"
    assert patients.get_by_chart("E-1").diagnosis == "changed elsewhere"


def test_settings_dialog_saves_clinic_mdc_and_clinicians(qtbot, ui_db) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.clinic_name.setText("Harbour Physio")
    dialog.clinic_address.setPlainText("1 Quay Street")
    dialog.paper_size.setCurrentIndex(dialog.paper_size.findData("Letter"))
    dialog._mdc_spins["hip.internal_rotation"].setValue(8.5)
    find(dialog, "New clinician name", QLineEdit).setText("Zoë Ørsted")  # QTest types ASCII only
    qtbot.keyClick(find(dialog, "New clinician name", QLineEdit), Qt.Key.Key_Return)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    settings = clinic.clinic_settings()
    assert settings.clinic_name == "Harbour Physio"
    assert settings.paper_size == "Letter"
    assert settings.mdc_overrides == {"hip.internal_rotation": 8.5}
    assert "Zoë Ørsted" in [c.name for c in clinic.list_clinicians(active_only=True)]


def test_settings_refuse_missing_logo_and_change_nothing(qtbot, ui_db, tmp_path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.clinic_logo.setText(str(tmp_path / "missing.png"))
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "does not exist" in dialog.message.text()
    assert clinic.clinic_settings() == d.ClinicSettings()


def test_settings_server_page_builds_a_password_free_url(qtbot, ui_db, pg_server_url) -> None:
    from urllib.parse import urlsplit

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    parts = urlsplit(pg_server_url)
    dialog.use_server.setChecked(True)
    dialog.server_host.setText(parts.hostname or "")
    dialog.server_port.setValue(parts.port or 5432)
    dialog.server_db.setText(parts.path.lstrip("/"))
    dialog.server_user.setText(parts.username or "")
    assert ":" not in (urlsplit(dialog.server_url()).netloc.split("@")[0])
    dialog._on_test_clicked()
    qtbot.waitUntil(lambda: "Connected" in dialog.server_result.text()
                    or "✗" in dialog.server_result.text(), timeout=10_000)
    assert "Connected to PostgreSQL" in dialog.server_result.text()
    dialog.save()
    assert QSettings().value("database/url") == dialog.server_url()
    QSettings().remove("database/url")


def test_activities_are_ticked_with_the_keyboard_and_saved(qtbot, ui_db) -> None:
    from PySide6.QtWidgets import QListWidget

    original = patients.add_patient(d.Patient("ACT-1", "Okafor", "Ben", dt.date(2008, 4, 2),
                                              d.Sex.MALE))
    dialog = PatientDialog(None, original)
    qtbot.addWidget(dialog)
    activities = find(dialog, "Activities and sports", QListWidget)
    activities.setFocus()
    row = next(i for i in range(activities.count())
               if activities.item(i).data(Qt.ItemDataRole.UserRole) == "pitching")
    activities.setCurrentRow(row)
    qtbot.keyClick(activities, Qt.Key.Key_Space)
    assert dialog.chosen_activities() == ("pitching",)
    _save_button(dialog).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = patients.get_by_chart("ACT-1")
    assert saved.activities == ("pitching",)
    again = PatientDialog(None, saved)
    qtbot.addWidget(again)
    assert again.chosen_activities() == ("pitching",)


def test_birth_date_typed_in_iso_is_exactly_that_day(qtbot, ui_db) -> None:
    """1981-06-15 typed key by key is 15 June 1981 (QDateEdit made it 1981-01-06)."""
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "B-1", birth="")
    field = find(dialog, "Birth date", QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "15/06/1981")
    assert "YYYY-MM-DD" in dialog.error_text("birth_date")
    assert not _save_button(dialog).isEnabled()
    field.selectAll()
    qtbot.keyClicks(field, "1981-06-15")
    assert dialog.error_text("birth_date") == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter confirms the dialog
    assert dialog.result() == dialog.DialogCode.Accepted
    assert patients.get_by_chart("B-1").birth_date == dt.date(1981, 6, 15)


# a pop-up raises itself and grabs the keyboard; the offscreen platform cannot, and says so
@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing")
def test_birth_date_calendar_pops_up_and_picks_a_day(qtbot, ui_db) -> None:
    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    field = find(dialog, "Birth date", QLineEdit)
    qtbot.keyClicks(field, "2001-03-10")
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = dialog.birth_date.calendar
    assert calendar is not None
    assert calendar.isVisible()
    assert calendar.selectedDate() == QDate(2001, 3, 10)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert field.text() == "2001-03-11"
    assert dialog.birth_date.calendar is None
