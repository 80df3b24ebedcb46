"""Database problems a user can act on, each with a message meant for them.

Anything not mapped here is a bug: it is logged with its traceback, not shown as one.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from typing import Self

from ptlog.domain.limits import InputError
from ptlog.domain.limits import check_texts as domain_check_texts


class StoreError(Exception):
    """A problem the user can understand and act on; ``str(error)`` is the message to show.

    Made with ``of``, it also carries its catalog message (``message_id`` marked ``N_``,
    ``values``), so the window and the CLI can say it in the user's language
    (``Translator.error_text``); ``str`` stays English for logs."""

    def __init__(self, message: str = "", *, message_id: str = "",
                 values: dict[str, object] | None = None, terms: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message_id = message_id
        self.values = dict(values or {})
        self.terms = terms

    @classmethod
    def of(cls, message_id: str, **values: object) -> Self:
        """The error of a catalog message (marked ``N_``) with its named ``values``
        (``ValidationError.said`` also names the field)."""
        return cls(message_id.format(**values), message_id=message_id, values=values)


class DatabaseLockedError(StoreError):
    pass


class DatabaseReadOnlyError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


class NetworkShareError(StoreError):
    pass


class CorruptDatabaseError(StoreError):
    pass


class SchemaTooNewError(StoreError):
    pass


class DatabaseUnavailableError(StoreError):
    """The server cannot be reached or refused the login."""


class SignInRefusedError(DatabaseUnavailableError):
    """The clinic server wants a password it was not given, or refused the one it was given:
    the window asks the person to sign in (``password_given``: it was a wrong one)."""

    def __init__(self, message: str, *, password_given: bool) -> None:
        super().__init__(message)
        self.password_given = password_given


class PermissionDeniedError(StoreError):
    """The server's roles do not allow this (a read-only user saving, a clinician deleting)."""


class NotFoundError(StoreError):
    pass


class NoDatabaseError(NotFoundError):
    """A command that only reads was pointed at a place with no ptlog database (exit 2)."""


class FilePermissionError(StoreError):
    """The operating system refused to write a file or folder (permissions, read-only disk)."""


class ConflictError(StoreError):
    """Someone else saved this record first (optimistic locking)."""

    def __init__(self, message: str, *, changed_by: str = "", changed_at: str = "") -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class ValidationError(StoreError):
    """Input that breaks a rule; ``field`` names the offending input when there is one."""

    def __init__(self, message: str, *, field: str = "", message_id: str = "",
                 values: dict[str, object] | None = None, terms: tuple[str, ...] = ()) -> None:
        # as ``InputError``: the catalog message, so the window can say it in its language
        super().__init__(message, message_id=message_id, values=values, terms=terms)
        self.field = field

    @classmethod
    def said(cls, message_id: str, *, field: str = "", terms: tuple[str, ...] = (),
             **values: object) -> Self:
        """The error of a catalog message (marked ``N_``) with its named ``values``."""
        return cls(message_id.format(**values), field=field, message_id=message_id,
                   values=values, terms=terms)

    @classmethod
    def from_input(cls, error: BaseException, *, field: str = "") -> ValidationError:
        """An ``InputError`` as a store error, keeping its catalog message."""
        return cls(str(error), field=field or getattr(error, "field", ""),
                   message_id=getattr(error, "message_id", ""),
                   values=getattr(error, "values", None), terms=getattr(error, "terms", ()))


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


# bad input or usage (exit 2); every other StoreError is the environment (exit 3)
BAD_INPUT: tuple[type[StoreError], ...] = (
    ValidationError, NotFoundError, SchemaTooNewError, NetworkShareError,
)


def is_bad_input(error: StoreError) -> bool:
    """Whether ``error`` is the user's input (exit 2) rather than the environment (exit 3)."""
    return isinstance(error, BAD_INPUT)


def translate_os_error(error: OSError, target: str | os.PathLike[str]) -> StoreError:
    """A failed file write as a sentence naming the file and the cause."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"The disk holding {target} is full: free some space, then retry. "
                             "Nothing was written.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return FilePermissionError(f"cannot write {target}: {reason} (check the folder's "
                                   "permissions). Nothing was written.")
    if error.errno in (errno.EISDIR, errno.ENOTDIR, errno.ENOENT, errno.EBUSY):
        return ValidationError(f"cannot write {target}: {reason}. Nothing was written.",
                               field="output")
    return FilePermissionError(f"cannot write {target}: {reason}. Nothing was written.")


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised while handling, the first cause first."""
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return list(reversed(seen))


def translate(error: BaseException, where: str = "the database") -> StoreError | None:
    """Map a driver exception to a user-facing error, or None when it is a bug.

    The chain is read from its first cause: after "database or disk is full" SQLite has
    already rolled back, and peewee's failed ROLLBACK ("cannot rollback - no transaction is
    active") must not hide the real reason.
    """
    for cause in _chain(error):
        if isinstance(cause, StoreError):
            return cause
        found = _translate_one(cause, where)
        if found is not None:
            return found
    return None


_ENVIRONMENT_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS)


def _translate_one(error: BaseException, where: str) -> StoreError | None:
    if isinstance(error, OSError) and error.errno in _ENVIRONMENT_ERRNOS:
        return translate_os_error(error, error.filename or where)
    text = str(error).lower()
    if isinstance(error, sqlite3.Error) or type(error).__module__.startswith("peewee"):
        if "locked" in text or "busy" in text:
            return DatabaseLockedError(
                f"{where} is busy: another ptlog window or program is writing to it. "
                "Try again in a moment."
            )
        if "readonly" in text or "read-only" in text or "attempt to write a readonly" in text:
            return DatabaseReadOnlyError(
                f"{where} is read-only (its file permissions, or a read-only disk): "
                "nothing was changed."
            )
        if "disk is full" in text or "database or disk is full" in text:
            return DiskFullError(f"The disk holding {where} is full: free some space, then retry.")
        if "malformed" in text or "not a database" in text or "file is encrypted" in text:
            return CorruptDatabaseError(
                f"{where} is damaged or not a ptlog database: restore a backup "
                "(ptlog restore FILE) or run 'ptlog check'."
            )
        if "unable to open" in text:
            return DatabaseUnavailableError(f"Cannot open {where}: {error}")
    module = type(error).__module__
    # peewee re-raises psycopg's errors as its own classes: look at the text for both
    if module.startswith(("psycopg", "peewee")):
        if "role" in text and "does not exist" in text:
            raw = str(error)
            role = raw.split('role "', 1)[1].split('"', 1)[0] if 'role "' in raw else ""
            return DatabaseUnavailableError(
                f"The clinic server refused the login: it has no user {role!r}; fix the user "
                "in the URL (postgresql://USER@host/dbname) or ask its administrator.")
        if "database" in text and "does not exist" in text:
            return NoDatabaseError(
                f"The clinic server has no such database: {_first_line(error)} — create it "
                "(createdb NAME) or fix the name in the URL."
            )
        if "password authentication failed" in text or "no password supplied" in text:
            return SignInRefusedError(
                "The clinic server refused the login: set the password in ~/.pgpass or "
                "PGPASSWORD (ptlog never stores it).",
                password_given="password authentication failed" in text)
        if any(phrase in text for phrase in (
                "could not connect", "connection refused", "timeout", "connection failed",
                "could not translate host name", "name or service not known")):
            return DatabaseUnavailableError(
                f"Cannot reach the clinic server: {_first_line(error)}".strip())
        if "read-only" in text:
            return DatabaseReadOnlyError(f"The clinic server is read-only: {error}")
        if "permission denied" in text or "append-only" in text or "signed-in user" in text:
            return PermissionDeniedError(
                f"The clinic server refused: {_first_line(error)} (your role may not do this; "
                "nothing was changed)")
        if "no space left" in text or "disk full" in text:
            return DiskFullError(f"The clinic server's disk is full: {error}")
    return None


def check_texts(**values: str) -> None:
    """The domain's text limits (``ptlog.domain.limits``) for each field given, as a
    ``ValidationError`` naming the field: every way into the store checks them."""
    try:
        domain_check_texts(**values)
    except InputError as exc:
        raise ValidationError(str(exc), field=exc.field) from None
