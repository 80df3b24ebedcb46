"""``ptlog report CHART -o FILE.pdf`` and ``ptlog handout CHART -o FILE.pdf``."""

from __future__ import annotations

import argparse

from ptlog.commands.common import Subcommands, language_option, messages, open_db
from ptlog.commands.exit_codes import EXIT_OK


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    for name, text in (("report", "write a clinician's progress report (PDF)"),
                       ("handout", "write a plain-language patient handout (PDF)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("chart", metavar="CHART")
        p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        p.add_argument("--paper", choices=("A4", "Letter"), help="default: the clinic setting")
        p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
        if name == "report":
            p.add_argument("--flowsheet", action="store_true",
                           help="add the flowsheet: every visit's values as a table")
        p.add_argument("--language", type=language_option, metavar="CODE",
                       help="en, es or de; default: the patient's language for a handout, "
                            "the clinic's for a report")
        p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services.documents import build_document, check_output, save_document
    from ptlog.services.patients import load_record_by_chart
    from ptlog.services.settings import clinic_settings

    open_db(args)
    output = check_output(args.output, force=args.force)  # before any work
    record = load_record_by_chart(args.chart)  # NotFoundError → exit 2
    document = build_document(args.command, record, clinic_settings(), paper=args.paper,
                              flowsheet=getattr(args, "flowsheet", False),
                              language=args.language)
    # the file appears only once its audit event is recorded; either fails → neither stays
    save_document(document, output, force=args.force)
    tr = messages()
    if document.kind.value == "report":
        print(tr("wrote the progress report for chart {chart} to {path}",
                 chart=record.patient.chart, path=output))
    else:
        print(tr("wrote the handout for chart {chart} to {path}", chart=record.patient.chart,
                 path=output))
    return EXIT_OK
