"""The one rule for where ptlog may write a file the user named (export, report, backup -o, …).

Never the open database, its ``-wal``/``-shm``/``-journal``, anything in its backups folder or
any other SQLite file; never a folder, ``.`` or an empty name; an existing file only when the
user said so (``--force``, or Yes in the window's question). The command line and the window
both ask here before they write anything.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ptlog.atomic_files import RenameHook, atomic_writer
from ptlog.domain.i18n import N_
from ptlog.store import errors
from ptlog.store.audit_outbox import PlannedEvent
from ptlog.store.sqlite_files import (
    companions,
    is_read_only_file,
    is_read_only_folder,
    is_sqlite_file,
)


class OutputExistsError(errors.ValidationError):
    """The target exists and replacing it was not asked for (the window asks, then forces)."""

    def __init__(self, path: Path) -> None:
        message_id = N_("{path} already exists: add --force to replace it (nothing was written)")
        super().__init__(message_id.format(path=path), field="output", message_id=message_id,
                         values={"path": path})
        self.path = path


def _protected_files() -> list[Path]:
    from ptlog.store.audit_outbox import outbox_path
    from ptlog.store.database import database_file

    db_file = database_file()
    if db_file is None:
        return []
    outbox = outbox_path()
    return [db_file, *companions(db_file), *([outbox] if outbox is not None else [])]


def _backups_folder() -> Path | None:
    from ptlog.store.models import database_proxy

    if database_proxy.obj is None:
        return None
    from ptlog.store.backup import default_backup_dir

    try:
        return default_backup_dir()
    except errors.StoreError:
        return None


def _same_place(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)  # also a hard link or a symlink to it
    except OSError:
        pass
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def check_output(path: str | os.PathLike[str] | None, *, force: bool = False) -> Path:
    """The target as a ``Path`` if ptlog may write it; else a one-line ``ValidationError``
    (bad input: exit 2) or ``FilePermissionError`` (a read-only folder: exit 3).

    Call it before any work; the writers call it again just before they write.
    """
    text = "" if path is None else os.fspath(path)
    if not text.strip():
        raise errors.ValidationError("no output file given: name the file to write",
                                     field="output")
    if text.strip() == "-":  # the shells' "standard output": ptlog writes (and audits) files
        raise errors.ValidationError.said(
            N_("'-' is not a file: ptlog writes its output to a file, not to the terminal; "
               "name the file (for a file called '-', write ./-)"), field="output")
    target = Path(text).expanduser()
    if text.endswith(("/", os.sep)) or target.name in ("", ".", "..") or target.is_dir():
        raise errors.ValidationError(f"cannot write {text}: it is a folder, give a file name",
                                     field="output")
    folder = target.parent
    if not folder.is_dir():
        raise errors.ValidationError.said(N_("cannot write {target}: folder {folder} does not "
                                             "exist"), field="output", target=target,
                                          folder=folder)
    for protected in _protected_files():
        if _same_place(target, protected):
            if protected == _protected_files()[0]:
                raise errors.ValidationError.said(
                    N_("refusing to write {target}: it is the open database; choose another "
                       "file name"), field="output", target=target)
            raise errors.ValidationError.said(
                N_("refusing to write {target}: it is part of the open database ({name}); "
                   "choose another file name"), field="output", target=target,
                name=protected.name)
    backups = _backups_folder()
    if backups is not None and backups.exists() and _inside(target, backups):
        raise errors.ValidationError.said(
            N_("refusing to write {target}: it is inside the backups folder {backups}, which "
               "holds ptlog's own copies; choose another folder"), field="output",
            target=target, backups=backups)
    if is_sqlite_file(target):
        raise errors.ValidationError.said(
            N_("refusing to write {target}: it is a SQLite database (or part of one) and could "
               "hold clinical data; choose another file name"), field="output", target=target)
    if target.exists() and not force:
        raise OutputExistsError(target)
    if target.exists() and is_read_only_file(target):
        raise errors.FilePermissionError.of(
            N_("cannot replace {target}: its owner made it read-only. Nothing was written."),
            target=target)
    if is_read_only_folder(folder):
        raise errors.FilePermissionError.of(
            N_("cannot write {target}: folder {folder} is read-only. Nothing was written."),
            target=target, folder=folder)
    if target.exists() and not target.is_file():
        raise errors.ValidationError.said(N_("cannot write {target}: it is not a regular file"),
                                          field="output", target=target)
    return target


# how long an export waits for another program's write lock before its event waits instead
_AUDIT_WAIT_MS = 500


@contextlib.contextmanager
def short_busy_wait() -> Iterator[None]:
    """SQLite: wait at most ``_AUDIT_WAIT_MS`` for the write lock (a reader never waits long)."""
    from peewee import SqliteDatabase

    from ptlog.store.models import database_proxy

    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase):
        yield
        return
    before = db.execute_sql("PRAGMA busy_timeout").fetchone()[0]
    db.execute_sql(f"PRAGMA busy_timeout = {_AUDIT_WAIT_MS}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA busy_timeout = {int(before)}")


def _audited(event: Callable[[], PlannedEvent] | None, target: Path) -> RenameHook | None:
    """Record the event and rename in one transaction: the file appears only with its audit
    event, and a failed event (or commit) is said in words and leaves no file behind.

    If another program holds SQLite's write lock, the event is deferred to the audit outbox
    (on disk before the file appears) instead of making a reader wait (issue 14)."""
    if event is None:
        return None

    def around_rename(rename: Callable[[], None]) -> None:
        from ptlog.store.audit_outbox import defer, outbox_path, record_planned
        from ptlog.store.database import is_read_only

        planned = event()
        renamed = False

        def rename_once() -> None:
            nonlocal renamed
            rename()
            renamed = True

        try:
            with short_busy_wait():
                from ptlog.store.models import database_proxy

                with database_proxy.atomic():
                    record_planned(planned)
                    rename_once()
        except OSError:
            raise
        except Exception as exc:
            cause = exc if isinstance(exc, errors.StoreError) else errors.translate(exc)
            if cause is None:
                raise
            if isinstance(cause, errors.DatabaseLockedError) and not renamed \
                    and outbox_path() is not None and not is_read_only():
                defer(planned)
                rename_once()
                return
            reason = str(cause)
            message = (f"{target.name} was not written: it could not be recorded in the audit "
                       f"trail: {reason[:1].lower()}{reason[1:]}")
            raise _same_kind(cause, message) from exc

    return around_rename


def _same_kind(error: errors.StoreError, message: str) -> errors.StoreError:
    if isinstance(error, errors.ValidationError):
        return errors.ValidationError(message, field=error.field)
    try:
        return type(error)(message)
    except TypeError:  # an error class with other arguments: keep the words, not the class
        return errors.StoreError(message)


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str] | None, mode: str = "w", *, force: bool = False,
                audit_event: Callable[[], PlannedEvent] | None = None,
                **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Write a file the user named: checked by ``check_output``, written to a temporary file,
    ``audit_event`` recorded, then renamed into place; any failure leaves no file and the
    old one (if any) as it was. OS errors become one-line ``StoreError`` s."""
    target = check_output(path, force=force)
    try:
        with atomic_writer(target, mode, around_rename=_audited(audit_event, target),
                           **open_kwargs) as handle:
            yield handle
    except OSError as exc:
        raise errors.translate_os_error(exc, target) from exc


def write_output(path: str | os.PathLike[str] | None, data: bytes, *, force: bool = False,
                 audit_event: Callable[[], PlannedEvent] | None = None) -> Path:
    """``open_output`` for bytes already made (a PDF, a JSON bundle); returns the target."""
    with open_output(path, "wb", force=force, audit_event=audit_event) as handle:
        handle.write(data)
    return Path(os.fspath(path or "")).expanduser()
