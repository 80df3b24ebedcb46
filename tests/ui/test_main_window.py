"""The clinician's window end to end: open a patient, type a hip panel by keyboard, save."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton

from ptlog.domain import records as d
from ptlog.domain.catalog import hip_panel, motion_spec
from ptlog.store.readings import readings_for_patient
from tests.ui.conftest import find

IR = d.MotionKey("hip", "internal_rotation")
HIP_VALUES = {  # motion -> (left, right), typed in tab order
    "internal_rotation": ("28", "41"), "external_rotation": ("40", "42"),
    "flexion": ("110", "115"), "extension": ("20", "22"), "abduction": ("38", "40"),
    "adduction": ("22", "24"),
}


def open_first(qtbot, window) -> None:
    search = find(window, "Patient search", QLineEdit)
    qtbot.keyClicks(search, "QT-1")
    with qtbot.waitSignal(window.patient_view.patient_loaded, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Return)


def test_a_patient_opened_from_history_takes_keys_on_the_measure_tab(
        qtbot, window, patient_with_history) -> None:
    """With History in front, Ctrl+F, the chart, Return and '33' put 33 into a field out of
    sight (a stranger's keyboard-only trial): the entry is brought to the front first."""
    view = window.patient_view
    open_first(qtbot, window)
    view.tabs.setCurrentIndex(1)  # History
    view.set_patient(None)  # a patient closed, History still in front
    search = find(window, "Patient search", QLineEdit)
    search.setFocus()
    search.selectAll()
    qtbot.keyClicks(search, "QT-1")
    with qtbot.waitSignal(view.patient_loaded, timeout=5000):
        qtbot.keyClick(search, Qt.Key.Key_Return)
    first = find(window, "Hip internal rotation Left", QLineEdit)
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "33")
    assert view.tabs.currentIndex() == 0
    assert first.isVisible()
    assert first.text() == "33"
    view.entry.clear_values()


def test_keyboard_only_hip_panel_is_saved_in_one_visit(qtbot, window, patient_with_history) -> None:
    open_first(qtbot, window)
    first = find(window, "Hip internal rotation Left", QLineEdit)
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    for motion in hip_panel():
        left, right = HIP_VALUES[motion.motion]
        focused = QApplication.focusWidget()
        assert focused.accessibleName() == f"{motion_spec(motion).label} Left"
        qtbot.keyClicks(focused, left)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused.accessibleName() == f"{motion_spec(motion).label} Right"
        qtbot.keyClicks(focused, right)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    note = QApplication.focusWidget()
    assert note.accessibleName() == "Visit note"
    qtbot.keyClicks(note, "Stiff after driving.")
    qtbot.keyClick(note, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is find(window, "Save readings", QPushButton)
    assert window.isWindowModified()
    with qtbot.waitSignal(window.patient_view.readings_saved, timeout=3000):
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = [r for r in readings_for_patient(patient_with_history.id)
             if r.taken_on == dt.date.today()]
    assert len(saved) == 12
    assert len({r.visit_id for r in saved}) == 1
    by_key = {(r.motion.motion, r.side): r.degrees for r in saved}
    for motion, (left, right) in HIP_VALUES.items():
        assert by_key[(motion, d.Side.LEFT)] == float(left)
        assert by_key[(motion, d.Side.RIGHT)] == float(right)
    assert not window.patient_view.has_unsaved_changes()
    assert "Saved 12 reading" in find(window, "Entry status", QLabel).text()
    visits = window.patient_view.record.visits
    assert visits[-1].notes == "Stiff after driving."  # the note went with the readings
    assert visits[-1].kind is d.VisitKind.FOLLOW_UP  # the patient had a visit before


def test_plot_holds_the_saved_values(qtbot, window, patient_with_history) -> None:
    open_first(qtbot, window)
    view = window.patient_view
    view.entry.field(IR, d.Side.LEFT).setText("33")
    view.entry.field(IR, d.Side.RIGHT).setText("39")
    with qtbot.waitSignal(view.readings_saved, timeout=3000):
        find(window, "Save readings", QPushButton).click()
    xs, ys = view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)
    assert ys == [30.0, 33.0]
    assert xs[1] > xs[0]
    _, right = view.plot.curve_data(d.Side.RIGHT, d.Position.SEATED, d.Mode.ACTIVE)
    assert right == [38.0, 39.0]
    assert view.plot.accessibleName() == "Trend plot"


def type_left_ir(qtbot, window, text: str):
    """Open the test patient and type ``text`` into hip internal rotation, left."""
    open_first(qtbot, window)
    view = window.patient_view
    field = view.entry.field(IR, d.Side.LEFT)
    field.setFocus()
    qtbot.keyClicks(field, text)
    return view


def test_typed_value_moves_the_plot_and_dial_before_saving(qtbot, window) -> None:
    view = type_left_ir(qtbot, window, "35")
    _, ys = view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)
    assert ys == [30.0, 35.0]
    assert view.dial.value == 35.0
    assert "35°" in view.dial.describe()


@pytest.mark.parametrize(("left", "right", "expect_left", "expect_asym"), [
    ("170", "", "not possible", None),
    ("20", "38", "below normal 35–45°", "asymmetric"),
    ("40", "38", "within normal 35–45°", "symmetric"),
    ("45", "38", "real gain", "asymmetric"),
])
def test_flags_in_words_beside_the_field(qtbot, window, left, right, expect_left,
                                         expect_asym) -> None:
    window.resize(1440, 900)  # the reference screen: the short flags fit their column
    open_first(qtbot, window)
    entry = window.patient_view.entry
    qtbot.keyClicks(entry.field(IR, d.Side.LEFT), left)
    qtbot.keyClicks(entry.field(IR, d.Side.RIGHT), right)
    flags = find(window, "Hip internal rotation Left flags", QLabel)
    assert expect_left in flags.text()
    assert "…" not in flags.text()
    assert expect_left in flags.toolTip() or expect_left == "real gain"  # tooltip: sentences
    asym = find(window, "Hip internal rotation asymmetry", QLabel).text()
    if expect_asym is None:
        assert asym == ""
    else:
        assert expect_asym in asym
    save = find(window, "Save readings", QPushButton)
    assert save.isEnabled() is (expect_left != "not possible")


def test_impossible_value_blocks_save_and_keeps_the_text(qtbot, window,
                                                        patient_with_history) -> None:
    open_first(qtbot, window)
    entry = window.patient_view.entry
    qtbot.keyClicks(entry.field(IR, d.Side.LEFT), "170")
    assert entry.save() is False
    assert entry.field(IR, d.Side.LEFT).text() == "170"
    assert "Cannot save" in find(window, "Entry status", QLabel).text()
    assert len(readings_for_patient(patient_with_history.id)) == 2


def test_undo_and_redo_typing(qtbot, window) -> None:
    open_first(qtbot, window)
    field = window.patient_view.entry.field(IR, d.Side.LEFT)
    field.setFocus()
    qtbot.keyClicks(field, "31")
    window.actions["undo"].trigger()
    assert field.text() == ""
    window.actions["redo"].trigger()
    assert field.text() == "31"


def test_closing_with_unsaved_values_asks_and_cancel_keeps_them(qtbot, window, monkeypatch) -> None:
    open_first(qtbot, window)
    field = window.patient_view.entry.field(IR, d.Side.RIGHT)
    qtbot.keyClicks(field, "44")
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert window.close() is False
    assert asked
    assert "not saved" in asked[0]
    assert window.isVisible()
    assert field.text() == "44"


def test_store_error_on_save_keeps_values(qtbot, window, monkeypatch) -> None:
    from ptlog.store import errors
    from ptlog.store import readings as store_readings

    def locked(*_a, **_k):
        raise errors.DatabaseLockedError("the database is locked by another program")

    monkeypatch.setattr(store_readings, "save_visit_readings", locked)
    open_first(qtbot, window)
    field = window.patient_view.entry.field(IR, d.Side.LEFT)
    qtbot.keyClicks(field, "29")
    assert window.patient_view.save_readings() is False
    assert field.text() == "29"
    status = find(window, "Entry status", QLabel).text()
    assert "locked" in status
    assert "still here" in status


def test_header_shows_age_chart_diagnosis_and_goal(qtbot, window) -> None:
    open_first(qtbot, window)
    header = find(window, "Patient header", QLabel).text()
    for part in ("Ørsted-Núñez", "Zoë", "40 years", "QT-1", "hip stiffness", "Dr. Rao", "40°"):
        assert part in header


def test_menus_have_desktop_shortcuts(window) -> None:
    shortcuts = {k: a.shortcut().toString() for k, a in window.actions.items()}
    assert shortcuts["new_patient"] == "Ctrl+N"
    assert shortcuts["save"] == "Ctrl+S"
    assert shortcuts["find"] == "Ctrl+F"
    assert shortcuts["print"] == "Ctrl+P"
    assert shortcuts["undo"] == "Ctrl+Z"


def test_first_start_on_empty_database_offers_demo(qtbot, sqlite_url, monkeypatch) -> None:
    from ptlog.app import create_main_window
    from ptlog.ui.main_window import MainWindow

    offered: list[bool] = []
    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: offered.append(True))
    win = create_main_window(sqlite_url)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: bool(offered), timeout=2000)
    win.close()


@pytest.mark.slow
def test_load_demo_fills_the_list(qtbot, sqlite_url, monkeypatch) -> None:
    from ptlog.app import create_main_window
    from ptlog.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    win = create_main_window(sqlite_url)
    qtbot.addWidget(win)
    win.load_demo()
    qtbot.waitUntil(lambda: win.patient_list.model.total() == 24, timeout=30_000)
    # the empty database became a demo database: the title says so
    assert "DEMO" in win.windowTitle()
    win.close()


def test_demo_database_says_demo_and_demo_clinicians_never_sign_real_visits(
        qtbot, sqlite_url, tmp_path, monkeypatch) -> None:
    """The demo database's window says DEMO; in a real database the demo's clinicians are
    listed last and the form starts with no clinician rather than one of them."""
    from ptlog.app import create_main_window
    from ptlog.services.demo import load_demo
    from ptlog.store import patients
    from ptlog.store.database import open_database
    from ptlog.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    demo_url = f"sqlite:///{tmp_path / 'demo.db'}"
    open_database(demo_url)
    load_demo(1, 1, demo_database=True)
    win = create_main_window(demo_url)
    qtbot.addWidget(win)
    assert "DEMO database" in win.windowTitle()
    win.close()

    open_database(sqlite_url)
    real = patients.add_patient(d.Patient("R1", "Real", "Rita", dt.date(1970, 1, 1),
                                          d.Sex.FEMALE))
    load_demo(1, 1)  # asked for: demo patients beside a real one
    win = create_main_window(sqlite_url)
    qtbot.addWidget(win)
    assert "DEMO" not in win.windowTitle()
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(real.id or 0)
    clinician = win.patient_view.entry.clinician
    assert clinician.currentText() == ""
    assert [clinician.itemText(i) for i in range(clinician.count())] == [
        "Ann Lee", "Marco Bianchi", "Priya Raman"]
    win.close()


def test_restore_from_backups_reloads_the_window(qtbot, window, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from ptlog.store import patients
    from ptlog.store.backup import backup_to, restore_from
    from ptlog.ui.backups_dialog import BackupsDialog

    open_first(qtbot, window)
    saved = backup_to(tmp_path / "before.db")
    patients.add_patient(d.Patient("QT-2", "Later", "L", dt.date(1990, 1, 1), d.Sex.MALE))
    window.patient_list.model.set_query("")
    assert window.patient_list.model.total() == 2

    def restore_and_close(dialog: BackupsDialog) -> int:
        dialog.database_restored.emit(restore_from(saved))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(BackupsDialog, "exec", restore_and_close)
    window.open_backups()
    assert window.patient_list.model.total() == 1
    assert window.patient_view.record is None


@pytest.mark.parametrize("kind", ["csv", "fhir"])
def test_export_from_the_file_menu(qtbot, window, tmp_path, monkeypatch, kind) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ptlog.store import models as m

    target = tmp_path / f"out.{kind}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    before = m.AuditEvent.select().where(m.AuditEvent.action == "export").count()
    window.export_file(kind)
    qtbot.waitUntil(lambda: "Exported 2" in window.statusBar().currentMessage(), timeout=10_000)
    assert target.is_file()
    assert m.AuditEvent.select().where(m.AuditEvent.action == "export").count() == before + 1


def test_export_to_a_missing_folder_says_why(qtbot, window, tmp_path, monkeypatch,
                                             message_boxes) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "no-such-folder" / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(target), "")))
    shown = len(message_boxes)
    window.export_file("csv")
    qtbot.waitUntil(lambda: len(message_boxes) > shown, timeout=10_000)
    assert "does not exist" in message_boxes[-1]
    assert not target.parent.exists()


def test_fields_never_move_while_values_are_typed_and_saved(qtbot, window) -> None:
    window.resize(1440, 900)
    open_first(qtbot, window)
    entry = window.patient_view.entry
    below = entry.field(d.MotionKey("hip", "adduction"), d.Side.LEFT)

    def where() -> tuple[int, int]:
        QApplication.processEvents()
        point = below.mapTo(entry, below.rect().topLeft())
        return point.x(), point.y()

    before = where()
    # an unusual value carries three flags (re-check, norm, change) and an asymmetry
    qtbot.keyClicks(entry.field(IR, d.Side.LEFT), "75")
    qtbot.keyClicks(entry.field(IR, d.Side.RIGHT), "20")
    assert len(entry.rows()[IR].flags[d.Side.LEFT]) == 4
    assert where() == before
    with qtbot.waitSignal(window.patient_view.readings_saved, timeout=3000):
        find(window, "Save readings", QPushButton).click()
    assert where() == before


def test_a_save_redraws_the_plot_and_dial_once(qtbot, window) -> None:
    view = type_left_ir(qtbot, window, "33")
    told: list[tuple[object, object, str]] = []
    view.entry.value_changed.connect(lambda *args: told.append(args))
    with qtbot.waitSignal(view.readings_saved, timeout=3000):
        assert view.save_readings()
    assert told == [(IR, d.Side.LEFT, "")]  # once, after the record holds the saved value
    assert view.plot.curve_data(d.Side.LEFT, d.Position.SEATED, d.Mode.ACTIVE)[1] == [30.0, 33.0]
    assert view.dial.value is None


@pytest.mark.slow
def test_import_from_the_file_menu_runs_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch,
                                                           message_boxes) -> None:
    """60,000 readings (a big import: its own cache and journal settings, rows made in a
    thread) from the window's worker thread; then a broken file changes nothing."""
    from PySide6.QtWidgets import QFileDialog

    from ptlog.store import check
    from ptlog.store.csv_format import READINGS_COLUMNS

    lines = [",".join(READINGS_COLUMNS)]
    lines += [f"IMP{n // 12:05d},Importé,Ana,1971-03-0{1 + n // 12 % 9},F,"
              f"2025-0{1 + n % 6}-10,,hip,internal_rotation,{'LR'[n % 2]},active,seated,"
              f"{20 + n % 12},," for n in range(60_000)]
    good = tmp_path / "good.csv"
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chosen = [str(good)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *_a, **_k: (chosen[0], "")))
    before = window.patient_list.model.total()
    shown = len(message_boxes)
    window.import_csv()  # File → Import…: the import dialog, whose Choose… asks for the file
    dialog = window.import_dialog
    with qtbot.waitSignal(dialog.file_read, timeout=10_000):  # read on a worker thread
        qtbot.keyClick(dialog.choose, Qt.Key.Key_Space)
    assert dialog.preview.rowCount() > 0
    dialog.run.setFocus()
    qtbot.keyClick(dialog.run, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(message_boxes) > shown, timeout=60_000)
    assert message_boxes[-1].startswith("Imported: ")
    # the list recounts when the import's change reaches it, which may follow the message
    qtbot.waitUntil(lambda: window.patient_list.model.total() == before + 5_000, timeout=10_000)
    assert check.check_database() == []

    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([lines[0], lines[1].replace(",seated,", ",sitting,")]) + "\n",
                   encoding="utf-8")
    chosen[0] = str(bad)
    shown = len(message_boxes)
    window.import_csv()
    dialog = window.import_dialog
    with qtbot.waitSignal(dialog.file_read, timeout=10_000):
        qtbot.keyClick(dialog.choose, Qt.Key.Key_Space)
    dialog.run.setFocus()
    qtbot.keyClick(dialog.run, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=10_000)
    assert dialog.problems.item(0).text().startswith("bad.csv:2:position")
    assert len(message_boxes) == shown
    dialog.reject()
    assert window.patient_list.model.total() == before + 5_000


def test_restore_rechecks_whether_the_database_is_the_demo_one(
        qtbot, sqlite_url, monkeypatch) -> None:
    """File ▸ Backups ▸ Restore replaces what the database holds: a demo database restored
    from a backup made before it became one stops saying DEMO (title and status bar)."""
    from ptlog.app import create_main_window
    from ptlog.services.demo import load_demo
    from ptlog.store import backup
    from ptlog.store.database import open_database
    from ptlog.ui.backups_dialog import BackupsDialog
    from ptlog.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_start", lambda self: None)
    open_database(sqlite_url)
    before_demo = backup.backup_to()
    load_demo(1, 1, demo_database=True)
    win = create_main_window(sqlite_url)
    qtbot.addWidget(win)
    status = find(win, "Database in use", QLabel)
    assert "DEMO" in win.windowTitle()
    assert "DEMO" in status.text()

    def restore_first(dialog: BackupsDialog) -> int:
        listed = find(dialog, "Backups", QListWidget)
        rows = [listed.item(i).data(Qt.ItemDataRole.UserRole) for i in range(listed.count())]
        listed.setCurrentRow(rows.index(str(before_demo)))
        assert dialog.selected_path() == before_demo
        with qtbot.waitSignal(dialog.database_restored, timeout=10_000):
            qtbot.mouseClick(find(dialog, "Restore", QPushButton), Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(BackupsDialog, "exec", restore_first)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    win.actions["backups"].trigger()
    assert "DEMO" not in win.windowTitle()
    assert "DEMO" not in status.text()
    win.close()


def test_the_backup_on_close_runs_while_the_window_keeps_answering(
        qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Closing backs up a changed database off the GUI thread: here the backup waits until a
    timer on the GUI thread has fired, which it can only do while its event loop runs."""
    import threading

    from PySide6.QtCore import QTimer

    from ptlog.store.backup import AutoBackup

    assert window.auto_backup() is not None  # a SQLite database: backed up on close
    released = threading.Event()
    said: list[str] = []

    def waiting_backup(_self: AutoBackup, now: object = None) -> None:
        assert released.wait(20)  # set by the GUI thread's timer below

    def on_timer() -> None:
        said.append(window.statusBar().currentMessage())
        released.set()

    monkeypatch.setattr(AutoBackup, "on_close", waiting_backup)
    QTimer.singleShot(0, on_timer)
    window.close()  # returns once the backup is done
    assert released.is_set()
    assert said == ["Backing up…"]


def test_the_trend_plot_is_made_ahead_once_the_window_is_up(qtbot, window) -> None:
    """Not while the first patient opens (a third of that open's longest stall), and hidden
    until a patient is open."""
    from ptlog.ui.trend_plot import TrendPlot

    view = window.patient_view
    qtbot.waitUntil(lambda: bool(view.findChildren(TrendPlot)), timeout=5000)
    (plot,) = view.findChildren(TrendPlot)
    assert not plot.isVisible()
    assert view.plot is plot  # the one the first patient will use
