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

#: DESIGN §7; ratio_limit is the "floor" column (None: the floor is shown for comparison only)
BUDGETS: dict[str, tuple[float, str, float | None]] = {
    "startup": (1.0, "s", 1.5),
    "search_keystroke": (0.020, "s", None),
    "open_patient_5000": (0.100, "s", None),
    "save_reading_redraw": (0.016, "s", None),
    "progress_report_200_visits": (1.0, "s", 2.0),
    "handout": (0.3, "s", 2.0),
    "csv_import_1m": (20.0, "s", 3.0),
    "peak_rss_100k": (300.0, "MB", None),
}


@dataclass(frozen=True, slots=True)
class Sizes:
    """The data set sizes of DESIGN §7; --quick changes repetitions, never sizes."""

    small_patients: int = 10_000
    small_readings_each: int = 10
    big_patients: int = 100_000
    big_readings_each: int = 10  # 1M readings


def make_row(name: str, value: float, floor: float | None = None, *,
             budget: float | None = None, unit: str | None = None,
             ratio_limit: float | None = None) -> dict[str, object]:
    """One JSON row; ``ok`` means within the budget and, where DESIGN names one, the ratio."""
    default_budget, default_unit, default_limit = BUDGETS.get(name, (float("inf"), "s", None))
    budget = default_budget if budget is None else budget
    unit = unit or default_unit
    ratio_limit = default_limit if ratio_limit is None else ratio_limit
    ratio = round(value / floor, 2) if floor else None
    ok = value <= budget and (ratio_limit is None or ratio is None or ratio <= ratio_limit)
    return {"name": name, "value": round(value, 4), "unit": unit, "budget": budget,
            "floor": None if floor is None else round(floor, 4), "ratio": ratio, "ok": ok}


def format_table(rows: Sequence[dict[str, object]]) -> str:
    def fmt(value: object, unit: str) -> str:
        if value is None:
            return "—"
        number = float(value)  # type: ignore[arg-type]
        if unit == "s" and number < 1:
            return f"{number * 1000:.1f} ms"
        return f"{number:.2f} {unit}" if unit == "s" else f"{number:.0f} {unit}"

    lines = [f"{'figure':<28} {'value':>11} {'budget':>10} {'floor':>11} {'ratio':>12}  ok"]
    for row in rows:
        unit = str(row["unit"])
        limit = BUDGETS.get(str(row["name"]), (0, "", None))[2]
        ratio = "—" if row["ratio"] is None else f"{row['ratio']:.2f}×" + (
            f" (≤{limit:g}×)" if limit else "")
        lines.append(f"{row['name']:<28} {fmt(row['value'], unit):>11} "
                     f"{fmt(row['budget'], unit):>10} {fmt(row['floor'], unit):>11} "
                     f"{ratio:>12}  {'ok' if row['ok'] else 'MISS'}")
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
    time_startup(ctx.home, "startup_app", str(db))  # warm the OS file cache for both
    time_startup(ctx.home, "startup_bare", "-")
    app_times, bare_times = [], []
    for _ in range(ctx.reps(3, 7)):  # interleaved: machine load hits both alike
        app_times.append(time_startup(ctx.home, "startup_app", str(db)))
        bare_times.append(time_startup(ctx.home, "startup_bare", "-"))
    return [make_row("startup", statistics.median(app_times), statistics.median(bare_times))]


def bench_search(ctx: Context) -> list[dict[str, object]]:
    result = run_child(ctx.home, "search", str(ctx.big_db()), str(ctx.reps(5, 15)))
    return [make_row("search_keystroke", float(result["worst_keystroke"]),  # type: ignore[arg-type]
                     float(result["floor"]))]  # type: ignore[arg-type]


def bench_patient(ctx: Context) -> list[dict[str, object]]:
    copy = ctx.writable(ctx.small_db())
    result = run_child(ctx.home, "patient", str(copy), str(ctx.reps(5, 11)))
    return [make_row("open_patient_5000", float(result["open"])),  # type: ignore[arg-type]
            make_row("save_reading_redraw", float(result["save"]))]  # type: ignore[arg-type]


def bench_reports(ctx: Context) -> list[dict[str, object]]:
    result = run_child(ctx.home, "reports", str(ctx.small_db()), str(ctx.reps(3, 7)))
    return [make_row("progress_report_200_visits", float(result["report"]),  # type: ignore[arg-type]
                     float(result["report_floor"])),  # type: ignore[arg-type]
            make_row("handout", float(result["handout"]),  # type: ignore[arg-type]
                     float(result["handout_floor"]))]  # type: ignore[arg-type]


def bench_import(ctx: Context) -> list[dict[str, object]]:
    import datasets

    source = datasets.csv_file(ctx.sizes.big_patients, ctx.sizes.big_readings_each)
    values, floors = [], []
    for _ in range(ctx.reps(3, 5)):
        work = Path(tempfile.mkdtemp(prefix="import-", dir=ctx.home))
        app = run_child(ctx.home, "import", str(source), str(work / "a.db"), timeout=1200)
        log(f"import: {app['summary']}")
        values.append(float(app["seconds"]))  # type: ignore[arg-type]
        floor = run_child(ctx.home, "import_floor", str(source), str(work / "b.db"))
        floors.append(float(floor["seconds"]))  # type: ignore[arg-type]
        for leftover in work.iterdir():
            leftover.unlink()
        work.rmdir()
    return [make_row("csv_import_1m", statistics.median(values), statistics.median(floors))]


def bench_memory(ctx: Context) -> list[dict[str, object]]:
    copy = ctx.writable(ctx.big_db())
    result = run_child(ctx.home, "memory", str(copy))
    return [make_row("peak_rss_100k", float(result["peak_mb"]))]  # type: ignore[arg-type]


BENCHMARKS: dict[str, Callable[[Context], list[dict[str, object]]]] = {
    "startup": bench_startup,
    "search": bench_search,
    "patient": bench_patient,
    "reports": bench_reports,
    "import": bench_import,
    "memory": bench_memory,
}


class Context:
    """Shared state of one run: sizes, repetitions, a private home, cached data sets."""

    def __init__(self, quick: bool, home: Path, sizes: Sizes | None = None) -> None:
        self.quick = quick
        self.home = home
        self.sizes = sizes or Sizes()
        self._copies = 0

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, same sizes")
    parser.add_argument("--json", type=Path, default=None, help="write the rows here")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), default=None)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="ptlog-bench-") as tmp:
        ctx = Context(args.quick, Path(tmp))
        log(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPU(s)")
        compile_app()
        for name in args.only or list(BENCHMARKS):
            t0 = time.perf_counter()
            rows += BENCHMARKS[name](ctx)
            log(f"{name}: {time.perf_counter() - t0:.1f} s")
    print(format_table(rows))
    print(f"\n{sum(1 for r in rows if r['ok'])}/{len(rows)} within budget; "
          f"{time.perf_counter() - started:.0f} s in all")
    if args.json:
        write_json(rows, args.json)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
