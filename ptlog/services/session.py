"""Which database this process works on: open it, describe it, let go of it.

The window and every command open the database here, once, from a URL (DESIGN §3); worker
threads close their own connection when their job is done.
"""

from __future__ import annotations

from ptlog.store import database as _database
from ptlog.store.models import database_proxy
from ptlog.store.secret import SecretMissingError

__all__ = ["SecretMissingError", "close", "close_thread_connection", "describe", "open_database",
           "open_without_check", "resolve_url", "set_clinician", "verify_open_database",
           "finish_opening"]

describe = _database.describe
resolve_url = _database.resolve_url
close_thread_connection = _database.close_thread_connection


def open_database(url: str | None = None, *, verify: bool = True, create: bool = True,
                  tidy: bool = True) -> bool:
    """Connect, check, migrate and bind the database at ``url`` (``$PTLOG_DB`` or the default).

    ``create=False`` (what only reads): no database there is ``NoDatabaseError`` and nothing
    is created. ``verify=False, tidy=False``: the caller runs ``finish_opening`` later.
    Returns whether a new database was created.
    """
    return _database.created_new(_database.open_database(url, verify=verify, create=create,
                                                         tidy=tidy))


def database_place(url: str | None = None) -> str:
    """The file (or server database) ``url`` names, for messages such as "created … at"."""
    parsed = _database.parse_url(_database.resolve_url(url))
    return str(parsed.path) if parsed.path is not None else parsed.display


def missing_sqlite_file(url: str | None = None) -> str | None:
    """The SQLite file ``url`` names when there is no database in it yet, else None (also
    for a folder: opening it says that it is one, rather than offering to create a database
    there first)."""
    parsed = _database.parse_url(_database.resolve_url(url))
    if parsed.path is None or parsed.path.is_dir() \
            or _database.sqlite_database_exists(parsed.path):
        return None
    return str(parsed.path)


def is_server(url: str | None = None) -> bool:
    """Whether ``url`` names a clinic server (PostgreSQL) rather than a SQLite file."""
    return not _database.parse_url(_database.resolve_url(url)).is_sqlite


def is_read_only() -> bool:
    """Whether the open database was opened read-only (its owner's file permissions)."""
    return _database.is_read_only()


def open_without_check(url: str | None = None) -> None:
    """Bind the database even when it is too damaged to open normally (check, restore)."""
    database_proxy.initialize(_database.connect(url))


def verify_open_database() -> None:
    """SQLite's page check of the open database (the window runs it after it is shown)."""
    _database.verify_integrity(database_proxy.obj)


def finish_opening() -> None:
    """What ``open_database(verify=False, tidy=False)`` left: the page check, then the tidying
    (leftovers, waiting audit events, the witness). The window runs it off the GUI thread
    once it is shown."""
    verify_open_database()
    _database.tidy_after_open()


def close() -> None:
    """Close this process's connection, if one is open; what it wrote is witnessed first."""
    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        from ptlog.store.witness import note_head

        _database.witness_quietly(note_head)  # the chain head this process leaves
        database_proxy.obj.close()


def set_clinician(name: str) -> None:
    """The clinician this process records in the audit trail (``ptlog --clinician``)."""
    from ptlog.store import audit

    audit.set_clinician(name)


def login_user(url: str | None = None) -> str:
    """The user name a server URL signs in as ('' for none, or for a SQLite file)."""
    from ptlog.store import server

    resolved = _database.resolve_url(url)
    return "" if _database.parse_url(resolved).is_sqlite else server.login_user(resolved)


def sign_in(url: str | None, user: str, password: str) -> str:
    """The server URL signing in as ``user``, after the server accepted ``password``.

    The password lives only in the returned URL, in this process's memory (the window's
    connections need it); it is never written to a file, a setting or a log. Raises
    ``SignInRefusedError`` for a wrong one."""
    from ptlog.store import server

    signed = server.with_login(_database.resolve_url(url), user, password)
    server.try_login(signed)
    return signed
