"""tests/benchmarks/run.py must not rot: its rows keep the JSON shape (no timing is asserted)."""

from __future__ import annotations

import importlib.util
import json
import sys
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


def test_every_budget_of_design_section_7_is_measured(run: ModuleType) -> None:
    assert set(run.BUDGETS) == {
        "startup", "search_keystroke", "open_patient_5000", "save_reading_redraw",
        "progress_report_200_visits", "handout", "csv_import_1m", "peak_rss_100k",
    }


def test_a_row_has_the_json_shape_and_judges_budget_and_ratio(run: ModuleType) -> None:
    within = run.make_row("startup", 0.6, 0.5)
    assert set(within) == KEYS
    assert (within["budget"], within["unit"], within["ratio"], within["ok"]) == (1.0, "s", 1.2,
                                                                                True)
    too_slow_for_its_floor = run.make_row("startup", 0.9, 0.5)  # within 1 s, but 1.8x the floor
    assert too_slow_for_its_floor["ok"] is False
    over_budget = run.make_row("peak_rss_100k", 420.0)
    assert (over_budget["unit"], over_budget["floor"], over_budget["ratio"],
            over_budget["ok"]) == ("MB", None, None, False)


def test_main_prints_the_table_and_writes_the_json(run: ModuleType, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fake = {"fake": lambda ctx: [run.make_row("handout", 0.05 if ctx.quick else 9.0, 0.04)]}
    monkeypatch.setattr(run, "BENCHMARKS", fake)
    out = tmp_path / "bench.json"
    assert run.main(["--quick", "--json", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert rows == [{"name": "handout", "value": 0.05, "unit": "s", "budget": 0.3,
                     "floor": 0.04, "ratio": 1.25, "ok": True}]
    printed = capsys.readouterr().out
    assert "handout" in printed
    assert "50.0 ms" in printed
    assert "1/1 within budget" in printed
    assert run.main([]) == 1  # the same fake, slow without --quick: a miss is the exit status
