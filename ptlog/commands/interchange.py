"""``ptlog import`` and ``ptlog export``: CSV interchange and the FHIR bundle."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ptlog.commands.common import Subcommands, messages, open_db
from ptlog.commands.exit_codes import EXIT_BAD_INPUT, EXIT_OK, UsageError
from ptlog.input_files import not_a_file_message


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import readings or treatments from a CSV or .xlsx file")
    p.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--sheet", metavar="NAME", help=".xlsx: the sheet to read (default: the first)")
    p.add_argument("--map", metavar="MAPPING.json",
                   help="which column holds what (a wide sheet: a column per measurement)")
    p.add_argument("--date-order", metavar="DMY|MDY",
                   help="dates written day/month/year or month/day/year (default: ISO only)")
    p.add_argument("--dry-run", action="store_true",
                   help="check everything and report, write nothing")
    p.set_defaults(run=run_import)

    p = sub.add_parser("export", help="export readings as CSV, .xlsx or a FHIR R4 bundle")
    p.add_argument("--format", choices=("csv", "xlsx", "fhir"),
                   help="default: from FILE's name (.xlsx, .json for FHIR), else csv")
    p.add_argument("--patient", metavar="CHART")
    p.add_argument("--treatments", action="store_true", help="CSV: export treatments instead")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=run_export)


def _progress_printer() -> Callable[[int, int], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        of = f" of {total:,}" if total else ""
        print(f"\r  {done:,}{of} rows…", end="", file=sys.stderr, flush=True)
        if total and done >= total:
            print(file=sys.stderr)

    return show


def run_import(args: argparse.Namespace) -> int:
    from ptlog.domain.date_order import DateOrderError, parse_order
    from ptlog.services.interchange import (
        CsvImportError,
        ImportOptions,
        import_file,
        load_mapping,
    )

    path = Path(args.file)
    if (refused := not_a_file_message(path, messages())) is not None:
        raise UsageError(refused)
    try:
        order = parse_order(args.date_order) if args.date_order else None
    except DateOrderError as exc:
        raise UsageError(f"--date-order: {messages().error_text(exc)}") from None
    mapping = load_mapping(Path(args.map)) if args.map else None
    options = ImportOptions(sheet=args.sheet, mapping=mapping, date_order=order,
                            dry_run=args.dry_run)
    open_db(args, create=not args.dry_run)
    tr = messages()
    try:
        result = import_file(path, progress=_progress_printer(), options=options).value
    except CsvImportError as exc:  # its problems carry their catalog messages
        print(f"ptlog import: {exc.text(tr)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for warning in result.warnings[:20]:
        print(tr("warning: {warning}", warning=warning.text(tr)), file=sys.stderr)
    if len(result.warnings) > 20:
        print(tr("warning: … and {count} more", count=len(result.warnings) - 20),
              file=sys.stderr)
    if args.dry_run:
        print(tr("dry run, nothing written: would have {summary}", summary=result.summary(tr)))
    else:
        print(result.summary(tr))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from ptlog.services.interchange import (
        check_output,
        export_file,
        export_format,
        export_workbook,
    )

    try:
        args.format = export_format(args.output, args.format)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.format == "xlsx" and args.treatments:
        raise UsageError("--treatments is for CSV: the workbook holds both (two sheets)")
    open_db(args)
    check_output(args.output, force=args.force)  # before any work; the writer checks again
    if args.format == "xlsx":
        readings, treatments = export_workbook(args.output, args.patient, force=args.force)
        print(messages()("exported {readings} reading(s) and {treatments} treatment(s) to "
                         "{path}", readings=readings, treatments=treatments, path=args.output))
        return EXIT_OK
    count = export_file(args.output, args.format, args.patient, treatments=args.treatments,
                        force=args.force)
    tr = messages()
    if args.format == "fhir":
        print(tr("wrote a FHIR R4 bundle with {count} observation(s) to {path}", count=count,
                 path=args.output))
    elif args.treatments:
        print(tr("exported {count} treatment(s) to {path}", count=count, path=args.output))
    else:
        print(tr("exported {count} reading(s) to {path}", count=count, path=args.output))
    return EXIT_OK
