"""``ptlog demo``: fill the database with realistic, deterministic demo patients."""

from __future__ import annotations

import argparse

from ptlog.cli import EXIT_OK
from ptlog.commands.common import open_db


def run(args: argparse.Namespace) -> int:
    from ptlog.store.demo import generate_demo

    open_db(args)
    result = generate_demo(args.patients, args.seed)
    print(result.summary())
    return EXIT_OK
