"""The window in another language: Qt's translation system, .qm files shipped, the pseudo-locale
finding every string that was not marked for translation, and no unfinished .ts entry."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QTabWidget,
    QWidget,
)

from ptlog.ui import translations

ROOT = Path(__file__).resolve().parent.parent.parent
# data, product and technical names that stay as they are in every language
ALLOWED = {"ptlog", "mdc", "postgresql", "ssl", "csv", "fhir", "iso", "usd", "eur", "pin",
           "ctrl", "alt", "png", "jpeg", "english", "español", "deutsch", "gradoz", "et", "al",
           "pgpass", "conf", "pgpassword", "windows", "qt", "zoë", "ørsted", "núñez", "ann",
           "lee", "rao", "dr", "hip", "stiffness", "deep", "squat", "yyyy", "mm", "dd", "hh",
           "min", "pt", "dpt", "xlsx", "prefer", "require", "verify", "ca", "full", "disable"}
# (the last are libpq's sslmode values, typed as they are in a connection URL)


@pytest.fixture
def in_language(qtbot, ui_db: str, patient_with_history) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Open the main window after installing a language (the window reads it when built)."""
    from ptlog.app import create_main_window

    windows: list[QWidget] = []

    def open_window(language: str) -> QWidget:
        if language == "qps":
            translations.install_pseudo()
        else:
            translations.install(language)
        win = create_main_window(ui_db)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield open_window
    for win in windows:
        win.close()
    translations.uninstall()


def visible_texts(widget: QWidget) -> list[str]:
    """What a user reads in ``widget``: labels, buttons, group titles, tabs, placeholders."""
    texts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None \
                and not isinstance(child, QListView):
            model = child.model()
            texts += [str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                      for i in range(model.columnCount())]
        if child.accessibleName() == "Database in use":
            texts = texts[:-1]  # the database's URL: data
    return [t for t in texts if t]


def escaped(texts: list[str]) -> list[str]:
    """Plain English words (not data, not a product name) among ``texts``."""
    words = set()
    for text in texts:
        plain = re.sub(r"<[^>]+>|&\w+;", " ", text).replace("&", "")
        words |= {w for w in re.findall(r"[^\W\d_]{2,}", plain)
                  if w.isascii() and w.lower() not in ALLOWED}
    return sorted(words)


def menu_texts(win: QWidget) -> list[str]:
    out = []
    for action in win.menuBar().actions():
        out.append(action.text())
        menu = action.menu()
        out += [a.text() for a in menu.actions() if a.text()] if menu else []
    return out


def test_menus_tabs_and_dialogs_are_translated_in_the_pseudo_locale(in_language) -> None:  # type: ignore[no-untyped-def]
    win = in_language("qps")
    assert escaped(menu_texts(win)) == []
    tabs = [t for tabs in win.findChildren(QTabWidget) for t in
            (tabs.tabText(i) for i in range(tabs.count()))]
    assert escaped(tabs) == []
    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.settings_dialog import SettingsDialog

    for dialog in (SettingsDialog(win), PatientDialog(win)):
        found = escaped(visible_texts(dialog))
        assert found == [], f"{type(dialog).__name__}: {found}"
        dialog.deleteLater()


def test_the_main_window_with_a_patient_in_the_pseudo_locale(
        qtbot, in_language, patient_with_history) -> None:  # type: ignore[no-untyped-def]
    """The patient list, the header, the Measure tab's panel and the tables' column titles."""
    win = in_language("qps")
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(patient_with_history.id)
    found = escaped(visible_texts(win))
    assert found == [], f"English left in the main window: {found}"


def test_german_window_with_qts_own_buttons(in_language) -> None:  # type: ignore[no-untyped-def]
    win = in_language("de")
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles[:2] == ["&Datei", "&Bearbeiten"]
    from ptlog.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(win)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == \
        ["Abbrechen", "Speichern"]  # qtbase_de.qm: Qt's own buttons match
    assert dialog.windowTitle() == "Einstellungen"
    dialog.deleteLater()
    from PySide6.QtCore import QLocale

    assert QLocale().decimalPoint() == ","  # dates and numbers follow the language


def test_spanish_patient_dialog_has_the_handout_language(in_language) -> None:  # type: ignore[no-untyped-def]
    win = in_language("es")
    from ptlog.ui.patient_dialog import PatientDialog

    dialog = PatientDialog(win)
    assert dialog.windowTitle() == "Nuevo paciente"
    choices = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert choices == ["El idioma de la clínica", "English", "Deutsch", "Español"]
    dialog.deleteLater()


def test_window_language_follows_the_choice_then_the_system(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    QSettings().setValue(translations.LANGUAGE_KEY, "de")
    assert translations.window_language() == "de"
    assert translations.window_language("es") == "es"  # --ui-language wins
    QSettings().setValue(translations.LANGUAGE_KEY, "")
    assert translations.window_language() == translations.system_window_language()


@pytest.mark.slow
def test_no_ts_file_is_unfinished_or_out_of_date() -> None:
    """Every marked string has a finished translation in every .ts; the .qm are compiled."""
    result = subprocess.run([sys.executable, "docs/update_translations.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_amend_void_preview_and_error_boxes_in_the_pseudo_locale(
        in_language, patient_with_history, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The dialogs a window opens from a reading or a report, and the error box's words."""
    win = in_language("qps")
    from PySide6.QtWidgets import QMessageBox

    from ptlog.store import readings
    from ptlog.ui.amend_dialog import AmendDialog
    from ptlog.ui.messages import set_long_text
    from ptlog.ui.report_preview import ReportPreviewDialog

    reading = readings.readings_for_patient(patient_with_history.id or 0)[0]
    for void in (False, True):
        dialog = AmendDialog(win, reading, void=void)
        qtbot.addWidget(dialog)
        found = escaped([*visible_texts(dialog), dialog.windowTitle()])
        assert found == [], f"AmendDialog(void={void}): {found}"
        qtbot.keyClicks(dialog.new_value, "30")  # the recorded value: a message says so
        assert escaped([dialog.message.text()]) == []
    preview = ReportPreviewDialog(win, b"%PDF-1.4\n%%EOF\n", "report.pdf")
    qtbot.addWidget(preview)
    assert escaped([*visible_texts(preview), preview.windowTitle().replace("report.pdf", "")]) \
        == []
    box = QMessageBox(win)
    set_long_text(box, "\n".join(f"{i}" for i in range(20)))
    assert escaped([box.text()]) == []
    box.deleteLater()


def test_german_amend_dialog_reads_as_a_physio_would_write_it(
        in_language, patient_with_history, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = in_language("de")
    from ptlog.store import readings
    from ptlog.ui.amend_dialog import AmendDialog

    reading = readings.readings_for_patient(patient_with_history.id or 0)[0]
    dialog = AmendDialog(win, reading)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Messwert korrigieren"
    summary = dialog.summary.text().replace("\xad", "")  # soft hyphens for narrow columns
    assert summary.startswith("Innenrotation der Hüfte, links, aktiv, sitzend — 30° am ")
    qtbot.keyClicks(dialog.new_value, "30")
    assert dialog.message.text() == "Das ist der erfasste Wert (30°)."


def test_check_and_backups_dialogs_in_the_pseudo_locale(
        in_language, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check's result line and the backups dialog's folder line and status."""
    win = in_language("qps")
    from ptlog.ui.backups_dialog import BackupsDialog
    from ptlog.ui.check_dialog import CheckDialog

    check = CheckDialog(win, start=False)
    qtbot.addWidget(check)
    with qtbot.waitSignal(check.check_finished, timeout=30_000):
        check.start_check()
    texts = [*visible_texts(check), check.windowTitle()]
    texts += [check.findings.item(i).text().split(":")[0] for i in range(check.findings.count())]
    assert escaped(texts) == [], texts
    from ptlog.services import backups as backup

    backup.backup()  # one listed: its line (when, size) is the window's words too
    backups = BackupsDialog(win)
    qtbot.addWidget(backups)
    folder = str(backup.default_backup_dir())
    texts = [t.replace(folder, "") for t in [*visible_texts(backups), backups.windowTitle()]]
    texts += [backups.backups.item(i).text() for i in range(backups.backups.count())]
    assert backups.backups.count() == 1
    assert escaped(texts) == [], texts


def test_audit_viewer_in_the_pseudo_locale(in_language, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Filters, column titles and the count line of the audit trail."""
    win = in_language("qps")
    from ptlog.ui.audit_viewer import AuditViewer

    viewer = AuditViewer(win)
    qtbot.addWidget(viewer)
    users = {viewer.user.itemText(i) for i in range(viewer.user.count())}  # data: user names
    found = escaped([t for t in [*visible_texts(viewer), viewer.windowTitle()] if t not in users])
    assert found == [], found


# a CSV column name in brackets beside its label ("Visit date (visit_date)"): the file format
_CSV_NAMES = re.compile(r"\([a-z_]+\)")


def test_import_treatment_handout_and_comparison_in_the_pseudo_locale(
        in_language, patient_with_history, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The dialogs the earlier tests did not open: import (with a file loaded and checked),
    treatment, handout exercises, report notes, reading history, and the comparison panel."""
    win = in_language("qps")
    import datetime as dt

    from ptlog.domain import records as d
    from ptlog.services import patients as record_store
    from ptlog.store import readings
    from ptlog.store import treatments as treatment_store
    from ptlog.ui.comparison_panel import ComparisonPanel
    from ptlog.ui.exercise_picker import ExercisePickerDialog
    from ptlog.ui.import_dialog import ImportDialog
    from ptlog.ui.reading_history_dialog import ReadingHistoryDialog
    from ptlog.ui.report_notes_dialog import ReportNotesDialog
    from ptlog.ui.treatment_dialog import TreatmentDialog

    pid = patient_with_history.id or 0
    treatment_store.add_treatment(d.Treatment(
        pid, d.TreatmentKind.PHYSICAL_THERAPY, dt.date.today() - dt.timedelta(days=60),
        dt.date.today() - dt.timedelta(days=40), d.TreatmentSide.LEFT, 10, 8, 900.0))
    # a baseline before the course: the comparison's slope chart has something to draw
    before = dt.datetime.combine(dt.date.today() - dt.timedelta(days=70), dt.time(9))
    readings.save_visit_readings(pid, [d.Reading(
        d.MotionKey("hip", "internal_rotation"), d.Side.LEFT, d.Mode.ACTIVE, d.Position.SEATED,
        24, before)], visit_at=before, clinician="Ann Lee")
    record = record_store.load_patient_record(pid)

    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Datum,IR L,Wetter\n2026-01-05,31,sunny\n", encoding="utf-8")
    importer = ImportDialog(win)
    qtbot.addWidget(importer)
    importer.path.setText(str(sheet))
    with qtbot.waitSignal(importer.file_read, timeout=10_000):
        importer.load(sheet)
    with qtbot.waitSignal(importer.problems.model().rowsInserted, timeout=20_000):
        importer.check.click()
    texts = [*visible_texts(importer), importer.windowTitle(), importer.status.text()]
    texts += [importer.columns.item(r).text().split("→")[-1]
              for r in range(importer.columns.count())]
    texts = [_CSV_NAMES.sub("", t).replace(sheet.name, "") for t in texts
             if t not in importer.header]  # the sheet's own column titles are its data
    found = escaped(texts)
    assert found == [], f"ImportDialog: {found}"

    reading = readings.readings_for_patient(pid)[0]
    dialogs = [TreatmentDialog(win, pid), ExercisePickerDialog(win, record),
               ReportNotesDialog(win, record.visits[0]),
               ReadingHistoryDialog(win, reading.id or 0)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        texts = [*visible_texts(dialog), dialog.windowTitle()]
        if isinstance(dialog, ReadingHistoryDialog):
            texts += [dialog.table.item(0, c).text() for c in (0, 1)]
        if isinstance(dialog, ExercisePickerDialog):
            texts += [dialog.exercise_list.item(r).text()
                      for r in range(dialog.exercise_list.count())]
        found = escaped([t.replace(patient_with_history.display_name, "") for t in texts])
        assert found == [], f"{type(dialog).__name__}: {found}"

    panel = ComparisonPanel(win)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.patient_shown, timeout=5000):
        panel.show_patient(record)
    model = panel.patient_model
    texts = [*visible_texts(panel), panel.patient_status.text()]
    texts += [str(model.data(model.index(r, c))) for r in range(model.rowCount())
              for c in range(model.columnCount())]
    # the slope chart's title and legend (pyqtgraph draws them; no widget text to find)
    chart = panel.outcome_chart.getPlotItem()
    assert panel.outcome_items, "the record has a before/after comparison to draw"
    texts += [chart.titleLabel.text, *(label.text for _sample, label in chart.legend.items)]
    assert escaped(texts) == [], escaped(texts)


def test_title_and_status_say_demo_and_read_only_in_the_language(
        in_language, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    win = in_language("qps")
    from ptlog.ui import main_window

    monkeypatch.setattr(main_window.demo_service, "is_demo_database", lambda: True)
    win.read_only = True
    win._show_database_mode()
    assert "ḊḖḾŐ" in win.windowTitle()
    url = main_window.describe(win.db_url)
    assert escaped([win.windowTitle(), win.db_label.text().replace(url, "")]) == []


@pytest.mark.parametrize(("language", "one", "two", "many"), [
    ("en", "1 reading added", "2 readings added", "60,000 readings added"),  # plurals-only .qm
    ("de", "1 Messwert hinzugefügt", "2 Messwerte hinzugefügt", "60.000 Messwerte hinzugefügt"),
    ("es", "1 medición añadida", "2 mediciones añadidas", "60.000 mediciones añadidas"),
])
def test_counts_use_the_languages_plural_forms(qapp, language: str, one: str, two: str,  # type: ignore[no-untyped-def]
                                               many: str) -> None:
    """%Ln: the language's plural form and its digit grouping."""
    from PySide6.QtCore import QCoreApplication

    translations.install(language)
    try:
        def saved(n: int) -> str:
            return QCoreApplication.translate("ImportDialog", "%Ln reading(s) added", "", n)

        assert (saved(1), saved(2), saved(60_000)) == (one, two, many)
    finally:
        translations.uninstall()


def test_sign_in_dialog_in_the_pseudo_locale(in_language, qtbot) -> None:  # type: ignore[no-untyped-def]
    in_language("qps")
    from ptlog.ui.sign_in_dialog import SignInDialog

    url = "postgresql://ann@db.clinic.example:5432/ptlog"
    dialog = SignInDialog(url)
    qtbot.addWidget(dialog)
    dialog.user.clear()
    dialog.accept()  # no user name: the dialog says so
    texts = [*visible_texts(dialog), dialog.windowTitle()]
    from ptlog.services import session

    found = escaped([t.replace(session.describe(url), "").replace(dialog.user.text(), "")
                     for t in texts])
    assert found == [], found


@pytest.mark.parametrize("language", ["qps", "de"])
def test_flag_tooltips_speak_the_windows_language(
        in_language, patient_with_history, qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    """The whole sentences behind the short flags (tooltip, screen reader) are translated
    too, with the window's date for the last reading."""
    import datetime as dt

    from ptlog.domain import records as d
    from ptlog.ui.qdates import shown_date

    win = in_language(language)
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(patient_with_history.id)
    entry = win.patient_view.entry
    hip_ir = d.MotionKey("hip", "internal_rotation")
    field = entry.field(hip_ir, d.Side.LEFT)
    field.setFocus()
    qtbot.keyClicks(field, "20")
    qtbot.keyClicks(entry.field(hip_ir, d.Side.RIGHT), "38")
    row = entry._rows[hip_ir]
    tips = [row.flag_labels[d.Side.LEFT].toolTip(), entry.asymmetry_label(row).toolTip()]
    last = shown_date(dt.date.today() - dt.timedelta(days=30))
    if language == "qps":
        from ptlog.domain.checks import PERCENT_FORMULA

        found = escaped([t.replace(last, "").replace(PERCENT_FORMULA, "") for t in tips])
        assert found == [], tips
    else:
        left = tips[0].replace("\xad", "")
        assert left.startswith("unter der Norm 35–45°"), left
        assert "seit der letzten: ein echter Verlust" in left  # 30 → 20, beyond the MDC
        assert f"war 30° am {last}" in left
        assert tips[1].startswith("asymmetrisch: L − R = -18°"), tips[1]


def test_validation_messages_beside_the_fields_speak_german(in_language, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The domain's and the store's input messages reach the window in its language (their
    catalog message travels with the error)."""
    win = in_language("de")
    from PySide6.QtWidgets import QDialogButtonBox

    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.treatment_dialog import TreatmentDialog

    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.birth_date.edit, "1981-13-45")
    assert dialog.error_text("birth_date") == \
        "'1981-13-45' ist kein gültiges Datum (Geburtsdatum; erwartet JJJJ-MM-TT)"
    patient = win.patient_list.model.patient_at(0)
    treatment = TreatmentDialog(None, patient.id)
    qtbot.addWidget(treatment)
    qtbot.keyClicks(treatment.cost, "20000000")
    treatment.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert treatment.error_text("cost") == "'20000000' ist mehr als 10.000.000"  # German grouping


def _import_problems(qtbot, win, sheet, row: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The import dialog's Check on a one-row readings sheet: the problems it lists."""
    from ptlog.store.csv_format import READINGS_COLUMNS
    from ptlog.ui.import_dialog import ImportDialog

    sheet.write_text(",".join(READINGS_COLUMNS) + f"\n{row}\n", encoding="utf-8")
    importer = ImportDialog(win)
    qtbot.addWidget(importer)
    importer.path.setText(str(sheet))
    with qtbot.waitSignal(importer.file_read, timeout=10_000):
        importer.load(sheet)
    with qtbot.waitSignal(importer.problems.model().rowsInserted, timeout=20_000):
        importer.check.click()
    return [importer.problems.item(r).text() for r in range(importer.problems.count())]


def test_import_problems_speak_the_windows_language(in_language, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A cell the importer refuses is named as before (file:line:column), its message in the
    window's language; nothing is written."""
    shown = _import_problems(qtbot, in_language("es"), tmp_path / "lecturas.csv",
                             "QT-9,Ruiz,Ana,1980-02-30,F,2026-01-05,,hip,internal_rotation,L,"
                             "active,seated,abc,,")
    assert "lecturas.csv:2:birth_date: '1980-02-30' no es una fecha válida (fecha; se espera " \
        "AAAA-MM-DD)" in shown, shown
    assert "lecturas.csv:2:degrees: 'abc' no es un número de grados" in shown, shown


def test_import_problems_in_german(in_language, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Problems the parsers do not raise (a date that needs a date order, the sheet's columns
    against the mapping) carry their catalog messages: the dialog says them in German."""
    shown = _import_problems(qtbot, in_language("de"), tmp_path / "sheet.csv",
                             "A9,Lee,Ann,1980-03-04,F,05/01/2026,,hip,internal_rotation,L,"
                             "active,seated,31,,")
    assert shown[0] == ("sheet.csv:2:visit_date: '05/01/2026' ist kein ISO-Datum (JJJJ-MM-TT): "
                        "Datumsreihenfolge wählen (--date-order DMY oder MDY, oder "
                        "„Datumsangaben“ im Importdialog)"), shown


@pytest.mark.postgres
def test_settings_connection_test_reports_in_german(in_language, qtbot, pg_server_url) -> None:  # type: ignore[no-untyped-def]
    """Settings → Test connection says what it found in the window's language."""
    from urllib.parse import urlsplit

    from ptlog.ui.settings_dialog import SettingsDialog

    win = in_language("de")
    dialog = SettingsDialog(win)
    qtbot.addWidget(dialog)
    parts = urlsplit(pg_server_url)
    dialog.server_host.setText(parts.hostname or "")
    dialog.server_port.setValue(parts.port or 5432)
    dialog.server_db.setText(parts.path.lstrip("/"))
    dialog.server_user.setText(parts.username or "")
    dialog._on_test_clicked()
    qtbot.waitUntil(lambda: "✓" in dialog.server_result.text()
                    or "✗" in dialog.server_result.text(), timeout=10_000)
    assert "Verbunden mit PostgreSQL" in dialog.server_result.text(), dialog.server_result.text()



def test_import_dialog_names_a_folder_and_a_missing_file_in_german(
        in_language, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The window's words for a path that is not a file are the command line's (one catalog)."""
    from tests.ui.test_import_dialog import enter_path

    win = in_language("de")
    win.actions["import_csv"].trigger()
    dialog = win.import_dialog
    qtbot.waitExposed(dialog)
    for typed, said in ((tmp_path, "das ist ein Ordner; bitte eine Datei darin angeben"),
                        (tmp_path / "fehlt.csv", "Datei nicht gefunden")):
        enter_path(qtbot, dialog, typed)
        assert dialog.status.text() == f"{typed}: {said}"
    dialog.reject()


@pytest.mark.parametrize(("language", "months", "days"), [
    ("en", ["Mar", "May"], ["Mon 02", "Tue 03"]),
    ("de", ["März", "Mai"], ["Mo. 02", "Di. 03"]),
    ("es", ["mar", "may"], ["lun 02", "mar 03"]),
])
def test_plot_dates_speak_the_windows_language(qapp, language: str, months: list[str],  # type: ignore[no-untyped-def]
                                              days: list[str]) -> None:
    import datetime as dt

    from pyqtgraph.graphicsItems import DateAxisItem as axes

    from ptlog.ui.trend_plot import LocalDateAxis

    def at(day: dt.date) -> float:
        return (dt.datetime.combine(day, dt.time()) - dt.datetime(1970, 1, 1)).total_seconds()

    translations.install(language)
    try:
        axis = LocalDateAxis()
        axis.zoomLevel = axes.MONTH_DAY_ZOOM_LEVEL
        assert axis.tickStrings([at(dt.date(2026, 3, 1)), at(dt.date(2026, 5, 1))], 1,
                                axes.MONTH_SPACING) == months
        axis.zoomLevel = axes.DAY_HOUR_ZOOM_LEVEL
        assert axis.tickStrings([at(dt.date(2026, 3, 2)), at(dt.date(2026, 3, 3))], 1,
                                axes.DAY_SPACING) == days
        axis.zoomLevel = axes.YEAR_MONTH_ZOOM_LEVEL  # the years as pyqtgraph writes them
        assert axis.tickStrings([at(dt.date(2026, 1, 1))], 1, axes.YEAR_SPACING) == ["2026"]
    finally:
        translations.uninstall()


def test_a_narrow_plot_of_one_years_visits_still_names_months(qapp) -> None:  # type: ignore[no-untyped-def]
    """At 1366x768 the trend plot is ~250 px wide: pyqtgraph's own axis left every month out
    (they did not fit) and showed no year (no 1 January in the range): no date at all."""
    import datetime as dt

    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from ptlog.ui.trend_plot import LocalDateAxis

    def at(day: dt.date) -> float:
        return (dt.datetime.combine(day, dt.time()) - dt.datetime(1970, 1, 1)).total_seconds()

    lo, hi = at(dt.date(2026, 2, 1)), at(dt.date(2026, 11, 30))
    axis = LocalDateAxis()
    axis.fontMetrics = QFontMetrics(QApplication.font())  # what painting the axis sets
    levels = axis.tickValues(lo, hi, 250)  # 250 px
    shown = [text for spacing, ticks in levels
             for text in axis.tickStrings(ticks, 1, spacing)]
    assert 3 <= len(shown) <= 6, shown  # every second or third month, no more than fit
    assert all(len(text) <= 5 for text in shown), shown


def test_audit_trail_actions_and_entities_speak_spanish(in_language, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The trail's codes (create, patient, ...) as words of the window's language; the codes
    themselves stay in the trail and in its CSV export."""
    win = in_language("es")
    from ptlog.ui.audit_viewer import AuditViewer

    viewer = AuditViewer(win)
    qtbot.addWidget(viewer)
    model = viewer.table.model()
    shown = {(model.index(r, 3).data(), model.index(r, 4).data())
             for r in range(model.rowCount())}
    assert ("creado", "paciente") in shown  # the fixture's patient
    assert ("creado", "medición") in shown
    assert not {action for action, _ in shown} & {"create", "update"}
