"""Back up the database, thin old backups, restore one (keeping a copy of what it replaces)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ptlog.services.changes import Changes, Done
from ptlog.store import backup as _backup
from ptlog.store import backup_crypto as _backup_crypto
from ptlog.store.backup import (
    AutoBackup,
    BackupInfo,
    BrokenAuditError,
    CheckedBackup,
    RestoreResult,
)
from ptlog.store.models import utc_now

__all__ = ["AutoBackup", "BackupInfo", "BrokenAuditError", "CheckedBackup", "RestoreResult",
           "backup", "backup_on_worker", "check_backup", "default_backup_dir", "is_encrypted",
           "list_backups", "on_close_on_worker", "passphrase_problem", "remove_leftovers",
           "restore", "restore_checked", "tick_on_worker", "verify_backup"]

default_backup_dir = _backup.default_backup_dir
list_backups = _backup.list_backups
verify_backup = _backup.verify_backup
is_encrypted = _backup_crypto.is_encrypted
passphrase_problem = _backup_crypto.passphrase_problem
backup_on_worker = _backup.backup_on_worker
tick_on_worker = _backup.tick_on_worker
on_close_on_worker = _backup.on_close_on_worker
remove_leftovers = _backup.remove_leftovers
check_backup = _backup.check_backup


def backup(output: str | os.PathLike[str] | None = None, *, force: bool = False,
           passphrase: str | None = None) -> tuple[Path, list[Path]]:
    """A verified backup to ``output`` (or the backup folder, then thinned to 12 daily,
    10 weekly and 9 monthly); returns it and the older backups removed. ``output`` must pass
    ``output_target.check_output`` (``force`` replaces an existing file). With ``passphrase``
    it is encrypted (AES-256-GCM, key from the passphrase by scrypt)."""
    path = _backup.backup_to(output, force=force, passphrase=passphrase)
    removed = _backup.thin_backups(utc_now()) if output is None else []
    return path, removed


def restore(path: str | os.PathLike[str], *, now: dt.datetime | None = None,
            accept_broken_audit: bool = False, passphrase: str | None = None,
            ) -> Done[RestoreResult]:
    """Replace the open database with a checked backup; everything shown may have changed.

    A backup whose audit chain fails verification raises ``BrokenAuditError`` unless
    ``accept_broken_audit`` (then the new trail records that it was accepted)."""
    return Done(_backup.restore_from(path, now=now, accept_broken_audit=accept_broken_audit,
                                     passphrase=passphrase), Changes.all())


def restore_checked(checked: CheckedBackup, *, now: dt.datetime | None = None,
                    ) -> Done[RestoreResult]:
    """The quick half of ``restore`` for a backup ``check_backup`` passed (the window checks
    off the GUI thread, then swaps on it); the checked file's private copy is discarded."""
    try:
        return Done(_backup.restore_checked(checked, now=now), Changes.all())
    finally:
        checked.discard()
