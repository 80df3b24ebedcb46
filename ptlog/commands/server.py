"""``ptlog server init`` and ``ptlog server add-user``: a clinic server where people sign in."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ptlog.commands.common import Subcommands, open_db
from ptlog.commands.exit_codes import EXIT_OK, UsageError


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("server", help="set up a clinic server (PostgreSQL) where people sign in")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = actions.add_parser("init", help="create the roles and hand the schema to its owner "
                           "(run once, as the server's administrator)")
    q.add_argument("--role-prefix", default="ptlog_", metavar="PREFIX",
                   help="the roles are PREFIXowner, PREFIXclinician, PREFIXadmin, "
                   "PREFIXreadonly (default ptlog_)")
    q.add_argument("--secret-file", metavar="FILE",
                   help="where to write the clinic secret for the workstations (default: "
                   "ptlog-clinic-secret-ID.key in this folder)")
    q = actions.add_parser("add-user", help="create a person's login role")
    q.add_argument("name", metavar="NAME")
    q.add_argument("--role", required=True, choices=("clinician", "admin", "readonly"))
    q.add_argument("--no-password", action="store_true",
                   help="do not ask for a password (the person sets one, or the server uses "
                   "another sign-in method)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ptlog.services import server_admin

    open_db(args, create=args.action == "init")  # init makes the schema; add-user needs one
    if args.action == "init":
        from ptlog.services.clinic_secret import active_key_id

        target = Path(args.secret_file or f"ptlog-clinic-secret-{active_key_id()}.key")
        roles, kid, path = server_admin.init_server(args.role_prefix, target.expanduser())
        print(f"clinic server ready: roles {roles.group('clinician')}, {roles.group('admin')}, "
              f"{roles.group('readonly')} (schema owned by {roles.owner}); clinic secret {kid} "
              f"written to {path}: import it on every workstation with 'ptlog secret import "
              "FILE', then delete the file")
        return EXIT_OK
    password = None
    if not args.no_password:
        if not sys.stdin.isatty():
            raise UsageError("no terminal to type the password: run it in a terminal, or add "
                             "--no-password and let the person set one with psql's \\password")
        password = getpass.getpass(f"Password for {args.name}: ")
        if password != getpass.getpass("Again: "):
            raise UsageError("the two passwords differ; nothing was changed")
        if len(password) < 10:
            raise UsageError("use a password of at least 10 characters; nothing was changed")
    name = server_admin.add_user(args.name, args.role, password=password)
    print(f"created {name} ({args.role}); they sign in as "
          f"postgresql://{name}@SERVER/DATABASE with "
          + ("the password typed here" if password else "a password they set or pgpass"))
    return EXIT_OK
