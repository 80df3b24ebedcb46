"""Run by test_screens.py in a process of its own, on an offscreen screen of a given size.

Opens the main window and every dialog the way the window would, shows each, and prints one
JSON object: the screen's available area and, per window, its frame and whether it fits.
"""

from __future__ import annotations

import datetime as dt
import json
import sys


def main(url: str, language: str = "en") -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    app = QApplication([])
    app.setOrganizationName("ptlog-screen-probe")
    app.setApplicationName("ptlog")
    if language != "en":  # words are longer in some languages (a Spanish filter row was)
        from ptlog.ui import translations

        translations.install(language)
    from ptlog.app import create_main_window
    from ptlog.domain import records as d
    from ptlog.services import documents
    from ptlog.store import patient_records as records
    from ptlog.store import patients, readings, treatments
    from ptlog.store.database import open_database

    open_database(url)  # a patient first: an empty database would offer the demo (modal)
    patient = patients.add_patient(d.Patient("SCR-1", "Ørsted-Núñez", "Ingrid",
                                             dt.date(1980, 5, 7), d.Sex.FEMALE))
    pid = patient.id or 0
    for days, left in ((60, 25.0), (30, 29.0), (2, 33.0)):
        when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=days), dt.time(9))
        readings.save_visit_readings(pid, [
            d.Reading(d.MotionKey("hip", "internal_rotation"), side, d.Mode.ACTIVE,
                      d.Position.SEATED, value, when)
            for side, value in ((d.Side.LEFT, left), (d.Side.RIGHT, 38.0))], visit_at=when)
    treatments.add_treatment(d.Treatment(pid, d.TreatmentKind.PHYSICAL_THERAPY,
                                         dt.date.today() - dt.timedelta(days=40),
                                         dt.date.today() - dt.timedelta(days=10)))
    # a geometry remembered on a bigger screen (a docked laptop) must be fitted into this one
    from PySide6.QtCore import QByteArray, QSettings

    big = QWidget()
    big.resize(3000, 2000)
    QSettings().setValue("window/geometry", QByteArray(big.saveGeometry()))
    window = create_main_window(url)
    window.show()
    app.processEvents()
    window.open_patient(pid)
    while window.patient_view.is_loading():  # read off the GUI thread
        app.processEvents()
    app.processEvents()
    record = records.load_patient_record(pid)
    area = window.screen().availableGeometry()
    out: dict[str, object] = {"available": [area.x(), area.y(), area.width(), area.height()],
                              "windows": {}}

    def probe(name: str, widget: QWidget) -> None:
        widget.show()
        for _ in range(3):
            app.processEvents()
        frame = widget.frameGeometry()
        # the smallest its layouts allow: a window manager makes a window at least that big,
        # past the screen's edge (the offscreen platform keeps the size it was given)
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        out["windows"][name] = {  # type: ignore[index]
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "least": [least.width(), least.height()],
            "fits": area.contains(frame) and least.width() <= area.width()
            and least.height() <= area.height(),
        }
        if widget is not window:
            widget.close()

    probe("main window", window)
    # the Treatments tab's Clinic comparison: a row of filters and a chart of six kinds
    view = window.patient_view
    view.tabs.setCurrentWidget(view._treatments_page)
    while view.treatments is None:  # built when first shown
        app.processEvents()
    comparison = view.treatments.comparison
    comparison.tabs.setCurrentIndex(comparison.clinic_index)
    probe("main window, clinic comparison", window)
    # the panel within the window: its layouts need no more than it was given (the Spanish
    # filter row needed 1,186 px of 1,016: cut off at the right, the window pushed wider)
    out["panels"] = {"clinic comparison": [comparison.minimumSizeHint().width(),
                                           comparison.width()]}
    view.tabs.setCurrentIndex(0)
    from ptlog.ui.amend_dialog import AmendDialog
    from ptlog.ui.audit_viewer import AuditViewer
    from ptlog.ui.backups_dialog import BackupsDialog
    from ptlog.ui.check_dialog import CheckDialog
    from ptlog.ui.comparison_panel import ClinicComparisonDialog
    from ptlog.ui.exercise_picker import ExercisePickerDialog
    from ptlog.ui.messages import set_long_text
    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.report_notes_dialog import ReportNotesDialog
    from ptlog.ui.report_preview import ReportPreviewDialog
    from ptlog.ui.settings_dialog import SettingsDialog
    from ptlog.ui.treatment_dialog import TreatmentDialog

    pdf = documents.build_document("report", record, d.ClinicSettings()).data
    probe("new patient", PatientDialog(window))
    probe("edit patient", PatientDialog(window, patients.get_patient(pid)))
    probe("add treatment", TreatmentDialog(window, pid))
    probe("settings", SettingsDialog(window))
    probe("report preview", ReportPreviewDialog(window, pdf, "SCR-1-report.pdf"))
    probe("report notes", ReportNotesDialog(window, record.visits[-1]))
    probe("exercise picker", ExercisePickerDialog(window, record))
    probe("amend reading", AmendDialog(window, record.readings[-1]))
    probe("audit trail", AuditViewer(window, chart="SCR-1"))
    probe("backups", BackupsDialog(window))
    probe("check database", CheckDialog(window, start=False))
    probe("clinic outcomes", ClinicComparisonDialog(window))
    errors = QMessageBox(QMessageBox.Icon.Warning, "ptlog", "", QMessageBox.StandardButton.Ok,
                         window)
    set_long_text(errors, "\n".join(f"bad.csv:{n}:degrees: '{n}x' is not a number of degrees"
                                    for n in range(2, 50_002)))
    probe("50,000 import errors", errors)
    from ptlog.ui import tasks

    tasks.wait_for_background(10_000)
    print(json.dumps(out))
    window.patient_view.entry.clear_values()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
