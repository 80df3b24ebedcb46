"""Tools → Check database: the check runs off the GUI thread; findings or "No problems found"."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget

from ptlog.store import models as m
from ptlog.ui.check_dialog import NO_PROBLEMS, CheckDialog
from ptlog.ui.tasks import wait_for_background
from tests.insider import drop_guards
from tests.ui.conftest import find


def _run(qtbot) -> CheckDialog:
    dlg = CheckDialog(None, start=False)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.check_finished, timeout=10_000):
        dlg.start_check()
        assert find(dlg, "Check status", QLabel).text() == "Checking…"
    wait_for_background()
    return dlg


def test_sound_database(qtbot, patient_with_history) -> None:
    dlg = _run(qtbot)
    assert find(dlg, "Check status", QLabel).text() == NO_PROBLEMS
    assert find(dlg, "Findings", QListWidget).count() == 0


def test_tampered_value_is_listed(qtbot, patient_with_history) -> None:
    reading = m.Reading.select().order_by(m.Reading.id).first()
    drop_guards(m.database_proxy.obj)  # the insider removes the append-only triggers first
    m.database_proxy.obj.execute_sql(f'UPDATE "reading" SET "degrees" = 90 WHERE id = {reading.id}')
    dlg = _run(qtbot)
    findings = find(dlg, "Findings", QListWidget)
    assert findings.count() == 1
    assert findings.item(0).text().startswith(f"reading {reading.uuid} field degrees")
    assert "Problems found: 1." in find(dlg, "Check status", QLabel).text()
    # fixed behind the scenes again: check again says so
    m.database_proxy.obj.execute_sql(f'UPDATE "reading" SET "degrees" = 30 WHERE id = {reading.id}')
    with qtbot.waitSignal(dlg.check_finished, timeout=10_000) as signal:
        dlg.again_button.click()
    wait_for_background()
    assert signal.args[0] == []
    assert find(dlg, "Check status", QLabel).text() == NO_PROBLEMS


def test_waiting_audit_events_are_a_note_not_a_problem(qtbot, patient_with_history) -> None:
    """An export made while another program was writing: its event waits beside the
    database until the next open; Check says so and still calls the database sound."""
    import json

    from ptlog.store.audit_outbox import outbox_path

    waiting = outbox_path()
    assert waiting is not None
    waiting.write_text(json.dumps({
        "action": "export", "entity": "export", "entity_uuid": "0000-waiting", "after": {},
        "patient_uuid": "", "at": "2026-01-30T10:00:00", "os_user": "ann",
        "clinician": ""}) + "\n", encoding="utf-8")
    dlg = _run(qtbot)
    assert find(dlg, "Check status", QLabel).text() == NO_PROBLEMS
    items = find(dlg, "Findings", QListWidget)
    assert items.count() == 1
    assert items.item(0).text().startswith("note: 1 audit event(s) of exports")
