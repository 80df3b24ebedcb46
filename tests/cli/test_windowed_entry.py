"""``ptlog-gui``, the windowed executable a shortcut or the Start menu starts: the database its
command line names is the one opened, never the default one (it used to ignore its arguments)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ptlog.cli import window_arguments


def test_a_launchers_command_line_keeps_the_database_and_the_clinician() -> None:
    assert window_arguments([]) == ["gui"]
    assert window_arguments(["-psn_0_4711", "--db", "sqlite:///second.db", "dropped.csv",
                             "--clinician", "Ann Lee"]) == \
        ["--db", "sqlite:///second.db", "--clinician", "Ann Lee", "gui"]


def _installed_windowed_executable() -> Path:
    script = Path(sys.executable).parent / ("ptlog-gui.exe" if sys.platform == "win32"
                                            else "ptlog-gui")
    if not script.exists():
        pytest.skip("ptlog-gui is not installed beside this Python (pip install -e .)")
    return script


def test_ptlog_gui_opens_the_database_its_shortcut_names(tmp_path: Path) -> None:
    second = tmp_path / "second clinic.db"
    default = Path(os.environ["XDG_DATA_HOME"]) / "ptlog" / "ptlog.db"
    env = {key: value for key, value in os.environ.items() if key != "PTLOG_DB"}
    env.update(PTLOG_SMOKE_TEST="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([str(_installed_windowed_executable()), "--db", f"sqlite:///{second}",
                           "--clinician", "Ann Lee"],
                          capture_output=True, text=True, timeout=120, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert second.is_file()
    assert not default.exists()
