"""Measure every budget of DESIGN §7 against its floor, print a table and write JSON.

    python tests/benchmarks/run.py [--quick] [--json FILE] [--only NAME ...]

Each GUI figure runs in a process of its own (offscreen Qt, private XDG folders), so start-up
and memory are honest and one benchmark cannot warm another. Data sets are built through
ptlog's own bulk path (CSV import) and cached by size; see tests/benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: name -> (unit, ratio limit against the floor measured in the same run, absolute limit).
#: A figure with a floor is judged by its ratio only (its budget is ``limit × floor`` of this
#: run, so it moves with the machine); a figure without one (memory, stalls, PostgreSQL's
#: clinic comparison) by its absolute limit.
BUDGETS: dict[str, tuple[str, float | None, float | None]] = {
    "startup": ("s", 1.2, None),
    # the window painted, and the trend plots' module (pyqtgraph) loaded after it on a pool
    # thread: a patient opened from then on is drawn without waiting for it. Against the same
    # floor (a bare window whose one plot is there at its first paint): shown only
    "startup_plot_ready": ("s", None, None),
    "search_keystroke": ("s", 10.0, None),
    "open_patient_5000": ("s", 2.0, None),
    "save_reading_redraw": ("s", 2.0, None),
    "progress_report_200_visits": ("s", 1.2, None),
    "handout": ("s", 1.2, None),
    "csv_import_1m": ("s", 2.5, None),
    # the import's copy of its log into the database file after its durable commit, in a
    # thread of its own (ptlog.store.wal_checkpoint), against the floor's: shown only
    "csv_import_1m_checkpoint": ("s", None, None),
    # issue 19: a clinic's workbook against openpyxl alone reading it (read-only mode, values
    # only), which is most of the work: the import may take 5x that with checks and writes
    "xlsx_import_100k": ("s", 5.0, None),
    "peak_rss_100k": ("MB", None, 300.0),
    "session_longest_stall": ("s", None, 0.100),
    "session_stall_p99": ("s", None, 0.0167),
    "pg_search_keystroke": ("s", 10.0, None),
    "pg_open_patient_5000": ("s", 2.0, None),
    "pg_progress_report": ("s", 2.0, None),
    "pg_save_p95_16_workstations": ("s", 2.0, None),
    "pg_saves_per_second": ("saves/s", None, None),
    # where a save's CPU goes, against the raw inserts': shown only. The benchmark runs the
    # sixteen workstations on the server's machine; in a clinic each has its own CPU and only
    # the server's is shared
    "pg_server_cpu_per_save": ("s", None, None),
    "pg_workstation_cpu_per_save": ("s", None, None),
    "pg_rows_lost_or_duplicated": ("rows", None, 0.0),
    "pg_clinic_comparison": ("s", None, 2.0),
}


@dataclass(frozen=True, slots=True)
class Sizes:
    """The data set sizes of DESIGN §7; --quick changes repetitions, never sizes."""

    small_patients: int = 10_000
    small_readings_each: int = 10
    big_patients: int = 100_000
    big_readings_each: int = 10  # 1M readings
    pg_patients: int = 1_000_000  # the clinic network (--quick: a tenth)
    pg_readings_each: int = 10  # 10M readings
    xlsx_patients: int = 10_000  # x small_readings_each: 100k readings in a workbook


def make_row(name: str, value: float, floor: float | None = None, *,
             budget: float | None = None, unit: str | None = None,
             ratio_limit: float | None = None) -> dict[str, object]:
    """One JSON row. With a floor and a ratio limit the budget is ``limit × floor`` (this
    run's machine) and ``ok`` means the ratio holds; otherwise the absolute budget decides.
    A floor without a limit is shown for comparison only."""
    default_unit, default_limit, default_budget = BUDGETS.get(name, ("s", None, None))
    unit = unit or default_unit
    ratio_limit = default_limit if ratio_limit is None else ratio_limit
    ratio = round(value / floor, 2) if floor else None
    if budget is None:
        budget = ratio_limit * floor if ratio_limit is not None and floor else default_budget
    if ratio_limit is not None and ratio is not None:
        ok = ratio <= ratio_limit
    else:
        ok = budget is None or value <= budget
    return {"name": name, "value": round(value, 4), "unit": unit,
            "budget": None if budget is None else round(budget, 4),
            "floor": None if floor is None else round(floor, 4), "ratio": ratio, "ok": ok}


def format_table(rows: Sequence[dict[str, object]]) -> str:
    """The rows as text: the absolute figure beside the floor it was measured against."""
    def fmt(value: object, unit: str) -> str:
        if value is None:
            return "—"
        number = float(value)  # type: ignore[arg-type]
        if unit == "s" and number < 1:
            return f"{number * 1000:.1f} ms"
        if unit == "s":
            return f"{number:.2f} s"
        return f"{number:.1f} {unit}" if number < 100 else f"{number:.0f} {unit}"

    lines = [f"{'figure':<30} {'value':>12} {'floor':>12} {'ratio':>14} {'budget':>12}  ok"]
    for row in rows:
        unit = str(row["unit"])
        limit = BUDGETS.get(str(row["name"]), ("", None, None))[1]
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.2f}×" + (
            f" (≤{limit:g}×)" if limit else "")
        lines.append(f"{row['name']:<30} {fmt(row['value'], unit):>12} "
                     f"{fmt(row['floor'], unit):>12} {ratio:>14} "
                     f"{fmt(row['budget'], unit):>12}  {'ok' if row['ok'] else 'MISS'}")
    return "\n".join(lines)


def write_json(rows: Sequence[dict[str, object]], path: Path) -> None:
    path.write_text(json.dumps(list(rows), indent=2) + "\n", encoding="utf-8")


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- child processes -----------------------------------------------------------------

def child_env(home: Path) -> dict[str, str]:
    """Offscreen Qt, private settings/data folders: never the developer's own."""
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(HERE), env.get("PYTHONPATH", "")]))
    env.pop("PTLOG_DB", None)
    return env


def settle_disk() -> None:
    """Flush what earlier steps wrote (data sets of a gigabyte, a copied database) before a
    measurement: a save's fsync must not wait behind the benchmark's own write-back."""
    if hasattr(os, "sync"):
        os.sync()


def run_child(home: Path, *args: str, timeout: float = 600) -> dict[str, object]:
    """Run ``children.py`` with ``args``; its last stdout line is a JSON result."""
    settle_disk()
    proc = subprocess.run([sys.executable, str(HERE / "children.py"), *args], env=child_env(home),
                          capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child {args[0]} failed:\n{proc.stderr[-3000:]}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def time_startup(home: Path, script: str, db: str) -> float:
    """Wall time from spawning the process to its 'shown' line (window painted)."""
    settle_disk()
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(HERE / "children.py"), script, db],
                            env=child_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _out, err = proc.communicate(timeout=60)
    if not line.startswith("shown") or proc.returncode != 0:
        raise RuntimeError(f"start-up child {script} failed: {line!r}\n{err[-3000:]}")
    return elapsed


# --- benchmarks ----------------------------------------------------------------------

def bench_startup(ctx: Context) -> list[dict[str, object]]:
    db = ctx.small_db()
    time_startup(ctx.home, "startup_app", str(db))  # warm the OS file cache for all
    time_startup(ctx.home, "startup_bare", "-")
    app_times, ready_times, bare_times = [], [], []
    for _ in range(ctx.reps(5, 7)):  # interleaved: machine load hits all alike
        app_times.append(time_startup(ctx.home, "startup_app", str(db)))
        ready_times.append(time_startup(ctx.home, "startup_app_plot_ready", str(db)))
        bare_times.append(time_startup(ctx.home, "startup_bare", "-"))
    floor = statistics.median(bare_times)
    return [make_row("startup", statistics.median(app_times), floor),
            make_row("startup_plot_ready", statistics.median(ready_times), floor)]


def bench_search(ctx: Context) -> list[dict[str, object]]:
    result = run_child(ctx.home, "search", str(ctx.big_db()), str(ctx.reps(5, 15)))
    return [make_row("search_keystroke", float(result["worst_keystroke"]),  # type: ignore[arg-type]
                     float(result["floor"]))]  # type: ignore[arg-type]


def bench_patient(ctx: Context) -> list[dict[str, object]]:
    reps = str(ctx.reps(5, 11))
    opens, saves, open_floors, save_floors = [], [], [], []
    for _ in range(ctx.reps(2, 3)):  # interleaved processes: machine load hits both alike
        app = run_child(ctx.home, "patient", str(ctx.writable(ctx.small_db())), reps)
        floor = run_child(ctx.home, "patient_floor", str(ctx.writable(ctx.small_db())), reps)
        opens.append(float(app["open"]))  # type: ignore[arg-type]
        saves.append(float(app["save"]))  # type: ignore[arg-type]
        open_floors.append(float(floor["open"]))  # type: ignore[arg-type]
        save_floors.append(float(floor["save"]))  # type: ignore[arg-type]
    return [make_row("open_patient_5000", statistics.median(opens),
                     statistics.median(open_floors)),
            make_row("save_reading_redraw", statistics.median(saves),
                     statistics.median(save_floors))]


def bench_reports(ctx: Context) -> list[dict[str, object]]:
    result = run_child(ctx.home, "reports", str(ctx.small_db()), str(ctx.reps(3, 7)))
    return [make_row("progress_report_200_visits", float(result["report"]),  # type: ignore[arg-type]
                     float(result["report_floor"])),  # type: ignore[arg-type]
            make_row("handout", float(result["handout"]),  # type: ignore[arg-type]
                     float(result["handout_floor"]))]  # type: ignore[arg-type]


def bench_import(ctx: Context) -> list[dict[str, object]]:
    import datasets

    source = datasets.csv_file(ctx.sizes.big_patients, ctx.sizes.big_readings_each)
    values, floors, checkpoints, floor_checkpoints = [], [], [], []
    for _ in range(ctx.reps(3, 5)):
        work = Path(tempfile.mkdtemp(prefix="import-", dir=ctx.home))
        app = run_child(ctx.home, "import", str(source), str(work / "a.db"), timeout=1200)
        log(f"import: {app['summary']}")
        values.append(float(app["seconds"]))  # type: ignore[arg-type]
        checkpoints.append(float(app["checkpoint"]))  # type: ignore[arg-type]
        floor = run_child(ctx.home, "import_floor", str(source), str(work / "b.db"))
        floors.append(float(floor["seconds"]))  # type: ignore[arg-type]
        floor_checkpoints.append(float(floor["checkpoint"]))  # type: ignore[arg-type]
        for leftover in work.iterdir():
            leftover.unlink()
        work.rmdir()
    return [make_row("csv_import_1m", statistics.median(values), statistics.median(floors)),
            make_row("csv_import_1m_checkpoint", statistics.median(checkpoints),
                     statistics.median(floor_checkpoints))]


def bench_xlsx_import(ctx: Context) -> list[dict[str, object]]:
    import datasets

    source = datasets.xlsx_file(ctx.sizes.xlsx_patients, ctx.sizes.small_readings_each)
    values, floors = [], []
    for _ in range(ctx.reps(3, 5)):
        work = Path(tempfile.mkdtemp(prefix="import-xlsx-", dir=ctx.home))
        app = run_child(ctx.home, "import", str(source), str(work / "a.db"), timeout=1200)
        log(f"xlsx import: {app['summary']}")
        values.append(float(app["seconds"]))  # type: ignore[arg-type]
        floor = run_child(ctx.home, "read_xlsx", str(source))
        floors.append(float(floor["seconds"]))  # type: ignore[arg-type]
        for leftover in work.iterdir():
            leftover.unlink()
        work.rmdir()
    return [make_row("xlsx_import_100k", statistics.median(values), statistics.median(floors))]


def bench_memory(ctx: Context) -> list[dict[str, object]]:
    copy = ctx.writable(ctx.big_db())
    result = run_child(ctx.home, "memory", str(copy))
    return [make_row("peak_rss_100k", float(result["peak_mb"]))]  # type: ignore[arg-type]


def bench_session(ctx: Context) -> list[dict[str, object]]:
    """A scripted clinic session through the real window under an event-loop lag monitor."""
    import datasets

    source = datasets.csv_file(6_000, 10, chart_prefix="I")  # 60,000 readings, new patients
    copy = ctx.writable(ctx.session_db())
    result = run_child(ctx.home, "session", str(copy), str(source), "10", timeout=1800)
    log(f"session: longest stall {float(result['longest']) * 1000:.0f} ms in "  # type: ignore[arg-type]
        f"{result['worst_step']!r}; per step (ms): {result['per_step_ms']}")
    log(f"session: the GUI thread's CPU in its longest gap, per step (ms): "
        f"{result.get('per_step_cpu_ms')}")
    log(f"session: comparison {result.get('comparison_seconds', 0):.1f} s for "
        f"{result.get('comparison_patients')} patient-treatments; import "
        f"{result.get('import_seconds', 0):.1f} s; locked save "
        f"{result.get('locked_save_seconds', 0):.1f} s ({result.get('locked_save_outcome')!r})")
    return [make_row("session_longest_stall", float(result["longest"])),  # type: ignore[arg-type]
            make_row("session_stall_p99", float(result["p99"]))]  # type: ignore[arg-type]


def _fleet(ctx: Context, url: str, ids: dict[str, list[int]], seconds: float,
           mode: str, round_: int = 0) -> dict[str, object]:
    """16 workstation processes saving visits at once for ``seconds``; their latencies.
    ``round_``: how many rounds of this kind ran on this database before (new visit times)."""
    import pg

    pg.checkpoint(url)  # raw and ptlog alike start with no checkpoint owed (the data set's)
    start_at = time.time() + 15  # every process imported and connected before the start
    settle_disk()
    procs = [subprocess.Popen(
        [sys.executable, str(HERE / "children.py"), "pg_workstation", url, index,
         json.dumps(patient_ids), str(start_at), str(seconds), mode, str(round_)],
        env={**child_env(ctx.home), "XDG_DATA_HOME": str(ctx.home / f"workstation-{index}")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for index, patient_ids in sorted(ids.items())]
    cpu = _FleetCpu([proc.pid for proc in procs], start_at + 2, start_at + seconds - 2)
    latencies: list[float] = []
    saved: dict[str, list[str]] = {}
    for index, proc in zip(sorted(ids), procs, strict=True):
        out, err = proc.communicate(timeout=seconds + 300)
        if proc.returncode != 0:
            raise RuntimeError(f"workstation {index} ({mode}) failed:\n{err[-3000:]}")
        result = json.loads(out.strip().splitlines()[-1])
        latencies += result["latencies"]
        saved[index] = result["saved"]
    latencies.sort()
    per_second = len(latencies) / seconds
    server, workstations = cpu.per_save(per_second)
    return {"p95": latencies[int(len(latencies) * 0.95)] if latencies else float("inf"),
            "per_second": per_second, "saves": len(latencies), "saved": saved,
            "server_cpu": server, "workstation_cpu": workstations,
            "latencies": latencies, "seconds": seconds}


def _cpu_seconds(pids: Sequence[int] | None) -> float:
    """CPU (user + system) of these processes, or of every ``postgres`` process (None), from
    ``/proc``; 0 where there is none (not Linux)."""
    total = 0
    wanted = None if pids is None else {str(pid) for pid in pids}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return 0.0
    for entry in entries:
        if wanted is not None and entry not in wanted:
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                stat = handle.read()
        except OSError:
            continue
        if wanted is None and stat[stat.index("(") + 1:stat.rindex(")")] != "postgres":
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.0


class _FleetCpu:
    """The server's and the workstations' CPU between two moments of the fleet's run (its
    steady middle), read by a thread of its own while the run goes on."""

    def __init__(self, pids: list[int], first: float, last: float) -> None:
        import threading

        self._pids = pids
        self._samples: list[tuple[float, float, float]] = []  # (time, server, workstations)
        self._thread = threading.Thread(target=self._sample, args=(first, last), daemon=True)
        self._thread.start()

    def _sample(self, first: float, last: float) -> None:
        for moment in (first, last):
            time.sleep(max(0.0, moment - time.time()))
            self._samples.append((time.time(), _cpu_seconds(None), _cpu_seconds(self._pids)))

    def per_save(self, per_second: float) -> tuple[float | None, float | None]:
        """Seconds of server and of workstation CPU per save (None if not measured)."""
        self._thread.join(timeout=5)
        if len(self._samples) < 2 or per_second <= 0:
            return None, None
        (t0, s0, w0), (t1, s1, w1) = self._samples
        saves = per_second * (t1 - t0)
        if saves <= 0 or s1 <= s0:
            return None, None
        return (s1 - s0) / saves, (w1 - w0) / saves


def bench_pg(ctx: Context) -> list[dict[str, object]]:
    """The clinic network on one PostgreSQL server (PTLOG_BENCH_PG_URL): a data set of
    1,000,000 patients / 10,000,000 readings made with COPY (--quick: a tenth), search, open
    and report against SQLite, 16 workstations saving at once, the clinic comparison."""
    server = os.environ.get("PTLOG_BENCH_PG_URL", "")
    if not server:
        ctx.notes.append("PostgreSQL rows skipped: PTLOG_BENCH_PG_URL is not set (e.g. "
                         "postgresql://postgres@127.0.0.1:5432/postgres, a user who may create "
                         "databases)")
        log(ctx.notes[-1])
        return []
    import pg

    name = f"ptlog_bench_{os.getpid()}"
    patients = ctx.sizes.pg_patients // (10 if ctx.quick else 1)
    ctx.notes.append(f"PostgreSQL data set: {patients:,} patients, "
                     f"{patients * ctx.sizes.pg_readings_each:,} readings"
                     + (" (--quick: a tenth of the full run's)" if ctx.quick else ""))
    urls = {"": pg.create_database(server, name)}
    rows: list[dict[str, object]] = []
    try:
        pg.build_clinic(urls[""], patients, ctx.sizes.pg_readings_each, log)
        log(f"pg: database {pg.database_size(urls['']) / 1e9:.1f} GB "
            f"(load average {load_average()})")
        reps = str(ctx.reps(3, 7))
        search = run_child(ctx.home, "search", urls[""], reps)
        log(f"pg search per keystroke (ms): {search['per_keystroke_ms']}; "
            f"floor: {search['floor_ms']}")
        rows.append(make_row("pg_search_keystroke", float(search["worst_keystroke"]),  # type: ignore[arg-type]
                             float(search["floor"])))  # type: ignore[arg-type]
        on_pg = run_child(ctx.home, "patient", urls[""], reps)
        on_sqlite = run_child(ctx.home, "patient", str(ctx.writable(ctx.small_db())), reps)
        rows.append(make_row("pg_open_patient_5000", float(on_pg["open"]),  # type: ignore[arg-type]
                             float(on_sqlite["open"])))  # type: ignore[arg-type]
        report_pg = run_child(ctx.home, "reports", urls[""], reps)
        report_sqlite = run_child(ctx.home, "reports", str(ctx.small_db()), reps)
        rows.append(make_row("pg_progress_report", float(report_pg["report"]),  # type: ignore[arg-type]
                             float(report_sqlite["report"])))  # type: ignore[arg-type]
        compared = run_child(ctx.home, "pg_comparison", urls[""], str(ctx.reps(1, 3)))
        log(f"pg comparison: {compared['patients']:,} patient-treatments counted; the row is the "
            "median of comparisons each made right after another process saved 5 follow-ups "
            "(refresh of the kept series + count): "
            f"{', '.join(f'{t:.2f} s' for t in compared['times'])}; the first build of "  # type: ignore[attr-defined]
            f"the kept series, not in the row: {float(compared['cold_build']):.1f} s "  # type: ignore[arg-type]
            f"(load average {load_average()})")
        rows.append(make_row("pg_clinic_comparison", float(compared["seconds"])))  # type: ignore[arg-type]
        rows += _workstation_rows(ctx, server, name)
    finally:
        for url in urls.values():
            pg.drop_database(server, url.rsplit("/", 1)[1])
    return rows


def _workstation_rows(ctx: Context, server: str, name: str) -> list[dict[str, object]]:
    """16 workstations saving visits into a database of their own (``name``_ws) against the
    raw floor (``name``_raw): the save rows of ``bench_pg``, also runnable alone."""
    import pg

    urls = {kind: pg.create_database(server, f"{name}{kind}") for kind in ("_ws", "_raw")}
    rows: list[dict[str, object]] = []
    try:
        seconds = ctx.reps(20, 60)
        ids = run_child(ctx.home, "pg_setup_workstations", urls["_ws"], "16", "50")["ids"]
        run_child(ctx.home, "pg_setup_workstations", urls["_raw"], "16", "50")
        rounds: dict[str, list[dict[str, object]]] = {"raw": [], "app": []}
        for mode in FLEET_ROUNDS:  # each half the time, in turn: drift falls on both alike
            rounds[mode].append(_fleet(ctx, urls["_raw" if mode == "raw" else "_ws"],
                                       ids, seconds / 2, mode,  # type: ignore[arg-type]
                                       round_=len(rounds[mode])))
            log(f"pg workstations, a round of {mode}: p95 "
                f"{float(rounds[mode][-1]['p95']) * 1000:.1f} ms, "  # type: ignore[arg-type]
                f"{float(rounds[mode][-1]['per_second']):.0f} saves/s")  # type: ignore[arg-type]
        raw, app = _pooled(rounds["raw"]), _pooled(rounds["app"])
        saved_file = ctx.home / "saved.json"
        saved_file.write_text(json.dumps(app["saved"]), encoding="utf-8")
        verified = run_child(ctx.home, "pg_verify_workstations", urls["_ws"], str(saved_file))
        log(f"pg workstations: {app['saves']} saves by ptlog, {raw['saves']} raw in {seconds} s; "
            f"verified: {verified}")
        rows.append(make_row("pg_save_p95_16_workstations", float(app["p95"]),  # type: ignore[arg-type]
                             float(raw["p95"])))  # type: ignore[arg-type]
        rows.append(make_row("pg_saves_per_second", float(app["per_second"]),  # type: ignore[arg-type]
                             float(raw["per_second"])))  # type: ignore[arg-type]
        for name, key in (("pg_server_cpu_per_save", "server_cpu"),
                          ("pg_workstation_cpu_per_save", "workstation_cpu")):
            if app[key] is not None and raw[key] is not None:
                rows.append(make_row(name, float(app[key]), float(raw[key])))  # type: ignore[arg-type]
        wrong = sum(int(verified[k]) for k in ("lost", "duplicated", "unexpected",  # type: ignore[call-overload]
                                               "wrong_readings", "finding_count"))
        rows.append(make_row("pg_rows_lost_or_duplicated", float(wrong)))
    finally:
        for url in urls.values():
            pg.drop_database(server, url.rsplit("/", 1)[1])
    return rows


#: the fleet's rounds: the floor and ptlog in turn, each twice, half the time each (ABBA). The
#: machine's speed drifts by a tenth or more within minutes (seen in one process alternating
#: two variants of a save); measured one after the other, the floor and ptlog met different
#: machines. A difference that grows over the run falls on both alike.
FLEET_ROUNDS = ("raw", "app", "app", "raw")


def _pooled(rounds: list[dict[str, object]]) -> dict[str, object]:
    """Rounds of one kind as one: the p95 of all their saves' latencies, saves a second over
    their time, CPU a save weighted by saves, the visits each workstation was told saved."""
    latencies = sorted(t for one in rounds for t in one["latencies"])  # type: ignore[attr-defined]
    saves = len(latencies)
    seconds = sum(float(one["seconds"]) for one in rounds)  # type: ignore[arg-type]
    saved: dict[str, list[str]] = {}
    for one in rounds:
        for index, uuids in one["saved"].items():  # type: ignore[attr-defined]
            saved.setdefault(index, []).extend(uuids)

    def weighted(key: str) -> float | None:
        if any(one[key] is None for one in rounds) or not saves:
            return None
        return sum(float(one[key]) * int(one["saves"]) for one in rounds) / saves  # type: ignore[arg-type]

    return {"p95": latencies[int(saves * 0.95)] if latencies else float("inf"),
            "per_second": saves / seconds if seconds else 0.0, "saves": saves, "saved": saved,
            "server_cpu": weighted("server_cpu"), "workstation_cpu": weighted("workstation_cpu")}


def bench_pg_workstations(ctx: Context) -> list[dict[str, object]]:
    """Only the 16 workstations of ``bench_pg`` (no clinic data set to build): the save rows."""
    server = os.environ.get("PTLOG_BENCH_PG_URL", "")
    if not server:
        ctx.notes.append("PostgreSQL rows skipped: PTLOG_BENCH_PG_URL is not set")
        return []
    return _workstation_rows(ctx, server, os.environ.get("PTLOG_BENCH_PG_NAME",
                                                         f"ptlog_bench_{os.getpid()}"))


BENCHMARKS: dict[str, Callable[[Context], list[dict[str, object]]]] = {
    "startup": bench_startup,
    "search": bench_search,
    "patient": bench_patient,
    "reports": bench_reports,
    "import": bench_import,
    "xlsx_import": bench_xlsx_import,
    "memory": bench_memory,
    "session": bench_session,
    "pg": bench_pg,
    "pg_workstations": bench_pg_workstations,  # part of "pg"
}


class Context:
    """Shared state of one run: sizes, repetitions, a private home, cached data sets."""

    def __init__(self, quick: bool, home: Path, sizes: Sizes | None = None) -> None:
        self.quick = quick
        self.home = home
        self.sizes = sizes or Sizes()
        self._copies = 0
        self.notes: list[str] = []  # said under the table (what was skipped, at which scale)

    def reps(self, quick: int, full: int) -> int:
        return quick if self.quick else full

    def small_db(self) -> Path:
        import datasets

        return datasets.built_database("small", self.sizes.small_patients,
                                       self.sizes.small_readings_each, special=True, log=log)

    def big_db(self) -> Path:
        import datasets

        return datasets.built_database("big", self.sizes.big_patients,
                                       self.sizes.big_readings_each, special=False, log=log)

    def session_db(self) -> Path:
        """100,000 patients with two visits and a treatment each (the clinic comparison
        counts them all), plus the 5,000-reading and 200-visit patients."""
        import datasets

        return datasets.built_database("session", self.sizes.big_patients, 12, special=True,
                                       per_visit=6, treatments=True, log=log)

    def writable(self, db: Path) -> Path:
        import datasets

        self._copies += 1
        folder = self.home / f"copy{self._copies}"
        folder.mkdir()
        return datasets.working_copy(db, folder)


def compile_app() -> None:
    """Compile ptlog's modules to bytecode, as installing it does (pip, the bundle), so that a
    measured start loads what an installed ptlog loads. Run from a checkout with
    ``PYTHONDONTWRITEBYTECODE`` set (this machine sets it), every start compiled ~60 modules
    again (45 ms of a 450 ms start), while the floor's packages came compiled from their
    install. The files go to ``__pycache__`` folders, which git ignores."""
    import compileall

    compileall.compile_dir(ROOT / "ptlog", quiet=1)


def load_average() -> str:
    """The 1-minute load average as text (the machine's other work moves every figure)."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, same sizes")
    parser.add_argument("--json", type=Path, default=None, help="write the rows here")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import datasets

    # the cached databases' clinic secrets (which key their audit chains) live with the cache,
    # where this process and every child (each with a private config folder) find them
    os.environ["PTLOG_SECRETS_DIR"] = str(datasets.cache_dir() / "secrets")
    # and so do the witnesses and settings of the databases this process builds and opens:
    # never the user's own data folder (their witnesses would name throwaway databases)
    os.environ["XDG_DATA_HOME"] = str(datasets.cache_dir() / "data")
    os.environ["XDG_CONFIG_HOME"] = str(datasets.cache_dir() / "config")
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="ptlog-bench-") as tmp:
        ctx = Context(args.quick, Path(tmp))
        log(f"load average {load_average()} on {os.cpu_count()} CPU(s)")
        compile_app()
        for name in args.only or [b for b in BENCHMARKS if b != "pg_workstations"]:
            t0 = time.perf_counter()
            rows += BENCHMARKS[name](ctx)
            log(f"{name}: {time.perf_counter() - t0:.1f} s (load average {load_average()})")
    print(format_table(rows))
    for note in ctx.notes:
        print(note)
    print(f"\n{sum(1 for r in rows if r['ok'])}/{len(rows)} within budget; "
          f"{time.perf_counter() - started:.0f} s in all")
    if args.json:
        write_json(rows, args.json)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
