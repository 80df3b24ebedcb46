"""On a clinic server where people sign in, the clinician shown is the signed-in person.

The server itself refuses another name (tests/cli/test_server_roles.py, on PostgreSQL); here the
window's side: the name is the signed-in one and cannot be changed by typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from ptlog.store import audit
from tests.ui.conftest import find


@pytest.fixture
def signed_in() -> Iterator[str]:
    audit.set_signed_in("ann_lee")
    yield "ann_lee"
    audit.set_signed_in(None)


def test_the_clinician_is_the_signed_in_person(qtbot, window, signed_in: str) -> None:
    from tests.ui.test_main_window import open_first

    open_first(qtbot, window)
    combo = find(window, "Clinician", QComboBox)
    assert combo.currentText() == signed_in
    assert not combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())] == [signed_in]
    combo.setFocus()
    qtbot.keyClicks(combo, "Someone Else")  # a disabled field takes no keys
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert combo.currentText() == signed_in
