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


#: one forbidden import each (a new module, or a line more in an existing one), and the
#: contract that must report it
SNEAKY = [
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
]


def _broken_contracts(report: str) -> dict[str, str]:
    """lint-imports' "Broken contracts" part: each contract's name → what it says about it."""
    rows = report.split("Broken contracts", 1)[-1].splitlines()
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for i, row in enumerate(rows):
        underlined = i + 1 < len(rows) and rows[i + 1].startswith("---")
        if row.strip() and not row.startswith("---") and underlined:
            current = sections.setdefault(row.strip(), [])
        else:
            current.append(row)
    return {name: "\n".join(text) for name, text in sections.items()}


@pytest.fixture(scope="module")
def sneaky_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every import of SNEAKY in one copy of the package, linted once (each lint-imports run
    builds the whole import graph again: ~0.35 s of CPU)."""
    root = tmp_path_factory.mktemp("sneaky")
    shutil.copytree(ROOT / "ptlog", root / "ptlog", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    for module, line, _contract in SNEAKY:
        target = root / "ptlog" / module
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(f"{before}{line}\n", encoding="utf-8")
    result = _lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    return _broken_contracts(result.stdout)


@pytest.mark.parametrize(("module", "line", "contract"), SNEAKY)
def test_a_forbidden_import_breaks_its_contract(sneaky_report: dict[str, str], module: str,
                                                line: str, contract: str) -> None:
    """The contracts are live: a bad import in a copy of the package is reported by name,
    under the contract it breaks."""
    importer = f"ptlog.{module[:-3].replace('/', '.')}"
    imported = line.split()[1]  # "from X import y" and "import X" both name X second
    said = [text for name, text in sneaky_report.items() if contract in name]
    assert said, f"{contract!r} is not reported broken: {sorted(sneaky_report)}"
    assert any(f"{importer} -> {imported}" in text for text in said), said
