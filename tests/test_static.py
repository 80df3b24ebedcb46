"""ruff on every Python file, mypy --strict on the typed layers and mypy on the whole package,
so CI enforces STYLE §8.

One case per area, so a failure names the part of the code that broke the rules. Skipped only
when the tool itself is not installed (it is in the ``test`` extra).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run_tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _ruff_areas() -> list[str]:
    """Each layer of ptlog, the rest of the package, the tests, the docs' and packaging's
    scripts."""
    layers = sorted(p.name for p in (ROOT / "ptlog").iterdir() if p.is_dir() and
                    p.name != "__pycache__" and any(p.rglob("*.py")))
    return [f"ptlog/{name}" for name in layers] + ["ptlog/*.py", "tests", "docs", "packaging"]


@pytest.mark.parametrize("area", _ruff_areas())
def test_ruff_clean(area: str) -> None:
    if area == "ptlog/*.py":
        targets = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ptlog").glob("*.py"))
    else:
        targets = [area]
    result = _run_tool("ruff", "check", "--no-cache", "--output-format", "concise", *targets)
    assert result.returncode == 0, f"ruff finds problems in {area}:\n{result.stdout}{result.stderr}"


def test_ruff_sees_every_python_file() -> None:
    """No Python file of the repository is outside the areas above (nor excluded by ruff)."""
    result = _run_tool("ruff", "check", "--no-cache", "--show-files", ".")
    seen = {Path(line.strip()).resolve() for line in result.stdout.splitlines() if line.strip()}
    tracked = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True,
                             text=True, check=False)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    files = {(ROOT / name).resolve() for name in tracked.stdout.split()}
    areas = [ROOT / a.removesuffix("/*.py") for a in _ruff_areas()]
    assert files - seen == set(), "ruff does not check these files"
    outside = {f for f in files if not any(f.is_relative_to(a) for a in areas)}
    assert outside == set(), "add these files' folder to _ruff_areas"


# mypy strictness for these comes from [tool.mypy] overrides in pyproject.toml (STYLE §8)
STRICT_LAYERS = ["ptlog/domain", "ptlog/store", "ptlog/reports", "ptlog/services"]


@pytest.mark.slow
@pytest.mark.parametrize("layer", STRICT_LAYERS)
def test_mypy_strict_clean(layer: str) -> None:
    if not (ROOT / layer).is_dir():
        pytest.skip(f"no {layer} yet")
    result = _run_tool("mypy", "--strict", "--no-error-summary", layer)
    assert result.returncode in (0, 1), f"mypy did not run:\n{result.stdout}{result.stderr}"
    # mypy also reports modules it follows into; each layer answers for its own files
    mine = [line for line in result.stdout.splitlines() if line.startswith(f"{layer}/")]
    errors = [line for line in mine if ": error:" in line]
    assert not errors, f"mypy --strict finds problems in {layer}:\n" + "\n".join(mine)


@pytest.mark.slow
def test_mypy_clean_on_the_whole_package() -> None:
    """The window, the app and the command line too, with the settings of pyproject.toml."""
    result = _run_tool("mypy", "--no-error-summary", "ptlog")
    assert result.returncode == 0, f"mypy finds problems in ptlog:\n{result.stdout}{result.stderr}"
