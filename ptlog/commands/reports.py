"""``ptlog report CHART -o FILE.pdf`` and ``ptlog handout CHART -o FILE.pdf``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ptlog.cli import EXIT_OK, UsageError
from ptlog.commands.common import open_db


def _check_output(path: Path) -> None:
    """Refuse before any work: a missing or read-only folder, or a folder given as the file."""
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder, give a file name")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: folder {folder} does not exist")


def run(args: argparse.Namespace) -> int:
    from ptlog.reports.write import ReportWriteError, write_pdf_atomic
    from ptlog.store.clinic import clinic_settings
    from ptlog.store.errors import NotFoundError
    from ptlog.store.models import database_proxy
    from ptlog.store.records import load_record_by_chart
    from ptlog.store.report_log import record_report

    output = Path(args.output)
    _check_output(output)
    open_db(args)
    record = load_record_by_chart(args.chart)  # NotFoundError → exit 2
    if not record.readings:
        raise NotFoundError(f"chart {args.chart} has no readings yet: nothing to report")
    settings = clinic_settings()
    paper = args.paper or settings.paper_size
    if args.command == "handout":
        from ptlog.reports.handout import build_handout

        data = build_handout(record, settings, paper=paper)
        what = "handout"
    else:
        from ptlog.reports.progress_report import build_progress_report

        data = build_progress_report(record, settings, paper=paper)
        what = "progress report"
    # the event and the file go together: a failed write rolls the audit event back
    with database_proxy.atomic():
        record_report(args.command, record.patient, paper=paper, file_name=output.name,
                      size_bytes=len(data))
        try:
            write_pdf_atomic(data, output)
        except ReportWriteError as exc:
            raise UsageError(str(exc)) from None
    print(f"wrote the {what} for chart {record.patient.chart} to {output}")
    return EXIT_OK
