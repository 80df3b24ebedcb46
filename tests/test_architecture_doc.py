"""ARCHITECTURE.md's picture is drawn from the code: it must match today's imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_picture_matches_the_imports() -> None:
    result = subprocess.run([sys.executable, "docs/architecture_graph.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr


def test_every_room_of_the_package_is_on_the_page() -> None:
    doc = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rooms = {p.name for p in (ROOT / "ptlog").iterdir()
             if p.is_dir() and (p / "__init__.py").exists() and p.name != "resources"}
    rooms |= {"cli.py", "app.py"}
    missing = [room for room in sorted(rooms) if f"`{room}/`" not in doc and f"`{room}`" not in doc]
    assert missing == [], "ARCHITECTURE.md does not mention these rooms"
