"""Signing in on a clinic server that checks passwords (issue 17 item 5), and unlocking with one.

Runs against a cluster of its own with scram-sha-256 authentication (``password_server``): the
shared test server trusts 127.0.0.1 and would accept any password. The administrator sets the
person up with the real commands (``server init``, ``server add-user`` typing the password on
a terminal); the window's dialog gets its keys through QTest on the focused widget.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit

from ptlog.store.csv_format import READINGS_COLUMNS
from tests.pg_cluster import Cluster, run_in_terminal
from tests.ui.conftest import find

pytestmark = pytest.mark.postgres

PASSWORD = "Hip:IR/42 %@ok"  # URL-special characters and a space: quoted where it travels
DBNAME = "clinic_signin"


@dataclass(frozen=True)
class SignInClinic:
    cluster: Cluster
    user: str
    secrets_dir: Path

    @property
    def url(self) -> str:
        """What the workstation is set up with: the person's name, no password."""
        return self.cluster.url(self.user, dbname=DBNAME)


@pytest.fixture(scope="module")
def clinic(password_server: Cluster, tmp_path_factory: pytest.TempPathFactory
           ) -> SignInClinic:
    import psycopg

    tmp = tmp_path_factory.mktemp("signin")
    secrets_dir = tmp / "secrets"
    env = {**os.environ, "PTLOG_SECRETS_DIR": str(secrets_dir), "PTLOG_SECRET_STORE": "file",
           "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    env.pop("PGPASSWORD", None)
    with psycopg.connect(password_server.admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{DBNAME}"')
    admin_url = password_server.url("ptlog_dba", password_server.superuser_password, DBNAME)
    ptlog = [sys.executable, "-m", "ptlog", "--db", admin_url]
    code, out = run_in_terminal([*ptlog, "server", "init", "--role-prefix", "clinic_",
                                 "--secret-file", str(tmp / "secret.key")], [], env)
    assert code == 0, out
    code, out = run_in_terminal([*ptlog, "server", "add-user", "ann_lee", "--role",
                                 "clinician"], [PASSWORD, PASSWORD], env)
    assert code == 0, out
    assert PASSWORD not in out  # typed without echo
    readings = tmp / "readings.csv"
    readings.write_text(",".join(READINGS_COLUMNS) + "\nQT-1,Quist,Ada,1970-03-04,F,2026-01-05,,"
                        "hip,internal_rotation,L,active,seated,28,,\n", encoding="utf-8")
    ann = password_server.url("ann_lee", PASSWORD, DBNAME)
    code, out = run_in_terminal([sys.executable, "-m", "ptlog", "--db", ann, "import",
                                 str(readings)], [], env)
    assert code == 0, out
    return SignInClinic(password_server, "ann_lee", secrets_dir)


@pytest.fixture
def workstation(clinic: SignInClinic, monkeypatch: pytest.MonkeyPatch) -> SignInClinic:
    """This test process as a workstation of the clinic: its secret, no password anywhere."""
    monkeypatch.setenv("PTLOG_SECRETS_DIR", str(clinic.secrets_dir))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(clinic.secrets_dir / "no-pgpass"))
    return clinic


def _focused_line_edit(qtbot=None) -> QLineEdit:  # noqa: ANN001 - pytest-qt's bot
    if qtbot is not None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    widget = QApplication.focusWidget()
    assert isinstance(widget, QLineEdit), widget
    return widget


def _close(window: object) -> None:
    from ptlog.services.session import close

    window.close()  # type: ignore[attr-defined]
    close()


def test_the_server_wants_a_password_and_the_dialog_signs_in(
        qtbot, workstation: SignInClinic, caplog: pytest.LogCaptureFixture) -> None:
    from ptlog.app import create_main_window
    from ptlog.store.errors import SignInRefusedError
    from ptlog.ui.sign_in_dialog import SignInDialog

    caplog.set_level(logging.DEBUG)
    with pytest.raises(SignInRefusedError) as refused:
        create_main_window(workstation.url)
    assert not refused.value.password_given

    dialog = SignInDialog(workstation.url)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert find(dialog, "User name", QLineEdit).text() == "ann_lee"
    password = _focused_line_edit(qtbot)  # the name came with the URL: the cursor waits here
    assert password.accessibleName() == "Password"
    assert password.echoMode() == QLineEdit.EchoMode.Password

    qtbot.keyClicks(password, "wrong password")
    qtbot.keyClick(password, Qt.Key.Key_Return)
    message = find(dialog, "Sign-in message", QLabel)
    qtbot.waitUntil(lambda: "did not accept" in message.text(), timeout=10_000)
    assert dialog.isVisible()
    assert dialog.signed_url is None
    assert password.text() == ""
    qtbot.waitUntil(password.hasFocus, timeout=2000)  # ready for the next try

    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClicks(_focused_line_edit(), PASSWORD)
        qtbot.keyClick(_focused_line_edit(), Qt.Key.Key_Return)
    assert dialog.signed_url is not None

    window = create_main_window(dialog.signed_url)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        from ptlog.services.settings import signed_in_clinician
        from tests.ui.test_main_window import open_first

        assert signed_in_clinician() == "ann_lee"  # the database's session_user
        open_first(qtbot, window)
        combo = find(window, "Clinician", QComboBox)
        assert combo.currentText() == "ann_lee"
        assert not combo.isEnabled()
    finally:
        _close(window)
    _assert_password_nowhere(caplog)


def _assert_password_nowhere(caplog: pytest.LogCaptureFixture) -> None:
    """Not in any file ptlog keeps (data folder, settings, witnesses) nor in any log line."""
    secret = PASSWORD.encode("utf-8")
    quoted = quote(PASSWORD, safe="").encode()
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        for path in Path(os.environ[variable]).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert secret not in data, path
                assert quoted not in data, path
    for record in caplog.records:
        text = record.getMessage()
        assert PASSWORD not in text
        assert quote(PASSWORD, safe="") not in text


def _when_asked(qtbot, action: Callable[[QLineEdit], None]) -> list[str]:  # noqa: ANN001
    """Run ``action`` on the focused field once the modal sign-in dialog is up and has the
    focus (it opens inside ``exec``); gives up, closing it, after 5 s, and says so."""
    from ptlog.ui.sign_in_dialog import SignInDialog

    problems: list[str] = []
    tries = [0]

    def attempt() -> None:
        dialog, focus = QApplication.activeModalWidget(), QApplication.focusWidget()
        if isinstance(dialog, SignInDialog) and isinstance(focus, QLineEdit) \
                and focus.window() is dialog:
            action(focus)
        elif tries[0] < 250:
            tries[0] += 1
            QTimer.singleShot(20, attempt)
        else:
            problems.append("the sign-in dialog never took the focus")
            if isinstance(dialog, SignInDialog):
                dialog.reject()

    QTimer.singleShot(0, attempt)
    return problems


def test_sign_in_at_start_asks_until_right_and_esc_quits(
        qtbot, workstation: SignInClinic) -> None:
    """``open_signed_in`` (what ``ptlog`` runs): the dialog comes up by itself; Esc quits."""
    from ptlog.app import open_signed_in

    problems = _when_asked(qtbot, lambda field: qtbot.keyClick(field, Qt.Key.Key_Escape))
    assert open_signed_in(workstation.url) is None
    assert not problems

    def type_password(field: QLineEdit) -> None:
        assert field.accessibleName() == "Password"
        qtbot.keyClicks(field, PASSWORD)
        qtbot.keyClick(field, Qt.Key.Key_Enter)  # the keypad's Enter confirms too

    problems = _when_asked(qtbot, type_password)
    window = open_signed_in(workstation.url)
    assert not problems
    assert window is not None
    qtbot.addWidget(window)
    _close(window)


def test_the_screen_lock_asks_for_the_servers_password(qtbot, workstation: SignInClinic
                                                       ) -> None:
    from ptlog.app import create_main_window
    from ptlog.services.session import sign_in

    window = create_main_window(sign_in(workstation.url, "ann_lee", PASSWORD))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        lock = window.screen_lock
        with qtbot.waitSignal(lock.locked, timeout=3000):
            lock.lock()
        assert "password of ann_lee" in lock.cover.hint.text()
        secret = find(window, "Unlock", QLineEdit)
        qtbot.waitUntil(secret.hasFocus, timeout=3000)
        qtbot.keyClicks(secret, "not the password")
        qtbot.keyClick(secret, Qt.Key.Key_Return)
        message = find(window, "Lock message", QLabel)
        qtbot.waitUntil(lambda: "not it" in message.text(), timeout=10_000)
        assert lock.is_locked
        qtbot.waitUntil(secret.hasFocus, timeout=3000)
        with qtbot.waitSignal(lock.unlocked, timeout=10_000):
            qtbot.keyClicks(secret, PASSWORD)
            qtbot.keyClick(secret, Qt.Key.Key_Return)
        assert not lock.is_locked
    finally:
        _close(window)
