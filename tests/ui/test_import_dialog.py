"""File → Import…, driven with the keyboard: a wide .xlsx with dates written day/month/year,
mapped column by column, checked (every problem with its cell, nothing written), imported;
the mapping kept for next time and saved as a --map file; Cancel rolls a big import back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from ptlog.store import models as m


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path) -> None:
    """The mappings kept between imports live in QSettings: a fresh store per test."""
    QSettings().clear()


def wide_book(tmp_path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Datum", "IR L", "IR R", "Therapist", "Weather"])
    sheet.append(["05/01/2026", 30, 33, "Ann Lee", "rain"])
    sheet.append(["05/02/2026", 31.5, None, "Ann Lee", "sun"])
    sheet.append([dt.datetime(2026, 3, 5), 32, 36, "Bo", None])
    path = tmp_path / "Ann's ROM.xlsx"
    workbook.save(path)
    return path


def open_dialog(qtbot, window, path: Path):  # type: ignore[no-untyped-def]
    window.actions["import_csv"].trigger()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    enter_path(qtbot, dialog, path)
    return dialog


def enter_path(qtbot, dialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Type ``path`` in the File field, Return, and wait for it to be read (on a worker)."""
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(path))
    with qtbot.waitSignal(dialog.file_read, timeout=10_000):
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)


def press(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def test_wide_sheet_mapped_checked_and_imported_by_keyboard(qtbot, window, tmp_path,
                                                            message_boxes, monkeypatch) -> None:
    path = wide_book(tmp_path)
    readings_before = m.Reading.select().count()
    dialog = open_dialog(qtbot, window, path)

    # the first rows as the importer reads them: text as written, numbers, dates as ISO
    assert [dialog.preview.horizontalHeaderItem(c).text() for c in range(5)] == [
        "Datum", "IR L", "IR R", "Therapist", "Weather"]
    assert [dialog.preview.item(0, c).text() for c in range(3)] == ["05/01/2026", "30", "33"]
    assert [dialog.preview.item(1, c).text() for c in range(3)] == ["05/02/2026", "31.5", ""]
    assert dialog.preview.item(2, 0).text() == "2026-03-05"
    # suggestions from the header text
    assert [dialog.columns.item(r).text() for r in range(5)] == [
        "Datum  →  Visit date (visit_date)", "IR L  →  Hip internal rotation, Left",
        "IR R  →  Hip internal rotation, Right", "Therapist  →  Clinician (clinician)",
        "Weather  →  (not imported)"]

    # the therapist column is left out: select it, Tab to "Column holds", Home
    dialog.columns.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.columns, Qt.Key.Key_Down)
    assert dialog.columns.currentRow() == 3
    qtbot.keyClick(dialog.columns, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.holds
    qtbot.keyClick(dialog.holds, Qt.Key.Key_Home)
    assert dialog.columns.item(3).text() == "Therapist  →  (not imported)"

    # what the sheet lacks
    for name, text in (("chart", "W-1"), ("family_name", "Lee"), ("given_name", "Ann"),
                       ("birth_date", "1980-03-04"), ("sex", "Female"), ("position", "Seated"),
                       ("mode", "Active")):
        dialog.defaults[name].setFocus()
        qtbot.keyClicks(dialog.defaults[name], text)

    # check: the dates need an order; every problem names its cell; nothing is written
    press(qtbot, dialog.check)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=20_000)
    shown = [dialog.problems.item(r).text() for r in range(dialog.problems.count())]
    assert shown[0].startswith(f"{path.name}:Sheet!A2: '05/01/2026' is not an ISO date")
    assert "--date-order DMY or MDY" in shown[0]
    # a row's readings share its date cell: named once, then the next row's
    assert shown[1].startswith(f"{path.name}:Sheet!A3: '05/02/2026' is not an ISO date")
    assert m.Reading.select().count() == readings_before

    # day/month/year, then the check passes
    dialog.date_order.setFocus()
    qtbot.keyClick(dialog.date_order, Qt.Key.Key_Down)
    assert dialog.date_order.currentData() == "DMY"
    press(qtbot, dialog.check)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=20_000)
    assert dialog.problems.item(0).text() == "No problems found."
    assert "5 reading(s) added" in dialog.status.text()  # (s): the tests load no English .qm
    assert m.Reading.select().count() == readings_before

    # the mapping as a --map file
    saved = tmp_path / "my mapping.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(saved), "")))
    press(qtbot, dialog.save)
    from ptlog.store.sheet_mapping import load_mapping

    assert load_mapping(saved) == dialog.mapping()

    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        press(qtbot, dialog.run)
    assert message_boxes[-1].startswith(
        "Imported: 5 reading(s) added; 0 reading(s) already present; 1 patient(s); "
        "1 new patient(s); 3 new visit(s)")
    patient = m.Patient.get(m.Patient.chart == "W-1")
    assert (patient.family_name, str(patient.birth_date), patient.sex) == ("Lee", "1980-03-04",
                                                                           "F")
    assert m.Reading.select().count() == readings_before + 5
    assert window.patient_list.model.total() == 2

    # next time: the same columns get the same mapping, defaults and date order
    dialog = open_dialog(qtbot, window, path)
    assert "kept from the last import" in dialog.status.text()
    assert dialog.columns.item(3).text() == "Therapist  →  (not imported)"
    assert dialog.date_order.currentData() == "DMY"
    assert dialog.defaults["chart"].text() == "W-1"
    # and the --map file does the same from the command line: nothing new
    from ptlog.store.csv_import import ImportOptions, import_csv

    again = import_csv(path, options=ImportOptions(mapping=load_mapping(saved)))
    assert (again.readings_added, again.already_present) == (0, 5)


def test_cancel_rolls_a_big_import_back(qtbot, window, tmp_path, message_boxes) -> None:
    from ptlog.store.csv_format import READINGS_COLUMNS

    lines = [";".join(c.replace("_", " ").title() for c in READINGS_COLUMNS)]
    lines += [f"CX{n // 12:05d};Doe;Kim;1971-03-01;F;2025-0{1 + n % 6}-10;;Hip;Internal rotation;"
              f"{('Left', 'Right')[n % 2]};Active;Seated;{20 + n % 12};;" for n in range(60_000)]
    path = tmp_path / "big export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    before = (m.Patient.select().count(), m.Reading.select().count(),
              m.AuditEvent.select().count())
    dialog = open_dialog(qtbot, window, path)
    assert "semicolon-separated" in dialog.status.text()
    press(qtbot, dialog.run)
    progress = dialog.progress_dialog
    qtbot.keyClick(progress, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=60_000)
    assert (m.Patient.select().count(), m.Reading.select().count(),
            m.AuditEvent.select().count()) == before
    dialog.reject()


def test_a_file_that_cannot_be_read_is_one_line(qtbot, window, tmp_path) -> None:
    fake = tmp_path / "notes.xlsx"
    fake.write_text("hello")
    dialog = open_dialog(qtbot, window, fake)
    assert dialog.status.text() == ("notes.xlsx:1: this is not an Excel .xlsx workbook (or it "
                                    "is damaged or password-protected): save it again as .xlsx "
                                    "or CSV UTF-8")
    assert not dialog.run.isEnabled()
    enter_path(qtbot, dialog, tmp_path / "missing.csv")
    assert dialog.status.text().endswith("missing.csv: no such file")
    enter_path(qtbot, dialog, tmp_path)
    assert dialog.status.text() == f"{tmp_path}: this is a folder; name a file in it"
    dialog.reject()


@pytest.fixture
def slow_reads(monkeypatch):  # type: ignore[no-untyped-def]
    """The dialog's file reads wait for ``release`` (a big workbook opening), on the worker."""
    import threading

    from ptlog.ui import import_dialog

    release = threading.Event()
    started: list[Path] = []
    real = import_dialog._first_rows

    def slow(path: Path, sheet: str | None):  # type: ignore[no-untyped-def]
        started.append(path)
        assert threading.current_thread() is not threading.main_thread()
        release.wait(10)
        return real(path, sheet)

    monkeypatch.setattr(import_dialog, "_first_rows", slow)
    yield release, started
    release.set()
    from ptlog.ui import tasks

    assert tasks.wait_for_background(30_000)


def test_a_slow_file_is_read_while_the_window_answers(qtbot, window, tmp_path,
                                                      slow_reads) -> None:
    """Choosing a 100,000-reading workbook held the window 4.9 s: the file is read on a worker
    thread, the dialog says so and offers nothing to check or import until it is read."""
    release, started = slow_reads
    path = wide_book(tmp_path)
    window.actions["import_csv"].trigger()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.path, str(path))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # returns at once: the read is on its way
    qtbot.waitUntil(lambda: started == [path])
    assert dialog.status.text() == "Reading Ann's ROM.xlsx…"
    assert not dialog.check.isEnabled()
    assert not dialog.run.isEnabled()
    dialog.date_order.setFocus()  # the window still takes keys meanwhile
    qtbot.keyClick(dialog.date_order, Qt.Key.Key_Down)
    assert dialog.date_order.currentData() == "DMY"
    with qtbot.waitSignal(dialog.file_read, timeout=10_000):
        release.set()
    assert dialog.preview.rowCount() == 3
    assert dialog.run.isEnabled()
    assert dialog.status.text().startswith("Ann's ROM.xlsx: sheet")
    dialog.reject()


def test_only_the_file_chosen_last_is_shown(qtbot, window, tmp_path, slow_reads) -> None:
    """A file chosen while another is still read: the earlier one's late rows are dropped."""
    release, started = slow_reads
    first = wide_book(tmp_path)
    second = tmp_path / "second.csv"
    second.write_text("When,IR L\n2026-01-05,31\n", encoding="utf-8")
    window.actions["import_csv"].trigger()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    dialog.load(first)
    dialog.load(second)
    qtbot.waitUntil(lambda: len(started) == 2)
    reads: list[int] = []
    dialog.file_read.connect(lambda: reads.append(1))
    release.set()
    qtbot.waitUntil(lambda: reads == [1], timeout=10_000)
    from ptlog.ui import tasks

    assert tasks.wait_for_background(10_000)
    qtbot.wait(50)  # both answers delivered: only the second was shown
    assert reads == [1]
    assert dialog.header == ["When", "IR L"]
    dialog.reject()


def test_a_dialog_closed_while_reading_is_left_alone(qtbot, window, tmp_path,
                                                     slow_reads) -> None:
    """Closed (and deleted) before its file was read: the late answer touches nothing."""
    import shiboken6

    release, started = slow_reads
    window.actions["import_csv"].trigger()
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    reads: list[int] = []
    dialog.file_read.connect(lambda: reads.append(1))
    dialog.load(wide_book(tmp_path))
    qtbot.waitUntil(lambda: len(started) == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes; WA_DeleteOnClose deletes it
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=5000)
    release.set()
    from ptlog.ui import tasks

    assert tasks.wait_for_background(10_000)
    qtbot.wait(50)  # the answer delivered, and dropped
    assert reads == []



def test_a_big_csv_is_previewed_from_its_start_and_checked_whole(qtbot, window, tmp_path,
                                                                 monkeypatch) -> None:
    """Decoding a 100 MB CSV for its twelve first rows held the GIL 0.2 s (the window froze):
    the preview reads the start of the file, more while a note written over several lines runs
    past it; the import's check still reads every line, and names a bad byte at the end."""
    from ptlog.ui import import_dialog

    monkeypatch.setattr(import_dialog, "_PREVIEW_BYTES", 64)  # the start: a line or two
    path = tmp_path / "clinic export.csv"
    head = ["Date,IR L,Notes", '2026-01-05,31,"first visit:\nstiff in the morning\nno pain"']
    rest = [f"2026-02-{n % 28 + 1:02d},{30 + n % 5},note {n}" for n in range(20_000)]
    path.write_bytes(("\n".join(head + rest) + "\n").encode("utf-8") + b"2026-03-01,30,caf\xe9\n")
    dialog = open_dialog(qtbot, window, path)
    assert dialog.preview.rowCount() == import_dialog.PREVIEW_ROWS
    assert dialog.preview.item(0, 2).text() == "first visit:\nstiff in the morning\nno pain"
    assert [dialog.preview.item(r, 2).text() for r in range(1, 12)] == [
        f"note {n}" for n in range(11)]
    assert dialog.status.text().startswith("clinic export.csv: comma-separated text, 3 column")
    readings_before = m.Reading.select().count()
    press(qtbot, dialog.check)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=20_000)
    assert [dialog.problems.item(r).text() for r in range(dialog.problems.count())] == [
        "clinic export.csv:20005: the file is not UTF-8 text (save it as CSV UTF-8)"]
    assert m.Reading.select().count() == readings_before
    dialog.reject()


def test_on_a_small_screen_the_preview_keeps_its_rows_and_tab_shows_each_field(
        qtbot, window, tmp_path) -> None:
    """At the size the dialog gets on a 1366×768 screen the preview showed two of its rows (the
    nine fields for what the sheet lacks took the height): the fields scroll now, and Tab brings
    each one into view."""
    path = tmp_path / "rows.csv"
    path.write_text("Date,IR L\n" + "".join(f"2026-01-{n:02d},{30 + n}\n" for n in range(1, 20)),
                    encoding="utf-8")
    dialog = open_dialog(qtbot, window, path)
    assert dialog.minimumSizeHint().height() <= 680  # it may be as short as the screen asks
    dialog.resize(1000, 680)
    qtbot.waitUntil(lambda: dialog.height() == 680)
    shown = dialog.preview.viewport().height() // dialog.preview.rowHeight(0)
    assert shown >= 5
    area = dialog.defaults_area
    first = dialog.defaults["chart"]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    for name in list(dialog.defaults)[1:]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        edit = dialog.defaults[name]
        assert dialog.focusWidget() is edit
        top = edit.mapTo(area.viewport(), edit.rect().topLeft()).y()
        assert top >= 0, name
        assert top + edit.height() <= area.viewport().height(), name
    assert area.verticalScrollBar().value() > 0  # it scrolled to the last ones
    dialog.reject()


def test_a_value_added_beside_a_stored_one_is_said_when_checked_and_imported(
        qtbot, window, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ptlog.store.csv_import import import_csv
    from tests.store.test_bulk_import import row, write_csv

    import_csv(write_csv(tmp_path / "first.csv", [row(chart="W-9", degrees="28")]))
    edited = write_csv(tmp_path / "edited.csv", [row(chart="W-9", degrees="32")])
    shown: list[tuple[str, str, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    dialog = open_dialog(qtbot, window, edited)
    press(qtbot, dialog.check)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=20_000)
    listed = [dialog.problems.item(r).text() for r in range(dialog.problems.count())]
    warning = ("Warning: edited.csv: chart W-9, visit 2026-01-05 00:00: hip internal_rotation L "
               "active seated 32° was added beside the stored 28°; if the file corrects that "
               "value, amend the stored reading in the window instead")
    assert listed == ["No problems found.", warning]
    with qtbot.waitSignal(dialog.imported, timeout=30_000):
        press(qtbot, dialog.run)
    (text, informative, detailed), = shown
    assert text.startswith("Imported: 1 reading(s) added; 0 reading(s) already present")
    assert informative == warning  # one; several are a blank line apart
    assert detailed == warning


def test_a_file_of_many_warnings_lists_the_first_thousand(qtbot, window, tmp_path) -> None:
    from tests.store.test_bulk_import import row, write_csv

    rows = [row(chart=f"U-{n:04d}", degrees="75") for n in range(1005)]  # unusual, imported
    dialog = open_dialog(qtbot, window, write_csv(tmp_path / "unusual.csv", rows))
    press(qtbot, dialog.check)
    qtbot.waitUntil(lambda: dialog.problems.count() > 0, timeout=20_000)
    listed = [dialog.problems.item(r).text() for r in range(dialog.problems.count())]
    assert len(listed) == 1 + 1000 + 1
    assert listed[0] == "No problems found."
    assert listed[1].startswith("Warning: unusual.csv:2:degrees: ")
    assert listed[-1] == "… and 5 more"
