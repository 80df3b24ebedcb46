"""Find and read the data files ptlog ships (``resources/``), installed or from a checkout."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def resources_dir() -> Path:
    """``ptlog/resources`` in a wheel (or frozen bundle), ``<repo>/resources`` in a checkout."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "catalog.json").is_file():
            return candidate
    raise FileNotFoundError(
        "ptlog's resources folder is missing (looked in "
        f"{_PACKAGE_DIR / 'resources'} and {_PACKAGE_DIR.parent / 'resources'}); reinstall ptlog"
    )


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@cache
def load_json(name: str) -> Any:
    """Parse a JSON resource once per process."""
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)
