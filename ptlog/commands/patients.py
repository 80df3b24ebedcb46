"""``ptlog patients``: list or search patients as a table or JSON; ``ptlog patient set CHART
--language CODE``: the language of a patient's handouts (as *Handout language* in the window)."""

from __future__ import annotations

import argparse
import dataclasses

from ptlog.commands.common import Subcommands, messages, open_db, print_table, write_json
from ptlog.commands.exit_codes import EXIT_OK

CLINIC_LANGUAGE = "clinic"  # --language clinic: no language of their own, the clinic's


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("patients", help="list or search patients")
    p.add_argument("--search", default="", metavar="TEXT")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--archived", action="store_true", help="include archived patients")
    p.set_defaults(run=run)

    one = sub.add_parser("patient", help="change one patient's record")
    actions = one.add_subparsers(dest="action", metavar="ACTION", required=True)
    change = actions.add_parser(
        "set", help="set what a patient's record says (the handout language)")
    change.add_argument("chart", metavar="CHART")
    change.add_argument(
        "--language", metavar="CODE", type=patient_language, required=True,
        help="the language of the patient's handouts: en, es or de, or 'clinic' for the "
             "clinic's (Settings → Report language)")
    change.set_defaults(run=run_set)


def patient_language(text: str) -> str:
    """``--language``: a language ptlog speaks, or ``clinic`` (stored as "": the clinic's)."""
    from ptlog.commands.common import language_option

    if text.strip().lower() == CLINIC_LANGUAGE:
        return ""
    return language_option(text)


def run_set(args: argparse.Namespace) -> int:
    """Change the patient's handout language through the same save as the window (audited,
    optimistic lock); an unknown chart or language changes nothing (exit 2)."""
    from ptlog.services.patients import get_by_chart, save_patient

    open_db(args)
    patient = get_by_chart(args.chart)  # NotFoundError → exit 2
    tr = messages()
    if patient.language == args.language:
        print(tr("chart {chart}: nothing to change", chart=patient.chart))
        return EXIT_OK
    save_patient(dataclasses.replace(patient, language=args.language))
    if args.language:
        print(tr("chart {chart}: handouts now in {language}", chart=patient.chart,
                 language=_language_name(args.language)))
    else:
        print(tr("chart {chart}: handouts now in the clinic's language", chart=patient.chart))
    return EXIT_OK


def _language_name(code: str) -> str:
    from ptlog.domain.i18n import languages

    return f"{languages()[code]} ({code})"


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
    tr = messages()
    print_table(
        (tr("chart"), tr("name"), tr("birth date"), tr("sex"), tr("diagnosis")),
        [(p.chart, p.display_name, p.birth_date.isoformat(), p.sex.value, p.diagnosis)
         for p in found],
    )
    print(messages().plural("{n} patient", "{n} patients", len(found)))
    return EXIT_OK
