"""Sign in on the clinic server: user name and password, asked when the server wants one.

The password is held in memory for this session's connections only: never written to a ptlog
file, a setting or a log. A wrong one says so and asks again; Esc quits without opening.
"""

from __future__ import annotations

import getpass
import html

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ptlog.domain import colors
from ptlog.services import session
from ptlog.store.errors import SignInRefusedError, StoreError
from ptlog.ui import tasks
from ptlog.ui.screen_fit import FittedDialog


class SignInDialog(FittedDialog):
    """Who is signing in. ``signed_url`` is the URL to open once the server accepted them."""

    def __init__(self, url: str, *, wrong_password: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle(self.tr("Sign in — ptlog"))
        self.url = url
        self.signed_url: str | None = None
        self._busy = False
        intro = QLabel(self.tr("The clinic server {server} asks you to sign in.").format(
            server=session.describe(url)), self)
        intro.setWordWrap(True)
        self.user = QLineEdit(session.login_user(url) or _os_user(), self)
        self.user.setAccessibleName("User name")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.message = QLabel(self)
        self.message.setAccessibleName("Sign-in message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.user)
        form.addRow(self.tr("&Password"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        sign_in = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        sign_in.setText(self.tr("Sign in"))
        sign_in.setDefault(True)  # Enter in either field signs in
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if wrong_password:
            self._say(self._wrong())
        (self.password if self.user.text() else self.user).setFocus()

    def accept(self) -> None:
        """Ask the server (off the GUI thread: a far server may take seconds to answer)."""
        if self._busy:
            return
        user, password = self.user.text().strip(), self.password.text()
        if not user:
            self._say(self.tr("Type your user name."))
            self.user.setFocus()
            return
        if not password:
            self._say(self.tr("Type your password."))
            self.password.setFocus()
            return
        self._set_busy(True)
        self.message.setText(self.tr("Signing in…"))
        tasks.run_in_background(lambda: session.sign_in(self.url, user, password),
                                self._on_signed_in, self._on_refused)

    def reject(self) -> None:
        if not self._busy:
            self.password.clear()
            super().reject()

    def _on_signed_in(self, url: str) -> None:
        self._set_busy(False)
        self.password.clear()  # the URL carries it from here, in memory only
        self.signed_url = url
        super().accept()

    def _on_refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, SignInRefusedError):
            self._say(self._wrong())
        elif isinstance(exc, StoreError):
            self._say(str(exc))
        else:
            raise exc  # a bug: the application's hook shows and logs it
        self.password.clear()
        self.password.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.user, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _wrong(self) -> str:
        return self.tr("The server did not accept that user name and password. Check them "
                       "(Caps Lock?) and try again.")

    def _say(self, text: str) -> None:
        self.message.setText(f"<span style='color:{colors.ALERT}'>✗ {html.escape(text)}</span>")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
