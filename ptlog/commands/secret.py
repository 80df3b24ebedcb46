"""``ptlog secret``: carry the clinic secret that keys the audit chain, and rotate it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ptlog.commands.common import Subcommands, open_db
from ptlog.commands.exit_codes import EXIT_OK


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("secret", help="the clinic secret that keys the audit chain")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("export", help="write the secret to a file for another workstation")
    q.add_argument("-o", "--output", required=True, metavar="FILE")
    actions.add_parser("import", help="keep a secret file's secret on this workstation"
                       ).add_argument("file", metavar="FILE")
    actions.add_parser("rotate", help="key the audit chain with a new secret from now on")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services import clinic_secret

    if args.action == "import":
        kid = clinic_secret.import_secret(Path(args.file).expanduser())
        print(f"clinic secret {kid} kept on this workstation")
        return EXIT_OK
    open_db(args)
    if args.action == "export":
        kid, path = clinic_secret.export_secret(Path(args.output).expanduser())
        print(f"wrote clinic secret {kid} to {path}: carry it to the clinic's other workstations, "
              "run 'ptlog secret import FILE' there, then delete the file")
        return EXIT_OK
    old, new = clinic_secret.rotate()
    print(f"the audit chain is now keyed with clinic secret {new} (was {old or 'none'}); keep "
          "the old secret: it still verifies the events before. Carry the new one to the other "
          "workstations with 'ptlog secret export -o FILE'")
    return EXIT_OK
