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


def test_a_slow_search_leaves_the_window_answering_and_the_newest_search_wins(
        qtbot, ui_db, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a clinic server a short prefix can take seconds: the search runs off the GUI thread,
    the list keeps its rows meanwhile, an older answer arriving late is dropped, and Return
    typed before the answer opens what the newest search finds."""
    import threading

    from PySide6.QtCore import QTimer

    from ptlog.services import patients as patient_service

    _people(12)
    panel = PatientListPanel()
    qtbot.addWidget(panel)
    panel.show()
    before = panel.model.total()
    gates = {"Family1": threading.Event(), "Family2": threading.Event()}
    real = patient_service.search_patients

    def held(text: str, **kwargs: object) -> list[d.Patient]:
        gate = gates.get(text)
        if gate is not None:
            gate.wait(20)
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(patient_service, "search_patients", held)
    opened: list[int] = []
    panel.patient_activated.connect(opened.append)
    field = find(panel, "Patient search", QLineEdit)
    field.setFocus()
    qtbot.keyClicks(field, "Family1")
    qtbot.waitUntil(lambda: not panel._debounce.isActive(), timeout=3000)
    assert panel.searching()  # held on its worker thread
    tick = QTimer()
    tick.setSingleShot(True)
    with qtbot.waitSignal(tick.timeout, timeout=2000):  # the event loop runs meanwhile
        tick.start(0)
    assert panel.model.total() == before  # the old rows stay until the answer
    field.clear()
    qtbot.keyClicks(field, "Family2")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # before the list answered
    assert opened == []
    gates["Family1"].set()  # the older answer arrives first: dropped
    with qtbot.waitSignal(panel.search_finished, timeout=10_000) as finished:
        gates["Family2"].set()
    expected = [p for p in real("Family2", include_archived=False, limit=50, offset=0)]
    assert finished.args == [len(expected)]
    assert {panel.model.patient_at(r).family_name for r in range(panel.model.rowCount())} \
        == {"Family2"}
    qtbot.waitUntil(lambda: opened != [], timeout=3000)
    assert opened == [panel.model.patient_at(0).id]
