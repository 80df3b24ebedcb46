"""``ptlog demo``: fill the database with realistic, deterministic demo patients."""

from __future__ import annotations

import argparse

from ptlog.commands.common import Subcommands, open_db, positive_int, whole_number
from ptlog.commands.exit_codes import EXIT_OK


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="fill the database with realistic demo patients")
    p.add_argument("--patients", type=positive_int, default=24, metavar="N")
    p.add_argument("--seed", type=whole_number, default=1, metavar="S")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services.demo import load_demo

    open_db(args, create=True)
    print(load_demo(args.patients, args.seed).value.summary())
    return EXIT_OK
