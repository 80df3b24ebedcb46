"""The layer rules of DESIGN §2, checked on the source: every import, also lazy ones in functions.

domain -> stdlib, numpy, ptlog.domain only; store -> no Qt, no reports/ui; reports -> no Qt, no
peewee, no store/ui; ui -> anything but peewee itself and ptlog.store.models (the UI never builds
queries); services -> no Qt, nothing above them. A subprocess also proves the domain imports
with PySide6, peewee and reportlab blocked.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ptlog"

QT = ("PySide6", "pyqtgraph", "shiboken6")


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str  # absolute dotted name

    def __str__(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}: imports {self.module}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> Iterator[Import]:
    """Every module a file imports, relative imports resolved, at any depth of the tree."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield Import(path, node.lineno, target)
            # "from ptlog.store import models" imports the submodule ptlog.store.models
            for alias in node.names:
                yield Import(path, node.lineno, f"{target}.{alias.name}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (getattr(node.func, "attr", None) or getattr(node.func, "id", None))
            == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield Import(path, node.lineno, node.args[0].value)


def within(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def layer_files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def is_stdlib(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names or module == "__future__"


def domain_violation(module: str) -> bool:
    if within(module, ("ptlog",)):
        return not within(module, ("ptlog.domain",))
    return not (is_stdlib(module) or within(module, ("numpy",)))


def store_violation(module: str) -> bool:
    return within(module, (*QT, "reportlab", "ptlog.ui", "ptlog.reports"))


def reports_violation(module: str) -> bool:
    return within(module, (*QT, "peewee", "playhouse", "ptlog.store", "ptlog.ui"))


def services_violation(module: str) -> bool:
    return within(module, (*QT, "ptlog.ui", "ptlog.app", "ptlog.commands", "ptlog.cli"))


def ui_violation(module: str) -> bool:
    return within(module, ("peewee", "playhouse", "ptlog.store.models"))


RULES = {
    "domain": domain_violation,
    "store": store_violation,
    "reports": reports_violation,
    "services": services_violation,
    "ui": ui_violation,
}


def offending(layer: str) -> list[str]:
    rule = RULES[layer]
    found: dict[str, None] = {}
    for path in layer_files(layer):
        for imp in imports_of(path):
            # "from ptlog.store import errors" also yields ptlog.store.errors; a rule on a
            # package (ptlog.store) matches both, a rule on one module matches only that one
            if rule(imp.module):
                found.setdefault(str(imp), None)
    return list(found)


@pytest.mark.parametrize("layer", sorted(RULES))
def test_layer_imports_follow_design(layer: str) -> None:
    if not (PACKAGE / layer).is_dir():
        pytest.skip(f"no ptlog/{layer} yet")
    bad = offending(layer)
    assert not bad, f"ptlog/{layer} breaks the layer rules of DESIGN §2:\n" + "\n".join(bad)


def _write(tmp_path: Path, name: str, source: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return path


def test_checker_sees_lazy_relative_and_dynamic_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk must catch what a naive top-level scan misses, or the rules prove nothing."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    path = _write(
        tmp_path,
        "ptlog/domain/sneaky.py",
        """
        import json

        def draw():
            from PySide6.QtGui import QColor
            return QColor

        def rows():
            from ..store import models
            return models

        def later():
            import importlib
            return importlib.import_module("reportlab.pdfgen")
        """,
    )
    modules = {(imp.line, imp.module) for imp in imports_of(path)}
    assert (2, "json") in modules
    assert (5, "PySide6.QtGui") in modules
    assert (9, "ptlog.store.models") in modules
    assert (14, "reportlab.pdfgen") in modules
    flagged = sorted(m for _, m in modules if domain_violation(m))
    assert flagged == [
        "PySide6.QtGui",
        "PySide6.QtGui.QColor",
        "ptlog.store",
        "ptlog.store.models",
        "reportlab.pdfgen",
    ]
    assert "json" not in flagged
    assert "ptlog/domain/sneaky.py:5: imports PySide6.QtGui" in {
        str(imp) for imp in imports_of(path)
    }


@pytest.mark.parametrize(
    ("rule", "module", "bad"),
    [
        (domain_violation, "numpy.typing", False),
        (domain_violation, "ptlog.domain.records", False),
        (domain_violation, "dataclasses", False),
        (domain_violation, "peewee", True),
        (domain_violation, "ptlog.commands.common", True),
        (store_violation, "peewee", False),
        (store_violation, "ptlog.domain.records", False),
        (store_violation, "pyqtgraph", True),
        (store_violation, "ptlog.reports.progress", True),
        (reports_violation, "reportlab.platypus", False),
        (reports_violation, "ptlog.store.readings", True),
        (reports_violation, "PySide6.QtCore", True),
        (ui_violation, "ptlog.store.patients", False),
        (ui_violation, "PySide6.QtWidgets", False),
        (ui_violation, "ptlog.store.models", True),
        (ui_violation, "peewee", True),
        (ui_violation, "ptlog.store.modelsx", False),
    ],
)
def test_rules_tell_allowed_from_forbidden(rule: object, module: str, bad: bool) -> None:
    assert callable(rule)
    assert rule(module) is bad


BLOCKED_IMPORT = """
import importlib
import pkgutil
import sys

for name in ("PySide6", "pyqtgraph", "shiboken6", "peewee", "playhouse", "reportlab"):
    sys.modules[name] = None  # any import of them now raises ImportError

import ptlog.domain

names = sorted(m.name for m in pkgutil.iter_modules(ptlog.domain.__path__))
for name in names:
    importlib.import_module(f"ptlog.domain.{name}")
print(",".join(names))
"""


def test_domain_imports_without_qt_peewee_or_reportlab() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = set(result.stdout.strip().split(","))
    expected = {p.stem for p in (PACKAGE / "domain").glob("*.py") if p.stem != "__init__"}
    assert imported == expected
