"""``ptlog patients``: list or search patients as a table or JSON."""

from __future__ import annotations

import argparse

from ptlog.commands.common import Subcommands, messages, open_db, print_table, write_json
from ptlog.commands.exit_codes import EXIT_OK


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("patients", help="list or search patients")
    p.add_argument("--search", default="", metavar="TEXT")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--archived", action="store_true", help="include archived patients")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services.patients import search_patients

    open_db(args)
    found = search_patients(args.search, include_archived=args.archived)
    if args.format == "json":
        rows = [
            {
                "chart": p.chart,
                "family_name": p.family_name,
                "given_name": p.given_name,
                "birth_date": p.birth_date.isoformat(),
                "sex": p.sex.value,
                "diagnosis": p.diagnosis,
                "referring_physician": p.referring_physician,
                "archived": p.archived,
                "activities": list(p.activities),
                "language": p.language,
                "uuid": p.uuid,
            }
            for p in found
        ]
        write_json(rows)
        return EXIT_OK
    print_table(
        ("chart", "name", "birth date", "sex", "diagnosis"),
        [(p.chart, p.display_name, p.birth_date.isoformat(), p.sex.value, p.diagnosis)
         for p in found],
    )
    print(messages().plural("{n} patient", "{n} patients", len(found)))
    return EXIT_OK
