"""Every window and dialog fits the screens clinics have: 1366×768, and 1920×1080 at 150 %.

Each size runs in a process of its own on an offscreen screen of that size (Qt's offscreen
platform reads the screen from a JSON file), because a screen cannot change under a running
QApplication.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # over 2 s (session 6's --durations)
@pytest.mark.parametrize(("width", "height", "scale", "language"), [
    (1366, 768, "1", "en"), (1920, 1080, "1.5", "en"), (1366, 768, "1", "es"),
    (1366, 768, "1", "de")])
def test_no_window_or_dialog_is_larger_than_the_screen(tmp_path, width, height, scale,
                                                       language) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "clinic", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               QT_SCALE_FACTOR=scale, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "ui" / "screen_probe.py"),
         f"sqlite:///{tmp_path / 'screens.db'}", language],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    available = report["available"]
    assert available[2] == round(width / float(scale))  # the screen we asked for, in points
    too_big = {name: (info["frame"], info["least"]) for name, info in report["windows"].items()
               if not info["fits"]}
    assert too_big == {}, f"larger than the available {available}: {too_big}"
    assert len(report["windows"]) == 15  # the window (twice) and 13 dialogs
    cut = {name: sizes for name, sizes in report["panels"].items() if sizes[0] > sizes[1]}
    assert cut == {}, f"needs more width than it has (needed, given): {cut}"


def test_the_window_remembers_its_geometry(qtbot, ui_db, patient_with_history) -> None:
    from ptlog.app import create_main_window

    first = create_main_window(ui_db)
    qtbot.addWidget(first)
    first.show()
    # the offscreen screen (800 wide) is narrower than the window's minimum: only the height
    # can differ from a fresh window's and still fit (a wider size would be fitted back)
    first.resize(first.width(), 500)
    size = (first.width(), first.height())
    first.close()  # saves the geometry (nothing typed: no question)
    second = create_main_window(ui_db)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == size
    second.close()
