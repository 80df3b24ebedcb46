"""``ptlog backup``, ``ptlog restore`` and ``ptlog check``.

``check`` and ``restore`` must work on a damaged database too, so they bind it without the
integrity check ``open_database`` makes on start-up.
"""

from __future__ import annotations

import argparse
import sys

from ptlog.cli import EXIT_ERROR, EXIT_OK, UsageError
from ptlog.commands.common import open_db
from ptlog.store import errors


def run(args: argparse.Namespace) -> int:
    if args.command == "backup":
        return run_backup(args)
    if args.command == "restore":
        return run_restore(args)
    return run_check(args)


def run_backup(args: argparse.Namespace) -> int:
    from ptlog.store.backup import backup_to, thin_backups
    from ptlog.store.models import utc_now

    open_db(args)
    path = backup_to(args.output)
    print(f"backed up to {path} (verified)")
    if args.output is None:  # the backup folder: keep 12 daily, 10 weekly, 9 monthly
        for removed in thin_backups(utc_now()):
            print(f"removed older backup {removed.name}")
    return EXIT_OK


def _bind_without_check(args: argparse.Namespace) -> None:
    """Bind the database even when it is too damaged to open normally."""
    from ptlog.store.database import connect
    from ptlog.store.models import database_proxy

    database_proxy.initialize(connect(getattr(args, "db", None)))


def run_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ptlog.store.backup import restore_from, verify_backup
    from ptlog.store.database import describe

    source = Path(args.file)
    if not source.is_file():
        raise UsageError(f"{source}: no such file")
    _bind_without_check(args)
    try:
        verify_backup(source)
    except errors.CorruptDatabaseError as exc:
        raise UsageError(str(exc)) from None  # a bad file given: bad input, exit 2
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("restoring replaces the database: add --yes to confirm")
        answer = input(f"Replace {describe(getattr(args, 'db', None))} with {source}? "
                       "The current database is kept as a copy. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing was changed")
            return EXIT_OK
    result = restore_from(source)
    print(f"restored from {result.restored_from}; the previous database was kept as "
          f"{result.kept_copy}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from ptlog.store.check import check_database

    try:
        open_db(args)
    except errors.CorruptDatabaseError as exc:
        print(f"database: {exc}")
        return EXIT_ERROR
    findings = check_database()
    for finding in findings:
        print(finding)
    if findings:
        print(f"ptlog check: {len(findings)} problem(s) found", file=sys.stderr)
        return EXIT_ERROR
    print("database is sound: integrity ok, audit chain intact, every row matches its audit trail")
    return EXIT_OK
