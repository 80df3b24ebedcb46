"""``ptlog backup``, ``ptlog restore`` and ``ptlog check``.

``check`` and ``restore`` must work on a damaged database too, so they bind it without the
integrity check ``open_database`` makes on start-up.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ptlog.commands.common import Subcommands, messages, open_db, say_created
from ptlog.commands.exit_codes import EXIT_ERROR, EXIT_OK, UsageError
from ptlog.domain.text import for_terminal
from ptlog.input_files import not_a_file_message


def add_parsers(sub: Subcommands[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help="write a verified backup of the database")
    p.add_argument("-o", "--output", metavar="FILE")
    p.add_argument("--encrypt", action="store_true",
                   help="encrypt it with a passphrase (asked for, or $PTLOG_BACKUP_PASSPHRASE)")
    p.add_argument("--force", action="store_true",
                   help="replace FILE if it exists; never a SQLite database, which an earlier "
                        "plain backup is: give each one its own name, or leave out -o (ptlog "
                        "keeps dated backups in its folder and thins them)")
    p.set_defaults(run=run_backup)

    p = sub.add_parser("restore", help="restore the database from a backup (keeps a copy)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--accept-broken-audit", action="store_true",
                   help="restore a backup whose audit trail fails verification (recorded)")
    p.set_defaults(run=run_restore)

    p = sub.add_parser("check", help="check integrity and the audit chain")
    p.set_defaults(run=run_check)


def run_backup(args: argparse.Namespace) -> int:
    from ptlog.services.backups import backup

    open_db(args)
    passphrase = _passphrase(twice=True) if args.encrypt else None
    path, removed = backup(args.output, force=args.force, passphrase=passphrase)
    tr = messages()
    print(tr("backed up to {path} (verified)", path=path))
    for old in removed:  # the backup folder: keep 12 daily, 10 weekly, 9 monthly
        print(tr("removed older backup {name}", name=old.name))
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from ptlog.services import session
    from ptlog.services.backups import is_encrypted, restore, verify_backup
    from ptlog.store.errors import CorruptDatabaseError

    source = Path(args.file)
    if (refused := not_a_file_message(source, messages())) is not None:
        raise UsageError(refused)
    url = getattr(args, "db", None)
    server = session.is_server(url)
    if server:
        session.open_without_check(url)  # pg_restore needs the server's connection settings
    passphrase = _passphrase(twice=False) if is_encrypted(source) else None
    try:
        # a SQLite backup is checked before the database is even opened: a bad file given
        # leaves no new database or folder behind; an encrypted one is checked once
        # decrypted, before anything is replaced
        if passphrase is None:
            verify_backup(source, accept_broken_audit=args.accept_broken_audit, server=server)
    except CorruptDatabaseError as exc:
        raise UsageError(str(exc)) from None  # a bad file given: bad input, exit 2
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("restoring replaces the database: add --yes to confirm")
        answer = input(f"Replace {session.describe(url)} with {source}? "
                       "The current database is kept as a copy. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print(messages()("nothing was changed"))
            return EXIT_OK
    if not server:
        session.open_without_check(url)
    try:
        result = restore(source, accept_broken_audit=args.accept_broken_audit,
                         passphrase=passphrase).value
    except CorruptDatabaseError as exc:
        raise UsageError(str(exc)) from None
    tr = messages()
    if result.kept_copy is None:
        say_created(args)
        print(tr("restored from {path}", path=result.restored_from))
    else:
        print(tr("restored from {path}; the previous database was kept as {copy}",
                 path=result.restored_from, copy=result.kept_copy))
    return EXIT_OK


def _passphrase(*, twice: bool) -> str:
    """The backup passphrase: $PTLOG_BACKUP_PASSPHRASE (scripts), else typed at the terminal."""
    import getpass
    import os

    given = os.environ.get("PTLOG_BACKUP_PASSPHRASE")
    if given:
        return given
    if not sys.stdin.isatty():
        raise UsageError("an encrypted backup needs its passphrase: type it at a terminal or "
                         "set PTLOG_BACKUP_PASSPHRASE")
    typed = getpass.getpass("Backup passphrase: ")
    if twice and typed != getpass.getpass("Again: "):
        raise UsageError("the two passphrases differ; nothing was written")
    return typed


def run_check(args: argparse.Namespace) -> int:
    from ptlog.services.check import check_database
    from ptlog.store.errors import CorruptDatabaseError

    try:
        open_db(args)
    except CorruptDatabaseError as exc:
        print(f"database: {exc}")
        return EXIT_ERROR
    from ptlog.services.check import notes

    findings = check_database()
    for finding in findings:
        print(for_terminal(str(finding)))
    for note in notes():  # worth knowing, not damage: the check still passes
        print(for_terminal(f"note: {note}"))
    tr = messages()
    if findings:
        print("ptlog check: " + tr("{count} problem(s) found", count=len(findings)),
              file=sys.stderr)
        return EXIT_ERROR
    print(tr("database is sound: integrity ok, audit chain intact, every row matches its audit "
             "trail"))
    return EXIT_OK
