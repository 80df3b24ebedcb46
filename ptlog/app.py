"""Start the window: ``create_main_window`` (used by ``ptlog`` and the tests) and ``run_gui``."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING

from ptlog.gc_pause import no_cyclic_gc

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMainWindow

#: What the window needs that does not import Qt, imported before Qt (``import_before_qt``).
QT_FREE_MODULES = ("numpy", "ptlog.services.session", "ptlog.services.visits",
                   "ptlog.services.patients", "ptlog.services.documents",
                   "ptlog.services.change_feed", "ptlog.services.settings",
                   "ptlog.services.changes", "ptlog.services.demo")


def import_before_qt() -> None:
    """Import ``QT_FREE_MODULES`` while PySide6 is not yet imported.

    Once imported, PySide6 reads the whole source of every module imported after it (to know
    which modules its ``__feature__`` switches apply to): about 100 ms of a start, most of it
    for numpy and ptlog's own layers, which need no such look. Imported first, they are not
    read; nothing else changes."""
    # numpy's OpenBLAS starts a thread per core that spins while idle (10 % of a start's CPU
    # here); ptlog's arrays are a plot's points, never a matrix worth a second thread
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with no_cyclic_gc():
        for name in QT_FREE_MODULES:
            importlib.import_module(name)


def collect_from_now() -> None:
    """Once the window is up: what the start made is set aside for good (``gc.freeze``: later
    collections, and their pauses, no longer walk it) and collection starts, on the GUI
    thread between events (``ui.idle_gc``)."""
    from PySide6.QtCore import QCoreApplication

    from ptlog.ui.idle_gc import collect_on_gui_thread

    gc.freeze()
    gc.enable()  # as before the start: ``IdleCollector.stop`` gives it back
    app = QCoreApplication.instance()
    if app is not None:
        collect_on_gui_thread(app)


import_before_qt()

ORGANIZATION = "ptlog"
APPLICATION = "ptlog"


def create_main_window(db_url: str | None, *, verify: bool = True) -> QMainWindow:
    """Open the database at ``db_url`` and build the main window (a QApplication must exist).

    ``verify=False``: the caller checks the file's integrity and tidies after the open later
    (``verify_in_background``).
    """
    from PySide6.QtWidgets import QApplication

    from ptlog.services.session import open_database, resolve_url
    from ptlog.ui import screen_fit
    from ptlog.ui.main_window import MainWindow

    url = resolve_url(db_url or default_workstation_url())
    open_database(url, verify=verify, tidy=verify)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        screen_fit.install(app)  # every window and dialog opens within the screen
    return MainWindow(url)


def open_signed_in(db_url: str | None) -> QMainWindow | None:
    """``create_main_window``, asking the person to sign in when the clinic server wants a
    password it was not given (or refused the one given); None when they chose Quit.

    The password stays in this process's memory: never in a file, a setting or a log."""
    from ptlog.services.session import resolve_url
    from ptlog.store.errors import SignInRefusedError
    from ptlog.ui.sign_in_dialog import SignInDialog

    url = resolve_url(db_url or default_workstation_url())
    while True:
        try:
            return create_main_window(url, verify=False)
        except SignInRefusedError as exc:
            dialog = SignInDialog(url, wrong_password=exc.password_given)
            try:
                dialog.exec()
                if not dialog.signed_url:  # Quit or Esc
                    return None
                url = dialog.signed_url
            finally:
                dialog.deleteLater()


def confirm_new_database(db_url: str | None) -> bool:
    """Ask before the window creates a SQLite database where there is none (a mistyped path
    must not quietly become an empty database); True when one exists or the user agrees."""
    from PySide6.QtWidgets import QMessageBox

    from ptlog.services.session import missing_sqlite_file

    missing = missing_sqlite_file(db_url or default_workstation_url())
    if missing is None:
        return True
    if os.environ.get("PTLOG_SMOKE_TEST") == "1":  # the packaging smoke test: nobody to ask
        return True
    box = QMessageBox(QMessageBox.Icon.Question, "ptlog",
                      f"There is no ptlog database at {missing}.\n\nCreate a new, empty "
                      "database there?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setObjectName("create_database_question")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    print(f"ptlog: created a new database at {missing}", file=sys.stderr)
    return True


def verify_in_background(window: QMainWindow) -> None:
    """SQLite's page check and the tidying after an open (``finish_opening``) off the GUI
    thread once the window is up; damage is shown at once."""
    from ptlog.services.session import finish_opening
    from ptlog.ui import tasks
    from ptlog.ui.messages import show_error

    tasks.run_in_background(finish_opening, lambda _none: None,
                            lambda exc: show_error(window, exc, "checking the database"))


def default_workstation_url() -> str | None:
    """The clinic server chosen in Settings for this workstation (no password is stored)."""
    if os.environ.get("PTLOG_DB"):
        return None
    from PySide6.QtCore import QSettings

    value = QSettings(ORGANIZATION, APPLICATION).value("database/url", "")
    return str(value) if value else None


def application_icon() -> QIcon:
    """The window icon, one PNG per size. Each is read when a size is first drawn: given no
    size, Qt decodes every file when it is added (the 512-pixel one too) before the first
    paint. The SVG is left to the desktop entry: Qt's SVG icon engine loads QtSvg for it."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from ptlog.domain.resources import resource_path

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = resource_path("icons", "hicolor", f"{size}x{size}", "apps", "ptlog.png")
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon


def start_application(language: str | None = None) -> QApplication:
    """The application as the window runs in it: collection paused until the window is up
    (then ``collect_from_now``), ptlog's names (its settings file), icon and language (else
    this workstation's Settings choice, else the system's), errors shown as a message. Also
    what the benchmark's scripted session starts from, so that it measures this set-up."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    if gc.isenabled():  # until the window is up (``collect_from_now``)
        gc.disable()
        QTimer.singleShot(0, collect_from_now)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("ptlog")
    app.setDesktopFileName("io.github.ptlog.ptlog")
    app.setWindowIcon(application_icon())
    from ptlog.ui import translations

    translations.install(translations.window_language(language))
    from ptlog.ui.messages import install_excepthook

    install_excepthook()
    return app


def run_gui(db_url: str | None = None, language: str | None = None) -> int:
    """Create the application, show the window, run the event loop; ``language`` (else this
    workstation's Settings choice, else the system's) is the window's language."""
    from PySide6.QtCore import QTimer

    app = start_application(language)
    from ptlog.store.errors import StoreError
    from ptlog.ui.messages import show_error

    try:
        if not confirm_new_database(db_url):
            return 0
        window = open_signed_in(db_url)
    except StoreError as exc:
        show_error(None, exc)
        return 2
    if window is None:  # the person chose Quit at the sign-in
        return 0
    window.show()
    verify_in_background(window)
    if os.environ.get("PTLOG_SMOKE_TEST") == "1":
        # packaging smoke test: prove the window opens, then leave
        QTimer.singleShot(500, window.close)
    return int(app.exec())
