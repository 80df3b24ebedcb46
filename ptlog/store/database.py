"""One database object, opened from a URL: SQLite by default, PostgreSQL for a clinic server.

``sqlite:///path/to/file.db`` or ``postgresql://user@host:port/dbname?sslmode=require``;
``PTLOG_DB`` does the same; without either, a SQLite file in the user's data folder.
Passwords are never stored by ptlog: libpq reads ``~/.pgpass``, service files and
``PGPASSWORD`` itself.
"""

from __future__ import annotations

import os
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from peewee import Database, OperationalError, PostgresqlDatabase, SqliteDatabase

from ptlog.atomic_files import make_private_folders
from ptlog.domain.i18n import N_
from ptlog.store import errors
from ptlog.store.drivers import ensure_driver
from ptlog.store.migrations import current_version, migrate
from ptlog.store.models import database_proxy
from ptlog.store.server_database import ServerDatabase
from ptlog.store.sqlite_files import is_read_only_file, read_only_uri
from ptlog.store.transactions import LOCK_WAIT_SECONDS
from ptlog.store.wal_checkpoint import wait_for_checkpoints

ENV_VAR = "PTLOG_DB"

SQLITE_PRAGMAS = (
    # 8 KiB pages for a new file (an existing one keeps its own): a million-reading import
    # wrote its table and seven indexes in 1.2 s less than with SQLite's 4 KiB (fewer page
    # splits and cells moved per row); must come before journal_mode, which writes the file
    ("page_size", 8192),
    ("journal_mode", "wal"),
    ("synchronous", 2),  # FULL: clinical data, and the write volume is tiny
    ("foreign_keys", 1),
    ("busy_timeout", LOCK_WAIT_SECONDS * 1000),
)
# a file its owner made read-only is opened with mode=ro: nothing that writes may run at connect
SQLITE_READ_ONLY_PRAGMAS = (
    ("foreign_keys", 1),
    ("busy_timeout", LOCK_WAIT_SECONDS * 1000),
    ("query_only", 1),
)

# databases opened read-only (the owner's file mode) and databases created by this process
_read_only: weakref.WeakSet[Database] = weakref.WeakSet()
_created: weakref.WeakSet[Database] = weakref.WeakSet()

# filesystems where SQLite locking is unreliable (SQLite's own FAQ): use the server mode instead
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "afs", "ncpfs", "9p", "fuse.sshfs",
    "fuse.rclone", "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre",
}
_SYNCED_FOLDER_NAMES = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "nextcloud",
                        "owncloud", "mobile documents", "box sync", "syncthing")

NETWORK_HINT = (
    "SQLite must not live on a network share or a cloud-synced folder (locking is unreliable and "
    "the file can be corrupted). Keep it on this computer, or use the clinic server mode: "
    "--db postgresql://user@server/ptlog"
)


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed database URL; ``display`` is safe to show (any password removed)."""

    scheme: str  # "sqlite" or "postgresql"
    path: Path | None  # SQLite file, None for ":memory:"
    pg_params: dict[str, str]
    display: str

    @property
    def is_sqlite(self) -> bool:
        return self.scheme == "sqlite"


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ptlog", appauthor=False)) / "ptlog.db"


def demo_url() -> str:
    """The demo database (``ptlog demo``, ``ptlog --demo``): a file of its own beside the
    user's database, so demo patients never mix with real ones."""
    return sqlite_url_for(default_sqlite_path().with_name("ptlog-demo.db"))


def resolve_url(url: str | None = None) -> str:
    """The URL in force: the argument, else ``PTLOG_DB``, else the per-user SQLite file."""
    return url or os.environ.get(ENV_VAR) or f"sqlite:///{default_sqlite_path()}"


_URL_HELP = "use sqlite:///path/to/file.db or postgresql://user@host:port/dbname"


def sqlite_url_for(path: Path) -> str:
    """The URL that ``parse_url`` reads back as exactly ``path`` (a ``%`` in a name is kept)."""
    return f"sqlite:///{str(path).replace('%', '%25')}"


def _redacted(url: str) -> str:
    """``url`` as it may be shown: a password in it is replaced by ***."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


def parse_url(url: str) -> DatabaseUrl:
    """Read a database URL; every URL names one place (no in-memory or empty SQLite path)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError as exc:
        raise errors.ValidationError(f"invalid database URL {_redacted(url)!r}: {exc}; {_URL_HELP}",
                                     field="db") from None
    scheme = parts.scheme.lower()
    if scheme in ("sqlite", "sqlite3"):
        return _parse_sqlite(url.strip())
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return _parse_postgresql(url.strip(), parts)
    raise errors.ValidationError(f"unsupported database URL {_redacted(url)!r}: {_URL_HELP}",
                                 field="db")


def _parse_sqlite(url: str) -> DatabaseUrl:
    raw = unquote(url.split("://", 1)[1]) if "://" in url else ""
    path_text = raw[1:] if raw.startswith("/") else raw
    if path_text.strip() in ("", ":memory:") or path_text.startswith(("file:", ":memory:")) \
            or "mode=memory" in path_text:
        # an unset shell variable ("sqlite:///$DB") would otherwise keep nothing anywhere
        raise errors.ValidationError(
            f"the database URL {url!r} names no file: give one, e.g. "
            "sqlite:///path/to/ptlog.db (an in-memory database keeps nothing)", field="db")
    path = Path(path_text)
    # sqlite:////abs and sqlite:///rel (SQLAlchemy); sqlite:///home/x.db is meant absolute by
    # most users: accept both spellings
    if not path.is_absolute() and Path("/" + path_text).parent.exists():
        path = Path("/" + path_text)
    path = path.expanduser()
    return DatabaseUrl("sqlite", path, {}, f"sqlite:///{path}")


def _parse_postgresql(full_url: str, parts: SplitResult) -> DatabaseUrl:
    url = _redacted(full_url)
    try:
        port = parts.port
    except ValueError:
        raise errors.ValidationError(
            f"the database URL {url!r} has a bad port: give a number from 1 to 65535 "
            "(e.g. postgresql://user@server:5432/ptlog)", field="db") from None
    host = parts.hostname or ""
    if host and not _HOST.fullmatch(host):
        raise errors.ValidationError(
            f"the database URL {url!r} has a bad host name {host!r}: give a name such as "
            "server.clinic.lan or an address such as 192.168.1.10", field="db")
    if port == 0:
        raise errors.ValidationError(
            f"the database URL {url!r} has a bad port: give a number from 1 to 65535", field="db")
    params: dict[str, str] = {}
    if host:
        params["host"] = host
    if port:
        params["port"] = str(port)
    if parts.username:
        params["user"] = unquote(parts.username)
    if parts.password:
        params["password"] = unquote(parts.password)
    dbname = unquote(parts.path.lstrip("/"))
    if dbname:
        params["dbname"] = dbname
    params.update(dict(parse_qsl(parts.query)))
    user = f"{unquote(parts.username)}@" if parts.username else ""
    shown_port = f":{port}" if port else ""
    return DatabaseUrl("postgresql", None, params,
                       f"postgresql://{user}{host or 'localhost'}{shown_port}/{dbname}")


# a DNS name, an IPv4 address or an IPv6 address (urlsplit has taken off the brackets)
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]+(?:%\w+)?")


def _mount_fstype(path: Path) -> str:
    """The filesystem type of the mount holding ``path`` (Linux /proc/mounts), '' if unknown."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    best, fstype = "", ""
    target = str(path.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, fields[2]
    return fstype


def check_local_path(path: Path) -> None:
    """Refuse a SQLite file on a network share or in a cloud-synced folder."""
    folder = path.parent
    lowered = str(path).lower()
    if any(name in lowered for name in _SYNCED_FOLDER_NAMES):
        raise errors.NetworkShareError(f"{path} is in a cloud-synced folder. {NETWORK_HINT}")
    if str(path).startswith(("\\\\", "//")):
        raise errors.NetworkShareError(f"{path} is on a network share. {NETWORK_HINT}")
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    fstype = _mount_fstype(probe)
    if fstype in _NETWORK_FS:
        raise errors.NetworkShareError(f"{path} is on a network share ({fstype}). {NETWORK_HINT}")


def _create_sqlite_file(path: Path) -> None:
    """A new, empty database file readable by the owner only; never touches an existing one."""
    make_private_folders(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def sqlite_database_exists(path: Path) -> bool:
    """Whether ``path`` holds something (an empty file is what an interrupted create left)."""
    try:
        return path.is_file() and path.stat().st_size > 0
    except OSError:
        return False


class _SqliteFile(SqliteDatabase):
    """peewee's SQLite database whose ``close`` first lets the copy of a big import's log into
    the file end (``wal_checkpoint``): once closed, the file is whole on its own, so a restore
    may replace it and a copy or move of it lacks nothing. (The benchmark moved a file it had
    just built and closed, its log left behind: 'database disk image is malformed'.)"""

    def close(self) -> bool:
        wait_for_checkpoints()
        return bool(super().close())


def connect(url: str | None = None, *, create: bool = True) -> Database:
    """A peewee database for ``url`` with our pragmas, not yet migrated nor bound.

    ``create=False`` (commands that only read): a missing SQLite file is ``NoDatabaseError``
    and nothing is created, not even a folder. A file its owner made read-only is opened
    read-only (``mode=ro``); ptlog never changes the mode of a file it did not just create.
    """
    parsed = parse_url(resolve_url(url))
    if parsed.is_sqlite:
        path = parsed.path
        assert path is not None
        check_local_path(path)
        if path.is_dir():
            raise errors.ValidationError(f"{path} is a folder: the database URL must name a "
                                         "file, e.g. sqlite:///path/to/ptlog.db", field="db")
        if not sqlite_database_exists(path):
            if not create:
                raise errors.NoDatabaseError.of(N_("no ptlog database at {place}"), place=path)
            if not path.exists():
                try:
                    _create_sqlite_file(path)
                except FileExistsError:
                    pass  # another process created it a moment ago: open theirs
                except OSError as exc:
                    raise _cannot_create(path, exc) from None
        if is_read_only_file(path):
            db = SqliteDatabase(read_only_uri(path), uri=True,
                                pragmas=SQLITE_READ_ONLY_PRAGMAS, timeout=LOCK_WAIT_SECONDS)
            _read_only.add(db)
        else:
            db = _SqliteFile(
                str(path), pragmas=SQLITE_PRAGMAS, timeout=LOCK_WAIT_SECONDS, lock_type="IMMEDIATE"
            )
        return db
    # libpq keywords go to psycopg as they are; peewee's own keywords are not among them
    ensure_driver()
    params: dict[str, Any] = dict(parsed.pg_params)
    dbname = params.pop("dbname", None)
    params.setdefault("application_name", "ptlog")
    params.setdefault("connect_timeout", "10")
    return ServerDatabase(dbname, prefer_psycopg3=True, **params)


def _cannot_create(path: Path, exc: OSError) -> errors.StoreError:
    if isinstance(exc, PermissionError):
        return errors.DatabaseReadOnlyError(
            f"Cannot create the database at {path}: {exc.strerror}")
    return errors.translate_os_error(exc, path) if exc.errno is not None else \
        errors.DatabaseUnavailableError(f"Cannot create the database at {path}: {exc}")


def is_read_only(db: Database | None = None) -> bool:
    """Whether ``db`` (default: the bound database) was opened read-only."""
    db = db if db is not None else database_proxy.obj
    return db is not None and db in _read_only


def created_new(db: Database | None = None) -> bool:
    """Whether opening ``db`` created a new, empty ptlog database."""
    db = db if db is not None else database_proxy.obj
    return db is not None and db in _created


def database_file(db: Database | None = None) -> Path | None:
    """The SQLite file behind ``db`` (default: the bound database); None for a server."""
    db = db if db is not None else database_proxy.obj
    if not isinstance(db, SqliteDatabase):
        return None
    name = str(db.database)
    if name.startswith("file:"):
        name = unquote(name[len("file:"):].split("?", 1)[0])
    return Path(name)


def describe(url: str | None = None) -> str:
    """The URL in force without any password, for status bars and messages."""
    try:
        return parse_url(resolve_url(url)).display
    except errors.StoreError:
        return "(invalid database URL)"


def open_database(url: str | None = None, *, bind: bool = True, verify: bool = True,
                  create: bool = True, tidy: bool = True) -> Database:
    """Connect, check, migrate and (by default) bind the models to the database.

    Raises a ``StoreError`` subclass with a readable message for anything the user can fix.
    ``verify=False`` leaves out SQLite's page check (``verify_integrity``), which reads the
    whole file (70 ms at 10k patients, 0.6 s at 100k): the window runs it after it is shown.
    ``create=False``: a place without a ptlog database is ``NoDatabaseError`` and nothing is
    created there. Opening takes no write lock unless a migration is due, so a reader never
    waits for another program's write transaction. ``tidy=False`` leaves ``tidy_after_open``
    to the caller (the window runs it with the page check, off the GUI thread).
    """
    db = connect(url, create=create)
    where = describe(url)
    try:
        db.connect(reuse_if_open=True)
        if verify:
            verify_integrity(db, where)
        empty = current_version(db) == 0
        if empty and not create:
            raise errors.NoDatabaseError.of(N_("no ptlog database at {place}"),
                                              place=_place(url))
        migrate(db, read_only=db in _read_only)
        from ptlog.store.audit_seal import enable

        enable(db)  # on a clinic server, events wait beside their change to be chained
        if empty:
            _created.add(db)
    except errors.StoreError:
        db.close()
        raise
    except (OperationalError, Exception) as exc:  # noqa: BLE001 - translated or re-raised
        db.close()
        translated = errors.translate(exc, where)
        if translated is None:
            raise
        raise translated from exc
    if bind:
        previous = database_proxy.obj
        if previous is not None and previous is not db and not previous.is_closed():
            from ptlog.store.witness import note_head_if_due

            witness_quietly(note_head_if_due)
            previous.close()  # one database object per process: release the old connection
        database_proxy.initialize(db)
        _sign_in(db)
        _seal_if_new()
        if tidy:
            tidy_after_open()
    return db


def tidy_after_open() -> None:
    """What opening the bound database leaves to do: a failed backup's leftovers removed,
    deferred and waiting audit events chained, the chain's head witnessed. Safe on any thread
    and at any time after the open (each step is its own transaction)."""
    from ptlog.store.backup import remove_leftovers

    remove_leftovers()  # what ``check`` cannot remove, it names
    if database_proxy.obj not in _read_only:
        add_waiting_audit_events()
        _chain_waiting_events()
    from ptlog.store.witness import note_head

    note_head()  # this workstation saw the chain this far (if it only grew since)


def _sign_in(db: Database) -> None:
    """On a clinic server with roles (``ptlog server init``) every audit event carries the
    signed-in role's name; elsewhere the clinician chosen in the window or ``--clinician``."""
    from ptlog.store import audit

    name: str | None = None
    if isinstance(db, PostgresqlDatabase):
        row = db.execute_sql(
            "SELECT session_user, EXISTS (SELECT 1 FROM pg_trigger "
            "WHERE tgname = 'audit_event_signed_in')").fetchone()
        if row and row[1]:
            name = str(row[0])
    audit.set_signed_in(name)


def _seal_if_new() -> None:
    """Key the audit chain of a database opened for the first time by a keyed ptlog."""
    from ptlog.store.audit import ensure_sealed

    try:
        ensure_sealed()
    except (errors.DatabaseReadOnlyError, errors.DatabaseLockedError) as exc:
        # a read-only copy is read as it is; `check` says the chain is not sealed
        import logging

        logging.getLogger(__name__).info("audit chain not sealed: %s", exc)
def _chain_waiting_events() -> None:
    """Events a stopped workstation left waiting on the clinic server join the chain now."""
    from ptlog.store.audit_seal import seal_waiting, staged

    if not staged(database_proxy.obj):
        return
    try:
        seal_waiting()
    except (OperationalError, errors.StoreError) as exc:  # e.g. a read-only role: check says it
        import logging

        logging.getLogger(__name__).info("waiting audit events not chained: %s", exc)


def add_waiting_audit_events() -> int:
    """Audit events deferred while another program was writing join the chain now (without
    waiting more than a moment: if the database is busy again, the next open does it)."""
    from ptlog.store.audit_outbox import flush
    from ptlog.store.output_target import short_busy_wait

    try:
        with short_busy_wait():
            return flush()
    except OperationalError as exc:
        if isinstance(errors.translate(exc), errors.DatabaseLockedError):
            return 0
        raise


def _place(url: str | None) -> str:
    parsed = parse_url(resolve_url(url))
    return str(parsed.path) if parsed.path is not None else parsed.display


def verify_integrity(db: Database, where: str | None = None) -> None:
    """SQLite ``quick_check`` of every page; ``CorruptDatabaseError`` if it finds damage."""
    if isinstance(db, SqliteDatabase):
        row = db.execute_sql("PRAGMA quick_check").fetchone()
        if row and row[0] != "ok":
            raise errors.CorruptDatabaseError(
                f"{where or 'the database'} failed its integrity check ({row[0]}): restore a "
                "backup with 'ptlog restore FILE'."
            )


def close_thread_connection() -> None:
    """Close this thread's connection (peewee keeps one per thread): worker threads call it
    when their job is done, so no idle connection holds the SQLite file open."""
    from ptlog.store.models import database_proxy
    from ptlog.store.witness import note_head_if_due

    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        witness_quietly(note_head_if_due)  # what this thread saved, before its connection goes
        database_proxy.obj.close()


def witness_quietly(note: Callable[[], object]) -> None:
    """Write a witness (``store.witness``) before a connection is let go; a database that
    cannot be read any more is not a reason to keep the connection (``check`` and ``restore``
    report it themselves)."""
    try:
        note()
    except Exception:  # noqa: BLE001 - logged; the witness is evidence, not the data
        import logging

        logging.getLogger(__name__).debug("no witness written", exc_info=True)


def close_database(db: Database) -> None:
    if not db.is_closed():
        db.close()
