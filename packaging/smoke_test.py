"""Smoke test of a built ptlog: every CLI command and the window, in a throw-away data folder.

    python packaging/smoke_test.py dist/ptlog/ptlog      # the frozen onedir bundle
    python packaging/smoke_test.py --python              # the ptlog installed in this Python
    … --pg-url postgresql://postgres@127.0.0.1:5432/empty_db   # server mode too

It fails (exit 1) on a non-zero exit, a traceback or import error in the output, a Qt plugin that
cannot load, a missing resource or bundled library, an output file that is not what it claims,
or a step that hangs (a modal error dialog offscreen waits forever). Stdlib only, so it runs
next to a bundle without ptlog installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

# output that means the build is broken even when the exit code says otherwise
BAD_OUTPUT = (
    "Traceback (most recent call last)",
    "ModuleNotFoundError",
    "ImportError",
    "unexpected error",
    "Could not load the Qt platform plugin",
    "Could not find the Qt platform plugin",
    "no Qt platform plugin could be initialized",
    "Cannot load library",
    "QPdfDocument: not available",
)

STEP_TIMEOUT_S = 120


class SmokeFailure(Exception):
    """One step of the smoke test failed: the message says which and why."""


class Runner:
    """Runs ``ptlog`` commands with a private database, data folder and settings."""

    def __init__(self, command: Sequence[str], workdir: Path, verbose: bool) -> None:
        self.command = list(command)
        self.workdir = workdir
        self.verbose = verbose
        home = workdir / "home"
        home.mkdir()
        self.env = {
            **os.environ,
            "PTLOG_DB": f"sqlite:///{(workdir / 'smoke.db').as_posix()}",
            "HOME": str(home),
            "USERPROFILE": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        self.env.pop("PTLOG_SMOKE_TEST", None)

    def run(self, *args: str, env: dict[str, str] | None = None, expect: int = 0) -> str:
        started = time.monotonic()
        try:
            done = subprocess.run(
                [*self.command, *args],
                cwd=self.workdir,
                env={**self.env, **(env or {})},
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=STEP_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(
                f"'ptlog {' '.join(args)}' did not finish within {STEP_TIMEOUT_S} s "
                f"(a modal dialog or a hang); output so far:\n"
                f"{_text(exc.stdout)}{_text(exc.stderr)}"
            ) from None
        output = done.stdout + done.stderr
        seconds = time.monotonic() - started
        if done.returncode != expect:
            raise SmokeFailure(
                f"'ptlog {' '.join(args)}' exited with {done.returncode} (expected {expect}):\n"
                f"{output}"
            )
        for needle in BAD_OUTPUT:
            if needle.lower() in output.lower():
                raise SmokeFailure(f"'ptlog {' '.join(args)}' printed {needle!r}:\n{output}")
        print(f"ok   ptlog {' '.join(args)}  ({seconds:.1f} s)")
        if self.verbose and output.strip():
            print("     " + output.strip().replace("\n", "\n     "))
        return done.stdout


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def expect_pdf(path: Path) -> None:
    if not path.is_file() or path.stat().st_size < 1000:
        raise SmokeFailure(f"{path.name} was not written (or is nearly empty)")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure(f"{path.name} is not a complete PDF file")


def expect_fhir_bundle(path: Path) -> None:
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SmokeFailure(f"{path.name} is not readable JSON: {exc}") from None
    if bundle.get("resourceType") != "Bundle" or not bundle.get("entry"):
        raise SmokeFailure(f"{path.name} is not a FHIR Bundle with entries")


def expect_csv(path: Path, first_column: str, min_rows: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith(first_column + ","):
        raise SmokeFailure(f"{path.name} lacks the CSV header starting with {first_column!r}")
    if len(lines) - 1 < min_rows:
        raise SmokeFailure(f"{path.name} has {len(lines) - 1} rows, expected at least {min_rows}")


# --- the frozen bundle's own files ----------------------------------------------------------
def bundle_internal_dir(executable: Path) -> Path:
    """PyInstaller ≥ 6 keeps everything but the executable in ``_internal`` (macOS: Frameworks)."""
    for candidate in (
        executable.parent / "_internal",
        executable.parent.parent / "Frameworks",
        executable.parent.parent / "Resources",
    ):
        if (candidate / "ptlog").is_dir():
            return candidate
    raise SmokeFailure(f"no _internal/ptlog folder next to {executable}: is this a onedir bundle?")


def expected_resources() -> list[str]:
    """Every file of the checkout's ``resources/`` when run from one, else the essential ones."""
    source = Path(__file__).resolve().parent.parent / "resources"
    if (source / "catalog.json").is_file():
        return sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    return ["catalog.json", "norms.json", "targets.json", "treatments.json", "icons/ptlog.svg",
            "icons/hicolor/256x256/apps/ptlog.png"]


def qt_plugins_expected() -> dict[str, tuple[str, ...]]:
    system = platform.system()
    platforms = {"Linux": ("qxcb", "qoffscreen"), "Windows": ("qwindows", "qoffscreen"),
                 "Darwin": ("qcocoa", "qoffscreen")}[system]
    expected = {
        "platforms": platforms,
        "imageformats": ("qsvg",),
        "iconengines": ("qsvgicon",),
    }
    if system == "Linux":
        expected["printsupport"] = ("cupsprintersupport",)
    return expected


def check_bundle_files(executable: Path) -> None:
    internal = bundle_internal_dir(executable)
    resources = internal / "ptlog" / "resources"
    for name in expected_resources():
        if not (resources / name).is_file():
            raise SmokeFailure(f"resource missing from the bundle: ptlog/resources/{name}")
    plugins = next(
        (p for p in (internal / "PySide6" / "Qt" / "plugins", internal / "PySide6" / "plugins")
         if p.is_dir()),
        None,
    )
    if plugins is None:
        raise SmokeFailure("no Qt plugins folder in the bundle")
    for folder, names in qt_plugins_expected().items():
        present = {
            f.name.split(".", 1)[0].removeprefix("lib") for f in (plugins / folder).glob("*")
        }
        for name in names:
            if name not in present:
                raise SmokeFailure(f"Qt plugin missing from the bundle: {folder}/{name}")
    pdf_module = list((internal / "PySide6").glob("QtPdf*.*"))
    if not pdf_module:
        raise SmokeFailure("PySide6.QtPdf (report preview) is missing from the bundle")
    print(f"ok   bundle files: {len(expected_resources())} resources, "
          f"Qt plugins {sorted(qt_plugins_expected())}, QtPdf")
    if platform.system() == "Linux" and shutil.which("ldd"):
        check_linked_libraries(internal)


def check_linked_libraries(internal: Path) -> None:
    """Every shared library in the bundle must find what it links to (``ldd``: not found)."""
    missing: list[str] = []
    libraries = [p for p in internal.rglob("*.so*") if p.is_file()]
    for library in libraries:
        done = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=False)
        missing += [
            f"{library.relative_to(internal)}: {line.strip()}"
            for line in done.stdout.splitlines()
            if "not found" in line
        ]
    if missing:
        raise SmokeFailure("bundled libraries with unresolved links:\n" + "\n".join(missing))
    print(f"ok   ldd: all {len(libraries)} bundled libraries resolve")


def check_installed_resources(python: str, workdir: Path) -> None:
    probe = (
        "from ptlog.domain.resources import resources_dir, resource_path; "
        "print(resources_dir()); "
        "assert resource_path('icons', 'ptlog.svg').is_file(), 'icons/ptlog.svg'"
    )
    done = subprocess.run([python, "-c", probe], cwd=workdir, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SmokeFailure(f"the installed ptlog lacks its resources:\n{done.stderr}")
    print(f"ok   resources at {done.stdout.strip()}")


# --- the commands ----------------------------------------------------------------------------
def run_commands(runner: Runner, skip: set[str], pg_url: str | None = None) -> None:
    work = runner.workdir
    steps: list[tuple[str, Callable[[], None]]] = []

    def step(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
        def register(function: Callable[[], None]) -> Callable[[], None]:
            steps.append((name, function))
            return function
        return register

    charts: list[str] = []

    @step("version")
    def _version() -> None:
        if "ptlog" not in runner.run("--version"):
            raise SmokeFailure("'ptlog --version' does not name ptlog")

    @step("demo")
    def _demo() -> None:
        runner.run("demo", "--patients", "8")

    @step("patients")
    def _patients() -> None:
        runner.run("patients")
        listed = json.loads(runner.run("patients", "--format", "json"))
        rows = listed if isinstance(listed, list) else listed.get("patients", [])
        charts.extend(str(row["chart"]) for row in rows)
        if len(charts) != 8:
            raise SmokeFailure(f"'ptlog patients' lists {len(charts)} patients after demo, not 8")

    @step("report")
    def _report() -> None:
        runner.run("report", charts[0], "-o", "report.pdf")
        expect_pdf(work / "report.pdf")

    @step("handout")
    def _handout() -> None:
        runner.run("handout", charts[0], "-o", "handout.pdf")
        expect_pdf(work / "handout.pdf")

    @step("fhir")
    def _fhir() -> None:
        runner.run("export", "--format", "fhir", "-o", "bundle.json")
        expect_fhir_bundle(work / "bundle.json")

    @step("csv")
    def _csv() -> None:
        runner.run("export", "--format", "csv", "-o", "readings.csv")
        expect_csv(work / "readings.csv", "chart", 8)
        # the export imports into an empty database: the import path works frozen too
        other = f"sqlite:///{(work / 'reimport.db').as_posix()}"
        runner.run("import", "readings.csv", env={"PTLOG_DB": other})

    @step("check")
    def _check() -> None:
        runner.run("check")

    @step("gui")
    def _gui() -> None:
        # ptlog/app.py: PTLOG_SMOKE_TEST=1 shows the main window and closes it after start-up
        runner.run(env={"PTLOG_SMOKE_TEST": "1"})

    @step("postgresql")
    def _postgresql() -> None:
        if not pg_url:
            return
        # server mode: the bundled psycopg C driver, migrations and the audit chain on PostgreSQL
        server = {"PTLOG_DB": pg_url}
        runner.run("demo", "--patients", "2", env=server)
        runner.run("patients", env=server)
        runner.run("check", env=server)

    for name, function in steps:
        if name in skip:
            print(f"skip {name}")
            continue
        function()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("executable", nargs="?", type=Path, help="dist/ptlog/ptlog")
    target.add_argument("--python", action="store_true",
                        help="test `python -m ptlog` of this interpreter instead")
    parser.add_argument("--skip", default="", metavar="STEP,…",
                        help="steps to leave out: version demo patients report handout fhir csv "
                        "check gui postgresql")
    parser.add_argument("--pg-url", metavar="URL",
                        help="also run demo, patients and check on this EMPTY PostgreSQL "
                        "database (server mode)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every output")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="ptlog-smoke-"))
    started = time.monotonic()
    try:
        if args.python:
            command = [sys.executable, "-m", "ptlog"]
            check_installed_resources(sys.executable, workdir)
        else:
            executable = args.executable.resolve()
            if not executable.is_file():
                raise SmokeFailure(f"no executable at {executable}")
            command = [str(executable)]
            check_bundle_files(executable)
        run_commands(Runner(command, workdir, args.verbose),
                     {s.strip() for s in args.skip.split(",") if s.strip()}, args.pg_url)
    except SmokeFailure as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"smoke test passed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
