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
    assert "1 problem(s)" in find(dlg, "Check status", QLabel).text()
    # fixed behind the scenes again: check again says so
    m.database_proxy.obj.execute_sql(f'UPDATE "reading" SET "degrees" = 30 WHERE id = {reading.id}')
    with qtbot.waitSignal(dlg.check_finished, timeout=10_000) as signal:
        dlg.again_button.click()
    wait_for_background()
    assert signal.args[0] == []
    assert find(dlg, "Check status", QLabel).text() == NO_PROBLEMS
