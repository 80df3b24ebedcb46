"""tests/benchmarks/run.py must not rot: its rows keep the JSON shape (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

RUN_PY = Path(__file__).parent / "benchmarks" / "run.py"
KEYS = {"name", "value", "unit", "budget", "floor", "ratio", "ok"}


@pytest.fixture(scope="module")
def run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ptlog_benchmark_run", RUN_PY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def test_every_figure_has_a_floor_ratio_or_an_absolute_budget(run: ModuleType) -> None:
    assert {"startup", "search_keystroke", "open_patient_5000", "save_reading_redraw",
            "progress_report_200_visits", "handout", "csv_import_1m", "peak_rss_100k",
            "session_longest_stall", "session_stall_p99", "xlsx_import_100k"} <= set(run.BUDGETS)
    ratios = {name: limit for name, (_unit, limit, _absolute) in run.BUDGETS.items()}
    assert (ratios["startup"], ratios["search_keystroke"], ratios["open_patient_5000"],
            ratios["save_reading_redraw"], ratios["progress_report_200_visits"],
            ratios["handout"], ratios["csv_import_1m"]) == (1.2, 10.0, 2.0, 2.0, 1.2, 1.2, 2.5)
    judged_absolutely = {name for name, (_u, limit, absolute) in run.BUDGETS.items()
                         if limit is None and absolute is not None}
    assert {"peak_rss_100k", "session_longest_stall", "session_stall_p99"} <= judged_absolutely


def test_a_row_has_the_json_shape_and_judges_its_ratio(run: ModuleType) -> None:
    within = run.make_row("startup", 0.6, 0.5)
    assert set(within) == KEYS
    assert (within["budget"], within["unit"], within["ratio"], within["ok"]) == (0.6, "s", 1.2,
                                                                                True)
    too_slow_for_its_floor = run.make_row("startup", 0.65, 0.5)  # 1.3x the floor
    assert (too_slow_for_its_floor["budget"], too_slow_for_its_floor["ok"]) == (0.6, False)
    fast_machine = run.make_row("search_keystroke", 0.004, 0.0005)  # 8x a fast floor
    assert (fast_machine["budget"], fast_machine["ok"]) == (0.005, True)
    over_budget = run.make_row("peak_rss_100k", 420.0)
    assert (over_budget["unit"], over_budget["floor"], over_budget["ratio"],
            over_budget["ok"]) == ("MB", None, None, False)
    stall = run.make_row("session_longest_stall", 0.08)
    assert (stall["budget"], stall["ok"]) == (0.1, True)
    shown_only = run.make_row("pg_saves_per_second", 310.0, 620.0)
    assert (shown_only["budget"], shown_only["ratio"], shown_only["ok"]) == (None, 0.5, True)
    server_cpu = run.make_row("pg_server_cpu_per_save", 0.003, 0.0015)
    assert (server_cpu["unit"], server_cpu["budget"], server_cpu["ratio"],
            server_cpu["ok"]) == ("s", None, 2.0, True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_the_fleets_cpu_is_read_from_proc(run: ModuleType) -> None:
    """The CPU-per-save rows count what the processes used, between the two samples only."""
    before = run._cpu_seconds([os.getpid()])
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    used = run._cpu_seconds([os.getpid()]) - before
    assert 0.1 <= used <= 1.0
    assert run._cpu_seconds([]) == 0.0
    fleet = run._FleetCpu([os.getpid()], time.time(), time.time())
    fleet._thread.join()
    assert len(fleet._samples) == 2
    fleet._samples[:] = [(10.0, 1.0, 2.0), (12.0, 1.6, 2.4)]  # 0.6 s of server CPU in 2 s
    assert fleet.per_save(100.0) == pytest.approx((0.003, 0.002))  # 200 saves
    fleet._samples[:] = [(10.0, 0.0, 0.0), (12.0, 0.0, 0.0)]  # no postgres process seen
    assert fleet.per_save(100.0) == (None, None)


def test_main_prints_the_table_and_writes_the_json(run: ModuleType, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fake = {"fake": lambda ctx: [run.make_row("handout", 0.044 if ctx.quick else 9.0, 0.04)]}
    monkeypatch.setattr(run, "BENCHMARKS", fake)
    out = tmp_path / "bench.json"
    assert run.main(["--quick", "--json", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows == [{"name": "handout", "value": 0.044, "unit": "s", "budget": 0.048,
                     "floor": 0.04, "ratio": 1.1, "ok": True}]
    printed = capsys.readouterr().out
    assert "handout" in printed
    assert "44.0 ms" in printed  # the absolute figure, beside its floor
    assert "40.0 ms" in printed
    assert "1/1 within budget" in printed
    assert run.main([]) == 1  # the same fake, slow without --quick: a miss is the exit status
