"""``ptlog import`` and ``ptlog export``: CSV interchange and the FHIR bundle."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ptlog.cli import EXIT_OK, UsageError
from ptlog.commands.common import open_db


def _progress_printer():  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        of = f" of {total:,}" if total else ""
        print(f"\r  {done:,}{of} rows…", end="", file=sys.stderr, flush=True)
        if total and done >= total:
            print(file=sys.stderr)

    return show


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return run_import(args)
    return run_export(args)


def run_import(args: argparse.Namespace) -> int:
    from ptlog.store.csv_import import import_csv

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    open_db(args)
    result = import_csv(path, progress=_progress_printer())
    for warning in result.warnings[:20]:
        print(f"warning: {warning}", file=sys.stderr)
    if len(result.warnings) > 20:
        print(f"warning: … and {len(result.warnings) - 20} more", file=sys.stderr)
    print(result.summary())
    return EXIT_OK


def _check_chart(chart: str | None) -> None:
    if chart is None:
        return
    from ptlog.store.patients import get_by_chart

    get_by_chart(chart)  # NotFoundError → exit 2


def run_export(args: argparse.Namespace) -> int:
    open_db(args)
    _check_chart(args.patient)
    if args.format == "fhir":
        from ptlog.store.fhir import write_fhir_bundle

        count = write_fhir_bundle(args.output, args.patient)
        print(f"wrote a FHIR R4 bundle with {count} observation(s) to {args.output}")
        return EXIT_OK
    from ptlog.store.csv_export import write_csv_export

    count = write_csv_export(args.output, args.patient, treatments=args.treatments)
    what = "treatment(s)" if args.treatments else "reading(s)"
    print(f"exported {count} {what} to {args.output}")
    return EXIT_OK
