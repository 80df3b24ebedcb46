"""The import contracts of pyproject.toml ([tool.importlinter]) hold, and they can fail.

The contracts are the layers of ARCHITECTURE.md as configuration: a newcomer reads them in one
place, and this test (so CI) runs ``lint-imports`` on every change.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    code = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"],
        cwd=cwd, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_import_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, f"import contracts broken:\n{result.stdout}{result.stderr}"
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("ui/sneaky.py", "from ptlog.store import models", "only through the use cases"),
    ("commands/sneaky.py", "from ptlog.store.patients import search_patients",
     "only through the use cases"),
    ("ui/sneaky.py", "from ptlog.reports.handout import build_handout",
     "only through the use cases"),
    ("app.py", "from ptlog.store.database import open_database", "only through the use cases"),
    ("store/sneaky.py", "from ptlog.services import visits", "cli > commands"),
    ("reports/sneaky.py", "from ptlog.store import patient_records", "cli > commands"),
    ("domain/sneaky.py", "import peewee", "the domain is pure"),
    ("services/sneaky.py", "from PySide6 import QtCore", "no Qt below the window"),
])
def test_a_forbidden_import_breaks_its_contract(tmp_path: Path, module: str, line: str,
                                                contract: str) -> None:
    """The contracts are live: one bad import in a copy of the package is reported by name."""
    shutil.copytree(ROOT / "ptlog", tmp_path / "ptlog",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "ptlog" / module  # a new module, or one line more in an existing one
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(f"{before}{line}\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [row for row in result.stdout.splitlines() if " BROKEN" in row]
    assert any(contract in row for row in broken), result.stdout
    assert f"ptlog.{module[:-3].replace('/', '.')}" in result.stdout
