"""The window paints before the trend plots' module (pyqtgraph) is imported, and the GUI thread
never imports it: it loads on a pool thread after the first paint, or while the first patient is
read. Each case runs in a fresh interpreter (this one imported pyqtgraph long ago) and reports
what it saw as a JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from ptlog.domain import records as d

CHILD = textwrap.dedent("""
    import json, os, sys, threading, time

    imported_on_main = []

    class Watch:
        '''A meta-path finder that only notes which thread imports pyqtgraph.'''
        def find_spec(self, name, path, target=None):
            if name == "pyqtgraph":
                imported_on_main.append(threading.current_thread() is threading.main_thread())
            return None

    sys.meta_path.insert(0, Watch())
    from PySide6.QtCore import QEvent, QObject
    from ptlog.app import create_main_window, start_application

    url, mode, patient_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = start_application("en")
    window = create_main_window(url)
    view = window.patient_view
    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "at_paint" not in seen:
                seen["at_paint"] = "pyqtgraph" in sys.modules
            return False

    watch = FirstPaint()
    app.installEventFilter(watch)

    def until(done, what):
        deadline = time.monotonic() + 60
        while not done():
            app.processEvents()
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for " + what)

    loaded, plots_loaded = [], []
    view.patient_loaded.connect(loaded.append)
    view.plots_loaded.connect(lambda: plots_loaded.append(view.plots_ready()))
    window.show()
    if mode == "open-at-once":  # before the first paint, before the plot module is there
        window.open_patient(patient_id)
        until(lambda: loaded, "the patient")
    until(lambda: "at_paint" in seen, "the first paint")
    app.removeEventFilter(watch)
    if mode == "idle":
        until(lambda: view._plot is not None, "the plot made ahead")
    plot = view.plot
    seen.update(imported_on_main=imported_on_main, plot_visible=plot.isVisible(),
                patient=view.patient_id(), plots_loaded=plots_loaded)
    print(json.dumps(seen), flush=True)
    os._exit(0)
""")


def run_child(url: str, mode: str, patient_id: int) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHILD, url, mode, str(patient_id)],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_window_paints_before_pyqtgraph_and_loads_it_off_the_gui_thread(
        ui_db: str, patient_with_history: d.Patient) -> None:
    assert patient_with_history.id is not None
    seen = run_child(ui_db, "idle", patient_with_history.id)
    assert seen["at_paint"] is False  # the first frame did not wait for the plot library
    assert seen["imported_on_main"] == [False]  # loaded afterwards, on a pool thread
    assert seen["plot_visible"] is False  # made ahead, hidden while no patient is open
    assert seen["plots_loaded"] == [True]  # said once, when plots_ready became true
    assert seen["patient"] is None


def test_a_patient_opened_before_the_plot_module_loads_is_shown_with_its_plot(
        ui_db: str, patient_with_history: d.Patient) -> None:
    assert patient_with_history.id is not None
    seen = run_child(ui_db, "open-at-once", patient_with_history.id)
    assert seen["imported_on_main"] == [False]  # the read's pool thread imported it
    assert seen["plot_visible"] is True
    assert seen["patient"] == patient_with_history.id
