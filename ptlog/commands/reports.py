"""``ptlog report CHART -o FILE.pdf`` and ``ptlog handout CHART -o FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ptlog.commands.common import Subcommands, open_db
from ptlog.commands.exit_codes import EXIT_OK, UsageError


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    for name, text in (("report", "write a clinician's progress report (PDF)"),
                       ("handout", "write a plain-language patient handout (PDF)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("chart", metavar="CHART")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        p.add_argument("--paper", choices=("A4", "Letter"), help="default: the clinic setting")
        p.set_defaults(run=run)


def _check_output(path: Path) -> None:
    """Refuse before any work: a missing or read-only folder, or a folder given as the file."""
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder, give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: folder {folder} does not exist")


def run(args: argparse.Namespace) -> int:
    from ptlog.services.documents import ReportWriteError, build_document, save_document
    from ptlog.services.patients import load_record_by_chart
    from ptlog.services.settings import clinic_settings

    output = Path(args.output)
    _check_output(output)
    open_db(args)
    record = load_record_by_chart(args.chart)  # NotFoundError → exit 2
    document = build_document(args.command, record, clinic_settings(), paper=args.paper)
    try:
        save_document(document, output)
    except ReportWriteError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote the {document.kind.label} for chart {record.patient.chart} to {output}")
    return EXIT_OK
