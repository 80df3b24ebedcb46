"""Build the PyInstaller onedir bundle and run packaging/smoke_test.py against it.

Opt-in: runs only with ``PTLOG_PACKAGING=1`` (``.ci/run`` sets it up and installs the
``packaging`` extra). Having PyInstaller installed is not enough, so a developer's everyday test
run does not build a 260 MB bundle; asked for but without PyInstaller, the test fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXECUTABLE = "ptlog.exe" if sys.platform == "win32" else "ptlog"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.slow,
    pytest.mark.timeout(1200),
    pytest.mark.skipif(
        os.environ.get("PTLOG_PACKAGING") != "1",
        reason="builds the PyInstaller bundle: set PTLOG_PACKAGING=1",
    ),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.fail("PTLOG_PACKAGING=1 but PyInstaller is missing: pip install -e '.[packaging]'")
    work = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         str(REPO / "packaging" / "pyinstaller" / "ptlog.spec")],
        cwd=REPO, env={**os.environ, "PTLOG_BUNDLE_GUI_EXE": "1"},
        capture_output=True, text=True, timeout=1200, check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-8000:]
    return work / "dist" / "ptlog"


def test_bundle_has_cli_and_windowed_executables(bundle: Path) -> None:
    assert (bundle / EXECUTABLE).is_file()
    assert os.access(bundle / EXECUTABLE, os.X_OK)
    gui = "ptlog-gui.exe" if sys.platform == "win32" else "ptlog-gui"
    assert (bundle / gui).is_file()


def test_bundle_passes_the_smoke_test(bundle: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "smoke_test.py"), str(bundle / EXECUTABLE),
         "--skip", "postgresql"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "smoke test passed" in done.stdout


def test_windowed_executable_opens_the_main_window(bundle: Path, tmp_path: Path) -> None:
    gui = bundle / ("ptlog-gui.exe" if sys.platform == "win32" else "ptlog-gui")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PTLOG_SMOKE_TEST": "1",
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [str(gui), "--db", f"sqlite:///{tmp_path / 'gui.db'}"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert (tmp_path / "gui.db").is_file()  # the window opened the database it was given


@pytest.mark.postgres
def test_bundle_works_in_server_mode(bundle: Path, pg_server_url: str) -> None:
    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)
    done = subprocess.run(
        [sys.executable, str(REPO / "packaging" / "smoke_test.py"), str(bundle / EXECUTABLE),
         "--pg-url", pg_server_url, "--skip", "report,handout,fhir,csv,gui"],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("ok   ptlog check") == 2  # SQLite, then the server
