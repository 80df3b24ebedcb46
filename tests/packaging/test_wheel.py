"""The wheel carries ptlog's resources, and an installed wheel works away from the source tree."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build --wheel`` of this checkout, as a user or a release job would run it."""
    outdir = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(REPO)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = outdir.glob("ptlog-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel installed; dependencies come from this interpreter's packages.

    The .pth file lends PySide6, reportlab … without a network; it names only site-packages
    folders (CI's venv lives inside the checkout, so only the checkout's top folder itself is
    refused). A lent folder is put on sys.path without reading its own .pth files, so an
    editable install of ptlog there cannot shadow the wheel; the tests check where ptlog loads.
    """
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--disable-pip-version-check", str(wheel)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    lent = [p for p in site.getsitepackages() if Path(p).resolve() != REPO.resolve()]
    (Path(purelib) / "zz_ptlog_test_deps.pth").write_text("\n".join(lent) + "\n")
    return venv


def _source_resources() -> set[str]:
    source = REPO / "resources"
    return {p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()}


def test_wheel_contains_every_resource_and_the_icon(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    prefix = "ptlog/resources/"
    packaged = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    assert _source_resources() <= packaged, sorted(_source_resources() - packaged)
    assert {"catalog.json", "norms.json", "icons/ptlog.svg"} <= packaged
    assert "ptlog/cli.py" in names
    assert not any(n.startswith(("tests/", "packaging/")) for n in names)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PTLOG_"))}
    env["PTLOG_DB"] = f"sqlite:///{tmp_path / 'wheel.db'}"
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _ptlog(venv: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = venv / ("Scripts/ptlog.exe" if os.name == "nt" else "bin/ptlog")
    return subprocess.run(
        [str(script), *args], cwd=tmp_path, env=_env(tmp_path),
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_installed_wheel_reads_its_own_resources(installed: Path, tmp_path: Path) -> None:
    python = installed / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    probe = (
        "import json, ptlog, ptlog.domain.resources as r; "
        "print(json.dumps([ptlog.__file__, str(r.resources_dir())]))"
    )
    done = subprocess.run([str(python), "-c", probe], cwd=tmp_path, env=_env(tmp_path),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    module_file, resources = (Path(p).resolve() for p in json.loads(done.stdout))
    assert module_file.is_relative_to(installed.resolve())
    assert resources.is_relative_to(installed.resolve())
    assert (resources / "icons" / "ptlog.svg").is_file()
    assert not resources.is_relative_to(REPO)


def test_installed_wheel_runs_demo_and_report(installed: Path, tmp_path: Path) -> None:
    # the demo goes to the demo database, not PTLOG_DB's; --demo opens it
    demo = _ptlog(installed, tmp_path, "demo", "--patients", "3")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert not (tmp_path / "wheel.db").exists()
    listed = _ptlog(installed, tmp_path, "--demo", "patients", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    rows = rows if isinstance(rows, list) else rows["patients"]
    assert len(rows) == 3
    report = _ptlog(installed, tmp_path, "--demo", "report", str(rows[0]["chart"]), "-o",
                    "report.pdf")
    assert report.returncode == 0, report.stdout + report.stderr
    assert "Traceback" not in report.stdout + report.stderr
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert len(pdf) > 2000
