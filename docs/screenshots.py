"""Produce the README screenshots from demo data, in a real window under Xvfb.

    xvfb-run -a -s "-screen 0 1440x900x24" python docs/screenshots.py [OUT_DIR]
    PTLOG_SHOT_LANGUAGE=de xvfb-run -a -s "-screen 0 1440x900x24" python docs/screenshots.py

With ``PTLOG_SHOT_LANGUAGE`` (es, de) only the main window is taken, in that language
(``screenshot-main-<code>.png``), a value typed with the language's decimal sign.

Each shot is the window as the user sees it at 1440×900 (``QWidget.grab``), saved as PNG.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)


def settle(app: QApplication, ms: int = 400) -> None:
    """Let layouts, plots and fonts finish before a grab."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.start(ms)
    while timer.isActive():
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def grab_dialog(app: QApplication, dialog: QDialog, name: str,
                prepare: Callable[[QDialog], None] | None = None) -> None:
    dialog.show()
    if prepare is not None:
        prepare(dialog)
    settle(app)
    save(dialog, name)
    dialog.reject()


def main() -> int:
    os.environ.setdefault("QT_SCALE_FACTOR", "1")
    tmp = Path(tempfile.mkdtemp(prefix="ptlog-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    db_url = f"sqlite:///{tmp / 'demo.db'}"
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("ptlog-screenshots")
    app.setApplicationName("ptlog")
    from ptlog.app import application_icon, create_main_window
    from ptlog.domain.records import MotionKey, Side
    from ptlog.store.database import open_database
    from ptlog.store.demo import generate_demo
    from ptlog.store.patients import search_patients

    app.setWindowIcon(application_icon())
    language = os.environ.get("PTLOG_SHOT_LANGUAGE", "")
    if language:
        from ptlog.ui import translations

        translations.install(language)
    open_database(db_url)
    generate_demo(24, 1)
    window = create_main_window(db_url)
    window.resize(1440, 900)
    window.show()
    settle(app)
    patient = next(p for p in search_patients("") if p.family_name.startswith("Ørsted"))
    window.open_patient(patient.id)
    while window.patient_view.is_loading():  # read off the GUI thread
        app.processEvents()
    entry = window.patient_view.entry
    typed = {("internal_rotation", Side.LEFT): "22", ("internal_rotation", Side.RIGHT): "34",
             ("external_rotation", Side.LEFT): "41", ("external_rotation", Side.RIGHT): "44",
             ("flexion", Side.LEFT): "118"}
    if language:
        from PySide6.QtCore import QLocale

        typed[("flexion", Side.LEFT)] = f"117{QLocale().decimalPoint()}5"
    for (motion, side), text in typed.items():
        field = entry.field(MotionKey("hip", motion), side)
        field.setFocus()
        field.setText(text)
    focus = entry.field(MotionKey("hip", "internal_rotation"), Side.LEFT)
    focus.setFocus()
    focus.setCursorPosition(0)
    focus.end(False)  # moves the cursor: the dial and the trend follow the focused field
    settle(app, 800)
    if language:
        save(window, f"screenshot-main-{language}.png")
        window.patient_view.entry.clear_values()
        window.close()
        return 0
    save(window, "screenshot-main.png")

    window.patient_view.tabs.setCurrentIndex(1)
    settle(app)
    save(window, "screenshot-history.png")
    for index in range(window.patient_view.tabs.count()):
        if window.patient_view.tabs.tabText(index).startswith("Treatment"):
            window.patient_view.tabs.setCurrentIndex(index)
            settle(app, 1500)
            save(window, "screenshot-treatments.png")
            panel = window.patient_view.treatments
            if panel is not None and hasattr(panel, "comparison"):
                panel.comparison.tabs.setCurrentIndex(1)  # the clinic view loads in background
                settle(app, 4000)
                save(window, "screenshot-clinic.png")
    window.patient_view.tabs.setCurrentIndex(0)

    from ptlog.reports.progress_report import build_progress_report
    from ptlog.ui.exercise_picker import ExercisePickerDialog
    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.report_preview import ReportPreviewDialog

    grab_dialog(app, PatientDialog(window), "screenshot-new-patient.png")
    record = window.patient_view.record
    grab_dialog(app, ExercisePickerDialog(window, record), "screenshot-exercises.png")
    pdf = build_progress_report(record, window.patient_view.settings)
    grab_dialog(app, ReportPreviewDialog(window, pdf, "report.pdf"),
                "screenshot-report-preview.png")
    entry.clear_values()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
