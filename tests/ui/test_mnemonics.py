"""Alt+letter in every language: within a menu, the menu bar or one window's own fields and
buttons, no two items share a mnemonic. A shared one does not fail loudly: Alt+B then only
cycles the focus between the two, and the keyboard user cannot press the button."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from tests.ui.test_window_languages import in_language  # noqa: F401 - a fixture

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(named: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The mnemonics more than one of ``named`` (where, text) use."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for where, text in named:
        key = mnemonic(text)
        if key:
            by_key[key].append(f"{where}: {text}")
    return {key: texts for key, texts in by_key.items() if len(texts) > 1}


def menu_items(menu: QMenu) -> list[tuple[str, str]]:
    return [("action", a.text()) for a in menu.actions() if a.text() and a.isVisible()]


def window_items(window: QWidget) -> list[tuple[str, str]]:
    """Labels with a buddy, buttons, group boxes and tabs a user can reach in ``window`` now
    (menus apart: they have their own)."""
    items: list[tuple[str, str]] = []
    for child in window.findChildren(QWidget):
        if not child.isVisibleTo(window) or isinstance(child, QMenu):
            continue
        if child.window() is not window:
            continue
        labelled = isinstance(child, QLabel) and child.buddy() is not None
        if labelled or isinstance(child, QAbstractButton) and child.isEnabled():
            items.append((type(child).__name__, child.text()))
        elif isinstance(child, QGroupBox):
            items.append(("QGroupBox", child.title()))
        elif isinstance(child, QTabWidget):
            items += [("tab", child.tabText(i)) for i in range(child.count())
                      if child.isTabVisible(i)]
    return items


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_menus_have_one_item_per_letter(in_language, language: str) -> None:  # noqa: F811
    win = in_language(language)
    bar = [("menu", a.text()) for a in win.menuBar().actions() if a.isVisible()]
    found = {"menu bar": clashes(bar)}
    for action in win.menuBar().actions():
        if action.menu() is not None:
            found[action.text()] = clashes(menu_items(action.menu()))
    assert {where: c for where, c in found.items() if c} == {}


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_the_main_window_has_one_field_or_button_per_letter(in_language, qtbot,  # noqa: F811
                                                            patient_with_history,
                                                            language: str) -> None:
    win = in_language(language)
    with qtbot.waitSignal(win.patient_view.patient_loaded, timeout=5000):
        win.open_patient(patient_with_history.id)
    items = window_items(win)
    assert len(items) > 5  # the patient's tabs and buttons are there to be checked
    assert clashes(items) == {}


def _dialogs(win, pid: int) -> list[QWidget]:  # type: ignore[no-untyped-def]
    from ptlog.services import patients as record_store
    from ptlog.store.readings import readings_for_patient
    from ptlog.ui.amend_dialog import AmendDialog
    from ptlog.ui.backups_dialog import BackupsDialog
    from ptlog.ui.check_dialog import CheckDialog
    from ptlog.ui.import_dialog import ImportDialog
    from ptlog.ui.patient_dialog import PatientDialog
    from ptlog.ui.report_notes_dialog import ReportNotesDialog
    from ptlog.ui.settings_dialog import SettingsDialog
    from ptlog.ui.treatment_dialog import TreatmentDialog

    record = record_store.load_patient_record(pid)
    return [SettingsDialog(win), PatientDialog(win), ImportDialog(win), TreatmentDialog(win, pid),
            BackupsDialog(win), CheckDialog(win), ReportNotesDialog(win, record.visits[0]),
            AmendDialog(win, readings_for_patient(pid)[0])]


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_each_dialog_has_one_field_or_button_per_letter(in_language, qtbot,  # noqa: F811
                                                        patient_with_history,
                                                        language: str) -> None:
    win = in_language(language)
    found = {}
    for dialog in _dialogs(win, patient_with_history.id or 0):
        qtbot.addWidget(dialog)
        found[type(dialog).__name__] = clashes(window_items(dialog))
    assert {name: c for name, c in found.items() if c} == {}
