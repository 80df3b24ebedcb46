"""The main window: patient list on the left, the patient view on the right, desktop menus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QWidget,
)

from ptlog import __version__
from ptlog.services import demo as demo_service
from ptlog.services import documents
from ptlog.services import patients as patient_service
from ptlog.services.changes import Changes
from ptlog.services.session import describe, is_read_only, is_server
from ptlog.ui import tasks
from ptlog.ui.data_changes import announce, data_changes
from ptlog.ui.messages import show_error
from ptlog.ui.patient_list import PatientListPanel
from ptlog.ui.patient_view import PatientView
from ptlog.ui.screen_fit import fit_into_screen, preferred_size

if TYPE_CHECKING:
    from ptlog.domain.exercises import Exercise
    from ptlog.services.backups import AutoBackup
    from ptlog.services.changes import Done
    from ptlog.services.demo import DemoResult
    from ptlog.ui.live_updates import LiveUpdates

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, db_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_url = db_url
        self.setWindowTitle(self.tr("ptlog — goniometer logbook"))
        self.setObjectName("main_window")
        self.patient_list = PatientListPanel(self)
        self.patient_view = PatientView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.patient_list)
        self.splitter.addWidget(self.patient_view)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([310, 1130])
        self.setCentralWidget(self.splitter)
        self.read_only = is_read_only()
        self.demo = False
        self.db_label = QLabel(self)
        self.db_label.setAccessibleName("Database in use")
        self.statusBar().addPermanentWidget(self.db_label)
        # by key for the menus and the tests; it hides QWidget.actions(), which ptlog never calls
        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]
        self._build_menus()
        self._show_database_mode()
        self.patient_list.patient_activated.connect(self.open_patient)
        self.patient_view.readings_saved.connect(self._on_patient_view_readings_saved)
        self.patient_view.patient_changed.connect(self._on_patient_view_patient_changed)
        self.patient_view.entry.dirty_changed.connect(self.setWindowModified)
        data_changes().changed.connect(self._on_data_changed)
        self._live: LiveUpdates | None = None
        self._focus_entry_for = 0  # the patient being opened: its first field takes the focus
        self.last_preview: QWidget | None = None
        self._restore_state()  # the list was filled as it was built (and re-sorted if restored)
        self._on_patient_view_patient_changed(0)
        self._start_live_updates()
        self._start_auto_backups()
        from ptlog.ui.screen_lock import ScreenLock

        self.screen_lock = ScreenLock(self)  # covers patient data when nobody is at the desk
        if patient_service.count_patients() == 0 and not self.read_only:
            QTimer.singleShot(0, self.offer_first_start)
        if self.read_only:
            self.statusBar().showMessage(
                self.tr("This database is read-only (its file permissions): you can look, report "
                        "and back up, not change anything."), 15000)

    # --- menus -----------------------------------------------------------------------
    def _action(self, key: str, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text.replace("…", ""))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions[key] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addAction(self._action("new_patient", self.tr("&New patient…"), self.new_patient,
                                    QKeySequence.StandardKey.New))
        file.addSeparator()
        file.addAction(self._action("import_csv", self.tr("&Import…"), self.import_csv))
        file.addAction(self._action("export_csv", self.tr("&Export readings as CSV…"),
                                    lambda: self.export_file("csv")))
        file.addAction(self._action("export_fhir", self.tr("Export as &FHIR bundle…"),
                                    lambda: self.export_file("fhir")))
        file.addSeparator()
        file.addAction(self._action("backups", self.tr("&Backups…"), self.open_backups))
        file.addSeparator()
        file.addAction(self._action("quit",
                                    self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit))

        edit = bar.addMenu(self.tr("&Edit"))
        stack = self.patient_view.undo_stack()
        undo = stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.actions["undo"], self.actions["redo"] = undo, redo
        edit.addAction(undo)
        edit.addAction(redo)
        edit.addSeparator()
        edit.addAction(self._action("find",
                                    self.tr("&Find patient"), self.patient_list.focus_search,
                                    QKeySequence.StandardKey.Find))
        edit.addSeparator()
        edit.addAction(self._action("settings", self.tr("&Settings…"), self.open_settings,
                                    QKeySequence.StandardKey.Preferences))

        patient = bar.addMenu(self.tr("&Patient"))
        patient.addAction(self._action("edit_patient", self.tr("&Edit patient…"), self.edit_patient,
                                       "Ctrl+E"))
        patient.addAction(self._action("archive",
                                       self.tr("&Archive / restore"), self.toggle_archived))
        patient.addAction(self._action("add_treatment",
                                       self.tr("Add &treatment…"), self.add_treatment,
                                       "Ctrl+T"))

        visit = bar.addMenu(self.tr("&Visit"))
        visit.addAction(self._action("save", self.tr("&Save readings"), self.save_readings,
                                     QKeySequence.StandardKey.Save))

        report = bar.addMenu(self.tr("&Report"))
        report.addAction(self._action("report_preview", self.tr("Progress &report preview…"),
                                      lambda: self.preview_report("report"), "Ctrl+R"))
        report.addAction(self._action("handout_preview", self.tr("Patient &handout preview…"),
                                      lambda: self.preview_report("handout"), "Ctrl+Shift+H"))
        report.addAction(self._action("print", self.tr("&Print progress report…"),
                                      lambda: self.preview_report("report", print_now=True),
                                      QKeySequence.StandardKey.Print))

        tools = bar.addMenu(self.tr("&Tools"))
        tools.addAction(self._action("clinic_outcomes", self.tr("&Clinic outcomes…"), lambda:
                                     self._open_dialog("ptlog.ui.comparison_panel",
                                                       "ClinicComparisonDialog", self)))
        tools.addAction(self._action("audit_log", self.tr("&Audit trail…"), self.open_audit_trail))
        tools.addAction(self._action("check",
                                     self.tr("Check &database…"), lambda: self._open_dialog(
            "ptlog.ui.check_dialog", "CheckDialog", self)))

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action("about", self.tr("&About ptlog"), self.about))

    # what changes the database (exports too: each one is an audit event)
    WRITING_ACTIONS = ("new_patient", "import_csv", "export_csv", "export_fhir", "settings",
                       "edit_patient", "archive", "add_treatment", "save")

    def _patient_actions_enabled(self, enabled: bool) -> None:
        for key in ("edit_patient", "archive", "add_treatment", "save", "report_preview",
                    "handout_preview", "print"):
            self.actions[key].setEnabled(enabled)
        if self.read_only:  # the owner made the file read-only: look, never change
            for key in self.WRITING_ACTIONS:
                self.actions[key].setEnabled(False)

    # --- patients --------------------------------------------------------------------
    def open_patient(self, patient_id: int) -> None:
        """Open a patient: read off the GUI thread (the view shows a busy bar meanwhile); the
        first entry field takes the focus when the patient is shown."""
        view = self.patient_view
        if view.loading_patient_id() == patient_id:
            return  # already on its way
        if view.loading_patient_id() is None and view.patient_id() == patient_id:
            view.show_entry()
            view.entry.setFocus()
            return
        if not self.confirm_discard(self.tr("open another patient")):
            return
        self._focus_entry_for = patient_id
        try:
            view.set_patient(patient_id)
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            show_error(self, exc, "opening the patient")
            return
        if view.is_loading():  # until it is shown, a report or save would be the last patient's
            self._patient_actions_enabled(False)

    def _focus_first_field(self) -> None:
        first = self.patient_view.entry.rows()
        if first:
            # on the Measure tab: opened from History, the keys went to a field out of sight
            # (a stranger typed 33 there and saw nothing until they went back to Measure)
            self.patient_view.show_entry()
            next(iter(first.values())).fields[next(iter(
                next(iter(first.values())).fields))].setFocus()

    def confirm_discard(self, doing: str) -> bool:
        """Ask before typed values would be lost; Save keeps them, Cancel stays. ``doing`` is
        translated where it is written ("open another patient")."""
        if not self.patient_view.has_unsaved_changes():
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved readings"),
                          self.tr("You have typed readings that are not saved yet. Save them "
                                  "before you {doing}?").format(doing=doing),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("unsaved_question")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.patient_view.save_readings()
        return answer == QMessageBox.StandardButton.Discard

    def new_patient(self) -> None:
        from ptlog.ui.patient_dialog import PatientDialog

        dialog = PatientDialog(self)
        if dialog.exec() and dialog.saved_patient is not None:
            self.statusBar().showMessage(self.tr("Created {patient}").format(
                patient=dialog.saved_patient.display_name), 5000)
            if dialog.saved_patient.id is not None:
                self.open_patient(dialog.saved_patient.id)

    def edit_patient(self) -> None:
        from ptlog.ui.patient_dialog import PatientDialog

        if self.patient_view.record is None:
            return
        patient_id = self.patient_view.patient_id()
        assert patient_id is not None
        PatientDialog(self, patient_service.get_patient(patient_id)).exec()

    def toggle_archived(self) -> None:
        record = self.patient_view.record
        if record is None:
            return
        from ptlog.ui.tasks import run_and_wait

        patient_id = record.patient.id or 0
        try:
            done = run_and_wait(lambda: patient_service.toggle_archived(patient_id), busy=self,
                                text="Archiving the patient…")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, "archiving the patient")
            return
        announce(done.changes, self)

    def add_treatment(self) -> None:
        patient_id = self.patient_view.patient_id()
        if patient_id is None:
            return
        self._open_dialog("ptlog.ui.treatment_dialog", "TreatmentDialog", self, patient_id)

    def save_readings(self) -> None:
        if self.patient_view.save_readings():
            self.statusBar().showMessage(self.tr("Readings saved"), 4000)

    # --- other dialogs ---------------------------------------------------------------
    def _open_dialog(self, module: str, name: str, *args: object, **kwargs: object) -> bool:
        dialog_class = getattr(importlib.import_module(module), name)
        try:
            dialog = dialog_class(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - e.g. the database went away: say so
            show_error(self, exc, "opening the dialog")
            return False
        return bool(dialog.exec())

    def open_audit_trail(self) -> None:
        record = self.patient_view.record
        self._open_dialog("ptlog.ui.audit_viewer", "AuditViewer", self,
                          chart=record.patient.chart if record else "")

    def open_backups(self) -> None:
        from ptlog.ui.backups_dialog import BackupsDialog

        if not self.confirm_discard(self.tr("open the backups (a restore replaces the database)")):
            return
        dialog = BackupsDialog(self)
        dialog.database_restored.connect(self._on_backups_database_restored)
        # a restore needs the file to itself: pause the change listener while the dialog is open
        if self._live is not None:
            self._live.stop()
        try:
            dialog.exec()
        finally:
            if self._live is not None:
                self._live.start()

    def _on_backups_database_restored(self, *_args: object) -> None:
        """A restore replaced the database: show what it holds now (typed values were saved
        or discarded by ``confirm_discard`` before the dialog opened)."""
        self.patient_view.entry.clear_values()
        self.patient_view.set_patient(None)
        self._show_database_mode()  # the backup may be of a demo database, or of a real one
        announce(Changes.all(), self)
        self.statusBar().showMessage(self.tr("Database restored from the backup"), 8000)

    def preview_report(self, kind: str, print_now: bool = False) -> None:
        """Build the PDF off the GUI thread, then preview it (Print / Save as…)."""
        record = self.patient_view.record
        if record is None:
            self.statusBar().showMessage(self.tr("Open a patient first."), 4000)
            return
        if not record.readings:
            QMessageBox.information(self,
                                    self.tr("Report"), self.tr(
                                        "{name} has no readings yet: there is nothing to "
                                        "report.").format(name=record.patient.display_name))
            return
        settings = self.patient_view.settings
        exercises: list[Exercise] | None = None
        next_visit: dt.date | None = None
        notes = ""
        if kind == "handout":
            from ptlog.ui.exercise_picker import ExercisePickerDialog

            picker = ExercisePickerDialog(self, record, mdc_overrides=settings.mdc_overrides)
            if not picker.exec():
                return
            exercises, next_visit = picker.selected_exercises(), picker.next_visit()
        else:
            if not print_now:
                saved = self.ask_report_notes(record)
                if saved is None:
                    return
                record = saved
            notes = self.visit_notes_for_report()

        head = documents.chain_head()  # read here: the worker thread builds the PDF only

        flowsheet = kind != "handout" and self.report_flowsheet()

        def build() -> documents.Document:
            return documents.build_document(kind, record, settings, clinician_notes=notes,
                                            exercises=exercises, next_visit=next_visit,
                                            chain_head=head, flowsheet=flowsheet)

        self.statusBar().showMessage(self.tr("Preparing the document…"))

        def done(document: documents.Document) -> None:
            from ptlog.ui.report_preview import ReportPreviewDialog

            self.statusBar().clearMessage()
            dialog = ReportPreviewDialog(
                self, document.data, document.suggested_name,
                write=lambda path, force: documents.save_document(document, path, force=force))
            dialog.saved.connect(lambda path: self.statusBar().showMessage(
                self.tr("Saved {path}").format(path=path), 5000))
            dialog.printed.connect(lambda _pages: self._on_report_printed(document))
            self.last_preview = dialog
            if print_now:
                dialog._on_print_clicked()
            else:
                dialog.exec()

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            show_error(self, exc, "preparing the document")

        tasks.run_in_background(build, done, failed)

    def _on_report_printed(self, document: documents.Document) -> None:
        try:  # an audit event: off the GUI thread, as every write (a locked database waits)
            tasks.run_and_wait(lambda: documents.record_printed(document))
        except Exception as exc:  # noqa: BLE001 - the pages are printed; say the log failed
            show_error(self, exc, "recording the printout in the audit trail")

    def ask_report_notes(self, record: Any) -> Any:
        """Ask for the report's notes and keep them as the latest visit's note (audited).

        Returns the patient's record as saved, or None when cancelled or the save failed.
        """
        from ptlog.services.visits import set_visit_notes
        from ptlog.ui.report_notes_dialog import ReportNotesDialog
        from ptlog.ui.tasks import run_and_wait

        latest = max(record.visits, key=lambda v: (v.visit_at, v.id or 0))
        dialog = ReportNotesDialog(self, latest, flowsheet=self.report_flowsheet())
        if not dialog.exec():
            return None
        QSettings().setValue("report/flowsheet", dialog.include_flowsheet())
        if dialog.changed():
            notes = dialog.notes()
            try:
                done = run_and_wait(lambda: set_visit_notes(latest, notes), busy=self,
                                    text=self.tr("Saving the report notes…"))
            except Exception as exc:  # noqa: BLE001 - said in one sentence, notes kept in view
                show_error(self, exc, "saving the report notes")
                return None
            announce(done.changes, self)  # the patient view re-reads the visit (off the thread)
            self.statusBar().showMessage(self.tr("Report notes saved with the visit"), 4000)
            # the report has the saved visit now, not when the view's re-read arrives
            record = dataclasses.replace(record, visits=tuple(
                done.value if v.id == done.value.id else v for v in record.visits))
        return record

    def report_flowsheet(self) -> bool:
        """Whether the progress report includes the flowsheet (the notes dialog's last choice,
        also for Print report, which asks nothing)."""
        return QSettings().value("report/flowsheet", False, type=bool) is True

    def visit_notes_for_report(self) -> str:
        record = self.patient_view.record
        if record is None or not record.visits:
            return ""
        return max(record.visits, key=lambda v: v.visit_at).notes

    def open_settings(self) -> None:
        if self._open_dialog("ptlog.ui.settings_dialog", "SettingsDialog", self):
            self.screen_lock.reload()  # the idle time (the view follows the change signal)

    def import_csv(self) -> None:
        """File → Import…: ptlog's CSV, any CSV or an .xlsx, through the import dialog (preview,
        mapping, a check listing every problem, then all or nothing with Cancel)."""
        from ptlog.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._on_import_dialog_imported)
        self.import_dialog = dialog
        dialog.open()
        dialog.path.setFocus()

    def _on_import_dialog_imported(self, _result: object) -> None:
        announce(Changes.all(), self)  # even when nothing was added: show the file's state

    def _run_with_progress(self, text: str, work: Callable[[], object],
                           done: Callable[[Any], None], doing: str) -> None:
        """Long work off the GUI thread behind a modal busy indicator; errors as a message."""
        progress = QProgressDialog(text, "", 0, 0, self)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()

        def finished(result: object) -> None:
            progress.close()
            done(result)

        def failed(exc: BaseException) -> None:
            progress.close()
            show_error(self, exc, doing)

        tasks.run_in_background(work, finished, failed)

    def export_file(self, kind: str) -> None:
        from ptlog.ui.output_files import choose_output_file

        suffix = "csv" if kind == "csv" else "json"
        chosen = choose_output_file(self, self.tr("Export"), f"ptlog-export.{suffix}",
                                    self.tr("{kind} files (*.{suffix})").format(
                                        kind=suffix.upper(), suffix=suffix))
        if chosen is None:
            return
        path, force = chosen
        record = self.patient_view.record
        chart = None
        if record is not None and QMessageBox.question(
            self, self.tr("Export"),
            self.tr("Export only {name}?").format(name=record.patient.display_name)
        ) == QMessageBox.StandardButton.Yes:
            chart = record.patient.chart

        def work() -> int:
            from ptlog.services.interchange import export_file

            return export_file(path, kind, chart, force=force)

        def exported(count: int) -> str:
            if kind == "fhir":
                return self.tr("Exported %Ln observation(s) to {path}", "", count).format(
                    path=path)
            return self.tr("Exported %Ln reading(s) to {path}", "", count).format(path=path)

        self._run_with_progress(
            self.tr("Exporting…"), work,
            lambda count: self.statusBar().showMessage(exported(count), 5000),
            "exporting")

    def about(self) -> None:
        QMessageBox.about(
            self, self.tr("About ptlog"),
            f"<h3>ptlog {__version__}</h3>" + self.tr(
                "<p>A goniometer logbook for physical therapists.</p><p>Normal ranges: AAOS "
                "values (Norkin &amp; White) and the age table of the clinic's reference; MDC: "
                "Gradoz et al. 2018. ptlog keeps records; it does not diagnose.</p>"),
        )

    def offer_first_start(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Welcome to ptlog"),
                          self.tr("This database has no patients yet. Load demo patients to "
                                  "explore ptlog, or create your first patient."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("first_start")
        demo = box.addButton(self.tr("Load demo patients"), QMessageBox.ButtonRole.AcceptRole)
        create = box.addButton(self.tr("Create first patient"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is demo:
            self.load_demo()
        elif box.clickedButton() is create:
            self.new_patient()

    def load_demo(self) -> None:
        from ptlog.services.demo import load_demo

        def done(result: Done[DemoResult]) -> None:
            self._show_database_mode()
            announce(result.changes, self)
            self.statusBar().showMessage(result.value.summary(), 8000)

        # offered only for an empty database: it becomes a demo database (the title says
        # DEMO; 'ptlog demo --remove' deletes it and the next start begins with an empty one)
        self._run_with_progress("Creating demo patients…",
                                lambda: load_demo(24, 1, demo_database=True), done,
                                "creating demo patients")

    # --- automatic backups ------------------------------------------------------------
    def _start_auto_backups(self) -> None:
        """SQLite only: every 30 minutes when something changed, and on close (DESIGN §3).

        The backups' module is imported when they are first asked for (the timer's first look,
        or the close), not before the window's first paint."""
        self._auto_backup: AutoBackup | None = None
        self._auto_backups_on = not is_server(self.db_url)
        if not self._auto_backups_on:
            return  # a clinic server is backed up on the server (pg_dump), not per workstation
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(5 * 60 * 1000)  # look every 5 min; AutoBackup decides
        self._backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self._backup_timer.start()

    def auto_backup(self) -> AutoBackup | None:
        """This window's automatic backups; None on a clinic server, or when they could not be
        set up (said once in the log)."""
        if self._auto_backup is None and self._auto_backups_on:
            from ptlog.services.backups import AutoBackup

            try:
                self._auto_backup = AutoBackup()
            except Exception as exc:  # noqa: BLE001 - no backups is worth a warning, not a crash
                log.warning("automatic backups are off: %s", exc)
                self._auto_backups_on = False
        return self._auto_backup

    def _on_backup_timer_timeout(self) -> None:
        auto = self.auto_backup()
        if auto is None or not auto.due():
            return

        from ptlog.services.backups import tick_on_worker

        def work() -> object:
            return tick_on_worker(auto)

        tasks.run_in_background(
            work, lambda path: self.statusBar().showMessage(
                self.tr("Backed up to {path}").format(path=path), 4000)
            if path else None,
            lambda exc: self.statusBar().showMessage(
                self.tr("Automatic backup failed: {error}").format(error=exc), 10000))

    def _backup_on_close(self) -> None:
        """Back up a changed database as the window closes, off the GUI thread: copying a big
        database takes seconds (4.7 s for the session benchmark's 600 MB file, the window frozen
        meanwhile); now the window paints and says so while it waits."""
        auto = self.auto_backup()
        if auto is None:
            return
        from ptlog.services.backups import on_close_on_worker

        try:
            tasks.run_and_wait(lambda: on_close_on_worker(auto), busy=self,
                               text=QCoreApplication.translate("BackupsDialog", "Backing up…"))
        except Exception as exc:  # noqa: BLE001 - closing must not fail over a backup
            log.warning("backup on close failed: %s", exc)

    # --- live updates and state ------------------------------------------------------
    def _start_live_updates(self) -> None:
        from ptlog.ui.live_updates import LiveUpdates

        self._live = LiveUpdates(self.db_url, self)
        self._live.readings_changed.connect(self._on_live_readings_changed)
        self._live.start()

    def _on_live_readings_changed(self, patient_id: int) -> None:
        """Another workstation saved (0: the source cannot tell whose readings)."""
        changes = Changes.all() if patient_id == 0 else Changes.of(readings=[patient_id])
        announce(changes, self._live)

    def _on_data_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self._live and initiator is not None and \
                changes.touches(self.patient_view.patient_id()):
            self.statusBar().showMessage(self.tr(
                    "Updated with readings saved on another workstation"),
                                         4000)

    def _on_patient_view_readings_saved(self, _patient_id: int) -> None:
        self.statusBar().showMessage(self.tr("Readings saved"), 4000)

    def _on_patient_view_patient_changed(self, patient_id: int) -> None:
        self._patient_actions_enabled(bool(patient_id))
        if patient_id and patient_id == self._focus_entry_for:
            self._focus_entry_for = 0
            self._focus_first_field()
        if patient_id:
            record = self.patient_view.record
            if record is not None:
                self.setWindowTitle(self.tr("{patient} — ptlog{mode}[*]").format(
                    patient=record.patient.display_name, mode=self._mode()))
        else:
            self.setWindowTitle(self.tr("ptlog — goniometer logbook{mode}[*]").format(
                mode=self._mode()))

    def _show_database_mode(self) -> None:
        """Ask the database (again) whether it is the demo one: at start, and after anything
        that replaced what it holds (a restore, loading the demo), so title and status say
        DEMO exactly when it is."""
        self.demo = demo_service.is_demo_database()
        self.db_label.setText(describe(self.db_url)
                              + (self.tr(" — DEMO") if self.demo else "")
                              + (self.tr(" — read-only") if self.read_only else ""))
        self._on_patient_view_patient_changed(self.patient_view.patient_id() or 0)

    def _mode(self) -> str:
        """What the title says about the database: DEMO for the demo database."""
        return (self.tr(" — DEMO database") if self.demo else "") + \
            (self.tr(" (read-only)") if self.read_only else "")

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)  # then fitted: the screen may be smaller now
        else:
            self.resize(preferred_size(self, 1440, 900))
        fit_into_screen(self)
        state = settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.confirm_discard(self.tr("close ptlog")):
            event.ignore()
            return
        self.save_state()
        if self._live is not None:
            self._live.stop()
        tasks.wait_for_background(10_000)
        self._backup_on_close()
        event.accept()
