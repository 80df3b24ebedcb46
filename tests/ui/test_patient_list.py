"""Patient list: search as you type, lazy model, archived hidden, Enter opens."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QTableView

from ptlog.domain import records as d
from ptlog.store import patients
from ptlog.ui.patient_list import PatientListPanel, PatientTableModel
from tests.ui.conftest import find


def _people(count: int) -> None:
    for i in range(count):
        patients.add_patient(d.Patient(f"C{i:04d}", f"Family{i % 7}", f"Given{i}",
                                       dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28),
                                       d.Sex.FEMALE))


def _search(qtbot, panel: PatientListPanel, text: str) -> int:
    field = find(panel, "Patient search", QLineEdit)
    field.clear()
    with qtbot.waitSignal(panel.search_finished, timeout=3000) as blocker:
        qtbot.keyClicks(field, text)
    return int(blocker.args[0])


def test_search_narrows_as_you_type(qtbot, ui_db) -> None:
    _people(40)
    patients.add_patient(d.Patient("Z-1", "Ørsted-Núñez", "Zoë", dt.date(1984, 3, 9), d.Sex.FEMALE))
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.total() == 41
    assert _search(qtbot, panel, "family3") == 6
    assert _search(qtbot, panel, "orsted") == 1  # accents folded
    assert _search(qtbot, panel, "1984-03") == 1  # birth-date prefix
    assert _search(qtbot, panel, "C001") == 10
    assert _search(qtbot, panel, "nobody-like-this") == 0
    assert "0 patients" in panel.count_label.text()


def test_archived_patients_are_hidden_by_default(qtbot, ui_db) -> None:
    kept = patients.add_patient(d.Patient("A-1", "Kept", "K", dt.date(1970, 1, 1), d.Sex.MALE))
    gone = patients.add_patient(d.Patient("A-2", "Gone", "G", dt.date(1970, 1, 1), d.Sex.MALE))
    patients.set_archived(gone, True)
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.reload()
    assert panel.model.total() == 1
    assert panel.model.patient_at(0).id == kept.id
    with qtbot.waitSignal(panel.search_finished, timeout=3000):
        panel.archived.setChecked(True)
    assert panel.model.total() == 2


def test_enter_in_search_opens_the_first_match(qtbot, ui_db) -> None:
    _people(3)
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.reload()
    field = find(panel, "Patient search", QLineEdit)
    qtbot.keyClicks(field, "C0002")
    with qtbot.waitSignal(panel.patient_activated, timeout=3000) as blocker:
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert blocker.args[0] == patients.get_by_chart("C0002").id


@pytest.mark.slow
def test_lazy_model_fetches_in_pages_and_sorts_in_the_database(qtbot, qtmodeltester, ui_db) -> None:
    _people(260)
    model = PatientTableModel()
    model.set_query("")
    assert model.total() == 260
    assert model.rowCount() < 260  # rows come in pages as the view scrolls
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 260
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "C0259"


def test_view_has_accessible_name(qtbot, ui_db) -> None:
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    assert find(panel, "Patients", QTableView) is panel.view


@pytest.mark.slow
def test_huge_match_is_counted_only_up_to_a_bound(qtbot, qtmodeltester, ui_db,
                                                 monkeypatch) -> None:
    """Past the bound the list says "more than N" and still pages through every match."""
    from ptlog.store import patients as store

    monkeypatch.setattr(store, "_MANY", 100)
    store._probe_cache.clear()
    _people(260)
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.reload()
    assert _search(qtbot, panel, "family") == 101
    assert not panel.model.is_exact()
    assert panel.count_label.text().startswith("more than 100 patients")
    model = panel.model
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 260
    assert model.is_exact()
    assert model.total() == 260
    qtmodeltester.check(model)
    assert _search(qtbot, panel, "family3") == 37  # 260 people, every 7th: an exact count
    assert panel.model.is_exact()
    store._probe_cache.clear()


def _type_any(qtbot, panel: PatientListPanel, text: str) -> int:
    """Key events for every character, accented ones too (as a keyboard layout sends them:
    QTest.keyClicks only knows Latin-1 key codes)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    field = find(panel, "Patient search", QLineEdit)
    field.clear()
    with qtbot.waitSignal(panel.search_finished, timeout=3000) as blocker:
        for ch in text:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                        Qt.KeyboardModifier.NoModifier, ch))
    return int(blocker.args[0])


def test_search_finds_what_people_type(qtbot, ui_db) -> None:
    """Typed key by key: a later part of a hyphenated name, the list's own "family, given"
    form typed back, a chart's digits."""
    _people(12)
    patients.add_patient(d.Patient("DEMO-010001", "Ørsted-Núñez", "Ingrid", dt.date(2014, 5, 7),
                                   d.Sex.FEMALE))
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.reload()
    for typed in ("nunez", "Núñez", "Ørsted-Núñez, Ingrid", "010001", "10001"):
        assert _type_any(qtbot, panel, typed) == 1, typed
        assert panel.model.patient_at(0).chart == "DEMO-010001"
    shown = panel.model.patient_at(0).display_name  # what the list shows, typed back
    assert _type_any(qtbot, panel, shown) == 1
    assert _search(qtbot, panel, "11") == 1  # C0011: its digits without the zeros
