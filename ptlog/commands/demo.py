"""``ptlog demo``: realistic, deterministic demo patients in a database of their own.

Without ``--db`` the demo goes to the demo database (``ptlog --demo`` opens it), never to the
database real patients are documented in; ``--remove`` takes it out again.
"""

from __future__ import annotations

import argparse
import sys

from ptlog.commands.common import Subcommands, open_db, positive_int, whole_number
from ptlog.commands.exit_codes import EXIT_BAD_INPUT, EXIT_OK


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo", help="demo patients in a database of their own (ptlog --demo opens it)",
        description="Create 24 demo patients with visits, readings and treatments and three "
        "demo clinicians. Without --db they go to the demo database (ptlog --demo opens it); "
        "with --db to that database, which must not hold real patients unless "
        "--with-real-patients is given.")
    p.add_argument("--patients", type=positive_int, default=24, metavar="N")
    p.add_argument("--seed", type=whole_number, default=1, metavar="S")
    p.add_argument("--with-real-patients", action="store_true",
                   help="add demo patients to a --db database that holds real patients")
    p.add_argument("--remove", action="store_true",
                   help="take the demo out again: delete the demo database, or in a database "
                   "with real patients archive the demo patients and make the demo "
                   "clinicians inactive (audited)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services import demo, session

    if not args.db:  # not asked otherwise: the demo database
        args.db = demo.demo_url()
    if args.remove:
        return _remove(args)
    open_db(args, create=True)
    others = demo.other_patients()
    if others and not args.with_real_patients:
        print(f"ptlog demo: {session.database_place(args.db)} holds {others} patient(s) that "
              "are not demo patients: demo data stays out of real data (nothing was added). "
              "Run 'ptlog demo' without --db for a demo database of its own, or add "
              "--with-real-patients.", file=sys.stderr)
        return EXIT_BAD_INPUT
    done = demo.load_demo(args.patients, args.seed, demo_database=not others)
    print(done.value.summary())
    if args.db == demo.demo_url():
        print("ptlog demo: open it with 'ptlog --demo'; 'ptlog demo --remove' deletes it",
              file=sys.stderr)
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    from ptlog.services import demo, session

    missing = session.missing_sqlite_file(args.db)
    if missing is not None:
        print(f"ptlog demo: no database at {missing}: no demo data to remove", file=sys.stderr)
        return EXIT_OK
    open_db(args)
    place = session.database_place(args.db)
    if demo.is_demo_database() and not session.is_server(args.db):
        patients = demo.other_patients()
        if patients:
            print(f"ptlog demo: the demo database {place} also holds {patients} patient(s) "
                  "that are not demo patients: nothing was removed", file=sys.stderr)
            return EXIT_BAD_INPUT
        path = demo.delete_demo_database()
        print(f"demo: deleted the demo database {path} (its demo patients, visits, readings "
              "and clinicians)")
        return EXIT_OK
    done = demo.retire_demo()
    if not done.value.patients and not done.value.clinicians:
        print(f"demo: no demo patients or demo clinicians in use in {place}: nothing to remove")
        return EXIT_OK
    print(done.value.summary() + " (readings are never deleted: 'Show archived' and the audit "
          "trail keep them)")
    return EXIT_OK
