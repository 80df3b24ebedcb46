"""Dates in the window as its language writes them (Qt's short format, four-digit year), while
ISO is what is typed and what files keep (issue 20: locale done right)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from ptlog.domain import records as d
from ptlog.services import patients as record_store
from ptlog.store import treatments as treatment_store
from ptlog.ui import translations
from ptlog.ui.qdates import shown_date, shown_datetime


def _written(day: dt.date, language: str) -> str:
    """What a PT of ``language`` expects to read (written out here, not asked of Qt)."""
    return {"de": f"{day.day:02}.{day.month:02}.{day.year}",
            "es": f"{day.day}/{day.month}/{day.year}",
            "en": f"{day.month}/{day.day}/{day.year}"}[language]


@pytest.fixture
def window_in(qtbot, ui_db: str, patient_with_history: d.Patient) -> Iterator[object]:  # type: ignore[no-untyped-def]
    from ptlog.app import create_main_window

    opened: list[QWidget] = []

    def open_window(language: str) -> QWidget:
        translations.install(language)
        win = create_main_window(ui_db)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        opened.append(win)
        return win

    yield open_window
    for win in opened:
        win.close()
    translations.uninstall()


@pytest.mark.parametrize("language", ["es", "de", "en"])
def test_the_one_helper_writes_the_languages_short_date(language: str) -> None:
    translations_locale = QLocale.system()
    try:
        QLocale.setDefault(QLocale({"es": "es_ES", "de": "de_DE", "en": "en_US"}[language]))
        assert shown_date(dt.date(1981, 6, 15)) == _written(dt.date(1981, 6, 15), language)
        assert shown_datetime(dt.datetime(2026, 3, 1, 14, 5)).startswith(
            _written(dt.date(2026, 3, 1), language))
    finally:
        QLocale.setDefault(translations_locale)
    QLocale.setDefault(QLocale.c())
    try:
        assert shown_date(dt.date(1981, 6, 15)) == "1981-06-15"  # no language: ISO
    finally:
        QLocale.setDefault(translations_locale)


@pytest.mark.parametrize("language", ["es", "de"])
def test_patient_list_history_and_audit_show_the_languages_dates(
        window_in, patient_with_history: d.Patient, qtbot, language: str) -> None:  # type: ignore[no-untyped-def]
    win = window_in(language)
    birth = patient_with_history.birth_date
    listed = win.patient_list.model
    assert listed.data(listed.index(0, 2)) == _written(birth, language)
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(patient_with_history.id)
    history = win.patient_view.history.model
    visit_day = dt.date.today() - dt.timedelta(days=30)
    assert str(history.data(history.index(0, 0))).startswith(_written(visit_day, language))
    from ptlog.ui.audit_viewer import AuditViewer

    viewer = AuditViewer(win)
    qtbot.addWidget(viewer)
    pattern = {"de": r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d",
               "es": r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d:\d\d"}[language]
    shown = [str(viewer.model.data(viewer.model.index(r, 0)))
             for r in range(viewer.model.rowCount())]
    assert shown
    assert all(re.fullmatch(pattern, cell) for cell in shown), shown


def test_comparison_table_shows_german_dates_but_exports_iso(
        window_in, patient_with_history: d.Patient, qtbot) -> None:  # type: ignore[no-untyped-def]
    start = dt.date.today() - dt.timedelta(days=25)
    treatment_store.add_treatment(d.Treatment(
        patient_with_history.id or 0, d.TreatmentKind.PHYSICAL_THERAPY, start, None,
        d.TreatmentSide.LEFT))
    window_in("de")
    from ptlog.ui.comparison_panel import ComparisonPanel

    panel = ComparisonPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.patient_shown, timeout=5000):
        panel.show_patient(record_store.load_patient_record(patient_with_history.id or 0))
    model = panel.patient_model
    assert model.data(model.index(0, 1)) == _written(start, "de")
    assert model.data(model.index(0, 0)).replace("\xad", "") == "Physiotherapie"
    assert start.isoformat() in model.as_csv()  # a file keeps ISO dates
    assert _written(start, "de") not in model.as_csv()


def test_typing_an_iso_birth_date_in_german_saves_that_day(window_in, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = window_in("de")
    from ptlog.ui.patient_dialog import PatientDialog

    dialog = PatientDialog()
    qtbot.addWidget(dialog)
    for field, text in ((dialog.chart, "DE-1"), (dialog.family_name, "Koehler"),
                        (dialog.given_name, "Jan"), (dialog.birth_date.edit, "1981-06-15")):
        qtbot.keyClicks(field, text)
    assert dialog.error_text("birth_date") == ""
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled()
    save.click()
    from ptlog.store import patients

    assert patients.get_by_chart("DE-1").birth_date == dt.date(1981, 6, 15)
    win.patient_list.reload()
    listed = win.patient_list.model
    rows = {listed.data(listed.index(r, 0)): listed.data(listed.index(r, 2))
            for r in range(listed.rowCount())}
    assert rows["DE-1"] == "15.06.1981"
