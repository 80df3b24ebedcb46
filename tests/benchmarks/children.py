"""The measured processes of run.py; each prints one JSON line (start-up: one 'shown' line).

Kept to stdlib imports at module level so a start-up child pays only for what it measures.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any


def _emit(result: dict[str, Any]) -> None:
    print(json.dumps(result), flush=True)


def _url(db: str) -> str:
    """A database URL as given (PostgreSQL), or a SQLite file's path made into one."""
    return db if "://" in db else f"sqlite:///{db}"


def _paint_watch(widget: Any) -> Any:
    """Count paint events of ``widget``: the watch returned, called, gives the count so far
    (``widget.removeEventFilter(watch)`` ends it)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        count = 0

        def eventFilter(self, _obj: Any, event: Any) -> bool:  # noqa: N802 - Qt API
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

        def __call__(self) -> int:
            return self.count

    watch = Watch(widget)
    widget.installEventFilter(watch)
    return watch


def _until_first_paint(app: Any) -> None:
    """processEvents until some widget painted. The watch is on the whole application only
    meanwhile: left on, every event of every widget would pass through Python (a filter the
    app itself never has), which costs the measured window more than a bare one and makes
    each event wait for the GIL while a worker runs Python."""
    watch = _paint_watch(app)
    try:
        _until_painted(app, watch, 0)
    finally:
        app.removeEventFilter(watch)


def _until_painted(app: Any, painted: Callable[[], int], before: int, limit: float = 10.0) -> None:
    """processEvents until one more paint happened (and was processed)."""
    deadline = time.perf_counter() + limit
    while painted() <= before:
        app.processEvents()
        if time.perf_counter() > deadline:
            raise RuntimeError("no paint event within the time limit")


def _open_until_painted(app: Any, window: Any, painted: Callable[[], int], patient_id: int,
                        limit: float = 30.0) -> None:
    """``window.open_patient`` (read off the GUI thread), then processEvents until the patient
    is loaded (``patient_loaded``) and ``painted`` counted a paint after its plots were drawn
    (``patient_changed``). The small multiples are drawn one per event-loop pass and
    ``patient_loaded`` comes after the last, so the plot has usually painted by then: a paint
    *after* ``patient_loaded`` may never come."""
    view = window.patient_view
    drawn: list[int] = []
    loaded: list[int] = []

    def on_changed(changed_id: int) -> None:
        if changed_id == patient_id and not drawn:
            drawn.append(painted())

    def on_loaded(loaded_id: int) -> None:
        loaded.append(loaded_id)

    view.patient_changed.connect(on_changed)
    view.patient_loaded.connect(on_loaded)
    try:
        window.open_patient(patient_id)
        deadline = time.perf_counter() + limit
        while patient_id not in loaded or not drawn or painted() <= drawn[0]:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise RuntimeError("the patient was not shown within the time limit")
    finally:
        view.patient_changed.disconnect(on_changed)
        view.patient_loaded.disconnect(on_loaded)


def _report_shown_on_first_paint(window: Any, then: Any = None) -> None:
    """Print 'shown' once any widget of the window has painted (a QMainWindow itself may not),
    or, given the signal ``then``, once it is emitted after that paint. The watch on the
    application and the polling timer end with the first paint: the wait for ``then`` is the
    event loop's own, as the window's is (a poll in Python would contend with its workers)."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance()
    painted = _paint_watch(app)
    deadline = time.perf_counter() + 60
    signalled: list[bool] = []

    def shown() -> None:
        print("shown", flush=True)
        os._exit(0)  # skip the close-time work (state, backups): not part of start-up

    def never() -> None:
        print("never painted or ready", flush=True)
        os._exit(1)

    if then is not None:
        then.connect(lambda *_args: signalled.append(True))

    def check() -> None:
        if painted():
            timer.stop()
            app.removeEventFilter(painted)
            if then is None or signalled:
                shown()
            else:
                then.connect(lambda *_args: shown())
                QTimer.singleShot(60_000, window, never)
            return
        if time.perf_counter() > deadline:
            never()

    timer = QTimer(window)
    timer.setInterval(0)
    timer.timeout.connect(check)
    timer.start()


# --- start-up ------------------------------------------------------------------------

def startup_app(db: str, plot_ready: bool = False) -> None:
    """``ptlog-gui`` as installed: ptlog.cli.gui_main → run_gui; 'shown' after the first paint
    (``plot_ready``: and once the trend plots' module, loaded after it, is there)."""
    url = f"sqlite:///{db}"
    import ptlog.app as app_module  # what gui_main imports first
    from ptlog.cli import gui_main

    create = app_module.create_main_window

    def create_and_watch(db_url: str | None, **options: Any) -> Any:
        window = create(db_url, **options)
        _report_shown_on_first_paint(
            window, window.patient_view.plots_loaded if plot_ready else None)
        return window

    app_module.create_main_window = create_and_watch
    sys.exit(gui_main(url))


def startup_app_plot_ready(db: str) -> None:
    startup_app(db, plot_ready=True)


def startup_bare(_db: str) -> None:
    """The floor: a bare PySide6 + pyqtgraph window with one plot."""
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
    window.resize(1280, 800)
    _report_shown_on_first_paint(window)
    window.show()
    sys.exit(app.exec())


# --- search ----------------------------------------------------------------------------

#: issue 15's word search too: a chart's digits without its letter and leading zeros
#: ("1234" finds C0001234 through patient_word), and the list's own "family, given" form
TYPED = ("n", "nu", "nun", "nu", "n", "", "k", "ka", "kar", "karo", "", "c", "c0", "c00",
         "c000", "c0001", "c00012", "", "1975", "1975-0", "1975-06", "", "s", "st", "ste",
         "", "1", "12", "123", "1234", "12345", "", "0", "00", "0001", "00012", "",
         "karo,", "karo, a", "")


def _page_sql(text: str) -> tuple[str, tuple[Any, ...]]:
    """The SQL of the list's first page for ``text`` (the statement ptlog runs, sort by name)."""
    from ptlog.store import patients

    scan = patients._matches_many(text, False)
    query = patients._search_query(text, False, scan)
    query = query.order_by(*(c.asc() for c in patients.SORT_KEYS["name"])).limit(200)
    sql, params = query.sql()
    return sql, tuple(params)


def search(db: str, reps: str) -> None:
    """Each keystroke through the list's model against its floor: the same page's SQL run
    with raw sqlite3 (no count, no objects, no model reset), checked to give the same rows."""
    import sqlite3

    from PySide6.QtCore import QCoreApplication

    from ptlog.store.database import open_database
    from ptlog.ui.patient_list import PatientTableModel

    _app = QCoreApplication(sys.argv[:1])
    open_database(_url(db))
    model = PatientTableModel()
    model.set_query("")
    if db.startswith("postgresql:"):
        import psycopg

        raw: Any = psycopg.connect(db)
    else:
        raw = sqlite3.connect(db)
    statements = {t: _page_sql(t) for t in TYPED}
    times: dict[str, list[float]] = {t: [] for t in TYPED}
    floors: dict[str, list[float]] = {t: [] for t in TYPED}
    for _ in range(int(reps)):
        for text in TYPED:
            start = time.perf_counter()
            model.set_query(text)
            times[text].append(time.perf_counter() - start)
            sql, params = statements[text]
            start = time.perf_counter()
            rows = raw.execute(sql, params).fetchall()
            floors[text].append(time.perf_counter() - start)
            shown = [model.patient_at(i).id for i in range(min(200, model.rowCount()))]
            if [r[0] for r in rows] != shown:
                raise RuntimeError(f"the floor's rows for {text!r} differ from the list's")
    medians = {t: statistics.median(v) for t, v in times.items()}
    worst = max(medians, key=lambda t: medians[t])
    _emit({"worst_keystroke": medians[worst], "worst_text": worst,
           "floor": statistics.median(floors[worst]),
           "median_keystroke": statistics.median(medians.values()),
           "per_keystroke_ms": {t: round(v * 1000, 2) for t, v in medians.items()},
           "floor_ms": {t: round(statistics.median(v) * 1000, 2) for t, v in floors.items()}})


# --- open a patient, save a reading ---------------------------------------------------

def patient(db: str, reps: str) -> None:
    from datasets import CHART_200V, CHART_5000
    from PySide6.QtWidgets import QApplication

    from ptlog.app import create_main_window
    from ptlog.domain.records import MotionKey, Side
    from ptlog.store.patients import get_by_chart

    app = QApplication(sys.argv[:1])
    window = create_main_window(_url(db))
    window.resize(1440, 900)
    window.show()
    view = window.patient_view  # type: ignore[attr-defined]
    painted = _paint_watch(view.plot.viewport())
    _until_first_paint(app)
    many = get_by_chart(CHART_5000).id
    other = get_by_chart(CHART_200V).id
    opens: list[float] = []
    for _ in range(int(reps)):
        _open_until_painted(app, window, painted, other)
        start = time.perf_counter()
        _open_until_painted(app, window, painted, many)
        opens.append(time.perf_counter() - start)
    ir = MotionKey("hip", "internal_rotation")
    saves: list[float] = []
    for i in range(int(reps)):
        view.entry.field(ir, Side.LEFT).setText(str(30 + i))
        _until_painted(app, painted, painted())  # the typed value is drawn live first
        app.processEvents()
        before = painted()
        start = time.perf_counter()
        if not view.save_readings():
            raise RuntimeError("the reading was not saved")
        _until_painted(app, painted, before)
        saves.append(time.perf_counter() - start)
        x, y = view.plot.curve_data(Side.LEFT, *_seated_active())
        if float(30 + i) not in y:
            raise RuntimeError("the saved reading is not on the plot")
    _emit({"open": statistics.median(opens), "save": statistics.median(saves),
           "opens": opens, "saves": saves})
    os._exit(0)


READINGS_SQL = (
    "SELECT r.*, v.visit_at FROM reading r JOIN visit v ON v.id = r.visit_id "
    "WHERE v.patient_id = ? AND r.is_void = 0 ORDER BY v.visit_at, r.id")


def _bare_series(rows: list[Any]) -> dict[tuple[str, ...], tuple[list[float], list[float]]]:
    """Rows of READINGS_SQL as x (epoch seconds) / y (degrees) per series, as a bare program
    would group them: the floor pays for converting the dates too."""
    import datetime as dt

    series: dict[tuple[str, ...], tuple[list[float], list[float]]] = {}
    for row in rows:
        xs, ys = series.setdefault((row[3], row[4], row[5], row[6], row[7]), ([], []))
        xs.append(dt.datetime.fromisoformat(str(row[-1])).timestamp())
        ys.append(float(row[8]))
    return series


def patient_floor(db: str, reps: str) -> None:
    """The floors of opening a patient and of a save: raw SQL (sqlite3) and a bare pyqtgraph
    PlotWidget in a window of the same size.

    Open: the SELECT of the patient's readings plus painting the same points (one curve with
    markers per series) until the plot has painted. Save: one ``synchronous=FULL`` transaction
    inserting a visit and a reading, then ``setData`` of the grown curve in a plot of the saved
    motion's series (what the app's trend plot shows) until repainted."""
    import sqlite3
    import uuid

    import pyqtgraph as pg
    from datasets import CHART_200V, CHART_5000
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ptlog.store.database import SQLITE_PRAGMAS

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pg.PlotWidget()
    window.setCentralWidget(plot)
    window.resize(1440, 900)
    window.show()
    _until_first_paint(app)
    painted = _paint_watch(plot.viewport())
    conn = sqlite3.connect(db, isolation_level=None)
    for name, value in SQLITE_PRAGMAS:
        conn.execute(f"PRAGMA {name} = {value}")
    many, other = (conn.execute("SELECT id FROM patient WHERE chart = ?", (chart,)).fetchone()[0]
                   for chart in (CHART_5000, CHART_200V))

    def draw(patient_id: int) -> Any:
        rows = conn.execute(READINGS_SQL, (patient_id,)).fetchall()
        plot.clear()
        curves = {}
        for key, (xs, ys) in _bare_series(rows).items():
            curves[key] = plot.plot(xs, ys, pen=pg.mkPen("b", width=1), symbol="o",
                                    symbolSize=5)
        return rows, curves

    opens: list[float] = []
    for _ in range(int(reps)):
        draw(other)
        _until_painted(app, painted, painted())
        before = painted()
        start = time.perf_counter()
        rows, curves = draw(many)
        _until_painted(app, painted, before)
        opens.append(time.perf_counter() - start)
    visit = conn.execute("SELECT * FROM visit WHERE patient_id = ? ORDER BY visit_at DESC",
                         (many,)).fetchone()
    reading = [r for r in rows if r[4] == "internal_rotation" and r[5] == "L"][-1]
    key = tuple(reading[3:8])
    # the save's plot shows the saved motion's series, as the app's trend plot does
    plot.clear()
    for other_key, (sx, sy) in _bare_series(rows).items():
        if other_key[1] == "internal_rotation":
            curves[other_key] = plot.plot(sx, sy, pen=pg.mkPen("b", width=1), symbol="o",
                                          symbolSize=5)
    _until_painted(app, painted, painted())
    xs, ys = (list(v) for v in curves[key].getData())
    saves: list[float] = []
    for i in range(int(reps)):
        app.processEvents()
        before = painted()
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        visit_id = conn.execute(
            "INSERT INTO visit (uuid, patient_id, visit_at, clinician_id, kind, pain, notes, "
            "version, created_at, created_by, updated_at, updated_by) "
            "VALUES (?, ?, datetime(?, ?), ?, ?, NULL, '', 1, ?, ?, ?, ?)",
            (str(uuid.uuid4()), many, visit[3], f"+{i + 1} days", visit[4], visit[5],
             visit[9], visit[10], visit[11], visit[12])).lastrowid
        conn.execute(
            "INSERT INTO reading (uuid, visit_id, joint, motion, side, mode, position, degrees, "
            "instrument, note, created_at, created_by, supersedes_id, reason, is_void) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, NULL, '', 0)",
            (str(uuid.uuid4()), visit_id, *reading[3:8], 30.0 + i, reading[9], reading[11],
             reading[12]))
        conn.execute("COMMIT")
        xs.append(xs[-1] + 86400.0)
        ys.append(30.0 + i)
        curves[key].setData(xs, ys)
        _until_painted(app, painted, before)
        saves.append(time.perf_counter() - start)
    _emit({"open": statistics.median(opens), "save": statistics.median(saves),
           "opens": opens, "saves": saves, "points": len(rows)})
    os._exit(0)


def _seated_active() -> tuple[Any, Any]:
    from ptlog.domain.records import Mode, Position

    return Position.SEATED, Mode.ACTIVE


# --- reports ---------------------------------------------------------------------------

def _page_count(pdf: bytes) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _bare_document(pages: int, paper: str) -> bytes:
    """The floor: a bare platypus document of ``pages`` full pages, each a heading and a
    table of paragraph cells (the flowables a report's tables are made of), no drawings."""
    import io

    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    styles = getSampleStyleSheet()
    cell = styles["BodyText"]
    story: list[Any] = []
    for page in range(pages):
        story.append(Paragraph(f"Page {page + 1}", styles["Heading2"]))
        story.append(Table([[Paragraph(f"row {r} cell {c}", cell) for c in range(5)]
                            for r in range(24)]))
        story.append(PageBreak())
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4 if paper.lower() == "a4" else letter).build(story[:-1])
    return out.getvalue()


def reports(db: str, reps: str) -> None:
    from datasets import CHART_200V

    from ptlog.reports.handout import build_handout
    from ptlog.reports.progress_report import build_progress_report
    from ptlog.store import clinic
    from ptlog.store.database import open_database
    from ptlog.store.patient_records import load_patient_record
    from ptlog.store.patients import get_by_chart

    open_database(_url(db))
    record = load_patient_record(get_by_chart(CHART_200V).id or 0)
    settings = clinic.clinic_settings()
    visits = len(record.visits)
    results: dict[str, Any] = {"visits": visits}
    for name, build in (("report", lambda: build_progress_report(record, settings)),
                        ("handout", lambda: build_handout(record, settings))):
        times, pdf = [], b""
        for _ in range(int(reps)):
            start = time.perf_counter()
            pdf = build()
            times.append(time.perf_counter() - start)
        pages = _page_count(pdf)
        floor_times = []
        for _ in range(int(reps)):
            start = time.perf_counter()
            bare = _bare_document(pages, settings.paper_size)
            floor_times.append(time.perf_counter() - start)
        if _page_count(bare) != pages:
            raise RuntimeError(f"floor document has {_page_count(bare)} pages, not {pages}")
        results.update({name: statistics.median(times), f"{name}_floor":
                        statistics.median(floor_times), f"{name}_pages": pages,
                        f"{name}_times": times})
    _emit(results)


# --- CSV import ------------------------------------------------------------------------

def import_(source: str, db: str) -> None:
    from ptlog.store.csv_import import import_csv
    from ptlog.store.database import open_database
    from ptlog.store.wal_checkpoint import wait_for_checkpoints

    open_database(f"sqlite:///{db}")
    start = time.perf_counter()
    result = import_csv(source)
    committed = time.perf_counter()  # durable: what the window's progress dialog waits for
    wait_for_checkpoints()  # the copy into the database file, in ptlog's background thread
    _emit({"seconds": committed - start, "checkpoint": time.perf_counter() - committed,
           "summary": result.summary()})


def import_floor(source: str, db: str) -> None:
    """The floor: csv.reader rows straight into one flat table, same pragmas, one transaction,
    timed to its durable commit as ptlog's import is; its checkpoint (the copy of the log into
    the database file, which SQLite would run in the commit) timed on its own after, as
    ptlog's is in its background thread."""
    import csv
    import sqlite3

    from ptlog.store.database import SQLITE_PRAGMAS

    conn = sqlite3.connect(db, isolation_level=None)
    for name, value in SQLITE_PRAGMAS:
        conn.execute(f"PRAGMA {name} = {value}")
    conn.execute("CREATE TABLE reading_rows (chart TEXT, family_name TEXT, given_name TEXT, "
                 "birth_date TEXT, sex TEXT, visit_date TEXT, clinician TEXT, joint TEXT, "
                 "motion TEXT, side TEXT, mode TEXT, position TEXT, degrees REAL, "
                 "instrument TEXT, note TEXT)")
    start = time.perf_counter()
    with open(source, newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO reading_rows VALUES ({', '.join('?' * 15)})", rows)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute("COMMIT")
    committed = time.perf_counter()
    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    _emit({"seconds": committed - start, "checkpoint": time.perf_counter() - committed})


# --- a clinic session under an event-loop lag monitor ----------------------------------------

class LagMonitor:
    """How late the GUI thread serves a 2 ms timer: every tick records the time since the
    last one; a gap beyond the interval is a stall (the window could not paint or take a key
    meanwhile). Gaps are kept per step of the session, to say what stalled.

    Beside the wall-clock lateness, each gap's GUI-thread CPU (``time.thread_time``) is kept,
    worst per step: what the window's own handlers cost, which a loaded machine does not
    inflate as it does the wall clock (only shown; the figures are the wall-clock ones)."""

    INTERVAL = 0.002

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.step = "start"
        self.lateness: list[float] = []
        self.worst: dict[str, float] = {}
        self.worst_cpu: dict[str, float] = {}
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(int(self.INTERVAL * 1000))
        self.timer.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.timer.start()
        self.write_stalls: Callable[[], None] = lambda: None

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        late = max(0.0, now - self._last - self.INTERVAL)
        self._last = now
        self.lateness.append(late)
        if late > self.worst.get(self.step, -1.0):
            self.worst[self.step] = late
        if cpu - self._last_cpu > self.worst_cpu.get(self.step, -1.0):
            self.worst_cpu[self.step] = cpu - self._last_cpu
        self._last_cpu = cpu

    def enter(self, step: str) -> None:
        self.step = step
        self.worst.setdefault(step, 0.0)

    def sample_stalls(self, path: str, over: float = 0.04) -> None:
        """Diagnosis (``PTLOG_BENCH_STALL_STACKS=FILE``): a thread looks every 5 ms whether
        the GUI thread has been stalled for ``over``; if so it notes the GUI thread's Python
        stack (ptlog's frames and the innermost ones). Written to ``path`` by
        ``write_stalls``, most sampled first: what kept the window from answering."""
        import collections
        import threading
        import traceback

        main = threading.main_thread().ident
        counts: collections.Counter[tuple[str, str]] = collections.Counter()

        def watch() -> None:
            while True:
                time.sleep(0.005)
                if time.perf_counter() - self._last < over:
                    continue
                frames = sys._current_frames()
                frame = frames.pop(main or 0, None)
                frames.pop(threading.get_ident(), None)
                if frame is None:
                    continue

                def brief(frame: Any) -> str:
                    stack = traceback.extract_stack(frame)
                    mine = [f"{os.path.basename(f.filename)}:{f.lineno} {f.name}"
                            for f in stack if "/ptlog/" in f.filename]
                    inner = [f"{os.path.basename(f.filename)}:{f.lineno} {f.name}"
                             for f in stack[-3:]]
                    return " > ".join(mine[-6:] + ["|"] + inner)

                # the GUI thread in Qt's C++ (no Python frame of its own): busy there, or
                # waiting for the GIL that another thread holds; name the others' work
                others = " ;; ".join(brief(f) for f in frames.values()
                                     if "/ptlog/" in str(traceback.extract_stack(f)))
                counts[(self.step, brief(frame) + (f"  OTHERS: {others}" if others else ""))] += 1

        def write() -> None:
            with open(path, "w", encoding="utf-8") as out:
                for (step, stack), n in counts.most_common(60):
                    out.write(f"{n * 5:5d} ms  [{step}]  {stack}\n")

        threading.Thread(target=watch, daemon=True).start()
        self.write_stalls = write

    def summary(self) -> dict[str, Any]:
        ordered = sorted(self.lateness)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
        worst_step = max(self.worst, key=lambda k: self.worst[k])
        return {"longest": max(self.worst.values()), "p99": p99, "ticks": len(ordered),
                "worst_step": worst_step,
                "per_step_ms": {k: round(v * 1000, 1) for k, v in self.worst.items()},
                "per_step_cpu_ms": {k: round(v * 1000, 1) for k, v in self.worst_cpu.items()}}


def _hold_write_lock(db: str, seconds: float) -> Any:
    """Another process that holds SQLite's write lock on ``db`` for ``seconds`` (``BEGIN
    IMMEDIATE`` takes it at once, as another workstation's long write would)."""
    import subprocess

    code = ("import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN IMMEDIATE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(float(sys.argv[2]))\n"
            "c.execute('COMMIT')\n")
    holder = subprocess.Popen([sys.executable, "-c", code, db, str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    if holder.stdout.readline().strip() != "locked":
        raise RuntimeError("the lock holder did not start")
    return holder


def session(db: str, import_file: str, lock_seconds: str = "10") -> None:
    """A clinic session through the real window, every step started as a user would (keys,
    menu actions), while ``LagMonitor`` measures how long the GUI thread stops answering.

    The script is a generator driven by a 5 ms timer: a step runs inside the timer's slot
    (what it costs on the GUI thread is what the monitor sees), then yields a condition to
    wait for (``wait``) while the event loop runs; modal dialogs are answered from inside
    their own event loop, as a user's click would be."""
    from collections.abc import Iterator

    from datasets import CHART_5000, HIP_PANEL
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import (
        QApplication,
        QDialog,
        QFileDialog,
        QMessageBox,
    )

    from ptlog.app import create_main_window, start_application, verify_in_background
    from ptlog.domain.records import MotionKey, Side

    # the application as ``ptlog-gui`` runs it (its collector, settings file, language), the
    # window as it opens there: the database's page check after the window is up
    app = start_application()
    window: Any = create_main_window(f"sqlite:///{db}", verify=False)
    window.resize(1366, 768)
    window.show()
    verify_in_background(window)
    _until_first_paint(app)
    QFileDialog.getOpenFileName = staticmethod(  # type: ignore[method-assign]
        lambda *_a, **_k: (import_file, "CSV files (*.csv)"))
    monitor = LagMonitor()
    if os.environ.get("PTLOG_BENCH_STALL_STACKS"):
        monitor.sample_stalls(os.environ["PTLOG_BENCH_STALL_STACKS"])
    view = window.patient_view
    entry = view.entry
    saved: list[int] = []
    view.readings_saved.connect(saved.append)
    notes: dict[str, Any] = {}

    def modal(kind: type) -> Any:
        widget = QApplication.activeModalWidget()
        return widget if isinstance(widget, kind) else None

    def type_into(widget: Any, text: str) -> Iterator[Any]:
        widget.setFocus()
        for char in text:
            QTest.keyClick(widget, char)
            yield 0.06  # a quick typist

    def open_by_search(chart: str) -> Iterator[Any]:
        search = window.patient_list.search
        search.selectAll()
        QTest.keyClick(search, Qt.Key.Key_Delete)
        yield from type_into(search, chart)
        yield 0.3  # the list's debounce
        QTest.keyClick(search, Qt.Key.Key_Return)
        yield lambda: view.record is not None and view.record.patient.chart == chart

    def save_and_wait(timeout: float = 60.0) -> Iterator[Any]:
        before = len(saved)
        QTimer.singleShot(0, window.actions["save"].trigger)
        yield (lambda: len(saved) > before or "Not saved" in entry.status.text()), timeout

    def script() -> Iterator[Any]:
        monitor.enter("open ten patients (search, Return)")
        for i in range(10):
            yield from open_by_search(f"C{i * 7919 % 100_000:07d}")
        monitor.enter("type a hip panel")
        for n, motion in enumerate(HIP_PANEL):
            for side in Side:
                yield from type_into(entry.field(MotionKey("hip", motion), side),
                                     str(20 + n * 3 + (side is Side.RIGHT)))
        monitor.enter("save the hip panel")
        yield from save_and_wait()
        monitor.enter("switch tabs")
        for index in (1, 2, 0, 1, 0):
            view.tabs.setCurrentIndex(index)
            yield 0.3
        monitor.enter("open the 5,000-reading patient")
        yield from open_by_search(CHART_5000)
        monitor.enter("History of 5,000 readings")
        view.tabs.setCurrentIndex(1)
        yield 0.5
        view.tabs.setCurrentIndex(0)
        yield 0.2
        monitor.enter("clinic comparison, 100,000 patients")
        QTimer.singleShot(0, window.actions["clinic_outcomes"].trigger)
        yield lambda: modal(QDialog) is not None
        dialog = modal(QDialog)
        started = time.perf_counter()
        yield (lambda: bool(dialog.panel.cohort)), 300
        notes["comparison_seconds"] = time.perf_counter() - started
        notes["comparison_patients"] = sum(r.patients for r in dialog.panel.cohort)
        yield 0.3
        dialog.reject()
        yield 0.2
        monitor.enter("preview a progress report")
        QTimer.singleShot(0, lambda: window.preview_report("report"))
        from ptlog.ui.report_notes_dialog import ReportNotesDialog

        yield lambda: modal(ReportNotesDialog) is not None
        modal(ReportNotesDialog).accept()
        yield (lambda: getattr(window, "last_preview", None) is not None
               and window.last_preview.isVisible()), 60
        yield 0.5
        window.last_preview.reject()
        yield 0.2
        monitor.enter("import 60,000 readings (File menu)")
        started = time.perf_counter()
        QTimer.singleShot(0, window.actions["import_csv"].trigger)  # the import dialog
        yield (lambda: getattr(window, "import_dialog", None) is not None
               and window.import_dialog.isVisible()), 60
        window.import_dialog.choose.click()  # the patched file dialog names the file
        yield (lambda: window.import_dialog.run.isEnabled()), 60
        window.import_dialog.run.click()
        yield (lambda: modal(QMessageBox) is not None), 300
        notes["import_seconds"] = time.perf_counter() - started
        notes["import_message"] = modal(QMessageBox).text()
        modal(QMessageBox).accept()
        yield 0.2
        monitor.enter(f"save while another process holds the write lock {lock_seconds} s")
        field = entry.field(MotionKey("hip", "flexion"), Side.LEFT)
        yield from type_into(field, "111")
        holder = _hold_write_lock(db, float(lock_seconds))
        started = time.perf_counter()
        yield from save_and_wait(float(lock_seconds) + 60)
        notes["locked_save_seconds"] = time.perf_counter() - started
        notes["locked_save_outcome"] = entry.status.text()
        # the lock holder's exit is waited for by polling: a blocking wait here would be the
        # script's own stall on the GUI thread, not the window's
        yield (lambda: holder.poll() is not None), 60
        monitor.enter("end")
        yield 0.2

    steps = script()
    state: dict[str, Any] = {"until": 0.0, "wait": None, "deadline": 0.0, "done": False,
                             "error": None}

    def advance() -> None:
        now = time.perf_counter()
        wait = state["wait"]
        if wait is not None and not wait():
            if now > state["deadline"]:
                state["error"] = f"timed out in step {monitor.step!r}"
                app.quit()
            return
        if now < state["until"]:
            return
        state["wait"] = None
        try:
            step = next(steps)
        except StopIteration:
            state["done"] = True
            app.quit()
            return
        except Exception as exc:  # noqa: BLE001 - reported by the parent
            state["error"] = f"{monitor.step}: {exc!r}"
            app.quit()
            return
        if isinstance(step, (int, float)):
            state["until"] = time.perf_counter() + step
        else:
            condition, limit = step if isinstance(step, tuple) else (step, 30.0)
            state["wait"], state["deadline"] = condition, time.perf_counter() + limit

    driver = QTimer()
    driver.setInterval(5)
    driver.timeout.connect(advance)
    driver.start()
    app.exec()
    if state["error"]:
        raise RuntimeError(state["error"])
    monitor.write_stalls()
    _emit({**monitor.summary(), **notes})
    os._exit(0)


# --- memory ----------------------------------------------------------------------------

def peak_rss_mb() -> float:
    """VmHWM (peak resident set) of this process, in MiB; ru_maxrss where /proc is absent."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(db: str) -> None:
    """The app with the 100k-patient / 1M-reading database: browse, search, open patients."""
    from PySide6.QtWidgets import QApplication

    from ptlog.app import create_main_window

    app = QApplication(sys.argv[:1])
    window = create_main_window(f"sqlite:///{db}")
    window.resize(1440, 900)
    window.show()
    _until_first_paint(app)
    panel = window.patient_list  # type: ignore[attr-defined]
    model = panel.model
    for _ in range(10):  # scroll down: ten more pages
        panel.view.scrollToBottom()
        app.processEvents()
    for text in ("n", "nu", "", "k", "ka", "c000"):
        model.set_query(text)
        app.processEvents()
    model.set_query("")
    for row in range(0, 50, 10):
        pid = model.data(model.index(row, 0), model.PatientIdRole)
        window.open_patient(pid)  # type: ignore[attr-defined]
        while window.patient_view.is_loading():  # type: ignore[attr-defined]
            app.processEvents()
        app.processEvents()
    _emit({"peak_mb": peak_rss_mb(), "rows_loaded": model.rowCount()})
    os._exit(0)


def read_xlsx(source: str) -> None:
    """The floor of the workbook import: openpyxl alone reading every cell's value."""
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(source, read_only=True, data_only=True)
    rows = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    _emit({"seconds": time.perf_counter() - start, "rows": rows})


CHILDREN: dict[str, Callable[..., None]] = {
    "startup_app": startup_app, "startup_app_plot_ready": startup_app_plot_ready,
    "startup_bare": startup_bare, "search": search,
    "patient": patient, "patient_floor": patient_floor, "reports": reports, "import": import_,
    "import_floor": import_floor, "memory": memory, "session": session, "read_xlsx": read_xlsx,
}

if __name__ == "__main__":
    if sys.argv[1].startswith("pg_"):
        import pg

        CHILDREN.update(pg.CHILDREN)
    CHILDREN[sys.argv[1]](*sys.argv[2:])
